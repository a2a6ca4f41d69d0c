"""Quiet periods and batching: a storm of events becomes one pass after the storm.

Every touched note waits until the whole vault has been quiet for ``quiet`` seconds, then
all of them go out as one batch. Rapid saves while typing, or thousands of files rewritten by
``git checkout``, so become one pass over a tree that has stopped changing, never a pass over
a half-changed one. A file that never stops changing (a log someone keeps in the vault) must
not starve the others: after ``max_wait`` seconds, the notes that have been quiet on their own
for ``quiet`` seconds go out without it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass
class Batch:
    """Notes to look at together, and whether to walk the vault or reload settings first."""

    rels: set[str] = field(default_factory=set)
    rescan: bool = False
    reload: bool = False
    first_event: float = 0.0  # monotonic time of the first event of the batch
    last_event: float = 0.0  # monotonic time of its last event

    def __bool__(self) -> bool:
        return bool(self.rels) or self.rescan or self.reload


class Debouncer:
    """Thread-safe: the observer thread calls :meth:`add`, the worker blocks in :meth:`take`."""

    def __init__(
        self,
        quiet: float = 0.3,
        max_wait: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.quiet = quiet
        self.max_wait = max(max_wait, quiet)
        self._clock = clock
        self._cond = threading.Condition()
        self._last: dict[str, float] = {}  # rel -> time of its last event
        self._rescan = False
        self._reload = False
        self._first = 0.0
        self._latest = 0.0
        self._closed = False

    def add(self, rels: Iterable[str] = (), rescan: bool = False, reload: bool = False) -> None:
        """Record an event; restarts the quiet period."""
        now = self._clock()
        with self._cond:
            if not self._pending():
                self._first = now
            for rel in rels:
                self._last[rel] = now
            self._rescan |= rescan
            self._reload |= reload
            self._latest = now
            self._cond.notify_all()

    def close(self) -> None:
        """Wake a blocked :meth:`take` so the worker can stop."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def pending(self) -> bool:
        with self._cond:
            return self._pending()

    def _pending(self) -> bool:
        return bool(self._last) or self._rescan or self._reload

    def take(self, timeout: float | None = None) -> Batch | None:
        """Block until a batch is ready (or ``timeout`` passes, or :meth:`close`); None then."""
        deadline = None if timeout is None else self._clock() + timeout
        with self._cond:
            while True:
                batch = self._ready(self._clock())
                if batch is not None:
                    return batch
                now = self._clock()
                if self._closed or (deadline is not None and now >= deadline):
                    return None
                wait = self._next_check(now)
                if deadline is not None:
                    wait = min(wait, deadline - now) if wait is not None else deadline - now
                self._cond.wait(wait)

    def _next_check(self, now: float) -> float | None:
        if not self._pending():
            return None
        due = self._latest + self.quiet
        if now < self._first + self.max_wait:
            due = min(due, self._first + self.max_wait)
        elif self._last:
            due = min(due, min(self._last.values()) + self.quiet)
        return max(0.001, due - now)

    def _ready(self, now: float) -> Batch | None:
        if not self._pending():
            return None
        if now - self._latest >= self.quiet:
            rels = set(self._last)
            self._last.clear()
        elif now - self._first >= self.max_wait:
            rels = {rel for rel, t in self._last.items() if now - t >= self.quiet}
            if not rels and not (self._rescan or self._reload):
                return None
            for rel in rels:
                del self._last[rel]
        else:
            return None
        batch = Batch(rels, self._rescan, self._reload, self._first, self._latest)
        self._rescan = self._reload = False
        if self._last:
            self._first = min(self._last.values())
        return batch
