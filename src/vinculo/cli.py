"""The ``vinculo`` command line. Core commands live here; plugins add theirs through the
``register_commands`` hook, loaded only when a command is looked up so ``--version`` and
``--help`` stay fast."""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from vinculo import __version__

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class VinculoError(click.ClickException):
    """A command could not do its job: one line on stderr, exit status 1, no traceback."""

    def show(self, file: Any = None) -> None:
        click.echo(f"vinculo: {self.format_message()}", err=True)


class PluginGroup(click.Group):
    """A group whose plugin commands are registered on first lookup, not at import.

    Registered again when the set of blocked plugins or installed plugins changes, so a
    blocked plugin's commands never show.
    """

    _core: set[str] | None = None
    _loaded_for: object = None

    def _load(self, ctx: click.Context) -> None:
        from vinculo.plugins import blocked_from_env, get_plugin_manager

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
        if self._core is None or cmd_name not in self._core:
            self._load(ctx)
        return super().get_command(ctx, cmd_name)


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

    VAULT defaults to $VINCULO_VAULT, then the current folder.
    """
    ctx.ensure_object(dict)
    ctx.obj["blocked"] = tuple(block_plugin)
    ctx.obj["today"] = today.date() if today else dt.date.today()


def vault_argument(func: Any) -> Any:
    """The VAULT argument every vault command takes first."""
    return click.argument(
        "vault",
        required=False,
        type=click.Path(path_type=Path, file_okay=False),
        envvar="VINCULO_VAULT",
    )(func)


def json_option(func: Any) -> Any:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")(func)


def quiet_option(func: Any) -> Any:
    """``--quiet``: no progress bar (there is none when stderr is not a terminal anyway)."""
    return click.option(
        "-q", "--quiet", is_flag=True,
        help="No progress bar (shown on a terminal when the work takes over a second).",
    )(func)


def showing_progress(quiet: bool) -> Any:
    from vinculo import progress

    return progress.showing(progress.wanted(quiet))


class Session:
    """What a vault command needs: the vault, its config, a plugin manager, today."""

    def __init__(self, ctx: click.Context, vault: Path | None) -> None:
        from vinculo.config import ConfigError, load_config
        from vinculo.plugins import get_plugin_manager

        root = Path(vault) if vault else Path(os.getcwd())
        if not root.exists():
            raise VinculoError(f"vault not found: {root}")
        if not root.is_dir():
            raise VinculoError(f"not a folder: {root}")
        self.vault = root.resolve()
        try:
            self.config = load_config(self.vault)
        except ConfigError as exc:
            raise VinculoError(str(exc)) from exc
        obj = ctx.find_root().obj or {}
        blocked = (*obj.get("blocked", ()), *self.config.disabled_plugins)
        self.pm = get_plugin_manager(blocked=blocked)
        self.today: dt.date = obj.get("today") or dt.date.today()

    def index(self, progress: bool = True) -> Any:
        from vinculo.pipeline import build_index

        return build_index(self.vault, self.config, self.pm, self.today)

    def settled(self) -> Any:
        """The last sync's memo when the vault is still settled (see :mod:`vinculo.settled`):
        its summary and contact rows are what a full pass would print."""
        from vinculo.settled import answer

        return answer(self.vault, self.config, self.pm, self.today)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def console() -> Any:
    """Rich output: the terminal's width, or 120 columns when piped (a file, a pager, a
    palette plugin), so tables stay readable instead of wrapping at 80."""
    from rich.console import Console

    piped = not sys.stdout.isatty() and not os.environ.get("COLUMNS")
    return Console(highlight=False, soft_wrap=False, width=120 if piped else None)


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
        summary = dict(memo.summary)
    else:
        with showing_progress(quiet):
            summary = scan_summary(session.index())
    if as_json:
        echo_json(summary)
        return
    out = console()
    out.print(f"[bold]{summary['vault']}[/bold]")
    for key in ("notes", "contacts", "dated_notes", "skipped", "problems"):
        out.print(f"  {key.replace('_', ' '):<12} {summary[key]}")
    for problem in summary["diagnostics"]:
        out.print(f"  [yellow]•[/yellow] {problem}")


@cli.command()
@vault_argument
@json_option
@click.pass_context
def contacts(ctx: click.Context, vault: Path | None, as_json: bool) -> None:
    """One row per contact: stage, last contact, last time in person, next step."""
    from vinculo.report import contact_rows

    session = Session(ctx, vault)
    memo = session.settled()
    rows = memo.rows if memo else contact_rows(session.index())
    if as_json:
        echo_json(rows)
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} contacts", title_justify="left")
    for column in ("name", "stage", "last contact", "in person", "next step", "due"):
        table.add_column(column, no_wrap=column in ("stage", "due"))
    for row in rows:
        first = row["suggestions"][0] if row["suggestions"] else None
        table.add_row(
            row["name"], row["stage"] or "", row["last_contact"] or "—",
            row["last_in_person"] or "—", first["text"] if first else "—",
            first["due"] if first else "",
        )
    console().print(table)


@cli.command()
@click.pass_context
@json_option
def plugins(ctx: click.Context, as_json: bool) -> None:
    """List the plugins loaded and the hooks each implements."""
    from vinculo.plugins import get_plugin_manager, plugin_summary

    summary = plugin_summary(get_plugin_manager(blocked=ctx.obj.get("blocked", ())))
    if as_json:
        echo_json(summary)
        return
    for item in summary:
        origin = "built-in" if item["builtin"] else f"version {item['version']}"
        click.echo(f"{item['name']} ({origin}): {', '.join(item['hooks'])}")


@cli.command()
@vault_argument
@json_option
@quiet_option
@click.pass_context
def doctor(ctx: click.Context, vault: Path | None, as_json: bool, quiet: bool) -> None:
    """Problems worth fixing: broken frontmatter, shared names, aliases that are common words."""
    from vinculo.doctor import find_problems

    session = Session(ctx, vault)
    with showing_progress(quiet):
        problems = find_problems(session.index())
    if as_json:
        echo_json([p.__dict__ for p in problems])
        return
    if not problems:
        click.echo("No problems found.")
        return
    for problem in problems:
        click.echo(f"{problem.severity}: {problem}")
    click.echo(f"{len(problems)} problem(s).")


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
    exact unified diff is printed on stdout and nothing is written. Another sync or watch on
    the same vault makes this one refuse (exit 1).
    """
    from vinculo.report import sync_kinds, sync_listing
    from vinculo.text import plural
    from vinculo.writeback import WriteBackError
    from vinculo.writeback.sync import run_sync

    session = Session(ctx, vault)
    session.pm.hook.before_sync(vault=session.vault, config=session.config, dry_run=dry_run)
    try:
        with showing_progress(quiet):
            result = run_sync(
                session.vault, session.config, session.pm, session.today, dry_run=dry_run
            )
    except WriteBackError as exc:
        raise VinculoError(str(exc)) from exc
    report = result.report
    summary = result.summary
    summary["write"] = report.to_json()
    summary["write"]["dry_run"] = dry_run
    summary["write"]["full_pass"] = result.memo is None  # else the last sync's answer held
    summary["write"]["diagnostics"] = [str(d) for d in result.diagnostics]
    session.pm.hook.after_sync(vault=session.vault, config=session.config, report=summary)
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
@json_option
@click.pass_context
def undo(ctx: click.Context, vault: Path | None, dry_run: bool, as_json: bool) -> None:
    """Put back the files vinculo wrote last exactly as they were (bytes and mode).

    The last write batch is undone, whichever command wrote it (sync, watch, link, new,
    import). A file you changed since vinculo wrote it is left as it is, and listed; a file
    vinculo created is removed. Run it again to undo the batch before that.
    """
    from vinculo.writeback import WriteBackError, undo_last, vault_lock

    session = Session(ctx, vault)
    try:
        with vault_lock(session.vault):
            result = undo_last(session.vault, dry_run=dry_run)
    except WriteBackError as exc:
        raise VinculoError(str(exc)) from exc
    if as_json:
        echo_json({
            "journal_id": result.journal_id, "dry_run": dry_run, "restored": result.restored,
            "left": [{"path": rel, "why": why} for rel, why in result.left],
        })
        return
    if result.journal_id is None:
        click.echo("Nothing to undo.")
        return
    verb = "would restore" if dry_run else "restored"
    for rel in result.restored:
        click.echo(f"{verb} {rel}")
    for rel, why in result.left:
        click.echo(f"left {rel}: {why}")
    click.echo(f"{verb} {len(result.restored)} file(s), left {len(result.left)}.")


def main() -> None:
    """Entry point of the ``vinculo`` script and ``python -m vinculo``."""
    # A command runs once and exits. The cycle collector's passes over everything a run holds
    # (tens of thousands of notes, rows and mentions, next to no cycles), and its last pass at
    # exit, which runs even when it is off unless the objects are frozen, cost a tenth of a
    # sync: it is off for the command. ``vinculo watch``, which lives for days, turns it back on.
    gc.disable()
    try:
        cli(prog_name="vinculo")
    except RuntimeError as exc:
        if type(exc).__name__ != "StaleNoteError":  # vinculo.cache, not imported for --help
            raise
        click.echo(f"vinculo: {exc}; run the command again", err=True)
        sys.exit(1)
    finally:
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
