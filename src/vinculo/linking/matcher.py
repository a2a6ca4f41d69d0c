"""Finding names in one note's text: an exact pass and a fuzzy pass.

The exact pass runs one Aho-Corasick automaton (pyahocorasick) over the accent-folded, blanked
text: every name of every contact in a single scan, whatever the number of contacts. The fuzzy
pass never compares every name with the text: it looks only at windows that start with a
capitalised word within one edit of the first word of a known multi-word name (found through
a one-deletion index, as SymSpell does), and measures those windows with rapidfuzz's
optimal-string-alignment distance (a swap of two letters counts as one typo). One measure of
the text where a window would start rules out most names before any window is cut.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import islice
from typing import NamedTuple

import ahocorasick

from vinculo.linking import rules
from vinculo.linking.rules import Entry
from vinculo.namewords import is_calendar
from vinculo.text import fold

_TOKEN = re.compile(r"\w+")
# Upper-case letters of the Latin, Greek and Cyrillic blocks: a capitalised word starts
# with one ("re" has no Unicode upper-case class).
_UPPER = "".join(chr(c) for c in range(0x41, 0x530) if chr(c).isupper() and chr(c).isalpha())
# The capital first and the lookbehind after it, so re skips straight to each capital.
_CAPITALISED = re.compile(rf"[{_UPPER}](?<!\w.)\w*")


class _FoldTable(dict):
    """``str.translate`` table for :func:`vinculo.text.fold`, filled on first sight of each
    character, so folding a note is one C-level pass; tabs and no-break spaces become spaces
    so "Ana\xa0García" matches "ana garcia"."""

    def __missing__(self, code: int) -> str:
        out = fold(chr(code))
        self[code] = out
        return out


_FOLD = _FoldTable({ord("\t"): " ", 0xA0: " ", 0x202F: " "})
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _latin1_table() -> bytes | None:
    """``_FOLD`` over Latin-1 as a ``bytes.translate`` table (each of those characters folds to
    one Latin-1 character), or None if this Python's Unicode data ever says otherwise."""
    folds = [_FOLD[code] for code in range(256)]
    if all(len(ch) == 1 and ord(ch) < 256 for ch in folds):
        return "".join(folds).encode("latin-1")
    return None


_LATIN1_FOLD = _latin1_table()


def _fold_text(text: str) -> str:
    """``text.translate(_FOLD)``, faster (``str.translate`` goes character by character in
    Python objects on any text that is not all ASCII): ASCII text is lowercased, Latin-1 text
    goes through ``bytes.translate``, and otherwise only the non-ASCII runs use the table."""
    if text.isascii():
        folded = text.lower()
        return folded.replace("\t", " ") if "\t" in folded else folded
    if _LATIN1_FOLD is not None:
        try:
            return text.encode("latin-1").translate(_LATIN1_FOLD).decode("latin-1")
        except UnicodeEncodeError:
            pass  # a character beyond Latin-1, as in "Ana’s"
    parts: list[str] = []
    last = 0
    for match in _NON_ASCII.finditer(text):
        start, end = match.span()
        parts.append(text[last:start].lower())
        parts.append(match.group().translate(_FOLD))
        last = end
    parts.append(text[last:].lower())
    folded = "".join(parts)
    return folded.replace("\t", " ") if "\t" in folded else folded


def _osa_distance(a: str, b: str, score_cutoff: int) -> int:
    """rapidfuzz's optimal-string-alignment distance, imported on the first measure: a run
    that finds no name near a typo, or builds no matcher, never loads it."""
    global _osa_distance
    from rapidfuzz.distance import OSA

    _osa_distance = OSA.distance  # type: ignore[assignment]  # rapidfuzz's, overloaded
    return OSA.distance(a, b, score_cutoff=score_cutoff)


class Hit(NamedTuple):
    """A place where a name was found, before it becomes a Mention (a tuple: there is one
    per name found, and a tuple is built several times faster than a dataclass)."""

    start: int
    end: int
    targets: tuple[str, ...]
    level: str  # "link" or "suggest"
    reason: str


class _WordMemo(dict[str, bool]):
    """A test that reads one word and nothing else, answered once per word in a run: the
    capitalised words beside names ("Called", "DM'd", "Según") come back note after note."""

    def __init__(self, test: Callable[[str], bool]) -> None:
        super().__init__()
        self.test = test

    def __missing__(self, word: str) -> bool:
        answer = self[word] = self.test(word)
        return answer


def _deletes(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


# A multi-word name a capitalised word may be a typo of, with what measuring it needs:
# (entry, key, len(key), most edits allowed, words in the name, the name's words, most
# edits between the key and the text of its length where a window starts).
_Typo = tuple[Entry, str, int, int, int, tuple[str, ...], int]


def _typo(entry: Entry) -> _Typo:
    size = len(entry.key)
    cutoff = 2 if size >= 12 else 1
    # A window is measured only when its length is within ``cutoff`` of the key's, and the
    # key-long text at its start is that window cut or extended by as many characters; a
    # character added or removed at the end costs at most one more edit (the alignment of
    # the window, then that character alone), so a window within ``cutoff`` edits of the
    # key means that text within 2 * cutoff of it.
    return (entry, entry.key, size, cutoff, entry.words, tuple(entry.key.split(" ")),
            2 * cutoff)


def _capitals_agree(text: str, tokens: list[tuple[int, int]], count: int,
                    parts: tuple[str, ...]) -> bool:
    """Every word of the window after the first is capitalised, as in the name, except where
    the name has a lowercase particle ("da", "de la")."""
    for j in range(1, count):
        if text[tokens[j][0]].isupper() or (j < len(parts) and parts[j] in rules.SURNAME_PARTICLES):
            continue
        return False
    return True


class Matcher:
    """Built once per run from every contact's names; :meth:`scan` is one pass per note."""

    def __init__(
        self, entries: dict[str, Entry], *, fuzzy: bool = True, min_typo_chars: int = 8,
        max_candidates: int = 4, continuing: frozenset[str] = frozenset(),
    ) -> None:
        self.entries = entries
        # Longer titles by the name they start with: "white lady" → ("white lady inn",).
        self.longer: dict[str, tuple[str, ...]] = {}
        # (each title's heads that end before a space or an apostrophe, looked up: a vault
        # with thousands of names and dozens of such titles compared every pair)
        for title in sorted(continuing, key=len, reverse=True):
            for at, char in enumerate(title):
                if char in " '’" and title[:at] in entries:
                    key = title[:at]
                    self.longer[key] = (*self.longer.get(key, ()), title)
        self.fuzzy = fuzzy
        # A name more contacts share than this is a label ("Obsidian" as eleven contacts'
        # alias), not a way to write one person: it is neither linked nor suggested.
        self.max_candidates = max_candidates
        self.automaton = ahocorasick.Automaton()
        for key, entry in entries.items():
            self.automaton.add_word(key, (len(key), entry))
        for entry in rules.suffixed_entries(entries):  # "Sharmaji"
            self.automaton.add_word(entry.key, (len(entry.key), entry))
        if entries:
            self.automaton.make_automaton()
        # First folded word (and its one-letter deletions) of each multi-word name → names.
        self.first_words: dict[str, list[Entry]] = {}
        for entry in entries.values():
            if entry.words < 2 or len(entry.key) < min_typo_chars \
                    or entry.kind in ("first_name", "surname"):  # a surname: after a title only
                continue
            for form in _deletes(entry.key.split(" ", 1)[0]):
                self.first_words.setdefault(form, []).append(entry)
        # Every word of every contact's names: a capitalised one next to a first name says
        # the first name belongs to a longer name.
        self.max_words = max((e.words for e in entries.values()), default=1)
        # (an entry is listed under each of its first word's deletions: measured once)
        self._typos: dict[str, _Typo] = {}
        for names in self.first_words.values():
            for e in names:
                if e.key not in self._typos:
                    self._typos[e.key] = _typo(e)
        self._near_cache: dict[str, list[_Typo]] = {}
        self._near_by_word: dict[str, list[_Typo]] = {}  # the same, by unfolded word
        # (not the particles: "la" of "María de la Paz" opens "La Conchi me contestó")
        self.name_tokens = frozenset(t for e in entries.values() for t in e.tokens
                                     if t not in rules.SURNAME_PARTICLES)
        self._abbreviation = _WordMemo(rules.abbreviation)
        # A brand used as a verb after a name ("Shawna WhatsApp me"); not before one, where
        # the reader would take "to FaceTime Tom when he lands" for a call made.
        self._brand = _WordMemo(rules.brand)
        # A day before a given name ("On Friday Tom called"); not after one, where it is
        # as often a plan ("F/U with Tom Thurs") as shorthand for a meeting ("Met Tom Friday").
        self._calendar = _WordMemo(is_calendar)
        self._plain_word = _WordMemo(rules.plain_word)

    # --- exact ---------------------------------------------------------------------------

    def _exact(self, folded: str, first: int = 0,
               any_one: bool = False) -> list[tuple[int, int, int, Entry]]:
        """Every whole-word name in ``folded`` as ``(start, start - end, end, entry)``: sorted
        as plain tuples, that is leftmost first and, at one start, longest first (no two
        names share both, so entries are never compared). ``any_one``: the first found."""
        found = []
        size = len(folded)
        for last, (length, entry) in self.automaton.iter(folded, first):
            end = last + 1
            start = end - length
            # rules.at_boundary, inline: most raw hits are inside longer words ("ana" in
            # "banana"), and this loop sees every one of them.
            # An underscore is emphasis ("_Ana_") unless a letter stands beyond it ("x_ana").
            if start:
                before = folded[start - 1]
                if before.isalnum() or (
                        before in "-@_" and start > 1 and rules.glued_before(folded, start - 1)):
                    continue
            if end < size:
                after = folded[end]
                if after.isalnum() or (
                        after in "-@_" and end + 1 < size and rules.glued_after(folded, end)):
                    continue
            found.append((start, start - end, end, entry))
            if any_one:
                break
        return found

    def _judge(self, text: str, start: int, end: int, entry: Entry,
               written_lower: bool = False) -> Hit | None:
        """The confidence rules for one exact hit; None when it is not a mention at all."""
        if entry.surname is not None and rules.surname_title_before(text, start):
            entry = entry.surname  # "Mr. Grant" is Oliver Grant, not Grant Wu
        surface = text[start:end]
        single = entry.words == 1
        if (single or entry.phrase) and not surface[0].isupper():
            # "rosa", "will" in lowercase prose are words; "maría" in "lunch w/ maría" may be
            # her: never a link, but a mention an interaction can rest on when nothing else
            # can be meant (see rules.lowercase_name).
            if single and rules.lowercase_name(text, start, end, entry, self.name_tokens):
                return Hit(start, end, entry.targets, "suggest", "lowercase")
            return None
        if entry.kind == "surname":  # with a title ("Dr. Evans", "Iyer sir"), or as a party
            if len(entry.targets) > self.max_candidates:
                return None
            found = rules.surname_hit(text, start, end, entry)
            return None if found is None else Hit(found[0], end, entry.targets, found[1], found[2])
        if (single or entry.kind in rules.PARTIAL) and self._someone_else(text, start, end, entry):
            return None
        if entry.kind == "first_name" and rules.del_before(text, start):
            return None  # "la plaza del Pilar": a place or a devotion, not a contact called Pilar
        common = entry.common or written_lower
        if entry.ambiguous and (common or len(entry.targets) > self.max_candidates):
            return None  # an everyday word or a label many contacts share: noise, not a name
        other_case = bool(entry.forms) and not rules.written_as_declared(surface, entry)
        if other_case and not (single and rules.capitalised_form(surface, entry)):
            return None  # "Name" is not the contact "name", nor "Gb" the contact "GB"
        if common and single and ((rules.article_before(text, start)
                                   and not rules.name_after_article(text, start, entry.key))
                                  or rules.number_after(text, end)
                                  or rules.number_before(text, start)
                                  or rules.capitalised_before(text, start, self._listed)):
            # "Tribe of the Bear", "on May 6", "Inline Code", "Vault Name": a word of a
            # phrase or a date, not a person.
            return None
        if entry.word_too and (rules.number_soon(text, end) or rules.number_before(text, start)) \
                and rules.sentence_start(text, start):
            # "Max is 2048", "Max 20 retries" opening a line: capitalised by its place, and a
            # word before a number, as a dictionary also spells it.
            return None
        if entry.ambiguous:
            return Hit(start, end, entry.targets, "suggest", "ambiguous")
        if other_case:
            # "Victor" for the contact note "victor.md", a given name that is also a word:
            # never a link, a mention only where its clause reports an event (the linker
            # checks), like a name written in lowercase.
            return Hit(start, end, entry.targets, "suggest", "other_case")
        by_place = common and single and rules.sentence_start(text, start)
        if not entry.confident:  # a first name kept "first_name" may become a link later
            reason = "common_word" if by_place and entry.kind == "first_name" else entry.kind
            return Hit(start, end, entry.targets, "suggest", reason)
        if by_place:
            # Capitalised only by its place ("Name", "Join", "Matter" opening a sentence or
            # a table cell): never a link.
            return Hit(start, end, entry.targets, "suggest", "common_word")
        return Hit(start, end, entry.targets, "link", self._reason(text, start, end, entry))

    def _longer_title_end(self, folded: str, start: int, key: str) -> int:
        """Where another note's longer title that starts here ends ("White Lady Inn"), or 0."""
        for title in self.longer[key]:
            end = start + len(title)
            if folded.startswith(title, start) and not (
                    end < len(folded) and folded[end].isalnum()):
                return end
        return 0

    def _someone_else(self, text: str, start: int, end: int, entry: Entry) -> bool:
        """True when a part of a name stands next to a capitalised name that is not the
        contact's: "Ana Garcés", "Bertrand da Cunha", "José Antonio", "Diane Olivier"."""
        own = entry.tokens
        if rules.initial_after(text, end):
            return True  # "John C. Maxwell": a middle initial continues the name
        after = rules.word_after(text, end)
        if after and after[1] == "[[":
            return True  # a linked name right after: one longer name, or a list; not sure
        if after and rules.is_capitalised(after[1]) and rules.key_of(after[1]) not in own \
                and not self._abbreviation[after[1]] \
                and not self._brand[after[1]] \
                and not self._listed(text[end:after[0]], after[1]) \
                and not rules.suffix_after(text, end) \
                and not rules.nickname_before_particle(text, start, end, after[0], entry):
            return True
        if entry.words != 1:
            return False
        before = rules.word_before(text, start)
        if not before or not rules.is_capitalised(before[1]):
            return False
        key = rules.key_of(before[1])
        if key in own or key in rules.HONORIFICS or rules.is_name_prefix(before[1]):
            return False
        if text[before[0] - 1 : before[0]] == "#":
            return False  # a tag right before ("#Meeting Ana"), not a longer name
        if self._abbreviation[before[1]] or self._calendar[before[1]]:
            return False  # "DM'd Tom", "RT'd Tom's call", "On Friday Tom": no given name
        if before[2]:  # "da Cunha" style: a particle between two capitalised words
            between = text[before[0] + len(before[1]):start]
            if (between.strip() in rules.OPENER_LINKS and rules.sentence_start(text, before[0])
                    and key not in self.name_tokens and self._plain_word[before[1]]):
                return False  # "Anoche la Xime me llamó", "Despedida de Nico": an opener
            return not self._listed(text[before[0] + len(before[1]):start], before[1])
        # Mid-sentence, a capitalised word is a name. At a sentence start it is one when it
        # names a contact, or when it is not a word notes start sentences with ("Called",
        # "Según", "Hoy"): "Timoteo Martin" is not Martin Gauthier.
        if not rules.sentence_start(text, before[0]) or key in self.name_tokens:
            return True
        return not self._plain_word[before[1]]

    def _listed(self, between: str, other: str) -> bool:
        """Whether ``other``, a capitalised word past ``between``, is another contact's name or
        a given name joined by a conjunction, an article allowed after it ("Marta y Sergio",
        "Pablo e Inés", "Diego y la Paty"): a list of people, not one longer name ("Ortega y
        Gasset", "Ramón y Cajal" name no contact)."""
        if not rules.joins_a_list(between):
            return False
        key = rules.key_of(other)
        return (key in self.name_tokens or key in self.entries  # "Fer y Valeria": an alias too
                or rules.plain_given_name(other))  # "con Renzo y Rocío": two given names

    @staticmethod
    def _reason(text: str, start: int, end: int, entry: Entry) -> str:
        if entry.kind in rules.PARTIAL:
            return entry.kind
        if entry.kind != "title":
            return "alias"
        surface = text[start:end]
        if rules.possessive_after(text, end):
            return "possessive"
        target = entry.targets[0]
        if surface == target:
            return "exact"
        if surface.lower() == target.lower():
            return "case"
        return "accent"

    # --- fuzzy ---------------------------------------------------------------------------

    def _near(self, word: str) -> list[_Typo]:
        """Multi-word names whose first word is within one edit of ``word`` (cached)."""
        found = self._near_cache.get(word)
        if found is None:
            forms = self.first_words
            if word not in forms and not any(
                    word[:i] + word[i + 1:] in forms for i in range(len(word))):
                found = self._near_cache[word] = []  # most words: no name is near
                return found
            seen: dict[str, Entry] = {}
            for form in sorted(_deletes(word)):  # sorted: candidates in the same order every run
                for entry in self.first_words.get(form, ()):
                    seen[entry.key] = entry
            found = self._near_cache[word] = [self._typos[key] for key in seen]
        return found

    def _fuzzy(self, text: str, folded: str, taken: list[tuple[int, int]],
               first: int = 0) -> list[Hit]:
        """Typo'd names, read gap by gap between the names already ``taken`` (in text order):
        a window never starts inside one, and one that would reach into the next is dropped."""
        if not self.first_words:
            return []
        hits: list[Hit] = []
        size = len(text)
        begin = first
        for stop, after in (*taken, (size, size)):
            if begin < stop:
                self._fuzzy_gap(text, folded, begin, stop, hits)
            begin = max(begin, after)
        return hits

    def _places(self, text: str, begin: int, stop: int) -> list[tuple[int, list[_Typo]]]:
        """Where, from ``begin`` to ``stop``, a capitalised word that may begin a typo'd name
        stands, in text order, with those names. A note has dozens of capitalised words and
        few of those; each distinct word is looked up once per run."""
        # No word runs on past ``stop``, the start of a name taken or the text's end: a name
        # is taken only where no word character stands before it, nor an underscore after
        # one ("x_Ana"), and folding never makes a character a word character or not one.
        # (Each match is a whole word: ``\w`` is what str.isalnum() accepts, and "_".)
        near = self._near_by_word
        places: list[tuple[int, list[_Typo]]] = []
        for match in _CAPITALISED.finditer(text, begin, stop):
            word = match.group()
            candidates = near.get(word)
            if candidates is None:
                candidates = near[word] = self._near(_fold_text(word))
            if candidates:
                places.append((match.start(), candidates))
        return places

    def _fuzzy_gap(self, text: str, folded: str, begin: int, stop: int,
                   hits: list[Hit]) -> None:
        """The typo'd names that start from ``begin`` and end by ``stop``, added to ``hits``."""
        done = begin  # the end of the last typo'd name found: no window starts before it
        for start, candidates in self._places(text, begin, stop):
            if start < done:
                continue
            if folded[start].isalnum() or folded[start] == "_":  # the windows start here
                # One cheap measure per name rules out most of them before any window is cut.
                candidates = [c for c in candidates if _osa_distance(
                    folded[start:start + c[2]], c[1], score_cutoff=c[6]) <= c[6]]
                if not candidates:
                    continue
            tokens = [m.span() for m in islice(_TOKEN.finditer(folded, start), self.max_words + 1)]
            best = self._best_window(text, folded, tokens, candidates)
            if best is None:
                continue
            w_end, distance, matched = best
            if w_end > stop:
                continue  # it would run into a name already taken
            targets = tuple(dict.fromkeys(t for e in matched for t in e.targets))
            if distance == 1 and len(targets) == 1 and all(e.confident for e in matched):
                level = "link"
                reason = "typo"
            else:
                level, reason = "suggest", ("ambiguous" if len(targets) > 1 else "fuzzy")
            hits.append(Hit(start, w_end, targets, level, reason))
            done = w_end

    @staticmethod
    def _best_window(
        text: str, folded: str, tokens: list[tuple[int, int]], candidates: list[_Typo]
    ) -> tuple[int, int, list[Entry]] | None:
        """The window of one, two... words from ``tokens[0]`` nearest a name of ``candidates``:
        ``(end, distance, names)``, or None when no name is a typo away."""
        start = tokens[0][0]
        count_max = len(tokens)
        best: tuple[int, int, list[Entry]] | None = None
        for entry, key, size, cutoff, words, parts, _ in candidates:
            for count in (words, words - 1, words + 1):
                if count < 1 or count > count_max:
                    continue
                end = tokens[count - 1][1]
                if abs(end - start - size) > cutoff:
                    continue  # more edits than the cutoff: the lengths alone differ by more
                window = folded[start:end]
                distance = _osa_distance(window, key, score_cutoff=cutoff)
                if distance == 0 or distance > cutoff:
                    continue
                if "\n" in window or not rules.at_boundary(folded, start, end):
                    continue
                if not _capitals_agree(text, tokens, count, parts):
                    continue  # "Virginia para" is not a typo of "Virginia Lara"
                # Fewest edits first; on a tie the longer window, so "Ágatha Meendes
                # Nascimento" is Ágatha Mendes Nascimento, not Ágatha Mendes.
                if best is None or (distance, -end) < (best[1], -best[0]):
                    best = (end, distance, [entry])
                elif distance == best[1] and end == best[0]:
                    best[2].append(entry)
        return best

    # --- one note ------------------------------------------------------------------------

    def may_find(self, text: str, start: int = 0) -> bool:
        """Whether :meth:`scan` may find a name in ``text[start:]`` once it is laid out (its
        protected regions blanked): a name written there as a whole word, or a capitalised
        word a typo'd name may start with. Blanking turns characters into spaces and no
        protected span begins or ends inside a word, so what the blanked text holds, the
        text as written holds at the same place: when this is False, :meth:`scan` finds
        nothing, and a long note need not be laid out."""
        body = text[start:] if start else text
        if self.entries and self._exact(_fold_text(body), any_one=True):
            return True
        if self.fuzzy and self.first_words:
            near = self._near_by_word
            for word in set(_CAPITALISED.findall(body)):
                candidates = near.get(word)
                if candidates is None:
                    candidates = near[word] = self._near(_fold_text(word))
                if candidates:
                    return True
        return False

    def scan(self, text: str, context: str | None = None) -> list[Hit]:
        """Every name found in ``text`` (already blanked), leftmost-longest, in text order.

        ``context`` is the same text with links left in (same length): the rules that look
        at the words around a name read it, so a name next to an existing link is judged
        the same before and after a run links it — a rerun never finds new work."""
        context = text if context is None else context
        folded = _fold_text(text)
        # No name starts in the leading blank (a note's blanked frontmatter): skip it.
        first = len(text) - len(text.lstrip(" \n"))
        raw = self._exact(folded, first) if self.entries else []
        if len(raw) > 1:
            raw.sort()
        chosen: list[Hit] = []
        firm: list[tuple[int, int]] = []
        last_end = -1
        # One-word names this note also writes in lowercase: everyday words to its author.
        # Not the first word of a longer name written in lowercase ("ana garcia"): that is the
        # name, and once linked it is no longer prose, so counting it would make a rerun
        # judge "Ana" differently.
        lower: set[str] = set()
        inside = -1  # end of the last multi-word name hit (raw is in text order, longest first)
        for s, _, e, entry in raw:
            if entry.words > 1:
                inside = max(inside, e)
            elif s >= inside and not context[s].isupper():
                lower.add(entry.key)
        longer = self.longer
        for start, _, end, entry in raw:
            if start < last_end:
                continue
            if longer and entry.key in longer:
                title_end = self._longer_title_end(folded, start, entry.key)
                if title_end:
                    last_end = title_end  # nothing inside that title is a mention
                    continue
            hit = self._judge(context, start, end, entry, entry.key in lower)
            if hit is None:
                continue
            chosen.append(hit)
            last_end = end
            if hit.level == "link" and " " in folded[start:end]:
                after = rules.word_after(context, end)
                if not (after and rules.is_capitalised(after[1])):
                    firm.append((start, end))  # else a longer name may be a typo'd contact
        if self.fuzzy:
            # A typo of a full name beats a bare first name found at its start: "Teodora
            # Chico Farbegat" is one person, even when two contacts are called Teodora.
            fuzzy = self._fuzzy(text, folded, firm, first)
            if fuzzy:
                chosen = [h for h in chosen if not any(
                    f.start < h.end and h.start < f.end for f in fuzzy)] + fuzzy
                chosen.sort(key=lambda h: h.start)
        return chosen  # else already in text order, as raw is
