"""Who takes part in a clause: the contact as a party, as a companion, or only as its topic.

An event phrase says what happened; whether the contact named on the line took part in it is
another question, answered by where the name stands:

- **a topic** — after a vocabulary's ``topics`` word ("Emailed the landlord *about* Ana",
  "Hablé *de* Ana con mi hermana", "a proposal *about* Ana"): what the clause is about, never
  a party to it;
- **something of theirs passed on** — a possessive after the event phrase and a recipient after
  it ("Sent Ana's CV *to* the recruiter", "Mandé el CV *de* Ana *a* recursos humanos"): the
  contact is what was sent, the recipient the party;
- **a companion** — after a ``companions`` word ("with", "con") in a clause that holds no event
  phrase at all, whose verb reports something the writer did (a vocabulary's ``done``
  patterns: a past tense, no other subject before it): "Grabbed a bite *with* Ana", "Estuve
  toda la tarde *con* Ana", "Had a quick word with Ana". Such a clause is a meeting, or the
  medium it names ("on the phone with Ana" is a call) — the vocabulary needs no phrase for
  every activity people do together.

The cues come from the vocabularies (:class:`vinculo.model.Vocabulary` ``topics``,
``companions``, ``done``), so another language's plugin brings its own.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from vinculo import vocab_store
from vinculo.model import Vocabulary
from vinculo.text import fold, fold_pattern, lazy_pattern

__all__ = ["Cues", "companion_after_lead", "companion_verb", "cues_of", "leading_clause", "fronted_companion", "with_the_writer", "habitual", "is_topic", "passed_on",
           "NO_TIMES", "clause_times", "not_of_the_day", "their_own_verb", "we_did"]


@dataclass(frozen=True)
class Cues:
    """The participation cues of some vocabularies, compiled (None: no vocabulary has any)."""

    topic: re.Pattern[str] | None  # a topic word right before the end of the text
    companion: re.Pattern[str] | None  # a companion word right before the end of the text
    done: re.Pattern[str] | None  # one word reporting something done (fullmatch)
    habitual: re.Pattern[str] | None = None  # one word telling a habit (fullmatch)
    # The last words the topic (companion) phrases can end with, when every phrase ends
    # with a plain word; None: the pattern is searched before every name.
    topic_tails: tuple[str, ...] | None = None
    companion_tails: tuple[str, ...] | None = None
    later: re.Pattern[str] | None = None  # a time after the note's day ("next Friday")
    hearsay: re.Pattern[str] | None = None  # what opens someone else's report ("told me")
    long_ago: re.Pattern[str] | None = None  # a time long before the note's day ("back in 2011")
    # a verb of the name's own right after it ("could", "to", "reports"), matched after the name
    subject_verb: re.Pattern[str] | None = None
    # a leading clause of time or concession up to its comma (``leads``), matched on folded
    # text, and the first words of those leads (each with its space), a cheap test before it
    lead: re.Pattern[str] | None = None
    lead_heads: tuple[str, ...] = ()
    # what makes an instruction after it something done (``achieved``), on folded text, and
    # the plain last words of those phrases (None: one does not end with one)
    achieved: re.Pattern[str] | None = None
    achieved_tails: re.Pattern[str] | None = None
    future: re.Pattern[str] | None = None  # one verb form telling a plan (fullmatch)
    their_past: re.Pattern[str] | None = None  # one verb form of someone else's past (fullmatch)
    # the vocabularies' word lists, by name: each entry from the start of a folded word
    lists: dict[str, re.Pattern[str]] = field(default_factory=dict)

    def listed(self, name: str, word: str) -> bool:
        """Whether the folded ``word`` (or text) opens with an entry of the vocabularies' word
        list ``name`` (see :class:`vinculo.model.Vocabulary` ``word_lists``)."""
        pattern = self.lists.get(name)
        return pattern is not None and pattern.match(word) is not None

    def listed_in(self, name: str, text: str) -> bool:
        """Whether an entry of the word list ``name`` opens a word of the folded ``text``."""
        pattern = self.lists.get(name)
        if pattern is None:
            return False
        return any(pattern.match(text, word.start()) for word in _WORD_STARTS.finditer(text))

    @property
    def any_time(self) -> bool:
        """Whether a vocabulary brings any cue of time or voice (later, hearsay, long ago)."""
        return self.later is not None or self.hearsay is not None or self.long_ago is not None


_WORD_STARTS = lazy_pattern(r"(?<![\w·])\w")


def _before_name(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    alternation = "|".join(f"(?:{p})" for p in phrases)
    # the name may follow other names ("with · and ·") and, in Spanish, an article ("con el ·")
    return vocab_store.compile_pattern(rf"(?:^|[\s(\"'“«])(?:{alternation})\s+(?:(?:el|la|los|las)\s+)?"
                      r"(?:[*_=\[]*·+[*_=\]]*(?:,\s*|\s+(?:and|y|e|&)\s+)(?:(?:el|la)\s+)?)*[*_=\[]*$")


def _tail_words(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """A pattern for the plain last words of ``phrases`` as words of a folded text (a cheap
    search before theirs), or None when one phrase does not end with a plain word."""
    tails = _tails([fold_pattern(p) for p in phrases]) if phrases else None
    if not tails:
        return None
    return vocab_store.compile_pattern(r"(?<!\S)(?:" + "|".join(re.escape(t) for t in tails) + r")(?!\S)")


def _words(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    return vocab_store.compile_pattern("|".join(f"(?:{p})" for p in patterns)) if patterns else None


@lru_cache(maxsize=8)
def _compile(topics: tuple[str, ...], companions: tuple[str, ...], done: tuple[str, ...],
             habitual: tuple[str, ...], later: tuple[str, ...] = (),
             hearsay: tuple[str, ...] = (), long_ago: tuple[str, ...] = (),
             subject_verbs: tuple[str, ...] = (), leads: tuple[str, ...] = (),
             achieved: tuple[str, ...] = (), future: tuple[str, ...] = (),
             their_past: tuple[str, ...] = (),
             lists: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> Cues:
    return Cues(
        _before_name([fold_pattern(p) for p in topics]),
        _before_name([fold_pattern(p) for p in companions]),
        _words(done), _words(habitual),
        _tails([fold_pattern(p) for p in topics]),
        _tails([fold_pattern(p) for p in companions], _BETWEEN),
        _phrases(later), _phrases(hearsay), _phrases(long_ago),
        vocab_store.compile_pattern(r"[*_=\]]*\s+(?:" + "|".join(f"(?:{fold_pattern(p)})" for p in subject_verbs)
                   + r")(?![\w·'’])") if subject_verbs else None,
        vocab_store.compile_pattern(r"\s*[*_=]*(?:" + "|".join(f"(?:{fold_pattern(p)})" for p in leads)
                   + r")\s[^,·]{3,80}?,") if leads else None,
        tuple(sorted({fold_pattern(p).split()[0] + " " for p in leads})),
        vocab_store.compile_pattern(r"(?:" + "|".join(f"(?:{fold_pattern(p)})" for p in achieved) + r")\s+")
        if achieved else None,
        _tail_words(achieved),
        _words(future), _words(their_past),
        {name: vocab_store.compile_pattern("|".join(f"(?:{fold_pattern(p)})" for p in entries))
         for name, entries in lists if entries},
    )


def _phrases(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """Phrases over folded text, each from the start of a word to the end of one."""
    if not phrases:
        return None
    return vocab_store.compile_pattern(r"(?<![\w·])(?:" + "|".join(f"(?:{fold_pattern(p)})" for p in phrases) + r")(?![\w·])")


# What may stand between a companion word and the name: other names, "and", an article.
_BETWEEN = ("·", " and", " y", " e", "&", ",", " el", " la", " los", " las")


_PLAIN_TAIL = lazy_pattern(r"(?:^|\s)([a-z/:&]+)$")


def _tails(phrases: list[str], extra: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    """The plain last words of ``phrases`` ("about", "de", "w/"), and ``extra``; None when one
    phrase does not end with a plain word (then every name is searched)."""
    tails = set(extra)
    for phrase in phrases:
        match = _PLAIN_TAIL.search(phrase)
        if match is None:
            return None
        tails.add(match[1])
    return tuple(sorted(tails))


def _near(blanked: str, at: int, tails: tuple[str, ...]) -> bool:
    """Whether the text right before the name at ``at`` (emphasis dropped) ends with one of
    ``tails``: one string test, far cheaper than the search it spares when it does not."""
    return blanked[max(0, at - 16):at].rstrip(" *_=[").lower().endswith(tails)


# The vocabularies read last and their cues: a run asks again for every note, with the same
# (frozen) objects, so the answer is kept by identity.
_last: tuple[tuple[Vocabulary, ...], Cues] | None = None


def _stored_cues(phrases: tuple[Any, ...]) -> Cues:
    """The cues of ``phrases`` (:func:`_compile`'s arguments), compiled once per process and
    kept between runs in the compiled-vocabularies store (:mod:`vinculo.vocab_store`): a run
    that reads one changed note spent about 0.02 s compiling them. Stored under the phrases
    and this module's source, so a change to either compiles them again."""
    key = ("participation cues", _source_digest(), phrases)
    tree = vocab_store.load(key)
    if tree is not None:
        with contextlib.suppress(Exception):  # damaged, or another engine's: compile again
            return _cues_from(tree)
    cues = _compile(*phrases)
    with contextlib.suppress(KeyError, TypeError):  # a pattern compiled elsewhere: keep none
        vocab_store.save(key, _cues_tree(cues))
    return cues


@lru_cache(maxsize=1)
def _source_digest() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def _cues_tree(cues: Cues) -> dict[str, Any]:
    """``cues`` as JSON-ready data: each pattern's program, every other value as it is."""
    tree: dict[str, Any] = {}
    for item in fields(cues):
        value = getattr(cues, item.name)
        if isinstance(value, re.Pattern):
            tree[item.name] = ["pattern", vocab_store.pattern_tree(value)]
        elif isinstance(value, dict):
            tree[item.name] = ["lists", {k: vocab_store.pattern_tree(p) for k, p in value.items()}]
        else:
            tree[item.name] = ["value", list(value) if isinstance(value, tuple) else value]
    return tree


def _cues_from(tree: dict[str, Any]) -> Cues:
    values: dict[str, Any] = {}
    for item in fields(Cues):
        kind, value = tree[item.name]
        if kind == "pattern":
            values[item.name] = vocab_store.pattern_from(value)
        elif kind == "lists":
            values[item.name] = {k: vocab_store.pattern_from(p) for k, p in value.items()}
        else:
            values[item.name] = tuple(value) if isinstance(value, list) else value
    return Cues(**values)


def cues_of(vocabularies: list[Vocabulary]) -> Cues:
    """The cues of every vocabulary at once (a note mixes languages), compiled once."""
    global _last
    given = tuple(vocabularies)
    if _last is not None and _last[0] == given:  # the same objects: compared by identity first
        return _last[1]

    def gather(name: str) -> tuple[str, ...]:
        return tuple(p for v in vocabularies for p in (getattr(v, name, None) or ()))

    lists: dict[str, tuple[str, ...]] = {}
    for vocabulary in vocabularies:
        for name, entries in (getattr(vocabulary, "word_lists", None) or {}).items():
            lists[name] = lists.get(name, ()) + tuple(entries)
    phrases = (gather("topics"), gather("companions"), gather("done"), gather("habitual"),
               gather("later"), gather("hearsay"), gather("long_ago"), gather("subject_verbs"),
               gather("leads"), gather("achieved"), gather("future"), gather("their_past"),
               tuple(sorted(lists.items())))
    cues = _stored_cues(phrases)
    if _last is None or _last[1] != cues:
        _topics.clear()
        _habits.clear()
        _times.clear()
    _last = (given, cues)
    return cues


# How far before a name its topic or companion word is looked for.
_REACH = 40


def is_topic(blanked: str, at: int, cues: Cues) -> bool:
    """Whether the name starting at ``at`` of ``blanked`` follows a topic word ("about ·")."""
    if cues.topic is None:
        return False
    if cues.topic_tails is not None and not _near(blanked, at, cues.topic_tails):
        return False  # the common case, told without a search
    before = blanked[max(0, at - _REACH):at]
    known = _topics.get(before)
    if known is None:
        if len(_topics) >= _KEPT:
            _topics.clear()
        known = _topics[before] = cues.topic.search(fold(before)) is not None
    return known


# Answers already given, by the text they depend on: a vault repeats its phrasings, and the
# answer depends on that text alone (for the run's cues; a new run of the same process with
# other vocabularies clears them, see cues_of).
_KEPT = 20_000
_topics: dict[str, bool] = {}
_habits: dict[str, bool] = {}


# A recipient after something of the contact's: "… to the recruiter", "… a recursos humanos"
# (not a time: "a las diez").
_RECIPIENT = lazy_pattern(
    r"\s(?:to|a|al|para)\s+(?!las?\s+(?:\d|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|"
    r"diez|once|doce)\b)(?:the|my|our|his|her|their|a|an|everyone|everybody|all|el|la|los|las|"
    r"mi|mis|su|sus|nuestr[oa]s?|un|una|todo|todos|todas|recursos|[*_=]*·)")
_POSSESSIVE = lazy_pattern(r"[*_=\]]*['’]s\b")
_OF = lazy_pattern(r"\b(?:de|del)\s+[*_=\[]*$")


def passed_on(blanked: str, at: int, name_end: int, event_start: int, c_end: int) -> bool:
    """Whether the name (``at``–``name_end``) owns what the event passed on to someone else:
    it stands after the event phrase, as a possessive ("Ana's CV", "el CV de Ana"), and a
    recipient follows it in the clause."""
    if at < event_start:
        return False
    after = blanked[name_end:name_end + 6]
    if "'" not in after and "’" not in after and "de" not in blanked[max(0, at - 6):at].lower():
        return False  # neither "·'s" nor "de ·": no owner (the common case, tested first)
    owner = _POSSESSIVE.match(blanked, name_end) is not None or (
        _OF.search(fold(blanked[max(0, at - 6):at])) is not None)
    return owner and _RECIPIENT.search(fold(blanked[name_end:c_end])) is not None


# The writer, in the words between a name's own verb and the event phrase: "Ana is in town
# and we had lunch" is still mine.
_WRITER = lazy_pattern(r"(?<![\w·])(?:i|we|me|us|my|our|yo|nosotros|nosotras|nos|conmigo)(?![\w·])")


def their_own_verb(blanked: str, name_end: int, event_start: int, cues: Cues) -> bool:
    """Whether the name ending at ``name_end``, before the event phrase starting at
    ``event_start``, is the subject of a verb of its own (a vocabulary's ``subject_verbs``:
    "Ben reports the goal met", "so Ben could take a break … DM to Jack", "Altan to implement
    …"), with no word for the writer between that verb and the event phrase: then the event
    phrase belongs to their statement, not to an event of mine with them."""
    if cues.subject_verb is None or event_start - name_end < 3:
        return False  # the event phrase follows the name: "Ana called", not this
    gap = fold(blanked[name_end:event_start])
    match = cues.subject_verb.match(gap)
    return match is not None and _WRITER.search(gap, match.end()) is None


# Words that put the two of us together in a part of a clause: a reciprocal or reflexive
# "nos" ("nos hemos tomado una caña", "nos vimos"), "together", "juntos" — not a bare "we",
# which may be the writer's household ("so we stayed home").
_TOGETHER = frozenset({"nos", "together", "juntos", "juntas"})


def we_did(text: str, cues: Cues) -> bool:
    """Whether ``text`` (a part of a clause, accents kept) tells something done together:
    a word of :data:`_TOGETHER` and a verb the writer did ("pero nos hemos tomado una caña",
    "so we grabbed a drink together"); never a habit."""
    if cues.done is None:
        return False
    together = did = False
    for word in _WORDS.finditer(text.lower()):
        w = word[0]
        together = together or w in _TOGETHER
        did = did or (cues.done.fullmatch(w) is not None and not habitual(w, cues))
        if together and did:
            return True
    return False


# Before the verb of a companion clause: the writer ("I", "we", "yo", "Luis y yo"), an
# adverb or a time — never someone else ("he", "my boss", another name alone).
_SOMEONE_ELSE = lazy_pattern(
    r"(?:^|\s)(?:he|she|they|it|you|el|ella|ellos|ellas|usted|ustedes|my|his|her|their|the|"
    r"mi|su|sus|los|las)\s|(?:^|\s)(?:he|she|they|el|ella|ellos|ellas)$")
_WRITER_AND = lazy_pattern(r"·+[*_=]*\s+(?:and|y|e|&)\s+(?:i|yo)\b")
_WORDS = lazy_pattern(r"[^\W\d]+(?:['’][^\W\d]+)?")
# A Spanish participle after "he" ("he comido", "he estado", "he visto"): then "he" is the
# writer's perfect, not the English pronoun.
_PARTICIPLE = lazy_pattern(r"\s+(?:[a-zñ]+[ai]d[oa]s?|hecho|dicho|visto|puesto|vuelto|escrito|"
                           r"roto|abierto|cubierto|resuelto|devuelto|impreso)\b")
_MAX_LEAD = 4  # words before the verb: "Yesterday after work I …", "El jueves por la tarde …"


def companion_verb(blanked: str, c_start: int, at: int, cues: Cues) -> int | None:
    """Where, relative to ``c_start``, the clause's verb (or its verbless head) starts when
    the name at ``at`` is a companion of something the writer did, else None. Called for
    clauses that hold no event phrase; cheap when the name follows no companion word.

    Two shapes: a verb that reports something done, with no other subject before it
    ("Grabbed a bite with ·", "Luis y yo estuvimos toda la tarde con ·"); or a verbless head
    of a few words, as a diary writes an entry ("Standup w/ ·", "Boba run with ·", "Fulbito
    con ·") — unless a word of it says how the writer feels about them or that they agree
    (``_NOT_TOGETHER``): "Frustrated with ·" is no meeting."""
    if cues.companion is None or cues.done is None:
        return None
    if cues.companion_tails is not None and not _near(blanked, at, cues.companion_tails):
        return None  # the common case, told without a search
    if cues.companion.search(fold(blanked[max(c_start, at - _REACH):at])) is None:
        return None
    lead = blanked[c_start:at]
    lowered = lead.lower()
    if _NOT_TOGETHER.search(fold(lowered)):
        return None  # "Frustrated with ·", "Agreed with ·": no time spent together
    words = list(_WORDS.finditer(lowered))
    if words and words[0][0] in _ASKING:
        return None  # "Where did the guard land with ·": a question, someone else's
    for index, word in enumerate(words):
        if index > _MAX_LEAD:
            break
        if cues.done.fullmatch(word[0]) is None:
            continue
        if word[0] == "he" and not _PARTICIPLE.match(lowered, word.end()):
            return None  # "He was with ·": the English pronoun, someone else's verb
        if index and word[0].endswith("ed") and words[index - 1][0] not in _LEADS and not (
                words[index - 1][0].endswith("ly")):
            # "Confirm shipped or fallback plan with ·", "the goal met with ·": a participle
            # after a word that is no subject, time or adverb is no verb of the writer's; an
            # instruction or a description, neither a diary entry
            return None
        before = lowered[:word.start()]
        if "·" in before and not _WRITER_AND.search(before):
            return None  # "Ben grabbed a bite with ·": someone else's
        if _SOMEONE_ELSE.search(fold(before)):
            return None
        return word.start()
    # No verb the writer did: a verbless head ("Long whiteboard session with ·"). A diary
    # writes such an entry at the start of its line; after other words on the line it is an
    # instruction or a note among others ("… flagged CRITICAL. Coordinate with ·").
    if _WORD_BEFORE.search(_CLOCK.sub(" ", blanked[:c_start])):
        return None
    head = _head(lowered)
    # (the names listed before this one are no part of the head's length: "… con · y ·")
    named = lowered.find("·")
    length = len(words) if named < 0 else sum(1 for w in words if w.start() < named)
    if not head.strip() or length > _MAX_HEAD or "·" in head:
        return None  # nothing before "with", a long clause, or someone else in it
    if _has_verb_form(words, cues):
        # "Me salió un recuerdo con ·": the head has a verb, someone else's (or a thing's);
        # "Luego estaré con ·": a plan
        return None
    folded = fold(lowered)
    # a determiner after a preposition opens a place or a thing ("Drinks at the pub with ·",
    # "Partida en el club con ·"), not someone else doing it
    if _SOMEONE_ELSE.search(_PLACE.sub(" ", folded)) or _PRONOUN.search(folded):
        return None
    first = _WORDS.search(head)  # past a date or a time: "(2025-12-11) Neighbours with ·"
    if first is not None and first[0] in _RELATIONS:
        return None  # "Neighbours with ·", "Vecinos de rellano con ·": what they are, a fact
    if _TO_DO.match(lowered, words[0].start()) or (
            _INFINITIVE.match(lowered, words[0].start()) and _CON.search(lowered)):
        return None  # "Quedar con ·", "Planning a trip with ·": a to-do, a plan
    return words[0].start()


def _has_verb_form(words: list[re.Match[str]], cues: Cues) -> bool:
    """Whether one of ``words`` (lowercase) is a future or someone else's past (the
    vocabularies' ``future`` and ``their_past`` forms): a clause with a verb, not a verbless
    entry of the writer's."""
    return any((cues.future is not None and cues.future.fullmatch(w[0]))
               or (cues.their_past is not None and cues.their_past.fullmatch(w[0]))
               for w in words)


def leading_clause(blanked: str, c_start: int, end: int, cues: Cues) -> re.Match[str] | None:
    """The leading clause of time or concession that opens the clause at ``c_start``, up to
    and with its comma before ``end`` ("While we were waiting, …", "Aunque el turno fue un
    caos, …"), naming no one, matched on the folded text from ``c_start``; None when there is
    none (the common case, told by a string test on the clause's first word)."""
    if cues.lead is None or not fold(blanked[c_start:c_start + 16]).lstrip(" *_=").startswith(
            cues.lead_heads):
        return None
    return cues.lead.match(fold(blanked[c_start:end]))


# The writer as the subject that opens the main part of a sentence: "… I still made it", "…
# we finally got", "… yo me tomé".
_WRITER_SUBJECT = lazy_pattern(r"(?<![\w·])(?:i|we|yo|nosotros|nosotras)\s")
# Someone else as a subject after the writer's verb, before the name: "I got home and she was
# with ·", "… and · was with ·" (not "with · and ·": names joined).
_ELSE_SUBJECT = lazy_pattern(r"(?<![\w·])(?:he|she|they|you|él|ella|ellos|ellas)\s|"
                             r"·+[*_=\]]*\s+(?!(?:and|y|e|&)\s)[^\W\d]")
# Pasts that take "with" without time spent together, as the writer's verb of a main part.
_NOT_WITH = frozenset({"agreed", "disagreed", "dealt", "sided", "compared", "argued",
                       "fell", "broke", "split", "parted", "lost", "kept", "was", "were",
                       "had", "signed", "connected", "shared", "registered"})


def companion_after_lead(blanked: str, c_start: int, at: int, cues: Cues) -> int | None:
    """Where, relative to ``c_start``, the writer's verb starts when the name at ``at`` is a
    companion (:func:`companion_verb`) in the main part of a sentence whose start is another
    part that names no one: a leading clause of time or concession up to its comma ("Aunque
    el turno fue un caos, alcancé a tomarme un café con ·", "While the kids napped, grabbed a
    coffee with ·"), or whatever stands before the writer as the subject ("Although the
    workshop ran late I still made it to the pub with ·"). Else None: no such part, a verb
    that takes "with" without company, a habit, or someone else as a subject after the verb
    ("I got home and she was with ·"). Every language's cues; a language's own tense checks
    (a future) stay with its caller."""
    if cues.companion is None or cues.done is None:
        return None
    if cues.companion_tails is not None and not _near(blanked, at, cues.companion_tails):
        return None  # the common case: no companion word right before the name
    lead = leading_clause(blanked, c_start, at, cues)
    main = c_start + lead.end() if lead is not None else None
    if main is None:
        lowered = blanked[c_start:at].lower()
        for subject in _WRITER_SUBJECT.finditer(lowered):
            main = subject.start()  # the last one: the part nearest the name
        if not main:
            return None  # none, or it opens the clause: companion_verb read it already
        main += c_start
    verb = companion_verb(blanked, main, at, cues)
    if verb is None:
        return None
    word = _WORDS.match(blanked, main + verb)
    said = word[0].lower() if word else ""
    if said in _NOT_WITH or habitual(said, cues) or _ELSE_SUBJECT.search(
            blanked.lower(), main + verb + len(said), at):
        return None
    return main + verb - c_start


_PLACE = lazy_pattern(
    r"(?<!\S)(?:at|in|on|to|from|of|for|by|near|around|into|en|de|del|a|al|por|para|sobre|con|"
    r"desde|hasta|tras|junto|"
    r"round|through|along|across|past|over|up|down|inside|outside|behind|towards|under)"
    r"\s+(?:the|my|his|her|their|our|el|la|los|las|mi|mis|su|sus)(?=\s)")
# Words that may stand right before a writer's past tense in English: the writer, a time, a
# connective adverb (an "-ly" adverb too). Anything else before a participle makes it one.
_LEADS = frozenset({
    "i", "we", "and", "also", "then", "just", "finally", "later", "earlier", "yesterday",
    "today", "tonight", "morning", "afternoon", "evening", "night", "weekend", "week", "lunch",
    "lunchtime", "work", "school", "class", "breakfast", "dinner", "first", "again", "once",
    "still", "even", "both", "all", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "am", "pm", "eventually", "afterwards", "meanwhile", "so", "but",
    "ago", "there", "here", "back", "ve", "d", "had", "have", "has", "never", "already"})
# Nouns for what people are to each other, in the plural: a head that opens with one tells a
# relation, not time spent ("Neighbours with ·", "Compañeros de piso con ·").
_RELATIONS = frozenset({
    "neighbors", "neighbours", "roommates", "flatmates", "housemates", "classmates",
    "colleagues", "coworkers", "co-workers", "teammates", "cousins", "friends", "siblings",
    "partners", "vecinos", "vecinas", "compañeros", "compañeras", "colegas", "primos",
    "primas", "amigos", "amigas", "socios", "socias", "hermanos", "hermanas"})


# After a name a companion word opened the clause with: the writer, before their verb.
_WRITER_BEFORE_VERB = frozenset({"nos", "me", "we", "i", "yo", "nosotros", "nosotras"})
# Other names joined to the first one: "Con ·, · y · fuimos …".
_MORE_NAMES = lazy_pattern(r"(?:[*_=\]]*(?:\s*,\s*|\s+(?:and|y|e|&)\s+)[*_=\[]*·+)*[*_=\]]*,?")


def fronted_companion(blanked: str, c_start: int, c_end: int, at: int, name_end: int,
                      cues: Cues) -> tuple[int, int] | None:
    """Where, relative to ``c_start``, the writer's verb starts and ends when the clause
    opens with a companion word and the name (``at``–``name_end``), and a verb the writer
    did follows it ("Con · nos tomamos un cortado", "Con · fuimos al cine", "With ·, we
    hiked up to the lake"); else None. Nothing but the writer ("nos", "we") may stand between
    the name and the verb: "Con · siempre íbamos", "Con · no hablamos" are no events here."""
    if cues.companion is None or cues.done is None or at - c_start > 16:
        return None
    if cues.companion_tails is not None and not _near(blanked, at, cues.companion_tails):
        return None  # the common case, told without a search
    lead = blanked[c_start:at]
    if _head(lead.lower()).strip() or cues.companion.search(fold(lead)) is None:
        return None  # the common case: the name does not open the clause after "con"
    more = _MORE_NAMES.match(blanked, name_end, c_end)
    rest_at = more.end() if more else name_end
    rest = blanked[rest_at:c_end].lower()
    for index, word in enumerate(_WORDS.finditer(rest)):
        if index > 2:
            break
        if word[0] in _WRITER_BEFORE_VERB:
            continue
        if cues.done.fullmatch(word[0]) is None or habitual(word[0], cues):
            return None
        return rest_at + word.start() - c_start, rest_at + word.end() - c_start
    return None


# The writer listed with the contact: "·, · y yo", "· and me", "me, · and ·".
_AND_ME = lazy_pattern(r"\s*,?\s+(?:and|y|e|&)\s+(?:me|i|yo|myself)(?![\w·])", re.IGNORECASE)
_ME_AND = lazy_pattern(r"(?:^|[\s:])(?:me|yo|myself),\s*(?:[*_=\[]*·+[*_=\]]*"
                     r"(?:\s*,\s*|\s+(?:and|y|e|&)\s+))*[*_=\[]*$", re.IGNORECASE)
_AND_ME_NEAR = lazy_pattern(r"\s(?:and|y|e|&)\s+(?:me|i|yo|myself)(?![\w·])", re.IGNORECASE)
_LISTED = lazy_pattern(r"(?<![\w·])(?:me|yo|myself|and|y|e)(?![\w·])")
_LABEL = lazy_pattern(r"\s*[*_=]*[^\W\d_][^:\n]{0,40}?[*_=]*:\s*", re.IGNORECASE)


def with_the_writer(blanked: str, c_start: int, c_end: int, at: int, name_end: int,
                    cues: Cues) -> int | None:
    """Where, relative to ``c_start``, the clause's verb or entry starts when the contact is
    listed with the writer ("·, · y yo", "· and me", "me, · and ·") in a clause that opens
    with a verb the writer did ("Hemos merendado churros ·, · y yo en el Horno") or with a
    label of a few words, as a diary writes an entry ("Board meeting: ·, · and me in the
    small room"); else None."""
    if cues.done is None:
        return None
    before = blanked[max(c_start, at - 48):at].lower()
    if ("me," not in before and "yo," not in before
            and _AND_ME_NEAR.search(blanked, name_end, min(c_end, name_end + 48)) is None):
        return None  # the common case: no writer listed near the name
    more = _MORE_NAMES.match(blanked, name_end, c_end)
    after = more.end() if more else name_end
    if not (_AND_ME.match(blanked, after, c_end) or _ME_AND.search(blanked, c_start, at)):
        return None
    lowered = blanked[c_start:at].lower()
    first = _WORDS.search(lowered)
    if first is not None and cues.done.fullmatch(first[0]) and not habitual(first[0], cues):
        return first.start()
    label = _LABEL.match(blanked, c_start, at)
    if (label is not None and not _WORD_BEFORE.search(_CLOCK.sub(" ", blanked[:c_start]))
            and not _TO_DO.match(label[0].strip(" *_=").lower())):
        rest = blanked[label.end():at].lower()
        if not _WORD_BEFORE.search(_LISTED.sub(" ", rest)):
            return 0  # the label, then only the people: a diary's entry
    return None


def _head(lowered: str) -> str:
    """``lowered`` (the text before the contact's name) without the companion words, names,
    "and" and articles it ends with ("Board games with · and " → "Board games"): a word at a
    time from the end, never a pattern that could backtrack on a long line."""
    words = lowered.split()
    while words and (words[-1].strip("*_=[],") in _TRAILING
                     or not words[-1].strip("*_=[],·")):
        words.pop()
    return " ".join(words)


_WORD_BEFORE = lazy_pattern(r"[^\W\d_]{2,}")
_CLOCK = lazy_pattern(r"\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?|h)\b", re.IGNORECASE)
_TRAILING = frozenset({"and", "y", "e", "&", "el", "la", "los", "las", "with", "w/", "w", "wi", "con",
                       "junto", "alongside", "together", ""})
_CON = lazy_pattern(r"\b(?:con|junto a)\s+(?:(?:el|la)\s+)?[*_=\[]*$")
_INFINITIVE = lazy_pattern(r"[a-zñ]+(?:ar|er|ir)(?:le|la|lo|les|nos|se)?\b")


# A head that opens with an infinitive or a plan is a to-do, not an entry of what happened.
# (Spanish: an infinitive before "con", a future or a conditional: "Quedar con ·",
# "Almorzaremos con ·"; matched with the accents kept.)
_TO_DO = lazy_pattern(r"(?:\w+(?:ré|rá|rás|remos|rán|[aeiíd]ría|[aeiíd]rías|ríamos|[aeiíd]rían)|planning|plan|"
                    r"organi[sz]ing|preparing|prep)\b")


def habitual(event_text: str, cues: Cues) -> bool:
    """Whether a word of an event phrase's text (lowercase, accents kept) is a verb form that
    tells a habit or a background rather than the day's event ("cenaba con ·", "Con · siempre
    jugábamos"): a vocabulary's ``habitual`` patterns."""
    if cues.habitual is None:
        return False
    known = _habits.get(event_text)
    if known is None:
        if len(_habits) >= _KEPT:
            _habits.clear()
        lowered = event_text.lower()
        known = _habits[event_text] = any(
            cues.habitual.fullmatch(w[0]) and not _ARTICLE_BEFORE.search(lowered, 0, w.start())
            for w in _WORDS.finditer(lowered))
    return known


# A determiner right before a word makes it a noun, not an imperfect: "a la romería", "una
# peluquería", "mi tutoría" (a bare "la" may be a pronoun: "la veía").
_ARTICLE_BEFORE = lazy_pattern(
    r"(?:\b(?:una|unas|esta|estas|esa|esas|aquella|mi|mis|tu|tus|su|sus|nuestra|nuestras)|"
    r"\b(?:a|de|en|por|con|para|hasta|desde|tras|sin) (?:la|las))\s+$")


_ASKING = frozenset({"where", "what", "when", "why", "how", "who", "which", "whom", "dónde",
                     "qué", "cuándo", "cómo", "quién"})
_MAX_HEAD = 8  # words of a verbless head, its companion word included
# Heads that name no time spent together: a feeling, an agreement, a problem, a present tense
# of the writer's.
_NOT_TOGETHER = lazy_pattern(
    r"\b(?:agree\w*|disagree\w*|angry|upset|frustrated|annoyed|fed up|happy|pleased|"
    r"disappointed|impressed|problems?|issues?|trouble|familiar|done|busy|patient|careful|"
    r"in love|friends|deal\w*|compar\w*|compatible|consistent|same|along|acuerdo|enfadad[oa]s?|"
    r"molest[oa]s?|harto|harta|cabread[oa]s?|content[oa]s?|problemas?|lio|conforme|igual|"
    r"compar\w+|coincid\w+|sone|sonado|dream\w*)\b")
# A subject pronoun in a verbless head means it has a verb after all ("I work with ·").
_PRONOUN = lazy_pattern(r"(?:^|\s)(?:i|we|you|yo|nosotros|nosotras|tu|se)\s")


# What a clause says of time and voice, by its text: (where its earliest hearsay phrase ends,
# (start, end) of each ``later`` phrase, of each ``long_ago`` phrase, whether a relative
# pronoun occurs), offsets from the clause's start.
_Spans = tuple[tuple[int, int], ...]
_Dated = tuple[tuple[int, int, int], ...]  # (start, end, the year it names or 0)
_Times = tuple["int | None", _Spans, _Dated, bool]
_times: dict[str, _Times] = {}
NO_TIMES: _Times = (None, (), (), False)
_RELATIVE_WORD = lazy_pattern(r"\b(?:que|that|which)\s")
_YEAR = lazy_pattern(r"\b(?:19|20)\d\d\b")


def _year(text: str) -> int:
    match = _YEAR.search(text)
    return int(match[0]) if match else 0


def clause_times(clause: str, cues: Cues) -> _Times:
    """What ``clause`` (its text, names blanked) says of time and voice for the cues (see
    :func:`not_of_the_day`), read once per text; :data:`NO_TIMES` for most clauses."""
    known = _times.get(clause)
    if known is None:
        folded = fold(clause)
        heard = cues.hearsay.search(folded) if cues.hearsay is not None else None
        later = tuple(m.span() for m in cues.later.finditer(folded)) if cues.later else ()
        ago = tuple((m.start(), m.end(), _year(m[0])) for m in cues.long_ago.finditer(folded)
                    ) if cues.long_ago else ()
        relative = _RELATIVE_WORD.search(folded) is not None
        known = ((heard.end() if heard else None, later, ago, relative)
                 if heard or later or ago or relative else NO_TIMES)
        if len(_times) >= _KEPT:
            _times.clear()
        _times[clause] = known
    return known


def not_of_the_day(blanked: str, c_start: int, c_end: int, at: int, event: tuple[int, int],
                   scheduled: bool, times: _Times, year: int | None = None) -> bool:
    """Whether the event phrase at ``event`` (start and end from the clause's start) of the
    clause ``c_start``–``c_end`` is no event of the writer's on the note's day, for the name
    at ``at``: the name is in someone else's report (:func:`_told_by_others`), the clause is
    a memory (:func:`_long_ago`; a year it names must be before ``year``, the note's), a
    ``scheduled`` kind of event (a meeting, a call) is set
    for later (:func:`_planned_later`), or the event only describes a thing (:func:`_described`).
    ``times`` is :func:`clause_times` of the clause: for most clauses, :data:`NO_TIMES`,
    which answers at once."""
    if times is NO_TIMES:
        return False
    clause = blanked[c_start:c_end]
    heard, later, ago, relative = times
    return ((heard is not None and at - c_start >= heard)
            or (scheduled and bool(later) and _right_after(clause, later, event[1]))
            or (bool(ago) and _long_ago(clause, tuple(
                (a, b) for a, b, named in ago if not named or year is None or named < year), event))
            or (relative and _described(clause, event[0], at - c_start)))


def set_for(clause: str, span: tuple[int, int], after: int) -> bool:
    """Whether the day written at ``span`` of ``clause`` (a later one than the note's) is when
    the event phrase ending at ``after`` takes place, with nothing between that starts another
    part of the sentence: "Coffee with · on Friday (2026-11-27)" is set for that day, "Called ·
    to set up lunch on 2026-11-27" happened. A bracket opening the date is no new part."""
    start = span[0]
    while start > after and clause[start - 1] in "([":
        start -= 1
    return _right_after(clause, ((start, span[1]),), after)


# What starts another part of the sentence between an event and a time after it: the time
# then belongs to that part ("Called · to set up lunch next week", "Comí con · y mañana
# vuelvo", "Hablé con · sobre el viaje del jueves que viene").
_NEW_PART = lazy_pattern(
    r",|:|\(|\b(?:and|to|so|but|about|re|regarding|because|then|until|y|e|que|pero|sobre|"
    r"porque|hasta|luego|despues|pa(?:ra)? [a-z]+(?:ar|er|ir)(?:le|la|lo|les|los|las|nos|me|se)?)\b")
# A time that only qualifies a noun: "next week's trip", "el viaje de la semana que viene",
# "for Sunday dinner" (a meal or an occasion named by its day).
_QUALIFIED = lazy_pattern(r"\s+(?:dinner|lunch|brunch|breakfast|supper|tea|roast|drinks|pints?|"
                          r"coffee|service|mass|match|game|league|quiz|practice|training|"
                          r"market|carvery|club|session)\b")
_OF_BEFORE = lazy_pattern(r"\b(?:de|del|of)(?:\s+(?:la|el|the|this|that|esta|este))?\s*$")


def _right_after(clause: str, spans: _Spans, after: int, comma: bool = False) -> bool:
    """Whether one of ``spans`` stands after offset ``after`` of ``clause`` with nothing
    between that starts another part of the sentence, and qualifies no noun (with ``comma``,
    a comma right before the span is no new part: "Met · at a party, in 2019")."""
    for start, end in spans:
        if end <= after:
            continue  # before the event's end (a phrase may end inside it: "conocimos en")
        gap = fold(clause[after:start]) if start > after else ""
        if comma and gap.rstrip().endswith(","):
            gap = gap.rstrip()[:-1]
        if (_NEW_PART.search(gap) or _OF_BEFORE.search(gap) or clause[end:end + 2] in ("'s", "’s")
                or _QUALIFIED.match(fold(clause[end:end + 16]))):
            continue
        return True
    return False


# What turns from a time long ago to the day's event before it: "Back in 2011 we shared a
# flat, and today I had lunch with ·".
_TURN = lazy_pattern(r"\b(?:and|but|y|pero|today|now|hoy|ahora|this (?:morning|afternoon|evening)|"
                   r"esta (?:manana|tarde|noche))\b")


def _long_ago(clause: str, spans: _Spans, event: tuple[int, int]) -> bool:
    """Whether the clause tells a memory rather than the day's event: a ``long_ago`` phrase
    ("back in 2011", "years ago", "en el 74", "de jóvenes") before its event phrase with no
    turn to the present between, or right after it ("Met · on the course back in 2011",
    "Con · nos conocimos en el 74")."""
    if not spans:
        return False
    if any(end <= event[0] and not _TURN.search(fold(clause[end:event[0]])) for _, end in spans):
        return True
    return _right_after(clause, spans, event[1], comma=True)


# A thing, then a relative pronoun, right before the event phrase: the event describes the
# thing ("el libro que escribió ·", "the mural that · painted"), it is no event of the day.
_RELATIVE = lazy_pattern(
    r"(?:^|\s)(?:el|la|los|las|un|una|su|sus|the|a|an|his|her|their)\s+\w+\s+(?:que|that|which)"
    r"\s+(?:(?:me|le|nos|les)\s+|[*_=]*·+[*_=]*\s+)?$")


def _described(clause: str, event_start: int, at: int) -> bool:
    """Whether the event phrase opens a relative clause on a thing and the name at ``at`` is
    its subject (after the phrase, or between the pronoun and it)."""
    if at < event_start and "·" not in clause[max(0, event_start - 20):event_start]:
        return False  # the name stands before the thing: not the relative's subject
    return _RELATIVE.search(fold(clause[max(0, event_start - 60):event_start])) is not None
