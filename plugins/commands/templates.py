"""``vinculo new contact|meeting|note`` and ``vinculo templates list|install``.

Notes are made from templates (built-in, contributed by plugins, or the vault's own files of
the same name) and written through the safe write path: never over an existing file.
"""

from __future__ import annotations

import datetime as dt
import shlex
import sys
from pathlib import Path
from typing import Any

import click

from vinculo.hookspecs import hookimpl

DRY_RUN = click.option("--dry-run", is_flag=True, help="Print the exact diff; write nothing.")


def _now(session: Any) -> dt.datetime:
    return dt.datetime.combine(session.today, dt.datetime.now().time().replace(microsecond=0))


def _write(session: Any, note: Any, reason: str, dry_run: bool, as_json: bool = False,
           extra: dict[str, Any] | None = None, silent: bool = False) -> None:
    """Write one new note (or show its diff), then name it with its Obsidian link.
    ``extra``: more keys for the ``--json`` answer; ``silent``: print nothing (a note the
    ``--json`` answer of another one names)."""
    from vinculo.command_api import echo_json
    from vinculo.errors import VaultError
    from vinculo.obsidian import note_line, open_url
    from vinculo.writeback import FileChange, apply_changes

    if not as_json and not silent:
        for warning in note.warnings:
            click.echo(f"warning: {warning}", err=True)
    change = FileChange(note.rel, None, note.data, reason=reason)
    report = apply_changes(session.vault, [change], dry_run=dry_run, pm=session.pm)
    if report.skipped:
        rel, why = report.skipped[0]
        raise VaultError(f"{rel}: {why}")
    if silent:
        return
    if as_json:
        echo_json({"path": note.rel, "url": open_url(session.vault, note.rel),
                   "warnings": note.warnings, "written": not dry_run, "diff": report.diff,
                   **(extra or {})})
        return
    if dry_run:
        click.echo(report.diff, nl=False)
        click.echo("(dry run: nothing written)", err=True)
        return
    click.echo(f"Created {note_line(session.vault, note.rel)}")


def _resolve_attendees(names: tuple[str, ...], contacts: dict[str, Any],
                       create: bool = False, vault: Path | None = None
                       ) -> tuple[list[str], list[str]]:
    """Each ``--with`` as one contact: asks which one on a terminal, fails clearly otherwise.
    A name that is no contact is one to create (with ``create``, or when the user says yes on
    a terminal), else a one-line refusal naming the command to run. Returns the attendees and
    the names of those to create."""
    from vinculo.errors import InputError
    from vinculo.name_lookup import AmbiguousName, NameNotFound, resolve_contact

    out: list[str] = []
    missing: list[str] = []
    for name in names:
        try:
            out.append(resolve_contact(name, contacts))
        except AmbiguousName as exc:
            if not sys.stdin.isatty():
                raise InputError(
                    f"--with {name!r} matches several contacts: {', '.join(exc.candidates)}; "
                    "write more of the name"
                ) from None
            for i, candidate in enumerate(exc.candidates, 1):
                click.echo(f"  {i}. {candidate}", err=True)
            pick = click.prompt(f"Which {name!r}?", type=click.IntRange(1, len(exc.candidates)),
                                err=True)
            out.append(exc.candidates[pick - 1])
        except NameNotFound as exc:
            close = f" (closest: {', '.join(exc.suggestions)})" if exc.suggestions else ""
            if create or (sys.stdin.isatty() and click.confirm(
                    f"{name!r} is not a contact{close}. Create a contact note for them?",
                    default=True, err=True)):
                out.append(name.strip())
                missing.append(name.strip())
                continue
            raise InputError(
                f"--with {name!r} is not a contact{close}: add them with "
                f"vinculo new contact {shlex.quote(name)} {shlex.quote(str(vault or '.'))}, "
                "or pass --create-missing") from None
    return out, missing


@hookimpl
def register_commands(cli: click.Group) -> None:
    from vinculo.command_api import Session, echo_json, json_option, vault_argument

    @cli.group()
    def new() -> None:
        """Create a note from a template: a contact, a meeting, or any template.

        Never overwrites a file; --dry-run prints the note it would create. The templates are
        the built-in ones, those plugins contribute, and yours: a file of the same name in the
        vault's templates folder wins (see: vinculo templates list).
        """

    @new.command("contact")
    @click.argument("name")
    @vault_argument
    @click.option("--city", help="Where they live (the city property).")
    @click.option("--company", help="Where they work.")
    @click.option("--met-via", "met_via", help="How you met: a conference, the blog, a friend…")
    @click.option("--folder", help="Folder for the note (default: the people folder).")
    @click.option("--force", is_flag=True,
                  help="Create it even when a note's name differs only by case or accents.")
    @DRY_RUN
    @json_option
    @click.pass_context
    def new_contact(ctx: click.Context, name: str, vault: Path | None, city: str | None,
                    company: str | None, met_via: str | None, folder: str | None,
                    force: bool, dry_run: bool, as_json: bool) -> None:
        """Create a contact note for NAME in the people folder.

        Refuses NAME when a contact or note anywhere in the vault has the same name but for
        case or accents ("rodrigo sanz", "Jose Romero" next to José Romero.md) unless
        --force, and warns when NAME is close to one ("did you mean Ana Garcia?").

        \b
        Example:
          vinculo new contact "Ana García" VAULT --city Madrid --met-via "a conference"
        """
        from vinculo.newnotes import NearDuplicate, new_contact

        session = Session(ctx, vault, writes=True)
        props = {"city": city, "company": company, "met_via": met_via}
        try:
            note = new_contact(session.vault, session.config, session.pm, name, _now(session),
                               props, folder=folder, force=force)
        except NearDuplicate as exc:  # the one way to force it differs per caller
            raise NearDuplicate(f"{exc} (--force creates it anyway)") from None
        _write(session, note, "new contact", dry_run, as_json)

    @new.command("meeting")
    @click.argument("title")
    @vault_argument
    @click.option("--with", "attendees", multiple=True, metavar="NAME",
                  help="An attendee (repeatable); a first name or a typo is enough if it is clear.")
    @click.option("--channel", type=click.Choice(["in_person", "call", "message", "social"]),
                  help="How you met (the channel property).")
    @click.option("--template", default="Meeting", show_default=True,
                  help="Template to use, e.g. One-to-one.")
    @click.option("--folder", help="Folder for the note (default: the meetings folder).")
    @click.option("--date", "day", metavar="DAY",
                  help="The meeting's day: 2026-12-01, today, yesterday, -3d… [default: today].")
    @click.option("--create-missing", is_flag=True,
                  help="Create a contact note for each --with that is not a contact yet.")
    @DRY_RUN
    @json_option
    @click.pass_context
    def new_meeting(ctx: click.Context, title: str, vault: Path | None,
                    attendees: tuple[str, ...], channel: str | None, template: str,
                    folder: str | None, day: str | None, create_missing: bool,
                    dry_run: bool, as_json: bool) -> None:
        """Create a meeting note TITLE with its attendees as [[links]].

        Each --with is matched to your contacts by name, alias, first name or a close spelling;
        when it could be several people, vinculo asks (or, without a terminal, stops and lists
        them). Someone who is not a contact yet: vinculo offers to create their contact note
        on a terminal (--create-missing does it without asking); otherwise it stops and says
        which command to run.

        The file name opens with the meeting's date when your meeting notes' names do
        ("2026-12-01 Café con Ana.md"). A meeting note left empty counts as a meeting from the
        day after it (or as soon as you write in it): creating it ahead is not having met.

        \b
        Example:
          vinculo new meeting "Taller: planning" VAULT --with "ana garcia" --with rodrigo
        """
        from vinculo.contacts import build_contacts
        from vinculo.linking import link_paths
        from vinculo.newnotes import new_contact, new_meeting
        from vinculo.vault import scan_vault

        session = Session(ctx, vault, writes=True)
        now = _now(session)
        if day is not None:
            from vinculo.palette import CommandError
            from vinculo.palette.registry import parse_day

            try:
                now = dt.datetime.combine(parse_day(day, session.today), now.time())
            except (CommandError, ValueError, OverflowError) as exc:
                raise click.BadParameter(str(exc), param_hint="--date") from None
        notes = scan_vault(session.vault, session.config).notes  # read once for every check
        contacts = build_contacts(notes, session.pm, session.config)
        paths = link_paths((n.rel for n in notes), contacts)
        names, missing = _resolve_attendees(attendees, contacts, create_missing, session.vault)
        people = [new_contact(session.vault, session.config, session.pm, name, now, {},
                              notes=notes) for name in missing]
        titles = dict(zip(missing, (p.title for p in people), strict=True))
        note = new_meeting(session.vault, session.config, session.pm, title,
                           [titles.get(n, n) for n in names], now, template=template,
                           folder=folder, properties={"channel": channel}, paths=paths)
        for person in people:
            _write(session, person, "new contact", dry_run, silent=as_json)
        created = {"created_contacts": [p.rel for p in people]} if people else None
        _write(session, note, "new meeting", dry_run, as_json, created)

    @new.command("note")
    @click.argument("template")
    @click.argument("title")
    @vault_argument
    @click.option("--folder", help="Folder for the note (default: the template's, else the root).")
    @DRY_RUN
    @json_option
    @click.pass_context
    def new_note(ctx: click.Context, template: str, title: str, vault: Path | None,
                 folder: str | None, dry_run: bool, as_json: bool) -> None:
        """Create a note TITLE from any TEMPLATE (name as in: vinculo templates list)."""
        from vinculo.newnotes import make_note

        session = Session(ctx, vault, writes=True)
        note = make_note(session.vault, session.config, session.pm, template, title,
                         _now(session), folder=folder)
        _write(session, note, "new note", dry_run, as_json)

    @cli.group()
    def templates() -> None:
        """The note templates: list them, or copy them into the vault's templates folder."""

    @templates.command("list")
    @vault_argument
    @json_option
    @click.pass_context
    def templates_list(ctx: click.Context, vault: Path | None, as_json: bool) -> None:
        """Every template, where it comes from (a plugin, or your vault file) and its use."""
        from vinculo.templates import available_templates

        session = Session(ctx, vault)
        found = available_templates(session.vault, session.config, session.pm)
        rows = [
            {"name": a.template.name, "source": a.source, "path": a.path,
             "folder": a.template.folder, "description": a.template.description}
            for a in sorted(found.values(), key=lambda a: a.template.name.casefold())
        ]
        if as_json:
            echo_json(rows)
            return
        for row in rows:
            origin = f"vault: {row['path']}" if row["source"] == "vault" else row["source"]
            click.echo(f"{row['name']:<16} {origin:<28} {row['description']}".rstrip())

    @templates.command("install")
    @vault_argument
    @DRY_RUN
    @json_option
    @click.pass_context
    def templates_install(ctx: click.Context, vault: Path | None, dry_run: bool,
                          as_json: bool) -> None:
        """Copy the templates into the vault's templates folder, for Obsidian's Templates plugin.

        A file already there is kept as it is (yours wins); edit the copies freely: vinculo
        uses them from then on.
        """
        from vinculo.templates import contributed_templates, safe_filename, vault_template_files
        from vinculo.writeback import FileChange, apply_changes

        session = Session(ctx, vault, writes=True)
        folder = session.config.templates_folder or "Templates"
        existing = vault_template_files(session.vault, session.config)
        changes = []
        kept: list[str] = []
        for key, available in contributed_templates(session.pm).items():
            if key in existing:
                kept.append(existing[key])
                continue
            rel = f"{folder}/{safe_filename(available.template.name)}.md"
            changes.append(FileChange(rel, None, available.template.body.encode("utf-8"),
                                      reason="template"))
        report = apply_changes(session.vault, changes, dry_run=dry_run, pm=session.pm)
        if as_json:
            echo_json({**report.to_json(), "dry_run": dry_run, "kept": kept})
            return
        for rel in kept:
            click.echo(f"kept {rel} (already there)")
        if dry_run:
            click.echo(report.diff, nl=False)
            click.echo("(dry run: nothing written)", err=True)
            return
        for rel in report.written:
            click.echo(f"installed {rel}")
        for rel, why in report.skipped:
            click.echo(f"skipped {rel}: {why}", err=True)
