"""What the command line prints when a command fails, in one place.

A :class:`~vinculo.errors.VinculoError` is the user's to fix: one line, ``vinculo: <message>``,
then ``hint: <hint>`` when it has one, and its exit status; no traceback unless
``$VINCULO_DEBUG`` is set. Ctrl-C is one line and status 130 (128 + SIGINT, as shells report
it). Any other exception is a bug: its traceback stays (it is what makes the bug reportable),
followed by a line saying whose bug it is and how to report it.
"""

from __future__ import annotations

import os
import sys

import click

from vinculo.errors import VinculoError

DEBUG_ENV = "VINCULO_DEBUG"
INTERRUPTED_STATUS = 130
ENTRY_POINT_GROUP = "vinculo"  # as in vinculo.plugin_host (not imported: it loads pluggy)


def debugging() -> bool:
    """``$VINCULO_DEBUG`` set (not empty, not 0): tracebacks for every error."""
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def one_line(text: str) -> str:
    """``text`` on one line: a message that carries a newline (an OS error, a library's
    text) must not spill over several lines of the terminal."""
    return " ".join(text.split())


def report_error(exc: VinculoError) -> int:
    """Print ``exc`` for the user; the exit status to end with."""
    if debugging():
        import traceback

        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    message = one_line(str(exc)) or one_line((type(exc).__doc__ or "").split(".")[0])
    click.echo(f"vinculo: {message}", err=True)
    if exc.hint:
        click.echo(f"hint: {one_line(exc.hint)}", err=True)
    return exc.exit_code


def interrupted() -> int:
    """Ctrl-C: one line, status 130. Every write vinculo had begun is atomic and journaled,
    so nothing is half-written (``vinculo undo`` takes back what was)."""
    click.echo("vinculo: interrupted", err=True)
    return INTERRUPTED_STATUS


def report_bug(exc: BaseException) -> int:
    """An unexpected exception: the traceback, then whom to tell. A third-party plugin in
    the traceback is named (its author fixes it; ``--block-plugin`` works around it)."""
    import traceback

    from vinculo.version import __version__

    traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    plugin = _plugin_in(exc)
    if plugin:
        click.echo(
            f"vinculo: unexpected error in the plugin {plugin!r}: please report it to the "
            f"plugin's author with the traceback above; `vinculo --block-plugin {plugin} …` "
            "runs without it", err=True)
    else:
        click.echo(
            f"vinculo: unexpected error (a bug in vinculo {__version__}): please report it "
            "with the traceback above and the command you ran", err=True)
    return 1


def _plugin_in(exc: BaseException) -> str | None:
    """The name of the installed plugin (``vinculo`` entry point) whose code is in the
    traceback, innermost first; None when there is none."""
    import traceback
    from importlib.metadata import entry_points

    try:
        modules = {ep.module.split(".")[0]: ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)}
    except Exception:  # broken metadata must not hide the traceback already printed
        return None
    for frame, _line in reversed(list(traceback.walk_tb(exc.__traceback__))):
        module = str(frame.f_globals.get("__name__", ""))
        if module.split(".")[0] in modules:
            return modules[module.split(".")[0]]
    return None
