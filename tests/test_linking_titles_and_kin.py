"""Names in event sentences as people write them: titles and honorifics as they are written
(a profession, "Doc", "Pastor"; abbreviated and in lowercase, "dr.", "doña"; after the name,
"Iyer sir", "Sharma-ji"), the first of two surnames ("la señora Mamani"), kinship and
endearment before a name ("Aunty Bisi", "mi tía carmencita"), two people joined with an
article ("con Diego y la Paty"), a name without its accent ("Rocio"), a verb made of an
abbreviation ("Txted") or a channel ("WhatsApp KK"), and a surname or a lowercase name where a
party to the clause stands. And what stays a word: a title ending a sentence, a lowercase
profession with no article, a surname pair with a typo and no title."""

from __future__ import annotations

import pytest
from conftest import read_names_and_channels, write_people

PEOPLE = {
    "Erik Nygaard": "",
    "Jim Mueller": "",
    "Linda Hollis": "",
    "Karim Haddad": "",
    "Justina Mamani Quispe": "",
    "Ravi Iyer": "",
    "Anil Sharma": "",
    "Bisi Adeyemi": "",
    "Carmen Elena Briceño": "aliases: [Carmencita]",
    "Diego Salazar": "",
    "Patricia Andrango": "aliases: [Paty]",
    "Renzo Huamán": "",
    "Rocío Salcedo": "",
    "Hamish Tait": "",
    "Kenneth Ho": "aliases: [KK]",
    "Dave Schroeder": "",
    "Pádraig Walsh": "aliases: [Paddy]",
    "Madison Rivera": "aliases: [Maddie]",
    "José Martínez": "aliases: [Chepe]",
    "Chidi Okafor": "",
    "Ramón Figueroa": "",
    "Kofi Boateng": "",
    "Pieter van der Merwe": "",
}


@pytest.fixture
def people(write):
    write_people(write, PEOPLE)


read = read_names_and_channels


# --- titles and honorifics as they are written -------------------------------------------


@pytest.mark.parametrize(("text", "surface", "contact", "channel"), [
    ("Pastor Nygaard stopped by the barn after chores, stayed for pie",
     "Pastor Nygaard", "Erik Nygaard", "in_person"),
    ("Emailed Doc Mueller the herd records for the vet check",
     "Doc Mueller", "Jim Mueller", "message"),
    ("Principal Hollis emailed about the eligibility list",
     "Principal Hollis", "Linda Hollis", "message"),
    ("Engr. Okafor called me about the deploy", "Engr. Okafor", "Chidi Okafor", "call"),
])
def test_a_profession_before_a_surname_is_a_title(vault, people, text, surface, contact,
                                                    channel):
    mentions, events = read(vault, text)
    assert (surface, contact, "link") in mentions
    assert (contact, channel) in events


@pytest.mark.parametrize(("text", "surface", "contact"), [
    ("Talked to dr. Haddad about the rota", "dr. Haddad", "Karim Haddad"),
    ("Talked to dr Haddad about the rota", "dr Haddad", "Karim Haddad"),
    ("Hablé con doña Quispe en el mercado", "doña Quispe", "Justina Mamani Quispe"),
    ("Le vendí papa a mi comadre Quispe y charlamos un rato", "comadre Quispe",
     "Justina Mamani Quispe"),
])
def test_a_title_in_lowercase_abbreviated_or_as_spanish_writes_it(vault, people, text,
                                                                 surface, contact):
    mentions, events = read(vault, text)
    assert (surface, contact, "link") in mentions
    assert any(name == contact for name, _ in events)


def test_the_first_of_two_surnames_names_the_person(vault, people):
    # Spanish and Andean usage calls Justina Mamani Quispe "la señora Mamani"
    mentions, events = read(vault, "Almorcé con la señora Mamani en la feria")
    assert ("señora Mamani", "Justina Mamani Quispe", "link") in mentions
    assert events == [("Justina Mamani Quispe", "in_person")]
    mentions, _ = read(vault, "Llamé a la señora Mamani Quispe")
    assert ("señora Mamani Quispe", "Justina Mamani Quispe", "link") in mentions


@pytest.mark.parametrize(("text", "surface", "contact"), [
    ("Called Iyer sir about the demo, he liked it", "Iyer", "Ravi Iyer"),
    ("Iyer Sir called me about the demo", "Iyer", "Ravi Iyer"),
    ("Sharma-ji called me back in the evening", "Sharma", "Anil Sharma"),
])
def test_an_honorific_after_the_surname(vault, people, text, surface, contact):
    mentions, events = read(vault, text)
    assert (surface, contact, "link") in mentions
    assert [name for name, _ in events] == [contact]


def test_kinship_before_a_first_name(vault, people):
    mentions, events = read(vault, "Aunty Bisi called me to check on the twins")
    assert ("Bisi", "Bisi Adeyemi", "link") in mentions
    assert events == [("Bisi Adeyemi", "call")]
    # in lowercase a nickname is still only a suggestion, found after its kinship word
    mentions, events = read(vault, "Mi tía carmencita me mandó un audio de 8 minutos")
    assert mentions == [("carmencita", "Carmen Elena Briceño", "suggest")]
    assert events == [("Carmen Elena Briceño", "message")]


def test_a_lowercase_surname_after_its_title_is_a_suggestion(vault, people):
    mentions, events = read(vault, "Talked to doña quispe at the market stall")
    assert mentions == [("quispe", "Justina Mamani Quispe", "suggest")]
    assert events == [("Justina Mamani Quispe", "in_person")]


# --- two people, a name without its accent ------------------------------------------------


def test_two_names_joined_with_an_article_are_two_people(vault, people):
    mentions, events = read(vault, "Tomamos un canelazo con Diego y la Paty en La Ronda")
    assert ("Diego", "Diego Salazar", "link") in mentions
    assert ("Paty", "Patricia Andrango", "link") in mentions
    assert [name for name, _ in events] == ["Diego Salazar", "Patricia Andrango"]


def test_a_name_that_is_also_a_word_without_its_accent(vault, people):
    # "Rocío" is also a word ("dew"): written as the contact writes it, accent aside, it is her
    mentions, events = read(vault, "Fuimos por unas chelas con Renzo y Rocio a Barranco")
    assert ("Rocio", "Rocío Salcedo", "link") in mentions
    assert ("Renzo", "Renzo Huamán", "link") in mentions
    assert len(events) == 2


# --- verbs opening the sentence, a party to the clause ---------------------------------


@pytest.mark.parametrize(("text", "surface", "contact"), [
    ("Txted Hamish to cover my 6pm passage", "Hamish", "Hamish Tait"),
    ("- [x] WhatsApp KK happy birthday", "KK", "Kenneth Ho"),
    ("Comenté en el post de Chepe del Salvador vs México", "Chepe", "José Martínez"),
])
def test_a_name_after_a_verb_or_a_nickname_before_a_place(vault, people, text, surface,
                                                         contact):
    mentions, events = read(vault, text)
    assert (surface, contact, "link") in mentions
    assert [name for name, _ in events] == [contact]


@pytest.mark.parametrize(("text", "surface", "contact"), [
    ("Helped Schroeder pull his truck outta the ditch", "Schroeder", "Dave Schroeder"),
    ("Okafor rang me about the deploy", "Okafor", "Chidi Okafor"),
    ("Met paddy for a walk on the pier", "paddy", "Pádraig Walsh"),
    ("pregame at maddie's before the game", "maddie", "Madison Rivera"),
])
def test_a_party_to_the_clause_is_a_suggestion(vault, people, text, surface, contact):
    mentions, events = read(vault, text)
    assert mentions == [(surface, contact, "suggest")]
    assert [name for name, _ in events] == [contact]


# --- what stays a word ---------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "The report was fine in general. Haddad and the board are another matter",
    "Worked out the budget as deputy Hollis would have wanted",
    "Visité el hospital Ramón y Cajal",
    "Read the paper by Mamani Quispi on soils",
    "Okafor released a new theme",
    "Nana Boateng called me about the funeral",  # Nana, kinship or a given name: not Kofi
])
def test_no_link_where_a_title_or_name_is_not_one(vault, people, text):
    mentions, _ = read(vault, text)
    assert [m for m in mentions if m[2] == "link"] == []


# --- a title says which word of a name follows it -----------------------------------------

# One word that is a given name of one contact and the surname of another.
NAMESAKES = {"Grant Wu": "", "Oliver Grant": "", "Martín Lozano": "", "Pablo Martín": ""}


@pytest.fixture
def namesakes(write):
    for name, extra in NAMESAKES.items():
        write(f"People/{name}.md", f"---\ntype: person\n{extra}\n---\nAbout them.\n")


@pytest.mark.parametrize(("text", "surface", "contact"), [
    ("Mr. Grant called about the lease", "Mr. Grant", "Oliver Grant"),
    ("Called Mr Grant about the lease", "Mr Grant", "Oliver Grant"),
    ("Had coffee with Ms. Grant after the meeting", "Ms. Grant", "Oliver Grant"),
    ("Dr. Grant called me about the results", "Dr. Grant", "Oliver Grant"),
    ("Judge Grant called me back", "Judge Grant", "Oliver Grant"),
    ("Hablé con el Sr. Martín en la plaza", "Sr. Martín", "Pablo Martín"),
    ("Hablé con el señor Martín en la plaza", "señor Martín", "Pablo Martín"),
])
def test_after_a_title_that_calls_for_a_surname_the_surname_wins(vault, namesakes, text,
                                                                  surface, contact):
    mentions, events = read(vault, text)
    assert mentions == [(surface, contact, "link")]
    assert [name for name, _ in events] == [contact]


@pytest.mark.parametrize(("text", "surface", "contact"), [
    ("Grant called me about the lease", "Grant", "Grant Wu"),
    ("Hablé con don Martín en la plaza", "Martín", "Martín Lozano"),
    ("Llamé al doctor Martín por los análisis", "Martín", "Martín Lozano"),
    ("Comí con el profe Martín", "Martín", "Martín Lozano"),
    ("Mi tío Martín me llamó", "Martín", "Martín Lozano"),
])
def test_a_given_name_stays_where_the_title_calls_for_one(vault, namesakes, text, surface,
                                                           contact):
    # Spanish writes given names after "don", "doctor", "profe" and kinship
    mentions, _ = read(vault, text)
    assert [(s, c, level) for s, c, level in mentions if c == contact] == \
        [(surface, contact, "link")]


# --- a role word in a contact's own title --------------------------------------------------


@pytest.mark.parametrize("title", ["Pastor Erik Nygaard", "Imam Erik Nygaard"])
def test_a_role_before_a_contacts_first_name_is_no_first_name(write, vault, title):
    write_people(write, {title: ""})
    mentions, events = read(vault, "Erik stopped by the barn after chores, stayed for pie")
    assert mentions == [("Erik", title, "link")]
    assert events == [(title, "in_person")]
    role = title.split()[0]
    mentions, _ = read(vault, f"{role} came by the barn after chores")
    assert [m for m in mentions if m[2] == "link"] == []


@pytest.mark.parametrize(("title", "text", "surface"), [
    ("Pastor", "Pastor stopped by the barn after chores", "Pastor"),  # a role word alone
    ("Pastor Ruiz", "Pastor stopped by the barn after chores", "Pastor"),  # no name after
    ("Ama Boateng", "Ama stopped by the barn after chores", "Ama"),
    ("Inge Marie Hansen", "Inge stopped by the barn after chores", "Inge"),  # "inge" is a role
])
def test_a_given_name_that_may_be_a_role_stays_a_name(write, vault, title, text, surface):
    write_people(write, {title: ""})
    mentions, _ = read(vault, text)
    assert (surface, title) in [(s, c) for s, c, _ in mentions]
