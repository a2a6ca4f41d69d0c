"""Reading exported text files line by line, so one bad line never costs the whole file.

Exports come from many systems: a byte-order mark, CRLF, a row saved in another encoding, a
file cut short by a failed download. Each line is decoded on its own; a line that is not UTF-8
is reported by number and left out instead of turning into mojibake in a note.
"""

from __future__ import annotations

from dataclasses import dataclass

from vinculo.importing.base import ImportFileError


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
