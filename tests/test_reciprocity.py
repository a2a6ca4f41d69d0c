"""Two-way relationships: one-sided outreach holds the ladder back; an answer lifts it.

Direction is read from note text by the vocabularies; here a small third-party-style plugin
states it (``- out message Ana``), so these tests pin the rule, not the reading.
"""

from __future__ import annotations

import datetime as dt

from vinculo.config import load_config
from vinculo.hookspecs import hookimpl
from vinculo.model import Interaction
from vinculo.pipeline import build_index
from vinculo.plugin_host import get_plugin_manager

TODAY = dt.date(2026, 11, 29)


class Directed:
    """Reads ``- DIRECTION CHANNEL NAME`` lines of dated notes as events."""

    @hookimpl
    def extract_interactions(self, note, contacts):
        out = []
        for number, line in enumerate(note.body.splitlines(), 1):
            words = line.lstrip("- ").split(" ", 2)
            if note.date and len(words) == 3 and words[0] in ("out", "in", "both") \
                    and words[2] in contacts:
                out.append(Interaction(words[2], note.date, words[1], note.rel, number, line,
                                       direction=words[0]))
        return out


def person(write, name: str, **props: str) -> None:
    lines = "".join(f"{k}: {v}\n" for k, v in props.items())
    write(f"People/{name}.md", f"---\ntype: person\n{lines}---\n")


def events(write, *items: tuple[str, str]) -> None:
    for day, line in items:
        write(f"Daily/{day}.md", f"- {line}\n")


def index(vault, today=TODAY, blocked=()):
    pm = get_plugin_manager(blocked=blocked)
    pm.register(Directed(), name="directed")
    return build_index(vault, load_config(vault), pm, today, cache=False)


def kinds(vault, name, **kw):
    return {s.kind: s for s in index(vault, **kw).suggestions[name]}


# Online since June (ripe for a call), then three messages of mine with no answer.
ONE_SIDED = [("2026-06-01", "both message Ana"), ("2026-10-12", "out message Ana"),
             ("2026-10-26", "out message Ana"), ("2026-11-09", "out message Ana")]


def test_three_unanswered_messages_hold_back_the_call_and_say_why(vault, write):
    person(write, "Ana", connected="2026-05-01")
    events(write, *ONE_SIDED)
    found = kinds(vault, "Ana")
    assert "call" not in found
    gentle = found["gentle"]
    assert gentle.due == dt.date(2026, 12, 9)  # 30 quiet days after the last message
    assert "3 messages since 2026-10-12, no reply: give them room" in gentle.why
    assert "no ask" in gentle.text


def test_without_the_rule_the_call_is_offered(vault, write):
    person(write, "Ana", connected="2026-05-01")
    events(write, *ONE_SIDED)
    assert "call" in kinds(vault, "Ana", blocked=["reciprocity"])


def test_an_answer_lifts_the_hold_at_once(vault, write):
    person(write, "Ana", connected="2026-05-01")
    events(write, *ONE_SIDED, ("2026-11-20", "in message Ana"))
    found = kinds(vault, "Ana")
    assert "call" in found and "gentle" not in found


def test_an_answer_the_same_day_makes_that_day_an_exchange(vault, write):
    person(write, "Ana", connected="2026-05-01")
    events(write, *ONE_SIDED)
    write("Daily/2026-11-09.md", "- out message Ana\n- in message Ana\n")
    history = index(vault).histories["Ana"]
    assert history.last_reply == dt.date(2026, 11, 9)
    assert "call" in kinds(vault, "Ana")


def test_two_unanswered_or_old_ones_hold_nothing_back(vault, write):
    person(write, "Ana", connected="2026-05-01")
    events(write, ("2026-06-01", "both message Ana"), ("2026-11-09", "out message Ana"),
           ("2026-11-10", "out message Ana"))
    assert "call" in kinds(vault, "Ana")
    # Three, but the first two fell out of a 20-day window.
    write("vinculo.toml", "[ladder]\nunanswered_window_days = 20\n")
    events(write, ("2026-10-01", "out message Ana"))
    assert "call" in kinds(vault, "Ana")


def test_the_limit_is_configurable(vault, write):
    person(write, "Ana", connected="2026-05-01")
    events(write, ("2026-06-01", "both message Ana"), ("2026-11-09", "out message Ana"),
           ("2026-11-10", "out message Ana"))
    write("vinculo.toml", "[ladder]\nunanswered_limit = 2\n")
    found = kinds(vault, "Ana")
    assert "call" not in found and "gentle" in found


def test_the_met_friend_who_stopped_answering_gets_no_meet_again(vault, write):
    person(write, "Ana", tier="close")
    events(write, ("2026-03-01", "both in_person Ana"), ("2026-10-20", "out message Ana"),
           ("2026-10-30", "out call Ana"), ("2026-11-10", "out message Ana"))
    found = kinds(vault, "Ana")
    assert set(found) == {"gentle"}
    assert "2 messages and 1 call since 2026-10-20" in found["gentle"].why
    assert "meet_again" in kinds(vault, "Ana", blocked=["reciprocity"])


def test_contacts_json_counts_by_channel_and_direction(vault, write, run, monkeypatch):
    person(write, "Ana", connected="2026-05-01")
    events(write, *ONE_SIDED)
    history = index(vault).histories["Ana"]
    assert history.direction_counts()["message"] == {"out": 3, "in": 0, "both": 1}
    assert history.last_reply == dt.date(2026, 6, 1)


# --- end to end, read from the notes in both languages ------------------------------------


def _suggest(run, vault):
    import json
    return {s["kind"]: s for s in json.loads(run("suggest", str(vault), "--json").output)
            ["suggestions"] if s["contact"] == "Rodrigo Sanz"}


def test_unanswered_outreach_read_from_spanish_notes_and_the_answer_that_lifts_it(
        vault, write, run):
    person(write, "Rodrigo Sanz", connected="2026-05-01")
    events(write, ("2026-06-01", "Hablamos por WhatsApp con [[Rodrigo Sanz]]"),
           ("2026-10-12", "Le escribí a [[Rodrigo Sanz]] por lo del taller"),
           ("2026-10-26", "Le mandé un mensaje a [[Rodrigo Sanz]]"),
           ("2026-11-09", "Le escribí a [[Rodrigo Sanz]] otra vez"))
    found = _suggest(run, vault)
    assert set(found) == {"gentle"}
    assert "3 messages since 2026-10-12, no reply: give them room" in found["gentle"]["why"]
    events(write, ("2026-11-20", "[[Rodrigo Sanz]] me contestó al correo"))
    assert "call" in _suggest(run, vault)


def test_unanswered_outreach_read_from_english_notes(vault, write, run):
    person(write, "Rodrigo Sanz", connected="2026-05-01")
    events(write, ("2026-06-01", "Had coffee with [[Rodrigo Sanz]]"),
           ("2026-10-12", "Wrote to [[Rodrigo Sanz]] about the workshop"),
           ("2026-10-26", "Messaged [[Rodrigo Sanz]] on Signal"),
           ("2026-11-09", "E-mailed [[Rodrigo Sanz]] the outline"))
    found = _suggest(run, vault)
    assert set(found) == {"gentle"}
    events(write, ("2026-11-21", "Got a message from [[Rodrigo Sanz]]"))
    assert "gentle" not in _suggest(run, vault)
