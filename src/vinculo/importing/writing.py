"""The importers' only way to the disk: the shared safe write path, nothing of their own."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pluggy

from vinculo.importing.base import Action
from vinculo.model import Note


def fill_properties(note: Note, values: dict[str, Any]) -> bytes:
    """The note's bytes with ``values`` set, spliced into the frontmatter (nothing else moves).

    Callers pass only keys that are empty in the note: what the user wrote is never replaced.
    """
    from vinculo.writeback import set_properties

    return set_properties(note, values)


def text_with_properties(text: str, values: dict[str, Any]) -> str:
    """``text`` (a note not written yet) with ``values`` as frontmatter keys, rendered exactly
    the way the safe write path renders them in existing notes."""
    from vinculo.writeback.compose.properties import properties_text

    return properties_text(text, values)


def file_changes(actions: Sequence[Action]) -> list[Any]:
    """One change per file: a file touched by several records (a contact merged twice in one
    run) is written once, from the bytes read to the bytes after the last merge."""
    from vinculo.writeback import FileChange

    first: dict[str, Action] = {}
    last: dict[str, bytes] = {}  # the bytes after the last merge
    for action in actions:
        if action.kind == "skip" or action.rel is None or action.after is None:
            continue
        first.setdefault(action.rel, action)
        last[action.rel] = action.after
    return [
        FileChange(rel, before=first[rel].before, after=last[rel], reason=_reason(first[rel]))
        for rel in first
    ]


def _reason(action: Action) -> str:
    if "message log" in action.fields:
        return "import: message log"
    return f"import: {'new note' if action.kind == 'create' else 'fill empty properties'}"


def apply(vault: Path, actions: Sequence[Action], dry_run: bool, pm: pluggy.PluginManager) -> Any:
    """Write every change at once through ``apply_changes`` (or only diff it on a dry run)."""
    from vinculo.writeback import apply_changes

    return apply_changes(vault, file_changes(actions), dry_run=dry_run, pm=pm)
