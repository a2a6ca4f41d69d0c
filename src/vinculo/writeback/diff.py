"""The exact unified diff of a set of changes: what ``--dry-run`` prints and a run writes."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vinculo.writeback.apply import FileChange

NO_EOL = "\\ No newline at end of file\n"


def _lines(data: bytes | None) -> list[str]:
    """Lines split on ``\\n`` only, endings kept (so a CR stays part of its line)."""
    if not data:
        return []
    parts = data.decode("utf-8", errors="replace").split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def unified_diff(changes: list[FileChange]) -> str:
    """One unified diff (``a/`` and ``b/`` prefixes, as git prints) for every real change."""
    out: list[str] = []
    for change in changes:
        if change.after == change.before:
            continue
        # As git does: a name with a space ends with a tab, so patch tools read it whole.
        end = "\t" if " " in change.rel else ""
        fromfile = "/dev/null" if change.before is None else f"a/{change.rel}{end}"
        for line in difflib.unified_diff(
            _lines(change.before), _lines(change.after), fromfile, f"b/{change.rel}{end}"
        ):
            out.append(line if line.endswith("\n") else line + "\n" + NO_EOL)
    return "".join(out)
