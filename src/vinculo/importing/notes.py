"""The text of the notes importers create: contact notes and meeting notes.

A contact note starts from the "contact" template (the vault's own file in its templates
folder, else the built-in one), so an imported person looks like one added by hand; the
imported properties are then set through the same renderer the safe write path uses. A
meeting note is built here: its date, time and attendees come from the event, not from now.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from vinculo.errors import PropertyError
from vinculo.importing.writing import text_with_properties
from vinculo.notes import find_frontmatter, parse_yaml

if TYPE_CHECKING:
    from vinculo.importing.base import ImportContext


def unique_rel(folder: str, title: str, taken: set[str]) -> str:
    """``folder/title.md``, or ``folder/title (2).md`` … when that name is already used.

    ``taken`` holds the vault's paths casefolded (macOS and Windows compare names that way).
    Never ``title 2.md``: that is how iCloud names its conflict copies, which vinculo ignores.
    """
    prefix = f"{folder}/" if folder else ""
    rel = f"{prefix}{title}.md"
    n = 2
    while rel.casefold() in taken:
        rel = f"{prefix}{title} ({n}).md"
        n += 1
    return rel


def render_template(name: str, title: str, moment: dt.datetime, ctx: ImportContext) -> str | None:
    """The vault's (or a plugin's) template ``name`` rendered for ``title`` at ``moment``, or
    None when there is no such template."""
    try:
        from vinculo.templates import find_template, obsidian_formats, render
    except ImportError:  # pragma: no cover - the templates module ships with vinculo
        return None
    key = ("template", name)
    if key not in ctx.cache:  # read the templates folder once per import, not once per row
        ctx.cache[key] = (find_template(name, ctx.vault, ctx.config, ctx.pm),
                          obsidian_formats(ctx.vault))
    found, (date_format, time_format) = ctx.cache[key]
    if found is None:
        return None
    return render(found.template.body, title, moment, date_format, time_format)


def _declared(text: str) -> dict[str, Any]:
    bounds = find_frontmatter(text)
    data = parse_yaml(text[bounds[0] : bounds[1]])[0] if bounds else None
    return data or {}


def new_contact_note(title: str, properties: dict[str, Any], ctx: ImportContext) -> bytes:
    """A new contact note from the "contact" template (else a minimal one) with
    ``properties``. A template's ``connected: {{date}}`` would claim you connected today;
    when the source does not say, the value is emptied instead."""
    moment = dt.datetime.combine(ctx.today, dt.time(9, 0))
    text = render_template("contact", title, moment, ctx) or f"---\n---\n# {title}\n"
    declared = _declared(text)
    values = dict(properties)
    if not declared.get("type"):
        values = {"type": "person", **values}
    if "connected" in declared and "connected" not in values and declared["connected"]:
        values["connected"] = None
    try:
        return text_with_properties(text, values).encode("utf-8")
    except PropertyError:  # a template whose frontmatter cannot take them: the skeleton
        return text_with_properties(f"# {title}\n", {"type": "person", **properties}).encode()


def new_meeting_note(title: str, properties: dict[str, Any], body: str) -> bytes:
    """A new meeting note: its properties, a heading and the event's own text."""
    text = f"# {title}\n"
    if body.strip():
        text += f"\n{body.strip()}\n"
    return text_with_properties(text, {"type": "meeting", **properties}).encode("utf-8")
