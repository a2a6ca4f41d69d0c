"""Names as people write them in a hurry: in lowercase ("lunch w/ maría"), before an
abbreviation in capitals ("Olivia DM'd me"), after an uncommon verb opening the sentence
("Retweeted Jake's thread"). Each is found as the mention the interaction rests on; a
lowercase one is never a link."""

from __future__ import annotations

import json

import pytest
from conftest import DAILY_NOTE as NOTE
from conftest import read_daily_note, write_people

PEOPLE = {
    "María López": "",
    "Jorge Pérez": "",
    "Olivia Chen": "",
    "Jake Turner": "",
    "Encarnación Moreno": "aliases: [Encar]",
    "Luis Mora": "",
    "Luis Gil": "",
    "Will Brown": "",
    "Rajesh Patel": "aliases: [Raj]",
    "Fernanda Ruiz": "aliases: [Fer]",
    "Valeria Domínguez": "",
    "Concepción Barrera": "aliases: [Conchi]",
    "María de la Paz Romero": "aliases: [Maripaz]",
    "Steve Dunleavy": "",
    "Andrés Molina": "",
    "Señor del Reino de los Objetos Perdidos": "",
    "Beverley Thompson": "aliases: [Bev]",
}


@pytest.fixture
def people(write):
    write_people(write, PEOPLE)


def read(vault, text: str):
    """(mentions as (surface, target, level, reason), interactions as (contact, channel,
    confidence)) of one daily note holding ``text``."""
    mentions, events = read_daily_note(vault, text)
    return ([(m.surface, m.target or m.candidates, m.level, m.reason) for m in mentions],
            [(name, i.channel, i.confidence) for name, i in events])


# --- lowercase names -----------------------------------------------------------------------


@pytest.mark.parametrize("text, surface, contact, channel", [
    ("lunch w/ valeria at the market", "valeria", "Valeria Domínguez", "in_person"),
    ("called jorge about the flat", "jorge", "Jorge Pérez", "call"),
    ("Llamé a jorge por lo del piso", "jorge", "Jorge Pérez", "call"),
    ("encar comentó mi post de LinkedIn", "encar", "Encarnación Moreno", "social"),
    ("- 1:1 with raj, he wants to move teams", "raj", "Rajesh Patel", "in_person"),
    ("- [x] llamar a jorge", "jorge", "Jorge Pérez", "call"),
    ("lunch w/ ==valeria== at the market", "valeria", "Valeria Domínguez", "in_person"),
])
def test_a_lowercase_unique_name_is_a_mention_an_interaction_rests_on(
        vault, people, text, surface, contact, channel):
    mentions, events = read(vault, text)
    assert mentions == [(surface, contact, "suggest", "lowercase")]
    assert events == [(contact, channel, "suggest")]


@pytest.mark.parametrize("text", [
    "I will call you tomorrow",  # an everyday word, whoever is called Will
    "called luis yesterday",  # two contacts are called Luis
    "lunch with valeria josé today",  # a compound name: someone else
    "josé valeria called me",
    "called jorge Martínez about the flat",  # a longer name, half in capitals
    "sent the file to notes/jorge and valeria.md",  # paths and file names
    "called @jorge and jorge@ about it",  # handles
    "called the api with user=jorge",  # a key and its value
    "called jorge 3 times, no answer",  # a number beside it
    "- [ ] llamar a jorge",  # a task not done
    "had lunch under the raj statue",  # (the word list's "raj") after an article
    "Al final del día, nos reunimos con el cazador",  # a particle, the first word of a title
])
def test_a_lowercase_word_that_may_mean_something_else_is_no_mention(vault, people, text):
    mentions, events = read(vault, text)
    assert [m for m in mentions if m[3] == "lowercase"] == []
    assert events == []


@pytest.mark.parametrize("text", [
    "the jorge framework is nice",  # no event: a product, a word, a handle
    "need to call jorge next week",  # a plan
    "called Ana. the jorge plugin works",  # the event is another clause's
])
def test_a_lowercase_name_outside_a_clause_reporting_an_event_is_no_mention(vault, people, text):
    mentions, events = read(vault, text)
    assert [m for m in mentions if m[3] == "lowercase"] == []
    assert [e for e in events if e[0] == "Jorge Pérez"] == []


def test_link_apply_never_writes_a_lowercase_name(vault, people, run):
    text = "# 2026-11-20\n\ncalled jorge about the flat\n"
    (vault / "Daily").mkdir()
    (vault / NOTE).write_text(text, encoding="utf-8")
    listed = json.loads(run("link", str(vault), "--json").output)
    assert [(m["text"], m["level"], m["reason"]) for m in listed["mentions"]] == [
        ("jorge", "suggest", "lowercase")]
    result = run("link", str(vault), "--apply")
    assert result.exit_code == 0, result.output
    assert (vault / NOTE).read_text(encoding="utf-8") == text


# --- a name before an abbreviation, after an uncommon verb ---------------------------------


@pytest.mark.parametrize("text, surface, contact", [
    ("Olivia DM'd me on Instagram", "Olivia", "Olivia Chen"),
    ("Jake RSVP'd to the dinner", "Jake", "Jake Turner"),
    ("Olivia BTW called about the trip", "Olivia", "Olivia Chen"),
    ("Retweeted Jake's thread on climbing gear", "Jake", "Jake Turner"),
    ("Pinging Olivia about the trip went fine", "Olivia", "Olivia Chen"),
    ("DM'd Jake to ask about the demo", "Jake", "Jake Turner"),
    ("RT'd Jake's call for speakers", "Jake", "Jake Turner"),
    ("DMed Jake about the demo", "Jake", "Jake Turner"),
    ("Whatsapped Olivia from the train", "Olivia", "Olivia Chen"),
    ("Snapchatted Jake a pic of the quiz", "Jake", "Jake Turner"),
    ("Chatted with Coach Steve on the sideline", "Steve", "Steve Dunleavy"),
])
def test_a_name_next_to_an_abbreviation_or_an_uncommon_verb_is_found(
        vault, people, text, surface, contact):
    mentions, _ = read(vault, text)
    assert (surface, contact, "link", "first_name") in mentions


@pytest.mark.parametrize("text", [
    "Olivia DUPONT called",  # a surname in capitals: another Olivia
    "Rasheed Jake came by",  # an "-ed" word the dictionary does not know: a given name
    "Mohamed Jake came by",
    "Naveed Jake came by",  # an "-eed" given name whose stem is a word
])
def test_a_capitalised_word_that_may_be_a_name_still_makes_someone_else(vault, people, text):
    mentions, _ = read(vault, text)
    assert [m for m in mentions if m[2] == "link"] == []


def test_a_brand_made_a_verb_is_no_surname(vault, people):
    mentions, _ = read(vault, "Bev FaceTimed me from the airport")
    assert ("Bev", "Beverley Thompson", "link", "alias") in mentions
    mentions, _ = read(vault, "Bev McDonald phoned")  # inner capitals, no verb: a surname
    assert [m for m in mentions if m[2] == "link"] == []


def test_two_names_joined_by_a_conjunction_are_a_list_even_as_aliases(vault, people):
    mentions, _ = read(vault, "Tacos con Fer y Valeria saliendo del coworking")
    assert [(m[0], m[2]) for m in mentions] == [("Fer", "link"), ("Valeria", "link")]
    mentions, _ = read(vault, "Cañas con Conchi y Maripaz en la Alameda")
    assert [(m[0], m[2]) for m in mentions] == [("Conchi", "link"), ("Maripaz", "link")]


def test_a_particle_of_a_contacts_name_opening_a_sentence_is_no_given_name(vault, people):
    # "la" is a word of "María de la Paz Romero", not a name: "La Conchi" is Conchi
    mentions, _ = read(vault, "La Conchi me contestó al mensaje por fin")
    assert ("Conchi", "Concepción Barrera", "link", "alias") in mentions


def test_a_lowercase_title_after_an_article_introduces_a_surname(vault, people):
    mentions, _ = read(vault, "Pediatra: el doctor Molina le ha visto los oídos a Martín")
    assert ("doctor Molina", "Andrés Molina", "link", "title") in mentions
    mentions, _ = read(vault, "a doctor Molina would say no")  # no article: not a title
    assert [m for m in mentions if m[2] == "link"] == []


# --- a given name that is also a word ------------------------------------------------------


def test_a_name_a_dictionary_spells_in_lowercase_opening_a_sentence_before_a_number_is_the_word(
        vault, write):
    write("People/Max.md", "---\ntype: person\n---\nAbout Max.\n")
    text = ('Deploy failed: "Maximum number of routes exceeded. Max is 2048, received 2054."\n\n'
            "- Retry logic: Max 20 retries with backoff\n\n"
            "Max called me about the deploy. Lunch with Max 2 days later.\n")
    mentions, _ = read(vault, text)
    assert [(m[0], m[2]) for m in mentions] == [("Max", "link"), ("Max", "link")]


def test_a_name_that_is_also_a_word_is_no_lowercase_mention(vault, write):
    write("People/Max Kless.md", "---\ntype: person\n---\n")
    write("People/Grant Wu.md", "---\ntype: person\n---\n")
    mentions, events = read(vault, "called max about the grant, then lunch")
    assert mentions == [] and events == []
    # right after a companion word only a person stands: "with grant" is Grant
    # (tests/test_linking_event_names.py)
    mentions, events = read(vault, "had lunch with grant")
    assert mentions == [("grant", "Grant Wu", "suggest", "lowercase")]


def test_a_given_name_whose_note_is_named_in_lowercase_counts_in_an_event_never_as_a_link(
        vault, write, run):
    # A vault that names people's notes in lowercase ("victor.md"): "Victor" is written with
    # other capitals than the title, and "victor" is also a word, so it is never linked; in a
    # clause that reports an event it is the mention the interaction rests on.
    write("People/victor.md", "# Victor\n")
    write("People/name.md", "# An account called name\n")
    write("vinculo.toml", '[folders]\npeople = "People"\n')
    mentions, events = read(vault, "1:1 with Victor about the roadmap")
    assert mentions == [("Victor", "victor", "suggest", "other_case")]
    assert events == [("victor", "in_person", "suggest")]
    mentions, events = read(vault, "Victor said the plan is fine")  # no event: no mention
    assert mentions == [] and events == []
    mentions, events = read(vault, "Met Name at the desk")  # "name" is no given name
    assert mentions == [] and events == []
    before = (vault / NOTE).read_bytes()
    assert run("link", str(vault), "--apply").exit_code == 0
    assert (vault / NOTE).read_bytes() == before
