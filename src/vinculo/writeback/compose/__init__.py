"""Several edits on one note, composed in order, all or nothing.

Link spans first (their offsets are into the note as read), then the managed block, then the
properties. If any step refuses, the note gets no write at all: a half-edited note is worse
than an untouched one.
"""

from __future__ import annotations

from typing import Any

from vinculo.config import Config
from vinculo.errors import BlockError
from vinculo.model import Note
from vinculo.writeback.compose.block import block_text
from vinculo.writeback.compose.edits import splice, to_bytes
from vinculo.writeback.compose.properties import properties_text


def check_editable(note: Note) -> None:
    """BlockError unless the note is readable text with usable frontmatter (if any)."""
    if not note.readable:
        problem = note.diagnostics[0].message if note.diagnostics else "unreadable"
        raise BlockError(f"note is not editable: {problem}")
    if not note.frontmatter_ok:
        problem = next((d.message for d in note.diagnostics), "unreadable frontmatter")
        raise BlockError(f"{problem}: note left untouched")
    # Duplicate keys and {flow} frontmatter were found when the note was read
    # (vinculo.notes): such notes have frontmatter_ok False. Nothing to re-parse here.


def edit_note(
    note: Note,
    *,
    spans: list[tuple[int, int, str]] | None = None,
    block: str | None = None,
    properties: dict[str, Any] | None = None,
    config: Config | None = None,
) -> bytes:
    """The note's new bytes after every given edit; BlockError (nothing written) if any
    edit is unsafe. ``block`` needs ``config`` (markers and heading)."""
    return edit_note_steps(note, spans=spans, block=block, properties=properties,
                           config=config)[0]


def edit_note_steps(
    note: Note,
    *,
    spans: list[tuple[int, int, str]] | None = None,
    block: str | None = None,
    properties: dict[str, Any] | None = None,
    config: Config | None = None,
) -> tuple[bytes, bool]:
    """:func:`edit_note`, and whether the block step changed the text (a sync names a
    note's changes: "3 links, suggestions block")."""
    check_editable(note)
    text = note.text
    block_changed = False
    if spans:
        if any(start < note.body_start for start, _, _ in spans):
            raise BlockError("a link edit reaches into the frontmatter: refused")
        try:
            text = splice(text, spans)
        except ValueError as exc:
            raise BlockError(f"link edits do not fit the note: {exc}") from exc
    if block is not None:
        if config is None:
            raise TypeError("edit_note(block=...) needs config")
        before = text
        text = block_text(text, note.body_start, block, config)
        block_changed = text != before
    if properties:
        text = properties_text(text, properties)
    return to_bytes(note, text), block_changed
