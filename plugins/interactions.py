"""Interactions from the lines of a note: events, not intentions.

A mention of a contact becomes an interaction when its clause (the part of the line between
sentence punctuation) holds an event phrase of some vocabulary ("llamé a", "had coffee with")
and no intention phrase ("tengo que", "need to"). The channel is the one of the earliest event
phrase in that clause, so "Llamé a Lucía para comentar su post" is a call, not a comment.

Never an event: an unchecked (or cancelled, deferred…) task, a quote, an embed, fenced code,
comments, and vinculo's own managed block. A checked task ``- [x]`` is one.

The date: a date written on the line wins ("- 2026-03-12 café con Ana"), unless the note is
dated and the line's date is later (an event is not reported before it happens); else the
note's own date (daily-note name, frontmatter ``date``, or an ISO date opening its name).

A contact's own note may keep a dated log ("- 2026-03-12: cenamos en Triana"): such a line,
with a date and an event phrase, counts for that contact without naming them; so does a
suggestion the user ticked in the managed block (``#vinculo/<kind>``), on its ✅ date, or
the day the note was saved when it has none.
"""

from __future__ import annotations

import datetime as dt
import re

from vinculo.config import Config
from vinculo.history import Matcher, compile_vocabularies, line_date, note_day, saved_on
from vinculo.hookspecs import hookimpl
from vinculo.model import Contact, Interaction, Mention, Note, Vocabulary
from vinculo.text import fold

_FENCE = re.compile(r"^[ \t]*(```|~~~)", re.MULTILINE)
_COMMENTS = re.compile(r"<!--.*?-->|%%.*?%%|!\[\[[^\]\n]*\]\]", re.DOTALL)
_TASK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[(.)\]\s*")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_CLAUSE_END = re.compile(r"[.;!?¿¡](?=\s|$)|\s[—–]\s")
_DONE = re.compile(r"✅\s*(\d{4}-\d{2}-\d{2})")
_KIND_TAG = re.compile(r"#vinculo/([\w-]+)")

# What a ticked suggestion of each kind means as an interaction.
KIND_CHANNELS = {
    "touch": "social", "call": "call", "meet": "in_person", "cadence": "in_person",
    "reconnect": "message", "birthday": "call",
}


def protected_spans(note: Note, config: Config) -> list[tuple[int, int]]:
    """Spans of ``note.text`` no event is read from: fenced code, comments, embeds, and
    vinculo's managed block."""
    text = note.text
    spans: list[tuple[int, int]] = []
    fences = list(_FENCE.finditer(text, note.body_start))
    i = 0
    while i < len(fences):
        start = fences[i]
        close = next((f for f in fences[i + 1 :] if f[1] == start[1]), None)
        end = close.end() if close else len(text)
        spans.append((start.start(), end))
        i = fences.index(close) + 1 if close else len(fences)
    spans += [(m.start(), m.end()) for m in _COMMENTS.finditer(text, note.body_start)]
    block = managed_span(note, config)
    if block:
        spans.append(block)
    return spans


def managed_span(note: Note, config: Config) -> tuple[int, int] | None:
    start_marker = str(config.get("block.start", "<!-- vinculo:start -->"))
    end_marker = str(config.get("block.end", "<!-- vinculo:end -->"))
    start = note.text.find(start_marker, note.body_start)
    if start < 0:
        return None
    end = note.text.find(end_marker, start)
    return (start, len(note.text) if end < 0 else end + len(end_marker))


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def line_kind(line: str) -> str:
    """``quote``, ``open_task`` (unchecked, cancelled, deferred…), ``done_task`` or ``text``."""
    stripped = line.lstrip()
    if stripped.startswith(">"):
        return "quote"
    task = _TASK.match(line)
    if task:
        return "done_task" if task[1] in "xX" else "open_task"
    return "text"


def clause_bounds(text: str, offset: int) -> tuple[int, int]:
    """``(start, end)`` of the clause of ``text`` that holds character ``offset``."""
    start = 0
    for match in _CLAUSE_END.finditer(text):
        if match.start() >= offset:
            return start, match.start()
        start = match.end()
    return start, len(text)


def _strip_marker(line: str) -> tuple[str, int]:
    """The line without its list/task marker, and how many characters were cut."""
    match = _TASK.match(line) or _LIST.match(line)
    cut = match.end() if match else len(line) - len(line.lstrip())
    return line[cut:], cut


def event_date(line: str, day: dt.date | None) -> dt.date | None:
    """The date of an event on ``line`` in a note about ``day`` (see the module docstring)."""
    done = _DONE.search(line)
    if done:
        return dt.date.fromisoformat(done[1])
    written = line_date(line)
    if written and (day is None or written <= day):
        return written
    return day


def _self_contact(note: Note, contacts: dict[str, Contact]) -> str | None:
    """The contact this note is about, if any (contacts are keyed by their note's title)."""
    contact = contacts.get(note.title)
    return contact.name if contact is not None and contact.rel == note.rel else None


class _Found:
    """Interactions of one note, one per contact, line and channel."""

    def __init__(self, note: Note) -> None:
        self.note = note
        self.items: dict[tuple[str, int, str], Interaction] = {}

    def add(self, contact: str, date: dt.date | None, channel: str, line_no: int, line: str,
            confidence: str = "link") -> None:
        if date is None:
            return  # an undated event cannot be placed in a history
        self.items.setdefault(
            (contact, line_no, channel),
            Interaction(contact, date, channel, self.note.rel, line_no,  # type: ignore[arg-type]
                        line.strip()[:200], confidence),  # type: ignore[arg-type]
        )


@hookimpl
def extract_interactions(
    note: Note,
    mentions: list[Mention],
    contacts: dict[str, Contact],
    config: Config,
    vocabularies: list[Vocabulary],
) -> list[Interaction]:
    if note.rel == str(config.get("folders.dashboard", "")).strip("/"):
        return []
    matcher = compile_vocabularies(vocabularies)
    spans = protected_spans(note, config)
    found = _Found(note)
    _mention_events(note, mentions, contacts, matcher, spans, found)
    own = _self_contact(note, contacts)
    if own:
        _own_log(note, own, config, matcher, spans, found)
    return list(found.items.values())


def _mention_events(note: Note, mentions: list[Mention], contacts: dict[str, Contact],
                    matcher: Matcher, spans: list[tuple[int, int]], found: _Found) -> None:
    """Mentions whose clause is an event (see the module docstring)."""
    day = note_day(note)
    for mention in mentions:
        if mention.target not in contacts or _inside(mention.start, spans):
            continue
        start, end = _line_bounds(note.text, mention.start)
        line = note.text[start:end]
        if line_kind(line) in ("quote", "open_task"):
            continue
        content, cut = _strip_marker(line)
        at = max(0, mention.start - start - cut)
        # Clause bounds are the same on the raw and the folded text (fold keeps length and
        # punctuation), so only the clause is folded.
        c_start, c_end = clause_bounds(content, at)
        clause = fold(_blank_names(content, start + cut, mentions)[c_start:c_end])
        event = matcher.first_event(clause)
        if event is None:
            continue
        # An intention counts when it comes before the event or the name ("need to call
        # Ana"), not when it is a later part of the story ("called Ana; she wants to…").
        limit = max(event[1], min(len(clause), at - c_start + mention.end - mention.start))
        if matcher.is_intent(clause, before=limit):
            continue
        line_no = note.text.count("\n", 0, start) + 1
        found.add(mention.target, event_date(line, day), event[2], line_no, line, mention.level)


def _blank_names(content: str, offset: int, mentions: list[Mention]) -> str:
    """``content`` (text from ``offset`` in the note) with every mentioned name blanked, so a
    name is never read as a word of the vocabulary ("Will Bibi" is no "will")."""
    chars = list(content)
    for mention in mentions:
        lo, hi = max(0, mention.start - offset), min(len(chars), mention.end - offset)
        for i in range(lo, hi):
            chars[i] = "·"
    return "".join(chars)


def _own_log(note: Note, own: str, config: Config, matcher: Matcher,
             spans: list[tuple[int, int]], found: _Found) -> None:
    """A contact note's own dated log lines, and suggestions ticked in its managed block."""
    block = managed_span(note, config)
    offset = note.body_start
    first_line = note.text.count("\n", 0, note.body_start) + 1
    for index, line in enumerate(note.text[note.body_start :].split("\n")):
        pos = offset
        offset += len(line) + 1
        line_no = first_line + index
        if block and block[0] <= pos < block[1]:
            tag = _KIND_TAG.search(line)
            channel = KIND_CHANNELS.get(tag[1]) if tag else None
            if line_kind(line) == "done_task" and channel:
                done = _DONE.search(line)
                day = dt.date.fromisoformat(done[1]) if done else saved_on(note)
                found.add(own, day, channel, line_no, line)
            continue
        if _inside(pos, spans) or line_kind(line) in ("quote", "open_task"):
            continue
        written = line_date(line)
        if written is None:
            continue
        folded = fold(_strip_marker(line)[0])
        event = matcher.first_event(folded)
        if event and not matcher.is_intent(folded, before=event[1]):
            found.add(own, written, event[2], line_no, line)
