"""Who moved: every interaction read from a note says whether I reached out (``out``), they
did (``in``), or it was mutual (``both``: a meeting, a conversation, an exchange)."""

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


def _directions(vault: Path, write, line: str, pm=None) -> list[tuple[str, str]]:
    write("People/Rodrigo Sanz.md", "---\ntype: person\naliases: [Rodri]\n---\n")
    write("Daily/2026-11-20.md", f"## Notas\n\n{line}\n")
    index = build_index(vault, load_config(vault), pm or get_plugin_manager(), TODAY)
    return [(i.channel, i.direction) for i in index.histories["Rodrigo Sanz"].interactions]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # English: I reached out
        ("- Wrote to [[Rodrigo Sanz]] about the workshop", ("message", "out")),
        ("- Messaged [[Rodrigo Sanz]] on Signal", ("message", "out")),
        ("- Called [[Rodrigo Sanz]] after lunch", ("call", "out")),
        ("- I called Rodrigo Sanz to ask about the flat", ("call", "out")),
        ("- E-mailed [[Rodrigo Sanz]] the outline", ("message", "out")),
        # English: they reached out
        ("- [[Rodrigo Sanz]] wrote to me about the workshop", ("message", "in")),
        ("- [[Rodrigo Sanz]] called", ("call", "in")),
        ("- [[Rodrigo Sanz]] called me from the airport", ("call", "in")),
        # a reply, either way, is an exchange
        ("- [[Rodrigo Sanz]] replied to my e-mail", ("message", "both")),
        ("- Got a message from [[Rodrigo Sanz]]", ("message", "in")),
        ("- [[Rodrigo Sanz]] commented on my post about cities", ("social", "in")),
        # English: both
        ("- Had coffee with [[Rodrigo Sanz]]", ("in_person", "both")),
        ("- Met [[Rodrigo Sanz]] at the conference", ("in_person", "both")),
        ("- [[Rodrigo Sanz]] and I talked on the phone for an hour", ("call", "both")),
        ("- Call with [[Rodrigo Sanz]] about the budget", ("call", "both")),
        ("- We exchanged messages with [[Rodrigo Sanz]] all week", ("message", "both")),
        # Spanish: yo
        ("- Le escribí a [[Rodrigo Sanz]] por lo del taller", ("message", "out")),
        ("- Llamé a [[Rodrigo Sanz]]", ("call", "out")),
        ("- A [[Rodrigo Sanz]] lo llamé por la tarde", ("call", "out")),
        ("- Le mandé un mensaje a [[Rodrigo Sanz]]", ("message", "out")),
        # Spanish: ellos
        ("- Me escribió [[Rodrigo Sanz]] por LinkedIn", ("message", "in")),
        ("- [[Rodrigo Sanz]] me llamó para lo del piso", ("call", "in")),
        ("- [[Rodrigo Sanz]] me contestó al correo", ("message", "both")),
        ("- Mensaje de [[Rodrigo Sanz]] sobre la cena", ("message", "in")),
        # Spanish: los dos
        ("- Hablamos por teléfono con [[Rodrigo Sanz]]", ("call", "both")),
        ("- Comida con [[Rodrigo Sanz]] en La Latina", ("in_person", "both")),
        ("- Le escribí a [[Rodrigo Sanz]] y me contestó enseguida", ("message", "both")),
        ("- Videollamada con [[Rodrigo Sanz]]", ("call", "both")),
    ],
)
def test_every_event_has_a_direction(vault, write, line, expected):
    assert _directions(vault, write, line) == [expected]


def test_a_contacts_own_log_is_the_writers_move_unless_it_says_otherwise(vault, write):
    write("People/Rodrigo Sanz.md", "---\ntype: person\n---\n\n"
          "- 2026-11-02: called about the flat\n"
          "- 2026-11-05: me escribió por WhatsApp\n"
          "- 2026-11-09: cenamos en Triana\n")
    index = build_index(vault, load_config(vault), get_plugin_manager(), TODAY)
    got = [(i.date.isoformat(), i.direction)
           for i in index.histories["Rodrigo Sanz"].interactions]
    assert got == [("2026-11-02", "out"), ("2026-11-05", "in"), ("2026-11-09", "both")]


class Catalan:
    """A vocabulary written for the API before directions existed: positional, no keywords."""

    @hookimpl
    def register_vocabulary(self):
        return [Vocabulary("ca", events={"message": (r"va escriure", r"escrit a")},
                           intents=(r"haig de",))]


def test_a_vocabulary_without_directions_reads_them_from_word_order(vault, write):
    pm = get_plugin_manager()
    pm.register(Catalan(), name="catalan")
    assert _directions(vault, write, "- [[Rodrigo Sanz]] va escriure", pm) == [("message", "in")]
    assert _directions(vault, write, "- He escrit a [[Rodrigo Sanz]]", pm) == [
        ("message", "out")]
