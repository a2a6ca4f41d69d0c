"""A new user's first run, against the floor and (optionally) an earlier version of the code.

On a generated vault that was never synced, each round measures, as separate processes on
fresh copies with no state: the floor (``bench/floor.py``), the first ``sync --dry-run``
(printing the diff of nearly every note to a pipe), and the first ``sync`` (writing them).
With ``--baseline SRC`` (a ``src`` folder of another version, e.g. from ``git archive``), the
same commands run that code too, interleaved, so both see the same machine. The ratios to the
floor of each round are printed, then their median and range: of the wall time, and of the
processor time (user + system, workers included), which a busy shared machine disturbs less.

Usage: ``python bench/first_run.py [--notes 10000 --contacts 1000] [--rounds 3] [--baseline SRC]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from measure import measure  # noqa: E402
from perf import compile_bytecode, vault_for  # noqa: E402

PY = sys.executable
TARGETS = {"first_dry": 6.0, "first_sync": 10.0}  # × the floor


def one(source: Path, src: str | None, work: Path, label: str) -> dict[str, float]:
    """First dry run and first sync of ``source`` with the code in ``src`` (None: this one)."""
    out: dict[str, float] = {}
    for step, args in (("first_dry", ["--dry-run"]), ("first_sync", [])):
        vault = work / f"{label}-{step}"
        shutil.copytree(source, vault)
        env = {**os.environ, "VINCULO_STATE_DIR": str(work / f"state-{label}-{step}"),
               "VINCULO_TODAY": "2026-11-29"}
        if src:
            env["PYTHONPATH"] = src
        run = measure([PY, "-m", "vinculo", "sync", str(vault), *args], env)
        if run.returncode != 0:
            raise SystemExit(f"{label} {step} failed (exit {run.returncode})")
        out[step] = run.seconds
        out[f"{step}_cpu"] = run.cpu_seconds
        out[f"{step}_mb"] = run.peak_mb
        shutil.rmtree(vault)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=10000)
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", help="src folder of the version to compare with")
    args = parser.parse_args()
    compile_bytecode()
    source = vault_for(args.notes, args.contacts)
    versions = [("now", None)] + ([("baseline", args.baseline)] if args.baseline else [])
    ratios: dict[tuple[str, str], list[float]] = {}
    print(f"{args.notes} notes × {args.contacts} contacts, never synced; seconds (× floor)")
    for round_ in range(args.rounds):
        work = Path(tempfile.mkdtemp(prefix="vinculo-first-"))
        try:
            floors = [measure([PY, str(HERE / "floor.py"), str(source)]) for _ in range(3)]
            floor = min(m.seconds for m in floors)
            floor_cpu = min(m.cpu_seconds for m in floors)
            line = [f"round {round_ + 1}: floor {floor:.2f} s ({floor_cpu:.2f} s cpu)"]
            for label, src in versions:
                got = one(source, src, work, label)
                for step in TARGETS:
                    ratios.setdefault((label, step), []).append(got[step] / floor)
                    ratios.setdefault((label, step + " cpu"), []).append(
                        got[step + "_cpu"] / floor_cpu)
                    line.append(f"{label} {step} {got[step]:.2f} s ({got[step] / floor:.1f}×; "
                                f"cpu {got[step + '_cpu']:.2f} s, "
                                f"{got[step + '_cpu'] / floor_cpu:.1f}×; "
                                f"{got[step + '_mb']:.0f} MB)")
            print("; ".join(line), flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    for (label, step), values in ratios.items():
        target = TARGETS.get(step)
        print(f"{label:>8} {step:<14} median {statistics.median(values):.1f}× the floor "
              f"(range {min(values):.1f}–{max(values):.1f}×"
              + (f", target ≤ {target:.0f}×)" if target else ")"))


if __name__ == "__main__":
    main()
