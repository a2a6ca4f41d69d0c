"""Forked workers: results in item order, failures surfaced, one core behaving the same."""

from __future__ import annotations

import os

import pytest

from vinculo.workers import TwoStepWorkers, can_fork, fork_map

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork")


def test_a_crew_keeps_what_step_one_made_for_step_two_in_item_order():
    items = list(range(11))
    parent = os.getpid()
    crew = TwoStepWorkers(items, lambda i: ((i, os.getpid()), i * 10), lambda kept, add: [
        (i + add, pid != parent) for i, pid in kept], workers=3)
    assert crew.replies() == [i * 10 for i in items]
    results = dict(crew.finish(1000))
    assert sorted(results) == items
    assert [results[i][0] for i in items] == [i + 1000 for i in items]
    assert all(in_worker for _, in_worker in results.values())


def test_step_two_results_arrive_in_batches_before_the_workers_are_done():
    from vinculo.workers import BATCH

    items = list(range(2 * BATCH + 7))
    crew = TwoStepWorkers(items, lambda i: (i, None), lambda kept, _: (i * 2 for i in kept), workers=2)
    crew.replies()
    assert dict(crew.finish(None)) == {i: i * 2 for i in items}


def test_a_failing_worker_is_an_error_with_its_traceback_not_a_hang():
    def first(i: int) -> tuple[int, int]:
        if i == 5:
            raise ValueError("note 5 is broken")
        return i, i

    crew = TwoStepWorkers(list(range(8)), first, lambda kept, _: kept, workers=2)
    with pytest.raises(RuntimeError, match="note 5 is broken"):
        crew.replies()


def test_a_crew_closed_after_step_one_leaves_no_worker_behind():
    crew = TwoStepWorkers(list(range(4)), lambda i: (i, i), lambda kept, _: kept, workers=2)
    processes = list(crew._procs)
    assert crew.replies() == [0, 1, 2, 3]
    crew.close()
    assert not any(p.is_alive() for p in processes)


def test_fork_map_gives_what_a_plain_loop_gives():
    items = [f"note {i}" for i in range(900)]
    assert fork_map(str.upper, items, 2) == [s.upper() for s in items]


@pytest.fixture
def parent_ignoring_sigterm():
    """The parent handles SIGTERM itself, as the watcher does (it finishes the write in
    flight): its workers must not inherit that."""
    import signal

    previous = signal.signal(signal.SIGTERM, lambda *_: None)
    yield
    signal.signal(signal.SIGTERM, previous)


def test_a_worker_told_to_terminate_stops_though_its_parent_handles_sigterm(
        parent_ignoring_sigterm):
    import signal

    def first(i: int) -> tuple[int, int]:
        if i == 0:
            os.kill(os.getpid(), signal.SIGTERM)  # as a pool's terminate() does
        return i, i

    crew = TwoStepWorkers(list(range(10)), first, lambda kept, _: kept, workers=2)
    with pytest.raises(RuntimeError, match="stopped before it finished"):
        crew.replies()


def test_a_pooled_worker_takes_the_default_sigterm_so_its_pool_can_end_it(
        parent_ignoring_sigterm):
    import signal

    def handler(_: int) -> bool:
        return signal.getsignal(signal.SIGTERM) == signal.SIG_DFL

    assert all(fork_map(handler, list(range(1000)), workers=2))


def test_a_value_computed_ahead_comes_from_another_process_while_this_one_goes_on():
    from vinculo.workers import HoldingPool

    pool = HoldingPool(2, lambda kept, _: kept)
    started = pool.ahead(lambda: (os.getpid(), sum(range(1000))))
    assert started is not None
    here = sum(range(10))  # this process goes on meanwhile
    pid, value = started.result()
    assert pid != os.getpid() and value == 499500 and here == 45
    assert started._proc is None  # taken: its process is gone


def test_a_value_that_fails_ahead_is_none_and_its_process_is_gone():
    from vinculo.workers import HoldingPool

    def broken() -> int:
        raise ValueError("a compile that fails")

    pool = HoldingPool(2, lambda kept, _: kept)
    started = pool.ahead(broken)
    assert started is not None
    process = started._proc
    assert started.result() is None  # the caller computes it itself
    assert not process.is_alive()


def test_a_pool_closed_before_the_value_is_taken_leaves_no_process_behind():
    import time

    from vinculo.workers import HoldingPool

    pool = HoldingPool(2, lambda kept, _: kept)
    started = pool.ahead(lambda: time.sleep(60))
    assert started is not None
    process = started._proc
    pool.close()  # the run ended (or failed) before it needed the value
    assert not process.is_alive()


def test_no_value_is_computed_ahead_by_a_single_worker():
    from vinculo.workers import HoldingPool

    assert HoldingPool(1, lambda kept, _: kept).ahead(lambda: 1) is None
