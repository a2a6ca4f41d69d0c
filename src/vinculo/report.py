"""Turning an Index into what commands print: plain dicts, the same for tables and JSON."""

from __future__ import annotations

from typing import Any

from vinculo.pipeline import Index


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def contact_rows(index: Index) -> list[dict[str, Any]]:
    """One dict per contact, sorted by name: the schema of ``vinculo contacts --json``."""
    rows = []
    for name in sorted(index.contacts, key=str.casefold):
        contact = index.contacts[name]
        history = index.histories.get(name)
        suggestions = index.suggestions.get(name, [])
        rows.append(
            {
                "name": name,
                "path": contact.rel,
                "aliases": list(contact.aliases),
                "city": contact.properties.get("city"),
                "tier": contact.properties.get("tier"),
                "stage": history.stage if history else None,
                "last_contact": _iso(history.last_contact) if history else None,
                "last_in_person": _iso(history.last_in_person) if history else None,
                "first_contact": _iso(history.first_contact) if history else None,
                "counts": history.counts() if history else {},
                "suggestions": [
                    {
                        "kind": s.kind,
                        "due": s.due.isoformat(),
                        "text": s.text,
                        "why": s.why,
                        "evidence": s.evidence,
                    }
                    for s in suggestions
                ],
            }
        )
    return rows


def scan_summary(index: Index) -> dict[str, Any]:
    """Counts and problems of a scan: the schema of ``vinculo scan --json``."""
    notes = index.scan.notes
    diagnostics = index.scan.diagnostics
    problems = [d for d in diagnostics if d.severity != "info"]
    return {
        "vault": str(index.vault),
        "notes": len(notes),
        "contacts": len(index.contacts),
        "dated_notes": sum(1 for n in notes if n.date),
        "skipped": len(index.scan.skipped),
        "problems": len(problems),
        "diagnostics": [str(d) for d in diagnostics],
    }
