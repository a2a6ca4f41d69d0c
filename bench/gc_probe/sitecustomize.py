"""Loaded by a ``vinculo watch`` that ``bench/watch_latency.py --collector`` starts (this folder
goes first on its PYTHONPATH): records each run of the cycle collector — generation, length,
and when it ended on the system's monotonic clock, which the bench shares — and writes them as
JSON lines to ``$VINCULO_GC_PROBE`` when the watcher exits."""

import atexit
import gc
import json
import os
import time

_OUT = os.environ.get("VINCULO_GC_PROBE")
if _OUT:
    _runs: list[tuple[int, float, float]] = []
    _started = [0.0]

    def _probe(phase: str, info: dict) -> None:
        now = time.perf_counter()
        if phase == "start":
            _started[0] = now
        else:
            _runs.append((info["generation"], now - _started[0], now))

    def _write() -> None:
        with open(_OUT, "w", encoding="utf-8") as out:
            out.writelines(json.dumps(run) + "\n" for run in _runs)

    gc.callbacks.append(_probe)
    atexit.register(_write)
