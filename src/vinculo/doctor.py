"""``vinculo doctor``: problems in the vault a person should fix by hand."""

from __future__ import annotations

import os
import re

from vinculo.common_words import COMMON_WORD_NAMES
from vinculo.model import Diagnostic
from vinculo.pipeline import Index
from vinculo.text import fold
from vinculo.vault import ALWAYS_IGNORED_DIRS


def find_problems(index: Index) -> list[Diagnostic]:
    """Unreadable notes and frontmatter, names shared by contacts, common-word aliases."""
    problems = [d for d in index.scan.diagnostics if d.severity != "info"]
    owners: dict[str, list[str]] = {}
    for contact in index.contacts.values():
        for name in {contact.name, *contact.aliases}:
            owners.setdefault(fold(name), []).append(contact.name)
        for alias in contact.aliases:
            if fold(alias) in COMMON_WORD_NAMES:
                problems.append(
                    Diagnostic(
                        contact.rel,
                        f"alias {alias!r} is also a common word: it is linked only when "
                        "capitalised, never in lowercase prose",
                        "info",
                    )
                )
    for key, names in sorted(owners.items()):
        unique = sorted(set(names))
        if len(unique) > 1:
            paths = ", ".join(index.contacts[n].rel for n in unique)
            problems.append(
                Diagnostic(
                    index.contacts[unique[0]].rel,
                    f"{key!r} names {len(unique)} contacts ({paths}): its mentions are only "
                    "suggested, never linked",
                )
            )
    problems.extend(dangling_links(index))
    problems.extend(broken_block_markers(index))
    return problems


BROKEN_MARKERS = "broken block markers"  # the check's category


def broken_block_markers(index: Index) -> list[Diagnostic]:
    """Contact notes whose ``<!-- vinculo:start/end -->`` markers are unusable (one alone,
    two blocks, nested, reversed, inside a code block): sync leaves them entirely alone, so
    their suggestions and properties go stale until the markers are fixed by hand."""
    from vinculo.writeback.plan import broken_markers

    problems = []
    for contact in sorted(index.contacts.values(), key=lambda c: c.rel):
        note = contact.note
        if note is None or not note.readable:
            continue
        why = broken_markers(note, index.config)
        if why:
            problems.append(Diagnostic(contact.rel, f"{BROKEN_MARKERS}: {why}", "warning"))
    return problems


_LINK = re.compile(r"(?<!!)\[\[([^\]\|#\^\n]+)(?:[#\^][^\]\|\n]*)?(?:\|[^\]\n]*)?\]\]")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)


def _link_targets(vault_files: list[str]) -> set[str]:
    """Every way a ``[[link]]`` may name an existing file, case-folded as Obsidian does."""
    names: set[str] = set()
    for rel in vault_files:
        low = rel.lower()
        base = low.rsplit("/", 1)[-1]
        names |= {low, base}
        if low.endswith(".md"):
            names |= {low[:-3], base[:-3]}
    return names


def _vault_files(root: os.PathLike[str] | str) -> list[str]:
    out = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in ALWAYS_IGNORED_DIRS]
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        out.extend(f if rel == "." else f"{rel}/{f}" for f in files)
    return out


def dangling_links(index: Index) -> list[Diagnostic]:
    """Links that point nowhere: a renamed or deleted contact note leaves them behind.

    One diagnostic per missing target, naming where it is linked from (code blocks are skipped).
    """
    targets = _link_targets(_vault_files(index.vault))
    missing: dict[str, list[str]] = {}
    for note in index.scan.notes:
        if not note.readable:
            continue
        body = note.text
        fences = [m.start() for m in _FENCE.finditer(body, note.body_start)]
        for match in _LINK.finditer(body, note.body_start):
            if sum(1 for f in fences if f < match.start()) % 2:
                continue  # inside a fenced code block
            target = match.group(1).strip().rstrip("\\").strip()  # [[X\|y]] in a table
            if target.lower() in targets or target.lower().lstrip("/") in targets:
                continue
            line = body.count("\n", 0, match.start()) + 1
            missing.setdefault(target, []).append(f"{note.rel}:{line}")
    problems = []
    for target, places in sorted(missing.items()):
        first = places[0].rsplit(":", 1)
        others = places[1:]
        also = f"; also linked from {', '.join(others[:5])}" if others else ""
        also += f" and {len(others) - 5} more place(s)" if len(others) > 5 else ""
        problems.append(Diagnostic(
            first[0], f"[[{target}]] points to no note (renamed or deleted?){also}",
            "warning", int(first[1])))
    return problems
