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

    def invoke(self, ctx: click.Context) -> Any:
        """Every command, core or plugin: a write the safe write path refused (the lock held
        too long, an unusable state folder) is one line and exit 1, never a traceback."""
        from vinculo.writeback.errors import WriteBackError

        try:
            return super().invoke(ctx)
        except WriteBackError as exc:
            raise VinculoError(str(exc)) from None


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

    from vinculo.state import set_command

    set_command(ctx.invoked_subcommand)  # the undo journal says which command wrote a batch
    ctx.ensure_object(dict)
    ctx.obj["blocked"] = tuple(block_plugin)
    ctx.obj["today"] = today.date() if today else dt.date.today()


VAULT_OK_ENV = "VINCULO_VAULT_OK"


def _vault_ok(ctx: click.Context, _param: Any, value: bool) -> None:
    if value:
        ctx.meta["vinculo.vault_ok"] = True


def vault_argument(func: Any) -> Any:
    """The VAULT argument every vault command takes first, and ``--vault-ok``."""
    func = click.option(  # hidden: the refusal it overrides names it, as does `vinculo -h`
        "--vault-ok", is_flag=True, expose_value=False, callback=_vault_ok, hidden=True,
        help="Write to VAULT even without .obsidian/ or vinculo.toml in it.",
    )(func)
    return click.argument(
        "vault",
        required=False,
        type=click.Path(path_type=Path, file_okay=False),
        envvar="VINCULO_VAULT",
    )(func)


def looks_like_vault(root: Path) -> bool:
    """A folder vinculo may write to: Obsidian's ``.obsidian/`` or a ``vinculo.toml`` in it.
    Without one, a mistyped or forgotten VAULT (the current folder: a code repository, the
    home folder) would get links in its README and a dashboard."""
    return (root / ".obsidian").is_dir() or (root / "vinculo.toml").is_file()


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

    def __init__(self, ctx: click.Context, vault: Path | None, *, writes: bool = False) -> None:
        """``writes``: the command writes (or plans writes) to the vault, so the folder must
        look like one (:func:`looks_like_vault`) unless ``--vault-ok``/$VINCULO_VAULT_OK."""
        from vinculo.config import ConfigError, load_config
        from vinculo.plugins import get_plugin_manager

        root = Path(vault) if vault else Path(os.getcwd())
        if not root.exists():
            raise VinculoError(f"vault not found: {root}")
        if not root.is_dir():
            raise VinculoError(f"not a folder: {root}")
        self.vault = root.resolve()
        vault_ok = ctx.meta.get("vinculo.vault_ok") or os.environ.get(VAULT_OK_ENV, "") not in (
            "", "0")
        if writes and not vault_ok and not looks_like_vault(self.vault):
            given = "" if vault else " (VAULT defaults to the current folder)"
            raise VinculoError(
                f"{self.vault} does not look like a vault{given}: no .obsidian/ folder and no "
                "vinculo.toml; nothing written. Name your vault's folder, or create vinculo.toml "
                "in it (or pass --vault-ok)"
            )
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


def esc(value: Any) -> str:
    """``value`` as text rich prints as written: a name like ``Rodrigo Sanz [he-him]`` or a
    city with ``[/]`` is not read as markup (which would drop it, or crash). Every user
    string that goes to :func:`console` goes through this."""
    from rich.markup import escape

    return escape(str(value))


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
    from vinculo.plugins import get_plugin_manager, plugin_summary

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
    session = Session(ctx, vault)
    with showing_progress(quiet):
        problems = find_problems(session.index(), only)
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
    from vinculo.text import plural
    from vinculo.writeback import WriteBackError
    from vinculo.writeback.sync import run_sync

    session = Session(ctx, vault, writes=True)
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
    # The diff of a real sync is rendered only when it is shown: in JSON, or to a plugin
    # that listens to after_sync (a first sync writes thousands of notes).
    shown = dry_run or as_json or bool(session.pm.hook.after_sync.get_hookimpls())
    summary["write"] = report.to_json(diff=shown)
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

    The last 20 batches are kept, and besides them a watch session's first sync and any
    batch of 50 files or more, until you drop them: `undo --list` shows them, `undo --drop ID`
    forgets one.
    """
    from vinculo.writeback import WriteBackError, undo_last, vault_lock
    from vinculo.writeback.journal import drop_group, list_groups

    session = Session(ctx, vault)
    if as_list:
        try:
            groups = list_groups(session.vault)
        except WriteBackError as exc:
            raise VinculoError(str(exc)) from exc
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
    try:
        with vault_lock(session.vault):
            if drop:
                if not drop_group(session.vault, drop):
                    raise VinculoError(f"no batch {drop!r} in the journal (see: vinculo undo --list)")
                click.echo(f"dropped {drop}")
                return
            result = undo_last(session.vault, dry_run=dry_run)
    except WriteBackError as exc:
        raise VinculoError(str(exc)) from exc
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

        if watcher_running(session.vault):  # its next pass would write them all again
            click.echo("vinculo: `vinculo watch` is running on this vault: it will link and "
                       "sync these notes again on its next pass; stop it first to keep the "
                       "undo (then run undo again)", err=True)


def _user_error(exc: BaseException) -> str | None:
    """The one line to print for an error a user can act on that no command caught (a
    refused write, an unusable state folder), None for a bug (whose traceback is wanted).
    By class name, so ``--help`` loads none of those modules."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    if "StaleNoteError" in names:  # vinculo.cache
        return f"{exc}; run the command again"
    if names & {"WriteBackError", "StateDirError"}:
        return str(exc)
    return None


def main() -> None:
    """Entry point of the ``vinculo`` script and ``python -m vinculo``."""
    # A command runs once and exits. The cycle collector's passes over everything a run holds
    # (tens of thousands of notes, rows and mentions, next to no cycles), and its last pass at
    # exit, which runs even when it is off unless the objects are frozen, cost a tenth of a
    # sync: it is off for the command. ``vinculo watch``, which lives for days, turns it back on.
    gc.disable()
    try:
        cli(prog_name="vinculo")
    except Exception as exc:
        message = _user_error(exc)
        if message is None:
            raise
        click.echo(f"vinculo: {message}", err=True)
        sys.exit(1)
    finally:
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
