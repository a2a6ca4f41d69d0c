"""Name variants every contact gets: the title and its declared aliases."""

from __future__ import annotations

from vinculo.hookspecs import hookimpl
from vinculo.model import Contact, NameVariant


@hookimpl
def name_variants(contact: Contact) -> list[NameVariant]:
    variants = [NameVariant(contact.name, "title")]
    variants += [NameVariant(alias, "alias") for alias in contact.aliases]
    return variants
