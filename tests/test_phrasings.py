"""How people write interactions: conjugations, the name between the verb and its object,
colloquial verbs, activities that are meetings; and what still counts for nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from vinculo.default_plugins.interactions.vocab import forms as verb_table

from vinculo import lemmas
from vinculo.config import load_config
from vinculo.hookspecs import hookimpl
from vinculo.model import Vocabulary
from vinculo.pipeline import build_index
from vinculo.plugin_host import get_plugin_manager
from vinculo.verb_forms import FORMS

TODAY = dt.date(2026, 11, 29)


def _read(vault: Path, write, line: str, pm=None) -> list[tuple[str, str]]:
    write("People/Marta Ruiz.md", "---\ntype: person\n---\n")
    write("Daily/2026-11-20.md", f"# Día\n\n{line}\n")
    index = build_index(vault, load_config(vault), pm or get_plugin_manager(), TODAY)
    return [(i.channel, i.direction) for i in index.histories["Marta Ruiz"].interactions]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Sent Marta Ruiz a message about the flat", ("message", "out")),
        ("Dropped Marta Ruiz a line", ("message", "out")),
        ("Gave Marta Ruiz a call on the way home", ("call", "out")),
        ("Had Marta Ruiz over for dinner", ("in_person", "both")),
        ("Caught up with Marta Ruiz over lunch", ("in_person", "both")),
        ("Caught up with Marta Ruiz on the phone", ("call", "both")),
        ("Played padel with Marta Ruiz after work", ("in_person", "both")),
        ("Hopped on a call with Marta Ruiz", ("call", "both")),
        ("Went hiking with Marta Ruiz", ("in_person", "both")),
        ("Dinner at Marta Ruiz's place", ("in_person", "both")),
        ("Marta Ruiz sent me the draft on WhatsApp", ("message", "in")),
        ("Almorcé con Marta Ruiz", ("in_person", "both")),
        ("Hemos almorzado con Marta Ruiz", ("in_person", "both")),
        ("Fuimos a tomar algo con Marta Ruiz", ("in_person", "both")),
        ("Chateé con Marta Ruiz", ("message", "both")),
        ("Intercambiamos mensajes con Marta Ruiz", ("message", "both")),
        ("Jugué al pádel con Marta Ruiz", ("in_person", "both")),
        ("Pasé la tarde con Marta Ruiz", ("in_person", "both")),
        ("Le mandé un audio a Marta Ruiz", ("message", "out")),
        ("Hablé con Marta Ruiz por WhatsApp", ("message", "both")),
        ("Marta Ruiz me respondió por correo", ("message", "both")),
        ("Finally got hold of Marta Ruiz on the phone", ("call", "out")),
        ("Bought **Marta Ruiz** a drink at the bar", ("in_person", "both")),
        ("Le invité a una caña a Marta Ruiz", ("in_person", "both")),
        ("Marta Ruiz had lunch with me", ("in_person", "both")),
    ],
)
def test_natural_phrasings_are_events(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        "Tried to call Marta Ruiz, no answer",
        "Tried calling Marta Ruiz twice",
        "Intenté llamar a Marta Ruiz",
        "Intenté quedar con Marta Ruiz, pero estaba fuera",
        "Didn't see Marta Ruiz at the party",
        "Al final no quedé con Marta Ruiz",
        "Marta Ruiz no me contestó",
        "Lunch with Marta Ruiz got cancelled",
        "Marta Ruiz canceló la cena",
        "Call with Marta Ruiz moved to Monday",
        "Almorzaremos con Marta Ruiz el lunes",
        "Si almorzáramos con Marta Ruiz, sería otra cosa",
        "Thinking of calling Marta Ruiz this weekend",
        "Me llamó la atención lo que dijo Marta Ruiz",
        "Marta Ruiz escribió un artículo sobre urbanismo",
        # someone else's event, with the contact as its subject
        "Marta Ruiz had lunch with the CEO",
        "Marta Ruiz comió con el director general",
        "Marta Ruiz met her husband in Lisbon",
        "The commander of the guards is called Marta Ruiz",
        "Scheduled a call with Marta Ruiz",
    ],
)
def test_intentions_attempts_negations_and_cancellations_count_for_nothing(vault, write, line):
    assert _read(vault, write, line) == []


def test_the_shipped_verb_forms_are_the_lemmatisers():
    """The table a run reads instead of loading a dictionary says what the dictionary says,
    for every verb the built-in vocabularies name."""
    used = verb_table.used_lemmas()
    assert {lang: set(table) for lang, table in FORMS.items()} == used
    for language, table in FORMS.items():
        for lemma, forms in table.items():
            assert forms == lemmas.dictionary_forms(lemma, language), (language, lemma)


def test_only_forms_that_report_something_done_are_kept():
    forms = lemmas.forms("almorzar", "es")
    assert {"almorce", "almorzamos", "almorzado", "almorzaba"} <= set(forms)
    assert not {"almorzar", "almorzare", "almorzaria", "almorzaramos", "almorzaran"} & set(forms)
    assert set(lemmas.forms("send", "en")) == {"sent"}


class Hugs:
    """A vocabulary naming a verb the shipped table does not have: read from the dictionary."""

    @hookimpl
    def register_vocabulary(self):
        return [Vocabulary("es", events={"in_person": (r"{besar} a",)})]


def test_a_plugins_verb_is_conjugated_from_the_dictionary(vault, write):
    pm = get_plugin_manager()
    assert _read(vault, write, "Ayer en la feria de abril besé a Marta Ruiz", pm) == []
    pm.register(Hugs(), name="hugs")
    assert _read(vault, write, "Ayer en la feria de abril besé a Marta Ruiz", pm) == [
        ("in_person", "both")]


class Growing:
    """A vocabulary plugin whose phrases change between runs (a new release of it)."""

    phrases: tuple[str, ...] = ()

    @hookimpl
    def register_vocabulary(self):
        return [Vocabulary("es", events={"in_person": self.phrases})]


def test_a_changed_vocabulary_rereads_the_notes(vault, write):
    """Analyses are cached per note; new phrases from the same plugin must still be read."""
    plugin = Growing()
    pm = get_plugin_manager()
    pm.register(plugin, name="growing")
    assert _read(vault, write, "Ayer en la feria de abril besé a Marta Ruiz", pm) == []
    plugin.phrases = (r"{besar} a",)
    assert _read(vault, write, "Ayer en la feria de abril besé a Marta Ruiz", pm) == [
        ("in_person", "both")]


class Hands:
    """A vocabulary naming verbs with a strong preterite: "dar" ("di", "dio", "dieron"),
    "estar" ("estuve")."""

    @hookimpl
    def register_vocabulary(self):
        return [Vocabulary("es", events={"social": (r"{dar} estrellitas a {@}",
                                                    r"{estar} reposteando a {@}")})]


@pytest.mark.parametrize(
    "line",
    ["Le di estrellitas a Marta Ruiz", "Hoy dimos estrellitas a Marta Ruiz",
     "Estuve reposteando a Marta Ruiz"],
)
def test_a_strong_preterite_is_read(vault, write, line):
    pm = get_plugin_manager()
    pm.register(Hands(), name="hands")
    assert [channel for channel, _ in _read(vault, write, line, pm)] == ["social"]


@pytest.mark.parametrize(
    "line",
    # a subjunctive ("dé", "esté") is no event; "de" is no form of "dar"
    ["Ojalá le dé estrellitas a Marta Ruiz", "Ojalá esté reposteando a Marta Ruiz",
     "Un paquete de estrellitas a Marta Ruiz"],
)
def test_a_strong_preterites_verb_has_no_subjunctive(vault, write, line):
    pm = get_plugin_manager()
    pm.register(Hands(), name="hands")
    assert _read(vault, write, line, pm) == []


class Escapes:
    """A vocabulary whose phrases use upper-case class escapes: ``\\W`` is "not a word
    character", and must stay so when the phrases are folded to lowercase."""

    @hookimpl
    def register_vocabulary(self):
        return [Vocabulary("en", events={"call": (r"wombled\W+with",)},
                           later=(r"after\W+the\W+harvest",))]


def test_a_plugins_event_phrase_keeps_its_class_escapes(vault, write):
    pm = get_plugin_manager()
    pm.register(Escapes(), name="escapes")
    assert _read(vault, write, "Wombled with Marta Ruiz about the lease", pm) == [("call", "both")]


def test_a_plugins_cue_keeps_its_class_escapes(vault, write):
    """A plugin's ``later`` phrase with ``\\W`` places the lunch after the note's day."""
    line = "Lunch with Marta Ruiz after the harvest"
    assert _read(vault, write, line) == [("in_person", "both")]
    pm = get_plugin_manager()
    pm.register(Escapes(), name="escapes")
    assert _read(vault, write, line, pm) == []


@pytest.mark.parametrize(
    ("pattern", "folded"),
    [(r"Llamé\W+a\S*", r"llame\W+a\S*"), (r"ÉL\b", r"el\b"), (r"a\\W", r"a\\w"),
     ("plain Words", "plain words")],
)
def test_a_pattern_is_folded_but_its_escapes_are_not(pattern, folded):
    from vinculo.text import fold_pattern

    assert fold_pattern(pattern) == folded
