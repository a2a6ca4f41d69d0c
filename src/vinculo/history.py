"""Interaction history helpers shared by the ladder plugins: vocabularies, dates, thresholds.

The built-in plugins (interactions, meetings, ladder, the suggestion rules, pacing) each do one
concern; what more than one of them needs lives here so they agree on it: how a vocabulary
phrase matches, which date a line is about, how old a connection is, a contact's cadence.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from typing import Any

import pluggy

from vinculo import ladder_settings as _ladder
from vinculo import vocab_store
from vinculo.config import Config
from vinculo.config_schema import MAX_DAYS, parse_days  # noqa: F401 (re-exported)
from vinculo.dates import MONTHS, coerce_date, written_date  # noqa: F401 (MONTHS re-exported)
from vinculo.ladder_settings import ladder_settings
from vinculo.lemmas import expand
from vinculo.model import (
    CHANNELS,
    DIRECTIONS,
    Channel,
    Contact,
    Direction,
    History,
    Interaction,
    Note,
    Vocabulary,
)
from vinculo.phrase_search import (
    PhraseFinder,
    alternation,
    finder_from,
    finder_tree,
    phrase_error,
    phrase_finder,
)
from vinculo.text import fold, fold_pattern

_LADDER_KEYS = {f.name for f in fields(_ladder.LadderSettings)}

# --- vocabularies ----------------------------------------------------------------------------


def gather_vocabularies(pm: pluggy.PluginManager) -> list[Vocabulary]:
    """Every vocabulary the plugins contribute (English and Spanish are built-in plugins)."""
    out: list[Vocabulary] = []
    for batch in pm.hook.register_vocabulary():
        out.extend(batch or [])
    return out


# What a clause holds: its event ``(start, end, channel)``, where its earliest intention phrase
# starts, its direction phrases' directions (see VocabularyMatcher.read_clause).
ClauseReading = tuple["tuple[int, int, Channel] | None", "int | None",
                      "frozenset[Direction] | None"]
# Clauses a matcher remembers, each at most so long: a few megabytes at most.
_READINGS_KEPT, _READING_CHARS = 20_000, 300


@dataclass(frozen=True)
class VocabularyMatcher:
    """Vocabularies compiled for matching over ``fold()``-ed text.

    A phrase is a regular-expression fragment written lowercase and without accents ("llame a",
    "had (a )?coffee with"); it matches on word boundaries. Accent-free phrases over folded text
    mean "llamé", "llame" and "LLAMÉ" are one phrase. A phrase may name a verb by its lemma
    (``{almorzar} con``) and a name by ``{@}`` (``{send} {@} a message``): see
    :mod:`vinculo.lemmas`. Events of the key ``talk`` are conversations whose channel the
    clause names elsewhere ("talked to Ana on the phone"), else in person.
    """

    events: tuple[tuple[Channel, re.Pattern[str]], ...]
    # Where the earliest phrase starts, found in one pass for every channel.
    event_finder: PhraseFinder
    intent_finder: PhraseFinder
    # Phrases that say who moved, per direction ("in", "out", "both"), as declared.
    directions: tuple[tuple[Direction, PhraseFinder], ...] = ()
    # Instructions a ticked task opens with ("llamar a"), per channel: see Vocabulary.tasks.
    tasks: tuple[tuple[Channel, re.Pattern[str]], ...] = ()
    # Clauses already read (see read_clause): notes repeat their phrasings.
    _readings: dict[tuple[str, bool], ClauseReading] = field(
        default_factory=dict, compare=False, hash=False, repr=False)

    def read_clause(self, clause: str, ticked: bool = False) -> ClauseReading:
        """``(event, intent start, direction marks)`` of a clause (raw text, folded here):
        its earliest event phrase (or, for the clause that opens a ``ticked`` task, the
        instruction it opens with), and when there is one, where the earliest intention
        phrase starts and the directions whose phrases occur; None for both when there is no
        event.

        Remembered by the clause's text, so a phrasing a vault repeats ("Llamé a ·····",
        a daily template's lines) is searched once per process: the answer depends on the
        text alone, so it is the same either way."""
        key = (clause, ticked)
        known = self._readings.get(key)
        if known is None:
            folded = fold(clause)
            event = self.first_event(folded)
            if event is None and ticked:
                event = self.task_event(folded)  # an instruction, ticked: done
            intent = marks = None
            if event is not None:
                intent = self.intent_start(folded)
                marks = self.direction_marks(folded)
            known = (event, intent, marks)
            if len(clause) <= _READING_CHARS:  # a long clause seldom comes back
                if len(self._readings) >= _READINGS_KEPT:  # a bound on memory, not on speed
                    self._readings.clear()
                self._readings[key] = known
        return known

    def task_event(self, folded: str) -> tuple[int, int, Channel] | None:
        """``(0, end, channel)`` when ``folded`` (a ticked task's text) opens with an
        instruction phrase ("llamar a", "call"), else None."""
        for channel, pattern in self.tasks:
            match = pattern.match(folded)
            if match:
                return (0, match.end(), channel)
        return None

    def first_event(self, folded: str) -> tuple[int, int, Channel] | None:
        """``(start, end, channel)`` of the earliest (then longest) event phrase, or None.

        Every channel's earliest match starts at or after the earliest start of them all, so
        only the channels that match right there compete (on length, then channel order)."""
        start = self.event_finder.start(folded)
        if start is None:
            return None
        best: tuple[int, int, str] | None = None
        for channel, pattern in self.events:
            match = pattern.match(folded, start)
            if match is None:
                continue
            if best is None or (
                # a channel's phrase beats a conversation's at the same place, however long
                best[2] == TALK and channel != TALK
                or (best[2] == TALK) == (channel == TALK) and match.end() > best[1]
            ):
                best = (start, match.end(), channel)
        if best is not None and best[2] == TALK:
            return (best[0], best[1], self.medium(folded))
        return best  # type: ignore[return-value]  # TALK replaced above: one of CHANNELS

    def medium(self, folded: str) -> Channel:
        """The channel of a conversation ("talked to Ana", "hablé con Ana"): the earliest
        channel phrase of its clause ("on the phone", "por WhatsApp"), else in person."""
        found: tuple[int, Channel] | None = None
        for channel, pattern in self.events:
            if channel == TALK:
                continue
            match = pattern.search(folded)
            if match and (found is None or match.start() < found[0]):
                found = (match.start(), channel)
        return found[1] if found else "in_person"

    def direction_marks(self, folded: str) -> frozenset[Direction]:
        """The directions whose phrases occur in ``folded`` (an event's clause)."""
        return frozenset(d for d, finder in self.directions if finder.start(folded) is not None)

    def intent_start(self, folded: str) -> int | None:
        """Where the earliest intention phrase of ``folded`` starts, or None."""
        return self.intent_finder.start(folded)

    def is_intent(self, folded: str, before: int | None = None) -> bool:
        """Whether an intention phrase starts in ``folded`` (before offset ``before``, when
        given): "need to call Ana" is a plan, "called Ana, she wants to meet" is an event.
        A phrase that must veto a whole clause wherever it stands is written to match from
        the start of the clause, e.g. ``^.*?cancelad[oa]``."""
        start = self.intent_finder.start(folded)
        return start is not None and (before is None or start < before)


_Phrases = tuple[tuple[str, tuple[str, ...]], ...]
# (language, ((channel, phrases), …), intents, ((direction, phrases), …), ((channel, task
# phrases), …)) per vocabulary: hashable, so compiled once.
_Key = tuple[tuple[str, _Phrases, tuple[str, ...], _Phrases, _Phrases], ...]


# A vocabulary's conversations ("talked to", "hablé con", "spent the afternoon with"): events
# whose channel is the medium the clause names ("on the phone", "por WhatsApp"), else in person.
TALK = "talk"


@lru_cache(maxsize=16)
def _compile(key: _Key) -> VocabularyMatcher:
    """The matcher of vocabularies ``key``: loaded as a previous run stored it, else
    compiled and stored (see :mod:`vinculo.vocab_store`)."""
    stored = vocab_store.load(key)
    if stored is not None:
        try:
            return _matcher_from(stored)
        except Exception:  # damaged, or from an engine that refuses it: compile again
            pass
    matcher = _build(key)
    with contextlib.suppress(KeyError):  # a pattern compiled elsewhere: nothing to keep
        vocab_store.save(key, _matcher_tree(matcher))
    return matcher


@dataclass(frozen=True)
class BrokenPhrase:
    """A vocabulary phrase that is no valid regular expression: it is skipped when the
    vocabularies are compiled (one bad phrase must not stop a run), and ``vinculo doctor``
    names it, or its author would never learn it does nothing. Checked there, not on every
    compile: checking costs a first run about 0.03 s, and the built-in phrases are checked by
    the tests."""

    language: str
    field: str  # "events.call", "intents", "directions.in", "tasks.message"
    phrase: str  # as written
    error: str  # the regular-expression compiler's message

    def __str__(self) -> str:
        return f"{self.language} {self.field}: {self.phrase!r} ({self.error})"


def broken_phrases(key: _Key) -> list[BrokenPhrase]:
    """The phrases of vocabularies ``key`` (see :func:`vocabulary_key`) that do not compile,
    as :func:`_build` reads them (lemmas expanded, folded)."""
    out: list[BrokenPhrase] = []
    for language, events, intent_phrases, directions, tasks in key:
        fields_ = [*((f"events.{c}", p) for c, p in events), ("intents", intent_phrases),
                   *((f"directions.{d}", p) for d, p in directions),
                   *((f"tasks.{c}", p) for c, p in tasks)]
        for name, phrases in fields_:
            for phrase in phrases:
                error = phrase_error(fold_pattern(expand(phrase, language)))
                if error is not None:
                    out.append(BrokenPhrase(language, name, phrase, error))
    return out


def _matcher_tree(matcher: VocabularyMatcher) -> dict[str, Any]:
    pattern = vocab_store.pattern_tree
    return {
        "events": [[channel, pattern(p)] for channel, p in matcher.events],
        "event_finder": finder_tree(matcher.event_finder),
        "intent_finder": finder_tree(matcher.intent_finder),
        "directions": [[d, finder_tree(f)] for d, f in matcher.directions],
        "tasks": [[channel, pattern(p)] for channel, p in matcher.tasks],
    }


def _matcher_from(tree: dict[str, Any]) -> VocabularyMatcher:
    def pattern(source: Any) -> re.Pattern[str]:
        loaded = vocab_store.pattern_from(source)
        if loaded is None:
            raise ValueError("a stored pattern is missing")
        return loaded

    return VocabularyMatcher(
        events=tuple((channel, pattern(p)) for channel, p in tree["events"]),
        event_finder=finder_from(tree["event_finder"]),
        intent_finder=finder_from(tree["intent_finder"]),
        directions=tuple((d, finder_from(f)) for d, f in tree["directions"]),
        tasks=tuple((channel, pattern(p)) for channel, p in tree["tasks"]),
    )


def _build(key: _Key) -> VocabularyMatcher:
    per_channel: dict[str, list[str]] = {c: [] for c in (*CHANNELS, TALK)}
    per_direction: dict[str, list[str]] = {d: [] for d in DIRECTIONS}
    intents: list[str] = []
    per_task: dict[str, list[str]] = {c: [] for c in CHANNELS}
    for language, events, intent_phrases, directions, tasks in key:
        for channel, phrases in tasks:
            if channel in per_task:
                per_task[channel].extend(fold_pattern(expand(p, language)) for p in phrases)
        for channel, phrases in events:
            if channel in per_channel:
                per_channel[channel].extend(fold_pattern(expand(p, language)) for p in phrases)
        intents.extend(fold_pattern(expand(p, language)) for p in intent_phrases)
        for direction, phrases in directions:
            if direction in per_direction:
                per_direction[direction].extend(fold_pattern(expand(p, language)) for p in phrases)
    compiled = tuple(
        (channel, pattern)
        for channel in (*CHANNELS, TALK)
        if (pattern := alternation(per_channel[channel])) is not None
    )
    all_events = [p for channel in (*CHANNELS, TALK) for p in per_channel[channel]]
    return VocabularyMatcher(
        events=compiled,  # type: ignore[arg-type]  # with TALK, which find() resolves
        event_finder=(phrase_finder(all_events)
                      or PhraseFinder(None, None, tuple(p for _, p in compiled))),
        # The intentions' alternation is compiled only when the finder cannot stand for it.
        intent_finder=(phrase_finder(intents)
                       or PhraseFinder(None, None, tuple(filter(None, [alternation(intents)])))),
        directions=tuple(
            (direction, finder)
            for direction in DIRECTIONS
            if (finder := _finder(per_direction[direction])) is not None
        ),
        tasks=tuple(
            (channel, pattern)
            for channel in CHANNELS
            if (pattern := alternation(per_task[channel])) is not None
        ),
    )


def _finder(phrases: list[str]) -> PhraseFinder | None:
    """A finder of the earliest of ``phrases``; None when there are none."""
    if not phrases:
        return None
    return phrase_finder(phrases) or PhraseFinder(
        None, None, tuple(filter(None, [alternation(phrases)])))


# The vocabularies compiled last, and their matcher: a run asks again for every note, with
# the same objects, so it is answered without building the key (vocabularies are frozen).
_last: tuple[tuple[Vocabulary, ...], VocabularyMatcher] | None = None


def vocabulary_key(vocabularies: list[Vocabulary]) -> _Key:
    """What the matcher of ``vocabularies`` is made of, as one hashable value: the same key,
    the same matcher (so it is compiled once, and stored between runs by its content)."""
    return tuple(
        (
            v.language,
            tuple(sorted((str(c), tuple(p)) for c, p in v.events.items())),
            tuple(v.intents),
            tuple(sorted((str(d), tuple(p))
                         for d, p in (getattr(v, "directions", None) or {}).items())),
            tuple(sorted((str(c), tuple(p))
                         for c, p in (getattr(v, "tasks", None) or {}).items())),
        )
        for v in vocabularies
    )


def compile_vocabularies(vocabularies: list[Vocabulary]) -> VocabularyMatcher:
    """One matcher for all languages at once: a vault mixes them, often in the same note."""
    global _last
    given = tuple(vocabularies)
    if _last is not None and _last[0] == given:
        return _last[1]
    key = vocabulary_key(vocabularies)
    matcher = _from_offer(key)
    if matcher is None:
        matcher = _compile(key)
    _last = (given, matcher)
    return matcher


# A matcher another process compiled for this one (see offer_matcher), loaded if it is asked for.
_offered: list[SharedMatcher] = []


def offer_matcher(shared: SharedMatcher | None) -> None:
    """Keep ``shared`` (from :func:`shared_matcher` in another process) as this process's
    matcher of its vocabularies, loaded only if this process reads events itself (a run's main
    process seldom does): a hundredth of a second then, against compiling them again."""
    _offered[:] = [shared] if shared is not None else []


def _from_offer(key: _Key) -> VocabularyMatcher | None:
    if not _offered or _offered[0][0] != key:
        return None
    try:
        return _matcher_from(_offered[0][1])
    except Exception:  # from another engine, or damaged: compile as usual
        return None


def matcher_at_hand(vocabularies: list[Vocabulary]) -> bool:
    """Whether this process has the matcher of ``vocabularies`` without compiling it: built
    or offered already, or kept in the state folder (:mod:`vinculo.vocab_store`)."""
    if _last is not None and _last[0] == tuple(vocabularies):
        return True
    key = vocabulary_key(vocabularies)
    return bool(_offered and _offered[0][0] == key) or vocab_store.stored(key)


# The matcher of some vocabularies as data: their key and the matcher's programs.
SharedMatcher = tuple[_Key, dict[str, Any]]


def shared_matcher(vocabularies: list[Vocabulary]) -> SharedMatcher | None:
    """The matcher of ``vocabularies`` — compiled, or loaded from the state folder, here —
    as data a worker process of the same code loads in a hundredth of a second
    (:func:`adopt_matcher`) instead of compiling it again (a third of a second when the
    state folder holds none); None when it cannot be described that way."""
    try:
        return vocabulary_key(vocabularies), _matcher_tree(compile_vocabularies(vocabularies))
    except KeyError:  # a pattern compiled elsewhere: each process compiles its own
        return None


def adopt_matcher(vocabularies: list[Vocabulary], shared: SharedMatcher | None) -> None:
    """Take ``shared`` (from :func:`shared_matcher` in another process) as the matcher of
    ``vocabularies`` in this one, when it is theirs (the same key) and loads; else nothing
    changes and they are compiled when first needed."""
    global _last
    if shared is None or shared[0] != vocabulary_key(vocabularies):
        return
    try:
        matcher = _matcher_from(shared[1])
    except Exception:  # from another engine, or damaged: compile as usual
        return
    _last = (tuple(vocabularies), matcher)


def file_events(history: History, today: dt.date) -> None:
    """Sort the events found with a contact (gathered in ``history.interactions``) into its
    history and its plans, each in order (date, note, line) and one per date and channel
    (:func:`distinct_interactions`). An event written for a later day — a meeting in next
    Friday's daily note — is a plan, not evidence that it happened (as an importer skips a
    calendar's future events): it counts from its day on. A tentative event (an empty meeting
    note for today) counts only once its day has passed; on its day it is a plan — and so is
    every other event read from that note that day (its title, "Café con Rodrigo")."""
    ordered = sorted(history.interactions, key=_in_order)
    unsure = {(i.note, i.date) for i in ordered if i.tentative and i.date == today}

    def later(i: Interaction) -> bool:
        return i.date > today or (i.date == today and (i.note, i.date) in unsure)

    history.interactions = distinct_interactions([i for i in ordered if not later(i)])
    history.planned = distinct_interactions([i for i in ordered if later(i)])


def plan_at_or_above(history: History, channel: str) -> Interaction | None:
    """The first plan through ``channel`` or a higher rung (a planned lunch answers "propose
    a call" too): a step already planned is not suggested again."""
    rank = CHANNELS.index(channel) if channel in CHANNELS else 0
    return next((p for p in history.planned
                 if p.channel in CHANNELS and CHANNELS.index(p.channel) >= rank), None)


def plan_words(channel: str) -> str:
    """How a plan through ``channel`` reads: "in person on 2026-12-04", "a call on …"."""
    return {"social": "online", "message": "a message", "call": "a call",
            "in_person": "in person"}.get(channel, channel)


def _in_order(interaction: Interaction) -> tuple[dt.date, str, int]:
    return (interaction.date, interaction.note, interaction.line)


def distinct_interactions(interactions: list[Interaction]) -> list[Interaction]:
    """One interaction per date and channel, the first in order: a coffee written in the daily
    note and in the meeting note is one coffee, and counts per channel count days. When the
    same day's events of one channel went different ways (I wrote, they answered), the one
    kept goes ``both``: the day was an exchange."""
    seen: dict[tuple[dt.date, str], int] = {}
    out: list[Interaction] = []
    for interaction in interactions:
        key = (interaction.date, interaction.channel)
        if key not in seen:
            seen[key] = len(out)
            out.append(interaction)
        elif out[seen[key]].direction != interaction.direction:
            # "I wrote to Ana" and "Ana answered" the same day: one exchange, both ways.
            out[seen[key]] = replace(out[seen[key]], direction="both")
    return out


# --- dates -------------------------------------------------------------------------------------

# Dates written on a line live with the other date readers (a note's file name uses them too).
line_date = written_date

_STEM_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?!\d)")


def note_day(note: Note) -> dt.date | None:
    """The date a note is about: frontmatter ``date`` or daily-note name (already on the note),
    else an ISO date that opens its file name ("2026-02-11 Revisión del blog")."""
    if note.date:
        return note.date
    match = _STEM_DATE.match(note.path.stem)
    return coerce_date(match[1]) if match else None


# --- thresholds every rule agrees on ---------------------------------------------------------

# The thresholds live in one place (vinculo.ladder_settings); these names stay importable here.
DEFAULT_TIERS = _ladder.DEFAULT_TIERS
REAL_CHANNELS: tuple[Channel, ...] = _ladder.REAL_CHANNELS  # type: ignore[assignment]


def days_setting(config: Config, key: str, default: int) -> int:
    """An integer number of days from ``[ladder]``: the run's :class:`LadderSettings` value
    for a key it declares, else the raw setting (``default`` on bad input) — kept for
    plugins that read keys of their own."""
    settings = ladder_settings(config)
    if key in _LADDER_KEYS:
        return int(getattr(settings, key))
    parsed = parse_days(config.get(f"ladder.{key}", default))
    return default if parsed is None else parsed


def lookahead(config: Config, today: dt.date) -> dt.date:
    """The last day "due soon" reaches: ``[ladder] lookahead_days`` after ``today``; the
    rules, the dashboard, the digest and ``who`` all look this far ahead."""
    return today + dt.timedelta(days=ladder_settings(config).lookahead_days)


def cadence_days(contact: Contact, config: Config) -> int | None:
    """How often to see this person: their ``cadence`` (days, "2w"…), else their ``tier``
    (``[ladder.tiers]``: inner 14, close 30, casual 90, keep-warm 180), else the default tier."""
    own = parse_days(contact.properties.get("cadence"))
    if own:
        return own
    settings = ladder_settings(config)
    tier = contact.properties.get("tier") or settings.default_tier
    if not isinstance(tier, str):
        return None
    return parse_days(settings.tiers.get(tier.strip().lower()))


def cadence_due(contact: Contact, history: History, config: Config) -> dt.date | None:
    """When the cadence clock runs out: the last real interaction plus their cadence (None
    when either is unknown). Other rules stay quiet when the cadence rule already speaks."""
    every, start = cadence_days(contact, config), last_real(history, config)
    return start + dt.timedelta(days=every) if every and start else None


def real_channels(config: Config) -> tuple[str, ...]:
    """Channels that restart a cadence clock: a like is not a conversation."""
    return ladder_settings(config).real_channels


def last_real(history: History, config: Config) -> dt.date | None:
    last = history.last(*real_channels(config))  # type: ignore[arg-type]  # config's names
    return last.date if last else None


def connection_date(contact: Contact, history: History) -> dt.date | None:
    """When the relationship started: the ``connected`` property, else the first interaction."""
    connected = coerce_date(contact.properties.get("connected"))
    first = history.first_contact
    if connected and first:
        return min(connected, first)
    return connected or first


def is_new_connection(contact: Contact, history: History, today: dt.date, config: Config) -> bool:
    """A connection younger than ``ladder.new_connection_days`` (28): a light touch at most."""
    start = connection_date(contact, history)
    if start is None:
        return False
    return (today - start).days < ladder_settings(config).new_connection_days


def saved_on(note: Note) -> dt.date:
    """The day a note was last saved: the date of a tick or a deletion that carries none
    (the Tasks plugin writes ``✅ date``; plain Obsidian does not)."""
    try:
        return dt.date.fromtimestamp(note.path.stat().st_mtime)
    except OSError:
        return dt.date.today()


def snoozed_until(contact: Contact) -> dt.date | None:
    return coerce_date(contact.properties.get("snooze_until"))


def channel_label(channel: str) -> str:
    return {"social": "online", "message": "messages", "call": "calls", "in_person": "in person"}.get(
        channel, channel
    )


def wikilink(rel: str | None) -> str:
    """``[[Daily/2026-11-24]]`` for a note path, as Obsidian links it (no ``.md``)."""
    if not rel:
        return ""
    path = rel[:-3] if rel.endswith(".md") else rel
    title = path.rsplit("/", 1)[-1]
    return f"[[{path}|{title}]]" if title != path else f"[[{path}]]"
