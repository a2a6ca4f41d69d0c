"""Which notes are people: ``type: person``/``contact``, a person tag, or the people folder.

Real people folders also hold notes that are not people: the folder's own note
("People/People.md", a folder-notes plugin's), README and index notes, and organisations or
places kept next to their people. Those are not contacts, nor is any note matched by a
``[contacts] exclude`` glob, whatever its type, tags or folder.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Any

from vinculo.config import Config
from vinculo.config_schema import Section, Setting
from vinculo.hookspecs import hookimpl
from vinculo.model import Note

# Types that say a note is not a person, even inside the people folder.
NOT_PEOPLE = (
    "organization organisation org company business team group community project place "
    "location city country venue event product tool app software service plugin theme "
    "book publication brand institution school university"
)
# Notes that describe a folder, not a person: README, index, MOC, "_index", "Home".
INDEX_NOTES = frozenset("readme index _index moc home overview contents toc".split())


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


def _rules(config: Config) -> tuple[str, set[str], set[str], str, tuple[str, ...], set[str]]:
    exclude = config.get("contacts.exclude", []) or []
    if isinstance(exclude, str):
        exclude = [exclude]
    not_people = config.get("contacts.not_people_types", NOT_PEOPLE.split())
    return (
        str(config.get("contacts.type_key", "type")),
        {str(t).lower() for t in config.get("contacts.types", [])},
        {str(t).lower() for t in config.get("contacts.tags", [])},
        config.people_folder,
        tuple(str(p) for p in exclude),
        {str(t).lower() for t in not_people},
    )


def _excluded(rel: str, patterns: tuple[str, ...]) -> bool:
    """``rel`` matches a glob: "People/Companies/*", "**/Template*", "*.excalidraw.md"."""
    for pattern in patterns:
        if fnmatchcase(rel, pattern) or fnmatchcase(rel, pattern.rstrip("/") + "/*"):
            return True
        if pattern.startswith("**/") and fnmatchcase(rel, pattern[3:]):
            return True
    return False


def folder_note(note: Note) -> bool:
    """A README/index note, or a note named like its folder ("People/People.md")."""
    title = note.title.strip().lower()
    if title in INDEX_NOTES:
        return True
    parts = note.rel.split("/")
    return len(parts) > 1 and _squeezed(parts[-2]) == _squeezed(title)


def _squeezed(name: str) -> str:
    """"CrossBonesInc", "Cross Bones Inc", "cross-bones-inc" alike."""
    return "".join(c for c in name.lower() if c.isalnum())


def _types(note: Note, type_key: str) -> set[str]:
    return {t.strip().lower() for t in _as_list(note.frontmatter.get(type_key))}


@hookimpl
def is_contact(note: Note, config: Config) -> bool | None:
    type_key, types, tags, people, exclude, not_people = config.derived(
        "contacts.rules", _rules)
    if exclude and _excluded(note.rel, exclude):
        return False
    kinds = _types(note, type_key)
    if kinds & types:
        return True
    if kinds & not_people or folder_note(note):
        return False
    if _tags(note) & tags:
        return True
    if people and note.rel.startswith(people + "/"):
        return True
    return None


@hookimpl
def register_settings() -> list[Section]:
    return [Section("contacts", (
        Setting("exclude", "texts", [], "notes that are never contacts (globs)"),
        Setting("not_people_types", "texts", None, "type: values that are not people"),
    ))]
