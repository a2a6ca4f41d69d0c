"""More of how people write interactions — replies, comments, chats, fallbacks after a plan
that fell through — and the cues that scope over a whole clause and make it count for
nothing: a question, a wish or a dream, a failed visit, someone else's event."""

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


def _read(vault: Path, write, line: str) -> list[tuple[str, str]]:
    """The (channel, direction) of Marta's interactions read from ``line`` in a daily note
    (Luis Gómez is another contact, for someone else's events)."""
    write("People/Marta Ruiz.md", "---\ntype: person\n---\n")
    write("People/Luis Gómez.md", "---\ntype: person\n---\n")
    write("Daily/2026-11-20.md", f"# Día\n\n{line}\n")
    index = build_index(vault, load_config(vault), get_plugin_manager(), TODAY)
    return [(i.channel, i.direction) for i in index.histories["Marta Ruiz"].interactions]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Shot Marta Ruiz a quick text to check she got home", ("message", "out")),
        ("Traded a few emails with Marta Ruiz about the offsite", ("message", "both")),
        ("Forwarded the proposal to Marta Ruiz", ("message", "out")),
        ("Marta Ruiz and I have been emailing about the plan", ("message", "both")),
        ("Chatted with Marta Ruiz on Messenger for a bit", ("message", "both")),
        ("After the talk, chatted with Marta Ruiz for a while", ("in_person", "both")),
        ("Marta Ruiz and I jumped on a video chat", ("call", "both")),
        ("Missed Marta Ruiz's call, rang her back an hour later", ("call", "both")),
        ("Marta Ruiz left a nice comment on my latest post", ("social", "in")),
        ("Le dejé un comentario a Marta Ruiz en su entrada", ("social", "out")),
        ("Marta Ruiz le dio me gusta a mi foto", ("social", "in")),
        ("A Marta Ruiz le gustó mi post sobre el voluntariado", ("social", "in")),
        ("Reaccioné a la historia de Marta Ruiz", ("social", "out")),
        ("Le pasé a Marta Ruiz el enlace del formulario", ("message", "out")),
        ("Mensajes con Marta Ruiz toda la tarde", ("message", "both")),
        ("Marta Ruiz y yo estuvimos al teléfono toda la tarde", ("call", "both")),
        ("Estuve un buen rato al teléfono con Marta Ruiz", ("call", "both")),
        ("Tuve una charla larga con Marta Ruiz en el taller", ("in_person", "both")),
        ("Vino Marta Ruiz a casa a merendar", ("in_person", "both")),
        ("Fui a ver a Marta Ruiz a la almazara", ("in_person", "both")),
        ("Invité a cenar a Marta Ruiz a casa", ("in_person", "both")),
        ("El jueves cené con Marta Ruiz", ("in_person", "both")),
        ("Marta Ruiz se pasó a saludar por la oficina", ("in_person", "both")),
        ("Me encontré a Marta Ruiz en el súper", ("in_person", "both")),
        ("Marta Ruiz dropped off the books this morning", ("in_person", "both")),
        ("Marta Ruiz sent over the contract", ("message", "in")),
        ("Marta Ruiz answered the phone at last and we talked for an hour", ("call", "both")),
        ("Got a long voice note from Marta Ruiz", ("message", "in")),
        ("Luis Gómez y yo comimos con Marta Ruiz", ("in_person", "both")),
        ("Marta Ruiz called the next day to thank me", ("call", "in")),
        ("Mi hermana y yo cenamos con Marta Ruiz", ("in_person", "both")),
        # what happened instead, after the plan that fell through
        ("Tried calling Marta Ruiz twice, no answer, so I texted her instead", ("message", "out")),
        ("Lunch with Marta Ruiz was cancelled, so we did a quick call instead", ("call", "both")),
        ("Intenté llamar a Marta Ruiz, no lo cogió, así que le mandé un whatsapp",
         ("message", "out")),
        ("Se canceló la comida con Marta Ruiz pero nos tomamos un café rápido",
         ("in_person", "both")),
        ("Al final no quedamos con Marta Ruiz, pero hablamos por teléfono", ("call", "both")),
    ],
)
def test_more_phrasings_are_events(vault, write, line, expected):
    assert _read(vault, write, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        # a question asks, it does not tell
        "¿Llamó Marta Ruiz al final?",
        "¿Quedamos con Marta Ruiz el sábado?",
        "Lunch with Marta Ruiz on Saturday?",
        # wishes, dreams, what should have been
        "Dreamt I had dinner with Marta Ruiz",
        "Soñé que cenaba con Marta Ruiz",
        "Me encantaría conocer a Marta Ruiz en persona",
        "Tendría que haber llamado a Marta Ruiz",
        "Wanted to have drinks with Marta Ruiz but she was busy",
        "Marta Ruiz me debe una llamada",
        "Quedamos en vernos con Marta Ruiz algún día",
        # a visit or a call that did not happen
        "Llamé a Marta Ruiz pero comunicaba",
        "Fui a casa de Marta Ruiz pero no estaba",
        "Zoom with Marta Ruiz is off, she's sick",
        "La comida con Marta Ruiz se pasa al jueves",
        # someone else's event
        "Marta Ruiz llamó a su madre para contárselo",
        "Marta Ruiz emailed the landlord about the leak",
        "Mi jefa comió con Marta Ruiz",
        "My boss had lunch with Marta Ruiz",
        "Luis Gómez met Marta Ruiz at the conference",
        "Marta Ruiz's call with the client went well",
        "Met Marta Ruiz's new team at the offsite",
        "Called Marta Ruiz but she was in a meeting",
        "Would have loved to see Marta Ruiz",
    ],
)
def test_clause_wide_cues_count_for_nothing(vault, write, line):
    assert _read(vault, write, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- [x] Llamar a Marta Ruiz", [("call", "out")]),
        ("- [x] Escribir a Marta Ruiz sobre el piso", [("message", "out")]),
        ("- [x] Quedar con Marta Ruiz", [("in_person", "both")]),
        ("- [x] Email Marta Ruiz the lease documents", [("message", "out")]),
        ("- [x] Meet Marta Ruiz for coffee", [("in_person", "both")]),
        # the same instruction not ticked, or not a task, is a to-do
        ("- [ ] Llamar a Marta Ruiz", []),
        ("Llamar a Marta Ruiz", []),
        ("- [x] Review Marta Ruiz's PR", []),
    ],
)
def test_a_ticked_instruction_reports_it_done(vault, write, line, expected):
    assert _read(vault, write, line) == expected


class Ligar:
    """A third-party vocabulary with its own ticked-task instructions."""

    @hookimpl
    def register_vocabulary(self) -> list[Vocabulary]:
        return [Vocabulary("pt", events={"call": (r"liguei para",)},
                           tasks={"call": (r"ligar para",)})]


def test_a_plugins_vocabulary_reads_ticked_instructions_too(vault, write):
    pm = get_plugin_manager()
    pm.register(Ligar(), name="ligar")
    write("People/Marta Ruiz.md", "---\ntype: person\n---\n")
    write("Daily/2026-11-20.md", "- [x] Ligar para Marta Ruiz\n\nLigar para Marta Ruiz\n")
    index = build_index(vault, load_config(vault), pm, TODAY)
    assert [(i.channel, i.line) for i in index.histories["Marta Ruiz"].interactions] == [
        ("call", 1)]
