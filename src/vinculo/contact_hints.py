"""When a vault has no contacts: say how contacts are recognised, and what the vault seems to
use for people instead, so the first run of a newcomer ends with a setting to try rather than
"contacts 0".

Two guesses, both from data already scanned: a property such as ``type``/``tipo``/
``category`` whose value reads like "person" in another word (``tipo: persona``), and folders
most of whose note titles look like people's names (two to four capitalised words).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from vinculo.config import Config
from vinculo.model import Note
from vinculo.text import fold

KIND_KEYS = ("type", "tipo", "category", "categoria", "kind", "class", "clase")
PERSON_WORDS = {
    "person", "persona", "people", "personas", "gente", "contact", "contacto", "contactos",
    "contacts", "human", "friend", "friends", "amigo", "amiga", "amigos", "colleague",
    "colega", "client", "cliente", "clientes", "family", "familia", "pessoa", "personne",
    "individual", "individuo", "crm",
}
CONNECTORS = {"de", "del", "la", "las", "los", "y", "van", "von", "da", "das", "do", "dos",
              "di", "le", "du", "der", "den", "e"}
_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:['’.-][^\W\d_]+)*\.?$")
MIN_FOLDER_NOTES = 3
MIN_SHARE = 0.6


def person_like(title: str) -> bool:
    """Two to four words, letters only, the words that are not connectors capitalised:
    "Ana García", "Juan de la Cruz"; not "Plan 2027", "Reunión semanal" or "meeting notes"."""
    words = title.split()
    names = [w for w in words if w.lower() not in CONNECTORS]
    return (2 <= len(words) <= 5 and 2 <= len(names) <= 4
            and all(_WORD.match(w) for w in words) and all(w[0].isupper() for w in names))


def kind_properties(notes: Iterable[Note]) -> list[tuple[str, str, int]]:
    """``(key, value, notes)`` for every ``type``-like property whose value names a person
    ("persona", "contact", "friend"…), most notes first."""
    found: Counter[tuple[str, str]] = Counter()
    for note in notes:
        for key, value in note.frontmatter.items():
            if str(key).lower() not in KIND_KEYS:
                continue
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str) and fold(item.strip().lstrip("#")) in PERSON_WORDS:
                    found[(str(key), item.strip())] += 1
    return [(key, value, count) for (key, value), count in found.most_common()]


def person_folders(notes: Iterable[Note]) -> list[tuple[str, int, int, list[str]]]:
    """``(folder, person-like titles, notes, examples)`` for folders where most titles look
    like people's names, most such titles first."""
    per: dict[str, list[str]] = {}
    for note in notes:
        folder = note.rel.rsplit("/", 1)[0] if "/" in note.rel else ""
        per.setdefault(folder, []).append(note.title)
    out = []
    for folder, titles in per.items():
        people = sorted(t for t in titles if person_like(t))
        if folder and len(people) >= MIN_FOLDER_NOTES and len(people) / len(titles) >= MIN_SHARE:
            out.append((folder, len(people), len(titles), people[:3]))
    return sorted(out, key=lambda item: (-item[1], item[0]))


def how_contacts_are_recognised(config: Config) -> str:
    key = config.get("contacts.type_key", "type")
    types = " or ".join(str(t) for t in config.get("contacts.types", []))
    tags = ", ".join(f"#{t}" for t in config.get("contacts.tags", []))
    folder = config.people_folder
    where = f", or a note in the {folder}/ folder" if folder else ""
    return (f"vinculo recognises a contact by `{key}: {types}` in its frontmatter, a tag "
            f"({tags}){where}.")


def contact_hints(notes: list[Note], config: Config) -> list[str]:
    """What to tell a user whose vault has no contacts: the rule, then each guess with the
    vinculo.toml setting that would use it."""
    hints = [how_contacts_are_recognised(config)]
    for key, value, count in kind_properties(notes)[:3]:
        hints.append(
            f"{count} note(s) have `{key}: {value}`: to count them as contacts, put in "
            f'vinculo.toml: [contacts] type_key = "{key}" and types = ["{value.lower()}"]'
        )
    for folder, people, total, examples in person_folders(notes)[:3]:
        hints.append(
            f"{folder}/ has {people} of {total} notes titled like people ({', '.join(examples)}"
            f"{', …' if people > len(examples) else ''}): to make it the people folder, put in "
            f'vinculo.toml: [folders] people = "{folder}"'
        )
    return hints
