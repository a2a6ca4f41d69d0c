"""Reading exported text files line by line, so one bad line never costs the whole file.

Exports come from many systems: a byte-order mark, CRLF, a row saved in another encoding, a
file cut short by a failed download. Each line is decoded on its own; a line that is not UTF-8
is reported by number and left out instead of turning into mojibake in a note.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from vinculo.importing.base import ImportContext, ImportFileError


@dataclass(frozen=True)
class BadLine:
    line: int  # 1-based
    reason: str


def split_lines(data: bytes, encoding: str = "utf-8") -> tuple[list[str | None], list[BadLine]]:
    """The file's lines without line endings (1-based line ``n`` is ``lines[n - 1]``); a line
    that does not decode is ``None`` and listed in the problems. ``encoding`` is for files
    re-saved by a spreadsheet (``cp1252``); a byte-order mark always wins."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise ImportFileError("file looks UTF-16 but cannot be decoded") from exc
        encoding = "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8"
    if b"\x00" in data[:8192]:
        raise ImportFileError("file looks binary, not a text export")
    hint = " (wrong encoding? try --encoding cp1252)" if encoding == "utf-8" else ""
    lines: list[str | None] = []
    problems: list[BadLine] = []
    for n, raw in enumerate(data.splitlines(), start=1):
        try:
            lines.append(raw.decode(encoding))
        except UnicodeDecodeError as exc:
            lines.append(None)
            label = "UTF-8" if encoding == "utf-8" else encoding
            problems.append(BadLine(n, f"not {label} at byte {exc.start + 1}{hint}"))
    return lines, problems


CHUNK = 16_384  # bytes per progress step of a streamed file: a bar from about 3 MB on


def stream_lines(handle: IO[bytes], size: int, ctx: ImportContext,
                 label: str) -> Iterator[tuple[int, str | None]]:
    """``(line number, text)`` for each line of a binary stream, read a chunk at a time (never
    the whole file) under the import's progress bar; a line that does not decode in the
    import's encoding is ``None``, so its caller can report it by number and go on."""
    chunks = iter(lambda: handle.read(CHUNK), b"")
    total = max(1, -(-size // CHUNK))
    carry = b""
    number = 0
    first = True
    for chunk in ctx.progress(chunks, total, label):
        if first:
            first = False
            if chunk.startswith(b"\xef\xbb\xbf"):
                chunk = chunk[3:]
        pieces = (carry + chunk).split(b"\n")
        carry = pieces.pop()
        for raw in pieces:
            number += 1
            yield number, _decode(raw, ctx.encoding)
    if carry:
        yield number + 1, _decode(carry, ctx.encoding)


def _decode(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.rstrip(b"\r").decode(encoding)
    except UnicodeDecodeError:
        return None
