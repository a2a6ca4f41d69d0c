"""Each person's own rhythm: the in-person clock apart from the contact clock, and drift."""

from __future__ import annotations

import datetime as dt
import json

from conftest import daily, person

from vinculo.config import load_config
from vinculo.pipeline import build_index
from vinculo.plugin_host import get_plugin_manager
from vinculo.rhythm import is_drifting

TODAY = dt.date(2026, 11, 29)



def index(vault, blocked=(), today=TODAY):
    return build_index(vault, load_config(vault), get_plugin_manager(blocked=blocked), today)


def kinds(vault, name, **kw):
    return {s.kind: s for s in index(vault, **kw).suggestions[name]}


# --- the in-person clock -------------------------------------------------------------------


def test_met_last_spring_and_only_messaged_since_is_asked_to_meet_again(vault, write):
    person(write, "Lucía", city="Sevilla")
    daily(write, "2026-04-18", "Cena con [[Lucía]]")
    for day in ("2026-07-02", "2026-08-20", "2026-10-05", "2026-11-15"):
        daily(write, day, "WhatsApp con [[Lucía]]")
    found = kinds(vault, "Lucía")
    assert "cadence" not in found  # messages keep the contact clock fresh
    step = found["meet_again"]
    assert step.text == "Meet Lucía in person again in Sevilla"
    assert step.due == dt.date(2026, 10, 15)  # casual tier: meet every 180 days
    assert "last met 2026-04-18" in step.why and "last 2026-11-15" in step.why
    assert "since then 4 messages" in step.why


def test_the_in_person_cadence_is_per_contact_and_a_planned_meeting_answers_it(vault, write):
    person(write, "Lucía", meet_every="1y")
    daily(write, "2026-04-18", "Cena con [[Lucía]]")
    daily(write, "2026-11-15", "WhatsApp con [[Lucía]]")
    assert "meet_again" not in kinds(vault, "Lucía")
    person(write, "Lucía")
    assert "meet_again" in kinds(vault, "Lucía")
    daily(write, "2026-12-03", "Cena con [[Lucía]]")
    assert "meet_again" not in kinds(vault, "Lucía")


def test_in_person_tiers_are_configuration(vault, write):
    person(write, "Lucía", tier="close")
    daily(write, "2026-09-01", "Cena con [[Lucía]]")
    daily(write, "2026-11-25", "WhatsApp con [[Lucía]]")
    assert "meet_again" in kinds(vault, "Lucía")  # close: every 60 days
    write("vinculo.toml", "[ladder.in_person_tiers]\nclose = 120\n")
    assert "meet_again" not in kinds(vault, "Lucía")


# --- drift against their own rhythm --------------------------------------------------------


def weekly(write, name: str, start: dt.date, weeks: int) -> dt.date:
    day = start
    for _ in range(weeks):
        daily(write, day.isoformat(), f"Hablamos por WhatsApp con [[{name}]]")
        day += dt.timedelta(days=7)
    return day - dt.timedelta(days=7)


def test_a_weekly_friend_silent_for_three_weeks_is_drifting_long_before_dormant(vault, write, run):
    person(write, "Rodrigo")
    write("vinculo.toml", '[ui]\nlanguage = "en"\n')  # the notes are Spanish: say it in English
    last = weekly(write, "Rodrigo", dt.date(2026, 8, 1), 12)  # every Saturday until 2026-10-17
    built = index(vault)
    history, contact = built.histories["Rodrigo"], built.contacts["Rodrigo"]
    drift = is_drifting(contact, history, TODAY, built.config)
    assert drift is not None and drift.usual_gap == 7 and drift.basis == "history"
    assert (drift.last, drift.silence) == (last, 43)
    assert is_drifting(contact, history, last + dt.timedelta(days=14), built.config) is None
    assert is_drifting(contact, history, last + dt.timedelta(days=15), built.config) is not None
    step = kinds(vault, "Rodrigo")["drift"]
    assert "last real contact 2026-10-17; usually every 7 days, drifting after 14" in step.why
    row = next(r for r in json.loads(run("contacts", str(vault), "--json").output)
               if r["name"] == "Rodrigo")
    assert row["drift"]["usual_gap"] == 7 and row["drift"]["basis"] == "history"
    run("sync", str(vault))
    block = (vault / "People/Rodrigo.md").read_text(encoding="utf-8")
    assert "- Drifting: last real contact 2026-10-17; usually every 7 days, drifting after 14" \
        in block
    dashboard = (vault / "vinculo/Dashboard.md").read_text(encoding="utf-8")
    assert "### Drifting (1)\n\n- [[People/Rodrigo|Rodrigo]] · last real contact 2026-10-17" \
        in dashboard


def test_short_history_falls_back_on_the_tier(vault, write):
    person(write, "Rodrigo", tier="close")
    daily(write, "2026-09-01", "WhatsApp con [[Rodrigo]]")
    daily(write, "2026-09-10", "WhatsApp con [[Rodrigo]]")
    built = index(vault)
    drift = is_drifting(built.contacts["Rodrigo"], built.histories["Rodrigo"], TODAY, built.config)
    assert drift is not None and drift.basis == "tier" and drift.maximum == 60
    assert "drift" not in kinds(vault, "Rodrigo")  # the tier's clock is the other rules' job


def test_a_yearly_rhythm_is_not_drift_and_dormant_is_not_drift(vault, write):
    person(write, "Rodrigo")
    for day in ("2023-03-01", "2024-03-01", "2025-03-01", "2026-03-01"):
        daily(write, day, "Comida con [[Rodrigo]]")
    built = index(vault)
    assert is_drifting(built.contacts["Rodrigo"], built.histories["Rodrigo"], TODAY,
                       built.config) is None
    later = index(vault, today=dt.date(2027, 6, 1))
    assert later.histories["Rodrigo"].stage == "dormant"
    assert is_drifting(later.contacts["Rodrigo"], later.histories["Rodrigo"],
                       dt.date(2027, 6, 1), later.config) is None


# --- a personal light touch ----------------------------------------------------------------


def test_a_light_touch_names_the_last_thing_of_theirs_noted(vault, write):
    person(write, "Ana", connected="2026-11-20")
    daily(write, "2026-11-22", "Shared [[Ana]]'s thread on hiring juniors",
          )
    daily(write, "2026-11-24", "[[Ana]] commented on my post about remote teams")
    touch = kinds(vault, "Ana")["touch"]
    assert touch.text == ("Light touch with Ana: pick up on “Ana commented on my post about "
                          "remote teams” (2026-11-24) (no pitch)")


def test_a_light_touch_without_notes_stays_generic(vault, write):
    person(write, "Ana", connected="2026-11-20")
    assert kinds(vault, "Ana")["touch"].text == (
        "Light touch with Ana: comment on or share their work (no pitch)")


# --- important dates -------------------------------------------------------------------------


def test_anniversaries_and_a_dates_map_are_paced_like_birthdays(vault, write):
    write("People/Ana.md", "---\ntype: person\nanniversary: 2015-12-06\n"
                           "dates:\n  santo: 07-26\n  fin del doctorado: 2020-12-02\n---\n")
    daily(write, "2026-10-01", "Llamé a [[Ana]]")
    step = kinds(vault, "Ana")["date"]
    assert (step.due, step.text) == (dt.date(2026, 12, 2), "Call Ana: fin del doctorado on 02 Dec")
    assert step.why == "dates property: fin del doctorado 02 December"
    write("People/Ana.md", "---\ntype: person\nanniversary: 2015-12-06\n---\n")
    assert kinds(vault, "Ana")["date"].text == "Call Ana: anniversary on 06 Dec"
    write("People/Ana.md", "---\ntype: person\nanniversary: 2015-03-06\n---\n")
    assert "date" not in kinds(vault, "Ana")


def test_the_usual_gap_is_the_median_gap_rounded_as_before(vault):
    """The usual gap is the median of the gaps between real days — the mean of the two
    middle ones when their number is even, rounded half to even — as ``statistics.median``
    gave it."""
    import random
    import statistics

    from vinculo.rhythm import usual_gap

    config = load_config(vault)
    rng = random.Random(7)
    for size in range(3, 12):
        for _ in range(40):
            gaps = [rng.choice((1, 2, 3, 5, 6, 7, 8, 9, 14, 30)) for _ in range(size)]
            days = [TODAY - dt.timedelta(days=sum(gaps[i:])) for i in range(size)] + [TODAY]
            assert usual_gap(days, config) == max(1, round(statistics.median(gaps))), gaps
    def gap(*ago: int) -> int | None:
        return usual_gap([TODAY - dt.timedelta(days=d) for d in ago], config)

    assert gap(30, 24, 17, 10, 0) == 7  # gaps 6, 7, 7, 10
    assert gap(30, 24, 17, 9, 0) == 8  # gaps 6, 7, 8, 9: 7.5, to the even 8
    assert gap(26, 21, 15, 8, 0) == 6  # gaps 5, 6, 7, 8: 6.5, to the even 6
