"""A busy day on a synced vault: what ``vinculo sync`` costs after each kind of save, against
an earlier version of the code, interleaved in one run.

Each round, for each version, on its own copy of a generated vault synced once by this code
(with its own state folder, so each version keeps its own cache, memo and state):

- ``settled``: ``sync`` with nothing changed (the best of three);
- ``one change``: a daily note gains a line that changes nobody's history, then ``sync``;
- ``one event``: another daily note (years ago) gains a coffee with a contact, then ``sync``:
  a history changes, nothing to write (``bench/perf.py``'s "one event logged");
- ``recent event``: today's daily note gains a coffee with a contact, then ``sync``: that
  contact's block and the dashboard are written;
- ``after it``: ``sync`` again (the vault the previous sync wrote).

Each line says which mode ran (``write.mode`` of ``sync --json``: full, settled, events). The
median and range over the rounds are printed, of the wall time and of the processor time (user
+ system), which a busy shared machine disturbs less.

Usage: ``python bench/busy_day.py [--notes 10000 --contacts 1000] [--rounds 3]
[--baseline [LABEL=]SRC ...]`` (SRC: a ``src`` folder of another version, with its
``plugins/`` as ``src/vinculo/default_plugins``, e.g. from ``git archive``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from first_run import env_for, synced_copy  # noqa: E402
from measure import measure  # noqa: E402
from perf import compile_bytecode, log_one_event, touch_one_note, vault_for  # noqa: E402

PY = sys.executable
STEPS = ("settled", "one_change", "one_event", "recent_event", "after_it")
RACY = 2.1  # a note saved less than 2 s before a run is checked by content (docs/performance.md)


def log_recent_event(vault: Path) -> None:
    """A coffee with the last contact, in the last daily note (the benches' today)."""
    contact = sorted((vault / "People").glob("*.md"))[-1].stem
    today = sorted((vault / "Daily").glob("*.md"))[-1]
    with today.open("a", encoding="utf-8") as handle:
        handle.write(f"\nHad coffee with [[{contact}]] this morning.\n")


def one(synced: Path, src: str | None, work: Path, label: str) -> dict[str, object]:
    """Every step of a round with the code in ``src`` (None: this one)."""
    vault = work / label
    shutil.copytree(synced, vault)
    env = env_for(src, work / f"state-{label}")
    sync = [PY, "-m", "vinculo", "sync", str(vault), "--json"]
    out: dict[str, object] = {}

    def step(name: str) -> None:
        run = measure(sync, env)
        if run.returncode != 0:
            raise SystemExit(f"{label} {name} failed (exit {run.returncode})")
        write = json.loads(run.stdout)["summary"]["write"]
        known = out.get(name)
        if isinstance(known, dict) and known["s"] <= run.seconds:
            return
        out[name] = {"s": run.seconds, "cpu": run.cpu_seconds, "mb": run.peak_mb,
                     "mode": write.get("mode") or ("full" if write["full_pass"] else "settled"),
                     "written": len(write["written"])}

    for _ in range(2):  # the first finds the copy's new mtimes: the second settles
        if measure(sync, env).returncode != 0:
            raise SystemExit(f"{label}: settling the copy failed")
        time.sleep(RACY)
    for _ in range(3):
        step("settled")
    for name, change in (("one_change", touch_one_note), ("one_event", log_one_event),
                         ("recent_event", log_recent_event), ("after_it", None)):
        if change is not None:
            change(vault)
        time.sleep(RACY)
        step(name)
    shutil.rmtree(vault)
    shutil.rmtree(work / f"state-{label}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=10000)
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", action="append", default=[], metavar="[LABEL=]SRC")
    args = parser.parse_args()
    compile_bytecode()
    versions: list[tuple[str, str | None]] = [("this", None)]
    for i, given in enumerate(args.baseline):
        label, _, src = given.rpartition("=")
        versions.append((label or ("baseline" if i == 0 else f"baseline{i + 1}"), src))
    source = vault_for(args.notes, args.contacts)
    work = Path(tempfile.mkdtemp(prefix="vinculo-busy-"))
    results: dict[str, list[dict[str, object]]] = {label: [] for label, _ in versions}
    try:
        synced = synced_copy(source, work)
        for round_ in range(args.rounds):
            order = versions if round_ % 2 == 0 else versions[::-1]
            for label, src in order:
                results[label].append(one(synced, src, work, label))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{args.notes} notes × {args.contacts} contacts, {args.rounds} round(s): "
          "median wall (range) · median processor time · mode, files written")
    for label, _ in versions:
        print(f"\n{label}")
        for name in STEPS:
            runs = [r[name] for r in results[label]]
            wall = [r["s"] for r in runs]  # type: ignore[index]
            cpu = [r["cpu"] for r in runs]  # type: ignore[index]
            modes = sorted({f"{r['mode']}, {r['written']}" for r in runs})  # type: ignore[index]
            print(f"  {name:<13} {statistics.median(wall):6.2f} s ({min(wall):.2f}–{max(wall):.2f})"
                  f" · {statistics.median(cpu):5.2f} s cpu · {' / '.join(modes)}")
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "busy_day.json").write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
