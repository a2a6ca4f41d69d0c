"""The interactions stage reads each line and clause once and searches phrases in a faster
form: what it finds must not change. Lines where several people, clauses and vocabulary
shapes meet, read from real notes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from vinculo.config import load_config
from vinculo.hookspecs import hookimpl
from vinculo.model import Vocabulary
from vinculo.pipeline import build_index
from vinculo.plugin_host import get_plugin_manager

TODAY = dt.date(2026, 11, 29)
PEOPLE = ("Ana García", "Rodrigo Sanz", "Will Bibi", "Zoë Ñúñez")


def _found(vault: Path, pm=None) -> dict[str, list[tuple[str, str, int]]]:
    index = build_index(vault, load_config(vault), pm or get_plugin_manager(), TODAY)
    return {
        name: [(i.date.isoformat(), i.channel, i.line) for i in history.interactions]
        for name, history in index.histories.items()
        if history.interactions
    }


def _people(write) -> None:
    for name in PEOPLE:
        write(f"People/{name}.md", "---\ntype: person\n---\n")


def test_each_person_on_a_line_gets_the_event_of_their_own_clause(vault, write):
    _people(write)
    write("Daily/2026-11-20.md", "# Día\n\n"
          "- Llamé a [[Ana García]]; luego [[Rodrigo Sanz]] me escribió por LinkedIn\n"
          "- Comí con [[Ana García]] y [[Zoë Ñúñez]] — mañana llamo a [[Rodrigo Sanz]]\n"
          "- Café con [[Will Bibi]] ☕ y con [[Zoë Ñúñez]]’s hermano\n")
    assert _found(vault) == {
        "Ana García": [("2026-11-20", "call", 3), ("2026-11-20", "in_person", 4)],
        "Rodrigo Sanz": [("2026-11-20", "message", 3)],
        "Will Bibi": [("2026-11-20", "in_person", 5)],
        "Zoë Ñúñez": [("2026-11-20", "in_person", 4)],
    }


def test_the_same_person_twice_on_a_line_and_lines_far_apart(vault, write):
    _people(write)
    filler = "".join(f"Línea {n} sin nadie.\n" for n in range(40))
    write("Notes/2026-03-02 Semana.md", "---\ntags: [semana]\n---\n" + filler
          + "[[Ana García]] y yo: llamé a [[Ana García]]. Luego tengo que escribir a "
          "[[Ana García]].\n" + filler + "- [x] Had coffee with [[Rodrigo Sanz]] ✅ 2026-03-04\n"
          "> Café con [[Rodrigo Sanz]], decía el libro\n")
    assert _found(vault) == {
        "Ana García": [("2026-03-02", "call", 44)],
        "Rodrigo Sanz": [("2026-03-04", "in_person", 85)],
    }


class Shapes:
    """Phrases of every shape a vocabulary plugin may write: an optional group, a group of
    alternatives, an alternation, an anchor, one that opens with punctuation, and vetoes."""

    @hookimpl
    def register_vocabulary(self):
        return [Vocabulary(
            "xx",
            events={
                "social": (r"(?:le |me )?saludé", r"@mencion(?:é|ó)"),
                "message": (r"(?:telegrama|carta) (?:a|de)", r"fax|télex"),
                "call": (r"^ring", r"(?:tele)?fonazo"),
                "in_person": (r"(?:un|el) paseo con",),
            },
            intents=(r"^.*?suspendid[oa]", r"quizá(?:s)?", r"(?:vamos|voy) a"),
        )]


def test_vocabulary_shapes_from_a_plugin(vault, write):
    _people(write)
    write("Daily/2026-11-21.md",
          "- le saludé a [[Ana García]] en la feria\n"
          "- @mencioné a [[Rodrigo Sanz]] en un hilo\n"
          "ring [[Will Bibi]] por la tarde\n"
          "- luego ring a [[Zoë Ñúñez]]\n"
          "- Fonazo con [[Ana García]]; un paseo con [[Rodrigo Sanz]], suspendido\n"
          "- Telegrama a [[Zoë Ñúñez]]. Quizá un fax a [[Will Bibi]]\n"
          "- voy a dar un paseo con [[Will Bibi]]\n")
    pm = get_plugin_manager()
    pm.register(Shapes(), name="shapes")
    assert _found(vault, pm) == {
        "Ana García": [("2026-11-21", "social", 1), ("2026-11-21", "call", 5)],
        "Rodrigo Sanz": [("2026-11-21", "social", 2)],
        "Will Bibi": [("2026-11-21", "call", 3)],
        "Zoë Ñúñez": [("2026-11-21", "message", 6)],
    }


def test_a_clause_read_before_is_read_the_same_and_a_ticked_task_stays_a_task(vault, write):
    """Clauses are remembered by their text: the same words elsewhere give the same answer,
    but the instruction of a ticked task is an event only there."""
    _people(write)
    write("Daily/2026-11-20.md", "# Día\n\n- [x] Llamar a [[Ana García]]\n"
          "- Llamé a [[Rodrigo Sanz]]\n")
    write("Daily/2026-11-21.md", "# Día\n\nLlamar a [[Ana García]]\n- Llamé a [[Rodrigo Sanz]]\n"
          "- [ ] Llamar a [[Will Bibi]]\n")
    assert _found(vault) == {
        "Ana García": [("2026-11-20", "call", 3)],
        "Rodrigo Sanz": [("2026-11-20", "call", 4), ("2026-11-21", "call", 4)],
    }
