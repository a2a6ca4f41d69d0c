"""Digest, calendar feed and people queries on generated vaults: wall time and peak memory.

Each command runs as its own process on a vault already synced once (the index cache warm, as
it is every morning), next to ``vinculo suggest --json``, which builds the same index and is
the floor these commands stand on. Three runs each: the best, and the spread.

    python bench/reach.py --sizes 1000x100,10000x1000
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from measure import measure  # noqa: E402
from vaultgen import generate  # noqa: E402

RUNS = 3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000x100,10000x1000",
                        help="NOTESxCONTACTS, comma-separated")
    args = parser.parse_args()
    vinculo = [sys.executable, "-m", "vinculo"]
    print(f"{'vault':>14}  {'command':<34} {'best s':>7} {'spread s':>13} {'peak MB':>8}")
    for size in args.sizes.split(","):
        notes, contacts = (int(x) for x in size.lower().split("x"))
        with tempfile.TemporaryDirectory(prefix="vinculo-reach-") as tmp:
            work = Path(tmp)
            generate(work, notes, contacts)
            vault = str(work / "vault")
            env = {**os.environ, "VINCULO_STATE_DIR": str(work / "state"),
                   "VINCULO_TODAY": "2026-11-29"}
            if measure([*vinculo, "sync", vault], env).returncode != 0:
                print(f"sync failed on {size}", file=sys.stderr)
                return 1
            commands = {
                "suggest --json (the floor)": ["suggest", vault, "--json"],
                "digest --week --json": ["digest", vault, "--week", "--json"],
                "digest --week -f html": ["digest", vault, "--week", "-f", "html"],
                "export calendar": ["export", "calendar", vault],
                "who --city madrid --json": ["who", vault, "--city", "madrid", "--json"],
                "who --drifting --due": ["who", vault, "--drifting", "--due"],
            }
            for label, cmd in commands.items():
                runs = [measure([*vinculo, *cmd], env) for _ in range(RUNS)]
                if any(r.returncode for r in runs):
                    print(f"{label} failed on {size}", file=sys.stderr)
                    return 1
                times = sorted(r.seconds for r in runs)
                peak = max(r.peak_mb for r in runs)
                print(f"{notes:>6,} × {contacts:<5,}  {label:<34} {times[0]:>7.2f} "
                      f"{times[0]:>6.2f}–{times[-1]:<6.2f} {peak:>8.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
