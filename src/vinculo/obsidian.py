"""Links back into Obsidian: ``obsidian://open`` URLs for the notes a command names.

Terminal output that names a note prints its URL too, so a click in the terminal opens the
note in Obsidian (most terminals make URLs clickable).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote


def _component(text: str) -> str:
    """Percent-encode like JavaScript's ``encodeURIComponent``, which Obsidian decodes."""
    return quote(text, safe="-_.!~*'()")


def open_url(vault: Path, rel: str) -> str:
    """``obsidian://open?vault=NAME&file=PATH`` for the note ``rel`` (vault-relative).

    Obsidian names a vault after its folder; ``file`` is the path without ``.md``, which is
    how Obsidian's own "Copy Obsidian URL" writes it.
    """
    file = rel[:-3] if rel.endswith(".md") else rel
    return f"obsidian://open?vault={_component(Path(vault).name)}&file={_component(file)}"


def note_line(vault: Path, rel: str) -> str:
    """One line of terminal output naming a note: its path, then its Obsidian URL."""
    return f"{rel}  {open_url(vault, rel)}"
