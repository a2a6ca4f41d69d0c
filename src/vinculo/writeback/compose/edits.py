"""Pure text splices: the only way vinculo changes a note's content.

Every edit is a list of ``(start, end, replacement)`` character spans into ``Note.text``; the
bytes outside those spans are never touched, so BOM, line endings, comments and quoting
survive exactly as written.
"""

from __future__ import annotations

from vinculo.model import Note

BOM = "\ufeff"


def to_bytes(note: Note, text: str) -> bytes:
    """Re-encode ``text`` as the note's file: UTF-8, with the BOM when the note had one."""
    return ((BOM if note.has_bom else "") + text).encode("utf-8")


def splice(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` with each span replaced; spans may come in any order but must not overlap."""
    out: list[str] = []
    pos = 0
    for start, end, replacement in sorted(spans, key=lambda s: (s[0], s[1])):
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span {start}:{end} is outside the note (length {len(text)})")
        if start < pos:
            raise ValueError(f"span {start}:{end} overlaps the previous one")
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def replace_spans(note: Note, spans: list[tuple[int, int, str]]) -> bytes:
    """The note's new bytes with ``spans`` (character offsets into ``note.text``) replaced."""
    return to_bytes(note, splice(note.text, spans))


def line_ending(text: str, fallback: str | None = None) -> str:
    """The text's own line ending: CRLF when most of its lines use it, else LF. With no line
    ending at all, the one of ``fallback`` (the whole note) is used."""
    if "\n" not in text and fallback is not None:
        return line_ending(fallback)
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf >= text.count("\n") - crlf else "\n"
