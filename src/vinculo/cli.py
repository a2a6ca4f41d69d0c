"""The ``vinculo`` command line. Core commands live here; plugins add theirs through the
``register_commands`` hook, loaded only when a command is looked up so ``--version`` and
``--help`` stay fast."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from pathlib import Path
from typing import Any

import click

from vinculo.cli_errors import interrupted, report_bug, report_error
from vinculo.command_api import (  # named here too: plugins written before command_api use them
    Session,
    console,
    echo_json,
    esc,
    json_option,
    quiet_option,
    showing_progress,
    vault_argument,
)
from vinculo.errors import VinculoError
from vinculo.version import __version__

# The entry point; the command helpers stay importable from here for plugins written before
# vinculo.command_api.
__all__ = [
    "Session", "VinculoError", "cli", "console", "echo_json", "esc", "json_option", "main",
    "quiet_option", "vault_argument",
]

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class PluginGroup(click.Group):
    """A group whose plugin commands are registered on first lookup, not at import.

    Registered again when the set of blocked plugins or installed plugins changes, so a
    blocked plugin's commands never show.
    """

    _core: set[str] | None = None
    _loaded_for: object = None

    def _load(self, ctx: click.Context) -> None:
        from vinculo.plugin_host import blocked_from_env, get_plugin_manager

        blocked = {*(ctx.params.get("block_plugin") or ()), *blocked_from_env()}
        key = (frozenset(blocked), os.environ.get("VINCULO_NO_ENTRY_POINTS"), tuple(sys.path))
        if self._loaded_for == key:
            return
        if self._core is None:
            self._core = set(self.commands)
        for name in set(self.commands) - self._core:
            del self.commands[name]
        self._loaded_for = key
        get_plugin_manager(blocked=blocked).hook.register_commands(cli=self)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load(ctx)
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        # A core command never needs the plugins' commands: ``sync`` does not build a plugin
        # manager for them before the one it runs with.
        core = self.commands.keys() if self._core is None else self._core
        if cmd_name not in core:
            self._load(ctx)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        """The one error handler of every command, core or plugin (in the script and in
        process alike): a :class:`VinculoError` is one line (and its hint) on stderr and its
        exit status, Ctrl-C one line and 130. Click's own usage errors pass through as click
        prints them; anything else is a bug, left to :func:`main`."""
        try:
            return super().invoke(ctx)
        except VinculoError as exc:
            ctx.exit(report_error(exc))
        except KeyboardInterrupt:
            ctx.exit(interrupted())


@click.group(cls=PluginGroup, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="vinculo")
@click.option(
    "--block-plugin",
    "block_plugin",
    multiple=True,
    metavar="NAME",
    help="Do not load this plugin (repeatable). Also $VINCULO_BLOCK_PLUGINS.",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    envvar="VINCULO_TODAY",
    hidden=True,
    help="Pretend today is this date (for reproducible runs).",
)
@click.pass_context
def cli(ctx: click.Context, block_plugin: tuple[str, ...], today: dt.datetime | None) -> None:
    """vinculo: your Markdown vault as a personal relationship manager.

    It finds the people in your notes, links their mentions, builds each person's history by
    medium (online, message, call, in person) and writes into each contact note the next
    in-person step, with its reason.

    \b
    Start here:
      vinculo scan VAULT        what vinculo sees in your vault
      vinculo contacts VAULT    one row per person, their stage and last contact
      vinculo sync VAULT --dry-run   the exact diff a sync would write
      vinculo sync VAULT        link, build history, write suggestions
      vinculo watch VAULT       the same on every save, in the background

    VAULT defaults to $VINCULO_VAULT, then the current folder. Commands that write need a
    folder that looks like a vault: Obsidian's .obsidian/ or a vinculo.toml in it (else
    --vault-ok).
    """
    from vinculo.writeback.lock import set_wait_notice

    set_wait_notice(lambda message: click.echo(f"vinculo: {message}", err=True))

    from vinculo.state_folder import set_command

    set_command(ctx.invoked_subcommand)  # the undo journal says which command wrote a batch
    ctx.ensure_object(dict)
    ctx.obj["blocked"] = tuple(block_plugin)
    ctx.obj["today"] = today.date() if today else dt.date.today()


@cli.command()
@vault_argument
@json_option
@quiet_option
@click.pass_context
def scan(ctx: click.Context, vault: Path | None, as_json: bool, quiet: bool) -> None:
    """Summarise what vinculo sees: notes, contacts, dated notes, problems."""
    from vinculo.report import scan_summary

    session = Session(ctx, vault)
    memo = session.settled()
    if memo:
        index = None
        summary = dict(memo.summary)
    else:
        with showing_progress(quiet):
            index = session.index()
        summary = scan_summary(index)
    if not summary["contacts"]:  # a newcomer's first run: say how, and what to try
        from vinculo.contact_hints import contact_hints

        index = index or session.index()
        summary["contact_hints"] = contact_hints(index.scan.notes, session.config)
    if as_json:
        echo_json(summary)
        return
    from rich.text import Text

    out = console()
    out.print(Text(summary["vault"], style="bold"))
    for key in ("notes", "contacts", "dated_notes", "skipped", "problems"):
        out.print(f"  {key.replace('_', ' '):<12} {summary[key]}")
    for problem in summary["diagnostics"]:
        out.print(Text("  • ", style="yellow") + Text(problem))
    if summary.get("contact_hints"):
        from vinculo.obsidian import print_indented

        first = Text("No contacts found. ", style="bold") + Text(summary["contact_hints"][0])
        print_indented(out, first, 0)
        for hint in summary["contact_hints"][1:]:
            print_indented(out, Text(f"• {hint}"), 2)


@cli.command()
@vault_argument
@json_option
@click.pass_context
def contacts(ctx: click.Context, vault: Path | None, as_json: bool) -> None:
    """One row per contact: stage, last contact, last time in person, next step.

    The "due" column is when the next step falls due; "planned" is the first meeting, call
    or message ahead in your dated notes (a step already planned is not suggested again).
    """
    from vinculo.report import contact_rows

    session = Session(ctx, vault)
    memo = session.settled()
    rows = memo.rows if memo else contact_rows(session.index())
    if as_json:
        echo_json(rows)
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} contacts", title_justify="left")
    # "due" is when the ladder's next step falls due; "planned" is a dated note of yours
    # ahead (a lunch on the 4th): two different things, two columns (the second only when
    # someone has a plan).
    plans = any(row.get("planned") for row in rows)
    columns = ("name", "stage", "last contact", "in person", "next step", "due", "planned")
    for column in columns if plans else columns[:-1]:
        table.add_column(column, no_wrap=column in ("stage", "due", "planned"))
    for row in rows:
        first = row["suggestions"][0] if row["suggestions"] else None
        plan = row.get("planned") or []
        cells = [
            row["name"], row["stage"] or "", row["last_contact"] or "—",
            row["last_in_person"] or "—", first["text"] if first else "—",
            first["due"] if first else "",
        ]
        if plans:
            cells.append(f"{plan[0]['date']} {plan[0]['channel'].replace('_', ' ')}" if plan else "")
        table.add_row(*map(esc, cells))
    console().print(table)


@cli.command()
@click.pass_context
@json_option
def plugins(ctx: click.Context, as_json: bool) -> None:
    """List the plugins loaded and the hooks each implements."""
    from vinculo.plugin_host import get_plugin_manager, plugin_summary

    summary = plugin_summary(get_plugin_manager(blocked=ctx.obj.get("blocked", ())))
    if as_json:
        echo_json(summary)
        return
    for item in summary:
        origin = "built-in" if item["builtin"] else f"version {item['version']}"
        click.echo(f"{item['name']} ({origin}): {', '.join(item['hooks'])}")


DOCTOR_SHOWN = 10  # problems listed per category, unless --only names it


@cli.command()
@vault_argument
@click.option("--only", metavar="CATEGORY",
              help="List all of one category's problems (see the categories above).")
@json_option
@quiet_option
@click.pass_context
def doctor(ctx: click.Context, vault: Path | None, only: str | None, as_json: bool,
           quiet: bool) -> None:
    """Problems worth fixing, grouped by category with a count.

    \b
    Categories:
      notes     notes vinculo cannot read (encoding, binary, huge, broken frontmatter)
      names     a name or alias several contacts share (only suggested, never linked)
      aliases   aliases that are also common words (linked only when capitalised)
      links     [[links]] that point to no note (a renamed or deleted note)
      config    vinculo.toml sections and keys nobody reads (a typo), with "did you mean"
      vocabulary  a plugin's vocabulary phrase that does not compile (skipped)

    Each category shows its first 10 problems; --only CATEGORY lists all of one. Exit
    status: 0 when nothing worth fixing was found (remarks such as a common-word alias do
    not count), 1 when there are problems, 2 on bad usage.

    \b
    Examples:
      vinculo doctor VAULT
      vinculo doctor VAULT --only links
      vinculo doctor VAULT --json | jq 'group_by(.category) | map({(.[0].category): length})'
    """
    from vinculo.doctor import CHECKS, failed, find_problems, grouped

    categories = [check.category for check in CHECKS]
    if only is not None and only not in categories:
        raise click.BadParameter(
            f"{only!r} is not a category: {', '.join(categories)}", param_hint="--only")
    session = Session(ctx, vault, config_warnings=False)
    with showing_progress(quiet):
        problems = find_problems(session.index(), only, session.pm)
    if as_json:
        echo_json([p.to_json() for p in problems])
    elif not problems:
        click.echo("No problems found." if only is None else f"No problems in {only}.")
    else:
        for check, found in grouped(problems):
            click.echo(f"{check.category} ({len(found)}): {check.title}")
            shown = found if only else found[:DOCTOR_SHOWN]
            for problem in shown:
                click.echo(f"  {problem.diagnostic.severity}: {problem.diagnostic}")
            if len(found) > len(shown):
                click.echo(f"  … and {len(found) - len(shown)} more: "
                           f"vinculo doctor {session.vault} --only {check.category}")
        counts = ", ".join(f"{check.category} {len(found)}" for check, found in grouped(problems))
        click.echo(f"{len(problems)} problem(s): {counts}.")
    if failed(problems):
        ctx.exit(1)


@cli.command()
@vault_argument
@click.option("--dry-run", is_flag=True, help="Print the exact diff; write nothing.")
@click.option("-v", "--verbose", is_flag=True, help="Name every file written, not only the first few.")
@json_option
@quiet_option
@click.pass_context
def sync(ctx: click.Context, vault: Path | None, dry_run: bool, verbose: bool, as_json: bool,
         quiet: bool) -> None:
    """The main job, once: link mentions, build each history, write suggestions back.

    One pass writes what `vinculo link --apply` and `vinculo suggest --apply` write: links in
    every note, each contact's suggestions block and vinculo_ properties, the dashboard note
    and the people base. Every write is a surgical splice, atomic, checked against what was
    read, and journaled: `vinculo undo VAULT` puts the last run back. With --dry-run, the
    exact unified diff is printed on stdout and nothing is written. While another command or
    the watcher writes to the same vault, this one waits for it ($VINCULO_LOCK_WAIT seconds,
    30 by default), then refuses (exit 1).
    """
    from vinculo.report import sync_kinds, sync_listing
    from vinculo.sync_service import SyncService
    from vinculo.text import plural

    session = Session(ctx, vault, writes=True)
    with showing_progress(quiet):
        result = SyncService(session.vault, session.config, session.pm).sync(
            session.today, dry_run=dry_run, show_diff=as_json)
    report = result.report
    summary = result.summary  # with "write": what after_sync received
    if as_json:
        echo_json({"summary": summary, "contacts": result.contact_rows()})
        return
    if dry_run:
        click.echo(report.diff, nl=False)
    elif report.written:
        kinds = sync_kinds([report.reasons.get(rel, "") for rel in report.written])
        line = f"wrote {plural(len(report.written), 'file')}:"
        for i, kind in enumerate(kinds):  # wrapped between kinds, never inside one
            item = f" {kind}" + ("," if i < len(kinds) - 1 else "")
            if len(line) + len(item) > 100:
                click.echo(line)
                line = " "
            line += item
        click.echo(line)
        shown, more = sync_listing(report.written, report.reasons, verbose)
        for rel in shown:
            reason = report.reasons.get(rel)
            click.echo(f"  wrote {rel}" + (f" ({reason})" if reason else ""))
        if more:
            click.echo(f"  … and {more} more (vinculo sync -v names every file)")
    for rel, why in report.skipped:
        click.echo(f"skipped {rel}: {why}", err=dry_run)
    for diagnostic in result.diagnostics:
        click.echo(f"warning: {diagnostic}", err=dry_run)
    for problem in result.problems:
        click.echo(problem, err=dry_run)
    if not summary["contacts"]:
        click.echo(f"No contacts found: vinculo scan {session.vault} says how contacts are "
                   "recognised and what this vault seems to use instead.", err=dry_run)
    files = len(report.reasons) if dry_run else len(report.written)
    verb = "would write" if dry_run else "wrote"
    click.echo(
        f"{summary['notes']} notes, {summary['contacts']} contacts, "
        f"{summary['problems']} problem(s); {verb} {files} file(s), "
        f"skipped {len(report.skipped) + len(result.diagnostics)}."
        + (f" Undo with: vinculo undo {session.vault}" if report.written else ""),
        err=dry_run,
    )


@cli.command()
@vault_argument
@click.option("--dry-run", is_flag=True, help="Say what would be restored; change nothing.")
@click.option("--list", "as_list", is_flag=True, help="List the batches undo can take back, newest first.")
@click.option("--drop", metavar="ID", help="Forget one kept batch (its saved originals are deleted).")
@json_option
@click.pass_context
def undo(ctx: click.Context, vault: Path | None, dry_run: bool, as_list: bool, drop: str | None,
         as_json: bool) -> None:
    """Put back the files vinculo wrote last exactly as they were (bytes and mode).

    The last write batch is undone, whichever command wrote it (sync, watch, link, new,
    import); one sync is one batch, and a sync killed mid-way is the first batch undo takes
    back. A file you changed since vinculo wrote it is left as it is, and listed; a file
    vinculo created is deleted. Run it again to undo the batch before that.

    The undo sticks: `vinculo watch` (running now or started later) leaves each restored
    file as it is until it changes again — you edit it, or `vinculo sync` writes it because
    you asked for it.

    The last 20 batches are kept, and besides them a watch session's first sync and any
    batch of 50 files or more, until you drop them: `undo --list` shows them, `undo --drop ID`
    forgets one.
    """
    from vinculo.errors import InputError
    from vinculo.writeback import undo_last, vault_lock
    from vinculo.writeback.journal import drop_group, list_groups

    session = Session(ctx, vault)
    if as_list:
        groups = list_groups(session.vault)
        if as_json:
            echo_json([g.to_json() for g in groups])
            return
        if not groups:
            click.echo("Nothing to undo.")
        for g in groups:
            state = "undone" if g.undone else "interrupted" if g.interrupted else ""
            notes = ", ".join(x for x in (state, f"kept: {g.kept}" if g.kept else "") if x)
            click.echo(f"{g.id}  {g.command:<8} {g.files:>5} file(s)" + (f"  ({notes})" if notes else ""))
        return
    with vault_lock(session.vault):
        if drop:
            if not drop_group(session.vault, drop):
                raise InputError(f"no batch {drop!r} in the journal (see: vinculo undo --list)")
            click.echo(f"dropped {drop}")
            return
        result = undo_last(session.vault, dry_run=dry_run)
    if as_json:
        echo_json({
            "journal_id": result.journal_id, "dry_run": dry_run, "restored": result.restored,
            "deleted": result.deleted, "interrupted": result.interrupted,
            "left": [{"path": rel, "why": why} for rel, why in result.left],
        })
        return
    if result.journal_id is None:
        click.echo("Nothing to undo.")
        return
    restored, deleted = ("would restore", "would delete") if dry_run else ("restored", "deleted")
    if result.interrupted:
        click.echo(f"batch {result.journal_id} was interrupted (vinculo was stopped mid-write)")
    for rel in result.restored:
        click.echo(f"{restored} {rel}")
    for rel in result.deleted:
        click.echo(f"{deleted} {rel} (vinculo had created it)")
    for rel, why in result.left:
        click.echo(f"left {rel}: {why}")
    click.echo(f"{restored} {len(result.restored)} file(s), {deleted} {len(result.deleted)}, "
               f"left {len(result.left)}.")
    if not dry_run and (result.restored or result.deleted):
        from vinculo.writeback.lock import watcher_running

        if watcher_running(session.vault):
            click.echo("vinculo: `vinculo watch` is running on this vault: it leaves these "
                       "files as restored until they change again", err=True)


def main() -> None:
    """Entry point of the ``vinculo`` script and ``python -m vinculo``."""
    # A command runs once and exits. The cycle collector's passes over everything a run holds
    # (tens of thousands of notes, rows and mentions, next to no cycles), and its last pass at
    # exit, which runs even when it is off unless the objects are frozen, cost a tenth of a
    # sync: it is off for the command. ``vinculo watch``, which lives for days, turns it back on.
    gc.disable()
    try:
        cli(prog_name="vinculo")
    except VinculoError as exc:  # raised before a command ran (while reading the arguments)
        sys.exit(report_error(exc))
    except KeyboardInterrupt:
        sys.exit(interrupted())
    except Exception as exc:  # a bug: its traceback, and where to report it
        sys.exit(report_bug(exc))
    finally:
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    main()
