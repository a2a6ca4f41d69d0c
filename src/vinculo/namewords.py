"""What the words of a name are: a title, a function word, an everyday word, or a name.

Real vaults hold contacts titled "The Endurance", "Queen Bjornhild", "Dr Clair Bucklebub" or
"Name": read naively, "The", "Queen" and "Dr" become first names and every sentence-initial
"Name" a link. The everyday and function words come from data (``data/*.txt``, generated from
wordfreq's frequency tables less the given names Faker knows, by ``bench/wordlists.py``);
titles and honorifics are a closed class, listed here for English, Spanish, Portuguese, French
and German, with those Spanish is written with where it meets other languages (Catalan and
Aragonese "mosén" for a priest, Paraguay's Guaraní "karai"/"kuñakarai" for sir and madam). Every word is compared accent-folded and lowercase, without a final dot.
"""

from __future__ import annotations

import os
from functools import lru_cache

from vinculo.common_words import COMMON_WORD_NAMES
from vinculo.text import fold

# Titles and honorifics: before a name they are not part of it, never a first name alone.
TITLES: frozenset[str] = frozenset(
    """
    mr mrs ms miss mx sir dame madam madame lady lord dr doctor prof professor rev reverend
    fr father mother sister brother st saint capt captain cpt col colonel gen general maj
    major lt lieutenant sgt sergeant cmdr commander adm admiral officer agent detective
    inspector judge justice president senator governor mayor minister chancellor
    king queen prince princess duke duchess count countess baron baroness earl emperor
    empress lord lady sultan shah chief elder uncle aunt auntie grandma grandpa old young
    little big master mistress apprentice brother sister cousin granny coach knight bishop
    archbishop marquis marquess viscount archduke
    sr sra srta srita don dona dra doctora profe profesora maestro maestra tio tia abuelo
    abuela padre madre hermano hermana fray sor rey reina principe princesa duque duquesa
    conde condesa capitan coronel general teniente sargento presidente senor senora
    senorita lic licenciado licenciada ing ingeniero ingeniera arq caballero dama marques
    marquesa vizconde vizcondesa archiduque obispo emperador emperatriz infante infanta
    cavaleiro chevalier ritter
    snr sr. sra. dr. dona senhor senhora senhorita doutor doutora prof. tia tio
    mme mlle monsieur madame mademoiselle docteur maitre pere mere soeur frere roi
    reine
    herr frau fraulein dr. prof. doktor professorin konig konigin furst furstin graf grafin
    onkel tante
    doc principal nurse matron deacon vicar rabbi monsignor msgr sheriff deputy councillor
    cllr headmaster headmistress engr pharm alhaji alhaja hajia mallam oga shri smt aunty
    mtro mtra licda lcda profa contador contadora abogado abogada arquitecto arquitecta pbro
    seno mister
    mosen mossen karai kunakarai
    """.split()
)

# Words that stand before a name without being part of it, as people write them, but that a
# contact's own title may hold as a name ("Pastor Ruiz", "Nana Akua Addo"), so they are not
# titles a name is cleaned of. Roles and functions stand before a surname too ("Pastor
# Nygaard", "el inge Ruelas", "el míster Peña"); kinship and endearment, in English, Spanish,
# Filipino, Māori, Basque, Welsh and Asturian usage, before a given name ("Auntie Pearl", "mi
# tía carmencita", "Kuya Ramon", "Whaea Mere"), and before a surname only after an article or
# a possessive ("mi comadre Quispe"): capitalised, "Nana Boateng" is someone called Nana.
_ROLES = frozenset(
    """
    pastor imam inge coach mister profe seno licen manager compa compañero compañera
    companero companera
    """.split()
)
_KIN = frozenset(
    """
    aunt aunty auntie uncle cousin cuz nana nan nanna gran granny grandma grandpa grandad
    granddad grandmother grandfather mum mom mama mamma mummy papa pa ma bro sis
    ate kuya lolo tita titi manang manong compadre comadre padrino madrina socio socia
    tia tio tiu tiita tiito primo prima suegro suegra cunado cunada abuelito abuelita
    yaya yayo guelo guela guelu aita amona aitite whaea matua koro kuia kui nain taid
    anti yncl gramma grammy grampa gramps nonna nonno tata mamita casera casero
    """.split()
)

# Titles after which a name word is a surname: English honorifics of address ("Mr. Grant",
# "Ms Lee") and professions ("Dr. Evans", "Judge Hollis", "Coach Taylor"), and Spanish
# "Sr."/"Sra."/"señor"/"señora". Not Spanish "don"/"doña", "Doctor"/"Doctora", "profe" or
# "tía", written with given names ("doña Carmen", "la doctora Ana"), nor "Sir"/"Dame" ("Sir
# Paul"), nor kinship.
_BEFORE_SURNAME = frozenset(
    """
    mr mrs ms miss mx mister dr prof professor judge justice officer detective inspector
    sgt sergeant capt captain lt lieutenant senator governor mayor sheriff deputy coach
    sr sra senor senora
    """.split()
)

# Honorifics written after the name, as India, Nigeria and Japan write them: "Iyer sir",
# "Sharma ji", "Lakshmi ma'am", "Ravi anna", "Tanaka-san".
_AFTER_NAME = frozenset(
    "sir ji madam ma'am maam mam anna bhai bhaiya didi akka garu saab sahab sahib san"
    # Indian English and India's languages: "Sharma uncle", "Lata aunty", "Rahul dada",
    # "Biju chettan", "Anu chechi", "Raghu avare", "Ravi thambi", "Hetal bhabhi"; Japanese
    # "Tanaka sensei".
    " uncle aunty auntie dada chetta chettan chechi avare avaru thambi bhabhi paaji veerji"
    " saheb sensei"
    .split()
)
# Written after a hyphen only, being particles or names of their own after a space ("da
# Silva", "Wendy Chan", "David Ben-Ami" aside): Bengali "Sourav-da", "Rina-di",
# Japanese "Yuki-chan", "Kenta-kun", "Sato-sama", Korean "Minho-ssi", "Kim-nim".
_AFTER_HYPHEN = frozenset("da di chan kun sama ssi nim".split())

# Days, months and feasts, capitalised as English and German write them: before a given name
# they are when, not more of the name ("On Friday Tom called", "Am Montag Jonas"). Not those
# that are given names or surnames too ("May", "June", "April", "August", "Jan", "Sun").
_CALENDAR = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed weds thu thur
    thurs fri sat january february july september october november december feb sept oct
    nov dec christmas xmas easter
    montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag januar februar
    marz oktober dezember weihnachten ostern
    """.split()
)


def is_calendar(word: str) -> bool:
    """A day, month or feast: "Friday", "Thurs", "Sept", "Xmas", "Montag"."""
    return _clean(word) in _CALENDAR and not is_given_name(word)


# Common words a name is not, whatever the lists say: titles and honorifics are names'
# company, not their words.
_FOLDED_TITLES = frozenset(t.rstrip(".") for t in TITLES)


def _clean(word: str) -> str:
    return fold(word).strip(".").strip()


class _Words:
    """The words of a list (``data/*.txt``, one word a line in code-point order under a
    header line) and ``plus``, for ``in``. The first lookups are binary searches of the
    file's text; past ``searched`` of them (about what the set costs) the set is built. The
    54,000 everyday words took 16 ms to load as a set, paid by a sync that reads one changed
    note for the few words it asks about, while a full pass asks thousands."""

    def __init__(self, name: str, searched: int, plus: frozenset[str] = frozenset()) -> None:
        self.name, self.searched, self.plus = name, searched, plus
        self.words: frozenset[str] | None = None
        self.lines: str | None = None  # a line break, every word and a line break each
        self.asked = 0

    def __contains__(self, key: object) -> bool:
        if self.words is not None:
            return key in self.words
        self.asked += 1
        if self.asked > self.searched or not isinstance(key, str):
            words = self.words = _read(self.name) | self.plus
            return key in words
        if key in self.plus:
            return True
        lines = self.lines
        if lines is None:
            text = _text(self.name)
            cut = text.find("\n")  # the header line is left out
            lines = self.lines = "\n" if cut < 0 else "\n" + text[cut:].strip("\n") + "\n"
        return bool(key) and "\n" not in key and _sorted_line(lines, key)


def _sorted_line(text: str, key: str) -> bool:
    """Whether ``key`` is a line of ``text`` (lines in code-point order, each after a line
    break, and a line break at the end): a binary search between the breaks at ``low`` and
    ``high``."""
    low, high = 0, len(text) - 1
    while high - low > 1:
        start = text.rfind("\n", low, (low + high) // 2 + 1)
        end = text.find("\n", start + 1, high + 1)
        line = text[start + 1:end]
        if line == key:
            return True
        if key < line:
            high = start
        else:
            low = end
    return False


_EVERYDAY = _Words("everyday_words.txt", 300, COMMON_WORD_NAMES)  # a set: 11 ms


def _everyday() -> _Words:
    return _EVERYDAY


@lru_cache(maxsize=1)
def _function() -> frozenset[str]:
    return _read("function_words.txt") - COMMON_WORD_NAMES


def _text(name: str) -> str:
    try:  # beside this module (importing importlib.resources cost every command ~4 ms)
        with open(os.path.join(os.path.dirname(__file__), "data", name), encoding="utf-8") as file:
            return file.read()
    except OSError:  # installed where they are no files (a zip): the package's resources
        from importlib import resources

        return resources.files("vinculo").joinpath("data", name).read_text(encoding="utf-8")


def _read(name: str) -> frozenset[str]:
    text = _text(name)
    words = frozenset(text.split("\n"))  # one word a line, under one "# generated…" line
    return words - {"", text[: text.find("\n")]}


def is_title(word: str) -> bool:
    """"Dr.", "Sra", "Mme", "Herr", "Professor", "Captain", "Queen", "Old"…"""
    return _clean(word) in _FOLDED_TITLES


def is_name_prefix(word: str) -> bool:
    """A title, or a word of kinship, endearment or function people write before a given
    name: "Dr.", "Pastor", "Auntie", "tía", "Kuya", "inge"."""
    key = _clean(word)
    return key in _FOLDED_TITLES or key in _ROLES or key in _KIN


# Roles that, capitalised, are a given name far more often than the role: "Inge Marie
# Hansen" is Inge; "el inge Ruelas" is an engineer.
_NAMED_WHEN_CAPITALISED = frozenset({"inge"})


def is_role(word: str) -> bool:
    """A role written before a name that may also be a given name: "Pastor", "Imam", "inge"
    (a title of a contact's own only when a given name follows it: "Pastor Erik Nygaard")."""
    key = _clean(word)
    return key in _ROLES and not (word[:1].isupper() and key in _NAMED_WHEN_CAPITALISED)


def is_surname_title(word: str) -> bool:
    """A title or a role people write before a surname alone: "Dr.", "Sra", "Pastor", "inge"
    (not kinship: "Nana Boateng" is someone called Nana)."""
    key = _clean(word)
    return key in _FOLDED_TITLES or key in _ROLES


def is_before_surname(word: str) -> bool:
    """A title after which the name is a surname, not a given name: "Mr.", "Ms", "Dr.",
    "Judge", "Sra." (not "doña", "Doctora", "profe": "doña Carmen" is her given name)."""
    return _clean(word) in _BEFORE_SURNAME


def is_name_suffix(word: str, hyphen: bool = False) -> bool:
    """An honorific written after a name: "sir", "ji", "ma'am", "garu"; after a hyphen also
    "da", "chan", "kun" ("Sourav-da", "Yuki-chan")."""
    key = _clean(word).replace("’", "'")
    return key in _AFTER_NAME or (hyphen and key in _AFTER_HYPHEN)


def is_function_word(word: str) -> bool:
    """An article, preposition, pronoun, conjunction or auxiliary of en/es/pt/fr/de."""
    return _clean(word) in _function()


def is_everyday(word: str) -> bool:
    """A frequent word of en/es/pt/fr/de that is not a known given name ("name", "matter",
    "white", "join"), or a name that is also a word ("rosa", "will")."""
    key = _clean(word)
    return key in _everyday() or key in _function()


def is_plain(word: str) -> bool:
    """An everyday or function word that is not also a given name: "Finding", "At", "Meeting"
    (but not "Rosa" or "Will")."""
    key = _clean(word)
    return (key in _everyday() or key in _function()) and key not in COMMON_WORD_NAMES


_GIVEN = _Words("given_names.txt", 50)  # a set: 2 ms


def _given() -> _Words:
    return _GIVEN


def is_given_name(word: str) -> bool:
    """A first name Faker knows in some locale ("Ana", "Tiago", "John")."""
    return _clean(word) in _given()


@lru_cache(maxsize=1)
def _frequent_given() -> frozenset[str]:
    return _read("frequent_given_names.txt")


def is_frequent_given_name(word: str) -> bool:
    """One of the commonest given names ("John", "María", "David"): alone in a note, it
    seldom means the one contact of that name unless the note names them in full."""
    return _clean(word) in _frequent_given()


@lru_cache(maxsize=1)
def _name_words() -> frozenset[str]:
    return _read("name_words.txt")


def is_name_word(word: str) -> bool:
    """A given name that is also an everyday word, as a case-keeping dictionary spells it in
    lowercase: "max", "grant", "mark", "will" (not "brian", "ben", "steven")."""
    return _clean(word) in _name_words()


_ENGLISH = _Words("english_words.txt", 50)


def is_english_word(word: str) -> bool:
    """An everyday word of English ("sunny", "bear", "king"; not "bains", "opio")."""
    return _clean(word) in _ENGLISH


@lru_cache(maxsize=1)
def _proper() -> frozenset[str]:
    return _read("proper_words.txt")


def is_proper(word: str) -> bool:
    """A frequent word that a case-keeping dictionary spells only capitalised: the name of a
    person or a place ("Brandt", "Ollie", "Bernie"), counted as a word by frequency tables."""
    return _clean(word) in _proper()


def is_handle(word: str) -> bool:
    """An acronym or handle rather than a name: "GB", "README", "IVRE" (all capitals)."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def never_first_name(word: str) -> bool:
    """A title or a function word: "The Endurance" has no first name "The"."""
    return is_title(word) or is_function_word(word) or not any(c.isalpha() for c in word)
