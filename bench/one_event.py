"""One save that logs an event, then ``sync``: this code against earlier versions, alternated.

``bench/perf.py``'s "one event" is one shot per run, on a vault it settled itself; a shared
machine moves one shot by ±20 %. Here each version gets its own copy of the generated vault,
brought once to the point where ``bench/perf.py`` logs the event (first sync, a rerun, a
settled dry run, a line that changes no history and its sync), and that point is kept: each
round puts the daily note and the state folder back as they were, logs the same event and
times ``sync`` — every version in turn, the order alternating. A settled ``sync`` (nothing
changed) is timed in the same rounds. Printed: the processor time (user + system) and wall
time of each, median and range, and this code ÷ each baseline per round.

With ``--callgrind`` each step also runs once under ``valgrind --tool=callgrind`` and its
instructions executed are printed: a count the machine's load does not move.

Usage: ``python bench/one_event.py [--notes 10000 --contacts 1000] [--rounds 8]
[--baseline [LABEL=]SRC ...] [--versions-only] [--callgrind]`` (SRC: a ``src`` folder of another version, with
its ``plugins/`` as ``src/vinculo/default_plugins``, e.g. from ``git archive``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from first_run import env_for  # noqa: E402
from measure import Measured, measure  # noqa: E402
from perf import compile_bytecode, touch_one_note, vault_for  # noqa: E402

PY = sys.executable
RACY = 2.1  # a note saved less than 2 s before a run is checked by content (docs/performance.md)
STEPS = ("one_event", "settled")


class Version:
    """One version's vault and state folder, and the point each round starts from."""

    def __init__(self, label: str, src: str | None, source: Path, work: Path) -> None:
        self.label, self.src = label, src
        self.vault, self.state = work / label / "vault", work / label / "state"
        self.kept_state = work / label / "kept-state"
        self.settled_state = work / label / "settled-state"
        self.env = env_for(src, self.state)
        shutil.copytree(source, self.vault)
        self.sync = [PY, "-m", "vinculo", "sync", str(self.vault)]
        for args in ([], [], ["--dry-run"]):  # first sync, the rerun, a settled dry run
            self._run([*self.sync, *args])
            time.sleep(RACY)
        touch_one_note(self.vault)
        self._run(self.sync)
        daily = sorted((self.vault / "Daily").glob("*.md"))
        self.note = daily[len(daily) // 3]  # the note bench/perf.py logs the event in
        self.text = self.note.read_bytes()
        self.mtime = self.note.stat().st_mtime_ns
        shutil.copytree(self.state, self.kept_state)
        time.sleep(RACY)  # settled: the line's note no longer too recent to trust its mtime
        self._run(self.sync)
        shutil.copytree(self.state, self.settled_state)
        self.contact = sorted((self.vault / "People").glob("*.md"))[0].stem

    def _run(self, cmd: list[str]) -> Measured:
        done = measure(cmd, self.env)
        if done.returncode != 0:
            raise SystemExit(f"{self.label}: {' '.join(cmd[3:])} failed ({done.returncode})")
        return done

    def reset(self, settled: bool = False) -> None:
        """The vault and state folder as they were before the event was logged (as
        ``bench/perf.py`` logs it: just after the line's sync), or a little later, settled."""
        self.note.write_bytes(self.text)
        os.utime(self.note, ns=(self.mtime, self.mtime))
        shutil.rmtree(self.state)
        shutil.copytree(self.settled_state if settled else self.kept_state, self.state)

    def log_event(self) -> None:
        with self.note.open("a", encoding="utf-8") as handle:
            handle.write(f"\nHad coffee with [[{self.contact}]] today.\n")

    def mode(self) -> str:
        """Which mode a sync of the logged event runs (``write.mode``): checked once."""
        self.reset()
        self.log_event()
        out = json.loads(self._run([*self.sync, "--json"]).stdout)
        self.reset()
        return str(out["summary"]["write"]["mode"])

    def step(self, name: str, prefix: list[str] | None = None) -> Measured:
        """``sync`` after the event (``one_event``) or on the vault as it was (``settled``)."""
        self.reset(settled=name == "settled")
        if name == "one_event":
            self.log_event()
        return self._run([*(prefix or []), *self.sync])


def callgrind(version: Version, step: str, work: Path) -> int:
    """Instructions executed by one run of ``step`` (valgrind's count, load-independent)."""
    out = work / f"callgrind-{version.label}-{step}.out"
    version.step(step, ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"])
    found = re.search(r"^summary:\s+(\d+)", out.read_text(), re.MULTILINE)
    return int(found[1]) if found else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--contacts", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--baseline", action="append", default=[],
                        help="[LABEL=]SRC: another version's src folder")
    parser.add_argument("--callgrind", action="store_true")
    parser.add_argument("--versions-only", action="store_true",
                        help="time the baselines only (the first one standing for this code, "
                             "e.g. this checkout exported as the others are)")
    args = parser.parse_args()
    compile_bytecode()
    source = vault_for(args.notes, args.contacts)
    work = Path(tempfile.mkdtemp(prefix="vinculo-one-event-"))
    try:
        versions = [] if args.versions_only else [Version("this", None, source, work)]
        for spec in args.baseline:
            label, _, src = spec.rpartition("=")
            versions.append(Version(label or Path(src).parent.name, src, source, work))
        mine_label = versions[0].label
        for version in versions:
            print(f"{version.label}: mode {version.mode()}")
        times: dict[tuple[str, str], list[Measured]] = {}
        for round_ in range(args.rounds):
            order = versions if round_ % 2 == 0 else versions[::-1]
            for step in STEPS:
                for version in order:
                    times.setdefault((version.label, step), []).append(version.step(step))
        for step in STEPS:
            print(f"\n{step}, {args.rounds} rounds: processor (wall), median [range]")
            mine = [m.cpu_seconds for m in times[mine_label, step]]
            for version in versions:
                runs = times[version.label, step]
                cpu = [m.cpu_seconds for m in runs]
                wall = [m.seconds for m in runs]
                line = (f"  {version.label:>10}: {statistics.median(cpu):.3f} s "
                        f"[{min(cpu):.3f}–{max(cpu):.3f}] ({statistics.median(wall):.3f} s wall "
                        f"[{min(wall):.3f}–{max(wall):.3f}])")
                if version.label != mine_label:
                    ratios = [a / b for a, b in zip(mine, cpu, strict=True)]
                    line += (f"; {mine_label} ÷ {version.label} {statistics.median(ratios):.2f} "
                             f"[{min(ratios):.2f}–{max(ratios):.2f}]")
                print(line)
        if args.callgrind:
            print("\ninstructions executed (callgrind, one run each)")
            for step in STEPS:
                counts = {v.label: callgrind(v, step, work) for v in versions}
                print(f"  {step}: " + ", ".join(f"{k} {n / 1e9:.3f} G" for k, n in counts.items()))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
