"""Finding where contacts are written in notes.

For now: explicit ``[[wikilinks]]`` to contact notes (by title or alias). The fuzzy linker
replaces this module's internals; its signature stays.
"""

from __future__ import annotations

import re

import pluggy

from vinculo.config import Config
from vinculo.model import Contact, Mention, Note

WIKILINK = re.compile(r"(?<!!)\[\[([^\]\|#\^\n]+)(?:[#\^][^\]\|\n]*)?(?:\|([^\]\n]*))?\]\]")


def find_mentions(
    notes: list[Note], contacts: dict[str, Contact], pm: pluggy.PluginManager, config: Config
) -> dict[str, list[Mention]]:
    """Mentions of contacts per note (rel path), in text order."""
    names: dict[str, str] = {}
    for contact in contacts.values():
        for batch in pm.hook.name_variants(contact=contact, config=config):
            for variant in batch or []:
                names.setdefault(variant.text, contact.name)
    out: dict[str, list[Mention]] = {}
    for note in notes:
        if not note.readable:
            continue
        found = []
        body = note.text
        for match in WIKILINK.finditer(body, note.body_start):
            target = names.get(match.group(1).strip().rsplit("/", 1)[-1])
            if target and contacts[target].rel != note.rel:
                found.append(
                    Mention(
                        note=note.rel, start=match.start(), end=match.end(),
                        surface=match.group(2) or match.group(1), target=target, level="link",
                        reason="linked", line=body.count("\n", 0, match.start()) + 1, linked=True,
                    )
                )
        if found:
            out[note.rel] = found
    return out
