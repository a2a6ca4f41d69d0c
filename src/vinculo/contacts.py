"""From notes to contacts: ask the ``is_contact`` hook, read names and aliases."""

from __future__ import annotations

from typing import Any

import pluggy

from vinculo.config import Config
from vinculo.model import Contact, Diagnostic, Note


def aliases_of(note: Note, config: Config) -> list[str]:
    """Obsidian's ``aliases`` property as a clean list, whether written as a list or a string."""
    value: Any = note.frontmatter.get(config.get("contacts.aliases_key", "aliases"))
    if value is None:
        value = note.frontmatter.get("alias")
    if isinstance(value, str):
        items = [part.strip() for part in value.split(",")]
    elif isinstance(value, list | tuple):
        items = [str(v).strip() for v in value if v is not None and not isinstance(v, dict | list)]
    else:
        items = []
    seen: list[str] = []
    for item in items:
        if item and item != note.title and item not in seen:
            seen.append(item)
    return seen


def build_contacts(notes: list[Note], pm: pluggy.PluginManager, config: Config) -> dict[str, Contact]:
    """Every contact of the vault, keyed by name (the note's title).

    Two notes with the same title in different folders: the first (in path order) wins, the
    other gets a diagnostic, because a ``[[Title]]`` link could not tell them apart.
    """
    contacts: dict[str, Contact] = {}
    for note in notes:
        if not note.readable or not pm.hook.is_contact(note=note, config=config):
            continue
        name = note.title
        if name in contacts:
            note.diagnostics.append(
                Diagnostic(note.rel, f"another contact note is also named {name!r}: "
                           f"{contacts[name].rel}; this one is ignored")
            )
            continue
        contacts[name] = Contact(
            note=note, name=name, aliases=aliases_of(note, config), properties=note.frontmatter
        )
    return contacts
