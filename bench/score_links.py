"""Score mention linking on a generated vault: vinculo against an Obsidian-style baseline.

Generates (or reuses) a vault with :mod:`vaultgen`, then in the same run:

- **vinculo**: scan → contacts → ``find_mentions`` → ``link_spans`` → splice, exactly what
  ``vinculo link --apply`` writes (in memory: the generated vault is not modified);
- **baseline**: what Obsidian's own "unlinked mentions" and the exact auto-linkers do — a
  note title or alias, case-insensitive, whole word, no accent folding, anywhere in the body
  that is not already a link.

Prints per-category recall of applied links and applied-link precision for both, the checks
(no edit in a protected region, visible text unchanged, nothing to do on a rerun) and timings
with their ratio to reading + frontmatter parsing. Saves JSON under ``bench/results/``.

Usage: ``python bench/score_links.py --notes 300 --contacts 60`` (``--out DIR`` keeps the vault).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vaultgen  # noqa: E402

from vinculo.config import load_config  # noqa: E402
from vinculo.contacts import build_contacts  # noqa: E402
from vinculo.linking import link_spans  # noqa: E402
from vinculo.mentions import find_mentions  # noqa: E402
from vinculo.notes import parse_note  # noqa: E402
from vinculo.plugin_host import get_plugin_manager  # noqa: E402
from vinculo.vault import scan_vault  # noqa: E402
from vinculo.writeback import replace_spans  # noqa: E402

POSITIVE = ["exact", "alias", "case", "accent", "possessive", "typo", "first_name",
            "first_surname"]
NEGATIVE = ["ambiguous", "other_person", "common_word", "protected"]
_LINK = re.compile(r"\[\[([^\]|\\]+)(?:\\?\|([^\]]*))?\]\]")
_EXISTING = re.compile(r"!?\[\[[^\]\n]*\]\]")


def visible(text: str) -> str:
    return _LINK.sub(lambda m: m.group(2) or m.group(1), text)


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": str(os.cpu_count()), "cpu": cpu, "python": platform.python_version()}


# --- the two systems ---------------------------------------------------------------------


def run_vinculo(vault: Path) -> dict:
    """Applied links (file, start, end, target) and the new text of every changed note."""
    config = load_config(vault)
    pm = get_plugin_manager()
    t0 = time.perf_counter()
    scan = scan_vault(vault, config)
    t1 = time.perf_counter()
    contacts = build_contacts(scan.notes, pm, config)
    mentions = find_mentions(scan.notes, contacts, pm, config)
    t2 = time.perf_counter()
    links, new_texts, suggestions = [], {}, 0
    for note in scan.notes:
        found = mentions.get(note.rel, [])
        suggestions += sum(1 for m in found if m.level == "suggest")
        spans = link_spans(note, found, config)
        if not spans:
            continue
        by_start = {m.start: m for m in found}
        for start, end, _ in spans:
            links.append((note.rel, start, end, by_start[start].target))
        new_texts[note.rel] = (note, replace_spans(note, spans))
    t3 = time.perf_counter()
    return {
        "links": links, "new": new_texts, "suggestions": suggestions,
        "found": [(m.note, m.start, m.end, m.target, m.level) for ms in mentions.values()
                  for m in ms if not m.linked],
        "times": {"scan": t1 - t0, "mentions": t2 - t1, "link_spans": t3 - t2},
        "contacts": contacts, "pm": pm, "config": config, "notes": scan.notes,
    }


def run_baseline(vault: Path, notes: list, contacts: dict) -> dict:
    """Obsidian-style exact linking: title or alias, any case, whole word, no folding."""
    t0 = time.perf_counter()
    names: dict[str, str] = {}
    for name, contact in contacts.items():
        for text in [name, *contact.aliases]:
            names.setdefault(text.lower(), name)
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        + r")(?!\w)", re.IGNORECASE,
    )
    links = []
    for note in notes:
        if not note.readable:
            continue
        own = contacts.get(note.title)
        body = note.text
        existing = [m.span() for m in _EXISTING.finditer(body, note.body_start)]
        for match in pattern.finditer(body, note.body_start):
            if any(s <= match.start() < e for s, e in existing):
                continue
            target = names[match.group(1).lower()]
            if own is not None and own.name == target:
                continue
            links.append((note.rel, match.start(), match.end(), target))
    return {"links": links, "times": {"mentions": time.perf_counter() - t0}}


# --- scoring -----------------------------------------------------------------------------


def score(truth: dict, links: list[tuple]) -> dict:
    """Per-category recall of applied links, precision, and links made where none is right."""
    by_file: dict[str, list[dict]] = defaultdict(list)
    for m in truth["mentions"]:
        by_file[m["file"]].append(m)
    hit_ids: set[int] = set()
    correct = 0
    wrong_where: dict[str, int] = defaultdict(int)
    for rel, start, end, target in links:
        planted = [m for m in by_file.get(rel, []) if m["start"] < end and start < m["end"]]
        good = [m for m in planted if m["target"] == target]
        if good:
            correct += 1
            hit_ids.update(id(m) for m in good)
        else:
            wrong_where[planted[0]["category"] if planted else "unplanted"] += 1
    per: dict[str, dict] = {}
    for category in POSITIVE + NEGATIVE:
        items = [m for m in truth["mentions"] if m["category"] == category]
        if category in POSITIVE:
            got = sum(1 for m in items if id(m) in hit_ids)
            per[category] = {"n": len(items), "recall": got / len(items) if items else None}
        else:
            per[category] = {"n": len(items), "linked": wrong_where.get(category, 0)}
    return {
        "applied": len(links), "correct": correct,
        "precision": correct / len(links) if links else 1.0,
        "categories": per, "wrong": dict(wrong_where),
    }


def protected_edits(truth: dict, links: list[tuple]) -> int:
    spans = defaultdict(list)
    for m in truth["mentions"]:
        if m["category"] == "protected":
            spans[m["file"]].append((m["start"], m["end"]))
    return sum(1 for rel, s, e, _ in links for ps, pe in spans[rel] if s < pe and ps < e)


def checks(result: dict, truth: dict, vault: Path) -> dict:
    """Visible text unchanged, frontmatter untouched, nothing to do on a rerun."""
    changed_visible = 0
    frontmatter_changed = 0
    rerun_notes = []
    for rel, (note, after) in result["new"].items():
        text = after.decode("utf-8")
        if visible(text) != visible(note.text):
            changed_visible += 1
        if text[: note.body_start] != note.text[: note.body_start]:
            frontmatter_changed += 1
        rerun_notes.append(parse_note(note.path, rel, after))
    untouched = [n for n in result["notes"] if n.rel not in result["new"]]
    notes = untouched + rerun_notes
    contacts = build_contacts(notes, result["pm"], result["config"])
    again = find_mentions(notes, contacts, result["pm"], result["config"])
    rerun_changes = sum(
        1 for n in notes if link_spans(n, again.get(n.rel, []), result["config"])
    )
    return {
        "protected_edits": protected_edits(truth, result["links"]),
        "visible_text_changes": changed_visible,
        "frontmatter_changes": frontmatter_changed,
        "rerun_changes": rerun_changes,
    }


# --- report ------------------------------------------------------------------------------


def _fmt(recall: float | None) -> str:
    return "—" if recall is None else f"{recall:.2f}"


def table(ours: dict, base: dict) -> str:
    rows = ["| category | planted | vinculo | Obsidian-style exact |", "| --- | ---: | ---: | ---: |"]
    for category in POSITIVE:
        a, b = ours["categories"][category], base["categories"][category]
        rows.append(f"| {category} (recall) | {a['n']} | {_fmt(a['recall'])} | "
                    f"{_fmt(b['recall'])} |")
    for category in NEGATIVE:
        a, b = ours["categories"][category], base["categories"][category]
        rows.append(f"| {category} (wrong links) | {a['n']} | {a['linked']} | {b['linked']} |")
    rows.append(f"| applied links | | {ours['applied']} | {base['applied']} |")
    rows.append(f"| **applied-link precision** | | **{ours['precision']:.3f}** | "
                f"**{base['precision']:.3f}** |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=300)
    parser.add_argument("--contacts", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="keep the generated vault here")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="vinculo-bench-"))
    t0 = time.perf_counter()
    truth = vaultgen.generate(out, args.notes, args.contacts, args.seed)
    gen_time = time.perf_counter() - t0
    vault = out / "vault"
    ours_run = run_vinculo(vault)
    base_run = run_baseline(vault, ours_run["notes"], ours_run["contacts"])
    ours, base = score(truth, ours_run["links"]), score(truth, base_run["links"])
    ours["checks"] = checks(ours_run, truth, vault)
    base["checks"] = {"protected_edits": protected_edits(truth, base_run["links"])}
    times = ours_run["times"]
    report = {
        "vault": {"notes": args.notes, "contacts": args.contacts, "seed": args.seed,
                  "planted": len(truth["mentions"])},
        "machine": machine(),
        "vinculo": ours, "baseline": base,
        "suggestions": ours_run["suggestions"],
        "times": {
            "generate_s": round(gen_time, 3),
            "read_and_frontmatter_s": round(times["scan"], 3),
            "vinculo_mentions_s": round(times["mentions"], 3),
            "vinculo_link_spans_s": round(times["link_spans"], 3),
            "baseline_s": round(base_run["times"]["mentions"], 3),
            "mentions_to_scan_ratio": round(times["mentions"] / times["scan"], 2),
        },
    }
    print(f"{args.notes} notes, {args.contacts} contacts, {len(truth['mentions'])} planted "
          f"mentions (seed {args.seed})\n")
    print(table(ours, base))
    print()
    print("checks (vinculo):", json.dumps(ours["checks"]))
    print("checks (baseline):", json.dumps(base["checks"]))
    print("suggestions (vinculo, never written):", ours_run["suggestions"])
    print("times:", json.dumps(report["times"]))
    print("machine:", json.dumps(report["machine"]))
    results = Path(__file__).resolve().parent / "results"
    results.mkdir(exist_ok=True)
    target = results / f"links-{args.notes}n-{args.contacts}c-seed{args.seed}.json"
    target.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"saved {target.relative_to(Path.cwd()) if target.is_relative_to(Path.cwd()) else target}")


if __name__ == "__main__":
    main()
