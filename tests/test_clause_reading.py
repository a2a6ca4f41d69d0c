"""The reading of a clause that holds on sentences nobody listed: who takes part (a party, a
companion, or only the topic), and the mood and tense that make a sentence about a contact
count for nothing (almost, a habit, a condition, an arrangement, a draft, a failure told after
a dash). Every sentence here is written for this file, none copied from a corpus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from vinculo.config import load_config
from vinculo.hookspecs import hookimpl
from vinculo.model import Vocabulary
from vinculo.pipeline import build_index
from vinculo.plugin_host import get_plugin_manager

TODAY = dt.date(2026, 11, 29)


def _read(vault: Path, write, line: str, pm=None) -> list[tuple[str, str]]:
    """The (channel, direction) of Marta's interactions read from ``line`` alone in a daily
    note (Luis Gómez is another contact)."""
    write("People/Marta Ruiz.md", "---\ntype: person\n---\n")
    write("People/Luis Gómez.md", "---\ntype: person\n---\n")
    write("Daily/2026-11-20.md", f"# Día\n\n{line}\n")
    index = build_index(vault, load_config(vault), pm or get_plugin_manager(), TODAY)
    return [(i.channel, i.direction) for i in index.histories["Marta Ruiz"].interactions]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a companion of something I did, with no event phrase for it
        ("Fixed the old bike with Marta Ruiz in the garage", ("in_person", "both")),
        ("Had a long word with Marta Ruiz after the rehearsal", ("in_person", "both")),
        ("Estuve toda la mañana con Marta Ruiz montando la estantería", ("in_person", "both")),
        ("Repasé las cuentas con Marta Ruiz en su despacho", ("in_person", "both")),
        # a verbless diary entry with a companion; the medium it names, else in person
        ("Sprint retro w/ Marta Ruiz, sticky notes everywhere", ("in_person", "both")),
        ("Board games with Luis Gómez and Marta Ruiz", ("in_person", "both")),
        ("Tardeo con la Marta Ruiz en la plaza", ("in_person", "both")),
        ("Estaba con Marta Ruiz cuando empezó a llover", ("in_person", "both")),
        ("Video session with Marta Ruiz about the thesis outline", ("call", "both")),
        # a habit's words that say it happened today too
        ("Café con Marta Ruiz, como todos los martes", ("in_person", "both")),
        # Spanish perfect tenses of any verb a vocabulary names by lemma
        ("Marta Ruiz me ha escrito por Signal", ("message", "in")),
        ("Marta Ruiz nos ha devuelto la llamada", ("call", "both")),
        # a possessive before a thing is no other party
        ("Marta Ruiz sent over her slides before the workshop", ("message", "in")),
        ("Postcard from Marta Ruiz, all the way from Lisbon", ("message", "in")),
        # the writer with someone, a given name joined to "y yo"
        ("Lucas y yo fuimos a casa de Marta Ruiz", ("in_person", "both")),
        # a name that is also a word of mood is no mood
        ("Hope y yo comimos con Marta Ruiz", ("in_person", "both")),
    ],
)
def test_events_read_from_the_clause(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        # the contact is what the clause is about, not a party to it
        "Emailed the landlord about Marta Ruiz",
        "Hablé de Marta Ruiz con mi hermana",
        "Drafted a proposal regarding Marta Ruiz for the board",
        "Le pregunté por Marta Ruiz a su vecina",
        # something of theirs passed on to someone else
        "Sent Marta Ruiz's portfolio to the agency",
        "Reenvié el CV de Marta Ruiz a la gestoría",
        # a companion, but of someone else, or no time spent together
        "Ben fixed the old bike with Marta Ruiz",
        "Agreed with Marta Ruiz on the budget",
        "Frustrated with Marta Ruiz again",
        "Cenar con Marta Ruiz para hablar del viaje",
        "Con Marta Ruiz siempre íbamos al cine",
        # someone else opens the clause
        "Lucas ha ido a casa de Marta Ruiz a jugar",
        "Noah went over to Marta Ruiz's place",
        "Marta Ruiz called her brother about the car",
        "Luis Gómez carries a letter from Marta Ruiz to the harbour",
        # a question, however it is closed
        "[question:: Lunch with Marta Ruiz on Friday?]",
        "Where did the ferry land with Marta Ruiz on board",
        "[question:: What did the guard do with Marta Ruiz — and where is she now?]",
        # almost, a habit, a condition
        "Almost texted Marta Ruiz last night",
        "Casi llamo a Marta Ruiz al salir",
        "We usually grab lunch with Marta Ruiz on Fridays",
        "Solemos cenar con Marta Ruiz",
        "Cenaba con Marta Ruiz los jueves",
        "Si Marta Ruiz llama, quedamos el lunes",
        # an arrangement, a booking, a plan written down
        "Booked a table with Marta Ruiz for Friday",
        "Quedé en llamar a Marta Ruiz después de la reunión",
        "Iba a escribirle a Marta Ruiz",
        "Lunch with Marta Ruiz is pencilled in for Thursday",
        "Pending sync with Marta Ruiz",
        "Proposal: a panel with Marta Ruiz",
        # the event undone later in the clause, or after a dash
        "Wrote a long email to Marta Ruiz, still in drafts",
        "Recorded a voice note for Marta Ruiz but never sent it",
        "Drafted a message to Marta Ruiz for tomorrow",
        "Estuve a punto de llamar a Marta Ruiz",
        "Le escribí a Marta Ruiz pero nunca le llegó",
        "Le marqué a Marta Ruiz y nada",
        "Called Marta Ruiz — no answer",
    ],
)
def test_not_events(vault, write, line):
    assert _read(vault, write, line) == []


class Portuguese:
    """A third-party vocabulary that brings its own participation cues."""

    @hookimpl
    def register_vocabulary(self):
        return [Vocabulary("pt", events={"call": (r"liguei para",)},
                           companions=(r"com",), done=(r"\w+ei",), topics=(r"sobre",))]


def test_a_vocabulary_plugin_brings_its_own_companions_and_topics(vault, write):
    pm = get_plugin_manager()
    assert _read(vault, write, "Joguei xadrez com Marta Ruiz no parque", pm) == []
    pm.register(Portuguese(), name="portuguese")
    assert _read(vault, write, "Joguei xadrez com Marta Ruiz no parque", pm) == [
        ("in_person", "both")]
    assert _read(vault, write, "Liguei para o banco sobre Marta Ruiz", pm) == []


# A time after the note's day, right after a meeting or a call, makes it a plan; what someone
# else reports is their story; what was skipped or never came is nothing.
@pytest.mark.parametrize(
    "line",
    [
        # a meeting or a call placed later
        "Organised a picnic with Marta Ruiz for Sunday",
        "Sorted out drinks with Marta Ruiz in two weeks",
        "Hemos quedado con Marta Ruiz para el sábado",
        "Movimos la comida con Marta Ruiz al viernes",
        "Cerré una videollamada con Marta Ruiz dentro de tres días",
        # someone else's report
        "Apparently Marta Ruiz phoned the council about the trees",
        "Rumour has it Marta Ruiz met the founders in Porto",
        "Por lo visto Marta Ruiz cenó con su antiguo jefe",
        "Me ha contado Luis Gómez que Marta Ruiz comió con los vecinos",
        # skipped, or someone who never came
        "Skipped the run with Marta Ruiz, knee still sore",
        "Coffee with Marta Ruiz, rain check",
        "La cena con Marta Ruiz acabó en plantón",
        "Había quedado con Marta Ruiz en el bar, pero se le olvidó",
        "Left a message for Marta Ruiz on the answering machine, el contestador otra vez",
        "Put a walk with Marta Ruiz in my calendar",
    ],
)
def test_later_hearsay_and_skipped_are_not_events(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a later time that belongs to another part of the sentence
        ("Phoned Marta Ruiz to fix a date for next month", ("call", "out")),
        ("Comí con Marta Ruiz y mañana se va a Oporto", ("in_person", "both")),
        ("Hablé con Marta Ruiz del concierto de la semana que viene", ("in_person", "both")),
        ("Met Marta Ruiz for a walk, she moves next Friday", ("in_person", "both")),
        ("Desayuné con Marta Ruiz a media mañana", ("in_person", "both")),
        # a message is sent when written, whatever later time it speaks of
        ("Texted Marta Ruiz the plan for tomorrow", ("message", "out")),
        # the reporter, before the report, is no one's story
        ("Marta Ruiz rang me and said that the shop is closing", ("call", "in")),
        # something else forgotten
        ("Me llamó Marta Ruiz, se le olvidó el cambio de hora", ("call", "in")),
    ],
)
def test_events_with_a_later_time_or_a_report_elsewhere(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


class PortugueseEvents:
    """A third-party vocabulary with an event phrase only."""

    @hookimpl
    def register_vocabulary(self):
        return [Vocabulary("pt", events={"in_person": (r"jantei com",)})]


class PortugueseTime:
    """Another that brings only a later time and a hearsay phrase."""

    @hookimpl
    def register_vocabulary(self):
        return [Vocabulary("pt-time", events={}, later=(r"daqui a uma semana",),
                           hearsay=(r"ouvi dizer que",))]


def test_a_vocabulary_plugin_brings_its_own_later_times_and_hearsay(vault, write):
    pm = get_plugin_manager()
    pm.register(PortugueseEvents(), name="portuguese")
    later, heard = "Jantei com Marta Ruiz daqui a uma semana", "Ouvi dizer que Marta Ruiz jantei com ela"
    assert _read(vault, write, later, pm) == [("in_person", "both")]
    assert _read(vault, write, heard, pm) != []
    pm.register(PortugueseTime(), name="portuguese-time")
    assert _read(vault, write, later, pm) == []
    assert _read(vault, write, heard, pm) == []
    assert _read(vault, write, "Jantei com Marta Ruiz ontem", pm) == [("in_person", "both")]


@pytest.mark.parametrize(
    "line",
    [
        # a memory, not the day's event
        "Marta Ruiz and I shared a desk at the agency back in 2015",
        "Back in the day I'd have lunch with Marta Ruiz at the canteen",
        "Conocí a Marta Ruiz en el 98, en un campamento",
        "De jóvenes fuimos con Marta Ruiz a Menorca en tienda de campaña",
        # another's report, however it is introduced
        "The concierge says Marta Ruiz phoned the front desk twice",
        "Per the meeting minutes, Marta Ruiz spoke to the auditors",
        # someone of theirs did it
        "Marta Ruiz's accountant called the tax office about the refund",
        # what they did, told of a thing
        "Hoy leí el poema que escribió Marta Ruiz para la revista",
        # a meeting that fell through, moved to a month
        "Se ha caído la comida con Marta Ruiz por la lluvia",
        "La visita con Marta Ruiz la dejamos para marzo",
    ],
)
def test_memories_reports_and_someone_of_theirs_are_not_events(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Marta Ruiz called me back in the evening", ("call", "both")),
        ("Back in 2015 we shared a desk, and today I had lunch with Marta Ruiz",
         ("in_person", "both")),
    ],
)
def test_events_beside_a_memory_or_a_relative(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # someone arriving where I am is a meeting
        ("Marta Ruiz turned up at my flat with a cake", ("in_person", "both")),
        ("Marta Ruiz popped round after school", ("in_person", "both")),
        ("Marta Ruiz se ha pasado por la tienda", ("in_person", "both")),
        ("Ha venido Marta Ruiz a devolverme el taladro", ("in_person", "both")),
        # a call given, or answered at last
        ("Me ha dado un toque Marta Ruiz al salir del curro", ("call", "in")),
        ("Por fin me cogió el móvil Marta Ruiz", ("call", "both")),
    ],
)
def test_arrivals_and_calls_answered(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        # a year gone, a letter to someone else
        "Conocí a Marta Ruiz en un congreso, en 2019",
        "Marta Ruiz le escribió a la profesora para pedir la nota",
        # a heading for later, a date set, a meeting arranged for a day, a court booked
        "Next quarter: mentoring sessions with Marta Ruiz",
        "Fixed dinner with Marta Ruiz for the 12th",
        "He quedado con Marta Ruiz el jueves para ver el piso",
        "Separé la pista de pádel con Marta Ruiz",
        # without me
        "Marta Ruiz met the board without us",
    ],
)
def test_said_dated_arranged_or_without_me_are_not_events(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # the note's own year is no memory
        ("Had lunch with Marta Ruiz, our first in 2026", ("in_person", "both")),
        # "a" before a thing is no one else
        ("Marta Ruiz me contestó al correo por fin", ("message", "both")),
    ],
)
def test_the_notes_year_and_an_answer_to_a_thing(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # the passive: the name after "by" is who moved
        ("Was phoned by Marta Ruiz from the airport", ("call", "in")),
        ("Got messaged by Marta Ruiz at midnight", ("message", "in")),
        # colloquial verbs of a call or a message
        ("Gave Marta Ruiz a buzz after lunch", ("call", "out")),
        ("Marta Ruiz slacked me the figures", ("message", "in")),
        ("Me timbró Marta Ruiz desde la oficina", ("call", "in")),
    ],
)
def test_passives_and_colloquial_calls(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        "Release slipped, flagged it as critical. Coordinate with Marta Ruiz",
        "3. **Backport** — due Friday, no update. Formally re-plan with Marta Ruiz",
        "Semana dura, nada cerrado. Revisión del presupuesto con Marta Ruiz",
    ],
)
def test_a_verbless_head_after_other_words_on_its_line_is_no_entry(vault, write, line):
    # A work plan's items: an instruction after a status, not a diary entry of that day.
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    "line",
    ["Sprint retro w/ Marta Ruiz", "10:30 sprint retro w/ Marta Ruiz", "- [x] Sync with Marta Ruiz"],
)
def test_a_verbless_entry_opening_its_line_counts(vault, write, line):
    assert _read(vault, write, line) == [("in_person", "both")]


# Who acts on whom, and what a work note's labels say: the third pass of the reader.


@pytest.mark.parametrize(
    "line",
    [
        # the name is the subject of a verb of its own: what follows is their statement
        "By Friday Marta Ruiz reports the quarterly goal met",
        "Marta Ruiz thinks the launch met every target",
        "Marta Ruiz quiere que la llame",
        # a Spanish clitic for a third person: the contact acted on someone else
        "Marta Ruiz les escribió a sus padres",
        "Marta Ruiz la llamó para felicitarla",
        # someone else opens the clause, a reflexive clitic before the verb
        "Luis Gómez se tomó un café con Marta Ruiz",
    ],
)
def test_someone_elses_verb_or_someone_elses_party(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    "line",
    [
        # what they are to each other, not time spent together
        "Neighbours with Marta Ruiz in Lisbon",
        "- (2025-12-11) Neighbours with Marta Ruiz in Lisbon",
        "Vecinos con Marta Ruiz desde 2019",
        "Compañeros de piso con Marta Ruiz en Salamanca",
        # an instruction about a state: a participle after a verb of command
        "Confirm shipped or fallback plan with Marta Ruiz",
        "Check updated budget with Marta Ruiz",
        # a label for the period a plan covers, or for what is to be done; a status not done
        "**This week**: lunch with Marta Ruiz",
        "Goals: sync with Marta Ruiz on the roadmap",
        "Esta semana: comida con Marta Ruiz",
        "Objetivos: reunión con Marta Ruiz",
        "❌ Follow-up with Marta Ruiz",
        "Seguimiento con Marta Ruiz — sin empezar",
    ],
)
def test_facts_instructions_and_plan_labels_are_not_events(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # the companion opens the clause and the writer's verb follows the name
        ("Con Marta Ruiz nos tomamos un cortado", ("in_person", "both")),
        ("With Marta Ruiz, we hiked up to the lake", ("in_person", "both")),
        # verbs made from a medium, in the past; a chat with words between
        ("Le whatsapeé a Marta Ruiz lo del viernes", ("message", "out")),
        ("Nos mensajeamos con Marta Ruiz toda la noche", ("message", "both")),
        ("Chateé un rato con Marta Ruiz", ("message", "both")),
        ("Le pegué un telefonazo a Marta Ruiz", ("call", "out")),
        # taking someone somewhere, dropping by to see them
        ("Llevé a Marta Ruiz al aeropuerto", ("in_person", "both")),
        ("Pasé a ver a Marta Ruiz al hospital", ("in_person", "both")),
        # "le" and a first person's past: I moved; "mensaje de voz" names no sender
        ("Le dejé un mensaje de voz a Marta Ruiz", ("message", "out")),
    ],
)
def test_spanish_events_as_people_write_them(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        "Con Marta Ruiz no hablamos",
        "Con Marta Ruiz íbamos al cine los jueves",
        "Whatsapear a Marta Ruiz lo del viernes",
        "Llevar a Marta Ruiz al aeropuerto el lunes",
        "A Marta Ruiz le escribiría, pero no sé qué decirle",
    ],
)
def test_spanish_non_events_beside_them(vault, write, line):
    assert _read(vault, write, line) == []


def test_a_vocabulary_plugin_brings_its_own_subject_verbs(vault, write):
    """Without a vocabulary's ``subject_verbs``, a name's own verb is not seen."""
    pm = get_plugin_manager()
    line = "Marta Ruiz acha que o almoço correu bem"

    class Pt:
        @hookimpl
        def register_vocabulary(self):
            return [Vocabulary("pt", events={"in_person": (r"almoco",)})]

    class PtWithVerbs:
        @hookimpl
        def register_vocabulary(self):
            return [Vocabulary("pt", events={"in_person": (r"almoco",)},
                               subject_verbs=(r"acha",))]

    pm.register(Pt())
    assert _read(vault, write, line, pm) == [("in_person", "both")]
    pm = get_plugin_manager()
    pm.register(PtWithVerbs())
    assert _read(vault, write, line, pm) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # what did happen, after a failed start, may name the contact itself
        ("No llegó el fontanero, así que Marta Ruiz y yo nos fuimos a desayunar fuera",
         ("in_person", "both")),
        # … or tell what we did together, with no event phrase for it
        ("La cata con Marta Ruiz se canceló, pero nos hemos tomado una caña abajo",
         ("in_person", "both")),
        ("Lunch with Marta Ruiz fell through, so we grabbed a drink together instead",
         ("in_person", "both")),
        # a question quoted after a colon is what was said, not the clause asking
        ('Le comenté el vídeo a Marta Ruiz: "oye, ¿y mi entrada?"', ("social", "out")),
        # "as always" compares today's event with the others: no habit
        ("Partida de cartas en el club con Marta Ruiz, perdimos como siempre",
         ("in_person", "both")),
        ("As always, lost the pub quiz with Marta Ruiz", ("in_person", "both")),
        # a determiner after a preposition opens a place, not someone else
        ("Drinks at the pub with Marta Ruiz", ("in_person", "both")),
        # something of theirs that came to me is no thing passed on
        ("Me llegó un mail de Marta Ruiz con el OK a la oferta", ("message", "in")),
        # a Spanish article before a name
        ("Vinieron la Marta Ruiz y Luis Gómez a comer a casa", ("in_person", "both")),
        # the contact listed with the writer
        ("Hemos merendado churros Luis Gómez, Marta Ruiz y yo en la plaza",
         ("in_person", "both")),
        ("Board meeting: Marta Ruiz, Luis Gómez and me in the small room",
         ("in_person", "both")),
        ("Department meeting: me, Luis Gómez and Marta Ruiz going over the rota",
         ("in_person", "both")),
    ],
)
def test_what_happened_after_all_and_who_was_there(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        "Lunch with Marta Ruiz was cancelled, so we stayed home",
        "No quedé con Marta Ruiz, pero Luis Gómez y yo cenamos",
        "Se canceló la comida con Marta Ruiz, pero nos vemos el lunes",
        '¿Le comenté el vídeo a Marta Ruiz?',
        "Con Marta Ruiz siempre perdemos al mus",
        "Planning: Marta Ruiz and me next week",
        "Marta Ruiz y yo somos amigas desde el cole",
    ],
)
def test_what_did_not_happen_beside_them(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # what is handed over in person, a greeting, a visit "donde" someone
        ("Marta Ruiz me trajo unas empanadas", ("in_person", "both")),
        ("Le llevé unas flores a Marta Ruiz", ("in_person", "both")),
        ("Le di un abrazo a Marta Ruiz en la estación", ("in_person", "both")),
        ("Marta Ruiz pasó a saludar", ("in_person", "both")),
        ("Saludé a Marta Ruiz en el pasillo", ("in_person", "both")),
        ("Estuve donde Marta Ruiz toda la tarde", ("in_person", "both")),
        # a message passed on to me, a heart on their photo
        ("Marta Ruiz me reenvió el documento", ("message", "in")),
        ("Le puse corazoncito a la foto que subió Marta Ruiz", ("social", "out")),
    ],
)
def test_spanish_events_in_hand_and_in_passing(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        # "ni" and "neither … nor" deny as "no" and "not" do
        "Qué simpática Marta Ruiz, que ni me saludó en la gasolinera",
        "Ni siquiera nos vimos con Marta Ruiz",
        "Neither Marta Ruiz nor Luis Gómez showed up for lunch",
        # "donde" as a relative, and a to-do
        "El bar donde Marta Ruiz trabaja cerró",
        "Tengo que saludar a Marta Ruiz",
    ],
)
def test_denials_and_relatives_are_not_events(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    "line",
    [
        # a name inside a quotation, the event outside it: someone's words, no party
        'Luis Gómez reports the goal met: "during my vacation Marta Ruiz did the pages"',
        'Le escribí a Luis Gómez: «Marta Ruiz te manda saludos»',
    ],
)
def test_a_name_quoted_apart_from_the_event_is_no_party(vault, write, line):
    assert _read(vault, write, line) == []


def test_a_quoted_event_still_counts(vault, write):
    assert _read(vault, write, '"Had lunch with Marta Ruiz," I wrote in the group') == [
        ("in_person", "both")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # an intention inside a leading clause of time or concession, told in the past, is
        # the background of the event after its comma
        ("While we were waiting for the bus, Marta Ruiz and I walked to the canal and talked",
         ("in_person", "both")),
        ("Cuando volví de la farmacia, me llamó Marta Ruiz", ("call", "in")),
    ],
)
def test_an_intention_in_a_past_background_clause(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    ["Cuando venga Marta Ruiz, cenamos juntos", "Cuando pueda, llamo a Marta Ruiz",
     "While I was planning to call Marta Ruiz, she never picked up"],
)
def test_a_leading_clause_of_what_is_to_come_keeps_its_intention(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a reply to something of mine is an exchange
        ("Marta Ruiz answered my text about the keys", ("message", "both")),
        ("Marta Ruiz answered my note about the rent", ("message", "both")),
        ("Marta Ruiz answered my comment under the reel", ("social", "both")),
        # a verbless entry: a message app or a recording, from them
        ("SMS from Marta Ruiz at lunch", ("message", "in")),
        ("Voice memo from Marta Ruiz about the gig", ("message", "in")),
        # "dropped her a …", an adjective before the medium; a place it was sent from
        ("Rang Marta Ruiz, no answer, so I dropped her a quick text", ("message", "out")),
        ("Dropped Marta Ruiz a short email to confirm the date", ("message", "out")),
        ("Sent Marta Ruiz a voice note from the train", ("message", "out")),
        ("Got a lovely handwritten card from Marta Ruiz", ("message", "in")),
        # tagging, retweeting, a review left for me
        ("Tagged Marta Ruiz in the launch photos", ("social", "out")),
        ("RT'd Marta Ruiz's thread on housing", ("social", "out")),
        ("Marta Ruiz left me a glowing recommendation on LinkedIn", ("social", "in")),
        # the passive's agent, however far
        ("Was sent the final signed invoice by Marta Ruiz", ("message", "in")),
        ("Was handed the spare keys by Marta Ruiz at the station", ("in_person", "both")),
        # a medium in a note-taker's shorthand
        ("Caught up with Marta Ruiz (phone) about the move", ("call", "both")),
        ("t/c w/ Marta Ruiz re the lease", ("call", "both")),
        ("Teams with Marta Ruiz and the auditors", ("call", "both")),
        # what it came to in the end
        ("Ended up phoning Marta Ruiz from the car park", ("call", "out")),
        ("Ended up seeing Marta Ruiz at the market", ("in_person", "both")),
        # coming in to where I am, to my occasion, being there with me
        ("Marta Ruiz popped into my studio with a cake", ("in_person", "both")),
        ("Marta Ruiz came to the book launch", ("in_person", "both")),
        ("Marta Ruiz flew in for the opening", ("in_person", "both")),
        ("Marta Ruiz was there too, looking tanned", ("in_person", "both")),
        ("Marta Ruiz joined us for dessert", ("in_person", "both")),
        # showing someone something, or being shown round
        ("Marta Ruiz showed us round the brewery", ("in_person", "both")),
        ("Showed the garden plans to Marta Ruiz", ("in_person", "both")),
        ("Marta Ruiz and I wrote the grant report at the library", ("in_person", "both")),
        # a ticked instruction through a messaging app
        ("- [x] SMS Marta Ruiz the address", ("message", "out")),
        # news of theirs after a dash; a question their message asked
        ("Got a text from Marta Ruiz — she passed her driving test", ("message", "in")),
        ("WhatsApp from Marta Ruiz: could I lend her my drill?", ("message", "in")),
        # they come into the story, then "we" did something: they and I
        ("Marta Ruiz fixed the printer while I made tea, then we went over the accounts",
         ("in_person", "both")),
        ("Marta Ruiz baked a cake and we ate it in the garden", ("in_person", "both")),
        ("Marta Ruiz's phone was dead, so I cycled round to hers and we sorted the invoices",
         ("in_person", "both")),
        ("Marta Ruiz didn't answer, so I went up to her office and we fixed the slides",
         ("in_person", "both")),
    ],
)
def test_english_replies_shorthand_arrivals_and_passives(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # the writer named second, as people say it
        ("Me and Marta Ruiz went for a curry", ("in_person", "both")),
        ("Marta Ruiz and me watched the match at the pub", ("in_person", "both")),
        # greetings, farewells, a hug, being seen off
        ("Said goodbye to Marta Ruiz at the gate", ("in_person", "both")),
        ("Hugged Marta Ruiz at the funeral", ("in_person", "both")),
        ("Waved Marta Ruiz off at the coach station", ("in_person", "both")),
        # coming to see me, a drink made for me, caught after something, seen at a place
        ("Marta Ruiz came to see me at the hospice", ("in_person", "both")),
        ("Marta Ruiz made me a cuppa and a bacon butty", ("in_person", "both")),
        ("Caught Marta Ruiz after the assembly", ("in_person", "both")),
        ("Spotted Marta Ruiz at the farmers market", ("in_person", "both")),
        ("Went round to Marta Ruiz's for a barbecue", ("in_person", "both")),
        ("Saw Marta Ruiz today", ("in_person", "both")),
        ("Dropped Marta Ruiz at the airport", ("in_person", "both")),
        # teaching, interviewing, introducing: the medium the clause names, else in person
        ("Mentored Marta Ruiz over lunch", ("in_person", "both")),
        ("Interviewed Marta Ruiz on Zoom for the newsletter", ("call", "out")),
        ("Introduced Marta Ruiz to the new tenant by email", ("message", "out")),
        ("Checked in on Marta Ruiz after the operation", ("in_person", "both")),
        # a shout is a call; the post is the mail; a heart, a recommendation, a DM slid into
        ("Gave Marta Ruiz a shout about the gutters", ("call", "out")),
        ("Posted Marta Ruiz a get-well card", ("message", "out")),
        ("Marta Ruiz hearted my photo from the summit", ("social", "in")),
        ("Marta Ruiz wrote me a recommendation on LinkedIn", ("social", "in")),
        ("Slid into Marta Ruiz's DMs about the gig", ("message", "out")),
        ("Voice-noted Marta Ruiz from the platform", ("message", "out")),
        # a thing sent to them, a draft among them; a thing they sent, to no one else named
        ("Sent the signed lease to Marta Ruiz", ("message", "out")),
        ("Sent the draft to Marta Ruiz before lunch", ("message", "out")),
        ("Marta Ruiz sent the minutes", ("message", "in")),
        # they acted on me: time they spent with me, in the medium the clause names
        ("Marta Ruiz helped me carry the wardrobe upstairs", ("in_person", "both")),
        ("Marta Ruiz took me to the opera", ("in_person", "both")),
        ("Marta Ruiz had us over for a braai", ("in_person", "both")),
        ("Marta Ruiz showed me how to use the lathe", ("in_person", "both")),
        # turning up, sitting beside, a quote-tweet, a shout-out, a request accepted
        ("Marta Ruiz rocked up at the barbecue", ("in_person", "both")),
        ("Marta Ruiz dropped in unannounced", ("in_person", "both")),
        ("Sat next to Marta Ruiz at the gala", ("in_person", "both")),
        ("Marta Ruiz quote-tweeted my thread", ("social", "in")),
        ("Shouted out Marta Ruiz in the newsletter", ("social", "out")),
        ("Marta Ruiz accepted my LinkedIn request", ("social", "in")),
        ("Wrote Marta Ruiz a thank-you note", ("message", "out")),
    ],
)
def test_english_colloquial_meetings_and_acts(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        # a feeling, a thing done about me elsewhere, money; they on me, long ago or never
        "Marta Ruiz reminded me of my grandmother.",
        "Marta Ruiz recommended me for the post.",
        "Marta Ruiz paid me back for the tickets.",
        "Marta Ruiz helped us in 2019.",
        "Marta Ruiz never helped me.",
        "Marta Ruiz was sent the contract by Oscar.",
        # seen on a screen, a memory of last year, a meeting skipped
        "Saw Marta Ruiz on the news.",
        "Saw Marta Ruiz on telly last night.",
        "Met Marta Ruiz at a wedding last summer.",
        "Ended up skipping lunch with Marta Ruiz.",
        # the passive's agent is someone else
        "Was sent Marta Ruiz's CV by the recruiter.",
        # a social act on someone else's thing
        "Marta Ruiz liked Oscar's photo.",
        # their meeting with someone named by a role; a voicemail I left; a visit that found
        # them out; a meeting bumped to later
        "Marta Ruiz met the mayor at the fete.",
        "Left Marta Ruiz a voicemail about the boiler.",
        "Knocked on at Marta Ruiz's, she was away.",
        "Drinks with Marta Ruiz got bumped to Thursday.",
    ],
)
def test_english_screens_memories_and_others_things(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    "line",
    [
        # a call that reached no one
        "Called Marta Ruiz four times, nothing.",
        "Rang Marta Ruiz twice, no joy.",
        "Video called Marta Ruiz but she was already asleep.",
        "Phoned Marta Ruiz but she was driving.",
        "Rang Marta Ruiz but her line was busy.",
        "Phoned Marta Ruiz, it rang out.",
        "Missed a call from Marta Ruiz while in the shower.",
        "Rang Marta Ruiz's office, the receptionist said she was on leave.",
        # their event with someone named who is no contact
        "Marta Ruiz met Oscar for a drink.",
        "Marta Ruiz called Nina about the van.",
    ],
)
def test_english_calls_that_reached_no_one_and_their_own_meetings(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Missed a call from Marta Ruiz, rang her back after clinic", [("call", "both")]),
        ("Marta Ruiz's mobile was off all morning, but she finally rang me back at noon",
         [("call", "both")]),
        ("Lunch with Marta Ruiz fell through, but she met Tomasz instead.", []),
        ("Marta Ruiz came over with Ben", [("in_person", "both")]),
        # someone else hugged, someone seen on a screen, a plan to go round
        ("Marta Ruiz and Oscar hugged at the airport.", []),
        ("Spotted Marta Ruiz on the telly.", []),
        ("Might pop round to Marta Ruiz's for tea.", []),
        # a thing they sent to someone else; a draft never sent; the kids sent to theirs
        ("Marta Ruiz sent the quote to the landlord.", []),
        ("Drafted a note to Marta Ruiz.", []),
        ("Sent the kids to Marta Ruiz's for the night.", []),
        # "we" without them: a parting, the writer's household or team
        ("Marta Ruiz moved to Oslo and we lost touch.", []),
        ("Marta Ruiz resigned in March, so we hired a temp.", []),
        ("Marta Ruiz's flight was cancelled, so we stayed home.", []),
    ],
)
def test_guards_of_the_english_rules(vault, write, line, expected):
    """Read the same before the rules above and after them: a missed call returned, a line
    off then a call back, a pronoun for them meeting someone else, someone brought along, a
    "we" that is not them. Each would break under a rule written too wide."""
    assert _read(vault, write, line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a diminutive, a regional word for a call
        ("Le hice una llamadita a Marta Ruiz", ("call", "out")),
        ("Me echó un fonazo Marta Ruiz", ("call", "in")),
        # picking someone up, being picked up
        ("Fui a buscar a Marta Ruiz al aeropuerto", ("in_person", "both")),
        ("Marta Ruiz me vino a buscar al trabajo", ("in_person", "both")),
        # going to their celebration
        ("Fui al cumple de Marta Ruiz", ("in_person", "both")),
        ("Estuve en la boda de Marta Ruiz", ("in_person", "both")),
        ("Went to Marta Ruiz's birthday party", ("in_person", "both")),
        # something passed on to me
        ("Marta Ruiz me pasó el contacto de su primo", ("message", "in")),
    ],
)
def test_calls_pickups_and_celebrations(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


def test_someone_elses_event_whose_phrase_names_its_party(vault, write):
    """The contact is the subject and the event phrase itself names the other party: "Marta
    went to Luis's party" is hers, not mine."""
    assert _read(vault, write, "Marta Ruiz went to Luis Gómez's birthday party") == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # at their place; a time after the possessive is no one of theirs
        ("Tea at Marta Ruiz's after school", ("in_person", "both")),
        ("Stayed at Marta Ruiz's", ("in_person", "both")),
    ],
)
def test_at_their_place(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line", ["Changed the plan at Marta Ruiz's suggestion", "Met Marta Ruiz's new team"])
def test_at_their_suggestion_or_their_team_is_not_their_place(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    "line",
    [
        # what is handed over is a thing, not trouble or a contradiction
        "Marta Ruiz me trajo problemas con el proyecto",
        "Le llevé la contraria a Marta Ruiz en la reunión",
        # a greeting to everyone else
        "Marta Ruiz saludó a todos al entrar",
    ],
)
def test_figures_of_speech_and_greetings_to_others_are_not_events(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    "line",
    [
        # contacts joined as the subject of a meeting, the writer nowhere: with each other
        "Marta Ruiz and Luis Gómez met to discuss the roadmap",
        "Marta Ruiz y Luis Gómez se vieron en Madrid",
        # preparing for a meeting is no meeting yet
        "Prep for 1:1 with Marta Ruiz",
    ],
)
def test_a_meeting_among_others_or_its_preparation_is_not_mine(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    "line",
    ["Marta Ruiz and Luis Gómez came over for dinner", "Marta Ruiz and Luis Gómez had lunch with us",
     "Marta Ruiz y Luis Gómez vinieron a cenar"],
)
def test_contacts_joined_who_came_to_me_or_met_us(vault, write, line):
    assert ("in_person", "both") in _read(vault, write, line)


def _read_nicknames(vault: Path, write, line: str, who: str = "Marta Ruiz") -> list[tuple[str, str]]:
    """``_read`` with nicknames people write with an article ("la Marti", "al Rodri")."""
    write("People/Marta Ruiz.md", "---\ntype: person\naliases: [Marti]\n---\n")
    write("People/Rodrigo Paz.md", "---\ntype: person\naliases: [Rodri]\n---\n")
    write("Daily/2026-11-20.md", f"# Día\n\n{line}\n")
    index = build_index(vault, load_config(vault), get_plugin_manager(), TODAY)
    return [(i.channel, i.direction) for i in index.histories[who].interactions]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a pronoun written after a finite verb, as Galician-flavoured Spanish does
        ("Escribíle a Marta Ruiz desde el tren", ("message", "out")),
        ("Llamóme Marta Ruiz a media tarde", ("call", "in")),
        ("Mencionóme Marta Ruiz en su hilo de Twitter", ("social", "in")),
        # a duty or an achievement in the past before an instruction: it was done
        ("Tuve que llamar a Marta Ruiz para lo del alquiler", ("call", "out")),
        ("Por fin pude ver a Marta Ruiz en el centro", ("in_person", "both")),
        ("Me tocó escribirle a Marta Ruiz para cerrar el presupuesto", ("message", "out")),
        # someone arriving with a purpose, someone taken somewhere, a visit in the perfect
        ("Vino Marta Ruiz con los niños a saludarme", ("in_person", "both")),
        ("Ha venido Marta Ruiz al estudio a enseñarme los bocetos", ("in_person", "both")),
        ("Marta Ruiz llegó en tren y la llevé a casa", ("in_person", "both")),
        ("Hemos ido a visitar a Marta Ruiz al pueblo", ("in_person", "both")),
        ("Estuvo en casa Marta Ruiz a cenar", ("in_person", "both")),
        # at their place, with an article before it
        ("Noche de pelis en la casa de Marta Ruiz", ("in_person", "both")),
        ("Reunión en el despacho de Marta Ruiz", ("in_person", "both")),
        # colloquial calls and likes
        ("Le di un tubazo a Marta Ruiz", ("call", "out")),
        ("Marta Ruiz me colgó a mitad de la discusión", ("call", "in")),
        ("Le he dado a me gusta al vídeo de Marta Ruiz", ("social", "out")),
        ("Le di RT a Marta Ruiz", ("social", "out")),
        # chatting is written, whatever verb is around it
        ("Estuvimos chateando con Marta Ruiz hasta las tantas", ("message", "both")),
        # a reply to a public item is social
        ("Marta Ruiz me contestó la historia de Instagram con un corazón", ("social", "both")),
        ("Le respondí el comentario a Marta Ruiz", ("social", "both")),
        # "nos" before their verb is whom they acted on
        ("Marta Ruiz nos escribió desde Lisboa", ("message", "in")),
        ("Marta Ruiz nos ha llamado para contarnos lo del bebé", ("call", "in")),
        # a leading clause of cause is why, not what happened
        ("Como no llegaba a tiempo a la cena, llamé a Marta Ruiz", ("call", "out")),
        ("Ya que no podía quedar en persona, hice una videollamada con Marta Ruiz",
         ("call", "both")),
        # "pa" + infinitive starts another part, as "para" does
        ("Llamé a Marta Ruiz pa quedar mañana", ("call", "out")),
        ("Vi a Marta Ruiz pa darle las llaves para el jueves", ("in_person", "both")),
        # a failed call, then what did happen
        ("Llamé a Marta Ruiz pero no contestó, así que le dejé un audio", ("message", "out")),
    ],
)
def test_spanish_regional_forms_and_the_mood_of_the_clause(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    ("line", "who"),
    [
        # "al" and an article before a nickname, also after "y", and "con el ·" is no subject
        ("Acompañé al Rodri al médico", "Rodrigo Paz"),
        ("Saludé al Rodri en la feria", "Rodrigo Paz"),
        ("Asado en el campo con el Rodrigo Paz y la Marta Ruiz", "Marta Ruiz"),
        ("Vermut con el Rodrigo Paz y la Marta Ruiz en la terraza", "Marta Ruiz"),
        ("Fútbol en el parque con el Rodri", "Rodrigo Paz"),
    ],
)
def test_names_with_an_article(vault, write, line, who):
    assert _read_nicknames(vault, write, line, who) == [("in_person", "both")]


@pytest.mark.parametrize(
    "line",
    [
        # a call that reached no one, told after it
        "Le marqué a Marta Ruiz y no contestó nadie",
        "Telefoneé a Marta Ruiz pero tenía el móvil apagado",
        "Llamé a Marta Ruiz al fijo pero no hubo forma",
        # a visit that reached no one
        "Pasé a ver a Marta Ruiz al hospital pero no me dejaron entrar",
        "Fui a casa de Marta Ruiz y no me abrió",
        # an agreement about a later day
        "Acordé con Marta Ruiz que el sábado subimos al monte",
        "Decidimos con Marta Ruiz que la cena sería en su casa",
        # a past subjunctive or a Galician pluperfect: arranged, not done
        "Cenáramos Marta Ruiz y yo en el puerto, como otros veranos",
        # the pronoun after the verb of a cancellation
        "Suspendióse el paseo con Marta Ruiz por la lluvia",
    ],
)
def test_spanish_calls_and_visits_that_reached_no_one(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # the medium named after a conversation or an errand
        ("Hablé con Marta Ruiz por el móvil un buen rato", ("call", "both")),
        ("Estuve charlando con Marta Ruiz al celular", ("call", "both")),
        ("Le pasé la ubicación a Marta Ruiz por mensaje", ("message", "out")),
        ("Le confirmé la hora a Marta Ruiz por privado", ("message", "out")),
        # a visit told by its pronoun, a stop at their place
        ("Me visitó Marta Ruiz en el taller", ("in_person", "both")),
        ("A Marta Ruiz la visité en la clínica", ("in_person", "both")),
        ("Me pasé por la tienda de Marta Ruiz a dejarle unos planos", ("in_person", "both")),
    ],
)
def test_spanish_media_and_visits(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    ("line", "who"),
    [
        # a contact's act that goes to another contact by a personal "a"
        ("Rodrigo Paz llamó a Marta Ruiz para felicitarla", "Rodrigo Paz"),
        ("Rodrigo Paz le dio like a la foto de Marta Ruiz", "Rodrigo Paz"),
        # what something was for
        ("Saqué los billetes para viajar con Marta Ruiz a Oporto", "Marta Ruiz"),
        ("Imprimí el guion para la llamada con Marta Ruiz", "Marta Ruiz"),
        # every time, would have
        ("Cada que hablo con Marta Ruiz acabo riendo", "Marta Ruiz"),
        ("Hubiese comido con Marta Ruiz de no ser por la lluvia", "Marta Ruiz"),
        ("Me hubiera gustado cenar con Marta Ruiz", "Marta Ruiz"),
        # a label for a time to come, an agreement about later, a message bounced
        ("Para el finde: paella con Marta Ruiz", "Marta Ruiz"),
        ("Quedé con Marta Ruiz en llamarla el lunes", "Marta Ruiz"),
        ("Quedamos con Marta Ruiz en que nos vemos en Navidad", "Marta Ruiz"),
        ("Le mandé un correo a Marta Ruiz pero me rebotó", "Marta Ruiz"),
        # a head with a verb of someone else's
        ("La vecina se juntó con Marta Ruiz en el portal", "Marta Ruiz"),
    ],
)
def test_spanish_acts_of_others_purposes_and_what_would_have_been(vault, write, line, who):
    assert _read_nicknames(vault, write, line, who) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # adding, following, accepting on a network
        ("Me agregó Marta Ruiz en LinkedIn", ("social", "in")),
        ("Acepté la solicitud de amistad de Marta Ruiz", ("social", "out")),
        ("Marta Ruiz me siguió en Insta", ("social", "in")),
        # a call written as one verb
        ("Videollamé con Marta Ruiz desde el hotel", ("call", "both")),
        # being driven, helped, run into
        ("Marta Ruiz me acercó al centro en moto", ("in_person", "both")),
        ("Me ayudó Marta Ruiz con la tesis", ("in_person", "both")),
        ("Le eché una mano a Marta Ruiz con las cajas", ("in_person", "both")),
        ("Coincidí con Marta Ruiz en la sala de espera", ("in_person", "both")),
        # showing, introducing, condolences
        ("Le enseñé el huerto a Marta Ruiz", ("in_person", "both")),
        ("Le di el pésame a Marta Ruiz en el velatorio", ("in_person", "both")),
        ("Marta Ruiz me presentó a su socio", ("in_person", "both")),
    ],
)
def test_spanish_networks_rides_help_and_showing(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        # a call missed or not heard
        "Marta Ruiz me llamó pero no la oí",
        "Me encontré una llamada perdida de Marta Ruiz al salir del cine",
        "Perdí la llamada de Marta Ruiz por estar en la ducha",
        # maybe
        "Capaz que ceno con Marta Ruiz el finde",
        "Puede que me tome un café con Marta Ruiz",
        # someone seen on a screen or in the press
        "Vi a Marta Ruiz en las noticias",
        "Vi a Marta Ruiz en un vídeo del congreso",
        # a call someone else had, contacts joined doing something of theirs
        "Mi jefe tuvo una llamada con Marta Ruiz",
        "Luis Gómez y Marta Ruiz discutieron en la comida",
    ],
)
def test_spanish_missed_calls_maybes_screens_and_their_doings(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # time spent with someone takes the medium the clause names
        ("Me pasé la tarde al teléfono con Marta Ruiz", ("call", "both")),
        # a reply to my e-mail is a message, to my post a social act
        ("Marta Ruiz respondió a mi correo del lunes", ("message", "both")),
        # helping, gifts
        ("Estuve toda la mañana ayudando a Marta Ruiz con el huerto", ("in_person", "both")),
        ("Le regalé a Marta Ruiz unos pendientes", ("in_person", "both")),
    ],
)
def test_spanish_time_spent_replies_and_gifts(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        # the author of a thing passed on is no party to it
        "Me mandó Luis Gómez el artículo que escribió Marta Ruiz",
        "Le reenvié a Luis Gómez el informe que hizo Marta Ruiz",
    ],
)
def test_spanish_the_author_of_a_thing_passed_on(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a later day than the note's (the 20th), in the event's part of the sentence: a plan
        ("- **Follow-up with Marta Ruiz on Friday (2026-11-27)**", []),
        ("- Catch-up with Marta Ruiz (2026-11-25)", []),
        ("- Call with Marta Ruiz [[2026-11-26]]", []),
        ("- Comida con Marta Ruiz el 27 de noviembre de 2026", []),
        # an earlier day, a log's date opening the line, a ticked task, a done mark: it happened
        ("- Catch-up with Marta Ruiz (2026-11-18)", [("in_person", "both")]),
        ("- **2026-11-25**: café con Marta Ruiz", [("in_person", "both")]),
        ("- [x] Catch-up with Marta Ruiz (2026-11-25)", [("in_person", "both")]),
        ("- Lunch with Marta Ruiz ✅ 2026-11-26", [("in_person", "both")]),
        # the later day belongs to another part of the sentence: the call took place
        ("- Called Marta Ruiz to set up lunch on 2026-11-27", [("call", "out")]),
        ("- Llamé a Marta Ruiz para quedar el 25 de noviembre de 2026", [("call", "out")]),
        ("- Met Marta Ruiz, we'll meet again on 2026-11-27", [("in_person", "both")]),
    ],
)
def test_a_later_day_written_with_a_meeting_is_a_plan(vault, write, line, expected):
    assert _read(vault, write, line) == expected


# English, the fifth pass: shapes of the writer's encounter read without a phrase for each
# verb, and the reach of what is said around one. Each sentence fails without its rule.
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # the writer and a contact as one subject, a past the lemmatiser knows, adverbs between
        ("Marta Ruiz and I hit the climbing wall after work", ("in_person", "both")),
        ("Marta Ruiz and I finally sat down to go through the budget", ("in_person", "both")),
        # a contact acting on me, with others joined, or opening a later part of the sentence
        ("Review day: I showed the mock-ups, Marta Ruiz and Luis Gómez quizzed me on the colours",
         ("in_person", "both")),
        ("Marta Ruiz and Luis Gómez grilled us about the trip", ("in_person", "both")),
        ("Marta Ruiz hit me up on Viber about the rota", ("message", "in")),
        # my hands on them
        ("Strapped Marta Ruiz's left ankle before the match", ("in_person", "both")),
        ("Cut Marta Ruiz's hair in the kitchen", ("in_person", "both")),
        # a channel's name made a verb
        ("Marta Ruiz sms'd me from the airport", ("message", "in")),
        ("SMSed Marta Ruiz the door code", ("message", "out")),
        ("Marta Ruiz IM'd me the link", ("message", "in")),
        # a message back answers mine: an exchange; "off" for "from"
        ("Marta Ruiz texted back within the hour", ("message", "both")),
        ("Marta Ruiz emailed me back about the invoice", ("message", "both")),
        ("Text off Marta Ruiz about the rota", ("message", "in")),
        # what a message that came to me said, after its colon
        ("Marta Ruiz texted: the flight is cancelled, landing tomorrow instead", ("message", "in")),
        ("Marta Ruiz emailed: the venue cancelled on us", ("message", "in")),
        # what a meeting came to, after a dash
        ("Budget review w/ Marta Ruiz — agreed to cut the travel line", ("in_person", "both")),
        ("Progress meeting w/ Marta Ruiz — agreed to drop the pilot", ("in_person", "both")),
        # a title's full stop ends no clause
        ("Took the twins to Mrs. Ruiz's house for a playdate", ("in_person", "both")),
        ("Went to Prof. Ruiz's office hours about the thesis", ("in_person", "both")),
        # the writer's own past before "with", after a leading clause of someone else's doing
        ("Even though the train was late I still got to the cinema with Marta Ruiz",
         ("in_person", "both")),
        ("Although the shop had closed we finally grabbed a bite with Marta Ruiz",
         ("in_person", "both")),
        # rung by name, they are reached wherever they are
        ("Phoned Marta Ruiz about the keys, she's off sick this week", ("call", "out")),
        # a verbless head whose place opens with another preposition
        ("Stroll through the park with Marta Ruiz", ("in_person", "both")),
        ("Jog past the harbour with Marta Ruiz", ("in_person", "both")),
        # someone dropping into where the writer works; showing them a thing
        ("Marta Ruiz dropped into the lab with pastries", ("in_person", "both")),
        ("Showed Marta Ruiz the new flat", ("in_person", "both")),
        # "me and ·" with a past of the lemmatiser's; a thing sent through
        ("Me and Marta Ruiz hit the shops after lunch", ("in_person", "both")),
        ("Marta Ruiz and me split a cab home", ("in_person", "both")),
        ("Marta Ruiz sent through the signed contract", ("message", "in")),
        # a pronoun for them opening the next clause, what they did to me
        ("Marta Ruiz's mobile was off all day; in the end she rang me back at six.",
         ("call", "both")),
        ("Tried Marta Ruiz twice. She texted me instead.", ("message", "in")),
        # a thing from long ago, carried by today's tag or message
        ("Marta Ruiz tagged me in a photo of the lake from last summer",
         ("social", "in")),
        ("Marta Ruiz sent me pictures from our trip back in 2019", ("message", "in")),
        # a guest at theirs, a seat in their session, someone taken to them
        ("Got invited round to Marta Ruiz's for a curry and stayed late", ("in_person", "both")),
        ("Sat in on Marta Ruiz's lecture on tort law", ("in_person", "both")),
        ("Took my son to Marta Ruiz for his check-up", ("in_person", "both")),
        # a shift handed over, company kept, a hand given, someone caught somewhere, a taxi shared
        ("Handed over to Marta Ruiz at 7, quiet night", ("in_person", "both")),
        ("Marta Ruiz kept me company at the hospital", ("in_person", "both")),
        ("Gave Marta Ruiz a hand with the move", ("in_person", "both")),
        ("Caught Marta Ruiz on the stairs and sorted the rota", ("in_person", "both")),
        ("Caught Marta Ruiz on the phone before her flight", ("call", "out")),
        ("Shared a taxi with Marta Ruiz from the airport", ("in_person", "both")),
        # "hit me up" is a message
        ("Marta Ruiz and Luis Gómez hit me up about the party", ("message", "in")),
        ("Hit up Marta Ruiz about the party", ("message", "out")),
        # a head round my door, a night at mine
        ("Marta Ruiz popped her head round the door to say hi", ("in_person", "both")),
        ("Marta Ruiz and the kids stayed over", ("in_person", "both")),
        # "when I" and a past is a background, not a condition
        ("Marta Ruiz cooked when I got back and we ate together", ("in_person", "both")),
    ],
)
def test_english_shapes_of_an_encounter(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


# Spanish, the fifth pass: structures rather than phrasings. Each sentence below is written
# for this file, in other words than any corpus's.
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a log's entry labelled with the contact, read as its clause without the name
        ("Marta Ruiz — llamada de media hora sobre el presupuesto", ("call", "both")),
        ("**Marta Ruiz** — cañas en Lavapiés, nos pusimos al día", ("in_person", "both")),
        ("Marta Ruiz — me escribió por Telegram con las fechas", ("message", "in")),
        ("- [[Marta Ruiz]] — seminario en su departamento, repasamos los datos",
         ("in_person", "both")),
        ("Marta Ruiz — Webex con ella y su directora", ("call", "both")),
        ("Marta Ruiz: compartí su hilo sobre vivienda", ("social", "out")),
        ("Marta Ruiz: charla de una hora por Zoom sobre el comité", ("call", "both")),
        ("Marta Ruiz - seminario en su despacho, revisamos las cuentas", ("in_person", "both")),
        ("[[Marta Ruiz]] — le reenvié por correo el borrador del acta", ("message", "out")),
        # another name's thing shared with me
        ("Marta Ruiz me compartió el video de Luis Gómez", ("social", "in")),
        # a weekday, then my past
        ("El jueves cené con Marta Ruiz", ("in_person", "both")),
        # the writer and the contact as one subject, words between them and our verb
        ("Marta Ruiz y yo al final fuimos al concierto", ("in_person", "both")),
        ("Marta Ruiz y yo, como de costumbre, discutimos de fútbol", ("in_person", "both")),
        ("Yo y Marta Ruiz fuimos al teatro", ("in_person", "both")),
        ("Con Marta Ruiz, como cada verano, montamos el puesto", ("in_person", "both")),
        # the name fronted by a personal "a", then "le" and my verb
        ("A Marta Ruiz le presté el taladro", ("in_person", "both")),
        ("A Marta Ruiz le expliqué el proyecto en el bar", ("in_person", "both")),
        # a trip to see them; dropping off, being dropped off; at theirs ("lo de ·")
        ("Fui a Lugo a ver a Marta Ruiz", ("in_person", "both")),
        ("Dejé a Marta Ruiz en la estación de autobuses", ("in_person", "both")),
        ("Marta Ruiz me dejó en el portal a las tantas", ("in_person", "both")),
        ("Pasé por lo de Marta Ruiz a devolverle el táper", ("in_person", "both")),
        # a lift given, dropping in, staying over, their class attended
        ("Marta Ruiz me dio un aventón hasta la facultad", ("in_person", "both")),
        ("Marta Ruiz nos cayó a la casa con unas arepas", ("in_person", "both")),
        ("Marta Ruiz se quedó a cenar después del ensayo", ("in_person", "both")),
        ("Asistí al taller de escritura de Marta Ruiz", ("in_person", "both")),
        # an interview as a diary's entry
        ("Entrevista a Marta Ruiz en su taller, una hora grabada", ("in_person", "both")),
        ("Entrevista a Marta Ruiz en el estudio de radio, media hora", ("in_person", "both")),
        # a note-taker's shorthand for a message
        ("msj a Marta Ruiz con las fotos del viaje", ("message", "out")),
        ("mje de Marta Ruiz con el horario", ("message", "in")),
        # their act on me after an apposition
        ("Marta Ruiz, mi vecina, me subió la compra", ("in_person", "both")),
        # a third person's act on a public thing of mine, and mine on theirs
        ("Marta Ruiz citó mi trino sobre la huelga", ("social", "in")),
        ("Marta Ruiz ha compartido mi vídeo de la boda", ("social", "in")),
        ("Marta Ruiz compartió en su muro la foto que colgué", ("social", "in")),
        ("Marta Ruiz contestó a mi reel de la playa", ("social", "both")),
        # someone coming to where I am, staying to talk; a passive with them as agent
        ("Marta Ruiz pasó por mi depa con unas empanadas", ("in_person", "both")),
        ("Vino Marta Ruiz con su hermano a buscar la bici", ("in_person", "both")),
        ("Marta Ruiz trajo el coche y se quedó charlando un buen rato", ("in_person", "both")),
        ("Fui recibido por Marta Ruiz en su despacho", ("in_person", "both")),
        ("Marta Ruiz me invitó a una caña en el bar de abajo", ("in_person", "both")),
        # a call returned is an exchange, as is a reply in a colloquial participle
        ("Marta Ruiz me retornó la llamada por la noche", ("call", "both")),
        ("Marta Ruiz me ha contestao el correo", ("message", "both")),
        # a ticked instruction with a colloquial call verb
        ("- [x] marcarle a Marta Ruiz por lo del presupuesto", ("call", "out")),
        # after an attempt, my own act on them in the last part, with no connector
        ("Intenté llamar a Marta Ruiz, no atendió, le escribí por Telegram", ("message", "out")),
        ("Le marqué a Marta Ruiz y no lo cogió, entonces le mandé un correo",
         ("message", "out")),
        ("Le timbré a Marta Ruiz tres veces, nada, al final le mandé un audio",
         ("message", "out")),
        ("Llamé a Marta Ruiz, nada grave, solo un resfriado", ("call", "out")),
        # a relative aside's own negation is no veto on the main clause
        ("Marta Ruiz, a quien no veía desde la boda, me invitó a cenar en su casa",
         ("in_person", "both")),
        # their past act on me, the name opening the clause
        ("Marta Ruiz me prestó su taladro", ("in_person", "both")),
        ("Marta Ruiz me ha cortado el pelo en su peluquería", ("in_person", "both")),
        # their act on me with the name after its verb; a hand given; a visit dropped in on
        ("Me prestó Marta Ruiz la escalera", ("in_person", "both")),
        ("Nos ha traído Marta Ruiz unos alfajores", ("in_person", "both")),
        ("Marta Ruiz nos hizo una paella en su terraza", ("in_person", "both")),
        ("Marta Ruiz me dio una mano con la mudanza", ("in_person", "both")),
        ("Marta Ruiz cayó de sorpresa con facturas", ("in_person", "both")),
        # the writer and a contact as subject, in the perfect
        ("Marta Ruiz y yo hemos ido al mercado de abastos", ("in_person", "both")),
        # a service's session named as a diary's entry; turning up where I am; a call
        # answered at the first try (no person "a la primera")
        ("10:00 tutoría con Marta Ruiz", ("in_person", "both")),
        ("Mentoría con Marta Ruiz sobre la tesis", ("in_person", "both")),
        ("Por la tarde apareció Marta Ruiz por el bar", ("in_person", "both")),
        ("Se apareció Marta Ruiz por la oficina con churros", ("in_person", "both")),
        ("Marta Ruiz me cogió el teléfono a la primera", ("call", "both")),
        # a diary's entry about their occasion, then what we did there
        ("Boda de Marta Ruiz en Toledo, bailamos hasta las tantas", ("in_person", "both")),
        ("Santo de Marta Ruiz en su piso, brindamos con cava", ("in_person", "both")),
        # we did something together, said after the name
        ("En el curso de cerámica me tocó Marta Ruiz de compañera, modelamos un jarrón juntas",
         ("in_person", "both")),
        # my act on them by a personal "a"
        ("Abracé a Marta Ruiz en el velorio", ("in_person", "both")),
        ("Atendí a Marta Ruiz en la consulta de la mañana", ("in_person", "both")),
        # my past act on them: "le" + a verb I did + "a ·"
        ("Le devolví las llaves a Marta Ruiz antes de irme", ("in_person", "both")),
        ("Le expliqué las cuentas a Marta Ruiz en la cafetería", ("in_person", "both")),
        # a companion after a leading clause of concession or time
        ("Aunque el partido terminó tardísimo y con lluvia, acabé cenando con Marta Ruiz",
         ("in_person", "both")),
    ],
)
def test_spanish_structures_of_an_encounter(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        # a reschedule that names the thing moved
        "Pushed the coffee with Marta Ruiz back to Thursday",
        "Moved dinner with Marta Ruiz to the following week",
        # the writer only as the owner of the place: their meeting
        "Marta Ruiz and Luis Gómez met at my housewarming",
        # a diary's label: a plan
        "Calendar: Fri 3pm, coffee w/ Marta Ruiz",
        # an adverb of how seldom is no day's event; an agreement to meet instead is no outcome
        "Marta Ruiz and I rarely spoke at work",
        "Coffee with Marta Ruiz — agreed to meet next week instead",
        # a cancellation in other words; an invite put in the calendar
        "Brunch with Marta Ruiz got scrapped",
        "Sent Marta Ruiz a calendar invite for next Thursday's walk",
    ],
)
def test_english_plans_and_others_meetings_stay_non_events(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    "line",
    [
        # the guards of the shapes above (these were no events before them either)
        "Marta Ruiz and I hit the gym every Monday",
        "Marta Ruiz and I go way back",
        "Marta Ruiz and I will split the bill",
        "Luis Gómez and Marta Ruiz reminded me of my cousins",
        "Marta Ruiz and Luis Gómez recommended me for the job",
        "Luis Gómez treated Marta Ruiz's knee",
        "Marta Ruiz's knee is much better",
        "Missed call from Marta Ruiz: no idea what she wanted",
        "Coffee with Marta Ruiz — cancelled",
        "Call with Marta Ruiz — agreed to reschedule",
        "When I got home she was with Marta Ruiz",
        "Popped into the office to see Marta Ruiz, she's off",
        "Called Marta Ruiz's office, she's off today",
        "Saw Marta Ruiz's post on Instagram",
        "Marta Ruiz's mum was ill. She called me in tears.",
        "Called Marta Ruiz, no answer. She never called back.",
        "Texted Marta Ruiz back in 2019",
        "Was invited over to Marta Ruiz's for Saturday",
        "Luis Gómez took Noah to Marta Ruiz for a check-up",
    ],
)
def test_english_shapes_keep_their_guards(vault, write, line):
    assert _read(vault, write, line) == []


def test_the_lemmatisers_pasts_are_pasts():
    """The shipped table of irregular pasts reads as the dictionary says (a spot check)."""
    from vinculo.default_plugins.interactions.vocab.en_past import IRREGULAR_PAST

    assert {"went", "rang", "sat", "wrote", "took"} <= set(IRREGULAR_PAST)
    assert not {"didn", "feet", "mice", "worse"} & set(IRREGULAR_PAST)


@pytest.mark.parametrize(
    "line",
    [
        # a labelled entry that tells no encounter: a date, a fact, a plan, a memory, another's
        "Marta Ruiz — cumpleaños el 12",
        "Marta Ruiz — trabaja en la universidad",
        "Marta Ruiz — pendiente llamarla",
        "Marta Ruiz — la conocí en 2015",
        "Marta Ruiz — llamó a su madre",
        "Marta Ruiz: Luis Gómez me llamó",
        "Dejé a Marta Ruiz por otra",
        # a weekday, then a present of mine (a plan) or a past of someone else's
        "El viernes quedo con Marta Ruiz en el centro",
        "El sábado desayuno con Marta Ruiz",
        "El martes comió con Marta Ruiz",
        "Leí la entrevista a Marta Ruiz en El País",
        "Entrevista a Marta Ruiz el jueves que viene",
        "Marta Ruiz, mi vecina, me cae fatal",
        "Marta Ruiz, la de contabilidad, me bloqueó",
        "Marta Ruiz y yo nunca fuimos al concierto",
        "Marta Ruiz me dio un susto con la moto",
        "Marta Ruiz me dio la lata toda la tarde",
        "Marta Ruiz se quedó a dormir en casa de Luis Gómez",
        "Le marqué a Marta Ruiz dos veces, nada",
        "Yo y Marta Ruiz trabajamos en lo mismo",
        "Marta Ruiz y yo cenaremos el viernes",
        "A Marta Ruiz le compré un regalo",
        "A Marta Ruiz le llevé la contraria",
        "A Marta Ruiz le presentaré el proyecto",
        # a social act on another name's thing is theirs
        "Marta Ruiz comentó en el post de Luis Gómez",
        "Marta Ruiz comentó la foto del perro de Luis Gómez",
        "Marta Ruiz - cumple el 12",
        # her own thing, or mine that only stands near her
        "Marta Ruiz compartió su hilo sobre vivienda",
        "Como mi foto con Marta Ruiz no salió, la borré",
        # no arrival, no act on me that puts us together
        "No vino Marta Ruiz a recoger la bici",
        "Fui bloqueado por Marta Ruiz en Instagram",
        "Marta Ruiz me debe dinero",
        "Marta Ruiz me bloqueó en Twitter",
        "Marta Ruiz me gustó mucho en la obra",
        # my act on someone that needs no meeting; a figure of speech; a plan
        "Recomendé a Marta Ruiz para el puesto",
        "Extrañé a Marta Ruiz toda la tarde",
        "Voté a Marta Ruiz para delegada",
        "Abrazaré a Marta Ruiz cuando vuelva",
        "Atendí a Marta Ruiz el lunes que viene",
        "Marta Ruiz me hizo gracia con su discurso",
        "Marta Ruiz me cayó bien",
        "Marta Ruiz apareció por la tele",
        # a figure of speech, a future, a dream, an occasion to come
        "Marta Ruiz me cambió la vida",
        "Le entregaré el informe a Marta Ruiz",
        "Abracé a Marta Ruiz en sueños",
        "Boda de Marta Ruiz el sábado que viene, compramos el regalo",
        # a bare reminder of their occasion; a togetherness of the past or of others
        "Cumple de Marta Ruiz",
        "Cumple de Marta Ruiz, tenemos que comprar regalo",
        "Marta Ruiz vive sola, antes vivíamos juntos",
        "Marta Ruiz y Luis Gómez hicieron los deberes juntos",
        "Cenaría con Marta Ruiz si tuviera tiempo",
        "Me cambió el turno Marta Ruiz",
        # a call that reached the voicemail; something read in the press
        "Le timbré a Marta Ruiz y me mandó al buzón",
        "Intenté llamar a Marta Ruiz, no contestó, le dejé un mensaje de voz",
        "Leí en la revista la carta de Marta Ruiz, muy bien escrita",
        # done for them, not with them; a plan; a negation
        "Le compré un libro a Marta Ruiz para su cumple",
        "Le reservé la pista a Marta Ruiz para el sábado",
        "Le aparté a Marta Ruiz el lunes dos kilos de tomate",
        "Le voy a dar el libro a Marta Ruiz",
        "No le dije nada a Marta Ruiz",
        "Le conté a Luis Gómez lo de Marta Ruiz",
    ],
)
def test_spanish_structures_that_tell_no_encounter(vault, write, line):
    assert _read(vault, write, line) == []


# The sixth pass: mood and scope (docs/ladder.md, "the sixth pass" under each language).
@pytest.mark.parametrize(
    "line",
    [
        # an arrangement told in the past: my past of arranging, then a weekday or a purpose
        "Quedé con Marta Ruiz el viernes para ver la expo de fotografía",
        "Dejé apalabrada con Marta Ruiz una paella el domingo",
        "Arreglé con Marta Ruiz para ir juntas al teatro",
        "Coordiné con Marta Ruiz para vernos en la feria del libro",
        # a plan that fell through after it
        "La cena con Marta Ruiz se nos cayó, tenía fiebre",
        "El café con Marta Ruiz se ha caído otra vez",
        # what should have been done
        "Debí haber llamado a Marta Ruiz antes del viaje",
        "Debimos haber cenado con Marta Ruiz",
        # a call that found the line busy or no signal
        "Telefoneé a Marta Ruiz y daba ocupado",
        "Le marqué a Marta Ruiz pero no tenía cobertura en el pueblo",
        # English: a reminder heading the line, what should have been, someone else met
        "Note to self: coffee with Marta Ruiz on Monday",
        "Please remember: drinks with Marta Ruiz after work",
        "Shoulda messaged Marta Ruiz before the weekend",
        "Woulda called Marta Ruiz if the battery had lasted",
        "Marta Ruiz met the architect at the site and they signed off the plans",
        "Marta Ruiz met a buyer from Hull",
        "Marta Ruiz met the new tenant",
    ],
)
def test_sixth_pass_non_events(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # how a meeting is told with "quedar", and a subjunctive after a pronoun
        ("Quedé con Marta Ruiz para tomar unas cañas", ("in_person", "both")),
        ("He llamado a Marta Ruiz para que se quede con el perro el domingo", ("call", "out")),
        # a settling verb that is a thing done together
        ("Arreglé la lavadora con Marta Ruiz", ("in_person", "both")),
        # "met" with the writer, or with us
        ("Marta Ruiz met us at the airport", ("in_person", "both")),
        ("Remember when Marta Ruiz and I had lunch at the pier", ("in_person", "both")),
    ],
)
def test_sixth_pass_guards(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a message that came in, then my answer in a later part of the line: both ways
        ("Marta Ruiz dropped me a line about the lease, told her it was fine", ("message", "both")),
        ("Marta Ruiz emailed asking for the invoice, I sent it after lunch", ("message", "both")),
        ("Marta Ruiz whatsapped me the menu and I left comments on it", ("message", "both")),
        # what I told them in their call stays their call; what they said is no answer of mine
        ("Call from Marta Ruiz, told her I'd ring back", ("call", "in")),
        ("Marta Ruiz texted me, she said she was fine", ("message", "in")),
        # time on the phone with someone, a call returned, a call or message back
        ("Spent the evening on the phone to Marta Ruiz", ("call", "both")),
        ("- [x] ring Marta Ruiz back", ("call", "both")),
        ("Marta Ruiz me escribió de vuelta", ("message", "both")),
        ("Le marqué de vuelta a Marta Ruiz", ("call", "both")),
        # "her" before a thing of hers is no one the act came from
        ("Shared Marta Ruiz's reel from her trip to Oslo", ("social", "out")),
    ],
)
def test_sixth_pass_directions(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a cancellation in a leading clause told in the past is the setting
        ("Después de que se suspendió el ensayo, cené con Marta Ruiz", ("in_person", "both")),
        ("Even though the flight got cancelled, Marta Ruiz and I had a lovely dinner",
         ("in_person", "both")),
        # done all the same, after a contrast
        ("Se canceló el partido pero igual fui al bar con Marta Ruiz", ("in_person", "both")),
        # a trailing clause of time or cause about something else
        ("Rang Marta Ruiz because the site visit got postponed", ("call", "out")),
        ("Had a call with Marta Ruiz after the board meeting was cancelled", ("call", "both")),
    ],
)
def test_sixth_pass_a_cancellation_of_something_else(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        "Quedé con Marta Ruiz pero igual no vino",
        "Lunch with Marta Ruiz, cancelled after she got sick",
        "Coffee with Marta Ruiz got cancelled because of the strike",
        "Cuando venga Marta Ruiz, cenamos",
    ],
)
def test_sixth_pass_a_cancellation_of_the_event_itself(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a log's entry with a verbless head: with the labelled contact
        ("Marta Ruiz — discovery call, keen on the pilot", ("call", "both")),
        ("Marta Ruiz: onboarding call, forty minutes", ("call", "both")),
        # my past on them, a pronoun for the contact
        ("Marta Ruiz — walked her round the flat, she loved the kitchen", ("in_person", "both")),
        # a parenthesis of who they are before the dash
        ("Marta Ruiz (casera) — call de diez minutos", ("call", "both")),
    ],
)
def test_sixth_pass_log_entries(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line", ["Marta Ruiz — discovery call next week", "Marta Ruiz — need to ring her"])
def test_sixth_pass_log_entries_keep_their_guards(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a call "off" someone, as the north of England says it
        ("Had a ring off Marta Ruiz about the rota", ("call", "in")),
        ("Got a call off Marta Ruiz on my way home", ("call", "in")),
        # someone coming to the place the writer works at
        ("Marta Ruiz came down to the clinic with the forms", ("in_person", "both")),
        ("Marta Ruiz came to the workshop to pick up her bike", ("in_person", "both")),
    ],
)
def test_sixth_pass_calls_off_and_arrivals(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # the writer's own part between the name and the phrase, on a pronoun for them
        ("Marta Ruiz buzzed me twice so I phoned her back", ("call", "both")),
        ("Marta Ruiz was around, so I messaged her about the keys", ("message", "out")),
    ],
)
def test_sixth_pass_my_own_part_on_them(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    ["Marta Ruiz was busy so I rang her sister", "Marta Ruiz was away, so I called Luis Gómez"])
def test_sixth_pass_my_own_part_on_someone_else(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a noun in "-ería" after an article is a place, not an imperfect
        ("Fuimos a la verbena de la romería con Marta Ruiz", ("in_person", "both")),
        ("Subimos a la romería del pueblo con Marta Ruiz", ("in_person", "both")),
    ],
)
def test_sixth_pass_a_noun_after_an_article_is_no_imperfect(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # they came into the story, then "we had" a talk, a drink, a meal together
        ("Marta Ruiz pulled in at the garage and we had a proper natter", ("in_person", "both")),
        ("Marta Ruiz parked outside the pub and we had a couple of pints", ("in_person", "both")),
    ],
)
def test_sixth_pass_we_had_together(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


def test_sixth_pass_we_had_a_row_is_no_time_together(vault, write):
    assert _read(vault, write, "Marta Ruiz pulled in at the garage and we had a row") == []


@pytest.mark.parametrize(
    "line",
    [
        "Marta Ruiz me presentó a Luis Gómez en la fiesta",
        "Marta Ruiz nos presentó a Luis Gómez después del concierto",
    ],
)
def test_a_contact_who_acts_on_me_toward_another_name_is_still_my_encounter(vault, write, line):
    """The Spanish personal "a" before another name makes the act theirs toward that name,
    unless the act is on me first ("· me presentó a ·"): then it is mine with them."""
    assert _read(vault, write, line) != []


# The seventh pass. A log's entry labelled with the contact takes its encounter, and its medium,
# from the part of the entry that tells it, not from what a later part says of someone else.
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a later part's medium is about something else: a plan, a third party
        ("Marta Ruiz — revisamos el contrato, ella lo mandará por email", ("in_person", "both")),
        ("Marta Ruiz — we went through the budget: the bank called twice",
         ("in_person", "both")),
        ("Marta Ruiz — revisamos el presupuesto, luego llamé al banco", ("in_person", "both")),
        # a later part's event with someone else no longer hides ours
        ("Marta Ruiz — we went through the budget, then called the bank", ("in_person", "both")),
        ("Marta Ruiz: repasamos el plan en su despacho, después llamé a mi madre",
         ("in_person", "both")),
        ("Marta Ruiz — revisamos el contrato, luego le mandé el acta a Luis Gómez",
         ("in_person", "both")),
        # the part that tells it names its medium
        ("Marta Ruiz — quarterly review, we went through the numbers on Zoom", ("call", "both")),
    ],
)
def test_seventh_pass_a_log_entry_reads_the_part_about_the_contact(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        # someone else's part before any of ours: the entry is theirs
        "Marta Ruiz — Luis Gómez called, we went through it",
        "Marta Ruiz — her boss called, wants the deck",
        # an intention or a cancellation still reaches the whole entry
        "Marta Ruiz — need to ring her, we went over it last week",
        "Marta Ruiz — coffee at the bakery, cancelled last minute",
        "Marta Ruiz — lunch, she cancelled",
    ],
)
def test_seventh_pass_a_log_entry_keeps_its_guards(vault, write, line):
    assert _read(vault, write, line) == []


# The seventh pass: one reading of a companion after another part of the sentence, for every
# language — a leading clause of time or concession up to its comma (the vocabulary's
# ``leads``), or whatever stands before the writer as the subject.
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("While the kids were at school, fixed the fence with Marta Ruiz", ("in_person", "both")),
        ("When the meeting finally ended, walked back to the station with Marta Ruiz",
         ("in_person", "both")),
        ("Although the workshop ran late I still made it to the pub with Marta Ruiz",
         ("in_person", "both")),
        ("Aunque el turno fue un caos, alcancé a tomarme un café con Marta Ruiz",
         ("in_person", "both")),
    ],
)
def test_seventh_pass_a_companion_after_a_leading_part(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        # someone else's company, a verb that takes "with" alone, a plan after the lead
        "When I arrived, he was already with Marta Ruiz",
        "Although I was tired, I agreed with Marta Ruiz on the budget",
        "Aunque llovía, saldremos con Marta Ruiz",
        # "he" is the Spanish perfect only before a participle
        "He was with Marta Ruiz at the bar",
    ],
)
def test_seventh_pass_no_companion_after_a_leading_part(vault, write, line):
    assert _read(vault, write, line) == []


def test_seventh_pass_he_before_a_participle_is_the_writers_perfect(vault, write):
    assert _read(vault, write, "He estado toda la tarde con Marta Ruiz") == [("in_person", "both")]


class PortugueseLeads:
    """A third-party vocabulary whose leading clauses its own words open."""

    @hookimpl
    def register_vocabulary(self):
        return [Vocabulary("pt", events={"call": (r"liguei para",)}, companions=(r"com",),
                           done=(r"\w+ei",), leads=(r"enquanto", r"embora"))]


def test_seventh_pass_a_vocabulary_plugin_brings_its_own_leads(vault, write):
    line = "Enquanto as crianças brincavam lá fora, joguei xadrez com Marta Ruiz"
    pm = get_plugin_manager()
    assert _read(vault, write, line, pm) == []
    pm.register(PortugueseLeads(), name="portuguese-leads")
    assert _read(vault, write, line, pm) == [("in_person", "both")]


# The seventh pass, on the fifth tuning corpus's English: who is reached, whose act on what,
# what a later part of the clause tells. Sentences written for this file.
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # "us" after their verb is whom they reached; a "we" in what they asked is content
        ("Marta Ruiz texted us at midnight asking if I'd fed the cat", ("message", "in")),
        ("Marta Ruiz rang at teatime wanting to know if we're coming to the fair",
         ("call", "in")),
        ("Marta Ruiz phoned about the raffle, she needs three prizes from us", ("call", "in")),
        # a part of our own after theirs is still an exchange
        ("Marta Ruiz dialled in at noon and we went through the whole budget", ("call", "both")),
        # a past of theirs on a public thing of mine is a social act towards me
        ("Marta Ruiz dropped a fire emoji on my reel from the gig", ("social", "in")),
        ("Marta Ruiz wrote a lovely note on my Facebook wall", ("social", "in")),
        # after a plan that fell through, a pronoun for them whose message reached me
        ("Was meant to film Marta Ruiz at the studio, she messaged at 9 to move it to Friday",
         ("message", "in")),
    ],
)
def test_seventh_pass_who_is_reached_and_whose_act(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        "Marta Ruiz saw it on my story",  # took it in: no act towards me
        "Luis Gómez liked it after Marta Ruiz posted on my wall",  # someone else's act first
        "Was meant to film Marta Ruiz at the studio, she messaged her manager instead",
        "Was meant to film Marta Ruiz at the studio, she never messaged",
    ],
)
def test_seventh_pass_no_act_towards_me(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # the channel a messaging app names: its chat, its name alone, its verb
        ("Short Teams chat w/ Marta Ruiz about the rota", ("message", "both")),
        ("Group chat with Marta Ruiz about the holiday cottage", ("message", "both")),
        ("Messenger ping-pong with Marta Ruiz over the car share", ("message", "both")),
        ("Marta Ruiz WeChatted me the invoice", ("message", "in")),
        ("Marta Ruiz snapped me a photo of the queue", ("message", "in")),
        ("Marta Ruiz sent a quick msg from the airport", ("message", "in")),
        # a call answered; a phone without its article
        ("Marta Ruiz picked my call at last", ("call", "both")),
        ("Marta Ruiz and I were on phone till midnight", ("call", "both")),
        # "wi" for "with"; round at theirs without "to"; sent home is no message
        ("Long walk wi Marta Ruiz along the quay", ("in_person", "both")),
        ("Went round Marta Ruiz's for a cuppa, she sent us home with scones",
         ("in_person", "both")),
        # a meal named by its day is no later day
        ("Went to Marta Ruiz's for Sunday roast", ("in_person", "both")),
    ],
)
def test_seventh_pass_media_and_places(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        # a call whose other end was down reached no one
        "Rang Marta Ruiz twice, her phone was switched off",
        "Called Marta Ruiz, the line wasn't connecting",
        # a day to come for a meal is still a plan
        "Lunch with Marta Ruiz for Sunday",
        "Marta Ruiz snapped at me in the corridor",
    ],
)
def test_seventh_pass_media_non_events(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a social act on "us" reached me
        ("Marta Ruiz tagged us in a clip from the wedding", ("social", "in")),
        ("Marta Ruiz followed us on Instagram after the match", ("social", "in")),
        # a title without a full stop is the name's company, not a word of the clause
        ("Ward round with Luis Gómez and Sister Marta before the handover", ("in_person", "both")),
    ],
)
def test_seventh_pass_us_and_titles(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


def test_seventh_pass_followed_somewhere_is_no_follow(vault, write):
    assert _read(vault, write, "Marta Ruiz followed us into the tunnel") == []


@pytest.mark.parametrize(
    "line",
    [
        # someone else as the subject after a time or a circumstance opening the clause
        "Yesterday she had dinner with Marta Ruiz",
        "Later my sister had lunch with Marta Ruiz",
        "After the concert the drummer went for a drink with Marta Ruiz",
        "On Friday my brother called Marta Ruiz",
        "At lunch Oliver chatted with Marta Ruiz",
        "Our neighbour visited Marta Ruiz in hospital",
        "Mum rang Marta Ruiz about the party",
    ],
)
def test_seventh_pass_someone_else_after_a_leading_time(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Yesterday I had dinner with Marta Ruiz", ("in_person", "both")),
        ("Later my sister and I had lunch with Marta Ruiz", ("in_person", "both")),
        ("At lunch chatted with Marta Ruiz", ("in_person", "both")),
        # "He" opening a Spanish perfect is the writer, not someone else
        ("He comentado la foto de Marta Ruiz", ("social", "out")),
    ],
)
def test_seventh_pass_the_writer_after_a_leading_time(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


# An instruction after what makes it something done — an achievement or how it felt — is
# reported done, as a ticked task's instruction is (the vocabulary's ``achieved``).
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Managed to ring Marta Ruiz before her flight", ("call", "out")),
        ("Finally got to visit Marta Ruiz at her new place", ("in_person", "both")),
        ("It was great to finally see Marta Ruiz after all these years", ("in_person", "both")),
        ("So good to hear from Marta Ruiz", ("message", "in")),
        ("Such a treat to see Marta Ruiz again", ("in_person", "both")),
        ("Found time to phone Marta Ruiz", ("call", "out")),
    ],
)
def test_seventh_pass_an_instruction_achieved(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        "Would be great to see Marta Ruiz",
        "It'd be nice to meet Marta Ruiz",
        "Never managed to call Marta Ruiz",
        "Good to see Marta Ruiz next week",
        "Great to see Marta Ruiz's new book out",
        "Got to call Marta Ruiz",  # an obligation, as often as a chance
    ],
)
def test_seventh_pass_an_instruction_not_achieved(vault, write, line):
    assert _read(vault, write, line) == []


class PortugueseAchieved:
    """A third-party vocabulary whose achievements its own words say."""

    @hookimpl
    def register_vocabulary(self):
        return [Vocabulary("pt", events={"call": (r"liguei para",)},
                           tasks={"call": (r"ligar para",)}, achieved=(r"consegui",))]


def test_seventh_pass_a_vocabulary_plugin_brings_its_own_achievements(vault, write):
    line = "Consegui ligar para Marta Ruiz antes do voo"
    pm = get_plugin_manager()
    assert _read(vault, write, line, pm) == []
    pm.register(PortugueseAchieved(), name="portuguese-achieved")
    assert _read(vault, write, line, pm) == [("call", "out")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # an expectation denied is the achievement's mood: it happened all the same
        ("Didn't expect to see Marta Ruiz at the gym", ("in_person", "both")),
        ("Wasn't expecting to bump into Marta Ruiz", ("in_person", "both")),
        # after a turn without a comma, a pronoun for them whose message reached me
        ("Never thought I'd hear from Marta Ruiz again but she emailed today", ("message", "in")),
    ],
)
def test_seventh_pass_mood_of_a_denied_expectation_and_a_turn(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


def test_seventh_pass_a_turn_to_their_failure_stays_one(vault, write):
    assert _read(vault, write, "Tried Marta Ruiz but she never texted back") == []


# Spanish: the verb's form. A first person in "-ré" is a future only when it is the infinitive
# and "-é" ("saldré", "cenaré"); a preterite of another shape ("encontré", "operé": a verb in
# "-rar", as the lemmatiser's dictionary says) is a thing done.
@pytest.mark.parametrize(
    "line",
    [
        "Encontré a Marta Ruiz en el mercado",
        "Hoy encontré a Marta Ruiz por la calle",
        "Operé a Marta Ruiz de la rodilla",
        "Preparé a Marta Ruiz para la entrevista",
        "Mostré a Marta Ruiz el taller",
    ],
)
def test_spanish_preterites_in_re_are_pasts(vault, write, line):
    assert _read(vault, write, line) == [("in_person", "both")]


@pytest.mark.parametrize(
    "line",
    [
        # a future, with or without a leading clause: a plan
        "Saldré con Marta Ruiz",
        "Cenaré con Marta Ruiz",
        "Comeré con Marta Ruiz el lunes",
        "Prepararé la paella con Marta Ruiz",
        "Aunque llovía, saldré con Marta Ruiz",
        "Aunque estaba cansada, iré con Marta Ruiz",
        "Ya en casa, cenaré con Marta Ruiz",
        "Luego estaré con Marta Ruiz",
        # a head whose verb is someone else's (a thing's): no entry of the writer's
        "Me salió un recuerdo con Marta Ruiz en Facebook",
        "Me ha salido un recuerdo con Marta Ruiz",
        # greetings sent through someone else: not with the one greeted
        "Le mandé saludos a Marta Ruiz a través de Luis Gómez",
        "A través de Luis Gómez le mandé saludos a Marta Ruiz",
    ],
)
def test_spanish_plans_memories_and_greetings_carried_are_no_events(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # (guards: the same shapes where the writer did it)
        ("Preparé la paella con Marta Ruiz", ("in_person", "both")),
        ("Me tocó guardia con Marta Ruiz", ("in_person", "both")),
        ("Conocí a Marta Ruiz a través de Luis Gómez", ("in_person", "both")),
        ("Le mandé saludos a Marta Ruiz", ("message", "out")),
        ("Tardeo con la Marta Ruiz en la plaza", ("in_person", "both")),
    ],
)
def test_spanish_verb_form_guards(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


def test_greetings_sent_through_a_go_between_count_for_the_go_between(vault, write):
    _read(vault, write, "Le mandé saludos a Luis Gómez a través de Marta Ruiz")
    index = build_index(vault, load_config(vault), get_plugin_manager(), TODAY)
    assert [i.channel for i in index.histories["Marta Ruiz"].interactions] == ["message"]
    assert index.histories["Luis Gómez"].interactions == []


class SpanishWords:
    """A third-party vocabulary that adds to the Spanish word lists and verb forms."""

    @hookimpl
    def register_vocabulary(self):
        return [Vocabulary("es-extra", events={}, word_lists={"not_with_them": ("encontr",)},
                           future=(r"\w+re",))]  # a future written without its accent


def test_a_vocabulary_plugin_adds_to_the_word_lists_and_verb_forms(vault, write):
    pm = get_plugin_manager()
    lines = ("Encontré a Marta Ruiz en el mercado", "Saldre con Marta Ruiz")
    assert [_read(vault, write, line, pm) for line in lines] == [[("in_person", "both")]] * 2
    pm.register(SpanishWords(), name="spanish-words")
    assert [_read(vault, write, line, pm) for line in lines] == [[]] * 2


# Spanish as it is spoken: a participle clipped of its "d" ("me ha llamao", "le he dao un
# toque"), someone coming here or doing something "conmigo", and the plans, cancellations and
# repeated attempts told the same way.
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("La Marta Ruiz me ha llamao esta mañana", ("call", "in")),
        ("Marta Ruiz me ha dejao un audio", ("message", "in")),
        ("Le he dao un toque a Marta Ruiz", ("call", "out")),
        ("Marta Ruiz me ha etiquetao en una foto", ("social", "in")),
        ("Me he encontrao a Marta Ruiz en la plaza", ("in_person", "both")),
        ("He compartío el vídeo de Marta Ruiz", ("social", "out")),
        ("- [x] contestar a Marta Ruiz lo del presupuesto", ("message", "both")),
        ("Marta Ruiz vino a arreglar la caldera", ("in_person", "both")),
        ("Marta Ruiz pasó por la escuela a pedirme las notas", ("in_person", "both")),
        ("Marta Ruiz se acercó por la tienda a saludarnos", ("in_person", "both")),
        ("Marta Ruiz pasó por el bar y se echó una caña conmigo", ("in_person", "both")),
        ("Marta Ruiz llegó al huerto y estuvo toda la tarde conmigo", ("in_person", "both")),
    ],
)
def test_spanish_as_spoken_reads_events(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        "La comida con Marta Ruiz se ha suspendido",
        "La comida con Marta Ruiz se ha cancelao por la lluvia",
        "La comida con Marta Ruiz se ha retrasado pal domingo",
        "La cita con Marta Ruiz quedó pal lunes",
        "Cuadré con Marta Ruiz pa ensayar el sábado",
        "Marta Ruiz no contestó, la llamé tres veces más",
        "Marta Ruiz colgó un vídeo de la boda, lo vi dos veces",
    ],
)
def test_spanish_as_spoken_reads_no_events(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    "line",
    [
        # (guards: a coming that is no visit, a feeling, a plan moved in the perfect)
        "Marta Ruiz vino a vivir a Cartagena",
        "Marta Ruiz pasó por Valencia a ver a su hermana",
        "Marta Ruiz se enfadó conmigo",
        "La reunión con Marta Ruiz se ha pasado al jueves",
    ],
)
def test_spanish_as_spoken_no_event_guards(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # (guards: a fallback in another medium, someone seen, a visit said in full)
        ("Intenté llamar a Marta Ruiz, no contestó, le dejé un mensaje", ("message", "out")),
        ("A Marta Ruiz la vi en el mercado", ("in_person", "both")),
        ("Marta Ruiz vino a traerme las llaves", ("in_person", "both")),
    ],
)
def test_spanish_as_spoken_guards(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


# Spanish: the medium a clause names when its event is read from its structure, the direction
# of a purpose's verbs, things of mine shared, and a network's borrowed verbs.
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Marta Ruiz me dio follow en Instagram", ("social", "in")),
        ("Le di un shoutout a Marta Ruiz en mi directo", ("social", "out")),
        ("Mensajitos con Marta Ruiz toda la mañana", ("message", "both")),
        ("Marta Ruiz y yo estuvimos un buen rato en el teléfono", ("call", "both")),
        ("Marta Ruiz y yo nos pasamos la tarde mandándonos memes", ("message", "both")),
        ("Le tiré un texto a Marta Ruiz pa ver si viene", ("message", "out")),
        ("Marta Ruiz me llamó pa que la lleve a la estación", ("call", "in")),
        ("Marta Ruiz ha compartido en su muro mi receta", ("social", "in")),
        ("Marta Ruiz me tagueó en una foto", ("social", "in")),
        ("He reposteado el vídeo de Marta Ruiz", ("social", "out")),
        ("Llamé a Marta Ruiz, platicamos un buen rato", ("call", "both")),
        # (guards: a reply after the purpose is an exchange; a follow-up is no follow)
        ("Le escribí a Marta Ruiz para preguntarle y me contestó al rato", ("message", "both")),
        ("- [x] Follow-up with Marta Ruiz on the roadmap", ("in_person", "both")),
    ],
)
def test_spanish_medium_and_direction_by_structure(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a reply on a public thing is social, its person named between; a like "al me gusta"
        ("Le contesté a Marta Ruiz en los comentarios de su reel", [("social", "both")]),
        ("Le respondí a Marta Ruiz el comentario en Facebook", [("social", "both")]),
        ("Le di al me gusta a la foto de Marta Ruiz en la playa", [("social", "out")]),
        # a pronoun for a thing the contact made, named before: no meeting
        ("La tarta que hizo Marta Ruiz estaba buenísima, la vi en la nevera", []),
        # (a guard: a reply to a private message stays a message)
        ("Le contesté a Marta Ruiz el correo", [("message", "both")]),
    ],
)
def test_spanish_replies_on_public_things_and_things_made(vault, write, line, expected):
    assert _read(vault, write, line) == expected


@pytest.mark.parametrize(
    "line",
    [
        # the second of two companions of a verbless entry: as long a head as the first's
        "Papas arrugadas y vino en el guachinche con Luis Gómez y Marta Ruiz",
        "Partida de truco en el club con el Luis Gómez y la Marta Ruiz",
    ],
)
def test_every_companion_listed_after_a_long_head(vault, write, line):
    assert _read(vault, write, line) == [("in_person", "both")]


@pytest.mark.parametrize(
    "line",
    [
        # a status closing a work note's entry: not held yet
        "- Meeting with Marta Ruiz pending",
        "- Roadmap sync with Marta Ruiz scheduled",
        "- Budget review with Marta Ruiz TBD",
        "- UI work with Marta Ruiz can wait",
        # what is coming
        "- Upcoming 1:1 with Marta Ruiz",
        "Topics for the upcoming sync with Marta Ruiz",
    ],
)
def test_an_entry_whose_status_says_it_has_not_happened(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # guards: a meeting that was arranged earlier, a later one arranged, a topic to come
        ("Finally had the catch-up with Marta Ruiz we'd scheduled", ("in_person", "both")),
        ("Call with Marta Ruiz went well, next one scheduled", ("call", "both")),
        ("Chatted with Marta Ruiz about the upcoming launch", ("in_person", "both")),
    ],
)
def test_an_event_beside_a_plan_or_a_schedule(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


# The eighth pass: an attempt told after the name or in the next sentence, a plan agreed in
# the past, an entry's status in brackets, an agenda for a meeting to come.
@pytest.mark.parametrize(
    "line",
    [
        # a call or a visit that reached no one, said after the name
        "Le hice videollamada a Marta Ruiz pero no se conectó",
        "Le di un toque a Marta Ruiz pero no lo pilló",
        "Le hablé a Marta Ruiz por teléfono y no me contestó",
        "Pasé por lo de Marta Ruiz pero estaba cerrado",
        "Fui a la oficina de Marta Ruiz y estaba de vacaciones",
        "Llegué a casa de Marta Ruiz y ya se había ido",
        "Quedé con Marta Ruiz pero no se presentó",
        "Busqué a Marta Ruiz en la feria pero no la encontré",
        "Estuve intentando hablar con Marta Ruiz toda la tarde",
        # a message that never arrived
        "El mensaje a Marta Ruiz no se entregó",
        "Le mandé un whatsapp a Marta Ruiz pero me tiene bloqueado",
        "Emailed Marta Ruiz and got an out-of-office",
        # the failure in the next sentence of the line
        "Llamé a Marta Ruiz. No contestó",
        "Le marqué a Marta Ruiz; buzón",
        "Fui a casa de Marta Ruiz. No estaba.",
        "Phoned Marta Ruiz; no answer",
        "Rang Marta Ruiz. Straight to voicemail.",
        # a plan agreed in the past, or put in the calendar; what they published
        "Acordamos con Marta Ruiz vernos el lunes",
        "Apunté en el calendario la comida con Marta Ruiz",
        "Leí lo que escribió Marta Ruiz en su blog",
        # a status in brackets closing the entry
        "Meeting with Marta Ruiz (pending)",
        "Lunch with Marta Ruiz (TBC)",
        "Reunión con Marta Ruiz (pendiente)",
        # an agenda for a meeting to come
        "Items to raise with Marta Ruiz",
        "Points to cover with Marta Ruiz: budget, hiring",
        "To discuss with Marta Ruiz: the budget",
        "Need a call with Marta Ruiz",
    ],
)
def test_eighth_pass_attempts_plans_and_agendas_count_for_nothing(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # guards: a message sent is sent, answered or not; a call or a meeting with news after
        ("Texted Marta Ruiz. No reply yet.", ("message", "out")),
        ("Le escribí a Marta Ruiz. No contestó todavía.", ("message", "out")),
        ("Called Marta Ruiz. Nothing new on the contract.", ("call", "out")),
        ("Rang Marta Ruiz. No answer to the visa question yet, she's checking.", ("call", "out")),
        ("Llamé a Marta Ruiz. Nada nuevo sobre el piso.", ("call", "out")),
        ("Lunch with Marta Ruiz. Nothing special.", ("in_person", "both")),
        ("Cené con Marta Ruiz. No hablamos de trabajo.", ("in_person", "both")),
        ("Comí con Marta Ruiz y no la vi tan cansada como decía", ("in_person", "both")),
        ("Hablé con Marta Ruiz y estaba de vacaciones en Cádiz, me contó todo", ("in_person", "both")),
        ("Leí lo que me escribió Marta Ruiz", ("message", "in")),
        ("Discussed the items to raise with the board with Marta Ruiz over coffee",
         ("in_person", "both")),
        ("To celebrate, had dinner with Marta Ruiz", ("in_person", "both")),
        ("Checked in with Marta Ruiz, she wants a chat next week", ("in_person", "both")),
        ("Reunión con Marta Ruiz, todo pendiente de la firma", ("in_person", "both")),
        ("Llamé a Marta Ruiz para confirmar.", ("call", "out")),
    ],
)
def test_eighth_pass_events_beside_a_failure_word(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        # what would have been, contracted; a plan told in the past; their story
        "Could've had lunch with Marta Ruiz but I was swamped",
        "Had I known, I'd have visited Marta Ruiz",
        "Planned to catch up with Marta Ruiz after the holidays",
        "Luis Gómez mentioned he saw Marta Ruiz at the gym",
    ],
)
def test_eighth_pass_what_would_have_been_and_their_story(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # coming for a meal, a lesson given, their hands on a thing of mine, staying with me
        ("Marta Ruiz came for lunch", ("in_person", "both")),
        ("Taught Marta Ruiz to knit", ("in_person", "both")),
        ("Marta Ruiz fixed my bike", ("in_person", "both")),
        ("Marta Ruiz cut my hair before the wedding", ("in_person", "both")),
        ("Marta Ruiz se quedó conmigo toda la tarde", ("in_person", "both")),
    ],
)
def test_eighth_pass_time_together_without_an_event_phrase(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        # guards: someone of theirs, a meal to come, their class taken over, no "conmigo"
        "Marta Ruiz's mechanic fixed my bike",
        "Marta Ruiz came for lunch next Friday",
        "Taught Marta Ruiz's class while she was off",
        "Marta Ruiz se quedó con mis llaves",
    ],
)
def test_eighth_pass_no_time_together_beside_those_shapes(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    "line",
    [
        # a call that found no one, as Spanish says it in many places
        "Le di una llamada a Marta Ruiz y no me tomó el teléfono",
        "Le llamé a Marta Ruiz pero no me alzó",
        "Llamé a Marta Ruiz y nun contestó",
        "Le he llamado a Marta Ruiz y no me lo ha cogido",
        "Llamé a Marta Ruiz: no contestó",
        "Llamé a Marta Ruiz (no contestó)",
        "Le marqué a Marta Ruiz y sonaba y sonaba",
        "Llamé a Marta Ruiz pero se cortó la llamada antes de que contestara",
        # a visit that found no one; a message that bounced
        "Pasé a ver a Marta Ruiz pero había salido",
        "Me acerqué a casa de Marta Ruiz pero estaba todo cerrado",
        "Le mandé un correo a Marta Ruiz y me devolvió error",
        "Le escribí a Marta Ruiz y me salió que el número no existe",
    ],
)
def test_eighth_pass_spanish_calls_and_visits_that_found_no_one(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # guards: a call with news in it, what was said after a colon
        ("Llamé a Marta Ruiz y no tomó mucho tiempo arreglarlo", ("call", "out")),
        ("Llamé a Marta Ruiz: no puede venir el sábado", ("call", "out")),
    ],
)
def test_eighth_pass_spanish_calls_that_reached_them(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        # seen or heard on a screen, whatever the verb
        "Vi a Marta Ruiz en el noticiero",
        "Vi a Marta Ruiz dando una charla en YouTube",
        # at their show without a word to them
        "Fui al concierto de Marta Ruiz pero no la saludé",
        # plans made, a date agreed, left waiting, a cancellation of mine
        "Hice planes con Marta Ruiz para el puente",
        "Apalabramos con Marta Ruiz una comida",
        "Acordé una cita con Marta Ruiz",
        "Marta Ruiz me dejó colgado con la cena",
        "Cancelé la llamada con Marta Ruiz",
    ],
)
def test_eighth_pass_spanish_screens_plans_and_hearsay(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # guards: a link sent, a show we watched together is not on a screen of ours
        ("Le mandé a Marta Ruiz un link de YouTube", ("message", "out")),
        ("Fui al concierto de Marta Ruiz y la saludé al final", ("in_person", "both")),
    ],
)
def test_eighth_pass_spanish_beside_screens_and_plans(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # coming to see me, being at what I was at, a turn round the house
        ("Marta Ruiz passed through to see me after work", ("in_person", "both")),
        ("Marta Ruiz was at the barbecue too", ("in_person", "both")),
        ("Marta Ruiz se dio una vuelta por la casa", ("in_person", "both")),
    ],
)
def test_eighth_pass_presence(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        # guards: on the news, too late for something
        "Marta Ruiz was in the news as well",
        "I was at the gym too late to call Marta Ruiz",
    ],
)
def test_eighth_pass_no_presence(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    "line",
    [
        # English calls and visits that reached no one, said after a comma or a semicolon
        "Rang Marta Ruiz a couple of times, she didn't answer",
        "Went round to Marta Ruiz's flat, nobody home",
        "Swung by Marta Ruiz's desk, she was in a meeting",
        "Called Marta Ruiz on Teams, she was offline",
        "Rang Marta Ruiz's mobile, it was switched off",
        "Gave Marta Ruiz a bell, nothing doing",
        "Called Marta Ruiz thrice, no pick up",
        "Called Marta Ruiz; line dead",
        # a message with one tick, a call that did not connect, a date put in
        "Sent Marta Ruiz a WhatsApp but it only has one tick",
        "WhatsApp call to Marta Ruiz didn't connect",
        "Put a date in with Marta Ruiz",
    ],
)
def test_eighth_pass_english_calls_and_visits_that_found_no_one(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # guards: a message unanswered is sent; a call with news after the comma
        ("Texted Marta Ruiz, she didn't answer", ("message", "out")),
        ("Rang Marta Ruiz, it was great to hear her voice", ("call", "out")),
        ("Called Marta Ruiz about the ring she lost", ("call", "out")),
    ],
)
def test_eighth_pass_english_calls_that_reached_them(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        # "nun" denies as "no" does; what is still not done; a plan gone, put off, backed out of
        "Nun pude ver a Marta Ruiz",
        "Sigo sin hablar con Marta Ruiz",
        "Se fue al traste la comida con Marta Ruiz",
        "Lo del café con Marta Ruiz lo dejamos para otra ocasión",
        "Marta Ruiz se echó para atrás con lo de la cena",
        "Oí decir que Marta Ruiz comió con el alcalde",
    ],
)
def test_eighth_pass_spanish_denials_and_plans_gone(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # guards: the rest put off after a meal; "sin" about something else
        ("Comí con Marta Ruiz y lo demás lo dejamos para otro día", ("in_person", "both")),
        ("Fui con Marta Ruiz a la oficina y estuvimos sin luz toda la tarde", ("in_person", "both")),
    ],
)
def test_eighth_pass_spanish_events_beside_denials(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # greeting them or coming to greet me, in the medium named; coming home for a meal
        ("Went to greet Marta Ruiz at her house", ("in_person", "both")),
        ("Marta Ruiz came to greet me after the service", ("in_person", "both")),
        ("Greeted Marta Ruiz on WhatsApp for Eid", ("message", "out")),
        ("Marta Ruiz came home for dinner", ("in_person", "both")),
    ],
)
def test_eighth_pass_greetings_and_meals_at_home(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


def test_eighth_pass_coming_home_for_a_holiday_is_their_home(vault, write):
    assert _read(vault, write, "Marta Ruiz came home for Christmas, her parents were thrilled") == []


@pytest.mark.parametrize(
    "line",
    [
        # a number not reachable, a call not picked or cut, said she was away
        "Called Marta Ruiz, her number is not reachable",
        "Called Marta Ruiz, she's not picking",
        "Called Marta Ruiz, she cut the call",
        "Went to Marta Ruiz's office, they said she's on leave",
        # a meeting that did not hold, someone who blanked me or did not see me
        "The dinner with Marta Ruiz didn't hold",
        "Marta Ruiz blanked me at the shops",
        "Spotted Marta Ruiz at the airport but she didn't see me",
        # a status watched, not answered
        "Watched Marta Ruiz's WhatsApp status",
    ],
)
def test_eighth_pass_english_no_one_reached_and_statuses(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # guards: a status answered or shared, a call cut short, a meal that did happen
        ("Replied to Marta Ruiz's WhatsApp status", ("message", "both")),
        ("Marta Ruiz shared my poster on her Insta story", ("social", "in")),
        ("Called Marta Ruiz, we had to cut the call short", ("call", "both")),
        ("Had lunch with Marta Ruiz, it didn't happen often enough lately", ("in_person", "both")),
    ],
)
def test_eighth_pass_english_statuses_answered_and_calls_cut_short(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a visit to me, someone at mine, seeing them off
        ("Marta Ruiz estuvo de visita", ("in_person", "both")),
        ("Estuvo Marta Ruiz por casa", ("in_person", "both")),
        ("Fui a despedir a Marta Ruiz al aeropuerto", ("in_person", "both")),
    ],
)
def test_eighth_pass_spanish_visits(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


def test_eighth_pass_spanish_a_visit_to_a_city_is_theirs(vault, write):
    assert _read(vault, write, "Marta Ruiz estuvo de visita en Roma") == []


@pytest.mark.parametrize(
    "line",
    [
        # after a call, what it found said after a comma: engaged, the phone off
        "Phoned Marta Ruiz, engaged, tried again later and still engaged",
        "Rang Marta Ruiz twice, mobile switched off, probably on the plane",
        "Rang Marta Ruiz at teatime, it just rang oot",
        # a game called off, a meeting off, put back
        "Squash wi Marta Ruiz called aff, court flooded",
        "Curry with Marta Ruiz off, she's stuck at work",
        "Planning meeting with Marta Ruiz put back to next Wednesday",
        # no one around; not back yet; left on read
        "Walked up to Marta Ruiz's house after lunch, nobody around",
        "Went to Marta Ruiz's flat but she had not yet come back from work",
        "Messaged Marta Ruiz about the keys, left on read",
        # Spanish: out of service, left on read, a cancellation told in the present, one tick
        "Le marqué a Marta Ruiz y me salió que el número está fuera de servicio",
        "Le escribí a Marta Ruiz el lunes y me dejó en visto",
        "Se suspende el café con Marta Ruiz, que está con fiebre",
        "Le mandé un mensaje a Marta Ruiz y le llega con un solo tilde",
    ],
)
def test_eighth_pass_tuning6_structures_count_for_nothing(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # Jamaican speech: their call, their message, their tag; with = "wid"
        ("Marta Ruiz call mi fi come fetch har", ("call", "in")),
        ("Marta Ruiz sen mi a message bout di rent", ("message", "in")),
        ("Marta Ruiz tag mi inna photo from di party", ("social", "in")),
        ("Play cards wid Marta Ruiz a di yard", ("in_person", "both")),
        # a customer in for something; something taken to their home; they came with something
        ("Marta Ruiz was in for her prescription", ("in_person", "both")),
        ("Fui a llevarle las llaves a Marta Ruiz a su oficina", ("in_person", "both")),
        ("Vino Marta Ruiz con el pan", ("in_person", "both")),
        # guards: a heading in the news; a call after the failed meeting
        ("Ended up on a call with Marta Ruiz after the 1:1 got cancelled", ("call", "both")),
        ("Consejo con Marta Ruiz, se cae la portada del lunes", ("in_person", "both")),
    ],
)
def test_eighth_pass_tuning6_structures_read(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a customer in for something; a message from a device; out with me; up to theirs
        ("Marta Ruiz in for her paper, moaning about the weather", ("in_person", "both")),
        ("Satellite msg from Marta Ruiz, the engine is fixed", ("message", "in")),
        ("Marta Ruiz come out with me on the boat", ("in_person", "both")),
        ("Went up Marta Ruiz's office to sort the rent", ("in_person", "both")),
        ("Pastor Ruiz pray wid mi after service", ("in_person", "both")),
        # coming to my place to do something; sharing a thing we made
        ("El doctor Ruiz vino a la finca a ver las vacas", ("in_person", "both")),
        ("Marta Ruiz compartió el video que subimos", ("social", "in")),
    ],
)
def test_eighth_pass_tuning6_arrivals_and_shares(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        # guards: in for surgery later, come to live somewhere
        "Marta Ruiz in for surgery next week",
        "Marta Ruiz vino a vivir a Murcia",
    ],
)
def test_eighth_pass_tuning6_no_arrival(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # "w/" a thing is no one to exchange with; "w/" someone still is
        ("Marta Ruiz called at 6 w/ the delivery times", ("call", "in")),
        ("Call w/ Marta Ruiz", ("call", "both")),
    ],
)
def test_eighth_pass_with_a_thing_is_no_exchange(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


# The ninth pass: a failure word needs a failure reading; a veto's words are whole words.
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # "nada" or "nothing" opening the next sentence, then what the talk was about
        ("Llamé a Marta Ruiz. Nada, todo bien con el piso.", ("call", "out")),
        ("Rang Marta Ruiz. Nothing, all fine with the flat.", ("call", "out")),
        # a veto's word inside a longer word ("this off" holds "is off", "hoy no" holds "y no")
        ("Had coffee with Marta Ruiz, she took this off my hands", ("in_person", "both")),
        ("Comí con Marta Ruiz aunque hoy no la saludé,", ("in_person", "both")),
    ],
)
def test_ninth_pass_failure_words_need_a_failure(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        # the failure word alone, or with the failure after its comma
        "Llamé a Marta Ruiz. Nada.",
        "Llamé a Marta Ruiz. Nada, no contestó.",
        "Rang Marta Ruiz. Nothing, she didn't pick up.",
        "Rang Marta Ruiz. Nothing.",
        # the veto's words whole
        "Lunch with Marta Ruiz is off",
    ],
)
def test_ninth_pass_failure_words_with_a_failure(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # Scots "intae"; a verbless arrival, names joined by "n"
        ("Bumped intae Marta Ruiz outside the chemist", ("in_person", "both")),
        ("Luis Gómez n Marta Ruiz round for the darts", ("in_person", "both")),
        ("Marta Ruiz over for a cuppa", ("in_person", "both")),
        # the one called speaking after a comma: an answer, so an exchange
        ("Phoned Marta Ruiz about the ferry, she says it's running", ("call", "both")),
        ("Llamé a Marta Ruiz por la furgo, me dijo que mañana", ("call", "both")),
        ("Rang Marta Ruiz about the boat, she'll bring the nets", ("call", "both")),
    ],
)
def test_ninth_pass_arrivals_and_answers(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # guards: an arrival to come; someone else speaking; a message stays sent
        ("Marta Ruiz round for the darts next Friday", None),
        ("Phoned Marta Ruiz about the ferry, the port says it's running", ("call", "out")),
        ("Texted Marta Ruiz about the ferry, she says it's running", ("message", "out")),
    ],
)
def test_ninth_pass_arrivals_and_answers_guards(vault, write, line, expected):
    assert _read(vault, write, line) == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # thanks or an apology: the medium named is the channel, mine; none named, in person
        # (as "Le di las gracias a ·" is read)
        ("Thanked Marta Ruiz by email for the flowers", ("message", "out")),
        ("Apologised to Marta Ruiz over the phone", ("call", "out")),
        ("Apologized to Marta Ruiz in a text", ("message", "out")),
        ("Thanked Marta Ruiz for the flowers", ("in_person", "both")),
        ("Said sorry to Marta Ruiz about the mess", ("in_person", "both")),
        ("Le pedí disculpas a Marta Ruiz por lo del sábado", ("in_person", "both")),
        ("Le pedí perdón a Marta Ruiz por teléfono", ("call", "out")),
    ],
)
def test_ninth_pass_thanks_and_apologies(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    ["Need to thank Marta Ruiz for the flowers", "Should have apologised to Marta Ruiz",
     "Luis Gómez thanked Marta Ruiz for the flowers"],
)
def test_ninth_pass_thanks_not_given(vault, write, line):
    assert _read(vault, write, line) == []


# The tenth pass: a messaging verb of a brand or of Spanglish, a bare verb after the name, a
# home named by a regional noun, a medium before the activity, shares and greetings on a wall.
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Telegrammed Marta Ruiz the invoice", ("message", "out")),
        ("Marta Ruiz me textió el horario del bus", ("message", "in")),
        ("Marta Ruiz slack me about the deploy", ("message", "in")),
        ("Marta Ruiz call me back about the van", ("call", "both")),
        ("Marta Ruiz text me back about the van", ("message", "both")),
        ("Phone catch up with Marta Ruiz about the move", ("call", "both")),
        ("Hablé con Marta Ruiz por phone del contrato", ("call", "both")),
        ("Conversé por teléfono con mi prima Marta Ruiz, casi una hora", ("call", "both")),
        ("Went Marta Ruiz's house to drop the cake", ("in_person", "both")),
        ("Fui al depa de Marta Ruiz a devolverle el taladro", ("in_person", "both")),
        ("Parrillada en la yarda de Marta Ruiz", ("in_person", "both")),
        ("Misa de doce y después un cafecito con el padre Ruiz en la sacristía",
         ("in_person", "both")),
        ("Staff meeting, Marta Ruiz and Luis Gómez both there, agreed the rota",
         ("in_person", "both")),
        ("Marta Ruiz le dio share a mi video", ("social", "in")),
        ("Saludé a Marta Ruiz por su santo en su muro", ("social", "out")),
        ("Compartí en el Facebook lo que puso Marta Ruiz del viaje", ("social", "out")),
        ("Marta Ruiz compartió en el Facebook de la parroquia mi foto", ("social", "in")),
        # a conversation named by its medium, a huddle on Slack, DMs slid into
        ("Long phone convo with Marta Ruiz about the lease", ("call", "both")),
        ("Huddle with Marta Ruiz on Slack about the outage", ("call", "both")),
        ("Slack huddle with Marta Ruiz, 20 mins", ("call", "both")),
        ("Marta Ruiz slid in my DMs asking for the score", ("message", "in")),
        # a thing off its food is no one away
        ("Marta Ruiz rang, the old dog's off his food again", ("call", "in")),
    ],
)
def test_tenth_pass_events(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        # news from others with the name its subject; a summons, not a call
        "Heard from the neighbours Marta Ruiz sold her house",
        "Was meant to see Marta Ruiz but got called out to a leak",
        # a meeting moved to a date
        "Appointment with Marta Ruiz moved to the 14th",
        "Moved the call with Marta Ruiz to the 2nd",
        "La cita con Marta Ruiz pa ver el piso la movieron pal viernes",
        # a call that reached the answering machine; tickets bought for a visit to come
        "Marqué a Marta Ruiz pero me salió la contestadora",
        "Saqué el billete para ir donde la Marta Ruiz en agosto",
    ],
)
def test_tenth_pass_non_events(vault, write, line):
    assert _read(vault, write, line) == []


def test_tenth_pass_attendance_needs_a_name_before_it(vault, write):
    # (a guard for "both there": things of theirs all there are no meeting)
    assert _read(vault, write, "Checked Marta Ruiz's boxes, all there") == []


def test_tenth_pass_a_share_of_someone_elses_post_is_theirs(vault, write):
    # (a guard for the new "dio share": her act on another's thing is not one with me)
    assert _read(vault, write, "Marta Ruiz le dio share a la foto de Luis Gómez") == []
