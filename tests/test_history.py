"""Interaction history: events, not intentions; dates; channels; meeting attendees."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from vinculo.config import load_config
from vinculo.hookspecs import hookimpl
from vinculo.model import Vocabulary
from vinculo.pipeline import build_index
from vinculo.plugin_host import get_plugin_manager

TODAY = dt.date(2026, 11, 29)
PEOPLE = {
    "People/Ana García.md": "---\ntype: person\ncity: Madrid\n---\n",
    "People/Rodrigo Sanz.md": "---\ntype: person\naliases: [Rodri]\n---\n",
    "People/Encarnación Moreno.md": "---\ntype: person\naliases: [Encar]\n---\n",
}


def _index(vault: Path, pm=None):
    return build_index(vault, load_config(vault), pm or get_plugin_manager(), TODAY)


def _people(write) -> None:
    for rel, text in PEOPLE.items():
        write(rel, text)


def _events(vault: Path, name: str, pm=None) -> list[tuple[str, str]]:
    history = _index(vault, pm).histories[name]
    return [(i.date.isoformat(), i.channel) for i in history.interactions]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- Llamé a [[Rodrigo Sanz]] para hablar del taller", "call"),
        ("- had coffee with [[Rodrigo Sanz]] near the office", "in_person"),
        ("- Comida con [[Rodrigo Sanz]] en La Latina", "in_person"),
        ("- [[Rodrigo Sanz]] commented on my LinkedIn post", "social"),
        ("- [[Rodrigo Sanz]] me escribió por LinkedIn", "message"),
        ("- Videollamada con [[Rodrigo Sanz]]", "call"),
        ("- [x] Llamé a [[Rodrigo Sanz]]", "call"),
        # The earliest event phrase decides: a call to comment on a post is a call.
        ("- Llamé a [[Rodrigo Sanz]] para comentar su post", "call"),
        # An intention after the event is part of the story, not a plan.
        ("- Called [[Rodrigo Sanz]]; he wants to meet next month", "call"),
        ("- [[Rodrigo Sanz]] replied to my e-mail: he wants to see the outline", "message"),
    ],
)
def test_events_become_interactions_with_their_channel(vault, write, line, expected):
    _people(write)
    write("Daily/2026-11-20.md", f"## Notas\n\n{line}\n")
    assert _events(vault, "Rodrigo Sanz") == [("2026-11-20", expected)]


@pytest.mark.parametrize(
    "line",
    [
        "- Tengo que llamar a [[Rodrigo Sanz]]",
        "- need to call [[Rodrigo Sanz]] about the dates",
        "- pendiente: quedar con [[Rodrigo Sanz]] cuando venga",
        "- [ ] Llamé a [[Rodrigo Sanz]]",  # an unchecked task is not an event, whatever it says
        "- [-] Comida con [[Rodrigo Sanz]]",  # nor a cancelled one
        "> Café con [[Rodrigo Sanz]], decía el libro",
        "![[Rodrigo Sanz]] café con él",
        "- Comida con [[Rodrigo Sanz]], cancelada",
        "- Lunch with [[Rodrigo Sanz]] was cancelled",
        "- No pude llamar a [[Rodrigo Sanz]]",
        "- [[Rodrigo Sanz]] tiene un blog muy bueno",  # a mention, not an event
        "%% café con [[Rodrigo Sanz]] %%",
        "<!-- café con [[Rodrigo Sanz]] -->",
        "```\ncafé con [[Rodrigo Sanz]]\n```",
    ],
)
def test_intentions_tasks_quotes_embeds_and_code_are_not_events(vault, write, line):
    _people(write)
    write("Daily/2026-11-20.md", f"## Notas\n\n{line}\n")
    assert _events(vault, "Rodrigo Sanz") == []


def test_one_line_two_clauses_plan_and_event(vault, write):
    _people(write)
    write("Daily/2026-11-20.md",
          "- Tengo que llamar a [[Rodrigo Sanz]]. Comida con [[Ana García]] en Sol.\n")
    index = _index(vault)
    assert index.histories["Rodrigo Sanz"].interactions == []
    assert [i.channel for i in index.histories["Ana García"].interactions] == ["in_person"]


@pytest.mark.parametrize(
    ("rel", "frontmatter", "line", "expected"),
    [
        ("Daily/2026-03-12.md", "", "Café con [[Ana García]]", "2026-03-12"),
        ("Notes/Viaje.md", "date: 2026-04-02\n", "Café con [[Ana García]]", "2026-04-02"),
        ("Notes/Log.md", "", "- 2026-05-06 café con [[Ana García]]", "2026-05-06"),
        ("Notes/Log.md", "", "- 12 de marzo de 2026: comida con [[Ana García]]", "2026-03-12"),
        ("Notes/Log.md", "", "- March 12, 2026: lunch with [[Ana García]]", "2026-03-12"),
        # A daily note's event cannot happen after the note: a later date on it is a plan.
        ("Daily/2026-03-12.md", "", "Café con [[Ana García]] (y el 2026-04-01 otra vez)", "2026-03-12"),
        ("Meetings/2026-02-11 Revisión.md", "", "Café con [[Ana García]]", "2026-02-11"),
    ],
)
def test_dates_from_name_frontmatter_or_line(vault, write, rel, frontmatter, line, expected):
    _people(write)
    head = f"---\n{frontmatter}---\n" if frontmatter else ""
    write(rel, f"{head}{line}\n")
    assert [d for d, _ in _events(vault, "Ana García")] == [expected]


def test_an_undated_event_is_not_counted(vault, write):
    _people(write)
    write("Notes/Ideas.md", "Café con [[Ana García]] algún día de estos\n")
    assert _events(vault, "Ana García") == []


def test_the_daily_notes_format_of_the_vault_is_used(vault, write):
    _people(write)
    write(".obsidian/daily-notes.json", json.dumps({"folder": "Journal", "format": "DD.MM.YYYY"}))
    write("Journal/05.06.2026.md", "Called [[Ana García]]\n")
    assert _events(vault, "Ana García") == [("2026-06-05", "call")]


@pytest.mark.parametrize(
    ("channel", "body", "expected"),
    [
        ("channel: call\n", "Hablamos del taller.", "call"),
        ("channel: zoom\n", "", "call"),
        ("channel: presencial\n", "", "in_person"),
        ("", "Videollamada de 40 minutos.", "call"),
        ("", "Dos horas en la oficina.", "in_person"),  # the default meeting channel
    ],
)
def test_meeting_attendees_count_with_the_meeting_channel(vault, write, channel, body, expected):
    _people(write)
    write("Meetings/2026-02-11 Revisión.md",
          f'---\ndate: 2026-02-11\nattendees: ["[[Ana García]]", "[[Encar]]", "Rodri"]\n{channel}---\n{body}\n')
    index = _index(vault)
    for name in ("Ana García", "Encarnación Moreno", "Rodrigo Sanz"):
        assert [(i.date.isoformat(), i.channel) for i in index.histories[name].interactions] == [
            ("2026-02-11", expected)
        ], name


@pytest.mark.parametrize(
    "attendees",
    ["[[Ana García]]", "[[[Ana García]]]", "\n  - [[Ana García]]", '"[[Ana García|Ana]], Rodri"',
     "Ana García"],
)
def test_attendees_however_written(vault, write, attendees):
    _people(write)
    write("Meetings/2026-02-11 Sync.md", f"---\ndate: 2026-02-11\nattendees: {attendees}\n---\n")
    assert _events(vault, "Ana García") == [("2026-02-11", "in_person")]


def test_meeting_default_channel_is_configurable(vault, write):
    _people(write)
    write("vinculo.toml", '[meetings]\ndefault_channel = "call"\n')
    write("Meetings/2026-02-11 Sync.md", "---\ndate: 2026-02-11\nattendees: [[[Ana García]]]\n---\n")
    assert _events(vault, "Ana García") == [("2026-02-11", "call")]


def test_the_same_coffee_in_two_notes_counts_once(vault, write):
    _people(write)
    write("Daily/2026-11-20.md", "- Café con [[Ana García]] antes de la reunión\n")
    write("Meetings/2026-11-20 Taller.md",
          '---\ndate: 2026-11-20\nattendees: ["[[Ana García]]"]\nchannel: in_person\n---\n')
    history = _index(vault).histories["Ana García"]
    assert history.counts() == {"social": 0, "message": 0, "call": 0, "in_person": 1}


def test_a_contact_note_keeps_its_own_dated_log(vault, write):
    write("People/Rosa Delgado.md",
          "---\ntype: person\n---\n# Rosa\n\n- 2026-03-27 cenamos en Triana\n"
          "- 2026-05-01 tengo que llamarla\n- Nos conocimos en Instagram\n")
    assert _events(vault, "Rosa Delgado") == [("2026-03-27", "in_person")]


def test_history_summary_in_contacts_json(vault, write, run):
    _people(write)
    write("Daily/2026-01-10.md", "- [[Rodrigo Sanz]] liked my post\n")
    write("Daily/2026-02-10.md", "- Videollamada con [[Rodrigo Sanz]]\n")
    write("Daily/2026-03-10.md", "- Café con [[Rodrigo Sanz]] en Sol\n")
    write("Daily/2026-04-10.md", "- [[Rodrigo Sanz]] me escribió por WhatsApp\n")
    rows = {r["name"]: r for r in json.loads(run("contacts", str(vault), "--json").output)}
    rodrigo = rows["Rodrigo Sanz"]
    assert rodrigo["stage"] == "in_person"
    assert rodrigo["first_contact"] == "2026-01-10"
    assert rodrigo["last_contact"] == "2026-04-10"
    assert rodrigo["last_in_person"] == "2026-03-10"
    assert rodrigo["counts"] == {"social": 1, "message": 1, "call": 1, "in_person": 1}
    assert rows["Ana García"]["stage"] == "radar"


class German:
    """A third-party vocabulary: more languages are plugins (broken fragments are skipped: one
    the parser refuses, and a look-behind of no fixed width, which only compiling refuses)."""

    @hookimpl
    def register_vocabulary(self):
        return [Vocabulary("de", events={"call": (r"telefoniert mit", r"(broken", r"(?<=a+)b")},
                           intents=(r"muss", r"(?<=x*)y"))]


def test_a_vocabulary_plugin_adds_a_language(vault, write):
    _people(write)
    write("Daily/2026-11-20.md", "- Mit [[Ana García]] telefoniert mit Kaffee\n"
          "- Ich muss mit [[Rodrigo Sanz]] telefoniert mit\n")
    pm = get_plugin_manager()
    assert _events(vault, "Ana García", pm) == []
    pm.register(German(), name="german")
    assert _events(vault, "Ana García", pm) == [("2026-11-20", "call")]
    assert _events(vault, "Rodrigo Sanz", pm) == []


def test_blocking_the_spanish_vocabulary_drops_spanish_events(vault, write):
    _people(write)
    write("Daily/2026-11-20.md", "- Llamé a [[Ana García]]\n- Called [[Rodrigo Sanz]]\n")
    pm = get_plugin_manager(blocked=["vocab_es"])
    assert _events(vault, "Ana García", pm) == []
    assert _events(vault, "Rodrigo Sanz", pm) == [("2026-11-20", "call")]


def test_a_name_is_never_read_as_a_word_of_the_vocabulary(vault, write, run):
    """'Will' in 'Will Bibi' is a name, not the future tense: the coffee counts, before and
    after the typo is linked, so a second sync changes nothing."""
    write("People/Will Bibi.md", "---\ntype: person\n---\n")
    write("Daily/2026-11-03.md", "Quedé con Willl Bibi para tomar un café.\n")
    assert run("sync", str(vault)).exit_code == 0
    assert "[[Will Bibi|Willl Bibi]]" in (vault / "Daily/2026-11-03.md").read_text()
    rows = json.loads(run("contacts", str(vault), "--json").output)
    assert rows[0]["last_in_person"] == "2026-11-03"
    second = run("sync", str(vault), "--json")
    assert json.loads(second.output)["summary"]["write"]["written"] == []
