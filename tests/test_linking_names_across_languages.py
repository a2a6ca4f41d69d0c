"""Names as people of several languages write them: a brand used as a verb right after a
given name ("Shawna WhatsApp me"), a name of everyday words of two languages ("Sonny
Fontaine"), a title that is also a given name ("Earl Pettigrew", "Reina Zelaya"), a surname
a dictionary spells only capitalised ("Lowe emailed me"), titles of Catalan, Aragonese and
Paraguayan Spanish ("mosén", "Karai"), a Guaraní postposition after a hyphen ("Nilda-pe"),
an honorific glued to a surname ("Mehtaji"), a title before a surname two contacts share,
a day before a given name ("On Friday Tom called"), and honorifics after a name as India and
Japan write them ("Verma uncle", "Sourav-da", "Tanaka sensei", "Yuki-chan"). A given name
after Spanish "del" names a place or a devotion ("la plaza del Pilar"). And the guards: surnames with an inner capital, an epithet of one language's words,
a known given name before a verb-like word, given names ending like a glued honorific."""

from __future__ import annotations

import pytest
from conftest import read_names_and_channels, write_people

PEOPLE = {
    "Shawna Reid": "",
    "Ana Lopez": "",
    "Sonny Fontaine": "",
    "Dusty Hammer": "",
    "Earl Pettigrew": "",
    "Reina Zelaya": "",
    "Gareth Lowe": "",
    "Ramón Villalba": "",
    "Jorge Sanz": "",
    "Nilda Gómez": "",
    "Marta Pol": "",
    "Arun Mehta": "",
    "Ken Adams": "",
    "Anil Sharma": "",
    "Priya Sharma": "",
    "Tom Ellery": "",
    "Theresa Clark": "",
    "Sourav Ghosh": "",
    "Yuki Mori": "",
    "Hiro Tanaka": "",
    "Sunil Verma": "",
    "Wendy Smith": "",
    "David Levi": "",
    "Bertrand Poirier": "",
    "Pilar Ortiz": "",
}


@pytest.fixture
def people(write):
    write_people(write, PEOPLE)


read = read_names_and_channels


@pytest.mark.parametrize(("text", "contact", "channel"), [
    ("Shawna WhatsApp me the address for the party", "Shawna Reid", "message"),
    ("Shawna FaceTime mi from the bus", "Shawna Reid", "call"),
])
def test_a_brand_used_as_a_verb_after_a_given_name_is_no_surname(vault, people, text, contact,
                                                                 channel):
    mentions, events = read(vault, text)
    assert mentions == [("Shawna", contact, "link")]
    assert events == [(contact, channel)]


@pytest.mark.parametrize("text", [
    "Ana McDonald called me about the lease",
    "Ana LeBlanc called me about the lease",
    "Ana DeLuca called me about the lease",
])
def test_a_surname_with_an_inner_capital_is_still_someone_else(vault, people, text):
    mentions, _ = read(vault, text)
    assert mentions == []


def test_everyday_words_of_two_languages_are_a_persons_name(vault, people):
    # "sonny" is an English word, "fontaine" a French one: no epithet, Sonny is a first name
    mentions, events = read(vault, "Had lunch with Sonny at the pier")
    assert mentions == [("Sonny", "Sonny Fontaine", "link")]
    assert events == [("Sonny Fontaine", "in_person")]
    mentions, events = read(vault, "Sonny called me about the boat")
    assert mentions == [("Sonny", "Sonny Fontaine", "suggest")]
    assert events == [("Sonny Fontaine", "call")]


def test_everyday_words_of_one_language_stay_an_epithet(vault, people):
    # "Dusty Hammer" reads as a phrase of English words, as "Bear King" does
    mentions, _ = read(vault, "Had lunch with Dusty at the pier")
    assert mentions == []


def test_a_title_that_is_a_given_name_before_a_surname(vault, people):
    mentions, events = read(vault, "Earl called me about the fence")
    assert mentions == [("Earl", "Earl Pettigrew", "suggest")]
    assert events == [("Earl Pettigrew", "call")]
    mentions, _ = read(vault, "Earl Pettigrew came by the shop. Later Earl called about the fence")
    assert mentions == [("Earl Pettigrew", "Earl Pettigrew", "link"),
                        ("Earl", "Earl Pettigrew", "link")]
    mentions, events = read(vault, "Le escribí a Reina por la tarde")
    assert mentions == [("Reina", "Reina Zelaya", "suggest")]
    assert events == [("Reina Zelaya", "message")]


@pytest.mark.parametrize("title", ["Queen Bjornhild", "Reina Isabel"])
def test_a_title_before_a_name_stays_a_title(write, vault, title):
    write_people(write, {title: ""})
    word = title.split()[0]
    mentions, _ = read(vault, f"Had lunch with {word} at the pier")
    assert mentions == []


def test_a_surname_a_dictionary_spells_capitalised_is_a_party(vault, people):
    # "lowe" is counted as a word by frequency tables; a dictionary writes it only as a name
    mentions, events = read(vault, "Lowe emailed me the invoice")
    assert mentions == [("Lowe", "Gareth Lowe", "suggest")]
    assert events == [("Gareth Lowe", "message")]
    mentions, _ = read(vault, "Lowe released a new album")
    assert mentions == []


@pytest.mark.parametrize(("text", "surface", "contact"), [
    ("Karai Villalba me llamó a la mañana", "Karai Villalba", "Ramón Villalba"),
    ("Me encontré al mosén Sanz en la plaza", "mosén Sanz", "Jorge Sanz"),
])
def test_titles_of_catalan_aragonese_and_paraguayan_spanish(vault, people, text, surface,
                                                            contact):
    mentions, events = read(vault, text)
    assert mentions == [(surface, contact, "link")]
    assert [name for name, _ in events] == [contact]


def test_a_guarani_postposition_after_a_hyphen_ends_the_name(vault, people):
    mentions, _ = read(vault, "Ahenói Nilda-pe ko pyhareve")
    assert mentions == [("Nilda", "Nilda Gómez", "link")]
    mentions, _ = read(vault, "Nilda-Marie called me")  # a compound name: someone else
    assert mentions == []
    mentions, _ = read(vault, "Noemí Pol vino a casa")  # a given name first: someone else
    assert mentions == []


def test_an_honorific_glued_to_a_surname(vault, people):
    mentions, events = read(vault, "Mehtaji called me back in the evening")
    assert mentions == [("Mehtaji", "Arun Mehta", "link")]
    assert events == [("Arun Mehta", "call")]
    mentions, _ = read(vault, "Kenji called me back")  # a given name of its own
    assert mentions == []


def test_a_title_before_a_surname_two_contacts_share_is_a_suggestion(vault, people):
    mentions, events = read(vault, "Dr. Sharma called me about the results")
    assert [(s, set(c), level) for s, c, level in mentions] == \
        [("Dr. Sharma", {"Anil Sharma", "Priya Sharma"}, "suggest")]
    assert events == []
    # where no event is reported it is no one's ("a patient, Mr Smith" in a guide)
    mentions, _ = read(vault, "The patient, Mr Sharma, owns his records")
    assert mentions == []


@pytest.mark.parametrize(("text", "channel"), [
    ("On Friday Tom called me about the rent", "call"),
    ("Then on Thurs Tom rang about the rent", "call"),
    ("After Christmas Tom came round for a drink", "in_person"),
])
def test_a_day_before_a_given_name_is_when_not_a_name(vault, people, text, channel):
    mentions, events = read(vault, text)
    assert mentions == [("Tom", "Tom Ellery", "link")]
    assert events == [("Tom Ellery", channel)]


@pytest.mark.parametrize("text", [
    "Met Theresa March at the conference",  # a month that is a surname too
    "Met Tom Jan at the pub",  # and a given name
    "In May Tom Jan called me",
    "F/U with Tom Thurs after the debrief",  # after the name a day is as often a plan
])
def test_a_month_that_is_also_a_name_is_still_someone_else(vault, people, text):
    mentions, _ = read(vault, text)
    assert mentions == []


@pytest.mark.parametrize(("text", "surface", "contact"), [
    ("Verma uncle called me about the plot", "Verma", "Sunil Verma"),
    ("Tanaka sensei emailed me the results", "Tanaka", "Hiro Tanaka"),
    ("Called Sourav-da about the puja", "Sourav", "Sourav Ghosh"),
    ("Yuki-chan texted me after the match", "Yuki", "Yuki Mori"),
])
def test_honorifics_after_a_name_as_india_and_japan_write_them(vault, people, text, surface,
                                                               contact):
    mentions, events = read(vault, text)
    assert mentions == [(surface, contact, "link")]
    assert [name for name, _ in events] == [contact]


@pytest.mark.parametrize("text", [
    "Had lunch with Wendy Chan from accounts",  # a surname after a space
    "Had lunch with David Ben-Ami from accounts",  # a particle of a name
    "Met Bertrand da Cunha at the fair",
])
def test_a_suffix_written_only_after_a_hyphen_is_a_name_after_a_space(vault, people, text):
    mentions, _ = read(vault, text)
    assert mentions == []


def test_a_given_name_after_spanish_del_names_a_place(vault, people):
    mentions, events = read(vault, "Me encontré al mosén Sanz en la plaza del Pilar")
    assert mentions == [("mosén Sanz", "Jorge Sanz", "link")]
    assert events == [("Jorge Sanz", "in_person")]
    # "de Pilar", "con Pilar": her
    mentions, _ = read(vault, "Comí con Pilar en la calle del Carmen, luego fui a casa de Pilar")
    assert mentions == [("Pilar", "Pilar Ortiz", "link"), ("Pilar", "Pilar Ortiz", "link")]
