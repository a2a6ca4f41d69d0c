"""An empty meeting note made for today is a plan until its day has passed or it has
content; another event the same day, in another note, still counts."""

from __future__ import annotations

import datetime as dt

from vinculo.config import load_config
from vinculo.pipeline import build_index
from vinculo.plugin_host import get_plugin_manager

TODAY = dt.date(2026, 11, 29)
EMPTY = ("---\ndate: 2026-11-29\nattendees: ['[[Ana]]']\nchannel: in_person\n---\n"
         "# Comida con Ana\n\n## Attendees\n- [[Ana]]\n\n## Notes\n\n## Follow-ups\n- [ ] \n")


def _history(vault, today=TODAY):
    return build_index(vault, load_config(vault), get_plugin_manager(), today).histories["Ana"]


def test_an_empty_meeting_today_is_a_plan_then_a_meeting(vault, write):
    write("People/Ana.md", "---\ntype: person\n---\n")
    write("Meetings/2026-11-29 Comida con Ana.md", EMPTY)
    today = _history(vault)
    assert today.last_in_person is None
    assert [(p.date, p.channel) for p in today.planned] == [(TODAY, "in_person")]
    tomorrow = _history(vault, TODAY + dt.timedelta(days=1))
    assert tomorrow.last_in_person == TODAY and tomorrow.planned == []


def test_a_call_the_same_day_in_the_daily_note_still_counts(vault, write):
    write("People/Ana.md", "---\ntype: person\n---\n")
    write("Meetings/2026-11-29 Comida con Ana.md", EMPTY)
    write("Daily/2026-11-29.md", "- Llamé a [[Ana]] para confirmar.\n")
    history = _history(vault)
    assert [(i.date, i.channel) for i in history.interactions] == [(TODAY, "call")]
    assert history.last_in_person is None


def test_a_meeting_note_with_notes_counts_on_its_day(vault, write):
    write("People/Ana.md", "---\ntype: person\n---\n")
    write("Meetings/2026-11-29 Comida con Ana.md",
          EMPTY.replace("## Notes\n", "## Notes\nHablamos del taller.\n"))
    assert _history(vault).last_in_person == TODAY
