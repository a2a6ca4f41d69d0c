"""What keeping the compiled vocabularies between runs saves: one changed note, and a cold
sync, with and without the stored vocabularies, alternating, in one run.

Each round removes ``<state>/vocabularies`` before the "compiled" run (as the run before it
would have found it: the first run after an install or a vocabulary change) and keeps it
before the "stored" run. A cold run also removes the note cache (the rest of the state).
Prints medians of wall and processor time (workers included) and saves
``bench/results/vocab_store.json``.

Usage: ``python bench/vocab_store_perf.py [--notes 10000 --contacts 1000 --rounds 5]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from measure import measure  # noqa: E402
from perf import VINCULO, compile_bytecode, touch_one_note, vault_for  # noqa: E402

RESULTS = HERE / "results" / "vocab_store.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=10000)
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cold-rounds", type=int, default=3)
    args = parser.parse_args()
    compile_bytecode()
    source = vault_for(args.notes, args.contacts)
    work = Path(tempfile.mkdtemp(prefix="vinculo-vocab-"))
    vault, state = work / "vault", work / "state"
    shutil.copytree(source, vault)
    env = {**os.environ, "VINCULO_STATE_DIR": str(state), "VINCULO_TODAY": "2026-11-29"}
    env.pop("VINCULO_NO_CACHE", None)
    runs: dict[str, list[tuple[float, float]]] = {
        "one_change_compiled": [], "one_change_stored": [], "cold_compiled": [], "cold_stored": []}
    try:
        measure([*VINCULO, "sync", str(vault)], env)
        measure([*VINCULO, "sync", str(vault)], env)  # settled
        time.sleep(2.1)  # past the racily-clean window (see bench/perf.py)
        for _ in range(args.rounds):
            for mode in ("compiled", "stored"):
                touch_one_note(vault)
                time.sleep(2.1)
                if mode == "compiled":
                    shutil.rmtree(state / "vocabularies", ignore_errors=True)
                m = measure([*VINCULO, "sync", str(vault)], env)
                if m.returncode:
                    raise SystemExit(f"sync failed (exit {m.returncode})")
                runs[f"one_change_{mode}"].append((m.seconds, m.cpu_seconds))
        for _ in range(args.cold_rounds):
            for mode in ("compiled", "stored"):
                for child in state.iterdir() if state.exists() else []:
                    if child.name != "vocabularies" or mode == "compiled":
                        shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink()
                m = measure([*VINCULO, "sync", str(vault), "--dry-run"], env)
                runs[f"cold_{mode}"].append((m.seconds, m.cpu_seconds))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = {"notes": args.notes, "contacts": args.contacts, "runs": runs, "median": {}}
    print(f"{args.notes} notes × {args.contacts} contacts; medians (wall s / processor s):")
    for name, values in runs.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        out["median"][name] = {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3)}
        spread = ", ".join(f"{v[0]:.2f}" for v in values)
        print(f"  {name:22} {wall:6.2f} / {cpu:6.2f}   (wall: {spread})")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
