"""Mention linking: find every way a contact is written, link the confident ones.

Public API:

- :class:`Linker` — built once per run from every contact's name variants; ``mentions(note)``
  gives the note's mentions (explicit ``[[links]]`` included) in text order.
- :func:`link_spans` — the replacements that turn a note's link-level mentions into
  ``[[Title|surface]]`` links, for the write-back to splice in.
- :func:`analyse` — a note's protected regions and its text with them blanked out.
- :func:`link_paths` — the contacts whose title other notes share: how to write their links
  (``[[personnel/juri|Juri]]``) and how Obsidian resolves a link to that title.
"""

from __future__ import annotations

from vinculo.config import Config
from vinculo.linking.linker import Linker
from vinculo.linking.paths import LinkPaths, link_paths
from vinculo.linking.protect import Layout, analyse, blank, managed_markers
from vinculo.linking.rules import linkable
from vinculo.model import Mention, Note

__all__ = ["Layout", "LinkPaths", "Linker", "analyse", "blank", "contact_link", "link_paths",
           "link_spans", "link_text"]


def link_text(target: str, surface: str, in_table: bool = False) -> str:
    """``[[Title|surface]]``, or ``[[Title]]`` when they are equal; ``\\|`` inside a table."""
    if surface == target:
        return f"[[{target}]]"
    sep = "\\|" if in_table else "|"
    return f"[[{target}{sep}{surface}]]"


def contact_link(name: str, paths: LinkPaths | None = None, shown: str | None = None,
                 in_table: bool = False) -> str:
    """The link to the contact ``name`` that opens their note in Obsidian: ``[[Ana]]``, or
    ``[[People/Ana|Ana]]`` when other notes are also called ``Ana``; ``shown`` is the
    visible text (the name when not given)."""
    return link_text(paths.target(name) if paths else name, shown or name, in_table)


def link_spans(note: Note, mentions: list[Mention], config: Config,
               paths: LinkPaths | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, replacement)`` for each link-level mention of ``note`` not yet linked.
    ``paths`` (:func:`link_paths`): contacts whose title other notes share are written by a
    path that opens their note, the visible text unchanged.

    Offsets are into ``note.text``. A mention whose text no longer matches the note is
    skipped; so is one in a protected region when the note's layout has to be read anyway
    (a line with a ``|``, which may be a table row where the link's pipe is escaped).
    """
    pending = [m for m in mentions if m.level == "link" and not m.linked and m.note == note.rel]
    if not pending:
        return []  # and the note's text is never needed (a cached note is not even read)
    text = note.text
    layout: Layout | None = None
    out: list[tuple[int, int, str]] = []
    last_end = -1
    for mention in sorted(pending, key=lambda m: m.start):
        if not linkable(mention.target) or mention.start < max(last_end, note.body_start):
            continue
        if text[mention.start : mention.end] != mention.surface:
            continue
        line_start = text.rfind("\n", 0, mention.start) + 1
        line_end = text.find("\n", mention.end)
        in_table = False
        if "|" in text[line_start : line_end if line_end != -1 else len(text)]:
            if layout is None:
                layout = analyse(text, note.body_start, managed_markers(config),
                                 bool(config.get("linking.headings", False)))
            if layout.blanked[mention.start : mention.end] != mention.surface:
                continue
            in_table = layout.line_of(mention.start) - 1 in layout.table_lines
        out.append((mention.start, mention.end,
                    contact_link(mention.target, paths, mention.surface, in_table)))
        last_end = mention.end
    return out
