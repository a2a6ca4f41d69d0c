"""Where every ``[[link]]`` named after a contact leads in Obsidian, counted over a whole vault.

    python bench/real_vault_audit/link_destinations.py VAULT_AFTER [--before VAULT_BEFORE]

A link whose name is a contact's title (``[[juri]]``, ``[[personnel/juri|Juri]]``) is resolved
as Obsidian resolves it — the exact vault path, else a note in the linking note's own folder,
else the shortest path among the notes whose path ends with the link — over every Markdown
file of the vault (dot-folders left out, as Obsidian does). It opens the contact, another
note of the same name, or nothing. With ``--before`` (the same vault before ``vinculo link
--apply``), the counts of the original vault are subtracted: what is left are the links
vinculo wrote. The resolution is written here again on purpose, not imported from vinculo,
so that it checks vinculo's links rather than agreeing with them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

LINK = re.compile(r"(?<!!)\[\[([^\]|#^\n]+)(?:[#^][^\]|\n]*)?(?:\\?\|[^\]\n]*)?\]\]")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)


def markdown_files(vault: Path) -> list[str]:
    out = []
    for folder, dirs, files in os.walk(vault):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = os.path.relpath(folder, vault).replace(os.sep, "/")
        out += [f if rel == "." else f"{rel}/{f}" for f in files if f.lower().endswith(".md")]
    return sorted(out)


def contact_paths(vault: Path, vinculo: str) -> set[str]:
    done = subprocess.run([vinculo, "contacts", str(vault), "--json"], capture_output=True,
                          text=True, check=True)
    return {row["path"][:-3].lower() for row in json.loads(done.stdout)}


def destination(path: str, source: str, files: list[str]) -> str | None:
    matches = [f for f in files if f == path or f.endswith("/" + path)]
    if not matches:
        return None
    if path in matches:
        return path
    here = source.lower().rsplit("/", 1)[0] if "/" in source else ""
    beside = [f for f in matches if (f.rsplit("/", 1)[0] if "/" in f else "") == here]
    return beside[0] if beside else min(matches, key=lambda f: (len(f), f))


def count(vault: Path, contacts: set[str]) -> Counter[str]:
    rels = markdown_files(vault)
    files = [r[:-3].lower() for r in rels]
    titles = {c.rsplit("/", 1)[-1] for c in contacts}
    by_title: dict[str, list[str]] = {}
    for f in files:
        by_title.setdefault(f.rsplit("/", 1)[-1], []).append(f)
    out: Counter[str] = Counter()
    for rel in rels:
        text = (vault / rel).read_text(encoding="utf-8", errors="replace")
        fences = [m.start() for m in FENCE.finditer(text)]
        for match in LINK.finditer(text):
            if sum(1 for f in fences if f < match.start()) % 2:
                continue
            path = match.group(1).rstrip("\\").strip().lstrip("/").lower()
            path = path[:-3] if path.endswith(".md") else path
            title = path.rsplit("/", 1)[-1]
            if title not in titles:
                continue
            dest = destination(path, rel, by_title.get(title, []))
            out["links named after a contact"] += 1
            if dest in contacts:
                out["open the contact"] += 1
            elif dest is None:
                out["open nothing"] += 1
            else:
                out["open another note of that name"] += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("vault", type=Path)
    parser.add_argument("--before", type=Path)
    parser.add_argument("--vinculo", default="vinculo")
    args = parser.parse_args()
    contacts = contact_paths(args.vault, args.vinculo)
    after = count(args.vault, contacts)
    before = count(args.before, contacts) if args.before else Counter()
    keys = ["links named after a contact", "open the contact", "open another note of that name",
            "open nothing"]
    print(f"{'':34} {'after':>7} {'before':>7} {'written':>7}", file=sys.stdout)
    for key in keys:
        print(f"{key:34} {after[key]:7} {before[key]:7} {after[key] - before[key]:7}")


if __name__ == "__main__":
    main()
