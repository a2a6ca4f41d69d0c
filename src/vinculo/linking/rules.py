"""Who a name can mean, and how sure a match makes us.

One table per run maps each accent-folded name to the contacts it can mean. A declared name
(title, alias, nickname) beats a derived one (first name, first name + first surname), so
``Ana`` means the contact titled "Ana" before it means Ana García's first name; a name that
still means several contacts is only ever a suggestion, listing them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from vinculo.common_words import COMMON_WORD_NAMES
from vinculo.model import NameVariant
from vinculo.namewords import (
    is_before_surname,
    is_everyday,
    is_function_word,
    is_given_name,
    is_handle,
    is_name_prefix,
    is_name_suffix,
    is_name_word,
    is_plain,
    is_proper,
    is_surname_title,
    is_title,
)
from vinculo.text import fold

DECLARED = ("title", "alias", "nickname")
# Names derived from a declared one. A surname alone is a name only after a title ("Dr.
# Evans", "Sra. Paz"), and any declared or first name beats it.
PARTIAL = ("first_name", "first_surname", "surname")
_TIER = {"surname": 2, "first_name": 1, "first_surname": 1}
# Characters a wikilink target cannot hold: such a contact is found but never linked.
_UNLINKABLE = re.compile(r"[\[\]|#^]")
# Capitalised words that may stand right before a first name without making it someone else.
HONORIFICS = frozenset(
    "dr dra don dona sr sra srta mr mrs ms miss prof profe tio tia abuelo abuela "
    "hi hola hey dear querido querida con with and y e para for de to a al".split()
)


@lru_cache(maxsize=1 << 16)  # the words around a name come back note after note
def key_of(text: str) -> str:
    """The folded, single-spaced form a name is looked up by."""
    return " ".join(fold(text).split())


@dataclass
class Entry:
    """One folded name and everything it may mean."""

    key: str
    kind: str
    targets: tuple[str, ...]
    confident: bool
    words: int
    common: bool  # a one-word name that is also an everyday word ("rosa", "will")
    tokens: frozenset[str] = field(default_factory=frozenset)  # folded name tokens of targets
    # How a one-word everyday-word name is written in the contact's names ("Pipe", "GB"): as
    # a name it is written that way ("name" the handle is not "Name" the table header).
    forms: frozenset[str] = field(default_factory=frozenset)
    phrase: bool = False  # every word an everyday word ("Instant AI"): capitalised, or not it
    # A one-word given name a dictionary also spells in lowercase ("max", "grant"): opening a
    # sentence next to a number ("Max is 2048", "Max 20 retries") it is the word.
    word_too: bool = False
    # The same name as the surname of other contacts, when a given name outranks it ("Grant"
    # of Grant Wu and of Oliver Grant): after a title that calls for a surname ("Mr. Grant")
    # it is this reading that is judged.
    surname: Entry | None = None
    # A surname with an honorific glued on ("Sharmaji"): found as the whole word, a title.
    suffixed: bool = False

    @property
    def ambiguous(self) -> bool:
        return len(self.targets) > 1


def build_entries(variants: Mapping[str, list[NameVariant]]) -> dict[str, Entry]:
    """Every folded name of every contact, with declared names taking precedence."""
    by_key: dict[str, list[tuple[str, NameVariant]]] = {}
    for contact, names in variants.items():
        for variant in names:
            key = key_of(variant.text)
            if len(key) < 2 or not any(c.isalpha() for c in key):
                continue
            by_key.setdefault(key, []).append((contact, variant))
    tokens = {c: frozenset(key_of(c).split()) for c in variants}
    entries: dict[str, Entry] = {}
    for key, pairs in by_key.items():
        tier = min(_TIER.get(v.kind, 0) for _, v in pairs)
        chosen = [(c, v) for c, v in pairs if _TIER.get(v.kind, 0) == tier]
        targets = tuple(dict.fromkeys(c for c, _ in chosen))
        kinds = [v.kind for _, v in chosen]
        kind = next((k for k in DECLARED if k in kinds), kinds[0])
        words = len(key.split())
        common = words == 1 and (is_everyday(key) or any(is_handle(v.text) for _, v in pairs))
        if common and key not in COMMON_WORD_NAMES and all(
                v.kind in DECLARED and _shortens(key, tokens[c]) for c, v in pairs):
            common = False  # "Jen" for Jennifer, "Gui" for Guilherme: a nickname, not a word
        entries[key] = Entry(
            key=key,
            kind=kind,
            targets=targets,
            confident=all(v.confident for _, v in chosen),
            words=words,
            common=common,
            tokens=frozenset().union(*(tokens[c] for c in targets)),
            forms=frozenset(" ".join(v.text.split()) for _, v in pairs) if common else frozenset(),
            phrase=words > 1 and all((is_everyday(w) or is_handle(w)) and not is_given_name(w)
                                     for w in key.split()),
            word_too=words == 1 and not common and is_name_word(key),
            surname=_surname_reading(key, pairs, targets, tokens) if tier == 1 else None,
        )
    return entries


# An honorific written glued to a surname, as Hindi and Urdu speakers write "Sharmaji",
# "Guptaji" (not to a short one: "Kenji", "Shinji" are given names of their own).
GLUED_SUFFIXES = ("ji",)
_GLUED_MIN = 5


def suffixed_entries(entries: Mapping[str, Entry]) -> list[Entry]:
    """A surname's entry with each glued honorific ("sharmaji" for "sharma"), for a surname of
    one word of at least five letters."""
    return [replace(e, key=e.key + suffix, suffixed=True)
            for e in entries.values()
            if e.kind == "surname" and e.words == 1 and len(e.key) >= _GLUED_MIN
            and e.key.isalpha()
            for suffix in GLUED_SUFFIXES if e.key + suffix not in entries]


def _surname_reading(key: str, pairs: list[tuple[str, NameVariant]], given: tuple[str, ...],
                     tokens: dict[str, frozenset[str]]) -> Entry | None:
    """``key`` as the surname of contacts other than ``given`` (whose given name it is), or
    None when it is no other contact's surname."""
    chosen = [(c, v) for c, v in pairs if v.kind == "surname" and c not in given]
    if not chosen:
        return None
    targets = tuple(dict.fromkeys(c for c, _ in chosen))
    return Entry(key=key, kind="surname", targets=targets,
                 confident=all(v.confident for _, v in chosen), words=len(key.split()),
                 common=False, tokens=frozenset().union(*(tokens[c] for c in targets)))


def _shortens(key: str, words: frozenset[str]) -> bool:
    """``key`` begins a longer word of the contact's title: "jen" of "jennifer"."""
    return any(w.startswith(key) and w != key for w in words)


def written_as_declared(surface: str, entry: Entry) -> bool:
    """``surface`` is a one-word everyday-word name as the contact's names write it, with its
    capitals, accents aside: "Rocio" for "Rocío" (a hurried hand skips the accent), not
    "Name" for the account "name"."""
    if surface in entry.forms:
        return True
    folded = fold(surface)
    return any(len(f) == len(surface) and fold(f) == folded
               and all(a.isupper() == b.isupper() for a, b in zip(f, surface, strict=True))
               for f in entry.forms)


def capitalised_form(surface: str, entry: Entry) -> bool:
    """``surface`` is a given name the contact's names write all in lowercase, capitalised
    ("Victor" for the note "victor.md", "Mark" for "mark.md"): a vault that names its people's
    notes in lowercase. Not a handle or a word that is no given name ("Name" for the account
    "name", "Join" for "join"): those stay someone else's capitals."""
    return (surface[:1].isupper() and surface[1:].islower() and is_given_name(entry.key)
            and any(f.islower() and f == surface.lower() for f in entry.forms))


def linkable(name: str) -> bool:
    """False for titles a ``[[wikilink]]`` cannot point to."""
    return not _UNLINKABLE.search(name)


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def at_boundary(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is a whole word: ``Ana`` never inside ``Anaís``,
    ``Banana`` or ``Ana-María``."""
    if start > 0:
        before = text[start - 1]
        if before.isalnum():
            return False
        if before in "-@_" and start > 1 and glued_before(text, start - 1):
            return False
    if end < len(text):
        after = text[end]
        if after.isalnum():
            return False
        if after in "-@_" and end + 1 < len(text) and glued_after(text, end):
            return False
    return True


def glued_before(text: str, at: int) -> bool:
    """The "-", "@" or "_" at ``at`` joins a word before it ("x-Ana", "user_Ana"); a run of
    underscores is emphasis ("__Ana__") unless a letter stands before the run."""
    if text[at] == "_":
        while at > 0 and text[at] == "_":
            at -= 1
        return text[at].isalnum()
    return is_word_char(text[at - 1])


def glued_after(text: str, at: int) -> bool:
    """The same after a word ("Ana-María", "Ana_id", but not "Ana__", nor an honorific or a
    postposition after its hyphen: "Sharma-ji", "Tanaka-san", "Nilda-pe")."""
    size = len(text)
    if text[at] == "-" and (suffix_after(text, at) or postposition_after(text, at)):
        return False
    if text[at] == "_":
        while at < size - 1 and text[at] == "_":
            at += 1
        return text[at].isalnum()
    return is_word_char(text[at + 1])


def possessive_after(text: str, end: int) -> bool:
    """``Ana's`` / ``Ana’s`` / ``James'``."""
    return text[end : end + 2] in ("'s", "’s", "'S", "’S") and not is_word_char(
        text[end + 2 : end + 3] or " "
    )


# A word, or the edge of a wikilink ("[[" after a name, "]]" before one).
_WORD_AFTER = re.compile(r" (!?\[\[|[^\W\d_][\w'’]*)")
_WORD_BEFORE = re.compile(r"(\]\]|[^\W\d_][\w'’]*) $")
_GLUED_TO_LINK = re.compile(r"\]\]['’]?$")  # a word written right after a link: "]]'s"


# Lowercase words that join a surname to a given name: "Bertrand da Cunha", "Ana de la Vega".
SURNAME_PARTICLES = frozenset(
    "de del la las los da das do dos di van von der den ter le du des y e".split()
)


def word_after(text: str, end: int) -> tuple[int, str] | None:
    """The word right after ``end`` (one space between); past surname particles when a
    capitalised word follows them, so "Bertrand da Cunha" shows its surname."""
    first = _WORD_AFTER.match(text, end)
    match, hops = first, 0
    while match and match.group(1) in SURNAME_PARTICLES and hops < 3:
        match, hops = _WORD_AFTER.match(text, match.end(1)), hops + 1
    if match is not first and match and match.group(1)[0].isupper():
        return match.start(1), match.group(1)
    return (first.start(1), first.group(1)) if first else None


_LAST_WORD = re.compile(r"[^\W\d_][\w'’]*")
_EMBED_AT_END = re.compile(r"!\[\[[^\[\]\n]*\]\]$")


def _shown_word_of_link(text: str, close: int) -> tuple[int, str, bool] | None:
    """The last word a reader sees of the wikilink ending at ``close``; None for an embed."""
    opening = text.rfind("[[", 0, close)
    if opening == -1 or "\n" in text[opening:close] or text[opening - 1 : opening] == "!":
        return None
    shown = opening + 2 + text[opening + 2 : close].rfind("|") + 1
    words = list(_LAST_WORD.finditer(text, shown, close))
    return (words[-1].start(), words[-1].group(), False) if words else None


def _word_ending(text: str, end: int) -> re.Match[str] | None:
    """``_WORD_BEFORE.search(text, max(0, end - 40), end)``, tried only from the last space
    before the word: a match is a word (or "]]") and the space that ends the searched text
    (or stands before its final "\n"), so it cannot start at or before an earlier space."""
    last = text[end - 1 : end]
    if last == " ":
        space = end - 1
    elif last == "\n" and end >= 2 and text[end - 2] == " ":
        space = end - 2
    else:
        return None
    low = max(0, end - 40)
    return _WORD_BEFORE.search(text, max(low, text.rfind(" ", low, space) + 1), end)


def word_before(text: str, start: int) -> tuple[int, str, bool] | None:
    """The word right before ``start`` (one space between) as a reader sees it, looking past
    surname particles: ``(offset, word, crossed_a_particle)``. Before a wikilink it is the
    link's last shown word, so a name is judged the same before and after it is linked."""
    first = _word_ending(text, start)
    if first is None:
        return None
    if first.group(1) == "]]":
        return _shown_word_of_link(text, first.start(1))
    glued = _GLUED_TO_LINK.search(text, max(0, first.start(1) - 3), first.start(1))
    if glued:  # "[[Ana García]]'s": the reader sees "García's", as before it was linked
        shown = _shown_word_of_link(text, glued.start())
        if shown is None:
            return None
        word = shown[1] + text[glued.start() + 2 : first.end(1)]
        return shown[0], _without_possessive(word), False
    match: re.Match[str] | None = first
    hops = 0
    while match and match.group(1) in SURNAME_PARTICLES and hops < 3:
        match = _word_ending(text, match.start(1))
        hops += 1
    if match is not first and match and match.group(1)[0].isupper():
        return match.start(1), match.group(1), True
    return first.start(1), _without_possessive(first.group(1)), False


def _without_possessive(word: str) -> str:
    """"García's" → "García": the name a possessive belongs to, as after a linked name."""
    return word[:-2] if len(word) > 2 and word[-2:] in ("'s", "’s", "'S", "’S") else word


_TITLE_BEFORE = re.compile(r"(?<![\w.])([^\W\d_]\w{1,11}\.?) $")  # not an initial "M."


# An article or a possessive before a title written in lowercase, as Spanish, Portuguese and
# French write them: "el doctor Molina", "la señora Paz", "o doutor Lima", "le docteur
# Morel", "mi tía Bellver", "our pastor Nygaard".
_ARTICLE_BEFORE_TITLE = re.compile(
    r"(?<![^\W\d_])(?:el|la|al|del|o|do|da|le|the|mi|mis|tu|su|nuestro|nuestra|my|our|your"
    r"|his|her|their) $", re.IGNORECASE)
# Titles written in lowercase with no article: Spanish's "doña Mamani", "don Quispe", and
# abbreviations no word is spelt like ("dr mueller", "sra bellver", "lic quintero").
_BARE_LOWER_TITLES = frozenset(
    "don dona fray sor dr dra mr mrs ms mx sr sra srta prof lic ing arq".split())


def title_before(text: str, start: int) -> int | None:
    """Where a title or honorific right before ``start`` begins ("Dr. ", "Sra ", "Herr ",
    "Pastor ", "el doctor ", "doña ", "el ing. "), or None. In lowercase a title is one
    after an article or a possessive, as an abbreviation ("dr.", "lic") or as Spanish's
    "don"/"doña"; else it is a word ("in general. It", "as deputy Hollis")."""
    match = _TITLE_BEFORE.search(text, max(0, start - 15), start)
    if not match or not is_name_prefix(match.group(1)):
        return None
    word = match.group(1)
    if word[-1] == "." and len(word) > 6:
        return None  # "General. It": a word ending its sentence, no abbreviation
    if _ARTICLE_BEFORE_TITLE.search(text, max(0, match.start(1) - 9), match.start(1)):
        return match.start(1)  # the title alone is the mention's start: "doctor Molina"
    if not is_surname_title(word):
        return None  # "Nana Boateng": kinship with no article may be a given name
    if word[0].isupper():
        return match.start(1)
    if fold(word).rstrip(".") in _BARE_LOWER_TITLES:
        return match.start(1)  # "doña Mamani", "dr. mueller", "sra Paz"
    return None


def surname_title_before(text: str, start: int) -> bool:
    """A title that calls for a surname right before ``start``: "Mr. Grant", "Ms Lee", "Dr.
    Evans", "la señora Paz" (not "doña Carmen", "la doctora Ana": given names)."""
    title = title_before(text, start)
    return title is not None and is_before_surname(text[title:start].strip())


# An honorific after a name, as India, Nigeria and Japan write them: "Iyer sir", "Sharma
# ji", "Rao Sir", "Lakshmi ma'am".
_SUFFIX_AFTER = re.compile(r"[ -]([^\W\d_]{2,6}(?:['’][^\W\d_]{1,2})?)(?![\w'’-])")


def suffix_after(text: str, end: int) -> bool:
    """An honorific written right after the name at ``end``: "Iyer sir", "Sharma ji"."""
    match = _SUFFIX_AFTER.match(text, end)
    if match is None or not is_name_suffix(word := match.group(1), text[end] == "-"):
        return False
    return word.islower() or not is_given_name(word)  # "Ravi Anna" may be one name


# A postposition glued to a name by a hyphen, as Paraguay's Guaraní writes it after a
# Spanish or foreign name: "Nilda-pe" (to Nilda), "Nilda-ndive" (with Nilda), "Ana-gui"
# (from Ana), "Ana-rehe" (about Ana). The name ends at the hyphen.
_POSTPOSITION_AFTER = re.compile(r"-(?:pe|gui|ndive|rehe|re)(?![\w'’-])",
                                 re.IGNORECASE)


def postposition_after(text: str, at: int) -> bool:
    """A postposition glued by the hyphen at ``at``: "Nilda-pe", "Nilda-ndive"."""
    return _POSTPOSITION_AFTER.match(text, at) is not None


# "John C. Maxwell", "Julia M. Rohrer": a middle initial continues the name.
_INITIAL_AFTER = re.compile(r" [A-Z]\.(?= ?[^\W\d_])")
# An article (or "of") right before a word: "Tribe of the Bear", "Codicil of White".
_ARTICLE_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:the|of|an|la|el|los|las|le|les|der|die|das|des|os|un|una|une)"
    r" $", re.IGNORECASE)


def word_after_capitalised(text: str, end: int) -> bool:
    """A capitalised word right after: "Dr. Evans Smith" is someone longer."""
    after = word_after(text, end)
    return bool(after and is_capitalised(after[1]))


_NUMBER_AFTER = re.compile(r" \d")


def number_after(text: str, end: int) -> bool:
    """A number right after: "May 6", "April 29th"."""
    return _NUMBER_AFTER.match(text, end) is not None


# A number right after, or after a copula or a sign: "Max is 2048", "Max = 10", "Max ~3".
_NUMBER_SOON = re.compile(r" (?:(?:is|was|es|era|=|:|~|<|>|≈) ?)?[~≈<>]?\d")


def number_soon(text: str, end: int) -> bool:
    """A number right after, or after "is"/"="/"~": "Max 20 retries", "Max is 2048"."""
    return _NUMBER_SOON.match(text, end) is not None


_NUMBER_BEFORE = re.compile(r"\d ")


def number_before(text: str, start: int) -> bool:
    """A number right before: "4 GB"."""
    return start >= 2 and _NUMBER_BEFORE.match(text, start - 2) is not None


def capitalised_before(text: str, start: int,
                       listed: Callable[[str, str], bool] | None = None) -> bool:
    """A capitalised word right before that is not a title or a tag: "Inline Code".
    ``listed(between, word)`` tells a list of people ("Fer y Pilar": a conjunction after
    another contact's name), which is not one longer name either."""
    before = word_before(text, start)
    if not before or not is_capitalised(before[1]) or is_name_prefix(before[1]):
        return False
    word = before[1]
    if fold(word) in SENTENCE_OPENERS or (len(word) > 3 and word[-1] in "éó"):
        return False  # "Called Gui", "Llamé Concepción": a verb, not a longer name
    if sentence_start(text, before[0]) and opening_verb(word):
        return False  # "Gave Bernie a bell", "Mandóme Anxo un correo": a verb first
    if before[2] and listed is not None and listed(text[before[0] + len(word):start], word):
        return False  # "con Fer y Pilar": two people
    return text[before[0] - 1 : before[0]] != "#" and key_of(word) not in HONORIFICS


# A Spanish (or Galician) verb with its pronoun glued on, as the north-west writes it:
# "Llamóme", "Mandóme", "Mandéle", "Díjome" (an accented vowel, then the pronoun).
_ENCLITIC = re.compile(r"[a-zñ]{2,}[áéíó](?:me|te|le|se|nos|os|les|lo|la|los|las)")


def opening_verb(word: str) -> bool:
    """A verb that opens a sentence before a name, which no given name is: an English past
    or "-ing" form (:func:`english_verb_form`), an irregular past the English dictionary
    lemmatises to another word ("Gave", "Took", "Rang"; not a plural, "-en", "-er" or "-a"
    word: "Mills", "Children", "Better", "Media"), or a Spanish verb with a pronoun glued on
    ("Llamóme", "Mandéle")."""
    lower = word.lower()
    if not lower.isalpha() or is_given_name(lower) or is_proper(lower):
        return False
    if _ENCLITIC.fullmatch(lower):
        return True
    if english_verb_form(word):
        return True
    if len(lower) < 3 or lower.endswith(("s", "en", "er", "a")) or not lower.isascii():
        return False
    return _english_lemma(lower) != lower



# The Spanish article before a name as the River Plate, Chile and Catalonia write it ("con la
# Flor", "el Washi y el Flaco", "me llamó el Flaco"), after the word it follows: a companion
# word ("con", "junto con"), a conjunction after a capitalised word, or a verb in the
# preterite (its accent: "llamó", "quedé").
_NAME_ARTICLE = re.compile(
    r"(?:(?<![^\W\d_])(?P<with>con)|(?P<name>[^\W\d_][\w'’]*) (?:y|e)"
    r"|(?<![^\W\d_])(?P<verb>[^\W\d_]{2,}[óé])) (?:la|el) $")


def name_after_article(text: str, start: int, key: str) -> bool:
    """Whether the article right before ``start`` introduces a person, as Spanish may:
    after "con" ("Mates con la Flor"), after a conjunction that follows a capitalised word
    ("el Washi y el Flaco"), or — for a name that is no everyday word of a name's own
    ("Flor", "Sol", "Luna": :data:`COMMON_WORD_NAMES`) — after a verb in the preterite ("Me
    llamó el Flaco"; "Salió el Sol" stays the sun). Not after anything else: "Tribe of the
    Bear", "la Semana" are words of a phrase."""
    match = _NAME_ARTICLE.search(text, max(0, start - 40), start)
    if match is None:
        return False
    if match.group("name") is not None:
        return is_capitalised(match.group("name"))
    if match.group("verb") is not None:
        return key not in COMMON_WORD_NAMES
    return True


# Between an everyday word opening a sentence and a name: an article ("Anoche la Xime me
# llamó") or a bare "de", as a diary heads an event with its person ("Despedida de Nico",
# "Cumple de Vale"). With its article "de la" is a place's name ("Plaza de la Xime").
OPENER_LINKS = frozenset({"la", "el", "de"})


def nickname_before_particle(text: str, start: int, end: int, after: int, entry: Entry) -> bool:
    """A declared nickname that is no given name before a particle and a capitalised word
    ("el post de Chepe del Salvador vs México"): a nickname carries no surname, so the
    words after it are something else's, not the rest of a longer name."""
    return (after > end + 1 and entry.kind in ("alias", "nickname") and not entry.ambiguous
            and " " not in entry.key and not is_given_name(text[start:end])
            and text[end:after].strip() != "")


# Spanish "del" (of the, masculine) right before a word: "la plaza del Pilar", "la Virgen del
# Carmen", "el colegio del Rosario" name a place or a devotion after a given name; a person
# is "de Pilar", "de la Pili".
_DEL_BEFORE = re.compile(r"(?<![^\W\d_])del $")


def del_before(text: str, start: int) -> bool:
    """Spanish "del" right before ``start``: a given name there names a place or a devotion
    ("la plaza del Pilar", "la calle del Carmen"), not the person."""
    return _DEL_BEFORE.search(text, max(0, start - 4), start) is not None


def initial_after(text: str, end: int) -> bool:
    return _INITIAL_AFTER.match(text, end) is not None


def article_before(text: str, start: int) -> bool:
    return _ARTICLE_BEFORE.search(text, max(0, start - 5), start) is not None


def sentence_start(text: str, start: int) -> bool:
    """True when only Markdown markers, an embed or a sentence end stand between the line
    start and ``start``: a capital there says nothing about being a name."""
    line_begin = text.rfind("\n", 0, start) + 1
    before = _EMBED_AT_END.sub("", text[line_begin:start].rstrip()).rstrip()
    if not _ALNUM.search(before):
        return True
    if before[-1] == "." and title_before(before + " ", len(before) + 1) is not None:
        return False  # "Dr. Clair": the dot of a title ends no sentence
    return (before[-1] in ".!?:;\"“«(¡¿[|" or _NUMBERED.search(before) is not None
            or _TASK_BOX.fullmatch(before) is not None)


_ALNUM = re.compile(r"[^\W_]")  # a character that str.isalnum() accepts
_NUMBERED = re.compile(r"(^|\s)\d+[.)]$")  # "1." or "2)" ending a list marker
# A task's box, ticked or not ("- [x] Call Ana"): the task's text starts a sentence.
_TASK_BOX = re.compile(r"\s*(?:(?:[-*+]|\d+[.)])\s+)?\[.\]")

# "Marta y Sergio": a conjunction between two names is a list, not a longer name.
CONJUNCTIONS = frozenset({"y", "e"})
# The same with Spanish's article before the second name: "Diego y la Paty".
_LIST_JOIN = re.compile(r"\s*(?:y|e)(?:\s+(?:la|el))?\s*", re.IGNORECASE)


def joins_a_list(between: str) -> bool:
    """``between`` two names is a conjunction, an article allowed after it: "y", "e", "y la"."""
    return _LIST_JOIN.fullmatch(between) is not None


def plain_given_name(word: str) -> bool:
    """A given name that is no everyday word ("Renzo", "Rocío"; not "Rosa" or "Will")."""
    return is_given_name(word) and not is_everyday(word)


def is_capitalised(word: str) -> bool:
    return len(word) >= 2 and word[0].isupper()


# Words that open a sentence in notes about people, right before a name: time words, verbs of
# contact, prepositions (English and Spanish, folded). A capitalised word that is not one of
# these, nor a verb form, and stands before a first name is taken for another given name.
SENTENCE_OPENERS = frozenset(
    """
    today yesterday tomorrow tonight later then also and but so finally again maybe
    met saw called phoned rang emailed texted messaged pinged visited thanked told asked
    invited introduced congratulated interviewed hired replied answered contacted reached
    joined helped mentioned followed liked shared commented tagged welcomed greeted caught
    bumped ran had got sent wrote spoke talked chatted discussed reviewed interview
    lunch dinner coffee breakfast drinks
    call calls meeting meet email mail text ping ask tell thank invite visit see with for
    whatsapp wasap guasap slack skype facetime zoom telegram signal sms txt msg dm ring phone
    message
    from to about per via re cc fyi note notes read reading ask asking when after before
    dear hi hello hey thanks welcome congrats happy since while if because though
    hoy ayer manana anoche luego despues antes tambien entonces pero asi quizas
    vi llame hable comi cene quede escribi mande conoci visite invite felicite pregunte
    llamada reunion comida cena cafe desayuno mensaje correo charla videollamada
    con para por segun sobre de desde hasta hacia sin tras entre a al y e o
    hola querido querida gracias feliz cuando mientras si porque aunque
    """.split()
)


def plain_word(word: str) -> bool:
    """True for a word that is not a given name: a sentence opener, an everyday or function
    word ("Finding", "At"), a Spanish verb in the preterite ("Llamé", "Escribió", "Skypeé"),
    or an English verb the dictionary knows in a past or "-ing" form ("Retweeted", "Pinged",
    "Messaging"). "-ed" alone is no sign ("Mohamed", "Khaled"): a given name, or a word the
    dictionary does not know as a verb form, is taken for a name."""
    if fold(word) in SENTENCE_OPENERS or is_plain(word):
        return True
    if len(word) > 3 and word[-1] in "éó" and word[-2] not in "sn":
        return True
    if len(word) > 3 and _FINAL_STRESS.search(word) and not is_given_name(word):
        return True  # "Escribí", "Recibí", Guaraní's "Ahenói" ("I called"): a verb first
    if _SPANISH_WE.fullmatch(fold(word)) and not is_given_name(word):
        return True  # "Cenamos Marta y yo", "Fuimos Ana y yo": a verb of "we"
    if _ENCLITIC.fullmatch(word.lower()) and not is_given_name(word):
        return True  # "Llamóme la Uxía", "Mandóme Anxo un correo"
    return english_verb_form(word)


# An accent on the last syllable other than "-é"/"-ó" (above), as Spanish's preterites of
# "-er"/"-ir" verbs ("Escribí") and Guaraní's verbs ("Ahenói", "Ohenói") are written.
_FINAL_STRESS = re.compile(r"(?:[^sn]í|[áéó][iu])$")


# A Spanish verb for "we" (present or preterite, -amos/-emos/-imos), long enough to be no
# surname ("Ramos"): "Cenamos", "Quedamos", "Comimos", "Fuimos".
_SPANISH_WE = re.compile(r"[a-zñ]{2,}(?:amos|emos|imos)")


_VERB_ENDING = re.compile(r"[a-z]{3,}(?:ed|ing)")
# A stem with no vowel, which no given name has: "txt", "msg", "sms" made verbs.
_VOWELLESS_STEM = re.compile(r"[b-df-hj-np-tv-xz]{2,}(?:ed|ing)")


def english_verb_form(word: str) -> bool:
    """"Retweeted", "Pinged", "Skyped", "Messaging": a past or "-ing" form of a verb that
    simplemma's English dictionary knows, which is no given name. The dictionary is loaded on
    the first word that needs it (a capitalised "-ed"/"-ing" word opening a sentence before
    a first name): most runs never do."""
    lower = word.lower()
    if not _VERB_ENDING.fullmatch(lower) or is_given_name(lower):
        return False
    if _VOWELLESS_STEM.fullmatch(lower):
        return True  # "Txted", "Msged", "Smsed": an abbreviation made a verb
    if _english_lemma(lower) != lower:
        return True
    # A brand made a verb, which no dictionary conjugates: "Whatsapped", "Snapchatted",
    # "Hangouted" (its stem an everyday word). Not "-eed", nor short words: "Fareed",
    # "Naveed", "Hamed" are given names whose stem happens to be a word.
    if len(lower) < 7 or lower.endswith("eed") or not lower.endswith("ed"):
        return False
    stem = lower[:-2]
    return is_everyday(stem) or (stem[-1] == stem[-2] and is_everyday(stem[:-1]))


@lru_cache(maxsize=4096)
def _english_lemma(word: str) -> str:
    import simplemma

    return str(simplemma.lemmatize(word, lang="en"))


# A word of two capitalised parts: "WhatsApp", "FaceTime", "LinkedIn", "McDonald", "LeBlanc".
_CAMEL = re.compile(r"([A-Z][a-z]+)([A-Z][a-z]+)")
# What opens a surname written with an inner capital: "McDonald", "MacLeod", "LeBlanc",
# "DeLuca", "DiMaggio", "VanDyke", "FitzGerald", "LaToya", "DuBois", "StClair", "DeShawn".
_SURNAME_HEADS = frozenset(
    "mc mac le la de di da du des del della van von vander fitz st san al el ben ibn o ter ten"
    .split())


def brand(word: str) -> bool:
    """A brand written as two everyday words run together, each capitalised ("WhatsApp",
    "FaceTime", "LinkedIn", "YouTube", "WeChat"): no given name or surname, which written with
    an inner capital opens with a particle or a patronymic ("McDonald", "LeBlanc", "DeLuca")."""
    match = _CAMEL.fullmatch(word)
    if match is None:
        return False
    head, tail = match.group(1), match.group(2)
    return (head.lower() not in _SURNAME_HEADS and is_plain(head) and is_plain(tail)
            and not is_given_name(head) and not is_given_name(tail))


_CAMEL_VERB = re.compile(r"[A-Z][a-z]+[A-Z][a-z]*(?:ed|ing|['’](?:d|ed|ing))")
_CAPS_VERB = re.compile(r"[A-Z]{2,5}(?:ed|ing)")


def abbreviation(word: str) -> bool:
    """A capitalised word beside a name that is no given name or surname: an abbreviation in
    capitals with no vowel ("PLG", "DM", "RSVP", "BTW"), capitals with a verb ending ("DM'd",
    "RSVP'd", "CC'ed"), or a brand made a verb ("FaceTimed", "WhatsApping"): "Olivia DM'd me"
    is Olivia. Capitals with vowels may be a surname ("CHEN", "DUPONT"), and so may inner
    capitals without a verb ending ("McDonald", "LeBlanc"), so they are not."""
    if _CAMEL_VERB.fullmatch(word):
        return True
    if _CAPS_VERB.fullmatch(word):
        return True  # "DMed", "CCed"
    head, _, tail = word.replace("’", "'").partition("'")
    letters = [c for c in head if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters) or not head.isalpha():
        return False
    if tail:
        return tail in ("d", "ed", "ing", "ng")
    return len(head) <= 5 and not any(c in "AEIOU" for c in fold(head).upper())


# A companion word right before a name, and the Spanish article a name may take after it:
# "with maddie", "w/ tyler", "con la yese", "junto con el flaco".
_COMPANION_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:(?:with|alongside|con)\s+|[wc]/\s*)(?:(?:la|el)\s+)?[*_=]*$",
    re.IGNORECASE)


def companion_before(text: str, start: int) -> bool:
    """A companion word ("with", "w/", "con", optionally an article after it) right before
    ``start``: whoever stands there is someone the writer did something with."""
    return _COMPANION_BEFORE.search(text, max(0, start - 24), start) is not None


# Right after a name opening a clause: a verb in the past, with the pronoun of its object
# before it in Spanish ("fez dm'd me", "maddie snapped me", "la vale me clavó").
_PAST_VERB_AFTER = re.compile(
    r"[ \t]+(?:(?:me|te|le|nos|les|lo|la)[ \t]+)?[^\W\d_]{2,}(?:ed|['’]d|[óé])(?![\w'’])")
_CLAUSE_ARTICLE = re.compile(r"(?:la|el)[ \t]+$", re.IGNORECASE)


def subject_before_verb(text: str, start: int, end: int) -> bool:
    """A name opening its clause (after a list marker, a task box or a sentence end; with
    Spanish's article: "La vale me clavó…") right before a verb in the past: its subject."""
    if not past_verb_after(text, end):
        return False
    article = _CLAUSE_ARTICLE.search(text, max(0, start - 4), start)
    return sentence_start(text, article.start() if article else start)


_AT_BEFORE = re.compile(r"(?<![^\W\d_])at $", re.IGNORECASE)


def after_opening_verb(text: str, start: int) -> bool:
    """Right after a verb in the past opening its sentence, where its object stands: "Met
    paddy for a walk", "Helped Schroeder pull his truck out" ("Llamé a Pérez" is not: a
    preposition stands between)."""
    before = word_before(text, start)
    return (before is not None and not before[2] and sentence_start(text, before[0])
            and reported_verb(before[1]))


def reported_verb(word: str) -> bool:
    """A verb in the past, told by its form alone, with no dictionary loaded (most runs never
    load one): an English "-ed" form or a built-in vocabulary's irregular past ("Helped",
    "Met", "Rang"), a Spanish preterite's accent ("Llamé", "Vio" is too short to tell), a
    verb with its pronoun glued on ("Llamóme") or made of an abbreviation ("Txted"). Not a
    given name or a word a dictionary spells only capitalised ("Rasheed", "Brandt")."""
    lower = word.lower()
    if not lower.isalpha() or is_given_name(lower) or is_proper(lower):
        return False
    if _ENCLITIC.fullmatch(lower) or _VOWELLESS_STEM.fullmatch(lower):
        return True
    if len(lower) > 3 and lower[-1] in "éó":
        return True
    if len(lower) >= 5 and lower.endswith("ed") and not lower.endswith("eed"):
        return True
    return lower in _irregular_pasts()


@lru_cache(maxsize=1)
def _irregular_pasts() -> frozenset[str]:
    """The English pasts of the built-in vocabularies' verbs that do not end in "-ed"
    ("met", "rang", "sent", "wrote"), from :mod:`vinculo.verb_forms`: no dictionary loaded."""
    from vinculo.verb_forms import FORMS

    return frozenset(f for forms in FORMS["en"].values() for f in forms
                     if f.isalpha() and not f.endswith(("ed", "en", "wn", "st", "th"))
                     and f not in ("did", "didn", "doesn", "don", "done", "dont", "holp"))


def surname_hit(text: str, start: int, end: int, entry: Entry) -> tuple[int, str, str] | None:
    """How a surname alone at ``text[start:end]`` names its contact: ``(start, level,
    reason)``, or None. After a title or honorific ("Dr. Evans", "Pastor Nygaard", "doña
    Mamani") or before one written after it ("Iyer sir"), it is a link when one contact has
    that surname and no capitalised word continues it, a suggestion listing them when
    several have (kept only in a clause that reports an event, as a party's); alone in the place of a party to
    the clause (:func:`surname_party`) it is a suggestion."""
    title = title_before(text, start)
    if title is None and (entry.suffixed or suffix_after(text, end)):
        title = start  # "Iyer sir", "Sharma ji", "Sharmaji": the link covers the name
    if title is None:
        return (start, "suggest", "surname") if surname_party(text, start, end, entry) else None
    if title < start and word_after_capitalised(text, end) and not suffix_after(text, end):
        return None  # "Dr. Evans Smith" is someone longer
    if entry.ambiguous:
        # Two Evanses: "Dr. Evans" is one of them, in a clause that reports an event (the
        # linker checks; "a patient, Mr Smith" in a guide is no one's).
        return title, "suggest", "surname"
    return title, "link", "title"


def surname_party(text: str, start: int, end: int, entry: Entry) -> bool:
    """A surname alone where a party to the clause stands: opening its sentence right before
    a verb in the past ("Okoye messaged me on Canvas"), right after a verb opening the
    sentence ("Helped Schroeder pull his truck out"), or after a companion word ("lunch with
    Okoye"), as students, colleagues and neighbours write each other. Only when one contact
    has that surname, it is no everyday word or given name and it is written capitalised;
    only a suggestion the history rests on (the linker keeps it only in a clause that
    reports an event), never a link: a surname alone is too often someone else's. A word
    frequency tables count but a dictionary spells only capitalised is a name here
    ("Lowe me mandó un mail", "Brandt emailed me")."""
    surface = text[start:end]
    if (entry.ambiguous or entry.word_too or not is_capitalised(surface)
            or is_given_name(surface) or " " in surface):
        return False
    if is_handle(surface) or ((entry.common or is_everyday(surface)) and not is_proper(surface)):
        return False  # a word or an acronym; not a name a dictionary spells only capitalised
    if sentence_start(text, start):
        return past_verb_after(text, end)
    return companion_before(text, start) or after_opening_verb(text, start)


def past_verb_after(text: str, end: int) -> bool:
    """A verb in the past right after ``end`` (a Spanish object pronoun allowed before it):
    "-ed", "'d", a Spanish preterite's accent, or an irregular English past ("sent", "rang",
    "came")."""
    if _PAST_VERB_AFTER.match(text, end) is not None:
        return True
    match = _NEXT_WORD.match(text, end)
    return match is not None and match.group(1) in _irregular_pasts()


_NEXT_WORD = re.compile(r"[ \t]+(?:(?:me|te|le|nos|les|lo|la)[ \t]+)?([a-z]{3,})(?![\w'’])")


def companion_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """The vocabularies' companion phrases ("with", "w/", "con") right before the end of a
    folded text, an article allowed after them ("con la"); None when there is none."""
    alternatives = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:(?:" + "|".join(alternatives)
                      + r")\s+|[wc]/)(?:(?:la|el)\s+)?[*_=]*$")


# Characters that make a lowercase word part of a path, a file name or a handle: "notes/ana",
# "ana.md", "ana/notes", "@ana", "ana@" (and "user=ana", but not a highlight: "==ana==").
_PATHLIKE_BEFORE = frozenset("/\\.~@")
# "w/tomi", "c/xime": a companion written with its slash, glued to the name, is no path.
_GLUED_COMPANION = re.compile(r"(?<![\w/.\\~@-])[wc]/$", re.IGNORECASE)
_PATHLIKE_AFTER = frozenset("/\\@")


def lowercase_name(text: str, start: int, end: int, entry: Entry,
                   name_tokens: frozenset[str]) -> bool:
    """Whether a one-word name written all in lowercase ("lunch w/ maría", "called jorge",
    "encar comentó") can be the contact it names: a mention an interaction may rest on, never
    a link. Only when nothing else can be meant: one contact goes by that name, it is a name
    and no everyday or function word ("will", "rosa", "max" in the vault's prose are not), it is
    at least three letters, it is no part of a path, file name or number ("ana.md", "jorge 3"),
    and no given name or other contact's name stands beside it ("maría josé" is someone
    else). A note that writes the word in lowercase elsewhere does not change this: the word
    is already lowercase here."""
    surface = text[start:end]
    if entry.kind == "surname":  # "doña mamani", "dr. mueller": after its title only
        return (not entry.ambiguous and surface.islower()
                and title_before(text, start) is not None)
    if entry.ambiguous or len(entry.key) < 3 or not surface.islower():
        return False
    key = entry.key
    if is_function_word(key) or key in SURNAME_PARTICLES or key in COMMON_WORD_NAMES:
        return False  # "rosa", "will", "mark": too often the word
    if "." in key:
        return False  # "screen.garden": a domain, not a name as someone types it
    # Where only a person can stand, a name that is also a word ("maddie", "fez", "josh",
    # "flaco") is the person: right after a companion word ("with maddie", "con la yese"),
    # or opening the clause before a verb in the past ("fez dm'd me", "la vale me clavó").
    party = (companion_before(text, start) or subject_before_verb(text, start, end)
             or (after_opening_verb(text, start) and not entry.word_too)  # not "called max"
             or (possessive_after(text, end) and _AT_BEFORE.search(text, max(0, start - 4), start)
                 is not None))  # "pregame at maddie's": at their place
    # (entry.common is False for a declared nickname that shortens the name, "raj" of
    # Rajesh, even when a word list holds it; other everyday words are ruled out here)
    if not party and (entry.common or entry.word_too or article_before(text, start)):
        return False  # "la facu", "the raj": a word after its article
    if start and ((text[start - 1] in _PATHLIKE_BEFORE and not _GLUED_COMPANION.search(
            text, max(0, start - 3), start)) or (
            text[start - 1] == "=" and start > 1 and is_word_char(text[start - 2]))):
        return False
    if end < len(text) and (text[end] in _PATHLIKE_AFTER or (
            text[end] == "." and end + 1 < len(text) and text[end + 1].isalnum())):
        return False
    if number_after(text, end) or number_before(text, start):
        return False
    before = word_before(text, start)
    for near in (before, word_after(text, end)):
        if near is None:
            continue
        word = near[1]
        if word in ("[[", "![[", "]]"):
            return False  # a link beside it: one longer name, or a list; not sure
        folded = key_of(word)
        if folded in entry.tokens or (near is before and is_name_prefix(word)):
            continue  # "mi tía carmencita", "auntie pearl": kinship, no other name
        if is_capitalised(word) and not (
                folded in HONORIFICS or folded in SENTENCE_OPENERS or is_title(word)
                or is_function_word(word)
                or (near is before and sentence_start(text, near[0]) and plain_word(word))):
            return False  # "jorge Martínez": a longer name written half in capitals
        if (folded in name_tokens or is_given_name(word)) and not is_plain(word) \
                and folded not in COMMON_WORD_NAMES:
            return False  # "maría josé", "josé maría": a compound name, someone else
    return True
