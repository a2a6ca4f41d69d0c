"""The exact unified diff of a set of changes: what ``--dry-run`` prints and a run writes.

A first sync changes thousands of notes, nearly all by links: each changed line is still one
line, in its place. For such a change (the same number of lines between the common head and
tail) the lines are paired in place, which is the diff, without a general diff's search;
any other change (a block or a property added) goes through :mod:`difflib`. The hunks are
written as ``difflib.unified_diff`` writes them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from itertools import compress
from operator import ne
from typing import Protocol, TypeVar


class Change(Protocol):
    """What a diff reads of a change (a :class:`vinculo.writeback.FileChange`)."""

    @property
    def rel(self) -> str: ...
    @property
    def before(self) -> bytes | None: ...
    @property
    def after(self) -> bytes: ...

T = TypeVar("T")
NO_EOL = "\\ No newline at end of file\n"
CONTEXT = 3
Opcode = tuple[str, int, int, int, int]


def _lines(data: bytes | None) -> list[str]:
    """Lines split on ``\\n`` only, endings kept (so a CR stays part of its line)."""
    if not data:
        return []
    parts = data.decode("utf-8", errors="replace").split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def paired_opcodes(a: list[str], b: list[str]) -> list[Opcode] | None:
    """The opcodes of a change that keeps every line in its place (as ``difflib`` names
    them), or None when lines were added or removed between the common head and tail."""
    if len(a) != len(b):
        return None  # before any comparison: difflib takes over
    size = len(a)
    head = 0
    while head < size and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < size - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    codes: list[Opcode] = []
    if head:
        codes.append(("equal", 0, head, 0, head))
    start, same = head, False
    for i in range(head, len(a) - tail):
        equal = a[i] == b[i]
        if equal != same and i > start:
            tag = "equal" if same else "replace"
            codes.append((tag, start, i, start, i))
            start = i
        same = equal
    if len(a) - tail > start:
        codes.append(("equal" if same else "replace", start, len(a) - tail, start, len(a) - tail))
    if tail:
        codes.append(("equal", len(a) - tail, len(a), len(a) - tail, len(a)))
    return codes


class _Known(difflib.SequenceMatcher):
    """Opcodes already known, grouped into hunks by difflib's own code."""

    def __init__(self, codes: list[Opcode]) -> None:  # no search: nothing to set up
        self._codes = codes

    def get_opcodes(self) -> list[Opcode]:  # type: ignore[override]  # typeshed: Literal tags
        return list(self._codes)


def _range(start: int, stop: int) -> str:
    """A hunk's range as ``difflib`` writes it."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def _paired_hunks(a: list[str], b: list[str], fromfile: str, tofile: str) -> Iterator[str]:
    """The hunks of a change whose lines all stay in place (``len(a) == len(b)``), written
    from the changed lines' positions: what :func:`_grouped_hunks` writes for the same
    change (property-tested), without building and regrouping opcodes."""
    changed = list(compress(range(len(a)), map(ne, a, b)))
    if not changed:
        return
    yield f"--- {fromfile}\n"
    yield f"+++ {tofile}\n"
    clusters = []
    first = last = changed[0]
    for i in changed[1:]:
        if i - last - 1 > 2 * CONTEXT:  # more unchanged lines between than two contexts
            clusters.append((first, last))
            first = i
        last = i
    clusters.append((first, last))
    size = len(a)
    for first, last in clusters:
        lo, hi = max(0, first - CONTEXT), min(size, last + 1 + CONTEXT)
        span = _range(lo, hi)
        yield f"@@ -{span} +{span} @@\n"
        i = lo
        while i < hi:
            if a[i] == b[i]:
                yield " " + a[i]
                i += 1
                continue
            j = i + 1
            while j < hi and a[j] != b[j]:
                j += 1
            for line in a[i:j]:
                yield "-" + line
            for line in b[i:j]:
                yield "+" + line
            i = j


def _hunks(a: list[str], b: list[str], fromfile: str, tofile: str) -> Iterator[str]:
    if len(a) == len(b):
        return _paired_hunks(a, b, fromfile, tofile)
    return difflib.unified_diff(a, b, fromfile, tofile)


def _grouped_hunks(a: list[str], b: list[str], fromfile: str, tofile: str) -> Iterator[str]:
    """The hunks of an in-place change through :func:`paired_opcodes` and difflib's own
    grouping: the reference :func:`_paired_hunks` is tested against."""
    codes = paired_opcodes(a, b)
    if codes is None:
        yield from difflib.unified_diff(a, b, fromfile, tofile)
        return
    started = False
    for group in _Known(codes).get_grouped_opcodes(CONTEXT):
        if not started:
            started = True
            yield f"--- {fromfile}\n"
            yield f"+++ {tofile}\n"
        first, last = group[0], group[-1]
        yield f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                for line in a[i1:i2]:
                    yield " " + line
                continue
            for line in a[i1:i2]:
                yield "-" + line
            for line in b[j1:j2]:
                yield "+" + line


def unified_diff(changes: Sequence[Change]) -> str:
    """One unified diff (``a/`` and ``b/`` prefixes, as git prints) for every real change."""
    return "".join(map(change_diff, changes))


def change_diff(change: Change) -> str:
    """The unified diff of one change ("" when its bytes stay the same); the text
    :func:`with_diff` attached to it, when it was rendered where the change was planned."""
    known: str | None = getattr(change, "__dict__", {}).get(_RENDERED)
    if known is not None:
        return known
    if change.after == change.before:
        return ""
    # As git does: a name with a space ends with a tab, so patch tools read it whole.
    end = "\t" if " " in change.rel else ""
    fromfile = "/dev/null" if change.before is None else f"a/{change.rel}{end}"
    return "".join(line if line.endswith("\n") else line + "\n" + NO_EOL
                   for line in _hunks(_lines(change.before), _lines(change.after), fromfile,
                                      f"b/{change.rel}{end}"))


_RENDERED = "_rendered_diff"


def with_diff(change: T, diff: str) -> T:
    """``change``, carrying ``diff`` as its :func:`change_diff`: a diff rendered by the worker
    process that planned the change, from the same bytes (a first dry run prints 10,000 of
    them). A copy of the change (``dataclasses.replace``) does not carry it."""
    object.__setattr__(change, _RENDERED, diff)  # a frozen dataclass: no field, no setter
    return change
