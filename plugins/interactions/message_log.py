"""The message log of a contact note, read back as ``message`` interactions with direction.

Message importers (``vinculo import whatsapp|telegram|mbox|linkedin-messages``) keep one line
per day and channel in a fenced ``vinculo-messages`` block of the contact note:

    ```vinculo-messages
    2026-11-20 · WhatsApp · 3 sent, 5 received
    2026-11-21 · e-mail · 1 sent, 0 received
    ```

Each line is one interaction of the note's contact on that day, through ``message``, ``out``
when only the user wrote, ``in`` when only they did, ``both`` otherwise. The general sentence
reader never reads inside fenced code, so these lines are read here and only here.
"""

from __future__ import annotations

from vinculo.config import Config
from vinculo.dates import coerce_date
from vinculo.hookspecs import hookimpl
from vinculo.importing.messagelog import ENTRY, FENCE_OPEN, direction_of
from vinculo.model import Contact, Interaction, Mention, Note, Vocabulary, own_contact


@hookimpl
def extract_interactions(
    note: Note,
    mentions: list[Mention],
    contacts: dict[str, Contact],
    config: Config,
    vocabularies: list[Vocabulary],
) -> list[Interaction]:
    if FENCE_OPEN not in note.text:  # nearly every note: one substring test
        return []
    contact = own_contact(note, contacts)
    if contact is None:
        return []  # a log pasted into another note says nothing about whom
    found: list[Interaction] = []
    inside = False
    first = note.text.count("\n", 0, note.body_start) + 1
    for index, line in enumerate(note.text[note.body_start :].split("\n")):
        stripped = line.rstrip("\r")
        if not inside:
            inside = stripped.rstrip() == FENCE_OPEN
            continue
        if stripped.strip() == "```":
            inside = False
            continue
        match = ENTRY.match(stripped)
        if match is None:
            continue
        day = coerce_date(match[1])
        if day is None:
            continue
        sent, received = int(match[3]), int(match[4])
        if not sent and not received:
            continue
        found.append(Interaction(contact.name, day, "message", note.rel, first + index,
                                 stripped.strip()[:200], "link", direction_of(sent, received)))
    return found
