"""What a digest says, as plain data (the schema of ``vinculo digest --format json``).

Built from a finished :class:`~vinculo.pipeline.Index`, so it shows exactly what ``suggest``
and the dashboard show; every renderer (text, Markdown, HTML, the e-mail) reads this dict and
nothing else, so the four formats never disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal

from vinculo.history import lookahead
from vinculo.model import suggestion_order
from vinculo.obsidian import open_url
from vinculo.rhythm import drifting_why

if TYPE_CHECKING:
    from vinculo.pipeline import Index

Scope = Literal["day", "week"]
MEETING_CHANNELS = ("call", "in_person")


def horizon(index: Index, scope: Scope) -> dt.date:
    """The last day a digest covers: today, or ``[ladder] lookahead_days`` (7) ahead."""
    if scope == "day":
        return index.today
    return lookahead(index.config, index.today)


def _person(index: Index, name: str) -> dict[str, Any]:
    rel = index.contacts[name].rel
    return {"contact": name, "path": rel, "url": open_url(index.vault, rel)}


def _steps(index: Index, until: dt.date) -> list[dict[str, Any]]:
    pool = sorted((s for items in index.suggestions.values() for s in items if s.due <= until),
                  key=suggestion_order)
    return [{**_person(index, s.contact), "kind": s.kind, "due": s.due.isoformat(),
             "overdue": s.due < index.today, "text": s.text, "why": s.why,
             "city": _city(index, s.contact)} for s in pool]


def _city(index: Index, name: str) -> str | None:
    city = index.contacts[name].properties.get("city")
    return city.strip() if isinstance(city, str) and city.strip() else None


def _drifting(index: Index) -> list[dict[str, Any]]:
    out = []
    for name in sorted(index.contacts, key=str.casefold):
        history = index.histories.get(name)
        if history is None:
            continue
        why = drifting_why(index.contacts[name], history, index.today, index.config)
        if why:
            last = history.last_contact
            out.append({**_person(index, name), "stage": history.stage, "why": why,
                        "last_contact": last.isoformat() if last else None})
    return out


def _birthdays(index: Index, until: dt.date) -> list[dict[str, Any]]:
    from vinculo.dates import coerce_date, next_birthday

    out = []
    for name, contact in index.contacts.items():
        value = contact.properties.get("birthday")
        day = next_birthday(value, index.today)
        if day is None or day > until:
            continue
        born = coerce_date(value)
        out.append({**_person(index, name), "date": day.isoformat(),
                    "turns": day.year - born.year if born and born.year > 1 else None})
    return sorted(out, key=lambda b: (b["date"], b["contact"]))


def _plans(index: Index, until: dt.date) -> list[dict[str, Any]]:
    """Calls and meetings already written down for the period: today's (a meeting note dated
    today counts as history already) and the plans written for a later day."""
    out = []
    for name, history in index.histories.items():
        today = [i for i in history.interactions
                 if i.date == index.today and i.channel in MEETING_CHANNELS]
        later = [p for p in history.planned if p.date <= until]
        for event in [*today, *later]:
            out.append({**_person(index, name), "date": event.date.isoformat(),
                        "channel": event.channel, "note": event.note,
                        "note_url": open_url(index.vault, event.note)})
    return sorted(out, key=lambda p: (p["date"], p["contact"], p["channel"]))


def _cities(index: Index, until: dt.date) -> dict[str, list[str]]:
    from vinculo.city_groups import city_groups

    pool = [s for items in index.suggestions.values() for s in items if s.due <= until]
    groups = city_groups(pool, index.contacts, index.today, index.config)
    return {city: [s.contact for s in members] for city, members in groups.items()}


def build_digest(index: Index, scope: Scope = "day") -> dict[str, Any]:
    """The digest of ``index`` for today (``day``) or the coming week (``week``): the steps
    due by then (overdue ones included) with their why, who is drifting, birthdays, calls and
    meetings already planned, and the cities with several people to see."""
    until = horizon(index, scope)
    return {
        "vault": index.vault.name,
        "today": index.today.isoformat(),
        "scope": scope,
        "until": until.isoformat(),
        "steps": _steps(index, until),
        "drifting": _drifting(index),
        "birthdays": _birthdays(index, until),
        "planned": _plans(index, until),
        "cities": _cities(index, until),
    }


def is_empty(digest: dict[str, Any]) -> bool:
    """Nothing to say: no step, nobody drifting, no birthday, no plan."""
    return not any(digest[key] for key in ("steps", "drifting", "birthdays", "planned"))
