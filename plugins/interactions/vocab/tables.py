"""Writes the generated word tables of the vocabularies (``vocab/en_past.py``,
``vocab/es_past.py``) in place. Imports nothing of the vocabularies, so those modules can call
it from their ``__main__`` without an import cycle."""

from __future__ import annotations


def rewrite_word_table(path: str, name: str, words: tuple[str, ...]) -> None:
    """Rewrite, in place, the generated ``NAME: tuple[str, ...] = (…)`` table of a module whose
    table is followed by its ``def generate`` (``vocab/en_past.py``, ``vocab/es_past.py``)."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    start = text.index(f"{name}: tuple[str, ...] = ")
    end = text.index("\n\n\ndef generate")
    lines = [f"{name}: tuple[str, ...] = ("]
    row = "   "
    for word in words:
        if len(row) + len(word) + 4 > 96:
            lines.append(row)
            row = "   "
        row += f" {word!r},"
    lines += [row, ")"]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text[:start] + "\n".join(lines) + text[end:])
