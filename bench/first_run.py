"""A new user's first run, against the floor and (optionally) an earlier version of the code.

On a generated vault that was never synced, each round measures, as separate processes on
fresh copies with no state: the floor (``bench/floor.py``), the first ``sync --dry-run``
(printing the diff of nearly every note to a pipe), the first ``sync`` (writing them; each copy
flushed to disk first, as a user's vault is), and the
cold analysis of a synced vault (``sync --dry-run`` with no state, on one copy that this code
synced before the rounds, the same for every version).
With ``--baseline SRC`` (a ``src`` folder of another version, e.g. from ``git archive``), the
same commands run that code too, interleaved, so both see the same machine. The ratios to the
floor of each round are printed, then their median and range: of the wall time, and of the
processor time (user + system, workers included), which a busy shared machine disturbs less;
and, apart, the main process's own processor time (``bench/own_time.py``): the rest is its
workers'.

Usage: ``python bench/first_run.py [--notes 10000 --contacts 1000] [--rounds 3]
[--steps first_dry,first_sync,cold] [--keep-vocabularies] [--baseline [LABEL=]SRC ...]``
"""

from __future__ import annotations

import argparse
import compileall
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
from perf import compile_bytecode, vault_for  # noqa: E402

PY = sys.executable
TARGETS = {"first_dry": 6.0, "first_sync": 10.0}  # × the floor
STEPS = ("first_dry", "first_sync", "cold")
# A first sync removes the 10,000 old copies of the notes it wrote; the next one starts this long
# after it (see run_round). REMOVED: when the last one ended.
SETTLE_S = 31.0
REMOVED = [0.0]
# With --keep-vocabularies: each version's compiled vocabularies, put in every fresh state folder.
VOCABULARIES: dict[str, Path] = {}


def env_for(src: str | None, state: Path) -> dict[str, str]:
    """The environment of one command: its own state folder, the benches' today, and the code
    in ``src`` (None: this one)."""
    env = {**os.environ, "VINCULO_STATE_DIR": str(state), "VINCULO_TODAY": "2026-11-29"}
    if src:
        env["PYTHONPATH"] = src
    return env


def one(source: Path, synced: Path, src: str | None, work: Path,
        label: str, steps: tuple[str, ...] = STEPS) -> dict[str, float]:
    """First dry run and first sync of ``source``, then the cold analysis of ``synced``, with
    the code in ``src`` (None: this one); only the ``steps`` asked for."""
    out: dict[str, float] = {}
    for step, args in (("first_dry", ["--dry-run"]), ("first_sync", []),
                       ("cold", ["--dry-run"])):
        if step not in steps:
            continue
        vault = synced if step == "cold" else work / f"{label}-{step}"
        if step != "cold":
            shutil.copytree(source, vault)
            # A user's vault has long been on disk: the copy's 40 MB are flushed here, not by
            # the first sync's flush of its batch (one ``syncfs`` of the file system), which
            # would otherwise write them out too and be timed doing so.
            os.sync()
        env = env_for(src, work / f"state-{label}-{step}")
        if label in VOCABULARIES:
            shutil.copytree(VOCABULARIES[label], work / f"state-{label}-{step}" / "vocabularies")
        own = work / f"own-{label}-{step}.txt"
        env["VINCULO_BENCH_OWN_TIME"] = str(own)
        if step == "first_sync":  # not within 30 s of the last one's removals (see run_round)
            time.sleep(max(0.0, SETTLE_S - (time.monotonic() - REMOVED[0])))
        run = measure([PY, str(HERE / "own_time.py"), "sync", str(vault), *args], env)
        if step == "first_sync":
            REMOVED[0] = time.monotonic()
        if run.returncode != 0:
            raise SystemExit(f"{label} {step} failed (exit {run.returncode})")
        out[step] = run.seconds
        out[f"{step}_cpu"] = run.cpu_seconds
        out[f"{step}_mb"] = run.peak_mb
        # the main process's own processor time; the rest of cpu_seconds is its workers'
        out[f"{step}_own"] = float(own.read_text()) if own.exists() else float("nan")
    return out


def keep_vocabularies(versions: list[tuple[str, str | None]], work: Path) -> None:
    """Each version's compiled vocabularies (``vocabularies/`` of a state folder, see
    vinculo.vocab_store), made once by a dry run on a small vault: a state folder keeps them
    for every vault and every later run of the same version and Python, as an install keeps
    its bytecode. A version that stores none compiles them in every run, as before."""
    small = vault_for(200, 20)
    for label, src in versions:
        state = work / f"vocabularies-{label}"
        run = measure([PY, "-m", "vinculo", "sync", "--dry-run", str(small)], env_for(src, state))
        if run.returncode == 0 and (state / "vocabularies").is_dir():
            VOCABULARIES[label] = state / "vocabularies"


def synced_copy(source: Path, work: Path) -> Path:
    """A copy of ``source`` synced once by this code: the vault every version's cold analysis
    reads (dry runs only, so it stays as it is)."""
    vault = work / "synced"
    shutil.copytree(source, vault)
    run = measure([PY, "-m", "vinculo", "sync", str(vault)], env_for(None, work / "state-sync"))
    if run.returncode != 0:
        raise SystemExit(f"syncing the copy for the cold analysis failed (exit {run.returncode})")
    shutil.rmtree(work / "state-sync")
    return vault


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=10000)
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", action="append", default=[], metavar="[LABEL=]SRC",
                        help="src folder of a version to compare with (repeatable)")
    parser.add_argument("--steps", default=",".join(STEPS),
                        help="the steps to time, comma-separated (default: all of "
                             f"{', '.join(STEPS)}); e.g. --steps cold for the cold analysis "
                             "alone")
    parser.add_argument("--keep-vocabularies", action="store_true",
                        help="start every command with its version's compiled vocabularies in "
                             "its state folder, as any run after a version's first finds them "
                             "(default: nothing kept, so each command compiles them)")
    args = parser.parse_args()
    steps = tuple(s.strip() for s in args.steps.split(",") if s.strip())
    unknown = [s for s in steps if s not in STEPS]
    if unknown or not steps:
        parser.error(f"unknown step {', '.join(unknown) or '(none)'}: "
                     f"choose among {', '.join(STEPS)}")
    compile_bytecode()
    source = vault_for(args.notes, args.contacts)
    versions: list[tuple[str, str | None]] = [("now", None)]
    for i, given in enumerate(args.baseline):
        label, _, src = given.rpartition("=")
        versions.append((label or ("baseline" if i == 0 else f"baseline{i + 1}"), src))
        # A baseline from ``git archive`` holds no bytecode: with PYTHONDONTWRITEBYTECODE
        # it would compile every module on every run, and be measured doing so.
        if not compileall.compile_dir(src, quiet=1):
            raise SystemExit(f"cannot compile the baseline in {src}")
    ratios: dict[tuple[str, str], list[float]] = {}
    seconds: dict[tuple[str, str], list[float]] = {}
    print(f"{args.notes} notes × {args.contacts} contacts, never synced (cold: synced once); "
          "seconds (× floor)")
    keep = Path(tempfile.mkdtemp(prefix="vinculo-first-synced-"))
    try:
        # only the cold analysis reads it; syncing the copy is a first sync of its own
        synced = synced_copy(source, keep) if "cold" in steps else source
        if args.keep_vocabularies:
            keep_vocabularies(versions, keep)
            print("compiled vocabularies kept for " + (", ".join(VOCABULARIES) or "no version"))
        for round_ in range(args.rounds):
            run_round(round_, source, synced, versions, ratios, seconds, steps, keep)
    finally:
        shutil.rmtree(keep, ignore_errors=True)
    for (label, step), values in seconds.items():
        print(f"{label:>8} {step or 'wall':<22} median {statistics.median(values):.2f} s "
              f"(range {min(values):.2f}–{max(values):.2f} s)")
    for (label, step), values in ratios.items():
        target = TARGETS.get(step)
        print(f"{label:>8} {step:<14} median {statistics.median(values):.1f}× the floor "
              f"(range {min(values):.1f}–{max(values):.1f}×"
              + (f", target ≤ {target:.0f}×)" if target else ")"))
    for label, _ in versions[1:]:
        for step in steps:
            for kind in ("", " cpu"):
                now, base = ratios[("now", step + kind)], ratios[(label, step + kind)]
                rel = [a / b for a, b in zip(now, base, strict=True)]
                print(f"now ÷ {label}, {step + kind:<14} median "
                      f"{statistics.median(rel):.2f} (range {min(rel):.2f}–{max(rel):.2f})")


def run_round(round_: int, source: Path, synced: Path,
              versions: list[tuple[str, str | None]],
              ratios: dict[tuple[str, str], list[float]],
              seconds: dict[tuple[str, str], list[float]],
              steps: tuple[str, ...] = STEPS, under: Path | None = None) -> None:
    """One round: the floor (best of three), then every version's steps, the versions' order
    alternating between rounds so neither always runs on a warmer machine.

    The round's copies stay until the whole run is over (in ``under``, which the caller
    removes). On ext4, creating a file scans past the free inodes of its folder's group that
    were freed in the last 30 seconds (``recently_deleted``): removing one command's 10,000-note
    copy just before the next command made each file the next first sync creates cost 0.2–0.4
    ms of kernel time instead of 0.03 (2 to 3.5 s more for its 9,964 temp files, measured with
    ``perf``), a stall a user's first sync never meets, and the cause of rounds differing by a
    factor of two. (The kernel checks this only on a file system without a journal, as this
    machine's is; a first sync's own removal of the old copies freed inodes the next copy's
    folders may share, so a first sync also starts 31 s after the last one ended.)"""
    work = Path(tempfile.mkdtemp(prefix="vinculo-first-", dir=under))
    try:
        floors = [measure([PY, str(HERE / "floor.py"), str(source)]) for _ in range(3)]
        floor = min(m.seconds for m in floors)
        floor_cpu = min(m.cpu_seconds for m in floors)
        seconds.setdefault(("floor", ""), []).append(floor)
        seconds.setdefault(("floor", " cpu"), []).append(floor_cpu)
        line = [f"round {round_ + 1}: floor {floor:.2f} s ({floor_cpu:.2f} s cpu)"]
        for label, src in (versions if round_ % 2 == 0 else versions[::-1]):
            got = one(source, synced, src, work, label, steps)
            for step in steps:
                ratios.setdefault((label, step), []).append(got[step] / floor)
                ratios.setdefault((label, step + " cpu"), []).append(
                    got[step + "_cpu"] / floor_cpu)
                seconds.setdefault((label, step), []).append(got[step])
                seconds.setdefault((label, step + " cpu"), []).append(got[step + "_cpu"])
                seconds.setdefault((label, step + " cpu main"), []).append(got[step + "_own"])
                seconds.setdefault((label, step + " cpu workers"), []).append(
                    got[step + "_cpu"] - got[step + "_own"])
                line.append(f"{label} {step} {got[step]:.2f} s ({got[step] / floor:.1f}×; "
                            f"cpu {got[step + '_cpu']:.2f} s, "
                            f"{got[step + '_cpu'] / floor_cpu:.1f}×, "
                            f"main {got[step + '_own']:.2f} s; "
                            f"{got[step + '_mb']:.0f} MB)")
        print("; ".join(line), flush=True)
    finally:
        if under is None:
            shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    main()
