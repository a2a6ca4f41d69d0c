"""Name variants every contact gets: the title, its declared aliases and nicknames, and the
shorter ways people write a name — the first name alone, and the first name with the first
surname (Spanish and Portuguese double surnames: "Ana García López" → "Ana García").

Accent-free and other-case forms need no variant: the linker compares accent-folded text.
Whether a first name is unique among contacts is decided by the linker, which sees them all.
"""

from __future__ import annotations

import re
from typing import Any

from vinculo.hookspecs import hookimpl
from vinculo.model import Contact, NameVariant

# Words that belong to a surname ("de la Fuente", "van der Berg", "dos Santos").
PARTICLES = frozenset(
    "de del la las los y e da das do dos di van von der den ter le du des st st. san".split()
)
_PAREN = re.compile(r"\s*[(\[].*?[)\]]\s*")


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if isinstance(v, str | int) and str(v).strip()]
    return []


def _words(name: str) -> list[list[str]]:
    """The name as groups: each group is one given name or surname with its particles."""
    groups: list[list[str]] = []
    pending: list[str] = []
    for word in name.split():
        if word.lower() in PARTICLES and groups:
            pending.append(word)
            continue
        groups.append([*pending, word])
        pending = []
    if pending and groups:
        groups[-1].extend(pending)
    return groups


def derived_variants(name: str) -> list[NameVariant]:
    """First name, and first name + first surname, of a full name; none for one-word names."""
    base = _PAREN.sub(" ", name).strip()
    out: list[NameVariant] = []
    if base and base != name:
        out.append(NameVariant(base, "title"))
    groups = _words(base)
    if len(groups) < 2:
        return out
    out.append(NameVariant(groups[0][0], "first_name"))
    if len(groups) >= 3:
        # "Ana García López": given + first surname. "Miguel Ángel Pérez": the compound given
        # name — either way a shorter name of this person, never of someone else.
        out.append(NameVariant(" ".join(groups[0] + groups[1]), "first_surname"))
    if len(groups) >= 4:
        out.append(NameVariant(" ".join(groups[0] + groups[1] + groups[2]), "first_surname"))
    return out


@hookimpl
def name_variants(contact: Contact) -> list[NameVariant]:
    variants = [NameVariant(contact.name, "title")]
    variants += [NameVariant(alias, "alias") for alias in contact.aliases]
    for key in ("nickname", "nicknames"):
        variants += [NameVariant(n, "nickname") for n in _as_list(contact.properties.get(key))]
    variants += derived_variants(contact.name)
    return variants
