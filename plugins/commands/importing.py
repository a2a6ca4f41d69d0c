"""``vinculo import NAME FILE VAULT`` and the ``vinculo export`` group, as a built-in plugin.

The command only dispatches: importers come from the ``register_importers`` hook, so a
third-party plugin adds ``vinculo import <its name>`` without touching this file.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

import click

from vinculo.config_schema import Section, Setting
from vinculo.hookspecs import hookimpl

PROGRESS_MIN_RECORDS = 200  # smaller files finish before a bar would be read


def export_group(cli: click.Group) -> click.Group:
    """The ``vinculo export`` group, created by whichever plugin asks first, so every
    exporter plugin can add its format to it."""
    existing = cli.commands.get("export")
    if isinstance(existing, click.Group):
        return existing

    @cli.group("export")
    def export() -> None:
        """Write your contacts in another system's format.

        \b
        Example:  vinculo export vcard ~/Vault -o contacts.vcf
        """

    return export


def progress_bar(items: Iterable[Any], total: int, label: str, *,
                 quiet: bool = False) -> Iterator[Any]:
    """A rich progress bar on stderr around ``items`` for large files on a terminal (none
    with ``--quiet``)."""
    if quiet or total < PROGRESS_MIN_RECORDS or not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        for item in items:
            yield item
            bar.advance(task)


def writing_status(count: int, *, quiet: bool = False) -> AbstractContextManager[Any]:
    """A spinner on stderr while many notes are written (none with ``--quiet``)."""
    if quiet or count < PROGRESS_MIN_RECORDS or not sys.stderr.isatty():
        return nullcontext()
    from rich.console import Console

    return Console(stderr=True).status(f"Writing {count} notes…")


def _print_result(result: Any, show_diff: bool) -> None:
    from rich.table import Table
    from rich.text import Text

    from vinculo.command_api import console, esc

    out = console()
    counts = result.counts()
    verb = "would be" if result.dry_run else ""
    if result.actions:
        table = Table(title_justify="left", show_edge=False, pad_edge=False)
        for column in ("", "who / what", "note", "line", "why"):
            table.add_column(column)
        style = {"create": "green", "merge": "cyan", "skip": "yellow"}
        for action in result.actions:
            why = action.reason
            if action.kind == "merge" and action.fields != ("message log",):
                why = f"{why}; fills {', '.join(action.fields)}"
            table.add_row(Text(action.kind, style=style[action.kind]), esc(action.label),
                          esc(action.rel or ""), str(action.line or ""), esc(why))
        out.print(table)
    if show_diff and result.diff:
        click.echo(result.diff)
    summary = (f"{counts['created']}{' ' + verb if verb else ''} created, {counts['merged']} merged, "
               f"{counts['skipped']} skipped")
    if result.dry_run:
        out.print(f"Dry run, nothing written: {esc(summary)}.")
    else:
        out.print(f"{esc(summary)}.")


@hookimpl
def register_commands(cli: click.Group) -> None:
    from vinculo.command_api import json_option, quiet_option, vault_argument
    from vinculo.errors import InputError, WriteBackError

    @cli.command("import")
    @click.argument("name", metavar="NAME")
    @click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
    @vault_argument
    @click.option("--dry-run", is_flag=True, help="Show what would be created or changed; write nothing.")
    @click.option("--diff", "show_diff", is_flag=True, help="Also print the exact diff of every note.")
    @click.option("--encoding", default="utf-8", show_default=True, metavar="NAME",
                  help="The file's text encoding, e.g. cp1252 for a CSV re-saved by Excel.")
    @click.option("--with-text", is_flag=True,
                  help="Message importers: also copy each message's text into the log "
                       "(by default only how many were sent and received each day).")
    @json_option
    @quiet_option
    @click.pass_context
    def import_(ctx: click.Context, name: str, file: Path, vault: Path | None, dry_run: bool,
                show_diff: bool, encoding: str, with_text: bool, as_json: bool,
                quiet: bool) -> None:
        """Bring people, meetings and message history from another system into the vault.

        \b
        NAME is an importer; the built-in ones:
          linkedin            Connections.csv of LinkedIn's data export
          vcard               a .vcf address book (iPhone, Android, Google, Outlook)
          calendar            an .ics calendar: meetings with your contacts
          whatsapp            a WhatsApp chat export (.txt, or the .zip with media)
          telegram            Telegram Desktop's result.json
          mbox                a mailbox (.mbox); set [me] emails in vinculo.toml
          linkedin-messages   messages.csv of LinkedIn's data export

        \b
        Message importers add one line per contact, day and channel to a "Messages" log in
        the contact note (how many sent and received; the text only with --with-text);
        people who match no contact are listed, never created.

        \b
        New people become contact notes; a person already in the vault (same profile URL,
        e-mail or name) only gets the properties that are empty in their note: nothing you
        wrote is overwritten. Rows that cannot be read are reported by line and skipped.
        Importing the same file again changes nothing.

        \b
        Examples:
          vinculo import linkedin Connections.csv ~/Vault --dry-run
          vinculo import vcard contacts.vcf ~/Vault
          vinculo import calendar calendar.ics ~/Vault --json
          vinculo import whatsapp "WhatsApp Chat with Ana.zip" ~/Vault --dry-run
        """
        from functools import partial

        from vinculo.command_api import Session, echo_json, showing_progress
        from vinculo.importing.base import ImportFileError
        from vinculo.importing.runner import available_importers, build_context, run_import

        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r} (try utf-8 or cp1252)") from None
        session = Session(ctx, vault, writes=True)
        importers = available_importers(session.pm)
        if name not in importers:
            known = ", ".join(importers) or "none (all importer plugins are disabled)"
            raise InputError(f"no importer named {name!r}; available: {known}")
        try:
            with showing_progress(quiet):  # reading a large vault first
                context = build_context(session.vault, session.config, session.pm,
                                        session.today, file,
                                        progress=partial(progress_bar, quiet=quiet),
                                        encoding=encoding, with_text=with_text)
            result = run_import(importers[name], file, context, dry_run,
                                partial(writing_status, quiet=quiet))
        except ImportFileError as exc:  # named with the file, as the user gave several
            raise ImportFileError(f"{file.name}: {exc}") from exc
        except WriteBackError as exc:  # an import writes all of its notes or none
            raise type(exc)(f"nothing written: {exc}") from exc
        if as_json:
            data = result.as_dict()
            if show_diff:
                data["diff"] = result.diff
            echo_json(data)
            return
        _print_result(result, show_diff)


@hookimpl
def register_settings() -> list[Section]:
    """``[me]`` (you, in exported chats and mail) and ``[importers]``, whose tables
    ``[importers.NAME]`` each importer declares."""
    return [
        Section("me", (
            Setting("names", "text_or_texts", None, "your name as your chats show it"),
            Setting("emails", "text_or_texts", None, "your addresses: they decide what you sent"),
            Setting("linkedin", "text_or_texts", None, "your LinkedIn profile URL"),
        )),
        # Each importer declares its own [importers.NAME] (a misspelt one then warns).
        Section("importers", (), "settings per importer: [importers.NAME]"),
    ]
