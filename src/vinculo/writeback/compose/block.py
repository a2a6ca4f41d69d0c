"""The managed block: the one region of a contact note vinculo rewrites wholesale.

It sits between ``<!-- vinculo:start -->`` and ``<!-- vinculo:end -->`` (configurable), each on
a line of its own. Anything ambiguous — one marker without the other, markers duplicated by a
sync merge, a marker inside a code fence or in the middle of a line — means we cannot know what
the user wants, so the note is not written at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vinculo.config import Config
from vinculo.errors import BlockError
from vinculo.model import Note
from vinculo.writeback.compose.edits import line_ending, splice, to_bytes

_LINE = re.compile(r"(?P<line>[^\r\n]*)(?:\r\n|\n|\r|\Z)")
_FENCE_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>[^\r\n]*)$")


@dataclass(frozen=True)
class BlockSpan:
    """Where the block is in ``Note.text``: the marker lines and the content between them."""

    start: int  # start of the start-marker line
    content_start: int  # just after the start-marker line
    content_end: int  # start of the end-marker line
    end: int  # just after the end-marker line (its line ending included when present)


def _lines(text: str, offset: int) -> list[tuple[int, int, str]]:
    """``(start, end_with_eol, line_without_eol)`` for each line of ``text[offset:]``."""
    out = []
    for match in _LINE.finditer(text, offset):
        if match.start() == match.end():
            break
        out.append((match.start(), match.end(), match["line"]))
    return out


def _fence_lines(text: str, offset: int) -> list[tuple[int, int, str]]:
    """The lines of :func:`_lines` that may open or close a fence (up to three spaces, then
    three backticks or tildes), found from the fences' characters instead of line by line
    (the dashboard, a thousand lines around one fence, was read whole several times a
    sync). Only for text whose lines end in ``\n``, from a line's start; else every line."""
    if "\r" in text or (offset and text[offset - 1] != "\n"):
        return _lines(text, offset)
    out: list[tuple[int, int, str]] = []
    found = {mark: text.find(mark, offset) for mark in ("```", "~~~")}
    while True:
        at = min((pos for pos in found.values() if pos >= 0), default=-1)
        if at < 0:
            return out
        start = text.rfind("\n", offset, at) + 1 or offset
        newline = text.find("\n", at)
        end = len(text) if newline < 0 else newline + 1
        if at - start <= 3 and text[start:at].strip(" ") == "":
            out.append((start, end, text[start:end].rstrip("\n")))
        for mark, pos in found.items():
            if 0 <= pos < end:
                found[mark] = text.find(mark, end)


def fenced_ranges(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Character ranges of fenced code blocks (``` or ~~~) from ``offset``; an unclosed fence
    runs to the end of the note, as in CommonMark."""
    if "```" not in text and "~~~" not in text:
        return []  # most notes: no fence to look for, line by line
    ranges = []
    fence: str | None = None
    begin = 0
    for start, end, line in _fence_lines(text, offset):
        if fence is None:
            match = _FENCE_OPEN.match(line)
            if match and not (match["fence"][0] == "`" and "`" in match["info"]):
                fence, begin = match["fence"], start
        elif re.match(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", line):
            ranges.append((begin, end))
            fence = None
    if fence is not None:
        ranges.append((begin, len(text)))
    return ranges


def markers(config: Config) -> tuple[str, str]:
    """The block's start and end markers in this vault (``[block] start``, ``end``)."""
    start = str(config.get("block.start", "<!-- vinculo:start -->"))
    end = str(config.get("block.end", "<!-- vinculo:end -->"))
    return start, end


def find_block(note_text: str, body_start: int, config: Config) -> BlockSpan | None:
    """The managed block of a note, None when it has no markers; BlockError when unsafe."""
    start_marker, end_marker = markers(config)
    if note_text.find(start_marker, body_start) < 0 and note_text.find(end_marker, body_start) < 0:
        return None  # most notes: no marker, so no fence to look for either
    fences = fenced_ranges(note_text, body_start)
    own_line: dict[str, list[tuple[int, int]]] = {start_marker: [], end_marker: []}
    for marker in (start_marker, end_marker):
        pos = note_text.find(marker, body_start)
        while pos != -1:
            if any(a <= pos < b for a, b in fences):
                raise BlockError(f"a vinculo marker {marker!r} is inside a code block")
            line_start = note_text.rfind("\n", 0, pos) + 1
            line_end = note_text.find("\n", pos)
            line_end = len(note_text) if line_end == -1 else line_end + 1
            line = note_text[line_start:line_end].rstrip("\r\n")
            if not re.fullmatch(rf" {{0,3}}{re.escape(marker)}[ \t]*", line):
                raise BlockError(f"a vinculo marker {marker!r} is not on a line of its own")
            own_line[marker].append((line_start, line_end))
            pos = note_text.find(marker, pos + len(marker))
    starts, ends = own_line[start_marker], own_line[end_marker]
    if not starts and not ends:
        return None
    if len(starts) > 1 or len(ends) > 1:
        raise BlockError("the vinculo block markers are duplicated (a sync merge?)")
    if not ends:
        raise BlockError("the vinculo block has a start marker but no end marker")
    if not starts:
        raise BlockError("the vinculo block has an end marker but no start marker")
    (s_start, s_end), (e_start, e_end) = starts[0], ends[0]
    if e_start < s_end:
        raise BlockError("the vinculo end marker comes before the start marker")
    return BlockSpan(s_start, s_end, e_start, e_end)


def _check(note: Note) -> None:
    if not note.readable:
        problem = note.diagnostics[0].message if note.diagnostics else "unreadable"
        raise BlockError(f"note is not editable: {problem}")


def read_managed_block(note: Note, config: Config) -> str | None:
    """The text between the markers, None when the note has none; BlockError when unsafe."""
    _check(note)
    span = find_block(note.text, note.body_start, config)
    return None if span is None else note.text[span.content_start : span.content_end]


def block_text(text: str, body_start: int, content: str, config: Config) -> str:
    """``text`` with the managed block set to ``content`` (inserted when missing)."""
    eol = line_ending(text[body_start:], fallback=text)
    body = content.replace("\r\n", "\n")
    if body and not body.endswith("\n"):
        body += "\n"
    body = body.replace("\n", eol)
    new_text = _place(text, body_start, body, eol, config)
    # Read it back: the block must be found, whole, holding exactly ``body`` (content that
    # opens a code fence or carries a marker, or a note ending in an open fence, fails here).
    try:
        span = find_block(new_text, body_start, config)
    except BlockError as exc:
        raise BlockError(f"the block would not read back cleanly ({exc})") from None
    if span is None or new_text[span.content_start : span.content_end] != body:
        raise BlockError("the block would not read back cleanly")
    return new_text


def _place(text: str, body_start: int, body: str, eol: str, config: Config) -> str:
    span = find_block(text, body_start, config)
    if span is not None:
        return splice(text, [(span.content_start, span.content_end, body)])
    start_marker, end_marker = markers(config)
    block = f"{start_marker}{eol}{body}{end_marker}{eol}"
    heading = str(config.get("block.heading", "") or "").strip()
    if heading:
        fences = fenced_ranges(text, body_start)
        for start, end, line in _lines(text, body_start):
            if line.rstrip() == heading and not any(a <= start < b for a, b in fences):
                lead = "" if text[start:end].endswith("\n") else eol
                return splice(text, [(end, end, lead + block)])
    prefix = ""
    if text and not text.endswith("\n"):
        prefix += eol
    if text[body_start:].strip() and not (text + prefix).endswith(eol + eol):
        prefix += eol
    tail = f"{heading}{eol}{block}" if heading else block
    return splice(text, [(len(text), len(text), prefix + tail)])


def set_managed_block(note: Note, content: str, config: Config) -> bytes:
    """The note's bytes with its managed block holding ``content``: replaced between the
    markers, or inserted under the configured heading (the heading is appended at the end
    when the note lacks it). Uses the note's own line ending; BlockError when unsafe."""
    _check(note)
    return to_bytes(note, block_text(note.text, note.body_start, content, config))
