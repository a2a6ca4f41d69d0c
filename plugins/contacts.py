"""Which notes are people: ``type: person``/``contact``, a person tag, or the people folder."""

from __future__ import annotations

from typing import Any

from vinculo.config import Config
from vinculo.hookspecs import hookimpl
from vinculo.model import Note


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part for part in value.replace(",", " ").split() if part]
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def _tags(note: Note) -> set[str]:
    tags = _as_list(note.frontmatter.get("tags")) + _as_list(note.frontmatter.get("tag"))
    return {t.lstrip("#").lower() for t in tags}


def _rules(config: Config) -> tuple[str, set[str], set[str], str]:
    return (
        str(config.get("contacts.type_key", "type")),
        {str(t).lower() for t in config.get("contacts.types", [])},
        {str(t).lower() for t in config.get("contacts.tags", [])},
        config.people_folder,
    )


@hookimpl
def is_contact(note: Note, config: Config) -> bool | None:
    type_key, types, tags, people = config.derived("contacts.rules", _rules)
    kind = note.frontmatter.get(type_key)
    if isinstance(kind, str) and kind.strip().lower() in types:
        return True
    if _tags(note) & tags:
        return True
    if people and note.rel.startswith(people + "/"):
        return True
    return None
