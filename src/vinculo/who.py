"""People queries: who do I know in Lisbon, at Acme, met at a conference, drifting, due?

Values match the way people type them: without accents, in any case, as one word of a longer
value ("Lisbon" finds "Lisbon, Portugal"), through a ``[[link]]`` (``company: "[[Acme]]"``),
and with a small typo or a spelling in another language ("Lisboa" finds "Lisbon"; rapidfuzz
ratio of at least 82 on words of four letters or more). Every filter given must hold; values
repeated for one filter are alternatives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from vinculo.history import lookahead
from vinculo.model import STAGES, Contact
from vinculo.obsidian import open_url
from vinculo.rhythm import drifting_why
from vinculo.text import fold

if TYPE_CHECKING:
    from vinculo.pipeline import Index

FUZZY_MIN = 82.0
FUZZY_MIN_LENGTH = 4
_LINK = re.compile(r"\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|([^\]]+))?\]\]")
_WORDS = re.compile(r"\w+")


def normalise(value: str) -> str:
    """Folded (no accents, lowercase), links unwrapped, ``#`` and extra spaces gone."""
    text = _LINK.sub(lambda m: m[2] or m[1].rsplit("/", 1)[-1], value)
    return " ".join(fold(text).replace("#", " ").split())


def _strings(value: Any) -> list[str]:
    if value is None or isinstance(value, bool | dict):
        return []
    if isinstance(value, list | tuple | set):
        return [s for item in value for s in _strings(item)]
    return [str(value)]


def matches(query: str, value: Any) -> bool:
    """True when ``query`` names ``value`` (or one item of it, for lists)."""
    q = normalise(query)
    if not q:
        return False
    for item in _strings(value):
        v = normalise(item)
        if not v:
            continue
        if q == v or re.search(rf"(?<!\w){re.escape(q)}(?!\w)", v):
            return True
        if len(q) >= FUZZY_MIN_LENGTH and (
            fuzz.ratio(q, v) >= FUZZY_MIN
            or any(fuzz.ratio(q, word) >= FUZZY_MIN for word in _WORDS.findall(v)
                   if len(word) >= FUZZY_MIN_LENGTH)
        ):
            return True
    return False


def contact_tags(contact: Contact) -> list[str]:
    """The note's ``tags`` (a list, or one string separated by commas or spaces), no ``#``."""
    raw = contact.properties.get("tags", contact.properties.get("tag"))
    items = raw.replace(",", " ").split() if isinstance(raw, str) else _strings(raw)
    return [t.strip().lstrip("#") for t in items if t.strip().lstrip("#")]


def tag_matches(query: str, tags: list[str]) -> bool:
    """A tag, fuzzily, or a parent of a nested tag (``work`` finds ``work/acme``)."""
    q = normalise(query.lstrip("#"))
    return any(normalise(t).split("/")[0] == q or normalise(t) == q for t in tags) or matches(
        query, [t.replace("/", " ") for t in tags])


def stage_name(text: str) -> str:
    """``"In person"``, ``in-person`` → ``in_person``; ValueError for an unknown stage."""
    name = re.sub(r"[\s-]+", "_", fold(text).strip())
    if name not in STAGES:
        raise ValueError(f"unknown stage {text!r}: one of {', '.join(STAGES)}")
    return name


@dataclass(frozen=True)
class Query:
    """What ``vinculo who`` was asked; empty fields do not filter."""

    cities: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    met_via: tuple[str, ...] = ()
    anywhere: tuple[str, ...] = ()  # a city, company, role, tag or how you met
    due: bool = False
    drifting: bool = False

    def describe(self) -> str:
        parts = [f"{label} ~ {' or '.join(values)}" for label, values in (
            ("city", self.cities), ("company", self.companies), ("stage", self.stages),
            ("tag", self.tags), ("met via", self.met_via), ("in", self.anywhere)) if values]
        parts += [flag for flag, on in (("due", self.due), ("drifting", self.drifting)) if on]
        return ", ".join(parts) or "everyone"


def _any(queries: Iterable[str], value: Any) -> bool:
    queries = tuple(queries)
    return not queries or any(matches(q, value) for q in queries)


def selected(query: Query, contact: Contact, stage: str) -> bool:
    """Whether ``contact`` (on rung ``stage``) passes the property filters of ``query``."""
    props = contact.properties
    tags = contact_tags(contact)
    anything = [props.get("city"), props.get("company"), props.get("role"), props.get("met_via")]
    return (_any(query.cities, props.get("city"))
            and _any(query.companies, props.get("company"))
            and _any(query.met_via, props.get("met_via"))
            and (not query.tags or any(tag_matches(q, tags) for q in query.tags))
            and (not query.stages or stage in query.stages)
            and (not query.anywhere or any(matches(q, anything) or tag_matches(q, tags)
                                           for q in query.anywhere)))


def who_rows(index: Index, query: Query) -> list[dict[str, Any]]:
    """The contacts ``query`` asks for, by name: the schema of ``vinculo who --json``."""
    horizon = lookahead(index.config, index.today)
    rows = []
    for name in sorted(index.contacts, key=str.casefold):
        contact = index.contacts[name]
        history = index.histories.get(name)
        if history is None:
            continue
        if not selected(query, contact, history.stage):
            continue
        props = contact.properties
        steps = index.suggestions.get(name, [])
        if query.due and not any(s.due <= horizon for s in steps):
            continue
        drift = drifting_why(contact, history, index.today, index.config)
        if query.drifting and drift is None:
            continue
        last = history.last_contact
        first = steps[0] if steps else None
        rows.append({
            "name": name, "path": contact.rel, "url": open_url(index.vault, contact.rel),
            "city": _text(props.get("city")), "company": _text(props.get("company")),
            "role": _text(props.get("role")), "met_via": _text(props.get("met_via")),
            "tags": contact_tags(contact), "stage": history.stage,
            "last_contact": last.isoformat() if last else None,
            "next_step": {"kind": first.kind, "due": first.due.isoformat(), "text": first.text,
                          "why": first.why} if first else None,
            "drifting": drift,
        })
    return rows


def _text(value: Any) -> str | None:
    items = _strings(value)
    return ", ".join(items) if items else None
