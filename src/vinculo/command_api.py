"""What every command is built from, core or plugin: open a vault the same way
(:class:`Session`), take the same arguments (:func:`vault_argument`, :func:`json_option`,
:func:`quiet_option`) and print the same way (:func:`echo_json`, :func:`console`, :func:`esc`).

A plugin's ``register_commands`` imports these from here; ``vinculo.cli`` (the entry point
that loads the plugins) is built from them too.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from vinculo.errors import VinculoError

__all__ = [
    "Session", "VinculoError", "console", "deliver_export", "echo_json", "esc", "json_option",
    "looks_like_vault", "output_option", "quiet_option", "showing_progress", "vault_argument",
]

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


def output_option(func: Any) -> Any:
    """``-o/--output FILE`` of an export command; without it the export goes to standard
    output (see :func:`deliver_export`)."""
    return click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
                         help="Write to this file instead of standard output.")(func)


def deliver_export(session: Session, output: Path | None, data: bytes, reason: str,
                   done: str) -> None:
    """An export's bytes to standard output, or to ``output`` (in the vault through the safe
    write path, journaled: ``reason`` is the journal's why) with ``done`` ("12 contacts") said
    on standard error, so a pipe gets the file and nothing else."""
    if output is None:
        click.echo(data, nl=False)
        return
    from vinculo.exports import save_export

    save_export(session, output, data, reason)
    click.echo(f"{done} written to {output}", err=True)


def showing_progress(quiet: bool) -> Any:
    from vinculo import progress

    return progress.showing(progress.wanted(quiet))


class Session:
    """What a vault command needs: the vault, its config, a plugin manager, today."""

    def __init__(self, ctx: click.Context, vault: Path | None, *, writes: bool = False,
                 config_warnings: bool = True) -> None:
        """``writes``: the command writes (or plans writes) to the vault, so the folder must
        look like one (:func:`looks_like_vault`) unless ``--vault-ok``/$VINCULO_VAULT_OK.
        ``config_warnings``: print vinculo.toml's warnings on stderr (``doctor`` lists them
        itself)."""
        from vinculo.config import read_config
        from vinculo.errors import VaultError
        from vinculo.plugin_host import get_plugin_manager

        root = Path(vault) if vault else Path(os.getcwd())
        if not root.exists():
            raise VaultError(f"vault not found: {root}")
        if not root.is_dir():
            raise VaultError(f"not a folder: {root}")
        self.vault = root.resolve()
        vault_ok = ctx.meta.get("vinculo.vault_ok") or os.environ.get(VAULT_OK_ENV, "") not in (
            "", "0")
        if writes and not vault_ok and not looks_like_vault(self.vault):
            given = "" if vault else " (VAULT defaults to the current folder)"
            raise VaultError(
                f"{self.vault} does not look like a vault{given}: no .obsidian/ folder and no "
                "vinculo.toml; nothing written. Name your vault's folder, or create vinculo.toml "
                "in it (or pass --vault-ok)"
            )
        # Read, not checked yet: the file is checked once, against the core's sections and
        # the plugins' together (_check_config), so the first error named is the file's first.
        self.config = read_config(self.vault)
        obj = ctx.find_root().obj or {}
        blocked = (*obj.get("blocked", ()), *self.config.disabled_plugins)
        self.pm = get_plugin_manager(blocked=blocked)
        self.today: dt.date = obj.get("today") or dt.date.today()
        _check_config(self.config, self.pm, config_warnings)

    def index(self, progress: bool = True) -> Any:
        from vinculo.pipeline import build_index

        return build_index(self.vault, self.config, self.pm, self.today)

    def settled(self) -> Any:
        """The last sync's memo when the vault is still settled (see :mod:`vinculo.memo`):
        its summary and contact rows are what a full pass would print."""
        from vinculo.memo import answer

        return answer(self.vault, self.config, self.pm, self.today)


def _check_config(config: Any, pm: Any, warn: bool = True) -> None:
    """The whole vinculo.toml against every declared section: an error stops the command
    (one line), each warning (a section or key nobody reads) is printed on stderr."""
    from vinculo.config_check import validate  # its ConfigError is a VinculoError: main says it

    validate(config, pm, warn=(lambda w: click.echo(f"warning: {w}", err=True)) if warn else None)


def echo_json(data: Any) -> None:
    """Indented on a terminal, where a person reads it; compact when piped, where a script does:
    Python's JSON encoder indents in pure Python, five times slower than its compact one (a
    ``sync --json`` of 1,000 contacts: 0.04 s against 0.008 s)."""
    indent = 2 if getattr(sys.stdout, "isatty", lambda: False)() else None
    click.echo(json.dumps(data, ensure_ascii=False, indent=indent, default=str))


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
