"""How well vinculo reads interactions from sentences people write: a corpus of labelled
sentences (events and non-events, English and Spanish) scored through the real pipeline.

Each sentence goes alone into its own dated daily note of a temporary vault whose contacts are
the corpus's; ``build_index`` reads them as a sync does. Printed, with 95 % Wilson intervals,
overall and per language: events recalled, right channel and right direction among the
recalled events, non-events counted. ``--verbose`` lists every miss and false count.

Usage: ``python bench/score_interactions.py [CORPUS.tsv [CONTACTS.tsv]] [--verbose] [--json]``
(default: the tuning corpus ``bench/interactions_tuning.tsv``; the held-out corpus is scored
with its own script).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# A state folder of its own: the bench never reads or fills the user's cache.
os.environ["VINCULO_STATE_DIR"] = tempfile.mkdtemp(prefix="vinculo-bench-state-")
sys.path.insert(0, str(HERE.parent / "src"))

from vinculo.config import load_config  # noqa: E402
from vinculo.pipeline import build_index  # noqa: E402
from vinculo.plugin_host import get_plugin_manager  # noqa: E402

TODAY = dt.date(2026, 11, 29)


def wilson(hits: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson score interval of a proportion: sound at 0, 1 and small counts."""
    if total == 0:
        return (0.0, 1.0)
    p = hits / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return (max(0.0, centre - half), min(1.0, centre + half))


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    key = "id" if rows and "id" in rows[0] else "name"
    return [row for row in rows if row.get(key) and not row[key].startswith("#")]


def build_vault(root: Path, rows: list[dict[str, str]], contacts: list[dict[str, str]]) -> dict[str, str]:
    """Contact notes and one daily note per sentence; the daily note of each row id."""
    for contact in contacts:
        aliases = [a.strip() for a in (contact.get("aliases") or "").split(",") if a.strip()]
        front = "type: person\n" + (f"aliases: [{', '.join(aliases)}]\n" if aliases else "")
        path = root / "People" / f"{contact['name']}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{front}---\n", encoding="utf-8")
    where: dict[str, str] = {}
    for number, row in enumerate(rows):
        day = TODAY - dt.timedelta(days=number + 1)
        rel = f"Daily/{day.isoformat()}.md"
        (root / "Daily").mkdir(exist_ok=True)
        (root / rel).write_text(f"# {day.isoformat()}\n\n{row['sentence']}\n", encoding="utf-8")
        where[row["id"]] = rel
    return where


def score(rows: list[dict[str, str]], contacts: list[dict[str, str]]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="vinculo-interactions-") as tmp:
        root = Path(tmp)
        where = build_vault(root, rows, contacts)
        index = build_index(root, load_config(root), get_plugin_manager(), TODAY)
        found: dict[tuple[str, str], list[Any]] = {}
        for name, history in index.histories.items():
            for item in history.interactions:
                found.setdefault((item.note, name), []).append(item)
    results = []
    for row in rows:
        got = found.get((where[row["id"]], row["contact"]), [])
        results.append({**row, "got_event": bool(got),
                        "got_channel": got[0].channel if got else "",
                        "got_direction": got[0].direction if got else ""})
    return {"overall": figures(results),
            **{lang: figures([r for r in results if r["lang"] == lang])
               for lang in sorted({r["lang"] for r in results})},
            "rows": results}


def figures(results: list[dict[str, Any]]) -> dict[str, Any]:
    events = [r for r in results if r["is_event"] == "yes"]
    others = [r for r in results if r["is_event"] != "yes"]
    recalled = [r for r in events if r["got_event"]]
    channel = sum(r["got_channel"] == r["channel"] for r in recalled)
    direction = sum(r["got_direction"] == r["direction"] for r in recalled)
    counted = sum(r["got_event"] for r in others)

    def figure(hits: int, total: int) -> dict[str, Any]:
        low, high = wilson(hits, total)
        return {"hits": hits, "total": total, "rate": round(hits / total, 3) if total else None,
                "ci95": [round(low, 3), round(high, 3)]}

    return {"events_recalled": figure(len(recalled), len(events)),
            "right_channel": figure(channel, len(recalled)),
            "right_direction": figure(direction, len(recalled)),
            "non_events_counted": figure(counted, len(others))}


def print_table(result: dict[str, Any], title: str) -> None:
    print(title)
    print(f"{'':10} {'events recalled':>24} {'right channel':>24} {'right direction':>24} "
          f"{'non-events counted':>24}")
    for key in [k for k in result if k != "rows"]:
        cells = []
        for name in ("events_recalled", "right_channel", "right_direction", "non_events_counted"):
            f = result[key][name]
            rate = "n/a" if f["rate"] is None else f"{f['rate']:.3f}"
            cells.append(f"{rate} [{f['ci95'][0]:.2f}–{f['ci95'][1]:.2f}] {f['hits']}/{f['total']}")
        print(f"{key:10} " + " ".join(f"{c:>24}" for c in cells))


def print_misses(result: dict[str, Any]) -> None:
    for r in result["rows"]:
        if r["is_event"] == "yes" and not r["got_event"]:
            what = "missed"
        elif r["is_event"] != "yes" and r["got_event"]:
            what = "counted"
        elif r["got_event"] and r["got_channel"] != r["channel"]:
            what = f"channel {r['got_channel']} (want {r['channel']})"
        elif r["got_event"] and r["got_direction"] != r["direction"]:
            what = f"direction {r['got_direction']} (want {r['direction']})"
        else:
            continue
        print(f"  {r['id']}: {what}: {r['sentence']}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(HERE / "interactions_tuning.tsv"))
    parser.add_argument("contacts", nargs="?", default=None)
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    contacts = Path(args.contacts) if args.contacts else corpus.with_name(
        corpus.stem + "_contacts.tsv")
    result = score(read_tsv(corpus), read_tsv(contacts))
    if args.json:
        print(json.dumps({k: v for k, v in result.items() if k != "rows"}, indent=2))
        return 0
    print_table(result, f"Interaction sentences: {corpus.name} ({len(result['rows'])} sentences)")
    if args.verbose:
        print_misses(result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
