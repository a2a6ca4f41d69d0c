"""``vinculo doctor``: problems in the vault a person should fix by hand."""

from __future__ import annotations

from vinculo.common_words import COMMON_WORD_NAMES
from vinculo.model import Diagnostic
from vinculo.pipeline import Index
from vinculo.text import fold


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
    return problems
