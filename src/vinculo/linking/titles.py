"""Note titles that continue past a contact's name: "White Lady Inn", "Mr Mayfair's Magical
Mystorium". Where one is written, the name is part of that other title (another note, or a
heading other notes link to), not the person: it is left alone."""

from __future__ import annotations

from collections.abc import Iterable

from vinculo.linking.rules import key_of
from vinculo.model import Contact


def continuing_titles(contacts: dict[str, Contact], titles: Iterable[str]) -> frozenset[str]:
    """The folded titles among ``titles`` that start with a contact's title or alias and go
    on ("white lady inn"); a small set, computed once per run from every note's title."""
    names = {key_of(n) for c in contacts.values() for n in (c.name, *c.aliases)}
    names.discard("")
    if not names:
        return frozenset()
    longest = max(len(n.split()) for n in names)
    out = set()
    for title in titles:
        key = key_of(title)
        words = key.split(" ")
        for count in range(1, min(longest, len(words) - 1) + 1):
            head = " ".join(words[:count])
            if head in names:
                out.add(key)
                break
            word = words[count - 1]
            if word.endswith(("'s", "’s")) and head[:-2] in names:
                out.add(key)  # "mr mayfair's magical mystorium"
                break
    return frozenset(out)
