"""Hand-judged precision of applied links on real public vaults, from the committed samples.

Each ``*.tsv`` here is a random sample of the links ``vinculo link VAULT --json`` would write
on one real vault (see README.md for the vaults, commits, seeds and method), judged by hand:
``correct`` (a reader of that note would want that exact link to that contact), ``wrong`` or
``skip``. Prints precision with its 95% Wilson interval per sample. Only identifiers and
verdicts are kept: the vaults' text is not ours to copy.

Usage: ``python bench/real_vault_audit/score.py``
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

HERE = Path(__file__).resolve().parent


def wilson(correct: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of ``correct / n``."""
    p = correct / n
    mid = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return mid - half, mid + half


def main() -> None:
    print(f"{'sample':<34} {'judged':>6} {'wrong':>5} {'precision':>9}  95% Wilson")
    # The link samples and censuses (interactions-*.tsv are read by ../real_vault_interactions.py).
    for path in sorted([*HERE.glob("*-seed*.tsv"), *HERE.glob("*-census*.tsv")]):
        if path.name.startswith("interactions-"):
            continue
        with path.open(encoding="utf-8") as handle:
            rows = (line for line in handle if not line.startswith("#"))  # a sample's own note
            verdicts = [r["verdict"].strip().lower() for r in csv.DictReader(rows, delimiter="\t")]
        correct = verdicts.count("correct")
        wrong = verdicts.count("wrong")
        n = correct + wrong
        if not n:
            continue
        low, high = wilson(correct, n)
        print(f"{path.stem:<34} {n:>6} {wrong:>5} {correct / n:>9.3f}  [{low:.3f}, {high:.3f}]")


if __name__ == "__main__":
    main()
