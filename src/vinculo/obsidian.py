"""Links back into Obsidian: ``obsidian://open`` URLs for the notes a command names.

Terminal output that names a note prints its URL too, so a click in the terminal opens the
note in Obsidian (most terminals make URLs clickable).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from rich.text import Text


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


_WIKILINK = re.compile(r"\[\[([^\[\]|#^\n]+)(?:[#^][^\[\]|\n]*)?(?:\|([^\[\]\n]+))?\]\]")


_LEADING_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?=\s)")


def _said(label: str, clause: str) -> bool:
    """Whether ``clause`` already said ``label``, or the date a dated note's name starts with
    ("last met 2026-05-20 [[Meetings/2026-05-20 Kickoff|2026-05-20 Kickoff]]"): then the
    label would repeat it."""
    lead = _LEADING_DATE.match(label)
    return label in clause or (lead is not None and lead.group() in clause)


def readable_links(text: str, vault: Path) -> Text:
    """``text`` for the terminal: each ``[[Target|label]]`` shown as its label (the target
    when it has none; ``(Target)`` when the clause already said the label or its leading date,
    as in "last call 2026-10-21 [[Daily/2026-10-21|2026-10-21]]"), hyperlinked to ``obsidian://open`` for the target. Rich writes the
    hyperlink only where the terminal supports it; piped output is the plain label. Every
    other character is shown as written (never read as Rich markup)."""
    from rich.style import Style  # here: most commands that name a note never load rich
    from rich.text import Text

    out = Text()
    end = 0
    for match in _WIKILINK.finditer(text):
        before = text[end:match.start()]
        out.append(before)
        target = match.group(1).strip()
        label = (match.group(2) or target).strip()
        if _said(label, out.plain.rsplit(";", 1)[-1]):
            label = f"({target})"  # "met 2026-07-08 [[Daily/2026-07-08|2026-07-08]]": the note
        rel = target if target.endswith(".md") else f"{target}.md"
        out.append(label, style=Style(underline=True, link=open_url(vault, rel)))
        end = match.end()
    out.append(text[end:])
    return out


def print_indented(console: Any, text: Text, indent: int) -> None:
    """Print ``text`` wrapped to the console's width with every line, the wrapped ones too,
    indented by ``indent`` spaces (and no trailing padding)."""
    from rich.text import Text

    for line in text.wrap(console, max(20, console.width - indent)):
        line.rstrip()
        console.print(Text(" " * indent) + line, soft_wrap=True)
