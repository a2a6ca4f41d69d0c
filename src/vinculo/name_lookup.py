"""Finding a contact by a name someone typed: ``--with rodrigo``, "did you mean Ana Garcia?".

Names are compared fold()ed (lowercase, accent-free), so "ana garcia" finds "Ana García";
rapidfuzz scores the rest, so a typo still finds its person, and two people it cannot tell
apart are reported, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from vinculo.errors import InputError
from vinculo.model import Contact
from vinculo.text import fold

SIMILAR_CUTOFF = 85  # "did you mean": a new title this close to an existing contact
MATCH_CUTOFF = 75  # a typed name this close to a contact's name or alias is a candidate
CLEAR_LEAD = 8  # the best candidate must be this far ahead of the next to be chosen alone


class NameNotFound(InputError, LookupError):
    """No contact answers to the name; ``suggestions`` are the closest ones, if any."""

    def __init__(self, query: str, suggestions: Iterable[str] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        hint = f" (closest: {', '.join(self.suggestions)})" if self.suggestions else ""
        super().__init__(f"no contact matches {query!r}{hint}")


class AmbiguousName(InputError, LookupError):
    """More than one contact answers to the name; ``candidates`` lists them all."""

    def __init__(self, query: str, candidates: Iterable[str]) -> None:
        self.query = query
        self.candidates = tuple(candidates)
        super().__init__(f"{query!r} could be {', '.join(self.candidates)}: say which")


def _names(contact: Contact) -> list[str]:
    return [contact.name, *contact.aliases]


def _score(query: str, name: str) -> float:
    from rapidfuzz import fuzz  # here: only commands that resolve a name need it

    a, b = fold(query).strip(), fold(name).strip()
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


def similar_contacts(title: str, contacts: Mapping[str, Contact]) -> list[str]:
    """Existing contacts a new note titled ``title`` may duplicate, closest first."""
    scored = []
    for name, contact in contacts.items():
        best = max(_score(title, n) for n in _names(contact))
        if best >= SIMILAR_CUTOFF:
            scored.append((-best, name))
    return [name for _, name in sorted(scored)]


def resolve_contact(query: str, contacts: Mapping[str, Contact]) -> str:
    """The one contact ``query`` names: by full name or alias, then by one word of it
    ("rodrigo"), then by fuzzy score. Raises AmbiguousName or NameNotFound."""
    key = fold(query).strip()
    if not key:
        raise NameNotFound(query)
    exact = sorted({n for n, c in contacts.items() if key in {fold(x).strip() for x in _names(c)}})
    if len(exact) == 1:
        return exact[0]
    if exact:
        raise AmbiguousName(query, exact)
    by_word = sorted(
        n for n, c in contacts.items() if any(key in fold(x).split() for x in _names(c))
    )
    if len(by_word) == 1:
        return by_word[0]
    if by_word:
        raise AmbiguousName(query, by_word)
    scored = sorted(
        ((max(_score(query, x) for x in _names(c)), n) for n, c in contacts.items()),
        key=lambda s: (-s[0], s[1]),
    )
    close = [(s, n) for s, n in scored if s >= MATCH_CUTOFF]
    if len(close) == 1 or (close and close[0][0] - close[1][0] >= CLEAR_LEAD):
        return close[0][1]
    if close:
        raise AmbiguousName(query, [n for s, n in close if close[0][0] - s < CLEAR_LEAD])
    raise NameNotFound(query, [n for s, n in scored[:3] if s >= 50])


def rank_contacts(query: str, names: Iterable[str], limit: int = 20) -> list[str]:
    """Contact names ordered for a picker as someone types: all of them when nothing is typed."""
    names = sorted(names, key=fold)
    key = fold(query).strip()
    if not key:
        return names[:limit]
    folded = [fold(n) for n in names]
    # rapidfuzz scores the whole list in C: fast enough to re-rank on every keystroke.
    from rapidfuzz import fuzz, process  # here: only commands that resolve a name need it

    hits = process.extract(key, folded, scorer=fuzz.partial_ratio, limit=None, score_cutoff=60)
    scored = [(score + (10 if folded[i].startswith(key) else 0), folded[i], names[i])
              for _choice, score, i in hits]
    return [name for _s, _f, name in sorted(scored, key=lambda x: (-x[0], x[1]))][:limit]
