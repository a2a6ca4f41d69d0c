"""Finding where the earliest of many vocabulary phrases starts in a clause, fast.

A vocabulary phrase is a regular-expression fragment matched on word boundaries over folded
text (see :class:`vinculo.history.VocabularyMatcher`). Written as one alternation, every phrase is
tried after each non-word character — and a blanked name is a long run of them — and a phrase
that opens with a group is entered at every word. :func:`phrase_finder` asks the same question
of equivalent patterns the regular-expression engine answers faster. Its analysis reads the
phrases with the standard library's regular-expression parser; whatever it cannot prove
equivalent is searched as written, so a phrase it does not understand is slower, never wrong.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from vinculo.vocab_store import compile_pattern, pattern_from, pattern_tree

# The regular-expression parser, to tell which phrases begin with a word character.
if sys.version_info >= (3, 11):
    from re import _parser as _sre_parser  # type: ignore[attr-defined]  # typeshed omits it
else:  # Python 3.10
    import sre_parse as _sre_parser


@lru_cache(maxsize=4096)
def _syntax(phrase: str) -> Any:
    """The phrase as the regular-expression parser reads it, or None when it is not valid."""
    try:
        return _sre_parser.parse(phrase)
    except re.error:
        return None


def phrase_error(phrase: str) -> str | None:
    """Why ``phrase`` is no valid regular expression (the compiler's message), or None.
    Parsed (cached: the analysis parses every phrase anyway); compiled only when it has a
    look-behind, the one error the parser lets through (one that is not of fixed width)."""
    try:
        if _syntax(phrase) is None:
            _sre_parser.parse(phrase)
        elif "(?<" in phrase:
            re.compile(phrase)
    except re.error as error:
        return str(error)
    return None


def _compiles(phrase: str) -> bool:
    try:
        re.compile(phrase)
    except re.error:
        return False
    return True


_GUARD, _END = r"(?<![\w])", r"(?![\w])"


def _usable(phrases: list[str]) -> list[str]:
    """The phrases that parse, longest first, then alphabetically (so every process builds the
    same alternation, whatever its hash seed): a plugin's broken fragment is skipped, not a
    crash of every run. (Parsed, not compiled: the analysis parses them anyway, and the few
    errors only compiling finds are handled where the alternation is compiled.)"""
    return sorted({p for p in phrases if _syntax(p) is not None}, key=lambda p: (-len(p), p))


def _join(phrases: list[str], guard: str = _GUARD) -> re.Pattern[str] | None:
    if not phrases:
        return None
    body = "|".join(f"(?:{p})" for p in phrases)
    # compiled keeping the program, so a later run can load it (vinculo.vocab_store)
    return compile_pattern(rf"{guard}(?:{body}){_END}")


def alternation(phrases: list[str]) -> re.Pattern[str] | None:
    usable = _usable(phrases)
    try:
        return _join(usable)
    except re.error:  # e.g. a look-behind that is not of fixed width: compiled one by one
        return _join([p for p in usable if _compiles(p)])


@dataclass(frozen=True)
class PhraseFinder:
    """The start of the earliest match of a phrase alternation (the earliest of its parts):

    - phrases that provably begin with a word character, behind a word boundary (the written
      guard's test there, which skips runs of non-word characters);
    - other phrases anchored with ``^``, tried at offset 0 only;
    - a veto ``^.*?X``: ``X`` anywhere on the first line is a match at 0;
    - the rest behind the written guard.

    A phrase that opens with a group is split into the alternatives it stands for ("(?:le
    |me )?escribi": "le escribi", "me escribi", "escribi"), and alternatives that open with
    the same character are grouped under it, so a position is turned down at once. Either
    changes which phrase matches at a place, never whether one does: only starts are read.
    """

    anchored: re.Pattern[str] | None
    first_line: re.Pattern[str] | None
    searched: tuple[re.Pattern[str], ...]

    def start(self, text: str) -> int | None:
        if self.anchored is not None and self.anchored.match(text):
            return 0
        if self.first_line is not None:
            match = self.first_line.search(text)
            if match:
                newline = text.find("\n")
                if newline < 0 or match.start() <= newline:
                    return 0
        best: int | None = None
        for pattern in self.searched:
            match = pattern.search(text)
            if match and (best is None or match.start() < best):
                best = match.start()
        return best


def finder_tree(finder: PhraseFinder) -> Any:
    """``finder`` as JSON-ready data, to be kept between runs (see :mod:`vinculo.vocab_store`)."""
    return [pattern_tree(finder.anchored), pattern_tree(finder.first_line),
            [pattern_tree(p) for p in finder.searched]]


def finder_from(tree: Any) -> PhraseFinder:
    """The finder :func:`finder_tree` described."""
    return PhraseFinder(pattern_from(tree[0]), pattern_from(tree[1]),
                        tuple(p for p in map(pattern_from, tree[2]) if p is not None))


def phrase_finder(phrases: list[str]) -> PhraseFinder | None:
    """A :class:`PhraseFinder` for ``phrases``; None when a phrase is beyond the analysis
    (capturing groups: a back-reference means something else once phrases are regrouped; or
    inline global flags), and the phrases must be searched as written."""
    anchored: list[str] = []
    first_line: list[str] = []
    first_words: list[str] = []
    word_led: list[str] = []
    other: list[str] = []
    try:
        for phrase in _usable(phrases):
            if _parse(phrase) is None:
                return None
            for alternative in _alternatives(phrase):
                if _literal(alternative):  # most phrases: no need to parse them
                    (word_led if _is_word(alternative[:1]) else other).append(alternative)
                    continue
                if _is_word(alternative[:1]) and _plain_head(alternative):
                    # its first item is that character: ``_lead`` is (True, False) unparsed
                    word_led.append(alternative)
                    continue
                items = _parse(alternative)
                if items is None:  # cannot happen: an alternative is a part of the phrase
                    return None
                rest = _veto_rest(alternative, items)
                if rest is not None and rest.startswith("\\b") and _parse(rest[2:]) is not None:
                    # "^.*?\\bX": X's parts behind one word boundary, grouped by their head
                    first_words.extend(_alternatives(rest[2:]))
                elif rest is not None:  # split too, so that its parts group by their head
                    first_line.extend(_alternatives(rest))
                elif _lead(items) == (True, False):  # "^call" too: "^" holds at 0 only
                    word_led.append(alternative)
                elif items and str(items[0][0]) == "AT" and str(items[0][1]) in _STRING_START:
                    anchored.append(alternative)
                else:
                    other.append(alternative)
        searched = (_join(_by_head(word_led), r"\b"), _join(_by_head(other)))
        if first_words:
            first_line.append(r"\b(?:" + "|".join(f"(?:{p})" for p in _by_head(first_words)) + ")")
        return PhraseFinder(_join(_by_head(anchored)), _join(_by_head(first_line), ""),
                       tuple(p for p in searched if p is not None))
    except Exception:  # an internal parser, only used to go faster: never a failure
        return None


@lru_cache(maxsize=4096)
def _parse(phrase: str) -> tuple[Any, ...] | None:
    """The parsed phrase, or None when it is invalid or has capturing groups or global
    flags."""
    parsed = _syntax(phrase)
    if parsed is None:
        return None
    if parsed.state.groups > 1 or parsed.state.flags & ~re.UNICODE:  # group 0 is the match
        return None
    return tuple(parsed)


def _same(a: str, b: str) -> bool:
    """Whether two phrases parse alike (the parser dissolves plain ``(?:…)`` groups)."""
    tree = _parse(a)
    return tree is not None and repr(tree) == repr(_parse(b))


def _veto_rest(phrase: str, items: tuple[Any, ...]) -> str | None:
    """``X`` when ``phrase`` (parsed: ``items``) is ``^.*?X`` or ``^.*X``, else None."""
    for prefix in ("^.*?", "^.*"):
        if phrase.startswith(prefix):
            rest = phrase[len(prefix) :]
            if repr(items[:2]) == repr(_parse(prefix)) and repr(items[2:]) == repr(_parse(rest)):
                return rest
    return None


_OPAQUE = re.compile(r"\(\?[^:]")  # lookarounds, flags, comments: not split
_JOINABLE = frozenset("\\{,0123456789")


def _alternatives(phrase: str, budget: int = 32) -> list[str]:
    """``phrase`` as alternatives that open with a plain character where it opens with a
    group or is an alternation; the phrase as it is when in doubt or past ``budget``
    alternatives. Each alternative parses as its part of the phrase without being parsed
    again here (most of what the analysis cost): the phrase parses, has no capturing group
    and nothing ``_OPAQUE``, and the parser reads a group's branches, and the items after it,
    each on its own; where a branch's end and what follows could be read together ("\\0"
    and "12", "{1," and "2}") both readings are compared. (Were one not to parse after all,
    the joined pattern would not compile and the phrases would be searched as written.)"""
    if _plain_head(phrase) or _OPAQUE.search(phrase):
        return [phrase]
    scan = _scan(phrase)
    if scan is None:
        return [phrase]
    bars, close = scan
    if bars:
        parts = _split(phrase, bars)
    elif phrase.startswith("(?:") and close is not None:
        after = phrase[close + 1 :]
        optional = after.startswith("?") and not after.startswith("?+")
        rest = after[2:] if after.startswith("??") else after[1:] if optional else after
        if rest[:1] in ("*", "+", "?", "{"):
            return [phrase]
        inner = _scan(phrase[3:close])
        if inner is None:
            return [phrase]
        pieces = _split(phrase[3:close], inner[0])
        # "(?:x)y" and "xy" parse alike unless x and y run together ("a{1," and "2}"): only
        # an x that ends in an escape, a brace, a comma or a digit is checked (by parsing both).
        if not all(_same(p + rest, f"(?:{p}){rest}") for p in pieces if p[-1:] in _JOINABLE):
            return [phrase]
        parts = [p + rest for p in pieces] + ([rest] if optional else [])
    else:
        return [phrase]
    out: list[str] = []
    for part in parts:
        out += _alternatives(part, budget - len(parts))
    return out if len(out) <= budget else [phrase]


def _split(text: str, bars: list[int]) -> list[str]:
    ends = [-1, *bars, len(text)]
    return [text[a + 1 : b] for a, b in zip(ends, ends[1:], strict=False)]


def _scan(text: str) -> tuple[list[int], int | None] | None:
    """The offsets of ``text``'s top-level ``|`` and of the ``)`` closing the group it opens
    with; None when its brackets do not balance."""
    depth, bars, close, i = 0, [], None, 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 1
        elif char == "[":
            i = _set_end(text, i)
            if i < 0:
                return None
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
            if depth == 0 and close is None and text[0] == "(":
                close = i
        elif char == "|" and depth == 0:
            bars.append(i)
        i += 1
    return (bars, close) if depth == 0 else None


def _set_end(text: str, start: int) -> int:
    """The offset of the ``]`` closing the set opened at ``start``, or -1."""
    i = start + 1
    if text[i : i + 1] == "^":
        i += 1
    if text[i : i + 1] == "]":  # a "]" first in a set is a literal
        i += 1
    while i < len(text) and text[i] != "]":
        i += 2 if text[i] == "\\" else 1
    return i if i < len(text) else -1


def _by_head(phrases: list[str]) -> list[str]:
    """The same alternatives, those that open with a plain character grouped under it
    ("llame a", "la vi" → "l(?:lame a|a vi)")."""
    groups: dict[str, list[str]] = {}
    out: list[str] = []
    for phrase in phrases:
        if _plain_head(phrase):
            groups.setdefault(phrase[0], []).append(phrase[1:])
        else:
            out.append(phrase)
    for head, tails in groups.items():
        out.append(re.escape(head) + "(?:" + "|".join(f"(?:{t})" for t in tails) + ")")
    return out


@lru_cache(maxsize=4096)
def _plain_head(phrase: str) -> bool:
    """Whether ``phrase`` is its first character, literally, followed by a pattern of its own."""
    if len(phrase) < 2:
        return False
    if _literal(phrase):
        return True
    # Most phrases say so at a glance (a word character, no quantifier on it, no alternation
    # at the top): parsing them twice, as below, is most of the cost of compiling a long one.
    if _is_word(phrase[0]) and phrase[1] not in "*+?{":
        scan = _scan(phrase)
        if scan is not None and not scan[0]:
            return True
    items, tail = _parse(phrase), _parse(phrase[1:])
    return (items is not None and tail is not None and str(items[0][0]) == "LITERAL"
            and items[0][1] == ord(phrase[0]) and repr(items[1:]) == repr(tail))


_STRING_START = ("AT_BEGINNING", "AT_BEGINNING_STRING")
_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")  # they only rule matches out, never in
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def _lead(items: Any) -> tuple[bool, bool]:
    """``(word, empty)`` for a parsed regular expression: whether whatever it matches first is
    a word character, and whether it can match nothing at all (then what follows it counts).
    ``word`` is False whenever unsure."""
    for op, arg in items:
        name = str(op)
        if name in _ZERO_WIDTH:
            continue
        if name == "LITERAL":
            return _is_word(chr(arg)), False
        if name == "IN":
            return _word_set(arg), False
        if name == "SUBPATTERN":
            word, empty = _lead(arg[-1])
        elif name == "ATOMIC_GROUP":
            word, empty = _lead(arg)
        elif name == "BRANCH":
            leads = [_lead(branch) for branch in arg[1]]
            word, empty = all(w for w, _ in leads), any(e for _, e in leads)
        elif name in _REPEATS:
            word, empty = _lead(arg[2])
            empty = empty or arg[0] == 0
        else:  # any character, a negated one, a category outside a set…
            return False, False
        if not word or not empty:
            return word, empty
    return True, True


_WORD = re.compile(r"\w")
_SPECIAL = re.compile(r"[\\.^$*+?{}\[\]|()]")


def _is_word(char: str) -> bool:
    return _WORD.match(char) is not None


def _literal(phrase: str) -> bool:
    """Whether ``phrase`` has no special character: it matches itself, character by
    character (phrases carry no flags, so no verbose mode)."""
    return _SPECIAL.search(phrase) is None


def _word_set(items: Any) -> bool:
    """Whether every character a ``[…]`` set accepts is a word character."""
    for op, arg in items:
        name = str(op)
        if name == "LITERAL" and _is_word(chr(arg)):
            continue
        if name == "RANGE" and arg[1] - arg[0] < 4096 and all(
            _is_word(chr(code)) for code in range(arg[0], arg[1] + 1)
        ):
            continue
        if name == "CATEGORY" and str(arg) in ("CATEGORY_WORD", "CATEGORY_DIGIT"):
            continue
        return False
    return True
