"""How vCard import time grows with the file: N cards (Faker names in Spanish and English,
some names repeated with another e-mail, some repeated cards) into an empty vault, planned
(--dry-run) and written, each in a fresh child process.

Usage: ``python bench/import_scale.py --sizes 2500,10000,50000 [--repeat 3] [--no-write]``
Prints seconds per size, the spread over the repeats, and how many notes were created:
near-linear growth keeps the time per 1,000 cards flat.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from faker import Faker


def cards(n: int, seed: int = 1) -> tuple[str, int]:
    """``n`` vCards and the number of distinct people among them (name plus e-mail)."""
    fakers = [Faker(loc) for loc in ("es_ES", "es_MX", "en_GB")]
    for i, fake in enumerate(fakers):
        fake.seed_instance(seed + i)
    rng = random.Random(seed)
    out: list[str] = []
    people: set[tuple[str, str]] = set()
    previous: list[tuple[str, str]] = []
    for i in range(n):
        roll = rng.random()
        if previous and roll < 0.03:
            name, mail = rng.choice(previous)  # the same card again (two phones' exports)
        elif previous and roll < 0.05:
            name, mail = rng.choice(previous)[0], f"other{i}@example.org"  # namesake
        else:
            fake = rng.choice(fakers)
            name, mail = f"{fake.first_name()} {fake.last_name()} {fake.last_name()}", f"p{i}@example.com"
        previous.append((name, mail))
        people.add((name, mail))
        out.append(f"BEGIN:VCARD\nVERSION:3.0\nFN:{name}\nEMAIL:{mail}\nTEL:+34 6{i:08}\nEND:VCARD\n")
    return "".join(out), len(people)


def timed(args: list[str], env: dict[str, str]) -> tuple[float, dict]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "vinculo", *args], capture_output=True,
                            text=True, env=env, check=True)
    return time.perf_counter() - start, json.loads(result.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2500,10000,50000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="plan only (--dry-run)")
    args = parser.parse_args()
    print(f"{'cards':>7} {'mode':>8} {'median s':>9} {'min–max s':>13} {'s/1000':>7} "
          f"{'created':>8} {'people':>7}")
    for size in [int(s) for s in args.sizes.split(",")]:
        text, people = cards(size)
        for mode in (["dry-run"] if args.no_write else ["dry-run", "write"]):
            times, created = [], 0
            for _ in range(args.repeat if mode == "dry-run" else 1):
                with tempfile.TemporaryDirectory() as tmp:
                    root = Path(tmp)
                    (root / "vault" / ".obsidian").mkdir(parents=True)  # a vault
                    (root / "cards.vcf").write_text(text, encoding="utf-8")
                    env = dict(os.environ, VINCULO_STATE_DIR=str(root / "state"))
                    extra = ["--dry-run"] if mode == "dry-run" else []
                    seconds, report = timed(["import", "vcard", str(root / "cards.vcf"),
                                             str(root / "vault"), "--json", *extra], env)
                    times.append(seconds)
                    created = report["created"]
            spread = f"{min(times):.1f}–{max(times):.1f}"
            print(f"{size:>7} {mode:>8} {statistics.median(times):>9.1f} {spread:>13} "
                  f"{statistics.median(times) / size * 1000:>7.2f} {created:>8} {people:>7}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
