"""Hard kills during a first sync of a generated vault: every note old or new, undo exact.

Each round copies a never-synced vault (``bench/vaultgen.py``, seed 1), starts ``vinculo
sync`` on it and sends SIGKILL at a random instant: nine in ten while it writes (from the
moment its batch is journaled, over the time an uninterrupted sync spends writing, and a
little past it), one in ten anywhere in the run. Then every note must hold exactly
its old bytes or the bytes an uninterrupted sync writes, no note may be missing or extra
(temp files aside, which the next writer sweeps), and ``vinculo undo`` must give back the
original vault byte for byte, the files the sync created removed.

Usage: ``python bench/kill_first_sync.py [--notes 2000 --contacts 200] [--kills 100] [--seed 1]``
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from perf import compile_bytecode, vault_for  # noqa: E402

PY = sys.executable
TEMP_SUFFIX = ".vinculo-tmp"


def files(vault: Path) -> dict[str, bytes]:
    """Every file of the vault but the hidden ones (temp files, ``.obsidian``)."""
    out = {}
    for path in vault.rglob("*"):
        rel = path.relative_to(vault)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            out[rel.as_posix()] = path.read_bytes()
    return out


def temps(vault: Path) -> int:
    return sum(1 for p in vault.rglob(f"*{TEMP_SUFFIX}"))


def wait_for_writes(proc: subprocess.Popen, state: Path) -> float:
    """Wait until the sync has journaled its batch (the in-flight mark exists: its writes
    begin) or has ended; the instant, from ``time.perf_counter``."""
    while proc.poll() is None and not any(state.glob("*/journal/inflight")) \
            and not any(state.glob("journal/inflight")):
        time.sleep(0.002)
    return time.perf_counter()


def env_for(state: Path) -> dict[str, str]:
    return {**os.environ, "VINCULO_STATE_DIR": str(state), "VINCULO_TODAY": "2026-11-29"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--contacts", type=int, default=200)
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    compile_bytecode()
    source = vault_for(args.notes, args.contacts)
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="vinculo-kill-"))
    try:
        old = files(source)
        vault, state = work / "vault", work / "state"
        shutil.copytree(source, vault)
        proc = subprocess.Popen([PY, "-m", "vinculo", "sync", str(vault)], env=env_for(state),
                                stdout=subprocess.DEVNULL)
        started = time.perf_counter()
        writing = wait_for_writes(proc, state)
        proc.wait()
        window = time.perf_counter() - started
        write_window = time.perf_counter() - writing
        new = files(vault)
        changed = sum(1 for rel in new if old.get(rel) != new[rel])
        print(f"{args.notes} notes × {args.contacts} contacts: an uninterrupted first sync "
              f"writes {changed} files in {window:.2f} s, the last {write_window:.2f} s of it "
              "writing", flush=True)
        outcomes = {"nothing written": 0, "part written": 0, "all written": 0, "temp left": 0}
        failures = 0
        for kill in range(args.kills):
            shutil.rmtree(vault, ignore_errors=True)
            shutil.rmtree(state, ignore_errors=True)
            shutil.copytree(source, vault)
            proc = subprocess.Popen([PY, "-m", "vinculo", "sync", str(vault)], env=env_for(state),
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if kill % 10 == 9:  # one in ten anywhere in the run
                time.sleep(rng.uniform(0, window))
            else:  # the others while it writes: from the journal's in-flight mark on
                wait_for_writes(proc, state)
                time.sleep(rng.uniform(0, write_window * 1.1))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            now = files(vault)
            bad = [rel for rel in set(now) | set(old)
                   if now.get(rel) not in (old.get(rel), new.get(rel))]
            written = sum(1 for rel in now if now[rel] != old.get(rel))
            outcomes["temp left"] += temps(vault) > 0
            outcomes["all written" if written == changed else
                     "part written" if written else "nothing written"] += 1
            undo = subprocess.run([PY, "-m", "vinculo", "undo", str(vault)], env=env_for(state),
                                  capture_output=True, text=True)
            after_undo = files(vault)
            wrong = [rel for rel in set(after_undo) | set(old) if after_undo.get(rel) != old.get(rel)]
            if bad or wrong or undo.returncode != 0 or temps(vault):
                failures += 1
                print(f"kill {kill + 1}: {len(bad)} note(s) neither old nor new, {len(wrong)} "
                      f"not restored by undo, {temps(vault)} temp file(s) after undo; "
                      f"undo said: {undo.stdout.strip().splitlines()[-1:]}", flush=True)
        print(f"{args.kills} kills: {outcomes}; failures: {failures}")
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
