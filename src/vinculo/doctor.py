"""``vinculo doctor``: problems in the vault a person should fix by hand.

Each check has a category (``notes``, ``names``, ``aliases``, ``links``…): the report groups
problems by it with a count, so 600 links to no note do not bury one broken note, and
``--only CATEGORY`` lists one category in full. A new check is one :class:`Check` in
:data:`CHECKS`; the command, its ``--only`` choices and the grouping follow.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import pluggy

from vinculo.common_words import COMMON_WORD_NAMES
from vinculo.linking.linker import WIKILINK
from vinculo.model import Diagnostic, Vocabulary
from vinculo.namewords import is_everyday, is_handle
from vinculo.pipeline import Index
from vinculo.text import fold
from vinculo.vault import ALWAYS_IGNORED_DIRS


@dataclass(frozen=True)
class Check:
    """One kind of problem: its category (the ``--only`` name), a title, and the function
    that finds them in an index."""

    category: str
    title: str
    find: Callable[[Index], list[Diagnostic]]
    # A check of what the plugins contribute, given the command's plugin manager too.
    find_in_plugins: Callable[[Index, pluggy.PluginManager], list[Diagnostic]] | None = None


@dataclass(frozen=True)
class Problem:
    """A problem found by one check."""

    category: str
    diagnostic: Diagnostic

    def to_json(self) -> dict[str, object]:
        return {"category": self.category, **self.diagnostic.__dict__}


def note_problems(index: Index) -> list[Diagnostic]:
    """Notes that could not be read as notes: encoding, binary, huge, broken frontmatter."""
    return [d for d in index.scan.diagnostics if d.severity != "info"]


def shared_names(index: Index) -> list[Diagnostic]:
    """A name or alias several contacts share: its mentions are only suggested."""
    owners: dict[str, list[str]] = {}
    for contact in index.contacts.values():
        for name in {contact.name, *contact.aliases}:
            owners.setdefault(fold(name), []).append(contact.name)
    problems = []
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


def common_word_aliases(index: Index) -> list[Diagnostic]:
    """Aliases that are also common words: linked only when capitalised."""
    problems = []
    for contact in index.contacts.values():
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
    return problems


def find_problems(index: Index, only: str | None = None,
                  pm: pluggy.PluginManager | None = None) -> list[Problem]:
    """Every check's problems (or only those of category ``only``), in check order; the
    plugins' own checks only when given their plugin manager ``pm``."""
    return [
        Problem(check.category, diagnostic)
        for check in CHECKS
        if only is None or check.category == only
        for diagnostic in (check.find_in_plugins(index, pm)
                           if check.find_in_plugins is not None and pm is not None
                           else check.find(index))
    ]


def grouped(problems: list[Problem]) -> list[tuple[Check, list[Problem]]]:
    """Problems per check, in check order; checks that found nothing left out."""
    out = []
    for check in CHECKS:
        found = [p for p in problems if p.category == check.category]
        if found:
            out.append((check, found))
    return out


def failed(problems: list[Problem]) -> bool:
    """True when a problem is worth a non-zero exit: any warning or error (an ``info`` is a
    remark, like an alias that is also a common word)."""
    return any(p.diagnostic.severity != "info" for p in problems)


def everyday_word_contacts(index: Index) -> list[Diagnostic]:
    """Contacts written with a one-word name that is also an everyday word or a handle
    ("Pipe", "Matter", "GB"), with how many links each makes: where they come from should be
    checked once by hand, and a name that links wrongly goes in ``[linking] never``."""
    counts: dict[tuple[str, str], int] = {}
    table = index.mentions
    for rel in list(table):
        if not table.may_link(rel):
            continue  # only notes with a link to write are unpacked
        for m in table[rel]:
            if m.level != "link" or m.linked or " " in m.surface:
                continue
            if is_everyday(m.surface) or is_handle(m.surface):
                counts[m.target, m.surface] = counts.get((m.target, m.surface), 0) + 1
    out = []
    for (target, surface), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        contact = index.contacts.get(target)
        out.append(Diagnostic(
            contact.rel if contact else target,
            f"{surface!r} is also an everyday word: {count} link(s) to {target} would be "
            "written; if some are wrong, add it to [linking] never",
            "info",
        ))
    return out


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)


def _link_targets(vault_files: list[str]) -> set[str]:
    """Every way a ``[[link]]`` may name an existing file, case-folded as Obsidian does: its
    path, or any trailing part of it (``[[personnel/juri]]``, as vinculo writes a contact
    whose title other notes share), with or without ``.md``."""
    names: set[str] = set()
    for rel in vault_files:
        low = rel.lower()
        parts = low.split("/")
        for start in range(len(parts)):
            tail = "/".join(parts[start:])
            names.add(tail)
            if tail.endswith(".md"):
                names.add(tail[:-3])
    return names


def _vault_files(root: os.PathLike[str] | str) -> list[str]:
    out: list[str] = []
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
        for match in WIKILINK.finditer(body, note.body_start):
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


def config_warnings(index: Index) -> list[Diagnostic]:
    """Sections and keys of vinculo.toml nobody reads (a typo: ``[folder]``), as the command's
    configuration check found them (:mod:`vinculo.config_check`)."""
    return [Diagnostic("vinculo.toml", p.message, "warning", p.line)
            for p in index.config.problems]


def vocabulary_phrases(index: Index, pm: pluggy.PluginManager) -> list[Diagnostic]:
    """Vocabulary phrases that are no valid regular expression (a look-behind that is not of
    fixed width…): every run skips them, so they match nothing; named with their plugin so
    its author can fix them."""
    from vinculo.history import broken_phrases, vocabulary_key

    problems = []
    for impl in reversed(pm.hook.register_vocabulary.get_hookimpls()):  # in call order
        vocabularies = cast("list[Vocabulary] | None", impl.function()) or []
        for broken in broken_phrases(vocabulary_key(vocabularies)):
            problems.append(Diagnostic(
                f"plugin {impl.plugin_name}",
                f"vocabulary {broken}: the phrase is skipped, it matches nothing", "warning"))
    return problems


CHECKS: list[Check] = [
    Check("notes", "notes vinculo cannot read", note_problems),
    Check("names", "names several contacts share", shared_names),
    Check("aliases", "aliases that are common words", common_word_aliases),
    Check("everyday", "contacts whose names are everyday words", everyday_word_contacts),
    Check("links", "links to no note", dangling_links),
    Check("markers", "contact notes with broken block markers, left alone", broken_block_markers),
    Check("config", "vinculo.toml settings nobody reads", config_warnings),
    Check("vocabulary", "vocabulary phrases that do not compile, skipped", lambda index: [],
          vocabulary_phrases),
]
