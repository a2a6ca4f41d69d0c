"""Text helpers shared by every stage: accent folding that keeps offsets."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


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


def fold(text: str) -> str:
    """Lowercase, accent-free text of the same length, so offsets map 1:1 to the original."""
    if text.isascii():
        return text.lower()
    return text.translate(_TABLE)


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 call``, ``3 calls``, ``2 properties``: counts in messages people read."""
    return f"{count} {one if count == 1 else (many or one + 's')}"
