"""Mentions and interactions as plain tuples: the form they travel and rest in.

Building a dataclass instance costs microseconds, and a vault has tens of thousands of
mentions: a worker process sends them back, and the cache stores them, as tuples of their
fields, which pickle and unpickle far faster. Objects are built only when a stage reads them,
and :class:`MentionTable` builds a note's mentions only when that note's mentions are asked for:
a warm run plans links for a handful of notes, not for the whole vault.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, MutableMapping
from typing import Any, NamedTuple

from vinculo.model import Interaction, Mention

Fields = tuple[Any, ...]

_MENTION_FIELDS = tuple(Mention.__dataclass_fields__)
_INTERACTION_FIELDS = tuple(Interaction.__dataclass_fields__)
_LEVEL = _MENTION_FIELDS.index("level")
_LINKED = _MENTION_FIELDS.index("linked")


def _rows(items: list[Any]) -> list[Fields]:
    return [tuple(item.__dict__.values()) for item in items]


def _build(cls: type, names: tuple[str, ...], rows: list[Fields]) -> list[Any]:
    """Instances from field tuples without running ``__init__`` (these frozen dataclasses have
    no ``__post_init__``; their ``__init__`` only sets the same fields, several times slower)."""
    new = object.__new__
    out = []
    for row in rows:
        item: Any = new(cls)
        item.__dict__.update(zip(names, row, strict=True))
        out.append(item)
    return out


class Analysis(NamedTuple):
    """One note's analysis as :func:`unpack_analysis` gives it back."""

    mentions: bytes  # the mention rows, packed again (see mention_rows): read only if asked
    may_link: bool  # whether a mention is a name a plan links (see rows_may_link)
    interactions: list[Fields]
    problem: str | None  # why the note could not be analysed (then both are empty)


def pack_analysis(mentions: list[Mention], interactions: list[Interaction],
                  problem: str | None = None) -> bytes:
    """One note's mentions and interactions as bytes (for a worker's reply and the cache).
    The mentions are packed apart: every run needs every note's interactions, but only the
    mentions of the few notes it links."""
    rows = _rows(mentions)
    packed = pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL) if rows else b""
    return pickle.dumps((packed, rows_may_link(rows), _rows(interactions), problem),
                        protocol=pickle.HIGHEST_PROTOCOL)


def unpack_analysis(blob: bytes) -> Analysis:
    return Analysis(*pickle.loads(blob))


def mention_rows(packed: bytes) -> list[Fields]:
    """The mention rows of :attr:`Analysis.mentions`."""
    return pickle.loads(packed) if packed else []


def interactions_of(rows: list[Fields]) -> list[Interaction]:
    return _build(Interaction, _INTERACTION_FIELDS, rows)


def interaction_rows(interactions: list[Interaction]) -> list[Fields]:
    """Interactions as the field tuples :func:`interactions_of` builds them from."""
    return _rows(interactions)


def mentions_of(rows: list[Fields]) -> list[Mention]:
    return _build(Mention, _MENTION_FIELDS, rows)


def rows_may_link(rows: list[Fields]) -> bool:
    """Whether mention rows hold a link-level mention not yet linked: a name a plan links."""
    return any(r[_LEVEL] == "link" and not r[_LINKED] for r in rows)


class MentionTable(MutableMapping[str, list[Mention]]):
    """Mentions by note path, each note's list built from its packed rows on first access."""

    def __init__(self, items: dict[str, list[Mention]] | None = None) -> None:
        self._lists: dict[str, list[Mention]] = dict(items or {})
        self._rows: dict[str, tuple[bytes, bool]] = {}  # rel -> (packed rows, may_link)

    def put_packed(self, rel: str, analysis: Analysis) -> None:
        """A note's mentions as its :func:`unpack_analysis` holds them (packed rows)."""
        self._lists.pop(rel, None)
        if analysis.mentions:
            self._rows[rel] = analysis.mentions, analysis.may_link
        else:
            self._rows.pop(rel, None)

    def may_link(self, rel: str) -> bool:
        """Whether the note has a link-level mention not yet linked (the only kind a plan
        writes), answered without building its mentions."""
        packed = self._rows.get(rel)
        if packed is not None:
            return packed[1]
        return any(m.level == "link" and not m.linked for m in self._lists.get(rel, ()))

    def __getitem__(self, rel: str) -> list[Mention]:
        found = self._lists.get(rel)
        if found is None:  # KeyError when none
            found = self._lists[rel] = mentions_of(mention_rows(self._rows.pop(rel)[0]))
        return found

    def __setitem__(self, rel: str, mentions: list[Mention]) -> None:
        self._rows.pop(rel, None)
        self._lists[rel] = mentions

    def __delitem__(self, rel: str) -> None:
        if self._rows.pop(rel, None) is None:
            del self._lists[rel]

    def __contains__(self, rel: object) -> bool:
        return rel in self._lists or rel in self._rows

    def __iter__(self) -> Iterator[str]:
        # A snapshot: reading a value moves its note from rows to lists (a note is in one of
        # the two, never both).
        return iter([*self._lists, *self._rows])

    def __len__(self) -> int:
        return len(self._lists) + len(self._rows)
