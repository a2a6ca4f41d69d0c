"""The relationship ladder: stages, and each suggestion rule on its own vault."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import daily, person

from vinculo.config import load_config
from vinculo.pipeline import build_index
from vinculo.plugin_host import get_plugin_manager

TODAY = dt.date(2026, 11, 29)



def index(vault: Path, blocked=(), today: dt.date = TODAY):
    return build_index(vault, load_config(vault), get_plugin_manager(blocked=blocked), today)


def kinds(vault: Path, name: str, **kw) -> list[str]:
    return [s.kind for s in index(vault, **kw).suggestions[name]]


# --- stages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "stage"),
    [
        ([], "radar"),
        ([("2026-10-01", "[[Ana]] liked my post"), ("2026-10-02", "E-mailed [[Ana]]")], "online"),
        ([("2026-10-01", "[[Ana]] liked my post"), ("2026-10-05", "Called [[Ana]]")], "voice"),
        ([("2026-10-05", "Called [[Ana]]"), ("2026-10-09", "Lunch with [[Ana]]")], "in_person"),
        ([("2025-06-01", "Lunch with [[Ana]]")], "dormant"),
    ],
)
def test_stage_is_the_highest_rung_reached(vault, write, lines, stage):
    person(write, "Ana")
    for day, line in lines:
        daily(write, day, line)
    assert index(vault).histories["Ana"].stage == stage


def test_an_event_in_a_note_dated_after_today_counts_only_from_its_day(vault, write):
    """A lunch written in next week's daily note is a plan: no meeting yet, no "last contact"
    in the future; on that day it is a lunch like any other."""
    person(write, "Ana")
    daily(write, "2026-10-01", "[[Ana]] liked my post")
    daily(write, "2026-12-04", "Lunch with [[Ana]]")
    before = index(vault).histories["Ana"]
    assert (before.stage, before.last_contact) == ("online", dt.date(2026, 10, 1))
    on_the_day = index(vault, today=dt.date(2026, 12, 4)).histories["Ana"]
    assert (on_the_day.stage, on_the_day.last_contact) == ("in_person", dt.date(2026, 12, 4))


@pytest.mark.parametrize(
    ("props", "done", "plan", "held_back"),
    [
        # online, ripe for a call; a call planned, or a lunch (a higher rung), answers it
        ({"connected": "2026-06-01"}, "[[Ana]] liked my post", "Call with [[Ana]]", "call"),
        ({"connected": "2026-06-01"}, "[[Ana]] liked my post", "Lunch with [[Ana]]", "call"),
        # a call, never met: the meeting is planned
        ({"connected": "2025-10-01"}, "Video call with [[Ana]]", "Lunch with [[Ana]]", "meet"),
        # met, and due again by cadence: the next coffee is planned
        ({"tier": "close"}, "Café con [[Ana]]", "Café con [[Ana]]", "cadence"),
    ],
)
def test_a_step_already_planned_is_not_suggested_and_the_block_shows_the_plan(
        vault, write, props, done, plan, held_back):
    person(write, "Ana", **props)
    daily(write, "2026-10-01", done)
    assert kinds(vault, "Ana") == [held_back]  # without a plan, the step is suggested
    daily(write, "2026-12-04", plan)
    found = index(vault)
    assert found.suggestions["Ana"] == []
    assert [p.date for p in found.histories["Ana"].planned] == [dt.date(2026, 12, 4)]
    block = found_block(found, "Ana")
    assert "on 2026-12-04 [[Daily/2026-12-04|2026-12-04]]" in block
    assert "- [ ]" not in block


def test_a_plan_below_the_next_step_holds_nothing_back(vault, write):
    """A message planned with someone you have called does not answer "meet them"."""
    person(write, "Tom", connected="2025-10-01")
    daily(write, "2026-10-01", "Video call with [[Tom]]")
    daily(write, "2026-12-04", "WhatsApp con [[Tom]]")
    assert kinds(vault, "Tom") == ["meet"]


def test_a_dormant_tie_with_something_planned_needs_no_reconnecting(vault, write):
    person(write, "Antonio", connected="2024-01-01")
    daily(write, "2025-07-03", "Lunch with [[Antonio]]")
    assert kinds(vault, "Antonio") == ["reconnect"]
    daily(write, "2026-12-10", "Called [[Antonio]]")
    assert kinds(vault, "Antonio") == []


def found_block(found, name: str) -> str:
    pm = get_plugin_manager()
    return pm.hook.render_block(contact=found.contacts[name], suggestions=found.suggestions[name],
                                history=found.histories[name], config=found.config) or ""


def test_dormant_threshold_is_configuration(vault, write):
    person(write, "Ana")
    daily(write, "2026-05-01", "Lunch with [[Ana]]")
    assert index(vault).histories["Ana"].stage == "in_person"
    write("vinculo.toml", "[ladder]\ndormant_days = 90\n")
    assert index(vault).histories["Ana"].stage == "dormant"


# --- no cold pitch ------------------------------------------------------------------------


def test_young_connection_gets_only_a_light_touch(vault, write):
    person(write, "Inês", connected="2026-11-19")
    for day in ("2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25"):
        daily(write, day, "[[Inês]] liked my post")
    found = index(vault).suggestions["Inês"]
    assert [s.kind for s in found] == ["touch"]
    assert "no pitch" in found[0].text and "2026-11-19" in found[0].why


def test_radar_contact_gets_a_touch_and_nothing_else(vault, write):
    person(write, "Inês", connected="2024-01-01")
    assert kinds(vault, "Inês") == ["touch"]


def test_new_connection_window_is_configuration(vault, write):
    person(write, "Inês", connected="2026-10-01")
    for day in ("2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06"):
        daily(write, day, "[[Inês]] liked my post")
    assert kinds(vault, "Inês") == ["call"]
    write("vinculo.toml", "[ladder]\nnew_connection_days = 90\n")
    assert kinds(vault, "Inês") == ["touch"]


# --- virtual to physical --------------------------------------------------------------------


def test_online_for_long_enough_proposes_a_call(vault, write):
    person(write, "Rodrigo", connected="2026-06-01")
    daily(write, "2026-06-10", "[[Rodrigo]] liked my post")
    daily(write, "2026-11-24", "[[Rodrigo]] commented on my post")
    [call] = index(vault).suggestions["Rodrigo"]
    assert call.kind == "call"
    assert call.due == dt.date(2026, 11, 26)  # two days after the last exchange
    assert "never a call" in call.why and "[[Daily/2026-11-24|2026-11-24]]" in call.why
    assert call.evidence == "Daily/2026-11-24.md"


def test_enough_exchanges_propose_a_call_before_the_time_threshold(vault, write):
    person(write, "Rodrigo", connected="2026-10-01")
    for day in ("2026-10-29", "2026-10-30", "2026-10-31"):
        daily(write, day, "[[Rodrigo]] liked my post")
    write("vinculo.toml", "[ladder]\ncall_after_days = 365\n")
    assert kinds(vault, "Rodrigo") == []
    write("vinculo.toml", "[ladder]\ncall_after_days = 365\ncall_after_exchanges = 3\n")
    assert kinds(vault, "Rodrigo") == ["call"]


@pytest.mark.parametrize(
    ("home", "expected"),
    [
        ("", "Meet Tom in person in London, when you travel there"),
        ('[ladder]\nhome_city = "london"\n', "Meet Tom in person in London"),
    ],
)
def test_voice_but_never_met_proposes_meeting_in_their_city(vault, write, home, expected):
    person(write, "Tom", city="London", connected="2025-10-01")
    daily(write, "2026-10-01", "Video call with [[Tom]]")
    write("vinculo.toml", home)
    [meet] = index(vault).suggestions["Tom"]
    assert meet.kind == "meet" and meet.text.startswith(expected)
    assert meet.due == dt.date(2026, 10, 15)
    assert "never met" in meet.why


# --- cadence ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("props", "met", "due"),
    [
        ({"tier": "inner"}, "2026-11-10", True),  # 14 days → due 11-24
        ({"tier": "close"}, "2026-11-10", False),  # 30 days → 12-10, beyond the week
        ({"tier": "close"}, "2026-10-20", True),
        ({"tier": "casual"}, "2026-08-20", True),
        ({"tier": "keep-warm"}, "2026-08-20", False),
        ({"cadence": "2w"}, "2026-11-10", True),
        ({}, "2026-08-20", True),  # default tier: casual
    ],
)
def test_cadence_per_tier_or_own_cadence(vault, write, props, met, due):
    person(write, "Lucía", **props)
    daily(write, met, "Café con [[Lucía]]")
    assert kinds(vault, "Lucía") == (["cadence"] if due else [])


def test_cadence_clock_restarts_at_the_last_real_interaction_not_a_like(vault, write):
    person(write, "Lucía", tier="close")
    daily(write, "2026-10-01", "Café con [[Lucía]]")
    daily(write, "2026-11-20", "[[Lucía]] liked my post")
    assert kinds(vault, "Lucía") == ["cadence"]
    daily(write, "2026-11-21", "WhatsApp con [[Lucía]]")
    assert kinds(vault, "Lucía", blocked=["in_person"]) == []
    # The in-person clock does not restart on a message: met 2026-10-01, close tier (60 days).
    assert kinds(vault, "Lucía") == ["meet_again"]


def test_tiers_are_configuration(vault, write):
    person(write, "Lucía", tier="inner")
    daily(write, "2026-11-10", "Café con [[Lucía]]")
    write("vinculo.toml", "[ladder.tiers]\ninner = 60\n")
    assert kinds(vault, "Lucía") == []


# --- reconnect, birthdays ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "step"),
    [
        ("Lunch with [[Antonio]]", "a call"),
        ("Called [[Antonio]]", "a message"),
        ("[[Antonio]] liked my post", "a light online touch"),
    ],
)
def test_dormant_tie_reconnects_one_rung_lower(vault, write, line, step):
    person(write, "Antonio", connected="2024-01-01")
    daily(write, "2025-07-03", line)
    [reconnect] = index(vault).suggestions["Antonio"]
    assert reconnect.kind == "reconnect" and step in reconnect.text
    assert reconnect.due == dt.date(2026, 7, 4)


@pytest.mark.parametrize(
    ("birthday", "due"),
    [("1978-12-12", "2026-12-12"), ("12-05", "2026-12-05"), ("1986-03-09", None),
     ("2000-11-28", None)],
)
def test_birthday_coming_up_proposes_a_call(vault, write, birthday, due):
    person(write, "Encar", birthday=birthday)
    daily(write, "2026-11-25", "Café con [[Encar]]")
    found = [s for s in index(vault).suggestions["Encar"] if s.kind == "birthday"]
    assert [s.due.isoformat() for s in found] == ([due] if due else [])
    if due:
        assert found[0].text.startswith("Call Encar")


def test_leap_day_birthday_falls_on_28_february(vault, write):
    person(write, "Bea", birthday="2000-02-29")
    [s] = [s for s in index(vault, today=dt.date(2027, 2, 20)).suggestions["Bea"] if s.kind == "birthday"]
    assert s.due == dt.date(2027, 2, 28)


# --- pacing ------------------------------------------------------------------------------------


def test_snoozed_contact_gets_nothing(vault, write):
    person(write, "Rosa", tier="keep-warm", snooze_until="2027-01-15", birthday="1990-12-01")
    daily(write, "2026-03-27", "Cena con [[Rosa]]")
    assert kinds(vault, "Rosa") == []
    assert kinds(vault, "Rosa", today=dt.date(2027, 1, 16)) == ["cadence"]


def test_daily_budget_moves_the_overflow_to_the_next_days(vault, write):
    write("vinculo.toml", "[ladder]\ndaily_budget = 2\n")
    for name in ("A", "B", "C", "D", "E"):
        person(write, name, connected="2020-01-01")
    found = [s for ss in index(vault).suggestions.values() for s in ss]
    # Overdue ones count for today (and keep their date); the overflow moves on.
    days = sorted(max(s.due, TODAY).isoformat() for s in found)
    assert days == ["2026-11-29", "2026-11-29", "2026-11-30", "2026-11-30", "2026-12-01"]
    moved = [s for ss in index(vault).suggestions.values() for s in ss if s.due > TODAY]
    assert moved and all("by the ladder, planned for" in s.why for s in moved)


def test_several_people_due_in_one_city_are_grouped(vault, write):
    for name in ("Ana", "Lucía", "Pepe"):
        person(write, name, city="Madrid" if name != "Pepe" else "Barcelona", tier="close")
    daily(write, "2026-09-01", *(f"Café con [[{name}]]" for name in ("Ana", "Lucía", "Pepe")))
    found = index(vault).suggestions
    assert "also to see in Madrid this week: Lucía" in found["Ana"][0].why
    assert "also to see in Madrid this week: Ana" in found["Lucía"][0].why
    assert "also to see" not in found["Pepe"][0].why


def test_a_rule_can_be_blocked_by_name(vault, write):
    person(write, "Encar", birthday="1978-12-12")
    assert kinds(vault, "Encar") == ["birthday", "touch"] or kinds(vault, "Encar") == ["touch", "birthday"]
    assert kinds(vault, "Encar", blocked=["birthdays"]) == ["touch"]


def test_sync_writes_the_plan_into_the_block_and_drops_it_on_the_day(vault, write, run):
    person(write, "Tom", connected="2025-10-01")
    daily(write, "2026-10-01", "Video call with [[Tom]]")
    daily(write, "2026-12-04", "Lunch with [[Tom]]")
    note = vault / "People/Tom.md"
    assert run("--today", "2026-11-29", "sync", str(vault)).exit_code == 0
    text = note.read_text(encoding="utf-8")
    assert "- Planned: in person on 2026-12-04 [[Daily/2026-12-04|2026-12-04]]" in text
    assert "#vinculo/meet" not in text
    [tom] = json.loads(run("--today", "2026-11-29", "contacts", str(vault), "--json").output)
    assert tom["planned"] == [
        {"date": "2026-12-04", "channel": "in_person", "note": "Daily/2026-12-04.md"}]
    assert run("--today", "2026-12-04", "sync", str(vault)).exit_code == 0
    text = note.read_text(encoding="utf-8")
    assert "Planned" not in text and "vinculo_stage: in_person" in text


def test_the_dashboard_lists_what_is_already_planned_this_week(vault, write, run):
    person(write, "Tom", connected="2025-10-01")
    person(write, "Ana", connected="2025-10-01")
    daily(write, "2026-12-02", "Lunch with [[Tom]]")
    daily(write, "2026-12-20", "Call with [[Ana]]")  # beyond the week
    data = json.loads(run("--today", "2026-11-29", "dashboard", str(vault), "--json").output)
    assert data["planned"] == [{"contact": "Tom", "path": "People/Tom.md", "date": "2026-12-02",
                                "channel": "in_person", "note": "Daily/2026-12-02.md"}]
    text = run("--today", "2026-11-29", "dashboard", str(vault)).output
    assert ("### Already planned (1)\n\n- **2026-12-02** · [[People/Tom|Tom]] — in person "
            "[[Daily/2026-12-02|2026-12-02]]") in text
    assert "Ana]] — a call" not in text


def _budget_one_day_at_a_time(suggestions, today, budget):
    """The daily budget as its rule reads: each suggestion, in order, on the first day from its
    own (or today) that still has room."""
    import dataclasses
    from collections import defaultdict

    used = defaultdict(int)
    out = []
    for s in sorted(suggestions, key=lambda s: (max(s.due, today), s.priority, s.due, s.contact)):
        day = max(s.due, today)
        while used[day] >= budget:
            day += dt.timedelta(days=1)
        used[day] += 1
        out.append(s if day == max(s.due, today) else dataclasses.replace(s, due=day))
    return out


def test_the_daily_budget_gives_each_suggestion_the_first_day_with_room(vault):
    """Checked against the rule read literally, on many plans (overdue, due today, later,
    piling up far past the budget)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from vinculo.default_plugins.ladder.pacing import _budget

    from vinculo.model import Suggestion

    plans = st.lists(st.tuples(st.integers(-30, 30), st.integers(0, 3), st.integers(0, 50)),
                     max_size=60)

    @settings(max_examples=300, deadline=None)
    @given(plans, st.integers(1, 4))
    def check(plan, budget):
        (vault / "vinculo.toml").write_text(f"[ladder]\ndaily_budget = {budget}\n")
        config = load_config(vault)
        pool = [Suggestion(f"C{who}", "touch", TODAY + dt.timedelta(days=offset), "t", "w",
                           priority=priority) for offset, priority, who in plan]
        assert _budget(pool, TODAY, config) == _budget_one_day_at_a_time(pool, TODAY, budget)

    check()
