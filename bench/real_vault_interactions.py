"""Sample the interactions vinculo reads from real vaults, for judging by hand.

Real public vaults carry no licence here, so nothing of their text is kept: the sample lists
identifiers (vault, path, line, contact, channel, direction) and a judge adds verdicts in
``bench/real_vault_audit/interactions-*.tsv``. With ``--show`` the line itself is printed
(to the terminal only) so a person can judge it.

Usage: ``python bench/real_vault_interactions.py VAULT_COPY... [--per-vault 20] [--seed 16]
[--show]`` (a copy with its ``vinculo.toml``; see bench/real_vault_audit/README.md). Then
``python bench/real_vault_interactions.py --score bench/real_vault_audit/interactions-*.tsv``
prints the judged precision with its 95 % Wilson interval.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
# A state folder of its own: the bench never reads or fills the user's cache.
os.environ["VINCULO_STATE_DIR"] = tempfile.mkdtemp(prefix="vinculo-bench-state-")
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from score_interactions import wilson  # noqa: E402

from vinculo.config import load_config  # noqa: E402
from vinculo.pipeline import build_index  # noqa: E402
from vinculo.plugin_host import get_plugin_manager  # noqa: E402

TODAY = dt.date(2026, 11, 29)
COLUMNS = ["seed", "vault", "path", "line", "contact", "channel", "direction",
           "is_event", "right_channel", "right_direction", "note"]


def interactions(vault: Path) -> list[tuple[str, int, str, str, str, str]]:
    """Every interaction vinculo reads from ``vault``'s notes (not its own logs' ticks)."""
    index = build_index(vault, load_config(vault), get_plugin_manager(), TODAY)
    out = []
    for name, history in index.histories.items():
        for item in [*history.interactions, *history.planned]:
            out.append((item.note, item.line, name, item.channel, item.direction, item.text))
    return sorted(out)


def sample(vaults: list[Path], per_vault: int, seed: int, show: bool) -> None:
    writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS + (["text"] if show else []))
    for vault in vaults:
        found = interactions(vault)
        picked = random.Random(f"{seed}:{vault.name}").sample(found, min(per_vault, len(found)))
        print(f"# {vault.name}: {len(found)} interactions, {len(picked)} sampled",
              file=sys.stderr)
        for path, line, contact, channel, direction, text in sorted(picked):
            row = [seed, vault.name, path, line, contact, channel, direction, "", "", "", ""]
            writer.writerow(row + ([text] if show else []))


def score(paths: list[Path]) -> None:
    rows = []
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            lines = [line for line in handle if not line.startswith("#")]
        rows += [r for r in csv.DictReader(lines, delimiter="\t") if r.get("is_event")]
    print(f"{'vault':14} {'judged':>6} {'events (precision)':>28} {'right channel':>24} "
          f"{'right direction':>24}")
    for vault in sorted({r["vault"] for r in rows}) + ["all"]:
        mine = [r for r in rows if vault in ("all", r["vault"])]
        events = [r for r in mine if r["is_event"] == "yes"]
        cells = []
        for hits, total in ((len(events), len(mine)),
                            (sum(r["right_channel"] == "yes" for r in events), len(events)),
                            (sum(r["right_direction"] == "yes" for r in events), len(events))):
            low, high = wilson(hits, total)
            rate = f"{hits / total:.2f}" if total else "n/a"
            cells.append(f"{rate} [{low:.2f}–{high:.2f}] {hits}/{total}")
        print(f"{vault:14} {len(mine):>6} " + " ".join(f"{c:>26}" for c in cells))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--per-vault", type=int, default=20)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--show", action="store_true", help="print each line (never commit it)")
    parser.add_argument("--score", action="store_true", help="score judged TSV files")
    args = parser.parse_args(argv)
    if args.score:
        score(args.paths)
    else:
        sample(args.paths, args.per_vault, args.seed, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
