"""Finding where contacts are written in notes: explicit ``[[links]]`` and plain-text names.

The work is done by :mod:`vinculo.linking`; this module keeps the pipeline's entry point.
"""

from __future__ import annotations

import pluggy

from vinculo.config import Config
from vinculo.linking import Linker, LinkPaths
from vinculo.linking.titles import continuing_titles
from vinculo.model import Contact, Mention, Note


def find_mentions(
    notes: list[Note], contacts: dict[str, Contact], pm: pluggy.PluginManager, config: Config,
    paths: LinkPaths | None = None,
) -> dict[str, list[Mention]]:
    """Mentions of contacts per note (rel path), in text order.

    Explicit links to a contact are Mentions with ``linked=True`` and reason ``"linked"``; a
    name in plain text is a Mention at level ``"link"`` (written by ``link --apply`` and
    ``sync``) or ``"suggest"`` (listed, never written; ``target`` is empty and ``candidates``
    lists the contacts when several share the name). ``paths``
    (:func:`~vinculo.linking.link_paths` of every note, not only ``notes``): links to a title
    other notes share resolve as Obsidian does.
    """
    linker = Linker.for_run(contacts, pm, config,
                            continuing_titles(contacts, (n.title for n in notes)), paths)
    out: dict[str, list[Mention]] = {}
    for note in notes:
        found = linker.mentions(note)
        if found:
            out[note.rel] = found
    return out
