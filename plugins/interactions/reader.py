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

The direction (who moved): a meeting is mutual (``both``). Otherwise the vocabularies'
direction phrases in the clause decide: a ``both`` phrase ("hablamos", "we") or an ``in`` and
an ``out`` phrase together ("le escribí y me contestó": an exchange) make it ``both``; an
``in`` phrase ("me escribió", "called me", "got a message from") ``in``; an ``out`` phrase
("le escribí", "llamé") ``out``. With none, word order: a name before the event phrase, after
at most two words, is its subject ("Ana called", "Yesterday Ana called": ``in``); anywhere
else its object ("called Ana", "sent Ana a message", "got hold of Ana on the phone": ``out``).

A contact's own note may keep a dated log ("- 2026-03-12: cenamos en Triana"): such a line,
with a date and an event phrase, counts for that contact without naming them; so does a
suggestion the user ticked in the managed block (``#vinculo/<kind>``), on its ✅ date, or
the day the note was saved when it has none.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import Any

from vinculo.config import Config
from vinculo.dates import written_date_at
from vinculo.history import VocabularyMatcher, compile_vocabularies, line_date, note_day, saved_on
from vinculo.hookspecs import hookimpl
from vinculo.model import Contact, Direction, Interaction, Mention, Note, Vocabulary, own_contact
from vinculo.namewords import is_everyday, is_given_name, is_title
from vinculo.text import fold, lazy_pattern

from .participation import (
    NO_TIMES,
    Cues,
    clause_times,
    companion_after_lead,
    companion_verb,
    cues_of,
    fronted_companion,
    habitual,
    is_topic,
    leading_clause,
    not_of_the_day,
    passed_on,
    set_for,
    their_own_verb,
    we_did,
    with_the_writer,
)
from .shapes import (
    acted_on_us,
    done_as_achieved,
    inbound_said,
    off_but_reached,
    on_my_public_thing,
    on_their_body,
    outcome_after_dash,
    then_they,
    they_reached_me_after,
    thing_from_long_ago,
    title_stops,
    us_as_the_writer,
    writer_as_place,
)

_FENCE = lazy_pattern(r"^[ \t]*(```|~~~)", re.MULTILINE)
_COMMENTS = lazy_pattern(r"<!--.*?-->|%%.*?%%|!\[\[[^\]\n]*\]\]", re.DOTALL)
_TASK = lazy_pattern(r"^\s*(?:[-*+]|\d+[.)])\s+\[(.)\]\s*")
_LIST = lazy_pattern(r"^\s*(?:[-*+]|\d+[.)])\s+")
# A clause ends at sentence punctuation or a spaced dash; two patterns, so that lines without
# a dash (most) are scanned for punctuation only.
_CLAUSE_STOP = lazy_pattern(r"[.;!?¿¡](?=\s|$)")
_CLAUSE_DASH = lazy_pattern(r"\s[—–]\s")
_DONE = lazy_pattern(r"✅\s*(\d{4}-\d{2}-\d{2})")
_KIND_TAG = lazy_pattern(r"#vinculo/([\w-]+)")

# What a ticked suggestion of each kind means as an interaction: the user reached out,
# or met them.
KIND_CHANNELS = {
    "touch": "social", "call": "call", "meet": "in_person", "cadence": "in_person",
    "reconnect": "message", "birthday": "call",
}


def event_direction(marks: frozenset[Direction], channel: str,
                    name_first: bool | None) -> Direction:
    """Who moved in an event through ``channel`` whose clause holds the direction phrases
    ``marks``; ``name_first`` says whether the contact's name comes before the event phrase
    (None: no name on the line, a contact's own log, read as the writer's move). See the
    module docstring."""
    if channel == "in_person" or "both" in marks or {"in", "out"} <= marks:
        return "both"
    if marks:
        return next(iter(marks))
    return "in" if name_first else "out"


def protected_spans(note: Note, config: Config) -> list[tuple[int, int]]:
    """Spans of ``note.text`` no event is read from: fenced code, comments, embeds, and
    vinculo's managed block."""
    text = note.text
    spans: list[tuple[int, int]] = []
    # Most notes have neither fences nor comments: a substring test spares the scan.
    has_fence = "```" in text or "~~~" in text
    fences = list(_FENCE.finditer(text, note.body_start)) if has_fence else []
    i = 0
    while i < len(fences):
        start = fences[i]
        close = next((f for f in fences[i + 1 :] if f[1] == start[1]), None)
        end = close.end() if close else len(text)
        spans.append((start.start(), end))
        i = fences.index(close) + 1 if close else len(fences)
    if "<!--" in text or "%%" in text or "![[" in text:
        spans += [(m.start(), m.end()) for m in _COMMENTS.finditer(text, note.body_start)]
    block = managed_span(note, config)
    if block:
        spans.append(block)
    return spans


def managed_span(note: Note, config: Config) -> tuple[int, int] | None:
    start_marker, end_marker = config.derived("interactions.settings", _settings)[1]
    start = note.text.find(start_marker, note.body_start)
    if start < 0:
        return None
    end = note.text.find(end_marker, start)
    return (start, len(note.text) if end < 0 else end + len(end_marker))


def _settings(config: Config) -> tuple[str, tuple[str, str]]:
    """The dashboard note and the managed block's markers: read once per configuration, not
    once per note."""
    return str(config.get("folders.dashboard", "")).strip("/"), (
        str(config.get("block.start", "<!-- vinculo:start -->")),
        str(config.get("block.end", "<!-- vinculo:end -->")),
    )


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


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
    """``(start, end)`` of the clause of ``text`` that holds character ``offset``: it ends at
    the first clause end that starts at or after ``offset``."""
    stops, resumes = _clauses(text)
    index = bisect.bisect_left(stops, offset)
    return (resumes[index - 1] if index else 0), (stops[index] if index < len(stops) else len(text))


def _clauses(text: str) -> tuple[list[int], list[int]]:
    """Where the clause ends of ``text`` (its punctuation) start, and where the next clauses
    start, in order."""
    if "—" in text or "–" in text:  # the two kinds never overlap: merging them is exact
        spans = sorted([m.span() for m in _CLAUSE_STOP.finditer(text)]
                       + [m.span() for m in _CLAUSE_DASH.finditer(text)])
        return [a for a, _ in spans], [b for _, b in spans]
    # most lines: a stop is one character, so the next clause starts right after it
    stops = [m.start() for m in _CLAUSE_STOP.finditer(text)]
    return stops, [a + 1 for a in stops]


def _strip_marker(line: str) -> tuple[str, int]:
    """The line without its list/task marker, and how many characters were cut."""
    match = _TASK.match(line) or _LIST.match(line)
    cut = match.end() if match else len(line) - len(line.lstrip())
    return line[cut:], cut


def _event_cut(line: str) -> int | None:
    """``_strip_marker``'s cut for a line that can hold events, None for one that cannot
    (a quote, an open task): both from one reading of the marker."""
    stripped = line.lstrip()
    if stripped.startswith(">"):
        return None
    match = _TASK.match(line)
    if match:
        return match.end() if match[1] in "xX" else None
    match = _LIST.match(line)
    return match.end() if match else len(line) - len(stripped)


def event_date(line: str, day: dt.date | None) -> dt.date | None:
    """The date of an event on ``line`` in a note about ``day`` (see the module docstring)."""
    done = _DONE.search(line)
    if done:
        return dt.date.fromisoformat(done[1])
    written = line_date(line)
    if written and (day is None or written <= day):
        return written
    return day


class _Found:
    """Interactions of one note, one per contact, line and channel."""

    def __init__(self, note: Note) -> None:
        self.note = note
        self.items: dict[tuple[str, int, str], Interaction] = {}

    def add(self, contact: str, date: dt.date | None, channel: str, line_no: int, line: str,
            confidence: str = "link", direction: Direction = "both") -> None:
        key = (contact, line_no, channel)
        if date is None or key in self.items:
            return  # an undated event cannot be placed in a history; the first one stays
        self.items[key] = Interaction(
            contact, date, channel, self.note.rel, line_no,  # type: ignore[arg-type]  # a vocabulary's
            line.strip()[:200], confidence, direction,  # type: ignore[arg-type]  # link/suggest
        )


@hookimpl
def extract_interactions(
    note: Note,
    mentions: list[Mention],
    contacts: dict[str, Contact],
    config: Config,
    vocabularies: list[Vocabulary],
) -> list[Interaction]:
    mine = own_contact(note, contacts)
    own = mine.name if mine else None
    if not (mentions or own) or note.rel == config.derived("interactions.settings", _settings)[0]:
        return []
    matcher = compile_vocabularies(vocabularies)
    spans = protected_spans(note, config)
    found = _Found(note)
    _mention_events(note, mentions, contacts, matcher, cues_of(vocabularies), spans, found)
    if own:
        _own_log(note, own, config, matcher, spans, found)
    return list(found.items.values())


_Event = tuple[int, int, str]  # (start, end, channel), as VocabularyMatcher.first_event gives it
_Clause = tuple[int, int, "_Event | None", "int | None", "frozenset[Direction] | None", Any]


class _Line:
    """One line of a note that can hold events, read once for all the mentions on it: its
    clause bounds, what each clause holds (with every name blanked) and its date are looked
    up once."""

    def __init__(self, text: str, cut: int, blanked: str, number: int,
                 day: dt.date | None) -> None:
        self.text = text
        self.cut = cut  # where the text starts after the list/task marker
        self.blanked = blanked  # text[cut:] with every name blanked
        self.asks = "?" in blanked or "¿" in blanked  # most lines ask nothing
        self.stops, self.resumes = title_stops(blanked, *_clauses(text[cut:]))
        self.dashed = "—" in text or "–" in text
        self.number = number
        self.day = day
        task = _TASK.match(text)
        self.ticked = task is not None and task[1] in "xX"  # "- [x] Llamar a Sergio"
        self._date: tuple[dt.date | None] | None = None
        self.quotes = '"' in blanked or "“" in blanked or "«" in blanked  # most lines: none
        self._quotes: list[tuple[int, int]] | None = None
        self._lists_me: bool | None = None
        self._later: tuple[tuple[int, int] | None] | None = None
        # clause index -> (start, end, event, start of its earliest intention phrase,
        # direction phrases)
        self.found: dict[int, _Clause] = {}

    def is_question(self, c_start: int, c_end: int) -> bool:
        """Whether the clause is a question: it ends with "?" (also inside a bracket or quotes:
        "[question:: … with Ana?]") or holds a Spanish "¿"."""
        if self.asks:
            # words quoted after a colon are what was said ("Le comenté el vídeo a ·:
            # "¿y mi entrada?""): their question is not the clause's
            text = self.blanked
            if ":" in text:
                text = _SAID.sub(lambda m: m[0] if "·" in m[0] else " " * len(m[0]), text)
            if (text[c_end:c_end + 1] == "?" or "¿" in text[c_start:c_end]
                    or ("?" in text[c_start:c_end + 4]
                        and _CLOSED_QUESTION.search(text, c_start, c_end + 4) is not None)):
                return True
        return (_MAY_ASK(self.blanked[c_start:c_start + 16].lower())
                and _ASKED.match(self.blanked, c_start) is not None)

    def quoted_apart(self, at: int, event_start: int) -> bool:
        """Whether the name at ``at`` stands inside a quotation that the event phrase starting
        at ``event_start`` stands outside of: the name is in someone's words ("Ben reports
        the goal met: "during my vacation Heidi did it""), not a party to the event."""
        if self._quotes is None:
            self._quotes = [m.span() for m in _QUOTED.finditer(self.blanked)]
        for start, end in self._quotes:
            if start < at < end:
                return not start < event_start < end
        return False

    def lists_me(self) -> bool:
        """Whether the line may list the writer with someone ("and me", "y yo", "me, …"),
        read once per line: most lines do not, and their names need no closer look."""
        if self._lists_me is None:
            self._lists_me = _lists_the_writer(self.blanked)
        return self._lists_me

    def later_day(self) -> tuple[int, int] | None:
        """Where (offsets in :attr:`blanked`) the line writes a later day than its note's,
        when it is not ticked off (a ticked task, a done mark ✅ say it happened) and does not
        open the line (a log's entry: "- 2026-11-27 café con Ana"); read once per line."""
        if self._later is None:
            self._later = (None,)
            if self.day is not None and not self.ticked and not _DONE.search(self.text):
                found = written_date_at(self.blanked)
                if (found and found[0] > self.day
                        and self.blanked[:found[1]].strip(" *_=[(-:") != ""):
                    self._later = ((found[1], found[2]),)
        return self._later[0]

    def date(self) -> dt.date | None:
        """The date of the events on this line, read on the first one."""
        if self._date is None:
            self._date = (event_date(self.text, self.day),)
        return self._date[0]

    def clause(self, at: int, matcher: VocabularyMatcher, cues: Cues) -> _Clause:
        """``(start, end, event, intent start, direction marks)`` of the clause holding ``at`` (see
        :func:`clause_bounds`): the event and the intention are searched in the clause alone,
        with offsets from its start."""
        index = bisect.bisect_left(self.stops, at)
        known = self.found.get(index)
        if known is None:
            c_start = self.resumes[index - 1] if index else 0
            c_end = self.stops[index] if index < len(self.stops) else len(self.blanked)
            # Clause bounds are the same on the raw and the folded text (fold keeps length
            # and punctuation), so only the clause is read (and folded).
            event, intent, marks = matcher.read_clause(self.blanked[c_start:c_end],
                                                       self.ticked and index == 0)
            times = clause_times(self.blanked[c_start:c_end], cues) if cues.any_time else NO_TIMES
            known = self.found[index] = (c_start, c_end, event, intent, marks, times)
        return known


def _mention_events(note: Note, mentions: list[Mention], contacts: dict[str, Contact],
                    matcher: VocabularyMatcher, cues: Cues, spans: list[tuple[int, int]],
                    found: _Found) -> None:
    """Mentions whose clause is an event (see the module docstring). The work is per line and
    per clause, shared by the mentions on it."""
    text = note.text
    lines: dict[int, _Line | None] = {}  # by the offset the line starts at; None: no events
    blanked, day = "", None
    counted, newlines = 0, 0  # newlines in text[:counted]
    for mention in mentions:
        pos = mention.start
        if mention.target not in contacts or (spans and _inside(pos, spans)):
            continue
        start = text.rfind("\n", 0, pos) + 1
        if start in lines:
            line = lines[start]
            if line is None:
                continue
        else:
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            raw = text[start:end]
            cut = _event_cut(raw)
            if cut is None:
                lines[start] = None
                continue
            if not blanked:  # the first line that can hold events
                blanked, day = _blank_names(text, mentions), note_day(note)
            if start < counted:
                counted, newlines = 0, 0
            newlines += text.count("\n", counted, start)
            counted = start
            line = lines[start] = _Line(raw, cut, blanked[start + cut : end], newlines + 1, day)
        at = max(0, pos - start - line.cut)
        c_start, c_end, event, intent, marks, times = line.clause(at, matcher, cues)
        if (event is None or intent is not None) and line.blanked.find(",", c_start, at) >= 0:
            # "Como no pude ir, le hablé a ·": a cause before a comma
            c_start, event, intent, marks, times = _after_cause(
                line, c_start, c_end, at, matcher, cues) or (c_start, event, intent, marks, times)
        if at <= 4 and (event is None or event[0] >= at + mention.end - pos) and _entry_label(
                line, c_start, c_end, at, at + mention.end - pos):
            # "Oriol — llamada de 20 min", "Rodri: vermut en el Poble-sec": a log's entry
            entry = _labelled_entry(line, c_start, c_end, at + mention.end - pos, matcher, cues)
            if entry is not None:
                found.add(mention.target, line.date(), entry[0], line.number, line.text,
                          mention.level, entry[1])
            continue
        public = None
        if event is None and (achieved := done_as_achieved(
                line.blanked[c_start:c_end], at - c_start, at - c_start + mention.end - pos,
                cues, matcher)) is not None:
            # "Managed to call · before her flight", "Lovely to see ·": an instruction done
            folded = fold(line.blanked[c_start:c_end])
            event = (achieved[0], achieved[1], achieved[2])
            intent = matcher.intent_start(
                folded[:achieved[0]] + " " * (achieved[3] - achieved[0]) + folded[achieved[3]:])
            marks = matcher.direction_marks(folded)
        if event is None:
            # No event phrase: the name may still be the companion of something the writer
            # did ("Grabbed a bite with Ana"): see participation.py.
            verb = companion_verb(line.blanked, c_start, at, cues)
            if verb is None:
                # "Although it ran late I still made it to the pub with ·", "Aunque el turno
                # fue un caos, alcancé a tomarme un café con ·"
                # ("Aunque llueva, saldré con ·" is a plan: a future is no verb the writer did)
                verb = companion_after_lead(line.blanked, c_start, at, cues)
            if verb is not None and _purpose_between(line.blanked, c_start + verb, at):
                continue  # "Compré entradas para ir con Ana al teatro": what it was for
            if verb is not None:
                verb_end = at - c_start
            else:  # "Con Ana nos tomamos un café": the verb after the name
                fronted = fronted_companion(line.blanked, c_start, c_end, at,
                                            at + mention.end - pos, cues
                                            ) if at - c_start <= 16 else None
                if fronted is None:
                    # "Hemos merendado churros Ana, Luis y yo": listed with the writer
                    verb = with_the_writer(line.blanked, c_start, c_end, at,
                                           at + mention.end - pos, cues
                                           ) if (line.lists_me() if line._lists_me is None
                                                 else line._lists_me) else None
                    if verb is None:
                        # "Mick drove the van, then we got chips": they, then "we"
                        public = on_my_public_thing(line.blanked, c_start, c_end, at,
                                                    at + mention.end - pos, cues)
                        we = public or _we_after_them(line.blanked, c_start, c_end, at,
                                            at + mention.end - pos, cues) or _on_me(
                            line.blanked, c_start, c_end, at, at + mention.end - pos, cues
                        ) or acted_on_us(line.blanked, c_start, c_end, at, at + mention.end - pos,
                                         cues) or on_their_body(
                            line.blanked, c_start, c_end, at, at + mention.end - pos, cues)
                        if we is None:
                            we = _acted_between(line.blanked, c_start, c_end, at,
                                                at + mention.end - pos, cues)
                        if we is None:
                            # "Ana's line was engaged; in the end she rang me back"
                            told = then_they(line.blanked, line.stops, line.resumes, c_start,
                                             c_end, (at, at + mention.end - pos), matcher)
                            if told is not None:
                                found.add(mention.target, line.date(), told[0][2], line.number,
                                          line.text, mention.level,
                                          event_direction(told[1], told[0][2], True))
                            continue
                        fronted = we
                    else:
                        fronted = (verb, at - c_start)
                verb, verb_end = fronted
            folded = fold(line.blanked[c_start:c_end])
            event = (verb, verb_end, _named_medium(folded, matcher, cues))
            intent, marks = matcher.intent_start(folded), frozenset({"both"})
            if event[2] in ("social", "message"):
                # "· me dio follow en Instagram": who moved, as the verb says
                marks = matcher.direction_marks(folded) or marks
            if public is not None and public == (verb, verb_end):
                # "Tyler gave a thumbs up on my post": their act on a thing of mine
                event, marks = (verb, verb_end, "social"), frozenset({"in"})
        if line.is_question(c_start, c_end) and not _asked_in_it(
                line.blanked, c_start, c_end, at, event[2]):
            continue  # "¿Llamó Nuria al final?", "Lunch with Ana on Friday?": asked, not told
        if at - c_start >= event[0] and is_topic(line.blanked, at, cues):
            continue  # "Emailed the landlord about Ana": Ana is what it was about
        if habitual(line.blanked[c_start + event[0]:c_start + event[1]], cues):
            continue  # "Cenaba con Ana los jueves": a habit, not the day's event
        if _undone_after(line, c_end, matcher) and not outcome_after_dash(line.blanked, c_end):
            continue  # "Called Ana — went to voicemail": the next part undoes it
        if event[2] in _SCHEDULED and _unreached_after(line, c_end, event[2], matcher, cues):
            continue  # "Rang Ana. No answer.", "Fui a casa de Ana; no estaba": no one reached
        if times is not NO_TIMES and times[2] and event[2] in ("social", "message"):
            # "Ana tagged me in a photo of us last summer": the photo's time, not the tag's
            times = (times[0], times[1], thing_from_long_ago(
                line.blanked[c_start:c_end], event[1], times[2]), times[3])
            if times == NO_TIMES:
                times = NO_TIMES
        if times is not NO_TIMES and not_of_the_day(
                line.blanked, c_start, c_end, at, (event[0], event[1]), event[2] in _SCHEDULED,
                times, line.day.year if line.day else None):
            continue  # a report, a plan for later, a memory, a thing described
        if event[2] in _SCHEDULED and (later := line.later_day()) and c_start <= later[0] < c_end \
                and set_for(line.blanked[c_start:c_end], (later[0] - c_start, later[1] - c_start),
                            event[1]):
            continue  # "Catch-up with Ana (2026-11-27)", in the note of the 20th: a plan
        if event[2] in ("message", "call") and line.blanked.find(":", at, c_end) >= 0:
            # "· messaged on Signal: the contract is confirmed for Feb": what they said
            said = inbound_said(line.blanked, c_start, c_end, at, event[1], _is_subject(
                line.blanked, c_start, at, event[0], at + mention.end - pos), matcher)
            if said is not None:
                intent, marks = said
        # An intention counts when it comes before the event or the name ("need to call
        # Ana"), not when it is a later part of the story ("called Ana; she wants to…").
        limit = max(event[1], min(c_end - c_start, at - c_start + mention.end - pos))
        if intent is not None and intent < limit and intent < event[0]:
            # "While we were waiting…, Felix and I walked over": an intention phrase inside a
            # leading clause of time or concession, told in the past, is its background
            intent = _past_background(line.blanked, c_start, c_end, intent,
                                      min(event[0], at - c_start), matcher, cues)
        if intent is not None and intent < limit:
            # "Se suspendió la reunión pero igual me tomé un café con ·": done despite it;
            # "Ended up on a call with · after the 1:1 got cancelled": the other thing's
            intent = _despite(line.blanked, c_start, c_end, intent,
                              min(event[0], at - c_start), matcher)
            if intent is not None:
                intent = _trailing_subordinate(line.blanked, c_start, c_end, intent,
                                               max(event[1], at - c_start + mention.end - pos),
                                               matcher)
        if intent is not None and intent < limit and off_but_reached(
                line.blanked, c_start, c_end, at, event, matcher):
            intent = None  # "Rang Ana to…, she's off sick": reached at home
        if intent is not None and intent < limit and line.blanked.startswith(
                ",", at + mention.end - pos):
            # "Oriol, al que no veía desde el máster, me invitó…": the aside's own negation
            intent = _past_aside(line.blanked, c_start, c_end, at + mention.end - pos, intent,
                                 matcher)
        if intent is not None and intent < limit:
            # "Tried calling Ana, no answer, so I texted her instead": what did happen
            # comes after the connector.
            fallback = _fallback(line.blanked, c_start, c_end, intent,
                                 (at - c_start, at - c_start + mention.end - pos), matcher, cues
                                 ) or then_they(line.blanked, line.stops, line.resumes, c_start,
                                                c_end, (at, at + mention.end - pos), matcher)
            if fallback is None:
                fallback = _act_after_attempt(line.blanked, c_start, c_end, intent,
                                              at - c_start + mention.end - pos, matcher, cues)
            if fallback is None:  # "Was meant to see ·, she texted at 2 to push it": theirs
                fallback = they_reached_me_after(line.blanked, c_start, c_end, intent, (
                    at - c_start, at - c_start + mention.end - pos), matcher)
            if fallback is None:
                continue
            event, marks = fallback
            direction = event_direction(marks, event[2], False)
            found.add(mention.target, line.date(), event[2], line.number, line.text,
                      mention.level, direction)
            continue
        name_end = at + mention.end - pos
        if line.quotes and line.quoted_apart(at, c_start + event[0]):
            continue  # in someone's words, quoted: not a party to the event outside them
        subject = _is_subject(line.blanked, c_start, at, event[0], name_end)
        owns = not subject and _owns(line.blanked, name_end, c_start + event[0])
        if (subject or owns) and (_someone_else(line.blanked, c_start + event[1], owns, event[2])
                                  or _named_other(line.blanked, c_start + event[1], event[2])):
            continue  # "Hugo had lunch with the CEO", "Oliver met Marta": not with me
        if subject and _their_own_doing(line.blanked, c_start, c_end, c_start + event[0]):
            continue  # "Luis y Marta se pelearon en la cena": their verb, not mine
        if (subject and event[2] == "in_person" and event[0] > 0
                and _among_themselves(line.blanked, c_start, c_end, c_start + event[0],
                                      c_start + event[1])):
            continue  # "Marta and Luis met to discuss the roadmap": with each other
        if subject and _a_named_other(line.blanked, c_start + event[0], c_start + event[1]):
            continue  # "Luis llamó a Marta", "Ana le dio like a la foto de Luis": theirs
        if subject and event[2] == "social" and _ON_ANOTHERS_THING.match(
                line.blanked, c_start + event[1]) and not line.blanked[
                c_start + event[0]:c_start + event[0] + 4].lower().startswith(("me ", "nos ")):
            continue  # "Ana comentó en el post de Luis": on someone else's thing
        if (at >= c_start + event[1] and line.blanked.find("que", c_start + event[1], at) >= 0
                and event[2] != "social"
                and _author_of_a_thing(line.blanked, c_start + event[1], at)):
            continue  # "Me regaló el libro que escribió Nelly": its author, not a party
        if (not subject and line.blanked.find(
                "pa", max(c_start, c_start + event[0] - 20), c_start + event[0]) >= 0
                and _for_an_event(line.blanked, c_start, c_start + event[0])):
            continue  # "Preparé las notas para la reunión con Ana": what it was for
        if subject and "·" in line.blanked[c_start + event[0]:c_start + event[1]]:
            continue  # "Luis went to Ana's party": the phrase names its other party
        if (event[2] == "in_person" and at < c_start + event[0] and line.blanked[
                c_start + event[0]:c_start + event[0] + 3] in ("lo ", "la ", "Lo ", "La ")
                and (cues.listed_in("made_things", fold(
                    line.blanked[name_end:c_start + event[0]]))
                     or _THING_BY.search(line.blanked, max(c_start, at - 60), at))):
            # "· subió un TikTok…, lo vi", "El mural que pintó · …, lo vi pasando": the
            # pronoun is the thing, not them
            continue
        if event[2] == "message" and "go_betweens" in cues.lists and _through_another(
                line.blanked, c_start, c_end, (at, name_end), cues):
            continue  # "Le mandé saludos a · a través de ·": the go-between carried them
        if subject and _to_a_third(line.blanked, c_start, at, c_start + event[0], marks):
            continue  # "Ana les escribió", "Ana la llamó": to someone else, not to me
        if not subject and _other_subject(line.blanked, c_start, c_start + event[0], at):
            continue  # "Ben met Marcus", "Mi jefa comió con Carmen": someone else's
        if not subject and _named_subject(line.blanked, c_start, c_start + event[0]):
            continue  # "Lucas ha ido a dormir a casa de Bea": Lucas's, not mine
        if at - c_start < event[0] and their_own_verb(line.blanked, name_end,
                                                     c_start + event[0], cues):
            continue  # "Ben reports the goal met", "Altan to implement …": their statement
        if at >= event[0] and _POSSESSED_PERSON.match(line.blanked, name_end):
            continue  # "Met Oliver's new team", "Called Ana's mum": someone of theirs
        if (at < event[0] and line.blanked[name_end:name_end + 1] in _OWNING
                and _their_agent(line.blanked, name_end, c_start + event[0])):
            continue  # "Ana's lender called the bank": someone of theirs did it
        if (not (marks and "in" in marks and "out" not in marks)
                and passed_on(line.blanked, at, name_end, c_start + event[0], c_end)):
            # "Sent Ana's CV to the recruiter": theirs, sent to someone else (not something
            # of theirs that came to me: "Me llegó un mail de Ana con el OK a la oferta")
            continue
        if marks and {"in", "out"} <= marks and ("pa" in line.blanked[c_start + event[1]:c_end]):
            # "Le tiré un texto a · pa ver si me canta…": the purpose's verbs are no reply
            marks = _before_purpose(line.blanked, c_start, c_end, event[1], matcher) or marks
        if subject and marks and "both" in marks and event[2] != "in_person":
            # "Chloe messaged us at 2am", "Gary called wanting to know if we're …": "us"
            # is whom they reached, their "we" what they asked
            marks = us_as_the_writer(line.blanked[c_start:c_end], event[0], matcher)
        direction = event_direction(marks or frozenset(), event[2], subject)
        if direction == "in" and event[2] == "message" and _ANSWERED.search(
                line.blanked, c_start + event[1]):
            # "Arjun pinged me on Slack, replied after lunch": answered (what I told them in
            # a call they made stays their call: "Call from Ana, told her I'd ring back")
            direction = "both"
        elif (direction == "out" and event[2] == "call" and "," in line.blanked[c_start + event[1]:]
              and _THEIR_WORD.search(line.blanked, c_start + event[1])):
            # "Phoned · for the forecast, he says it's clear": their word came back on the call
            direction = "both"
        found.add(mention.target, line.date(), event[2], line.number, line.text, mention.level,
                  direction)


def _named_medium(folded: str, matcher: VocabularyMatcher, cues: Cues) -> str:
    """The channel of an event read from the clause's structure: the medium an event phrase of
    the clause names, else the one its words name (the vocabularies' ``social_media`` and
    ``message_media`` lists: "en Instagram", "mensajitos"), else in person."""
    channel = matcher.medium(folded)
    if channel != "in_person" or not cues.lists:
        return channel
    for name, medium in (("social_media", "social"), ("message_media", "message")):
        if cues.listed_in(name, folded):
            return medium
    return channel


# A purpose after the event: "pa ver si…", "para que…", "pa' decirme…".
_PURPOSE_ENDS = lazy_pattern(r",|\b(?:y|e|pero)\s")
_PURPOSE_OPENS = lazy_pattern(r"\bpa(?:ra|')?\s+(?:que\b|[a-z]+(?:ar|er|ir)(?:me|nos|le|les|la|lo)?\b)")


def _before_purpose(blanked: str, c_start: int, c_end: int, event_end: int,
                    matcher: VocabularyMatcher) -> frozenset[Direction] | None:
    """The direction phrases of the clause but a purpose that opens after its event phrase
    ("· me llamó pa que la lleve…": the subjunctive is what for, no act of mine; a part
    after it, past a comma or "y", counts again), or None when no purpose opens or the
    rest has none."""
    folded = fold(blanked[c_start:c_end])
    purpose = _PURPOSE_OPENS.search(folded, event_end)
    if purpose is None:
        return None
    marks = matcher.direction_marks(folded[:purpose.start()])
    after = _PURPOSE_ENDS.search(folded, purpose.end())
    if after is not None:  # "… para preguntarle y me contestó al rato": the next part's own
        marks |= matcher.direction_marks(folded[after.end():])
    return marks or None


_NAME_NEXT = lazy_pattern(r"\s*[*_=\[]*·")


def _through_another(blanked: str, c_start: int, c_end: int, name: tuple[int, int],
                     cues: Cues) -> bool:
    """Whether a message's clause names a go-between (a vocabulary's ``go_betweens``: "a
    través de") and another name than ``name`` (its start and end) right after it: the
    message went through them ("Le mandé saludos a · a través de ·"), so the one it was for
    is no party to it; the go-between, if anyone, is."""
    if blanked.find("·", c_start, name[0]) < 0 and blanked.find("·", name[1], c_end) < 0:
        return False  # the common case: no other name in the clause
    pattern = cues.lists["go_betweens"]
    folded = fold(blanked[c_start:c_end])
    for word in _WORD.finditer(folded):
        found = pattern.match(folded, word.start())
        if found is None:
            continue
        next_name = _NAME_NEXT.match(folded, found.end())
        if next_name is not None and not (
                c_start + found.end() <= name[0] < c_start + next_name.end()):
            return True
    return False


# The writer's answer in a later part of the line, after a message that came in:
# "· texted about the gig, told him I'm in", "· wrote asking for it, I sent it at once",
# "me escribió ·, le contesté al rato". A subject of someone else's never opens it.
# After a comma, the one called speaking: what they said on the call ("…, she says it's
# clear", "…, he'll take the van", "…, me dijo que sí").
_THEIR_WORD = lazy_pattern(
    r",\s*(?:(?:he|she|they)(?: (?:says|said|reckons|reckoned|told me|will)|['’]ll)|"
    r"(?:me|nos) (?:dijo|dice|contesto|conto) que)\b")


_ANSWERED = lazy_pattern(
    r"(?:[,;]|\band\b|\bso\b|\bthen\b|\by\b)\s*(?:(?:i|and i|so i|then i)\s+)?(?:"
    r"replied|responded|answered|texted (?:\w+ )?back|wrote (?:\w+ )?back|messaged (?:\w+ )?back|"
    r"(?:rang|called|phoned) (?:\w+ )?back|got back to|told (?:him|her|them)\b|"
    r"said (?:yes|yeah|yep|no|nope|ok|okay|sure|fine|go on|i)\b|sent (?:it|them|one|him|her)\b|"
    r"left (?:\w+ )?comments|"
    r"le(?:s)? (?:contest[eé]|respond[ií]|dije|mand[eé]|escrib[ií]|devolv[ií])\b)",
    re.IGNORECASE)


# A contact's name opening a line as its label, then a dash or a colon: "Oriol — llamada de
# 20 min", "**Rodri**: vermut en el Poble-sec", as a log of people writes its entries.
# (a parenthesis of who they are may stand between: "Carla (fondo) — call de 45 min")
_LABEL_END = lazy_pattern(r"[*_=\]]*(?:\s*\([^()·]{1,30}\))?\s*(?::|-(?=\s)|$)")
# A pronoun for the labelled contact after the entry's phrase: "Teams con ella y su equipo".
_THEM = lazy_pattern(r"\s*(?:ella|él|ellos|ellas|him|her|them)\b", re.IGNORECASE)
# A verb of ours where a label's entry has no event phrase: "…, revisamos el marco", "we went".
_MY_ACT_ON_THEM = lazy_pattern(r"\s*(?:i\s+)?([a-z]{3,})\s+(?:him|her|them)\b")
_OUR_VERB = lazy_pattern(r"(?<![\w·])(?:[a-zñ]{3,}(?:amos|imos)|we\s+[a-z]+)(?![\w·])")


def _entry_label(line: _Line, c_start: int, c_end: int, at: int, name_end: int) -> bool:
    """Whether the name (``at``–``name_end``) is the label of a log entry: it opens the line
    (emphasis and a link's brackets allowed) and a colon, a spaced hyphen or the clause's end
    (a spaced dash) follows it."""
    if c_start != 0 or line.blanked[:at].strip(" *_=["):
        return False
    label = _LABEL_END.match(line.blanked, name_end, c_end)
    if label is None:
        return False
    return label.end() < c_end or line.blanked[c_end:c_end + 3].lstrip()[:1] in ("—", "–")


def _labelled_entry(line: _Line, c_start: int, c_end: int, name_end: int,
                    matcher: VocabularyMatcher, cues: Cues) -> tuple[str, Direction] | None:
    """``(channel, direction)`` of a log entry labelled with the contact's name (see
    :func:`_entry_label`), read as its clause without the name: the rest after the colon, or
    the part after the dash. It is an event when a part of it tells an encounter with the
    contact (:func:`_entry_encounter`), and none of the entry's vetoes holds: an intention
    before that encounter, a question, a habit, a later time, someone else as its subject
    or its other party. The direction is the entry's own, else both: a log says what passed
    between us, not who moved."""
    label = _LABEL_END.match(line.blanked, name_end, c_end)
    if label is not None and label.end() < c_end:
        start, end = label.end(), c_end
    else:
        index = bisect.bisect_left(line.stops, c_end)
        start = line.resumes[index] if index < len(line.resumes) else len(line.blanked)
        end = line.stops[index + 1] if index + 1 < len(line.stops) else len(line.blanked)
    text = line.blanked[start:end]
    if not text.strip():
        return None
    found = _entry_encounter(text, matcher, cues)
    if found is None:
        return None
    event, marks, part_start = found
    folded = fold(text)
    intent = matcher.intent_start(folded)
    if (intent is not None and intent < event[1]) or line.is_question(start, end):
        return None  # an intention before the phrase ends (a later one is another story)
    if habitual(text[event[0]:event[1]], cues) or _undone_after(line, end, matcher):
        return None
    times = clause_times(text, cues) if cues.any_time else NO_TIMES
    if times is not NO_TIMES and not_of_the_day(line.blanked, start, end, start, (
            event[0], event[1]), event[2] in _SCHEDULED, times,
            line.day.year if line.day else None):
        return None
    if (_OTHER_SUBJECT.fullmatch(folded[part_start:event[0]]) is not None
            or (not _THEM.match(line.blanked, start + event[1])
                and _someone_else(line.blanked, start + event[1], False, event[2]))
            or _a_named_other(line.blanked, start + event[0], start + event[1])):
        return None  # "Ana — su madre me llamó", "Ana — llamó a su madre": not with me
    direction = event_direction(marks, event[2], None) if marks else "both"
    return event[2], direction


# Where an entry's text divides into parts: a comma, a semicolon or a colon before a space
# ("tutoría en su despacho, revisamos el marco"; not "3:20", "1,5").
_ENTRY_PART = lazy_pattern(r"[,;:](?=\s)")


def _entry_encounter(text: str, matcher: VocabularyMatcher, cues: Cues
                     ) -> tuple[_Event, frozenset[Direction], int] | None:
    """``(event, direction marks, start of its part)`` of the first part of a labelled entry's
    ``text`` that tells an encounter with the labelled contact, offsets from the start of
    ``text``; None when no part does before one that names someone else.

    A part tells one with an event phrase, or as the entry's verbless head read as "… with ·"
    ("30 min intro call, wants the deck"), or with a verb of ours ("revisamos el marco", "we
    went over it") or my past on a pronoun for them ("walked her round the flat"): then in the
    medium that part names, else in person. Only that part gives the medium: what a later part
    says of someone else ("…, luego llamé al banco", "…, she'll email the numbers") is their
    story, and a part naming someone else before it makes the entry theirs."""
    begin = 0
    bounds = []
    for stop in _ENTRY_PART.finditer(text):
        bounds.append((begin, stop.start()))
        begin = stop.end()
    bounds.append((begin, len(text)))
    whole_marks: frozenset[Direction] | None = None
    for index, (p_start, p_end) in enumerate(bounds):
        part = text[p_start:p_end]
        if "·" in part:
            return None  # someone else in it: their own reading
        if not part.strip():
            continue
        event = matcher.read_clause(part)[0]
        if event is None and index == 0:
            # the entry is with the labelled contact: its verbless head read as "… with ·"
            # ("Ana — 30 min intro call, wants the deck")
            event = matcher.read_clause(part + " with ·")[0] or matcher.read_clause(
                part + " con ·")[0]
            if event is not None and event[0] >= len(part):
                event = None
            elif event is not None:
                event = (event[0], min(event[1], len(part)), event[2])
        if event is None:
            lowered = part.lower()
            ours = _OUR_VERB.search(lowered)
            if ours is None:
                # my past on them, a pronoun for the contact: "Ana — showed her the semi"
                ours = _MY_ACT_ON_THEM.match(lowered)
                if ours is not None and (cues.done is None or not cues.done.fullmatch(ours[1])):
                    ours = None
            if ours is None or habitual(ours[0], cues):
                continue
            event = (ours.start(), ours.end(), matcher.medium(fold(part)))
            marks: frozenset[Direction] = frozenset()
        else:
            if whole_marks is None:
                whole_marks = matcher.direction_marks(fold(text))
            marks = whole_marks
        return (p_start + event[0], p_start + event[1], event[2]), marks, p_start
    return None


# Spanish: a social act whose subject is a contact, on a thing of another name's ("· comentó en
# el post de ·", "· compartió el video de ·"): theirs, not one on me.
_ON_ANOTHERS_THING = lazy_pattern(r"\s*(?:(?:en|a)\s+)?(?!(?:mi|mis|me|nos)\s)(?:[^\s·]+\s+){0,4}?"
                                  r"(?:de|del)\s+(?:(?:el|la)\s+)?[*_=\[]*·")


# Spanish: a relative clause set apart by commas right after the name ("·, al que no veía
# desde el máster, me invitó…"): its own negation or habit is no veto on the main clause.
_ASIDE = lazy_pattern(r",\s*(?:al que|a la que|a los que|a las que|a quien|a quienes|que|quien|"
                      r"con quien|con (?:el|la) que|el cual|la cual)\s[^,·]{1,80},")


def _past_aside(blanked: str, c_start: int, c_end: int, name_end: int, intent: int,
                matcher: VocabularyMatcher) -> int | None:
    """Where the clause's intention starts once a relative aside right after the name is set
    aside, when the intention stands inside it; ``intent`` itself otherwise."""
    aside = _ASIDE.match(fold(blanked[name_end:c_end]))
    if aside is None or not name_end - c_start <= intent < name_end - c_start + aside.end():
        return intent
    rest_at = name_end - c_start + aside.end()
    rest = matcher.intent_start(fold(blanked[c_start + rest_at:c_end]))
    return None if rest is None else rest_at + rest


# Spanish: after an attempt, a last part with no connector that is my own act on them, with a
# pronoun for them ("Intenté llamar a ·, no contestó, le dejé un mensaje por Signal", "…,
# mejor le mandé mensaje"); not a voicemail left (a failed call).
_THEN_PART = lazy_pattern(r"\s*(?:(?:mejor|entonces|al final|finalmente|luego|y|asi que|total)\s+)?"
                          r"(?=(?:le|les|la|lo)\s)")
_VOICEMAIL = lazy_pattern(r"\b(?:de voz|buzon|contestador)\b")


def _act_after_attempt(blanked: str, c_start: int, c_end: int, after: int, name_end: int,
                       matcher: VocabularyMatcher, cues: Cues
                       ) -> tuple[_Event, frozenset[Direction]] | None:
    """The event of the clause's last comma part, after the attempt at ``after`` and the
    name (ending at ``name_end``), when it opens (after "mejor", "entonces"…) with a pronoun
    for them and my own act, with no intention of its own and no one else named — and is no
    call after a failure that was a call too (calling again is trying again)."""
    clause = fold(blanked[c_start:c_end])
    comma = clause.rfind(",")
    if comma < max(after, name_end):
        return None
    lead = _THEN_PART.match(clause, comma + 1)
    if lead is None:
        return None
    part = clause[lead.end():]
    event = matcher.first_event(part)
    if (event is None or event[0] != 0 or "·" in part or _VOICEMAIL.search(part)
            or matcher.is_intent(part)):
        return None
    marks = matcher.direction_marks(part)
    if marks != frozenset({"out"}):
        return None
    if event[2] == "call":
        before = matcher.first_event(clause[:comma])
        if (before[2] == "call") if before is not None else not cues.listed_in(
                "message_tries", clause[:comma]):
            return None  # "· no contestó, le marqué como cinco veces": more of the attempt
    return (lead.end() + event[0], lead.end() + event[1], event[2]), marks


# Spanish: someone's past act on me, the name opening the clause ("· me ha hecho unas fotos",
# "· me prestó su taladro", "·, mi vecina, me subió la compra"): time they spent with me — not a feeling, money, or a thing done
# about me elsewhere.
_ON_ME_ES = lazy_pattern(r"[*_=\]]*(?:\s*,\s*(?:mi|mis|su|la|el|nuestr[oa])\s[^,·]{1,30},)?"
                         r"\s+(?:me|nos)\s+(?:(ha|han)\s+)?([a-zñáéíóú]+)")


# Spanish: the writer and the contact as one subject, "· y yo" or "yo y ·" (other names
# allowed), then our verb after a few words ("· y yo al final fuimos", "· y yo, como siempre,
# discutimos", "Con ·, ayer, fuimos").
_AND_I_AFTER = lazy_pattern(r"(?:[*_=\]]*(?:\s*,\s*|\s+(?:y|e)\s+)[*_=\[]*·+)*[*_=\]]*,?\s+(?:y|e)\s+yo\b",
                            re.IGNORECASE)
_I_AND_BEFORE = lazy_pattern(r"\s*[*_=]*(?:yo\s*(?:,|y|e)|con)\s+(?:[*_=\[]*·+[*_=\]]*\s*(?:,|y|e)\s+)*"
                             r"[*_=\[]*", re.IGNORECASE)



def _we_two(blanked: str, c_start: int, c_end: int, at: int, name_end: int,
            cues: Cues) -> tuple[int, int] | None:
    """Where, from ``c_start``, our verb starts and ends when the writer and the contact are
    one subject ("· y yo", "yo y ·", or "con ·" opening the clause) and a first person
    plural past follows within five words (adverbs, a short aside, clitics between); no
    negation before it."""
    if cues.done is None:
        return None
    after = _AND_I_AFTER.match(blanked, name_end, c_end)
    if after is None:
        if at - c_start > 8 or not _I_AND_BEFORE.fullmatch(blanked, c_start, at):
            return None  # the common case: neither "· y yo" nor "yo y ·" / "con ·" opening
        start = name_end
    else:
        start = after.end()
    for index, word in enumerate(_WORD.finditer(blanked, start, c_end)):
        w = word[0].lower()
        if index > 5 or "·" in w or cues.listed("negations", fold(w)):
            return None
        if cues.listed("only_present", fold(w)):
            return None
        if (w.endswith(("amos", "imos", "emos")) and cues.done.fullmatch(w)
                and not habitual(w, cues)):
            return word.start() - c_start, word.end() - c_start
    return None


# A verb of ours, then "together", after the name: "hemos hecho los ejercicios juntos".
_TOGETHER_AFTER = lazy_pattern(r"(?<![\w·])((?:hemos|[a-zñáéíóú]{2,}(?:amos|imos)))\s+"
                               r"(?:[^\s]+\s+){0,5}?junt[oa]s(?![\w·])")
# The name fronted by a personal "a", then "le" and my verb: "A · le presté el coche".
_PERSONAL_A_OPENS = lazy_pattern(r"\s*[*_=]*(?:a|al|a la|a el)\s+[*_=\[]*", re.IGNORECASE)
_FRONTED_A_LE = lazy_pattern(r"[*_=\]]*\s+(?:le|les)\s+([^\W\d_]+)")
# Their act on me, the name after it: "Me prestó ·", "Nos ha traído · …".
_ON_ME_BEFORE = lazy_pattern(r"(?:^|\s)(?:me|nos)\s+(?:(ha|han)\s+)?([a-zñáéíóú]+)\s+[*_=\[]*$")
# My act on them by a personal "a": "Abracé a ·", "Recibí al ·".
_PERSONAL_A_ENDS = (" a", " al", " a la", " a el", " al el")
_DID_A = lazy_pattern(r"(?:^|\s)([^\W\d_]+)\s+(?:a|al)\s+(?:(?:la|el)\s+)?[*_=\[]*$")



def _not_on_me(verb: str, after: str, cues: Cues) -> bool:
    """Whether their past ``verb`` on me (``after``: the text after it) is no time together:
    a feeling, money, a thing done about me elsewhere (the vocabularies' ``not_on_me``
    list), or a figure of speech ("me hizo gracia": their ``figures``)."""
    if verb in ("hizo", "hicieron", "trajo", "trajeron", "dio", "dieron"):
        return cues.listed("figures", fold(after).lstrip())
    return cues.listed("not_on_me", fold(verb))


def _their_past(verb: str, perfect: bool, cues: Cues) -> bool:
    """Whether ``verb`` (lowercase, accents kept) is a third person's past (a vocabulary's
    ``their_past`` form: "-ó", "-aron", an irregular preterite), or a participle after
    "ha"/"han"."""
    if perfect:
        return verb.endswith(("ado", "ido", "ído", "cho", "to", "sto"))
    return cues.their_past is not None and cues.their_past.fullmatch(verb) is not None


# Spanish: the contact's past, then "conmigo" ("· pasó por el restaurante y se echó un café
# conmigo"), or their coming here to do something ("· vino a hacer fotos del bancal", "· pasó
# por la escuela a pedirme…").
_THEIR_VERB = lazy_pattern(r"[*_=\]]*\s+(?:(?:ya|se|me|nos|por fin|al final)\s+)*"
                           r"(?:(ha|han)\s+)?([a-zñáéíóú]+)")
_CONMIGO = lazy_pattern(r"(?<![\w·])(?:conmigo|con nosotr[oa]s)(?![\w·])", re.IGNORECASE)
_CAME_TO = lazy_pattern(r"(?:(?:vino|vinieron|venido) (?:(?:al|a la|a mi|a casa|hasta|por) (?:[^\s·]+ ){0,2}?)?|"
                        r"(?:se )?(?:paso|pasaron|pasado|acerco|"
                        r"acercaron|acercado) por (?:[^\s·]+ ){1,4}?)a ([a-z]+(?:ar|er|ir))"
                        r"(me|nos)?\b")
_CAME = frozenset({"vino", "vinieron"})  # irregular: no "-ó" to tell a third person's past by


def _with_me_after(blanked: str, c_start: int, c_end: int, at: int, name_end: int,
                   cues: Cues) -> tuple[int, int] | None:
    """Where, from ``c_start``, the contact's verb starts and ends when the name opens the
    clause (two words at most before it), a past of theirs follows it (no feeling, money or
    thing done elsewhere: their ``not_on_me`` list) and either "conmigo" later in the clause
    with no one else named, or they came here to do something ("vino a hacer…", "pasó por
    la escuela a pedirme…": a coming toward the writer, or with "me" on the purpose's verb);
    else None."""
    rest = blanked[name_end:c_end]
    with_me = _CONMIGO.search(rest)
    if with_me is None and "vin" not in rest and " pas" not in rest and "acerc" not in rest:
        return None  # the common case: neither "conmigo" nor a coming
    if "·" in rest or len(_WORD.findall(blanked, c_start, at)) > 2:
        return None
    verb = _THEIR_VERB.match(blanked, name_end, c_end)
    if verb is None or not (verb[2].lower() in _CAME or _their_past(
            verb[2].lower(), verb[1] is not None, cues)):
        return None
    folded = fold(rest)
    if with_me is None:
        came = _CAME_TO.search(folded)
        if came is None or cues.listed("settling", came[1]) or (
                not came[0].startswith("vin") and came[2] is None):
            return None  # "· vino a vivir a Murcia", "· pasó por Madrid a ver a su madre"
    else:
        words = [w for w in _WORD.findall(rest[:with_me.start()].lower())]
        last = next((w for w in reversed(words) if _their_past(w, False, cues)), verb[2].lower())
        if (cues.listed("not_on_me", fold(last))
                and not cues.listed_in("stayed_with", fold(rest[:with_me.start()]))) or any(
                cues.listed("negations", fold(w)) for w in words):
            return None  # "· se enfadó conmigo", "· no habló conmigo"
    return verb.start(2) - c_start, verb.end(2) - c_start


# Spanish: my own past act on them, "le"/"les", a verb I did, then "a ·" ("Le entregué el
# turno a ·", "Les enseñé el piso a · y ·").
_LE_DID_A = lazy_pattern(r"(?:^|\s)(?:le|les)\s+([^\W\d_]+)\s+(?:[^\s·]+\s+){0,5}?(?:a|al)\s+"
                         r"(?:(?:la|el)\s+)?[*_=\[]*$")


def _acted_between(blanked: str, c_start: int, c_end: int, at: int, name_end: int,
                   cues: Cues) -> tuple[int, int] | None:
    """Where, from ``c_start``, the verb starts and ends when a clause with no event phrase
    is an act between the writer and the contact: theirs on me (the name opening the clause,
    "me"/"nos", a third person's past that is no feeling, money or thing done elsewhere), or
    mine on them ("le" + a verb I did + "a ·"); else None."""
    if cues.done is None:
        return None
    lead_len = at - c_start
    if lead_len <= 8 or blanked.find("yo", name_end, c_end) >= 0:
        we = _we_two(blanked, c_start, c_end, at, name_end, cues)
        if we is not None:
            return we
    if lead_len <= 12:
        came = _with_me_after(blanked, c_start, c_end, at, name_end, cues)
        if came is not None:
            return came
    if blanked.find("junt", name_end, c_end) >= 0:
        # "me tocó de pareja ·, hemos hecho los ejercicios juntos": we, together, after it
        together = _TOGETHER_AFTER.search(blanked[name_end:c_end].lower())
        if (together is not None and "·" not in together[0]
                and cues.done.fullmatch(together[1]) and not habitual(together[1], cues)):
            start = name_end - c_start + together.start(1)
            return start, start + len(together[1])
    near = min(c_end, name_end + 48)
    match = _ON_ME_ES.match(blanked, name_end, c_end) if (
        blanked.find("me ", name_end, near) >= 0 or blanked.find("nos ", name_end, near) >= 0
    ) else None
    if match is not None and len(_WORD.findall(blanked, c_start, at)) <= 2:
        verb = match[2].lower()
        if _their_past(verb, match[1] is not None, cues) and not _not_on_me(
                verb, blanked[match.end():c_end], cues):
            return match.start(2) - c_start, match.end(2) - c_start
    fronted = _FRONTED_A_LE.match(blanked, name_end, c_end) if lead_len <= 10 else None
    if (fronted is not None and _PERSONAL_A_OPENS.fullmatch(blanked, c_start, at)
            and cues.done.fullmatch(fronted[1].lower()) and not habitual(fronted[1], cues)
            and not cues.listed("for_them", fold(fronted[1]))
            and not cues.listed_in("attitudes", fold(blanked[fronted.end():c_end]))):
        # "A · le presté el coche": my act on them, the name fronted
        return fronted.start(1) - c_start, fronted.end(1) - c_start
    if lead_len < 4 or lead_len > 90 or blanked.find("·", c_start, at) >= 0:
        return None  # nothing before the name, or too much for the shapes below
    to_them = blanked[max(c_start, at - 8):at].rstrip(" *_=[").lower().endswith(_PERSONAL_A_ENDS)
    on_me = (blanked.find("me ", c_start, at) >= 0 or blanked.find("nos ", c_start, at) >= 0
             or blanked.find("Me ", c_start, at) >= 0 or blanked.find("Nos ", c_start, at) >= 0)
    if not (to_them or on_me):
        return None  # the common case: neither "me"/"nos" nor a personal "a" before the name
    lead = blanked[c_start:at].lower()
    # "Me prestó · su taladro": their act on me, the name after its verb
    theirs = _ON_ME_BEFORE.search(lead) if on_me else None
    if (theirs is not None and len(_WORD.findall(lead, 0, theirs.start())) <= 2
            and _their_past(theirs[2], theirs[1] is not None, cues)
            and not _not_on_me(theirs[2], blanked[name_end:c_end], cues)):
        return theirs.start(2), theirs.end(2)
    # "Abracé a ·", "Atendí a · en la consulta": my act on them, a personal "a"
    did = _DID_A.search(lead) if to_them else None
    if (did is not None and len(_WORD.findall(lead, 0, did.start(1))) <= 3
            and cues.done.fullmatch(did[1]) is not None and not habitual(did[1], cues)
            and not cues.listed("not_with_them", fold(did[1]))
            and not _LATER_DAY.search(fold(blanked[name_end:c_end]))):
        return did.start(1), did.end(1)
    if lead_len < 8 or not to_them or (blanked.find("le ", c_start, at) < 0
                                       and blanked.find("les ", c_start, at) < 0
                                       and blanked.find("Le ", c_start, at) < 0):
        return None  # no "le" before the name
    mine = _LE_DID_A.search(blanked[c_start:at].lower())
    if (mine is None or cues.done.fullmatch(mine[1]) is None or habitual(mine[1], cues)
            or cues.listed("for_them", fold(mine[1])) or _FOR_LATER.search(fold(
                blanked[name_end:c_end])) or cues.listed_in("attitudes", fold(mine[0]))):
        return None  # "Le compré el regalo a · pal cumple del sábado": for them, not with them
    return mine.start(1), mine.end(1)


# An occasion to come after the name: an act for it needs them to be there no more than a gift
# bought does ("Le compré el regalo a · pal cumple del sábado").
_WEEKDAY_LATER = (r"\b(?:el|este|el proximo|para el) (?:lunes|martes|miercoles|jueves|viernes|"
                  r"sabado|domingo)\b")
_LATER_DAY = lazy_pattern(_WEEKDAY_LATER)
_FOR_LATER = lazy_pattern(r"\bpa(?:ra|l|')?\s+(?:el|la|los|las|su|sus|mi|un|una|cuando)\b|"
                          + _WEEKDAY_LATER)


# Channels whose event takes place at a time that may be set for later (a meeting, a call);
# a message is sent when it is written, whatever later time it speaks of.
_SCHEDULED = frozenset({"in_person", "call"})
_WORD = lazy_pattern(r"\w+")
# A clause that opens as a question does, with or without its "?": "Where did … with Ana".
_ASKED = lazy_pattern(r"\s*[*_=\[]*(?:[\w-]+::\s*)?(?:where|what|when|why|how|who|which)\s+(?:did|do|does|was|were|"
                    r"is|are|will|would|should|can|could|has|have|had)\b", re.IGNORECASE)


def _MAY_ASK(start: str) -> bool:  # noqa: N802 (a cheap test before _ASKED)
    return "wh" in start or "how" in start


# The writer listed on a line ("me, ·", "· and me", "· y yo"), searched on the lowercased line
# in two plain parts: no case-blind alternation tried at every character (as one, it was the
# reading's costliest search).
_ME_COMMA = lazy_pattern(r"(?<![\w·])(?:me|yo|myself),")
_AND_ME_ANY = lazy_pattern(r"\s(?:and|y|e|&)\s+(?:me|i|yo|myself)(?![\w·])")


def _lists_the_writer(blanked: str) -> bool:
    """Whether ``blanked`` may list the writer with someone ("me, ·", "· and me")."""
    low = blanked.lower()
    return ("," in low and _ME_COMMA.search(low) is not None) or (
        _AND_ME_ANY.search(low) is not None)
_QUOTED = lazy_pattern(r"\"[^\"\n]*\"|“[^”\n]*”|«[^»\n]*»")
_SAID = lazy_pattern(r"(?<=:)\s*[\"“«][^\"”»\n]*[\"”»]")
_CLOSED_QUESTION = lazy_pattern(r"\?[\])\"'”»*_]+(?:\s|$)")


# A past in the third person (a Spanish preterite, its accent written: "se suspendió",
# "llegaron"; English pasts the writer's `done` leaves out: "fell through", "was"): a leading
# clause told in the past though no verb in it is the writer's.
_THEIR_PAST = lazy_pattern(r"\w{2,}(?:ó|aron|ieron)|fell|went|came|ran|got|was|were")
# A contrast after which what follows happened all the same: "pero igual", "but still".
_DESPITE = lazy_pattern(r"\b(?:pero|but|and|y)\s+(?:(?:we|i)\s+)?(?:igual|aun asi|aún así|de todas (?:formas|"
                        r"maneras)|de todos modos|still|anyway|even so)\b", re.IGNORECASE)
# A trailing clause of time or cause after the event and the name: "… after the 1:1 got
# cancelled", "… porque se suspendió la clase".
_TRAILING = lazy_pattern(r"\s(?:after|because|since|once|when|despues de que|después de que|"
                         r"porque|ya que|cuando)\s", re.IGNORECASE)


def _despite(blanked: str, c_start: int, c_end: int, intent: int, first: int,
             matcher: VocabularyMatcher) -> int | None:
    """Where the clause's intention starts once what comes before a contrast that says the
    rest happened all the same ("pero igual", "but still") is set aside, when the intention
    stands before it and the name and the event phrase (``first``: the earlier) after it;
    ``intent`` itself otherwise."""
    match = _DESPITE.search(blanked, c_start + intent, c_start + first)
    if match is None:
        return intent
    rest = matcher.intent_start(fold(blanked[match.end():c_end]))
    return None if rest is None else match.end() - c_start + rest


def _trailing_subordinate(blanked: str, c_start: int, c_end: int, intent: int, last: int,
                          matcher: VocabularyMatcher) -> int | None:
    """None when the clause's intention is only in a trailing clause of time or cause that
    opens after the event phrase and the name (``last``: the later of their ends) — what
    happened to something else ("… after the 1:1 with his manager got cancelled"); ``intent``
    itself otherwise."""
    match = _TRAILING.search(blanked, c_start + last, c_end)
    if match is None or matcher.intent_start(fold(blanked[c_start:match.start()])) is not None:
        return intent
    comma = blanked.find(",", match.end(), c_end)
    if comma >= 0 and matcher.intent_start(fold(blanked[comma + 1:c_end])) is not None:
        return intent  # "Walked up to ·'s after unloading, nobody around": past its comma
    return None


def _past_background(blanked: str, c_start: int, c_end: int, intent: int, first: int,
                     matcher: VocabularyMatcher, cues: Cues) -> int | None:
    """Where the clause's intention starts once a leading clause of time or concession told
    in the past (a verb the writer did, or an imperfect) is set aside, when the intention
    stands inside it and the name and the event phrase (``first``: the earlier of them) after
    it; ``intent`` itself otherwise. "Cuando venga Ana, cenamos" keeps its intention: a
    subjunctive is no past."""
    lead = leading_clause(blanked, c_start, c_end, cues)
    if lead is None or not intent < lead.end() <= first:
        return intent
    folded = fold(blanked[c_start:c_end])
    said = blanked[c_start:c_start + lead.end()].lower()
    if not any((cues.done is not None and cues.done.fullmatch(w))
               or (cues.habitual is not None and cues.habitual.fullmatch(w))
               or _THEIR_PAST.fullmatch(w)
               for w in _WORD.findall(said)[1:]):
        return intent
    rest = matcher.intent_start(folded[lead.end():])
    return None if rest is None else lead.end() + rest


# Spanish: contacts joined, then a verb of theirs in the third person plural ("· y · se
# pelearon", "· y · discutieron").
_JOINT_VERB = lazy_pattern(
    r"\s*[*_=\[]*·+[*_=\]]*(?:(?:\s*,\s*|\s+(?:y|e)\s+)[*_=\[]*·+[*_=\]]*)+\s+"
    r"(?:(?:se|ya|tambien|también)\s+)?\w+(?:aron|ieron|an|en)\b", re.IGNORECASE)
_OURS = lazy_pattern(r"\w+(?:amos|emos|imos)\b", re.IGNORECASE)


def _their_own_doing(blanked: str, c_start: int, c_end: int, event_start: int) -> bool:
    """Whether the clause opens with contacts joined and a verb of theirs before the event
    phrase, and nothing in it speaks of the writer or of us ("Luis y Marta se pelearon en la
    cena"): the event phrase is the setting of what they did. (A verb that is the event phrase
    itself — "Marta y Luis vinieron a cenar" — is read as before.)"""
    if blanked.find(" y ", c_start, event_start) < 0 and blanked.find(
            " e ", c_start, event_start) < 0 and blanked.find(",", c_start, event_start) < 0:
        return False  # the common case: no names joined before the phrase
    match = _JOINT_VERB.match(blanked, c_start, event_start)
    return (match is not None and match.end() <= event_start
            and _ME_IN_IT.search(blanked, c_start, c_end) is None
            and _OURS.search(blanked, c_start, c_end) is None)


# Spanish: after an event phrase whose subject is a contact, a personal "a" before another
# name, or before someone else's thing ("llamó a ·", "dio like a la foto de ·").
_A_NAMED = lazy_pattern(r"\s*(?:[^\s·]+\s+){0,2}?(?:a|al)\s+(?:(?:la|el|los|las|su|sus|un|una)\s+"
                        r"[^\s·]+\s+(?:de|del)\s+)?(?:(?:el|la)\s+)?[*_=\[]*·", re.IGNORECASE)
_CLITIC_ON_ME = lazy_pattern(r"(?:me|nos)\s", re.IGNORECASE)


def _a_named_other(blanked: str, event_start: int, event_end: int) -> bool:
    """Whether the event phrase (``event_start``–``event_end``), whose subject is a contact,
    goes to another name by a Spanish personal "a" ("Luis llamó a ·", "· le dio like a la foto
    de ·"), unless the phrase acts on the writer ("· me presentó a ·")."""
    if blanked.find("·", event_end, event_end + 40) < 0:
        return False  # the common case: no other name right after the phrase
    return (_CLITIC_ON_ME.match(blanked, event_start) is None
            and _A_NAMED.match(blanked, event_end) is not None)


# Spanish: a thing, a relative pronoun and its verb right before the name: "el libro que
# escribió ·", "la foto que subió ·" — the name is its author.
_THING_BY = lazy_pattern(r"(?:^|\s)(?:el|la|los|las|un|una|unos|unas|su|sus)\s+\w+\s+que\s+"
                         r"(?:(?:ha|han)\s+)?\w+\s+[*_=\[]*$", re.IGNORECASE)


def _author_of_a_thing(blanked: str, event_end: int, at: int) -> bool:
    """Whether the name at ``at``, after the event phrase ending at ``event_end``, is the
    subject of a relative clause on a thing ("Me regaló el libro que escribió ·"). (A social
    act on it is one on its author: "Le di like a la foto que subió ·".)"""
    start = max(event_end, at - 60)
    return (blanked.find("que", start, at) >= 0  # the common case: no relative before it
            and _THING_BY.search(blanked, start, at) is not None)

# Spanish: what something was for, before a meeting or a companion ("para la reunión con ·",
# "para ir con ·", "pa' la cena con ·"): a purpose, not the day's event.
_FOR_AN_EVENT = lazy_pattern(r"(?:^|\s)pa(?:ra|')?\s+(?:la|el|los|las|un|una|mi|su|nuestr[oa])\s+$",
                             re.IGNORECASE)
_PURPOSE = lazy_pattern(r"(?:^|\s)pa(?:ra|')?\s+(?:[a-zñ]*(?:ar|er|ir)|la|el|los|las|un|una)\s",
                        re.IGNORECASE)


def _for_an_event(blanked: str, c_start: int, event_start: int) -> bool:
    """Whether the event phrase starting at ``event_start`` names what something was for
    ("Preparé las notas para la reunión con ·")."""
    start = max(c_start, event_start - 20)
    return (blanked.find("pa", start, event_start) >= 0  # the common case: no "para" before it
            and _FOR_AN_EVENT.search(blanked, start, event_start) is not None)


def _purpose_between(blanked: str, verb: int, at: int) -> bool:
    """Whether, between the writer's verb at ``verb`` and the companion's name at ``at``, a
    purpose opens ("Compré entradas para ir con ·"): the company is what it was for."""
    return "pa" in blanked[verb:at] and _PURPOSE.search(blanked, verb, at) is not None

# A leading clause of cause, up to its comma: "Como no pude ir a verlo, le hablé por teléfono
# a ·", "Ya que estaba por el centro, pasé a saludar a ·".
_CAUSE_WORDS = ("como ", "ya que ", "puesto que ", "dado que ", "visto que ")
_CAUSE = lazy_pattern(r"\s*[*_=]*(?:como|ya que|puesto que|dado que|visto que)\s[^,·]{3,80}?,")


def _after_cause(line: _Line, c_start: int, c_end: int, at: int, matcher: VocabularyMatcher,
                 cues: Cues) -> tuple[int, _Event | None, int | None,
                                      frozenset[Direction] | None, Any] | None:
    """The clause read from the end of a leading clause of cause that does not name the
    contact (its start, event, intention, direction marks and times), or None: the cause is
    why, not what happened, so its plan, its failure or its words for a meeting ("no pude ir a
    verlo en persona") are no part of the event told after it."""
    if line.blanked.find(",", c_start, at) < 0 or not line.blanked[
            c_start:c_start + 14].lstrip(" *_=").lower().startswith(_CAUSE_WORDS):
        return None  # the common case: no comma before the name, or no cause opening
    lead = _CAUSE.match(fold(line.blanked[c_start:c_end]))
    if lead is None or c_start + lead.end() > at:
        return None  # no comma closes it, or the name is in it
    start = c_start + lead.end()
    event, intent, marks = matcher.read_clause(line.blanked[start:c_end])
    times = clause_times(line.blanked[start:c_end], cues) if cues.any_time else NO_TIMES
    return start, event, intent, marks, times


def _undone_after(line: _Line, c_end: int, matcher: VocabularyMatcher) -> bool:
    """Whether the clause ending at ``c_end`` is followed, after a dash, by a part with no
    event of its own that opens a whole-clause veto ("Called Ana — went to voicemail", "…
    — cancelled"): the attempt failed."""
    if not line.dashed:
        return False
    rest = line.blanked[c_end:c_end + 3]
    if not rest or rest.lstrip()[:1] not in ("—", "–"):
        return False
    index = bisect.bisect_left(line.stops, c_end)
    n_start = line.resumes[index] if index < len(line.resumes) else len(line.blanked)
    n_end = line.stops[index + 1] if index + 1 < len(line.stops) else len(line.blanked)
    folded = fold(line.blanked[n_start:n_end])
    return (matcher.first_event(folded) is None and matcher.intent_start(folded) == 0
            and not _their_news(folded, matcher))


_NEXT_STOP = (".", ";")


def _unreached_after(line: _Line, c_end: int, channel: str, matcher: VocabularyMatcher,
                     cues: Cues) -> bool:
    """Whether the clause ending at ``c_end``, a call or a visit, is followed on its line,
    after a full stop or a semicolon, by a part with no event of its own that opens by saying
    it reached no one: a call's ``unreached`` words ("Rang Ana. No answer.", "Llamé a Ana;
    buzón") or, for either, a ``not_there`` ("Fui a casa de Ana. No estaba."). A message
    sent is sent: "Texted Ana. No reply yet" still counts, and so does a meeting followed
    by "Nothing new"."""
    if line.blanked[c_end:c_end + 1] not in _NEXT_STOP or (
            "unreached" not in cues.lists and "not_there" not in cues.lists):
        return False
    index = bisect.bisect_left(line.stops, c_end)
    n_start = line.resumes[index] if index < len(line.resumes) else len(line.blanked)
    n_end = line.stops[index + 1] if index + 1 < len(line.stops) else len(line.blanked)
    folded = fold(line.blanked[n_start:n_start + 80]).lstrip(" *_-—–")
    if not ((channel == "call" and cues.listed("unreached", folded))
            or cues.listed("not_there", folded)):
        return False  # the common case: the next sentence tells something else
    return matcher.first_event(fold(line.blanked[n_start:n_end])) is None


# A part that opens with a pronoun for them and a verb of theirs: "— she remembered my
# birthday", "— he loved it" (news of theirs, not a failure: "— she didn't pick up" is one).
_THEY_OPEN = lazy_pattern(r"\s*[—–]?\s*(?:he|she|they)\s+")


def _their_news(folded: str, matcher: VocabularyMatcher) -> bool:
    """Whether the part ``folded`` after a dash opens with a pronoun subject whose own words
    hold no veto: what they did next, not what undid the event."""
    match = _THEY_OPEN.match(folded)
    return match is not None and matcher.intent_start(folded[match.end():]) != 0


# A question after a colon that follows the name, opening with an auxiliary and a person:
# what a message or a call asked ("Slack from ·: could I cover his clinic?"), not the clause.
_ASKED_IN_IT = lazy_pattern(
    r":\s*[\"“«]?(?:could|can|would|will|should|shall|do|does|did|is|are|was|were|have|has|may|"
    r"might|any)\s+(?:i|you|we|he|she|they|it|someone|news|chance)\b", re.IGNORECASE)


def _asked_in_it(blanked: str, c_start: int, c_end: int, at: int, channel: str) -> bool:
    """Whether the clause's question is what a message or a call asked: a colon after the
    name, then a question opening with an auxiliary and a person."""
    if channel not in ("message", "call"):
        return False
    colon = blanked.find(":", at, c_end)
    return colon >= 0 and _ASKED_IN_IT.match(blanked, colon) is not None


def _is_subject(blanked: str, c_start: int, at: int, event_start: int,
                name_end: int | None = None) -> bool:
    """Whether the name at ``at`` reads as the subject of the event phrase of its clause
    (which starts at ``c_start``): before the phrase, and after at most two words ("Ana
    called", "Yesterday Ana called"; not "Finally got hold of Ana on the phone"), and not
    a possessive ("Missed Ben's call, rang him back": Ben is not who rang)."""
    if at - c_start >= event_start:
        return False
    if name_end is not None and _POSSESSIVE.match(blanked, name_end):
        return False
    if (name_end is not None and _MY_OWN_PART.search(blanked, name_end, c_start + event_start)
            and _ON_THEM.match(blanked, c_start + event_start)):
        return False  # "· flashed me so I called her back": I did it to them, in my own part
    return len(_WORD.findall(blanked, c_start, at)) <= 2


_POSSESSIVE = lazy_pattern(r"[*_=]*['’]s\b")
# A part of the writer's own between the name and the event phrase: "so I", ", then we".
_MY_OWN_PART = lazy_pattern(r"(?:\bso|\bthen|\bbut|[,;])\s+(?:i|we)\s", re.IGNORECASE)
# The event phrase's verb, then a pronoun for the contact: "called her back", "rang him".
# (not "her" before a noun: "called her brother")
_ON_THEM = lazy_pattern(r"\S+\s+(?:\S+\s+)?(?:him\b|them\b|her\b(?!\s+(?!(?:to|about|for|at|on|"
                        r"in|back|and|with|from|yesterday|today|this|last|after|before)\b)"
                        r"[A-Za-z]))", re.IGNORECASE)


def _owns(blanked: str, name_end: int, event_start: int) -> bool:
    """Whether the name ending at ``name_end`` is a possessive right before the event phrase
    ("Rodrigo's call with the client"): the event is theirs, with whoever follows it."""
    match = _POSSESSIVE.match(blanked, name_end)
    return (match is not None and event_start >= name_end  # the phrase may open on its "s"
            and not blanked[match.end():event_start].strip())

# Before an event phrase that the contact's name follows: a subject that is neither me nor
# us — another name alone ("Ben met Marcus") or a noun with its determiner ("Mi jefa comió
# con Carmen", "My boss had lunch with Carmen"), not a time ("El jueves cené con…"). In
# English, a time or a circumstance may open the clause before that subject ("After the gig
# the drummer went for a drink with Carmen"), a bare word for a relative may be the subject
# ("Mum rang Carmen"), and so may a pronoun after such an opening ("Yesterday she had dinner
# with Carmen"; "He" alone opens a Spanish perfect as often).
_LEADING_TIME = (r"(?:(?:yesterday|today|tonight|later|then|earlier|afterwards|meanwhile|"
                 r"this (?:morning|afternoon|evening|week)|last (?:night|week|weekend)|"
                 r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
                 r"in the (?:morning|afternoon|evening)|"
                 r"(?:at|after|before|during) (?:the |our |my )?[a-z]+)\s*,?\s+)?")
_OTHER_SUBJECT = lazy_pattern(
    r"\s*(?:" + _LEADING_TIME[:-1] + r"(?:he|she|they)|" + _LEADING_TIME
    + r"(?:[*_=]*·+[*_=]*|(?:mum|mom|mam|dad|nan|gran|granny|grandma|grandpa|grandad)|"
    r"(?:my|his|her|their|our|your|the|mi|su|sus|el|la|los|las)\s+"
    r"(?!(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|miercoles|"
    r"jueves|viernes|sabado|domingo|morning|afternoon|evening|night|day|week|weekend|other|"
    r"next|last|same|manana|tarde|noche|semana|finde|otro|otra|dia|mes|month|year|ano)\b)"
    r"\w+))(?:\s+(?:se|le|les|lo|la|los|las))?\s*$", re.IGNORECASE)


# Contacts joined before the event phrase, and nothing else: "· and · met", "· y · se vieron".
_JOINT = lazy_pattern(r"\s*[*_=\[]*·+[*_=\]]*(?:(?:\s*,\s*|\s+(?:and|y|e|&)\s+)[*_=\[]*·+[*_=\]]*)+"
                    r"\s+(?:(?:se|also|then|finally|just)\s+)?$", re.IGNORECASE)
# Words that put the writer into a clause, and event phrases that come to the writer.
_ME_IN_IT = lazy_pattern(r"(?<![\w·])(?:i|me|us|we|my|our|yo|nos|mi|mis|conmigo|nuestr[oa]s?)(?![\w·])",
                       re.IGNORECASE)
_TO_ME = lazy_pattern(r"came|come|visit|over|vin|venir|casa|verme|vernos|pasaron|pasamos",
                    re.IGNORECASE)


def _among_themselves(blanked: str, c_start: int, c_end: int, event_start: int,
                      event_end: int) -> bool:
    """Whether the clause's subject is contacts joined and nothing else, the meeting is
    between them ("Marta and Luis met to discuss the roadmap", "Marta y Luis se vieron en
    Madrid"): no word for the writer in the clause and an event phrase that does not come to
    the writer ("Marta and Luis came over" is with me)."""
    return (_JOINT.fullmatch(blanked, c_start, event_start) is not None
            and (_ME_IN_IT.search(blanked, c_start, c_end) is None
                 or writer_as_place(blanked, c_start, c_end))  # "· and · met at my party"
            and _TO_ME.search(blanked, event_start, event_end) is None)


# A Spanish clitic for a third person opening an event phrase ("les escribió", "la llamó"):
# whom the act went to, when the contact is its subject and no "a" marks them as its object.
_THIRD_CLITIC = lazy_pattern(r"(?:le|les|lo|la|los|las)\s", re.IGNORECASE)
_PERSONAL_A_BEFORE = lazy_pattern(r"(?:^|\s)(?:a|al)\s+[*_=\[]*$", re.IGNORECASE)


def _to_a_third(blanked: str, c_start: int, at: int, event_start: int,
                marks: frozenset[Direction] | None) -> bool:
    """Whether the event phrase starting at ``event_start``, whose subject is the name at
    ``at``, opens with a clitic for a third person ("Ana les escribió a sus padres", "Ana la
    llamó"): she acted on someone else. Not when the writer acted ("A Ana le escribí": an
    ``out`` phrase, or a personal "a" before the name)."""
    if not _THIRD_CLITIC.match(blanked, event_start) or (marks and "out" in marks):
        return False
    return _PERSONAL_A_BEFORE.search(blanked, c_start, at) is None


def _other_subject(blanked: str, c_start: int, event_start: int, at: int) -> bool:
    """Whether the event phrase starting at ``event_start``, whose object is the name at
    ``at``, has someone else for its subject (see :data:`_OTHER_SUBJECT`)."""
    return (at >= event_start and not _JOINED.match(blanked, event_start)
            and _OTHER_SUBJECT.fullmatch(fold(blanked[c_start:event_start])) is not None)


_FIRST_WORDS = lazy_pattern(r"\s*[*_=]*([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)[*_=]*\s+(\w+)")


def _named_subject(blanked: str, c_start: int, event_start: int) -> bool:
    """Whether the clause opens, before its event phrase, with a given name that is no contact
    and no everyday word, not joined to others ("Lucas ha ido a casa de ·", "Noah went to
    ·'s"; not "Lucas y yo…"): someone else is the subject."""
    if event_start - c_start < 4:
        return False  # the event phrase opens the clause: no subject before it
    first = blanked[c_start:c_start + 2].lstrip(" *_=")[:1]
    if not first.isupper():
        return False  # the usual clause opens with a verb, lowercase after a list marker…
    match = _FIRST_WORDS.match(blanked, c_start)
    if match is None or match.end(1) > event_start or _JOINED.match(match[2] + " "):
        return False
    if not _is_someone(match[1]):
        # "At lunch Ben chatted with ·": a time or a circumstance before the name
        lead = _LEAD_TIME.match(fold(blanked[c_start:event_start]))
        match = _FIRST_WORDS.match(blanked, c_start + lead.end()) if lead else None
        if match is None or match.end(1) > event_start or _JOINED.match(match[2] + " "):
            return False
    return _is_someone(match[1])


_LEAD_TIME = lazy_pattern(r"\s*[*_=]*" + _LEADING_TIME[:-1])


_SOMEONE: dict[str, bool] = {}  # first word -> a given name that is no everyday word


_JOINED = lazy_pattern(r"(?:and|y|e|&)\s", re.IGNORECASE)  # "Luis y yo comimos con Marta"


# Where a clause turns to what happened instead: "…, so I texted him", "… pero hablamos".
_CONNECTOR = lazy_pattern(r"(?:,|\s)\s*(?:so|but|and instead|pero|asi que|y al final|en cambio)\s")


def _fallback(blanked: str, c_start: int, c_end: int, after: int, name: tuple[int, int],
              matcher: VocabularyMatcher, cues: Cues) -> tuple[_Event, frozenset[Direction]] | None:
    """The event told after a connector past offset ``after`` (the intention) of a clause
    whose start was a plan, an attempt or a cancellation ("Lunch with Ana was cancelled, so we
    did a quick call instead"): the last part's event and direction phrases, when it has an
    event, no intention of its own, and names no one else than the contact (``name``: its
    start and end from the clause's start) — who may stand in that part ("No llegó el
    repartidor, así que Valeria y yo nos fuimos a desayunar"). A last part with no event
    phrase where "we" did something is a meeting with them ("La cata con Bego se canceló,
    pero nos hemos tomado una caña", "…, so I walked over and we sorted it"); else None."""
    clause = fold(blanked[c_start:c_end])
    tail_at = None
    for match in _CONNECTOR.finditer(clause, after):
        tail_at = match.end()
    if tail_at is None:
        return None
    tail = clause[tail_at:]
    if "·" in tail and (tail_at > name[0] or "·" in clause[tail_at:name[0]]
                        or "·" in clause[name[1]:]):
        return None  # someone else in the part that happened
    event = matcher.first_event(tail)
    if event is None:
        if tail_at > name[0] and (we_did(blanked[c_start + tail_at:c_end], cues)
                                  or _we_at_theirs(blanked[c_start + tail_at:c_end], cues)):
            return (tail_at, tail_at, matcher.medium(tail)), frozenset({"both"})
        return None
    if _intent_in_tail(tail, event[1], matcher):
        return None
    return event, matcher.direction_marks(tail)


# "We" and a verb the writer did, an adverb or two allowed between: "then we got chips",
# "and we actually sat down"; not "we lost touch" (a parting is no time spent together).
_WE_DID = lazy_pattern(r"(?<![\w·])we\s+(?:(?:then|also|all|both|just|finally|actually|quickly|"
                       r"soon|\w+ly)\s+){0,2}([a-z]+)\b")
_APART = frozenset({"lost", "drifted", "stopped", "split", "parted", "broke", "hired", "fired",
                    "decided", "agreed", "disagreed", "argued", "heard", "learned", "learnt",
                    "found", "realised", "realized", "missed", "waited", "tried", "had"})
_WE = lazy_pattern(r"(?<![\w·])[Ww][Ee](?![\w·])")
_THEIRS = lazy_pattern(r"(?<![\w·])(?:him|her|hers|his|them|their|theirs)(?![\w·])")


def _we_did_here(text: str, cues: Cues) -> re.Match[str] | None:
    """The first "we" of ``text`` (lowercase) followed by a verb the writer did that is no
    habit and no parting (:data:`_APART`), else None."""
    for match in _WE_DID.finditer(text):
        verb = match[1]
        if verb == "had" and _HAD_TOGETHER.match(text, match.end()):
            return match  # "… and we had a natter": time spent together, not "we had a row"
        if (verb not in _APART and cues.done is not None and cues.done.fullmatch(verb)
                and not habitual(verb, cues)):
            return match
    return None


# What "we had" together: a talk, a drink, a meal, a laugh ("we had a natter", "we had a
# quick pint").
_HAD_TOGETHER = lazy_pattern(
    r"\s+(?:a |an |some )?(?:(?:good|quick|long|short|proper|lovely|nice|little|great|few|"
    r"couple of) )?(?:natter|chat|chinwag|catch-?up|coffee|cuppa|brew|pints?|drinks?|beers?|"
    r"laugh|talk|yarn|bite|meal|lunch|dinner|breakfast|brunch|walk|dance|picnic|barbecue|bbq)\b")


def _we_after_them(blanked: str, c_start: int, c_end: int, at: int, name_end: int,
                   cues: Cues) -> tuple[int, int] | None:
    """Where, from ``c_start``, the verb of a later "we" starts and ends when the contact opens
    the clause as the subject of something done (at most two words before it, no possessive)
    and no one else is named before that "we": they came into the story, then "we" did
    something — they and I ("Mick drove the van while I slept, then we got chips"); or when
    the clause turns ("so", "but") to a part where the writer went to them and "we" did
    something ("Wes didn't pick up, so I walked over to his desk and we sorted it": what
    the intention check then reads as what happened after all); else None."""
    if _WE.search(blanked, name_end, c_end) is None:
        return None  # the common case: no "we" after the name, told in one search
    if cues.done is None or len(_WORD.findall(blanked, c_start, at)) > 2:
        return None
    lowered = blanked[name_end:c_end].lower()
    # the last connector: "…, so I walked over to his desk and we sorted it"
    turn = next(reversed(list(_CONNECTOR.finditer(lowered))), None)
    if turn is not None and _we_at_theirs(lowered[turn.end():], cues):
        we = _we_did_here(lowered[turn.end():], cues)
        if we is not None and "·" not in lowered[turn.end():]:
            start = name_end + turn.end() + we.start(1) - c_start
            return start, start + len(we[1])
    first = _WORD.search(lowered)
    if (first is None or first.start() > 1 or cues.done.fullmatch(first[0]) is None
            or habitual(first[0], cues)):
        return None  # not "· drove …": a possessive, no verb, a present tense
    we = _we_did_here(lowered, cues)
    if we is None or "·" in lowered[:we.start()]:
        return None
    return name_end + we.start(1) - c_start, name_end + we.end(1) - c_start


# The contact, a verb of theirs, then me or us: "Ana helped me move", "Ana took me to the
# opera", "Ana had us over", "Ana cooked for us", "Ana sat next to me".
_ON_ME = lazy_pattern(r"[*_=\]]*\s+([a-z]+)\s+(?:(?:for|with|next to|beside)\s+)?(?:me|us)(?![\w·'’])")
_ON_MY_THING = lazy_pattern(r"[*_=\]]*\s+([a-z]+(?: up| over)?)\s+(?:my|our)\s+[a-z]")
# Verbs on me that are no time together: a feeling, a thing done about me elsewhere, money.
_NOT_ON_ME = frozenset({
    "was", "were", "been", "reminded", "inspired", "impressed", "annoyed", "surprised",
    "disappointed", "bored", "scared", "worried", "amused", "moved", "touched", "loved", "hated",
    "missed", "blocked", "unfollowed", "unfriended", "ignored", "ghosted", "forgot", "owed",
    "recommended", "nominated", "cced", "copied", "included", "added", "mentioned", "quoted",
    "cited", "credited", "paid", "charged", "invoiced", "billed", "refunded", "reported",
    "blamed", "accused", "sued", "warned", "referred", "assigned", "ranked", "rated",
    "dumped", "left", "replaced", "needed", "wanted", "liked", "followed", "tagged",
    "confused", "upset", "offended", "hurt", "fooled", "tricked", "lost"})


def _on_me(blanked: str, c_start: int, c_end: int, at: int, name_end: int,
           cues: Cues) -> tuple[int, int] | None:
    """Where, from ``c_start``, the verb starts and ends when the contact opens the clause
    (at most two words before it) and a verb of theirs that reports something done acts on
    me or us right after it ("Ana helped me move", "Ana took me to the opera", "Ana had us
    over"): time they spent with me, in the medium the clause names, else in person. Not a
    feeling or a thing done about me elsewhere (:data:`_NOT_ON_ME`); else None."""
    match = _ON_ME.match(blanked, name_end, c_end)
    if match is None and "hands_on" in cues.lists:
        # "Ana fixed my bike", "Ana cut my hair": their hands on a thing of mine
        match = _ON_MY_THING.match(blanked, name_end, c_end)
        if match is not None and not cues.listed("hands_on", match[1]):
            match = None
    if match is None or cues.done is None:
        return None
    verb = match[1]
    if (verb in _NOT_ON_ME or cues.done.fullmatch(verb) is None or habitual(verb, cues)
            or len(_WORD.findall(blanked, c_start, at)) > 2):
        return None
    return match.start(1) - c_start, match.end(1) - c_start


def _we_at_theirs(tail: str, cues: Cues) -> bool:
    """Whether the part that happened after all went to them and "we" did something there
    ("…, so I walked over to his desk and we sorted it", "…, but I drove over to hers and we
    watched a film"): a pronoun for them, then "we" and a verb the writer did."""
    lowered = tail.lower()
    pronoun = _THEIRS.search(lowered)
    return pronoun is not None and _we_did_here(lowered[pronoun.end():], cues) is not None


def _intent_in_tail(tail: str, before: int, matcher: VocabularyMatcher) -> bool:
    """Whether the part after a connector holds an intention before offset ``before``; a
    pronoun opening it, in a part that comes to the writer, is the contact ("…, but he finally
    replied to my email"), not someone else's doing ("…, but he met Ben instead")."""
    if not matcher.is_intent(tail, before=before):
        return False
    match = _THEY_OPEN.match(tail)
    return (match is None or _ME_IN_IT.search(tail, match.end()) is None
            or matcher.is_intent(tail[match.end():], before=before - match.end()))


# After an event phrase whose subject is the contact: who the other party is. Me or us, or
# nothing said: an event with me; a name, or someone after "with" / "con": someone else's.
# Nouns for people who are not a contact, after an event phrase ("emailed the landlord").
_PEOPLE = (
    r"landlord", r"landlady", r"clients?", r"customers?", r"team", r"boss", r"manager",
    r"ceo", r"cto", r"founders?", r"doctor", r"dentist", r"plumber", r"agent", r"lawyer",
    r"recruiter", r"vendor", r"supplier", r"investors?", r"bank", r"school", r"teacher",
    r"family", r"mom", r"mum", r"dad", r"mother", r"father",
    r"brother", r"sister", r"wife", r"husband", r"partner", r"kids?", r"parents?",
    r"friends?", r"colleagues?", r"neighbou?rs?", r"contractor", r"accountant", r"staff",
    r"minister", r"mayor", r"councill?ors?", r"senator", r"president", r"governor", r"vicar",
    r"priest", r"pastor", r"judge", r"officers?", r"police", r"nurses?", r"vet", r"tutor",
    r"coach", r"mechanic", r"builders?", r"electrician", r"chef", r"receptionist",
    r"secretary", r"assistant", r"principal", r"headteacher", r"inspector", r"auditors?",
    r"board", r"journalists?", r"reporters?", r"candidates?", r"interns?", r"patients?",
    r"madre", r"padre", r"hermano", r"hermana", r"jefe", r"jefa", r"cliente", r"clientes",
    r"medico", r"medica", r"abogado", r"abogada", r"casero", r"casera", r"mujer", r"marido",
    r"pareja", r"novio", r"novia", r"hijo", r"hija", r"hijos", r"amigo", r"amiga", r"amigos",
    r"amigas", r"vecino", r"vecina", r"equipo", r"familia", r"director", r"directora",
    r"gestor", r"gestora", r"proveedor",
)
# A name followed by someone of theirs who did the event: "Ana's mum called", "Ana's lender
# rang the bank" (a noun for a person: one of _PEOPLE, or one that names a doer).
_THEIR_AGENT = lazy_pattern(
    r"[*_=]*['’]s\s+(?:\w+\s+)?(?:" + "|".join(_PEOPLE)
    + r"|\w+(?:er|or|ist|ant|ary|ian)s?)\b", re.IGNORECASE)


_OWNING = frozenset("'’*_=")


def _their_agent(blanked: str, name_end: int, event_start: int) -> bool:
    """Whether the name ending at ``name_end``, before the event phrase, owns its subject:
    a possessive, then a noun for a person, then the event phrase."""
    match = _THEIR_AGENT.match(blanked, name_end)
    return match is not None and match.end() <= event_start and not blanked[
        match.end():event_start].strip(" *_=")


# A name followed by someone of theirs: "Oliver's new team", "Ana's mum".
_POSSESSED_PERSON = lazy_pattern(
    r"[*_=]*['’]s\s+(?:(?!(?:after|before|for|on|in|at|with|from|to|by|about|last|this|next)\b)"
    r"\w+\s+)?(?:" + "|".join(_PEOPLE) + r")\b", re.IGNORECASE)  # not "at Ana's after school"
_OTHER_PARTY = lazy_pattern(
    r"\s*(?:(?P<me>me|us|mi|nosotros|nosotras|conmigo)\b|(?P<name>[*_=]*·)"
    # (a possessive before a thing is no party: "Ana sent over his notes", "me envió su CV")
    r"|(?P<theirs>(?:him|them)\b|her\b(?!\s+(?!(?:to|about|for|at|on|in|back|and|with|from|"
    r"yesterday|today|this|last|after|before)\b)[A-Za-z]))"
    # someone named by a noun: "emailed the landlord", "llamó a su madre", "called my brother"
    r"|(?P<det>(?:the|a|an|his|her|their|al|a la|a el|a los|a las|a un|a una|a su|a sus)"
    r"\s+(?:\w+\s+)?(?:" + "|".join(_PEOPLE) + r")\b)"
    r"|(?P<word>\w+))")
_WITH = lazy_pattern(r"(?:\bwith|\bcon|w/)\s*$", re.IGNORECASE)
# "met" closing the event phrase, then someone named by a determiner and a noun: whoever is
# met that way is a person other than the writer ("· met the chief", "· met a buyer").
_MET_SOMEONE = lazy_pattern(r"(?:^|.?\W)met", re.IGNORECASE)
_DETERMINED = lazy_pattern(r"\s+(?:the|a|an|his|her|their|some|two|three|several)\s+[a-z]",
                           re.IGNORECASE)


# Whom a call or a message went to, after its phrase: a Spanish personal "a" before someone
# named by a noun for a person ("le escribió a la profe", "llamó al fontanero"), not a thing
# ("me contestó al correo", "me invitó a su boda").
_PERSONAL_A = lazy_pattern(
    r"\s*(?:a (?:la|el|los|las|su|sus|un|una|unos|unas)\s+|al\s+)(?:(?:\w+\s+)?(?:"
    + "|".join(_PEOPLE) + r"|profes?|profesor\w*|maestr[oa]s?|tutor\w*)|"
    r"(?!(?:primer[oa]|tercer[oa]|manera|carrera|espera|entera|ligera|postre|antes)\b)"
    r"\w{3,}(?:or|ora|ores|oras|ero|era|eros|eras|ista|istas|ante|antes|ente|entes))\b",
    re.IGNORECASE)


def _someone_else(blanked: str, after: int, possessive: bool = False,
                  channel: str = "") -> bool:
    """Whether the event phrase ending at ``after`` names its other party, and it is not the
    writer: a name right after it, someone named by a noun ("the landlord", "a su madre"), or
    anyone but me after a closing "with" / "con" — or, for a possessive subject ("Rodrigo's
    call with the client"), after a "with" that follows the phrase."""
    match = _OTHER_PARTY.match(blanked, after)
    if match is None or match["me"]:
        return False
    if channel in ("call", "message") and _PERSONAL_A.match(blanked, after):
        return True  # "Ana le escribió a la profe"
    if match["name"] or match["theirs"] or match["det"]:
        return True
    if channel == "in_person" and _MET_SOMEONE.fullmatch(blanked, max(0, after - 4), after) \
            and _DETERMINED.match(blanked, after):
        return True  # "· met the chief at the baraza": one meets a person, never me by "the"
    if possessive and match["word"] in ("with", "con"):
        return _someone_else(blanked, match.end())  # "Rodrigo's call with the client"
    return bool(match["word"]) and _WITH.search(blanked, max(0, after - 5), after) is not None


# A given name right after an event phrase (its "with" included): "· met Ben for coffee",
# "· had lunch with Sam".
_NEXT_NAME = lazy_pattern(r"\s+[*_=\[]*([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)\b(['’]s)?")


def _is_someone(word: str) -> bool:
    """Whether ``word`` is a given name and no everyday word: a person's (asked once per word)."""
    known = _SOMEONE.get(word)
    if known is None:
        known = _SOMEONE[word] = is_given_name(word) and not is_everyday(word)
    return known


def _named_other(blanked: str, after: int, channel: str = "") -> bool:
    """Whether the event phrase ending at ``after``, whose subject is the contact, has for its
    other party a given name that is no contact and no everyday word ("· met Ben for coffee",
    "· comió con Pedro"), or, for a social act, a thing of theirs ("· liked Ben's photo"):
    their event with someone else, not mine."""
    match = _NEXT_NAME.match(blanked, after)
    if match is None or (match[2] and channel != "social"):
        return False
    return _is_someone(match[1])


def _blank_names(text: str, mentions: list[Mention]) -> str:
    """``text`` with every mentioned name blanked, so a name is never read as a word of the
    vocabulary ("Will Bibi" is no "will"); offsets are kept. A capitalised title right before
    a name, without a full stop ("Sister ·", "Pastor ·", "Uncle ·"), goes too, as spaces:
    it is the name's company, not a word of the clause ("huddle with · and Sister ·")."""
    pieces: list[str] = []
    done = 0
    for lo, hi in sorted([(m.start, min(m.end, len(text))) for m in mentions]):
        lo = max(lo, done)
        if hi > lo:
            title = _title_at(text, done, lo)
            if title < lo:
                pieces += (text[done:title], " " * (lo - title), "·" * (hi - lo))
            else:
                pieces += (text[done:lo], "·" * (hi - lo))
            done = hi
    pieces.append(text[done:])
    return "".join(pieces)


def _title_at(text: str, done: int, lo: int) -> int:
    """Where a capitalised title stands right before the name at ``lo`` (one space between,
    no full stop: "Sister ·", "Pastor ·"), or ``lo`` when none does; a few character tests
    for most names."""
    if lo < 3 or text[lo - 1] != " ":
        return lo
    floor = done if done > lo - 24 else lo - 24
    start = max(text.rfind(" ", floor, lo - 1), text.rfind("\n", floor, lo - 1)) + 1 or floor
    if not text[start].isupper() or (start == floor and start and text[start - 1] != "\n"):
        return lo  # most words before a name are lowercase
    word = text[start:lo - 1]
    return start if word.isalpha() and is_title(word) else lo


def _own_log(note: Note, own: str, config: Config, matcher: VocabularyMatcher,
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
                found.add(own, day, channel, line_no, line,
                          direction="both" if channel == "in_person" else "out")
            continue
        if _inside(pos, spans) or line_kind(line) in ("quote", "open_task"):
            continue
        written = line_date(line)
        if written is None:
            continue
        folded = fold(_strip_marker(line)[0])
        event = matcher.first_event(folded)
        if event and not matcher.is_intent(folded, before=event[1]):
            direction = event_direction(matcher.direction_marks(folded), event[2], None)
            found.add(own, written, event[2], line_no, line, direction=direction)
