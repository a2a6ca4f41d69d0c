"""Name variants every contact gets: the title, its declared aliases and nicknames, and the
shorter ways people write a name — the first name alone, and the first name with the first
surname (Spanish and Portuguese double surnames: "Ana García López" → "Ana García").

Real titles and aliases are cleaned first: an alias holding an e-mail address ("Ana García
<ana@example.org>") gives the name, a title such as "Prisoner 13 - Korra Glintstone" gives
"Korra Glintstone", and titles and honorifics ("Dr", "Queen", "The") never become a first
name: "Dr Clair Bucklebub" is Clair, and "Dr. Bucklebub" (a title and the surname, kind
``surname``) names her when no other contact fits.

Accent-free and other-case forms need no variant: the linker compares accent-folded text.
Whether a first name is unique among contacts is decided by the linker, which sees them all.
"""

from __future__ import annotations

from typing import Any

from vinculo.hookspecs import hookimpl
from vinculo.model import Contact, NameVariant
from vinculo.namewords import (
    is_english_word,
    is_everyday,
    is_frequent_given_name,
    is_function_word,
    is_given_name,
    is_handle,
    is_plain,
    is_proper,
    is_role,
    is_title,
    never_first_name,
)
from vinculo.text import lazy_pattern

# Words that belong to a surname ("de la Fuente", "van der Berg", "dos Santos").
PARTICLES = frozenset(
    "de del la las los y e da das do dos di van von der den ter le du des st st. san".split()
)
_PAREN = lazy_pattern(r"\s*[(\[].*?[)\]]\s*")
# "Name <mail@host>", or a bare address: the address is no way of writing the name.
_EMAIL = lazy_pattern(r"<[^<>\s]*@[^<>\s]*>|\S+@\S+\.\w+")
# "Prisoner 13 - Korra Glintstone", "NPC: Korra": the part after the last separator.
_LABELLED = lazy_pattern(r"^.*\S\s+[-–—:|]\s+(?=\S)|^[^:]*\S:\s+(?=\S)")
_NAME_WORD = lazy_pattern(r"^[^\W\d_][\w'’.-]*$")


def clean_name(text: str) -> str:
    """The name in an alias or title: no e-mail address, no "Label 13 - " before it."""
    out = " ".join(_EMAIL.sub(" ", text).split())
    labelled = _LABELLED.match(out)
    if labelled:
        rest = out[labelled.end():]
        words = rest.split()
        if words and all(_NAME_WORD.match(w) and w[0].isupper() for w in words):
            out = rest
    return out.strip(" -–—:|,")


def _leading_title(words: list[str], i: int) -> bool:
    """``words[i]`` is a title before the name: "Queen Bjornhild", "Captain Vera Holt"; but
    "Reina Juliá Bustamante" is Reina — a given name before two more names is the name —
    a role that may be a given name ("Pastor", "Imam") is a title only before a given name,
    and "Queen of Stygia", "Señor del Reino" are a title of something, not of a name."""
    word = words[i]
    if i + 1 < len(words) and _connects(words[i + 1]):
        return False
    if is_role(word):  # "Pastor Erik Nygaard" is Erik; "Pastor Ruiz" may be called Pastor
        return is_given_name(words[i + 1]) and not is_role(words[i + 1])
    return is_title(word) and not (is_given_name(word) and len(words) - i >= 3)


def _titled_given_name(title: str, rest: str) -> bool:
    """``title``, a title before the one word ``rest``, may be a given name: a known one
    ("Reina", "Earl"; not a function word, "Don"), before a word that is no given name or
    title ("Reina Zelaya"; "Reina Isabel" is a queen)."""
    return (is_given_name(title) and not is_function_word(title) and not is_given_name(rest)
            and not is_title(rest))


def _connects(word: str) -> bool:
    """A lowercase particle or function word joining a name's words: "de", "del", "of"."""
    return word.islower() and (word in PARTICLES or is_function_word(word))


def _is_epithet(words: list[str]) -> bool:
    """A description rather than a name: a role or a word and what it is of ("Caballero de
    la Paloma", "Lord of the Hunters", "Señor del Reino"), or everyday words of one language
    alone ("Bear King", "White Queen"). Its words are no first name or surname of anyone; "Ana de la
    Fuente" and "Catherine of Aragon" (a given name first) are names."""
    if len(words) < 2 or is_given_name(words[0]):
        return False
    # (not a word a dictionary spells only capitalised: "Ollie Brandt" is a person's name,
    # though frequency tables count "ollie" and "brandt" as words)
    if _connects(words[1]):
        return True
    if not all(is_plain(w) and not is_given_name(w) and not is_proper(w) for w in words):
        return False
    # Words of one language: "Bear King", "La Lente". Everyday words of two, English and
    # another, are a person's name: "Sonny Fontaine" (frequency tables count
    # given names and surnames as words of the language they are written in).
    english = {is_english_word(w) for w in words if not (is_function_word(w) or is_handle(w))}
    return len(english) < 2


def without_titles(name: str) -> str:
    """"Dr Clair Bucklebub" → "Clair Bucklebub"; a name of titles alone is kept as it is."""
    words = name.split()
    i = 0
    while i < len(words) - 1 and _leading_title(words, i):
        i += 1
    return " ".join(words[i:])


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
        if groups and (word.lower() in PARTICLES or _connects(word)):
            pending.append(word)
            continue
        groups.append([*pending, word])
        pending = []
    if pending and groups:
        groups[-1].extend(pending)
    return groups


def derived_variants(name: str, kind: str = "title") -> list[NameVariant]:
    """First name, first name + first surname, and surname (after a title only) of a full
    name; none for one-word names. ``kind`` is the kind of the cleaned name itself."""
    cleaned = clean_name(_PAREN.sub(" ", name).strip())
    base = without_titles(cleaned)
    out: list[NameVariant] = []
    if cleaned and cleaned != name:
        out.append(NameVariant(cleaned, kind))
    if base != cleaned:  # "Queen Bjornhild" is written "Bjornhild": a shorter name of hers
        out.append(NameVariant(base, kind if " " in base else "first_name"))
        title = cleaned.split()[0]
        if " " not in base and _titled_given_name(title, base):
            # "Reina Zelaya": "reina" is a queen and a given name; before a word that is no
            # given name it may be hers. Only suggested alone, linked where the note also
            # names her in full: "Lady Bjornhild" is more often the title.
            out.append(NameVariant(title, "first_name", confident=False))
    groups = _words(base)
    first = groups[0][0] if groups else ""
    names = base.split()
    if _is_epithet(names):
        return out
    if len(groups) < 2 or (never_first_name(first) and (
            not is_title(first) or _leading_title(names, 0))):
        return out
    if kind == "title":
        out.append(NameVariant(first, "first_name", confident=not is_frequent_given_name(first)))
    elif is_given_name(first):
        # An alias's first word is a first name only when it is a known one: "Code Forge
        # Temple", "Askify Team", "GUI Cattani" are no way to write "Code", "Askify", "GUI".
        # Not confident alone: the linker links it where the note also names them in full.
        out.append(NameVariant(first, "first_name", confident=False))
    elif is_handle(first) or is_everyday(first):
        return out
    if len(groups[-1][-1]) > 1 and not any(c.isdigit() for c in groups[-1][-1]):
        out.append(NameVariant(" ".join(groups[-1]), "surname"))
        first_surname = _first_surname(groups)
        if first_surname:  # "Sra. Fernández" for Lucía Fernández Ortega, and both surnames
            out.append(NameVariant(" ".join(first_surname), "surname"))
            at = groups.index(first_surname)
            out.append(NameVariant(" ".join(w for g in groups[at:] for w in g), "surname"))
    if len(groups) >= 3:
        # "Ana García López": given + first surname. "Miguel Ángel Pérez": the compound given
        # name — either way a shorter name of this person, never of someone else.
        out.append(NameVariant(" ".join(groups[0] + groups[1]), "first_surname"))
    if len(groups) >= 4:
        out.append(NameVariant(" ".join(groups[0] + groups[1] + groups[2]), "first_surname"))
    return out


def _first_surname(groups: list[list[str]]) -> list[str] | None:
    """The first of two surnames, as Spanish and Portuguese call people by it ("don
    Mamani" for Juan Mamani Quispe): the first group after the given names (a known given
    name, as in "Miguel Ángel Navarro Ibáñez", is one of them) that is not the last."""
    for group in groups[1:-1]:
        word = group[-1]
        if not is_given_name(word):
            return group if len(word) > 1 and word[0].isupper() and word.isalpha() else None
    return None


@hookimpl
def name_variants(contact: Contact) -> list[NameVariant]:
    variants = [NameVariant(contact.name, "title")]
    variants += [NameVariant(alias, "alias") for alias in contact.aliases]
    for key in ("nickname", "nicknames"):
        variants += [NameVariant(n, "nickname") for n in _as_list(contact.properties.get(key))]
    variants += derived_variants(contact.name)
    for alias in contact.aliases:  # "Ana García <ana@…>" and the first name of an alias
        variants += derived_variants(alias, "alias")
    return variants
