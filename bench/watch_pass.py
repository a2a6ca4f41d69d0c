"""The watcher's pass for one save, timed in one process: wall clock and processor time.

``watch_latency.py`` times a real watcher from the save to the write on disk, which on a
shared machine mostly measures the machine's load. This runs the same ``Watcher`` in this
process without file events (each save is handed to it as its batch), so the pass itself —
re-read, recompute, plan, write through the safe write path — is timed, and its processor
time too, which load disturbs far less. Each save appends an in-person meeting with a
different contact to today's daily note; the coalesced files pass (the dashboard) is run and
timed after each save, as the watcher runs it once the saves are quiet.

Usage: ``python bench/watch_pass.py --notes 10000 --contacts 1000 --saves 40``
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from perf import vault_for  # noqa: E402
from watch_latency import latest_date  # noqa: E402


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 2 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--contacts", type=int, default=1_000)
    parser.add_argument("--saves", type=int, default=40)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="vinculo-watch-pass-"))
    try:
        vault = work / "vault"
        shutil.copytree(vault_for(args.notes, args.contacts), vault)
        os.environ["VINCULO_STATE_DIR"] = str(work / "state")
        from vinculo.watch import Watcher
        from vinculo.watch.debounce import Batch

        today = latest_date(vault) + dt.timedelta(days=1)
        daily = vault / "Daily" / f"{today.isoformat()}.md"
        daily.write_text("# Today\n", encoding="utf-8")
        rel = daily.relative_to(vault).as_posix()
        watcher = Watcher(vault, observe=False, today=lambda: today,
                          log=lambda *a, **k: None)
        start = time.perf_counter()
        watcher._initial_sync()
        print(f"vault: {args.notes} notes × {args.contacts} contacts; first sync in the "
              f"watcher {time.perf_counter() - start:.1f} s")
        watcher.process(Batch(rels={rel}))
        watcher.write_files()
        contacts = sorted((vault / "People").glob("*.md"))
        wall: list[float] = []
        cpu: list[float] = []
        files: list[float] = []
        for i in range(args.saves):
            contact = contacts[(i * 7) % len(contacts)]
            with daily.open("a", encoding="utf-8") as handle:
                handle.write(f"- Had coffee with [[{contact.stem}]] in person.\n")
            started, used = time.perf_counter(), time.process_time()
            result = watcher.process(Batch(rels={rel}))
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - used)
            if contact.relative_to(vault).as_posix() not in result.written:
                raise SystemExit(f"save {i}: {contact.name} was not written: {result}")
            started = time.perf_counter()
            watcher.write_files()
            files.append(time.perf_counter() - started)
        ms = 1000
        print(f"save pass ({args.saves} saves): wall p50 {statistics.median(wall) * ms:.0f} ms, "
              f"p95 {p95(wall) * ms:.0f} ms; processor p50 {statistics.median(cpu) * ms:.0f} ms, "
              f"p95 {p95(cpu) * ms:.0f} ms (target p95 <= 100 ms)")
        print(f"files pass (the dashboard): wall p50 {statistics.median(files) * ms:.0f} ms")
        print(f"(machine load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
