"""``vinculo brief NAME``: one page about one person before you meet them, and the palette
command "Brief before a meeting" (see :mod:`vinculo.brief`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from vinculo.hookspecs import hookimpl
from vinculo.model import CommandContext, PaletteCommand, Param


def brief_change(vault: Path, config, data: dict, rel: str, today: dt.date):
    """The change that writes the brief ``data`` (from ``brief_data``) into note ``rel`` (a
    FileChange), or None when the note already holds the same brief; a VaultError with a
    one-line reason when it cannot."""
    from vinculo.brief import brief_section, with_brief
    from vinculo.errors import VaultError
    from vinculo.vault import read_note
    from vinculo.writeback import FileChange, to_bytes

    path = vault / rel
    if not path.resolve().is_relative_to(vault.resolve()):
        raise VaultError(f"{rel}: not a note inside the vault")
    if not rel.endswith(".md") or not path.is_file():
        raise VaultError(f"{rel}: no such note in the vault")
    note = read_note(vault, path, rel, config)
    if not note.readable:
        raise VaultError(f"{rel}: {note.diagnostics[0].message}")
    section = brief_section(data, today, config)
    after = to_bytes(note, with_brief(note.text, section))
    return None if after == note.raw else FileChange(rel, note.raw, after, reason="brief")


def palette_brief(ctx: CommandContext, params: dict[str, str]) -> str:
    """The brief of one person; with a note, written into it."""
    from vinculo.brief import brief_data, render_brief
    from vinculo.name_lookup import AmbiguousName, NameNotFound, resolve_contact
    from vinculo.palette import CommandError, write
    from vinculo.pipeline import build_index

    index = build_index(ctx.vault, ctx.config, ctx.pm, ctx.today)
    try:
        name = resolve_contact(params["person"], index.contacts)
    except (AmbiguousName, NameNotFound) as exc:
        raise CommandError(str(exc)) from None
    rel = params.get("note") or ctx.note
    data = brief_data(index, name)
    text = render_brief(data, index.config)
    if not rel:
        return text.rstrip("\n")
    change = brief_change(ctx.vault, index.config, data, rel, ctx.today)
    if change is None:
        return f"{rel} already holds this brief."
    return write(ctx, [change], f"Brief of {name} written into {rel}")


@hookimpl
def register_palette_commands() -> list[PaletteCommand]:
    return [PaletteCommand(
        "brief", "Brief before a meeting",
        "Who they are, your last interactions by channel, open loops, plans and what you last "
        "talked about; optionally written into the meeting note.",
        palette_brief,
        (Param("person", "Who", kind="person"),
         Param("note", "Write into note (optional)", required=False, kind="note")),
    )]


@hookimpl
def register_commands(cli: click.Group) -> None:
    from vinculo.command_api import Session, echo_json, json_option, vault_argument

    @cli.command()
    @click.argument("name")
    @vault_argument
    @click.option("--into", "into", metavar="NOTE",
                  help="Also write the brief into this note (vault-relative path), e.g. the "
                       "meeting note; running it again replaces it.")
    @click.option("--dry-run", is_flag=True, help="With --into: show the diff, write nothing.")
    @json_option
    @click.pass_context
    def brief(ctx: click.Context, name: str, vault: Path | None, into: str | None,
              dry_run: bool, as_json: bool) -> None:
        """Before you meet NAME: who they are, the last interactions by channel with their
        lines, open loops, plans, what you last talked about, the next steps.

        NAME may be a full name, an alias, one word of it or a near spelling.

        \b
        Examples:
          vinculo brief "Ana García" VAULT
          vinculo brief rodrigo VAULT --json
          vinculo brief ana VAULT --into "Meetings/2026-12-03 Café con Ana.md"
        """
        from vinculo.brief import brief_data, render_brief
        from vinculo.errors import VaultError
        from vinculo.name_lookup import resolve_contact
        from vinculo.writeback import apply_changes

        session = Session(ctx, vault)
        index = session.index()
        who = resolve_contact(name, index.contacts)
        data = brief_data(index, who)
        change = None
        if into:  # a note that cannot take the brief is said before anything is printed
            rel = into.replace("\\", "/").lstrip("/")
            change = brief_change(session.vault, index.config, data, rel, session.today)
        if as_json:
            echo_json(data)
        else:
            click.echo(render_brief(data, index.config), nl=False)
        if into:
            if change is None:
                click.echo(f"{rel} already holds this brief.", err=True)
                return
            report = apply_changes(session.vault, [change], dry_run=dry_run, pm=session.pm)
            if report.skipped:
                raise VaultError(f"{report.skipped[0][0]}: {report.skipped[0][1]}")
            click.echo(report.diff if dry_run else f"Brief written into {rel}", err=True)
