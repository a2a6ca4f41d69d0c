"""Verbs written once, as lemmas, in vocabulary phrases: ``{almorzar} con`` stands for
"almorcé con", "almorzamos con", "almorzaba con", "he almorzado con"…

People write an event in whatever tense and person they like; an inflected regular expression
per verb misses forms and is hard to read. A phrase names the verb's lemma in braces and the
lemmatiser's dictionary (simplemma, which covers English, Spanish and most European languages)
gives its forms. Only the forms that *report* something done are kept — past tenses and
participles — never an infinitive, a future, a conditional or a subjunctive: "almorzaré con
Ana" is a plan, not a lunch. (English and Spanish have these rules; for another language every
form is kept but the infinitive and those built on it, its futures and conditionals.)

The forms of the built-in vocabularies' verbs are shipped in :mod:`vinculo.verb_forms`
(regenerate it with ``python -m vinculo.lemmas``), so a run never loads a dictionary; a
plugin's verb that is not there is looked up in simplemma's dictionary once per process.

One more mark a phrase may hold: ``{@}`` is a name (one blanked mention, or several joined by
"and"/"y"/","), so "{send} {@} a message" reads "Sent Ana a message". (A
regular expression never writes a word in braces, so neither mark changes a phrase written
before they existed.)
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

from vinculo.text import fold

_LEMMA = re.compile(r"\{([^{}\d,@]+)\}")
_NAME_MARK = "{@}"
# A blanked name (see plugins/interactions.py), or several joined. (A pronoun is no name: a
# clause that names someone rarely says "her" of them too.)
# (A phrase had better not open with it: it would be tried at every character of a name.
# "and(?<=· and) i" says "a name, then 'and I'" at the price of a word.)
NAME = r"[*_=]*·+[*_=]*(?:(?:,| and| &| y| e) [*_=]*·+[*_=]*)*"  # "**Ana**" too

# Past-tense and participle endings, by conjugation, as the dictionary spells them (with
# accents: "llamó" is a past, "llamo" a present; once folded, text matches both).
# (Not the second person, "tú" or "vosotros", seldom written in a note about oneself: fewer
# forms, a smaller pattern to compile and search.)
_AR = ("é", "ó", "amos", "aron", "aba", "ábamos", "aban", "ado")
_ER_IR = ("í", "ió", "imos", "ieron", "ía", "íamos", "ían", "ido", "yó", "yeron",
          # strong preterites: estuve, hice, dije, vine, puse
          "uve", "uvo", "uvimos", "uvieron", "ice", "izo", "icimos", "icieron", "ije", "ijo",
          "ijimos", "ijeron", "ine", "ino", "inimos", "inieron", "use", "uso", "usimos",
          "usieron")

# Archaic or clipped spellings the English dictionary carries ("hath", "spake", "gon"): a
# note never means them, and short ones would match ordinary words.
_EN_ODD = frozenset({"hast", "hath", "haf", "hav", "oughter", "spake", "staid", "drave",
                     "gorn", "gon", "ringed", "swang", "swungen"})

# Past subjunctives ("almorzáramos") and irregular conditionals ("saldría") share a past
# ending; they are wishes and conditions, not events.
_NOT_PAST = re.compile(r"(?:[áé]ramos|[áé]semos|[áé]remos|(?:dr|br)í(?:a|as|amos|ais|an))$")


def reporting_forms(lemma: str, language: str, forms: list[str]) -> tuple[str, ...]:
    """Of ``forms`` (every form the dictionary knows of ``lemma``), those that report an
    event, folded and sorted; the lemma's own regular participle is added when missing."""
    lemma = lemma.lower()
    out: set[str] = set()
    if language == "es" and lemma.endswith(("ar", "er", "ir")):
        stem, ending = lemma[:-2], lemma[-2:]
        endings = _AR if ending == "ar" else _ER_IR
        out.add(stem + ("ado" if ending == "ar" else "ido"))
        for form in forms:
            form = form.lower()
            if form.startswith(lemma) or not form.isalpha():
                continue  # an infinitive, a future, a conditional, a clitic-bound infinitive
            if form.endswith(endings) and not _NOT_PAST.search(form):
                out.add(form)
    elif language == "en":
        base = {lemma, lemma + "s", lemma + "es", lemma[:-1] + "ies"}
        for form in forms:
            form = form.lower()
            if (form in base or form.endswith(("ing", "s")) or len(form) < 3
                    or lemma.startswith(form) or form in _EN_ODD
                    or not form.replace("-", "").isalpha()):
                continue
            out.add(form)
        if not out:  # not in the dictionary (a brand's verb: "zoom", "facetime")
            out.add(lemma + ("d" if lemma.endswith("e") else "ed"))
    else:  # no tense rules for this language: every form but those built on the infinitive
        out.update(f.lower() for f in forms if not f.lower().startswith(lemma) and f.isalpha())
    return tuple(sorted({fold(f) for f in out}))


@lru_cache(maxsize=8)
def _inverse(language: str) -> dict[str, list[str]]:
    """Lemma -> forms, from simplemma's dictionary of ``language`` (about a second to build,
    once per process, only for a verb the shipped table lacks)."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    table: dict[str, list[str]] = {}
    for form, lemma in DefaultDictionaryFactory().get_dictionary(language).items():
        table.setdefault(str(lemma).lower(), []).append(str(form))
    return table


def dictionary_forms(lemma: str, language: str) -> tuple[str, ...]:
    """The reporting forms of ``lemma`` from the lemmatiser's dictionary (slow: see
    :func:`_inverse`); the lemma itself when the language or the library is missing."""
    try:
        forms = _inverse(language).get(lemma.lower(), [])
    except (ImportError, ValueError, OSError, KeyError):
        return (fold(lemma),)
    return reporting_forms(lemma, language, forms) or (fold(lemma),)


def forms(lemma: str, language: str) -> tuple[str, ...]:
    """The reporting forms of ``lemma`` in ``language``: shipped, else from the dictionary."""
    from vinculo.verb_forms import FORMS

    shipped = FORMS.get(language, {}).get(lemma)
    return shipped if shipped is not None else dictionary_forms(lemma, language)


def expand(phrase: str, language: str) -> str:
    """``phrase`` with each ``{lemma}`` replaced by an alternation of its reporting forms and
    each ``{@}`` by :data:`NAME`; a phrase without either is returned as it is."""
    if "{" not in phrase:
        return phrase
    out = _LEMMA.sub(lambda m: trie(forms(m[1].strip(), language)), phrase)
    return out.replace(_NAME_MARK, NAME)


def trie(words: tuple[str, ...] | list[str]) -> str:
    """One regular expression for ``words`` that shares their prefixes ("llame|llamo" →
    "llam(?:e|o)"): the engine turns a position down after a character or two instead of
    trying every word."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _pattern(root) or ""


def _pattern(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        body = f"(?:{body})?"
    return body


def used_lemmas() -> dict[str, set[str]]:
    """The ``{lemma}`` marks of the built-in vocabularies, per language."""
    from vinculo.default_plugins import vocab_en, vocab_es

    out: dict[str, set[str]] = {}
    for language, module in (("en", vocab_en), ("es", vocab_es)):
        phrases = [p for group in module.EVENTS.values() for p in group]
        phrases += list(module.INTENTS)
        phrases += [p for group in getattr(module, "DIRECTIONS", {}).values() for p in group]
        for phrase in phrases:
            out.setdefault(language, set()).update(m.strip() for m in _LEMMA.findall(phrase))
    return out


def write_table(path: str) -> None:
    """Write :mod:`vinculo.verb_forms` from the lemmatiser's dictionary."""
    lines = ['"""Reporting forms of the built-in vocabularies\' verbs (see vinculo.lemmas), from',
             "simplemma's dictionaries. Generated by ``python -m vinculo.lemmas``: do not edit.",
             '"""', "", "FORMS: dict[str, dict[str, tuple[str, ...]]] = {"]
    for language, lemmas in sorted(used_lemmas().items()):
        lines.append(f"    {language!r}: {{")
        for lemma in sorted(lemmas):
            lines.append(f"        {lemma!r}: {dictionary_forms(lemma, language)!r},")
        lines.append("    },")
    lines.append("}")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    import vinculo.verb_forms as _target

    write_table(sys.argv[1] if len(sys.argv) > 1 else str(_target.__file__))
