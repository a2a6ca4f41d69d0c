"""Meeting notes: every attendee had the meeting, through the meeting's channel.

A meeting note is any dated note with an ``attendees`` property (a list, or a comma-separated
string, of ``[[links]]`` or names). Its channel is its ``channel`` property (``call``,
``video``, ``zoom``, ``in_person``, ``presencial``…); else the first event phrase of its title
and first lines ("Videollamada…"); else ``[meetings] default_channel`` (``in_person``).

A meeting note with nothing in it yet but its template (headings, the attendee list, empty
tasks) is tentative: made for today, it counts once the day has passed or it has content.
"""

from __future__ import annotations

import re
from typing import Any

from vinculo.config import Config
from vinculo.config_schema import Section, Setting
from vinculo.history import compile_vocabularies, note_day
from vinculo.hookspecs import hookimpl
from vinculo.model import CHANNELS, Contact, Interaction, Note, Vocabulary
from vinculo.text import fold

SYNONYMS = {
    "video": "call", "videocall": "call", "video_call": "call", "zoom": "call", "phone": "call",
    "skype": "call", "teams": "call", "meet": "call", "videollamada": "call", "llamada": "call",
    "telefono": "call", "in-person": "in_person", "in person": "in_person",
    "inperson": "in_person", "presencial": "in_person", "en persona": "in_person",
    "email": "message", "e-mail": "message", "chat": "message", "mensaje": "message",
    "online": "social",
}
_LINK = re.compile(r"\[\[([^\]\|#\^]+)[^\]]*\]\]")


def _strings(value: Any) -> list[str]:
    """Every string in a value, however nested: YAML reads an unquoted ``[[Name]]`` as a
    list inside a list."""
    if isinstance(value, list | tuple):
        return [s for item in value for s in _strings(item)]
    return [str(value)] if value is not None and value != "" else []


def attendee_names(value: Any) -> list[str]:
    """Names in an ``attendees`` value: ``["[[Ana García]]", "Tom"]``, ``"[[A]], [[B]]"`` or
    an unquoted ``[[Ana García]]``."""
    names: list[str] = []
    for text in _strings(value):
        parts = _LINK.findall(text) or text.split(",")
        names += [p.split("|")[0].strip().rsplit("/", 1)[-1] for p in parts if p.strip()]
    return names


def resolve(name: str, contacts: dict[str, Contact]) -> str | None:
    """The contact an attendee name stands for: title or alias, exact, then accent-free."""
    if name in contacts:
        return name
    folded = fold(name)
    for contact in contacts.values():
        if name in contact.aliases:
            return contact.name
    for contact in contacts.values():
        if folded in {fold(contact.name), *(fold(a) for a in contact.aliases)}:
            return contact.name
    return None


def meeting_channel(note: Note, config: Config, vocabularies: list[Vocabulary]) -> str:
    declared = note.frontmatter.get(str(config.get("meetings.channel_key", "channel")))
    if isinstance(declared, str):
        key = fold(declared.strip())
        key = SYNONYMS.get(key, key)
        if key in CHANNELS:
            return key
    head = fold(note.title + "\n" + note.body[:400])
    event = compile_vocabularies(vocabularies).first_event(head)
    if event:
        return event[2]
    default = str(config.get("meetings.default_channel", "in_person"))
    return default if default in CHANNELS else "in_person"


_EMPTY_LINE = re.compile(r"^(?:#.*|[-*+]\s*(?:\[ \]\s*)?(?:\[\[[^\]]*\]\]\s*)?)?$")


def has_content(note: Note) -> bool:
    """True when the note says more than its template: a line other than headings, the
    attendee list and empty tasks."""
    return any(not _EMPTY_LINE.match(line.strip()) for line in note.body.splitlines())


@hookimpl
def extract_interactions(
    note: Note, contacts: dict[str, Contact], config: Config, vocabularies: list[Vocabulary]
) -> list[Interaction]:
    value = note.frontmatter.get(str(config.get("meetings.attendees_key", "attendees")))
    if not value:  # most notes: no meeting, so no need for their date
        return []
    day = note_day(note)
    if day is None:
        return []
    channel = meeting_channel(note, config, vocabularies)
    tentative = not has_content(note)  # counts once its day has passed (see file_events)
    out: list[Interaction] = []
    for name in attendee_names(value):
        contact = resolve(name, contacts)
        if contact and contact not in {i.contact for i in out} and contacts[contact].rel != note.rel:
            out.append(Interaction(contact, day, channel, note.rel, 1, note.title,  # type: ignore[arg-type]  # checked against CHANNELS
                                   tentative=tentative))
    return out


@hookimpl
def register_settings() -> list[Section]:
    return [Section("meetings", (
        Setting("default_channel", "text", "in_person", "a meeting note that says nothing",
                choices=tuple(CHANNELS)),
        Setting("channel_key", "text", "channel", "the property naming a meeting's channel"),
        Setting("attendees_key", "text", "attendees", "the property listing who came"),
    ))]
