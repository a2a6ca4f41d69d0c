"""Using both cores where it pays: per-note work over many notes, in forked workers.

Forked workers inherit everything already built (notes, contacts, the linker) without
pickling it; only each note's small result comes back. Used only where fork is available,
with enough notes to pay for the workers, and from a single-threaded process (forking a
process that runs threads, like the watcher, can deadlock). Otherwise the work runs here, in
order; both ways give the same results in the same order.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 400  # below this, starting workers costs more than it saves
_job: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def worker_count(config: Any = None) -> int:
    """``[performance] workers`` if set, else the cores this process may use (at most 4)."""
    wanted = config.get("performance.workers") if config is not None else None
    if wanted:
        return max(1, int(wanted))
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


def _run(bounds: tuple[int, int]) -> list[Any]:
    assert _job is not None
    func, items = _job
    return [func(items[i]) for i in range(*bounds)]


def can_fork() -> bool:
    import multiprocessing  # here: most commands never start a worker

    return (
        "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
        and not multiprocessing.parent_process()
    )


def will_fork(count: int, workers: int) -> bool:
    """Whether :func:`fork_map` would use workers for ``count`` items."""
    return workers >= 2 and count >= MIN_ITEMS and can_fork()


def fork_map(func: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """``[func(item) for item in items]``, split over ``workers`` forked processes when that
    is possible and worthwhile. ``func`` and ``items`` need not be picklable; results must."""
    global _job
    if not will_fork(len(items), workers):
        return [func(item) for item in items]
    chunks = workers * 4
    step = -(-len(items) // chunks)
    bounds = [(i, min(i + step, len(items))) for i in range(0, len(items), step)]
    _job = (func, items)
    import multiprocessing

    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_run, bounds, chunksize=1)
    finally:
        _job = None
    return [result for part in parts for result in part]
