"""The names in the sentences that report an event, as people write them: a name a word list
also counts as a word ("Ollie Brandt"), after a verb opening the sentence ("Gave Bernie a
bell", "Mandóme Anxo un correo"), after Spanish's article ("con la Flor", "me llamó el
Flaco"), joined to another name ("con Fer y Pilar"), after a brand made a verb
("WhatsApp'd Charlie"), and in lowercase where only a person can stand ("with maddie", "fez
dm'd me", "con la yese"). And the words that stay words: "rosa", "will", "mark the date"."""

from __future__ import annotations

import json

import pytest
from conftest import DAILY_NOTE as NOTE
from conftest import read_names_and_channels, write_people

PEOPLE = {
    "Ollie Brandt": "",
    "Bernadette Lowe": "aliases: [Bernie]",
    "Anxo Ferreiro": "",
    "Uxía Barreiro": "",
    "Florencia Bianchi": "aliases: [Flor]",
    "Rubén Olivera": "aliases: [Flaco]",
    "Washington Pereyra": "aliases: [Washi]",
    "Fernando Arrieta": "aliases: [Fer]",
    "Pilar Echevarría": "",
    "Carlos Mendoza": "aliases: [Charlie]",
    "Madison Rivera": "aliases: [Maddie]",
    "Jonah Ferreira": "aliases: [Fez]",
    "Valeria Szpilman": "aliases: [Vale]",
    "Yesenia Tapia": "aliases: [Yese]",
    "Tyler Nguyen": "",
    "Grant Wu": "",
    "Rosa Delgado": "",
    "Will Brown": "",
    "Mark Ochoa": "",
    "Sol Benítez": "aliases: [Sol]",
    "Bear King": "",
    "Ngozi Okoye": "",
    "Nicolás Ferraro": "aliases: [Nico]",
}


@pytest.fixture
def people(write):
    write_people(write, PEOPLE)


read = read_names_and_channels


def links(vault, text: str) -> list[tuple[str, object]]:
    return [(s, t) for s, t, level in read(vault, text)[0] if level == "link"]


# --- a name a word list counts as a word -------------------------------------------------


def test_a_name_of_words_a_dictionary_spells_only_capitalised_is_a_person(vault, people, run):
    # wordfreq counts "ollie" and "brandt" as frequent words; a case-keeping dictionary
    # spells them only capitalised: a person's name, with a first name, not an epithet
    path = vault / NOTE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("Zoom with Ollie and the label, 40 mins of spreadsheets.\n", encoding="utf-8")
    result = run("link", str(vault), "--json", "-q")
    assert result.exit_code == 0
    shown = [(m["text"], m["target"], m["level"]) for m in json.loads(result.output)["mentions"]]
    assert shown == [("Ollie", "Ollie Brandt", "link")]
    run("link", str(vault), "--apply", "-q")
    assert "Zoom with [[Ollie Brandt|Ollie]] and the label" in path.read_text(encoding="utf-8")


def test_a_name_of_everyday_words_is_still_an_epithet(vault, people):
    assert links(vault, "We met the Bear King. A bear ate it. The King left.") == [
        ("Bear King", "Bear King")]


# --- after a verb opening the sentence ---------------------------------------------------


def test_a_name_after_an_irregular_past_or_a_verb_with_its_pronoun_is_found(vault, people):
    assert links(vault, "Gave Bernie a bell on the drive home.") == [("Bernie", "Bernadette Lowe")]
    assert links(vault, "Mandóme Anxo un correo con fotos del puente.") == [
        ("Anxo", "Anxo Ferreiro")]
    assert links(vault, "Llamóme la Uxía desde Londres.") == [("Uxía", "Uxía Barreiro")]


def test_a_name_after_an_everyday_word_and_de_heading_the_sentence_is_found(vault, people):
    mentions, events = read(vault, "Despedida de Nico en casa, lloramos todos.")
    assert mentions == [("Nico", "Nicolás Ferraro", "link")]
    assert links(vault, "Plaza de la Nico, al lado del mercado.") == []  # a place's name


def test_a_word_that_is_no_verb_before_an_everyday_name_is_still_a_phrase(vault, people):
    assert links(vault, "Vault Bernie settings") == []
    assert links(vault, "Better Bernie than never") == []


def test_a_name_after_a_brand_made_a_verb_with_an_apostrophe(vault, people):
    assert links(vault, "WhatsApp'd Charlie the floor plan.") == [("Charlie", "Carlos Mendoza")]


# --- Spanish's article before a name ---------------------------------------------------------


def test_an_everyday_word_name_after_con_and_its_article_is_the_person(vault, people):
    mentions, events = read(vault, "Mates con la Flor en el balcón.")
    assert mentions == [("Flor", "Florencia Bianchi", "link")]
    assert events == [("Florencia Bianchi", "in_person")]
    assert links(vault, "Partida de truco con el Washi y el Flaco.") == [
        ("Washi", "Washington Pereyra"), ("Flaco", "Rubén Olivera")]
    assert links(vault, "Me llamó el Flaco desde Piriápolis.") == [("Flaco", "Rubén Olivera")]


def test_an_everyday_word_after_an_article_elsewhere_stays_a_word(vault, people):
    assert links(vault, "Salió el Sol por fin.") == []  # a name that is a word: the sun
    assert links(vault, "Compré una planta en la Flor de Lis.") == []  # a shop
    assert links(vault, "Tribe of the Flaco") == []


def test_a_name_joined_to_another_contact_by_y_is_a_list(vault, people):
    assert links(vault, "Claustro extraordinario con Fer y Pilar, salimos tarde.") == [
        ("Fer", "Fernando Arrieta"), ("Pilar", "Pilar Echevarría")]
    assert links(vault, "Ortega y Pilar publicaron un libro") == []  # no contact before "y"


# --- in lowercase, where only a person can stand -----------------------------------------


def test_a_lowercase_alias_after_a_companion_word_counts_never_as_a_link(vault, people):
    mentions, events = read(vault, "FaceTimed with maddie while we both did laundry")
    assert mentions == [("maddie", "Madison Rivera", "suggest")]
    assert events == [("Madison Rivera", "call")]
    mentions, events = read(vault, "Estuve al teléfono con la yese toda la tarde.")
    assert mentions == [("yese", "Yesenia Tapia", "suggest")]
    assert events == [("Yesenia Tapia", "call")]


def test_a_lowercase_name_after_a_companion_word_counts_without_an_event_phrase(vault, people):
    mentions, events = read(vault, "gym w/ ==tyler== leg day, can't walk")
    assert mentions == [("tyler", "Tyler Nguyen", "suggest")]
    assert events == [("Tyler Nguyen", "in_person")]
    _, events = read(vault, "had lunch with grant")  # a given name, also a word: its place
    assert events == [("Grant Wu", "in_person")]


def test_a_lowercase_alias_opening_the_clause_before_a_past_verb_is_its_subject(vault, people):
    mentions, events = read(vault, "fez dm'd me the setlist changes at 3am")
    assert mentions == [("fez", "Jonah Ferreira", "suggest")]
    assert events == [("Jonah Ferreira", "message")]
    mentions, events = read(vault, "La vale me clavó una videollamada a las 8.")
    assert mentions == [("vale", "Valeria Szpilman", "suggest")]
    assert events == [("Valeria Szpilman", "call")]


def test_a_companion_glued_to_a_lowercase_name_is_no_path(vault, people):
    mentions, events = read(vault, "call w/tyler about the gig")
    assert mentions == [("tyler", "Tyler Nguyen", "suggest")]
    assert events == [("Tyler Nguyen", "call")]
    assert read(vault, "see notes/w/tyler for the call") == ([], [])


def test_a_surname_opening_the_sentence_before_a_past_verb_counts_never_as_a_link(vault, people):
    mentions, events = read(vault, "Okoye messaged me on Canvas about my citation format")
    assert mentions == [("Okoye", "Ngozi Okoye", "suggest")]
    assert events == [("Ngozi Okoye", "message")]
    assert read(vault, "Okoye released a new theme") == ([], [])  # no event: no mention
    assert read(vault, "Okoye is in my seminar") == ([], [])


@pytest.mark.parametrize("text", [
    "Compré una camisa rosa para la cena con Ana.",  # the colour
    "Cené con rosa y luego volvimos",  # a name that is a word: never in lowercase
    "will call you tomorrow, had coffee first",
    "mark the date: coffee with the team",
    "called about the grant, then lunch",  # the word, not after a companion
    "Se tomó un café con leche y un fez de regalo",  # a hat, after no companion
    "a fez shared on the forum",  # after an article
])
def test_words_that_stay_words(vault, people, text):
    assert read(vault, text) == ([], [])


@pytest.mark.parametrize("text", [
    "Will you call me?",  # a sentence start: at most a suggestion, and a question
    "vale, quedamos mañana para cenar",  # "ok", a plan
])
def test_words_that_may_be_a_name_report_no_event(vault, people, text):
    mentions, events = read(vault, text)
    assert [m for m in mentions if m[2] == "link"] == [] and events == []
