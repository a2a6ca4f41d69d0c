"""Where a sync's main process spends its time: ``python bench/tail_time.py VAULT [sync options]``.

Runs ``vinculo sync VAULT`` in this process, as the command runs it (its workers included), with
a timer around each step of the main process — reading the vault, the analysis it waits for,
the stages after it, the cache's save, the plan, the journal, the temp files, the flush, the
swaps, the removal of the old copies — and prints, on standard error once the command is done,
the wall and processor time of each (summed over its calls), then the *tail*: from the end of
the analysis to the exit. The processor time is the whole process's over that span (threads
included), so a step another thread overlaps counts that thread's work too.

A diagnostic, not a benchmark (``bench/first_run.py`` times whole commands): it names where a
first sync's time goes. Point ``PYTHONPATH`` at another version's ``src`` to time that code
(its functions must have the same names); give each run its own copy of the vault and a fresh
``VINCULO_STATE_DIR`` for a first run.
"""

from __future__ import annotations

import atexit
import functools
import importlib
import os
import resource
import runpy
import sys
import time
from typing import Any

STEPS = [
    ("vinculo.pipeline", "scan_vault"), ("vinculo.pipeline", "build_contacts"),
    ("vinculo.pipeline", "analyse_notes"), ("vinculo.pipeline", "collect_interactions"),
    ("vinculo.pipeline", "collect_loops"), ("vinculo.pipeline", "assign_stages"),
    ("vinculo.pipeline", "collect_suggestions"), ("vinculo.cache", "NoteCache.save"),
    ("vinculo.pipeline", "build_index"), ("vinculo.sync_service", "plan_sync"),
    ("vinculo.writeback.apply", "check_note"), ("vinculo.writeback.apply", "unified_diff"),
    ("vinculo.writeback.journal", "start_batch"), ("vinculo.writeback.apply", "write_temp"),
    ("vinculo.writeback.apply", "flush_batch"), ("vinculo.writeback.apply", "install"),
    ("vinculo.writeback.apply", "remove_all"), ("vinculo.writeback.apply", "fsync_dir"),
    ("vinculo.writeback.journal", "Batch.finish"), ("vinculo.sync_service", "apply_changes"),
    ("vinculo.memo", "forget"),
]
TIMES: dict[str, list[float]] = {}  # step -> [calls, wall, processor]
ENDED: dict[str, tuple[float, float]] = {}  # step -> (wall, processor) at its last return
STARTED = time.perf_counter()


def _timed(module: str, name: str) -> None:
    """Wrap ``module.name`` (``Class.method`` allowed) with a timer; a step the code under
    test lacks is skipped."""
    try:
        owner: Any = importlib.import_module(module)
        *path, attr = name.split(".")
        for part in path:
            owner = getattr(owner, part)
        inner = getattr(owner, attr)
    except (ImportError, AttributeError):
        return

    @functools.wraps(inner)
    def timed(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            entry = TIMES.setdefault(name, [0, 0.0, 0.0])
            entry[0] += 1
            entry[1] += time.perf_counter() - wall
            entry[2] += time.process_time() - cpu
            ENDED[name] = time.perf_counter(), time.process_time()

    setattr(owner, attr, timed)


def _report() -> None:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    out = sys.stderr
    print(f"main process: {time.perf_counter() - STARTED:.3f} s wall, "
          f"{usage.ru_utime + usage.ru_stime:.3f} s processor "
          f"({usage.ru_stime:.3f} s of it in the system)", file=out)
    if "analyse_notes" in ENDED:
        wall, cpu = ENDED["analyse_notes"]
        print(f"tail (end of the analysis to the exit): {time.perf_counter() - wall:.3f} s wall, "
              f"{time.process_time() - cpu:.3f} s processor", file=out)
    for name, (calls, wall, cpu) in TIMES.items():
        print(f"  {name:28s} {calls:6d}×  {wall:7.3f} s wall  {cpu:7.3f} s processor", file=out)


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit(__doc__.split("\n\n")[0])
    # This folder is not vinculo's: the code under test comes from PYTHONPATH or the install.
    if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
        sys.path.pop(0)
    for module, name in STEPS:
        _timed(module, name)
    atexit.register(_report)
    sys.argv = ["vinculo", "sync", *sys.argv[1:]]
    runpy.run_module("vinculo", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
