"""Turning an Index into what commands print: plain dicts, the same for tables and JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vinculo.text import plural

if TYPE_CHECKING:  # the pipeline (and the linker) load only when an index is built
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
                "directions": history.direction_counts() if history else {},
                "last_reply": _iso(history.last_reply) if history else None,
                "drift": history.drift.as_json() if history and history.drift else None,
                "open_loops": [
                    {"text": loop.text, "note": loop.note, "line": loop.line}
                    for loop in (history.open_loops if history else [])
                ],
                "planned": [
                    {"date": p.date.isoformat(), "channel": p.channel, "note": p.note}
                    for p in (history.planned if history else [])
                ],
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


def problem_lines(index: Index) -> list[str]:
    """The scan's diagnostics worth a user's attention (not info), as commands print them."""
    return [f"{d.severity}: {d}" for d in index.scan.diagnostics if d.severity != "info"]


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


SYNC_LIST = 10  # files listed by name after a sync (all of them with --verbose)


def sync_kinds(reasons: list[str]) -> list[str]:
    """What a batch of writes did, counted per kind of change (from each file's reason, e.g.
    "3 links, suggestions block, 2 properties"; "dashboard"): "71 links in 31 notes", …"""
    links = link_files = blocks = props = prop_files = 0
    other: dict[str, int] = {}
    for reason in reasons:
        for part in filter(None, (p.strip() for p in reason.split(","))):
            number, _, noun = part.partition(" ")
            if number.isdigit() and noun in ("link", "links"):
                links, link_files = links + int(number), link_files + 1
            elif number.isdigit() and noun in ("property", "properties"):
                props, prop_files = props + int(number), prop_files + 1
            elif part == "suggestions block":
                blocks += 1
            else:
                other[part] = other.get(part, 0) + 1
    out = []
    if links:
        out.append(f"{plural(links, 'link')} in {plural(link_files, 'note')}")
    if blocks:
        out.append(f"suggestions in {plural(blocks, 'contact note')}")
    if props:
        out.append(f"{plural(props, 'property', 'properties')} in {plural(prop_files, 'contact note')}")
    out += [part if n == 1 else f"{part} ×{n}" for part, n in other.items()]
    return out


def sync_listing(written: list[str], reasons: dict[str, str], verbose: bool) -> tuple[list[str], int]:
    """The files to name (whole files and contact notes first, notes with links only last),
    and how many are left unnamed."""
    def rank(rel: str) -> tuple[int, str]:
        parts = [p.strip() for p in reasons.get(rel, "").split(",")]
        if "suggestions block" in parts:
            return (1, rel)
        if any(p.endswith((" property", " properties")) for p in parts):
            return (2, rel)
        return (3 if all(p.endswith((" link", " links")) for p in parts) else 0, rel)

    ordered = sorted(written, key=rank)
    shown = ordered if verbose or len(ordered) <= SYNC_LIST + 1 else ordered[:SYNC_LIST]
    return shown, len(ordered) - len(shown)
