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
from collections.abc import Callable, Iterable, Iterator, Sequence
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


def _fork_safe() -> bool:
    """Whether this process may fork: forking one that runs threads (like the watcher) can
    deadlock the child."""
    return hasattr(os, "fork") and threading.active_count() == 1


def can_fork() -> bool:
    import multiprocessing  # here: most commands never start a worker

    return (
        _fork_safe()
        and "fork" in multiprocessing.get_all_start_methods()
        and not multiprocessing.parent_process()
    )


def will_fork(count: int, workers: int) -> bool:
    """Whether :func:`fork_map` would use workers for ``count`` items."""
    return workers >= 2 and count >= MIN_ITEMS and can_fork()


def as_worker() -> None:
    """Run first in every forked worker: the default signal handling, not the parent's. A
    handler inherited from the watcher ("SIGTERM: finish the write in flight") kept a worker
    alive when its pool terminated it, and the watcher waited for it forever; Ctrl-C is the
    parent's to handle (it stops its workers)."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


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
        with multiprocessing.get_context("fork").Pool(workers, initializer=as_worker) as pool:
            parts = pool.map(_run, bounds, chunksize=1)
    finally:
        _job = None
    return [result for part in parts for result in part]


K = TypeVar("K")
M = TypeVar("M")


class TwoStepWorkers:
    """Forked workers that keep their share of the items between two steps.

    Step one runs at once: each worker calls ``first(item) -> (kept, reply)`` on its share
    and sends the replies back (:meth:`replies`). The parent then computes what step two
    needs and sends it (:meth:`finish`): each worker iterates ``second(kept_list, message)``,
    one result per kept item, without reading or parsing anything again. Workers take every
    ``workers``-th item, so large notes stored side by side are shared out. ``meanwhile``, if
    given, is called by each worker while it waits for the message (work step two needs that
    does not depend on it). ``first``, ``second`` and ``meanwhile`` need not be picklable (they
    are inherited through fork); replies, the message and results must be.
    """

    def __init__(self, items: Sequence[T], first: Callable[[T], tuple[K, Any]],
                 second: Callable[[list[K], M], Iterable[Any]], workers: int,
                 meanwhile: Callable[[], Any] | None = None) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self.count = len(items)
        self.workers = workers
        self._conns: list[Any] = []  # multiprocessing Connections, one per worker
        self._procs = []
        for offset in range(workers):
            ours, theirs = context.Pipe()
            proc = context.Process(
                target=_two_step_worker,
                args=(theirs, [*self._conns, ours], first, second, meanwhile, items, offset,
                      workers),
                daemon=True,
            )
            proc.start()
            theirs.close()
            self._conns.append(ours)
            self._procs.append(proc)

    def _receive(self, conn: Any) -> tuple[str, Any]:
        try:
            status, payload = conn.recv()
        except (EOFError, OSError):
            self.close()
            raise RuntimeError("a worker process stopped before it finished") from None
        if status == "error":
            self.close()
            raise RuntimeError(f"a worker process failed:\n{payload}")
        return status, payload

    def replies(self) -> list[Any]:
        """Step one's reply for each item, in item order."""
        out: list[Any] = [None] * self.count
        for offset, conn in enumerate(self._conns):
            out[offset :: self.workers] = self._receive(conn)[1]
        return out

    def finish(self, message: Any) -> Iterator[tuple[int, Any]]:
        """Send step two's message at once, and return its ``(item index, result)`` pairs as
        the workers send them (in batches, so the parent can use the first while the workers
        compute the rest); the workers then exit."""
        import pickle

        payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)  # once for all
        for conn in self._conns:
            conn.send_bytes(payload)
        return self._results()

    def _results(self) -> Iterator[tuple[int, Any]]:
        from multiprocessing.connection import wait

        try:
            sent = [0] * self.workers  # results received from each worker so far
            waiting = {id(conn): offset for offset, conn in enumerate(self._conns)}
            while waiting:
                for conn in wait([c for c in self._conns if id(c) in waiting]):
                    offset = waiting[id(conn)]
                    status, batch = self._receive(conn)
                    if status == "done":
                        del waiting[id(conn)]
                        continue
                    for result in batch:
                        yield offset + sent[offset] * self.workers, result
                        sent[offset] += 1
        finally:
            self.close()

    def close(self) -> None:
        """Stop the workers (step two never sent, or done)."""
        for conn in self._conns:
            conn.close()
        for proc in self._procs:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()
        self._conns, self._procs = [], []


class Ahead:
    """One value computed in a forked process while this one goes on with other work:
    ``func()``, sent back pickled. ``func`` need not be picklable (it is inherited through
    fork); its result must be. Best effort: :meth:`result` is None when the process failed
    or stopped, and the caller computes the value itself."""

    def __init__(self, func: Callable[[], Any]) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe(duplex=False)  # (receiving end, sending end)
        self._conn: Any = ours
        self._received = False
        self._proc: Any = context.Process(target=_ahead_worker, args=(theirs, ours, func),
                                          daemon=True)
        self._proc.start()
        theirs.close()

    def result(self) -> Any:
        """``func()``'s value, once it is sent (None when it could not be computed there)."""
        if self._conn is None:
            return None
        try:
            status, value = self._conn.recv()
            self._received = True
        except Exception:  # stopped, or a value that does not load here
            status, value = "error", None
        self.close()
        return value if status == "ok" else None

    def close(self) -> None:
        """Stop the process (done, or its value no longer wanted)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._proc is not None:
            if not self._received:  # still computing, or waiting to send: not wanted now
                self._proc.kill()
            self._proc.join()
            self._proc = None


def _ahead_worker(conn: Any, parent_end: Any, func: Callable[[], Any]) -> None:
    as_worker()
    parent_end.close()  # inherited through fork
    import gc

    gc.disable()  # as in the pool's workers: a short life, next to no cycles
    try:
        value = func()
    except Exception:
        value, status = None, "error"
    else:
        status = "ok"
    try:
        conn.send((status, value))
    except Exception:  # the parent stopped waiting, or the value does not pickle
        pass
    finally:
        conn.close()


class HoldingPool:
    """Worker processes that read their share of the items and keep what they read for a
    second step (a :class:`TwoStepWorkers` started on demand). Owned by one ``with`` block, which
    stops them (:func:`vinculo.pipeline.worker_pool`); nothing else keeps a handle on them.
    It may also own one :class:`Ahead` process (:meth:`ahead`).
    """

    def __init__(self, workers: int, second: Callable[[list[Any], Any], Iterable[Any]],
                 meanwhile: Callable[[], Any] | None = None,
                 alongside: Callable[[], Any] | None = None) -> None:
        """``meanwhile``: called by each worker while it waits for step two (see
        :class:`TwoStepWorkers`); ``alongside``: called once here, as soon as the workers
        are started, so the parent's share of the preparation runs while they read."""
        self.workers = workers
        self._second = second
        self._meanwhile = meanwhile
        self._alongside = alongside
        self._steps: list[TwoStepWorkers] = []
        self._held: list[str] = []  # the key of each item the workers keep, in item order
        self._ahead: list[Ahead] = []

    @property
    def holding(self) -> bool:
        """Whether workers keep items for :meth:`finish`."""
        return bool(self._held)

    def map_and_keep(self, items: Sequence[T], first: Callable[[T], tuple[Any, Any]],
                     keys: Sequence[str]) -> list[Any] | None:
        """Step one's replies, in item order, computed in the workers, which then keep their
        share; None when workers would not pay (the caller does the work itself)."""
        if self._held or not will_fork(len(items), self.workers):
            return None
        step = TwoStepWorkers(items, first, self._second, self.workers, self._meanwhile)
        self._steps.append(step)
        self._held = list(keys)
        if self._alongside is not None:
            self._alongside()
        return step.replies()

    def finish(self, message: Any) -> Iterator[tuple[str, Any]]:
        """Send step two's message; ``(key, result)`` for each kept item as they arrive."""
        if not self._held:
            return iter(())
        held, self._held = self._held, []
        return ((held[position], result)
                for position, result in self._steps[-1].finish(message))

    def ahead(self, func: Callable[[], Any]) -> Ahead | None:
        """``func()`` computed in a process of its own, started now, stopped with the pool
        (see :class:`Ahead`); None when this process may not fork (compute it here)."""
        if self.workers < 2 or not can_fork():
            return None
        started = Ahead(func)
        self._ahead.append(started)
        return started

    def close(self) -> None:
        """Stop every worker (done, or never asked for step two)."""
        for step in self._steps:
            step.close()
        for started in self._ahead:
            started.close()
        self._steps, self._held, self._ahead = [], [], []


BATCH = 250  # step-two results per message: the parent starts on them while workers go on


def _two_step_worker(conn: Any, parent_ends: list[Any], first: Callable[[Any], tuple[Any, Any]],
                 second: Callable[[list[Any], Any], Iterable[Any]],
                 meanwhile: Callable[[], Any] | None, items: Sequence[Any], offset: int,
                 step: int) -> None:
    import pickle
    import traceback

    as_worker()
    for end in parent_ends:  # inherited through fork: kept open, the parent's close is no EOF
        end.close()
    import gc

    # A short-lived worker makes many objects and no garbage cycles worth collecting: the
    # collector's passes over everything it holds would be a sixth of its time.
    gc.disable()
    try:
        kept, replies = [], []
        for item in items[offset::step]:
            keep, reply = first(item)
            kept.append(keep)
            replies.append(reply)
        conn.send(("ok", replies))
        if meanwhile is not None:
            meanwhile()
        try:
            message = pickle.loads(conn.recv_bytes())
        except EOFError:  # closed without a second step
            return
        batch: list[Any] = []
        for result in second(kept, message):
            batch.append(result)
            if len(batch) == BATCH:
                conn.send(("part", batch))
                batch = []
        conn.send(("part", batch))
        conn.send(("done", None))
    except Exception:
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()
