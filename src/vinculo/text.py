"""Text helpers shared by every stage: accent folding that keeps offsets."""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache
from typing import Any, cast


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """One character, lowercase and without accents, always exactly one character long."""
    if ch.isascii():
        return ch.lower()
    base = unicodedata.normalize("NFD", ch)[0].lower()[:1]
    return base or ch


class _FoldTable(dict[int, str]):
    """``str.translate`` table that learns each character's fold the first time it meets it."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_TABLE = _FoldTable()


def _latin1_table() -> bytes | None:
    """The fold of every Latin-1 character as a byte table, when each one folds to Latin-1."""
    folded = [ord(fold_char(chr(code))) for code in range(256)]
    return bytes(folded) if max(folded) < 256 else None


# Latin-1 text (Spanish, most of Western Europe, and the "·" of blanked names) folds with one
# byte-table pass, several times faster than a per-character ``str.translate`` lookup.
_LATIN1 = _latin1_table()


def fold(text: str) -> str:
    """Lowercase, accent-free text of the same length, so offsets map 1:1 to the original."""
    if text.isascii():
        return text.lower()
    if _LATIN1 is not None:
        try:
            return text.encode("latin-1").translate(_LATIN1).decode("latin-1")
        except UnicodeEncodeError:
            pass
    return text.translate(_TABLE)


def fold_pattern(pattern: str) -> str:
    """A regular-expression fragment folded like the text it will match, except a letter right
    after a backslash: folding ``\\W`` (not a word character) to ``\\w`` would turn a
    vocabulary phrase's class into its opposite. Same length as ``pattern``."""
    folded = fold(pattern)
    if "\\" not in pattern:
        return folded
    out = list(folded)
    escaped = False
    for i, ch in enumerate(pattern):
        if escaped:
            if ch.isascii() and ch.isalpha():
                out[i] = ch
            escaped = False
        elif ch == "\\":
            escaped = True
    return "".join(out)


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 call``, ``3 calls``, ``2 properties``: counts in messages people read."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


LINK_SHOWN = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")  # group 1: what the link shows


def shown_links(text: str) -> str:
    """``text`` as it reads: each ``[[target|label]]`` as its label, else its target. The same
    before and after vinculo links the names in it, so what is derived from it is stable."""
    return LINK_SHOWN.sub(lambda m: m[1], text)


# What a compiled pattern offers; copied onto a lazy pattern at its first use.
_PATTERN_ATTRS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
                  "scanner", "pattern", "flags", "groups", "groupindex")


class _LazyPattern:
    """A regular expression compiled the first time it is used. ``__getattr__`` only runs
    while an attribute is missing: the first use compiles the pattern, puts its methods on
    this object and, where the module that made it holds it in a global, puts the compiled
    pattern in its place, so that later calls cost what a compiled pattern's cost."""

    def __init__(self, pattern: str, flags: int, home: dict[str, Any]) -> None:
        self._source = (pattern, flags)
        self._home = home  # the globals of the module that made it

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and friends ask for what no pattern needs
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        for attr in _PATTERN_ATTRS:
            setattr(self, attr, getattr(compiled, attr))
        home = self._home
        for key in [key for key, value in home.items() if value is self]:
            home[key] = compiled
        return getattr(compiled, name)


def lazy_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` when first used, for a module-level pattern
    (``_WORD = lazy_pattern(r"\\w+")``). For modules that hold dozens of expressions (the
    interaction reader, the importers): a command that never reads a line with them (a
    settled sync, ``--help``) does not pay for compiling them at start-up. Use it only
    through the pattern's methods and attributes (not as ``re.sub``'s first argument, nor
    with ``isinstance``)."""
    home = sys._getframe(1).f_globals
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags, home))
