"""When each process of a sync works and when it waits: ``python bench/timeline.py VAULT [sync
options]``.

Runs ``vinculo sync VAULT`` in this process, as the command runs it, its forked workers
included, and marks the start and end of each step of the main process (the walk, the
vocabularies' compile, taking the workers' parsed notes, the contacts, the analysis it waits
for, the stages after it, the plan, the diff, the output) and of each worker (reading its
notes, sending them, waiting for the contacts, analysing) and of the process that compiles the
vocabularies on a first run ("ahead", started before the walk), on one clock shared by every
process, with the processor time each process spent by then. Printed on standard error once the command
is done: each process's steps, then the run cut into its phases — the main process alone
before the workers start, the reading and the wait of the workers for the contacts, the
analysis, the tail — with the wall time of each and the processor time of every process in it,
and the least wall time those processor times allow on as many cores as there are workers (each
phase as long as its busiest process, or as all of them shared by the cores).

The phases where one process works and the others wait are the run's serial part: on two
cores, a second of processor time there is a second of wall time, against about half a second
in the analysis, which both workers share. A diagnostic, not a benchmark
(``bench/first_run.py`` times whole commands); on a shared machine read the processor times.
Point ``PYTHONPATH`` at another version's ``src`` to time that code (a step it lacks is
skipped); give each run its own copy of the vault and a fresh ``VINCULO_STATE_DIR``.
"""

from __future__ import annotations

import atexit
import functools
import importlib
import itertools
import json
import os
import runpy
import sys
import tempfile
import time
from typing import Any

# (module, attribute, label): the main process's steps, timed from entry to return.
STEPS = [
    ("vinculo.sync_service", "SyncService.sync", "sync"),
    ("vinculo.pipeline", "scan_vault", "scan"),
    ("vinculo.workers", "TwoStepWorkers.__init__", "fork"),
    ("vinculo.pipeline", "shared_matcher", "compile"),
    ("vinculo.workers", "TwoStepWorkers.replies", "take parsed"),
    ("vinculo.workers", "Ahead.result", "take compiled"),
    ("vinculo.pipeline", "build_contacts", "contacts"),
    ("vinculo.pipeline", "contact_links", "link paths"),
    ("vinculo.workers", "TwoStepWorkers.finish", "send contacts"),
    ("vinculo.pipeline", "analyse_notes", "analysis"),
    ("vinculo.pipeline", "collect_interactions", "histories"),
    ("vinculo.pipeline", "collect_loops", "loops"),
    ("vinculo.pipeline", "detect_language", "language"),
    ("vinculo.pipeline", "assign_stages", "stages"),
    ("vinculo.pipeline", "collect_suggestions", "suggestions"),
    ("vinculo.cache", "NoteCache.save", "cache save"),
    ("vinculo.sync_service", "plan_sync", "plan"),
    ("vinculo.sync_service", "apply_changes", "checks and diff"),
    ("vinculo.memo", "forget", "memo forget"),
    ("vinculo.memo", "remember", "memo remember"),
    ("vinculo.sync_service", "summary_of", "summary"),
    ("vinculo.writeback.apply", "WriteReport.diff", "diff text"),
    ("click", "echo", "echo"),
]
MAIN = os.getpid()
MARKS: list[tuple[str, float, float]] = []  # (label, clock, processor time) of this process
LOG = os.environ.get("VINCULO_TIMELINE_DIR") or tempfile.mkdtemp(prefix="vinculo-timeline-")


def _mark(label: str) -> None:
    MARKS.append((label, time.clock_gettime(time.CLOCK_MONOTONIC), time.process_time()))


def _wrap(module: str, name: str, label: str) -> None:
    try:
        owner: Any = importlib.import_module(module)
        *path, attr = name.split(".")
        for part in path:
            owner = getattr(owner, part)
        inner = owner.__dict__[attr] if isinstance(owner, type) else getattr(owner, attr)
    except (ImportError, AttributeError, KeyError):
        return
    if isinstance(inner, property):  # a lazy attribute: time its getter
        getter = inner.fget

        @functools.wraps(getter)
        def get(self: Any) -> Any:
            _mark(f"{label} >")
            try:
                return getter(self)
            finally:
                _mark(f"{label} <")

        setattr(owner, attr, property(get, inner.fset))
        return

    @functools.wraps(inner)
    def timed(*args: Any, **kwargs: Any) -> Any:
        _mark(f"{label} >")
        try:
            return inner(*args, **kwargs)
        finally:
            _mark(f"{label} <")

    setattr(owner, attr, timed)


def _in_workers() -> None:
    """A worker's steps: its sends (the parsed notes, then the results) and its wait for the
    contacts; written to the log as the worker ends (a forked worker runs no exit handler)."""
    from multiprocessing import connection

    from vinculo import workers

    for attr in ("send", "recv_bytes"):
        inner = getattr(connection.Connection, attr)

        def timed(self: Any, *args: Any, _inner: Any = inner, _attr: str = attr,
                  **kwargs: Any) -> Any:
            if os.getpid() == MAIN:
                return _inner(self, *args, **kwargs)
            tag = _attr
            if _attr == "send":
                tag = f"send {args[0][0]}" if args and isinstance(args[0], tuple) else "send"
            _mark(f"{tag} >")
            try:
                return _inner(self, *args, **kwargs)
            finally:
                _mark(f"{tag} <")

        setattr(connection.Connection, attr, timed)

    worker = workers._two_step_worker

    @functools.wraps(worker)
    def timed_worker(*args: Any, **kwargs: Any) -> None:
        MARKS.clear()
        _mark("worker >")
        try:
            worker(*args, **kwargs)
        finally:
            _mark("worker <")
            _save()

    workers._two_step_worker = timed_worker
    ahead = getattr(workers, "_ahead_worker", None)
    if ahead is None:  # code before the compile in a process of its own
        return

    @functools.wraps(ahead)
    def timed_ahead(*args: Any, **kwargs: Any) -> None:
        MARKS.clear()
        _mark("ahead >")
        try:
            ahead(*args, **kwargs)
        finally:
            _mark("ahead <")
            _save("ahead")

    workers._ahead_worker = timed_ahead


def _save(kind: str = "worker") -> None:
    with open(os.path.join(LOG, f"{os.getpid()}.json"), "w", encoding="utf-8") as out:
        json.dump({"pid": os.getpid(), "main": os.getpid() == MAIN, "kind": kind,
                   "marks": MARKS}, out)


def _report() -> None:
    if os.getpid() != MAIN:
        return
    _mark("exit")
    _save()
    report(LOG, sys.stderr)


def _spans(marks: list[list[Any]]) -> list[tuple[str, float, float, float, float]]:
    """(label, start, end, processor at start, at end) of each step, innermost first closed."""
    open_: dict[str, list[tuple[float, float]]] = {}
    spans = []
    for label, clock, cpu in marks:
        if label.endswith(" >"):
            open_.setdefault(label[:-2], []).append((clock, cpu))
        elif label.endswith(" <") and open_.get(label[:-2]):
            start, cpu0 = open_[label[:-2]].pop()
            spans.append((label[:-2], start, clock, cpu0, cpu))
    return spans


def report(folder: str, out: Any) -> None:
    """Print each process's steps and the run's phases from the logs in ``folder``."""
    runs = []
    for name in os.listdir(folder):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            runs.append(json.load(f))
    main = next(r for r in runs if r["main"])
    others = [r for r in runs if not r["main"]]
    origin = main["marks"][0][1]
    for run in [main, *others]:
        who = ("main process" if run["main"]
               else f"{run.get('kind', 'worker')} {run['pid']}")
        print(f"{who}:", file=out)
        totals: dict[str, list[float]] = {}
        for label, start, end, cpu0, cpu1 in _spans(run["marks"]):
            entry = totals.setdefault(label, [0, start, end, 0.0, 0.0])
            entry[0] += 1
            entry[2] = end
            entry[3] += end - start
            entry[4] += cpu1 - cpu0
        for label, (calls, start, end, wall, cpu) in totals.items():
            print(f"  {label:16s} {calls:5d}× from {start - origin:6.3f} to {end - origin:6.3f} s"
                  f"  {wall:6.3f} s wall  {cpu:6.3f} s processor", file=out)
    # The phases, on the main process's marks and the workers' sends.
    spans = {s[0]: s for s in _spans(main["marks"])}
    ends = main["marks"][-1]

    def at(label: str, which: int) -> tuple[float, float] | None:
        span = spans.get(label)
        return None if span is None else (span[1 + which], span[3 + which])

    cuts = [("start", (origin, main["marks"][0][2])), ("workers forked", at("fork", 1)),
            ("message sent", at("send contacts", 0)), ("analysis done", at("analysis", 1)),
            ("exit", (ends[1], ends[2]))]
    cuts = [(name, c) for name, c in cuts if c is not None]

    def cpu_of(run: dict[str, Any], clock: float) -> float:
        """A process's processor time at ``clock`` (its last mark before it)."""
        before = [m for m in run["marks"] if m[1] <= clock]
        return before[-1][2] if before else 0.0

    print("phases (wall; processor time of the main process, of the other processes):",
          file=out)
    phases = []  # (the main process's processor time, each worker's) in each phase
    for (a, (t0, c0)), (b, (t1, c1)) in itertools.pairwise(cuts):
        each = [cpu_of(r, t1) - cpu_of(r, t0) for r in others]
        phases.append((c1 - c0, each))
        print(f"  {a} → {b}: {t1 - t0:6.3f} s wall; {c1 - c0:6.3f} s, {sum(each):6.3f} s",
              file=out)
    if len(phases) == 4 and others:
        print(f"  main process alone (before the workers, after the analysis): "
              f"{phases[0][0] + phases[3][0]:.3f} s processor", file=out)
        # Each phase takes at least its longest process's time, and at least the processor
        # time of all of them shared by as many cores as there are workers.
        cores = sum(1 for r in others if r.get("kind", "worker") == "worker")
        least = sum(max(own, *each, (own + sum(each)) / cores) for own, each in phases)
        print(f"  with {cores} cores of its own, at least {least:.2f} s of wall time "
              "(the processor times above, each phase as short as its cores allow)", file=out)


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit(__doc__.split("\n\n")[0])
    # This folder is not vinculo's: the code under test comes from PYTHONPATH or the install.
    if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
        sys.path.pop(0)
    _mark("start")
    for module, name, label in STEPS:
        _wrap(module, name, label)
    _in_workers()
    atexit.register(_report)
    sys.argv = ["vinculo", "sync", *sys.argv[1:]]
    runpy.run_module("vinculo", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
