"""Score interaction history on generated vaults whose truth is every event and every trap.

For each vault made by :mod:`historygen`, in the same run and on the same mentions:

- **vinculo**: the real pipeline (scan → contacts → mentions → interactions → stages);
- **keyword baseline**: what a mention-counting CRM does — a mention in a dated note is an
  interaction when the line holds any channel word of the same vocabularies, with no notion
  of intentions, open tasks, quotes or cancellations (code, comments and embeds are already
  skipped by the linker for both).

Reports per vault: ``last_contact`` and ``last_in_person`` exactness (share of contacts whose
date is exactly the truth; target ≥ 0.98), interactions counted from a non-event line (target
0), and precision/recall of distinct (contact, date, channel) events. Saves
``bench/results/history.json``. Usage: ``python bench/score_history.py [contacts days seed]…``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from historygen import generate  # noqa: E402

from vinculo.config import load_config  # noqa: E402
from vinculo.history import compile_vocabularies, gather_vocabularies, line_date, note_day  # noqa: E402
from vinculo.pipeline import build_index  # noqa: E402
from vinculo.plugin_host import get_plugin_manager  # noqa: E402
from vinculo.text import fold  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "history.json"


def keyword_baseline(index: Any, pm: Any) -> dict[str, list[tuple[dt.date, str, str, int]]]:
    """(date, channel, note, line) per contact: any channel word on a mention's line."""
    matcher = compile_vocabularies(gather_vocabularies(pm))
    notes = {n.rel: n for n in index.scan.notes}
    out: dict[str, list[tuple[dt.date, str, str, int]]] = defaultdict(list)
    for rel, mentions in index.mentions.items():
        note = notes[rel]
        for m in mentions:
            if m.target not in index.contacts:
                continue
            start = note.text.rfind("\n", 0, m.start) + 1
            end = note.text.find("\n", m.start)
            line = note.text[start : len(note.text) if end < 0 else end]
            event = matcher.first_event(fold(line))
            day = line_date(line) or note_day(note)
            if event and day:
                out[m.target].append((day, event[2], rel, m.line))
    for name in index.contacts:  # meeting attendees: the baseline gets them for free
        for i in index.histories[name].interactions:
            if i.line == 1 and i.note.startswith("Meetings/"):
                out[name].append((i.date, i.channel, i.note, i.line))
    return out


def score(found: dict[str, list[tuple[dt.date, str, str, int]]], truth: dict[str, Any],
          names: list[str]) -> dict[str, Any]:
    want: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for e in truth["events"]:
        want[e["contact"]].append((e["date"], e["channel"]))
    traps = {(t["contact"], t["note"], t["line"]) for t in truth["non_events"]}
    exact_last = exact_met = 0
    from_traps = 0
    got_set: set[tuple[str, str, str]] = set()
    for name in names:
        mine = found.get(name, [])
        got_set |= {(name, d.isoformat(), c) for d, c, _, _ in mine}
        from_traps += sum((name, rel, line) in traps for _, _, rel, line in mine)
        last = max((d.isoformat() for d, _, _, _ in mine), default=None)
        met = max((d.isoformat() for d, c, _, _ in mine if c == "in_person"), default=None)
        true_last = max((d for d, _ in want[name]), default=None)
        true_met = max((d for d, c in want[name] if c == "in_person"), default=None)
        exact_last += last == true_last
        exact_met += met == true_met
    want_set = {(n, d, c) for n, items in want.items() for d, c in items}
    hits = len(got_set & want_set)
    return {
        "last_contact_exact": round(exact_last / len(names), 4),
        "last_in_person_exact": round(exact_met / len(names), 4),
        "interactions_from_non_events": from_traps,
        "event_precision": round(hits / len(got_set), 4) if got_set else 1.0,
        "event_recall": round(hits / len(want_set), 4) if want_set else 1.0,
    }


def run_one(contacts: int, days: int, seed: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "vault"
        truth = generate(root, contacts=contacts, days=days, seed=seed)
        pm = get_plugin_manager()
        started = time.perf_counter()
        index = build_index(root, load_config(root), pm, dt.date.fromisoformat(truth["today"]))
        seconds = time.perf_counter() - started
        names = sorted(index.contacts)
        vinculo = {n: [(i.date, i.channel, i.note, i.line) for i in index.histories[n].interactions]
                   for n in names}
        return {
            "vault": {"contacts": contacts, "days": days, "seed": seed,
                      "notes": len(index.scan.notes), "events": len(truth["events"]),
                      "traps": len(truth["non_events"]), "index_seconds": round(seconds, 2)},
            "vinculo": score(vinculo, truth, names),
            "keyword_baseline": score(keyword_baseline(index, pm), truth, names),
        }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description="Score interaction history on generated vaults against a keyword baseline.")
    parser.add_argument("sizes", nargs="*", type=int, metavar="CONTACTS DAYS SEED",
                        help="triples; default: 60 200 1  200 400 7  500 730 11")
    args = parser.parse_args(argv)
    if len(args.sizes) % 3:
        parser.error("sizes come in triples: CONTACTS DAYS SEED")
    sizes = [tuple(args.sizes[i : i + 3]) for i in range(0, len(args.sizes), 3)] or [
        (60, 200, 1), (200, 400, 7), (500, 730, 11)]
    results = [run_one(*size) for size in sizes]
    header = f"{'vault':<22}{'who':<10}{'last':>7}{'in person':>11}{'from traps':>12}{'prec':>7}{'recall':>8}"
    print(header)
    ok = True
    for r in results:
        v = r["vault"]
        label = f"{v['contacts']}c/{v['notes']}n/{v['events']}e"
        for who in ("vinculo", "keyword_baseline"):
            s = r[who]
            print(f"{label:<22}{who[:9]:<10}{s['last_contact_exact']:>7.3f}{s['last_in_person_exact']:>11.3f}"
                  f"{s['interactions_from_non_events']:>12}{s['event_precision']:>7.3f}{s['event_recall']:>8.3f}")
            label = ""
        s = r["vinculo"]
        ok &= (s["last_contact_exact"] >= 0.98 and s["last_in_person_exact"] >= 0.98
               and s["interactions_from_non_events"] == 0)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"targets (exactness ≥ 0.98, 0 from non-events): {'met' if ok else 'NOT met'}; saved {RESULTS}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
