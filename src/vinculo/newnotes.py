"""New notes from templates: a contact, a meeting with its attendees linked, any template.

Computes the new file (path and bytes) and what the user should hear about it ("did you mean
Ana Garcia?"); writing it is the write-back's job (``FileChange(before=None)``: never an
overwrite).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pluggy

from vinculo.config import Config
from vinculo.contacts import build_contacts
from vinculo.errors import InputError
from vinculo.linking import LinkPaths, contact_link, link_paths
from vinculo.model import Contact, Note, Template
from vinculo.name_lookup import similar_contacts
from vinculo.notes import parse_note
from vinculo.palette.daily import append_under_heading
from vinculo.templates import find_template, obsidian_formats, render, safe_filename
from vinculo.text import fold
from vinculo.vault import scan_vault


class NewNoteError(InputError, ValueError):
    """The note cannot be made as asked; the message says why in one line."""


class NearDuplicate(NewNoteError):
    """The name differs from a note's only by case or accents: made only when forced (each
    caller says how to force it)."""


@dataclass
class NewNote:
    """A note to create: where, its bytes, and warnings worth showing before writing it."""

    rel: str
    data: bytes
    title: str
    warnings: list[str] = field(default_factory=list)


def vault_contacts(vault: Path, config: Config, pm: pluggy.PluginManager) -> dict[str, Contact]:
    """The vault's contacts, without the rest of the pipeline (no mentions, no history)."""
    return vault_people(vault, config, pm)[0]


def vault_people(vault: Path, config: Config,
                 pm: pluggy.PluginManager) -> tuple[dict[str, Contact], LinkPaths]:
    """The vault's contacts and how a link to each is written (a path when other notes
    share the title), from one scan."""
    notes = scan_vault(vault, config).notes
    contacts = build_contacts(notes, pm, config)
    return contacts, link_paths((n.rel for n in notes), contacts)


def target_folder(template: Template, config: Config, folder: str | None) -> str:
    """``folder`` when given; else the template's, which names a ``[folders]`` setting
    (``people``, ``meetings``) or is a literal folder."""
    if folder is not None:
        return folder.strip("/")
    if not template.folder:
        return ""
    configured = config.get(f"folders.{template.folder}")
    return str(configured if configured is not None else template.folder).strip("/")


def make_note(
    vault: Path,
    config: Config,
    pm: pluggy.PluginManager,
    template_name: str,
    title: str,
    now: dt.datetime,
    *,
    folder: str | None = None,
    properties: dict[str, Any] | None = None,
    dated: bool = False,
) -> NewNote:
    """Render ``template_name`` as a new note titled ``title``; ``properties`` (None values
    skipped) are then set in its frontmatter through the write-back's surgical editor. With
    ``dated``, its file name opens with the date of ``now`` when the names of the notes in
    its folder open with theirs (:func:`date_prefix`)."""
    found = find_template(template_name, vault, config, pm)
    if found is None:
        raise NewNoteError(f"no template named {template_name!r} (see: vinculo templates list)")
    try:
        name = safe_filename(title)
    except ValueError as exc:
        raise NewNoteError(str(exc)) from None
    where = target_folder(found.template, config, folder)
    prefix = date_prefix(vault, where, now.date()) if dated else ""
    rel = f"{where}/{prefix}{name}.md" if where else f"{prefix}{name}.md"
    if (vault / rel).exists():
        raise NewNoteError(f"{rel} already exists: not overwritten")
    date_format, time_format = obsidian_formats(vault)
    text = render(found.template.body, name, now, date_format, time_format)
    data = text.encode("utf-8")
    values = {k: v for k, v in (properties or {}).items() if v is not None}
    if values:
        from vinculo.writeback import WriteBackError, set_properties

        note = parse_note(vault / rel, rel, data)
        try:
            data = set_properties(note, values)
        except WriteBackError as exc:  # the template's frontmatter cannot take them
            raise NewNoteError(f"template {found.template.name!r}: {exc}") from None
    warnings = [] if name == title.strip() else [f"file name made safe: {name!r}"]
    return NewNote(rel=rel, data=data, title=name, warnings=warnings)


def new_contact(
    vault: Path,
    config: Config,
    pm: pluggy.PluginManager,
    name: str,
    now: dt.datetime,
    properties: dict[str, Any] | None = None,
    folder: str | None = None,
    force: bool = False,
    notes: list[Note] | None = None,
) -> NewNote:
    """A contact note in the people folder; refuses a name another contact already has, and
    (unless ``force``) a name that differs from a contact's or a note's only by case or
    accents anywhere in the vault ("rodrigo sanz" next to Rodrigo Sanz.md clashes on a
    case-insensitive file system; "Jose Romero" next to José Romero.md is the same person);
    warns about other near-duplicates ("did you mean Ana Garcia?"). ``notes``: the vault's
    notes, when the caller has read them already (they are read here otherwise)."""
    if notes is None:
        notes = scan_vault(vault, config).notes
    contacts = build_contacts(notes, pm, config)
    try:
        title = safe_filename(name)
    except ValueError as exc:
        raise NewNoteError(str(exc)) from None
    same = [c for c in contacts.values() if c.name == title]
    if same:
        raise NewNoteError(f"a contact named {title!r} already exists: {same[0].rel}")
    if not force:
        key = fold(title)
        folded = sorted(
            [c.rel for c in contacts.values() if fold(c.name) == key]
            or [n.rel for n in notes if n.title != title and fold(n.title) == key]
        )
        if folded:
            raise NearDuplicate(
                f"{title!r} differs from {folded[0]} only by case or accents: not created")
    note = make_note(vault, config, pm, "Contact", name, now, folder=folder, properties=properties)
    similar = [n for n in similar_contacts(title, contacts) if n != title]
    if similar:
        note.warnings.append(f"did you mean {' or '.join(similar[:3])}?")
    return note


_DATED = re.compile(r"^\d{4}-\d{2}-\d{2}( - | |_|-)")


def date_prefix(vault: Path, folder: str, day: dt.date) -> str:
    """``"2026-11-29 "`` when most notes in ``folder`` open their name with their date (as
    "2026-11-20 Preparación del taller.md" does), with the separator they use; else ""."""
    try:
        names = [p.name for p in (vault / folder).iterdir() if p.suffix == ".md"]
    except OSError:
        return ""
    seps = [m[1] for m in map(_DATED.match, names) if m]
    if not seps or len(seps) * 2 < len(names):
        return ""
    return day.isoformat() + max(set(seps), key=seps.count)


def new_meeting(
    vault: Path,
    config: Config,
    pm: pluggy.PluginManager,
    title: str,
    attendees: list[str],
    now: dt.datetime,
    *,
    template: str = "Meeting",
    properties: dict[str, Any] | None = None,
    folder: str | None = None,
    paths: LinkPaths | None = None,
) -> NewNote:
    """A meeting note whose attendees (contact names, already resolved) are ``[[links]]``:
    in the ``attendees`` property, and as a list under the template's Attendees heading.
    Its file name opens with its date (``now``) when the folder's meeting notes' names do.
    ``paths`` (:func:`vault_people`): an attendee whose title other notes share is linked
    by a path that opens their note."""
    links = [contact_link(a, paths) for a in dict.fromkeys(attendees)]
    values = {**(properties or {}), **({"attendees": links} if links else {})}
    note = make_note(vault, config, pm, template, title, now, folder=folder, properties=values,
                     dated=True)
    text = note.data.decode("utf-8")
    heading = next(
        (line.strip() for line in text.splitlines()
         if line.startswith("#") and fold(line.lstrip("#").strip()) in {"attendees", "asistentes"}),
        None,
    )
    if heading:
        for link in links:
            text = append_under_heading(text, heading, f"- {link}")
        note.data = text.encode("utf-8")
    return note
