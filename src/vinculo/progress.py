"""Progress on long work: one bar on stderr for what a command is doing now.

The stages that take long on a large vault (reading, analysing, planning, writing) report
to :func:`stage` and :func:`advance`; by default nothing listens and each call costs next to
nothing. A command that may run long (``scan``, ``sync``, ``doctor``) installs a
:class:`Bar` with :func:`showing`: it appears only once the command has run for a second,
only on a terminal, never with ``--quiet``, and leaves nothing behind when done (stdout, a
diff or JSON, is never touched).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from typing import Any

# Work that ends sooner shows no bar ($VINCULO_PROGRESS_AFTER: another delay, in seconds).
DELAY_S = 1.0


class Reporter:
    """Listens to nothing: what runs when no command asked for progress."""

    def stage(self, label: str, total: int | None) -> None:
        """A new stage of ``total`` steps begins (None: unknown)."""

    def advance(self, steps: int = 1) -> None:
        """``steps`` more steps of the current stage are done."""

    def close(self) -> None:
        """The command is done: the bar goes."""


class Bar(Reporter):
    """A rich progress bar on stderr, shown once the command has run for ``delay`` seconds."""

    def __init__(self, delay: float | None = None) -> None:
        self.since = time.monotonic()
        if delay is None:
            try:
                delay = float(os.environ.get("VINCULO_PROGRESS_AFTER", DELAY_S))
            except ValueError:
                delay = DELAY_S
        self.delay = delay
        self.label, self.done = "", 0
        self.total: int | None = None
        self._bar: Any = None
        self._task: Any = None
        self._shown_at = 0.0

    def stage(self, label: str, total: int | None) -> None:
        self.label, self.total, self.done = label, total, 0
        self._show(force=True)

    def advance(self, steps: int = 1) -> None:
        self.done += steps
        self._show()

    def _show(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._shown_at < 0.05:  # a few updates a second are enough
            return
        self._shown_at = now
        if self._bar is None:
            if now - self.since < self.delay:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), console=Console(stderr=True),
                                 transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total)
        self._bar.update(self._task, description=self.label, total=self.total,
                         completed=self.done)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


_current: Reporter = Reporter()


def stage(label: str, total: int | None = None) -> None:
    """Tell whoever listens that a stage of ``total`` steps begins."""
    _current.stage(label, total)


def advance(steps: int = 1) -> None:
    """Tell whoever listens that ``steps`` more steps are done."""
    _current.advance(steps)


def wanted(quiet: bool) -> bool:
    """Whether a command shows progress: on a terminal (stderr), and not asked to be quiet."""
    return not quiet and sys.stderr.isatty()


@contextlib.contextmanager
def showing(enabled: bool = True, reporter: Reporter | None = None) -> Iterator[Reporter]:
    """Report the stages run inside to a :class:`Bar` (or ``reporter``) when ``enabled``."""
    global _current
    if not enabled:
        yield _current
        return
    previous, _current = _current, reporter or Bar()
    try:
        yield _current
    finally:
        _current.close()
        _current = previous
