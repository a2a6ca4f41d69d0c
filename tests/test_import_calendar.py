"""Calendars: recurring, all-day, cancelled, moved and future events; dedup by UID."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import snapshot

EVENTS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
BEGIN:VTIMEZONE
TZID:Europe/Madrid
BEGIN:STANDARD
DTSTART:19701025T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
UID:coffee-ana@example.com
DTSTART;VALUE=DATE:20261120
DTEND;VALUE=DATE:20261121
SUMMARY:Café
LOCATION:Café de la Feria\\, Sevilla
ATTENDEE;CN="Ana García";PARTSTAT=ACCEPTED:mailto:ana@example.com
END:VEVENT
BEGIN:VEVENT
UID:weekly-rodrigo@example.com
DTSTART;TZID=Europe/Madrid:20261102T100000
DTEND;TZID=Europe/Madrid:20261102T103000
RRULE:FREQ=WEEKLY;COUNT=8
SUMMARY:Seguimiento con rodrigo
DESCRIPTION:Join: https://meet.google.com/abc-defg-hij<br>Agenda: pricing
END:VEVENT
BEGIN:VEVENT
UID:weekly-rodrigo@example.com
RECURRENCE-ID;TZID=Europe/Madrid:20261116T100000
DTSTART;TZID=Europe/Madrid:20261116T100000
DTEND;TZID=Europe/Madrid:20261116T103000
STATUS:CANCELLED
SUMMARY:Seguimiento con rodrigo
END:VEVENT
BEGIN:VEVENT
UID:lunch@example.com
DTSTART;TZID=Europe/Madrid:20261125T140000
DTEND;TZID=Europe/Madrid:20261125T153000
STATUS:CANCELLED
SUMMARY:Comida con Ana García
LOCATION:Bar Pepe
END:VEVENT
BEGIN:VEVENT
UID:future@example.com
DTSTART:20261210T090000Z
SUMMARY:Call with Ana García
LOCATION:https://zoom.us/j/123
END:VEVENT
BEGIN:VEVENT
UID:dentist@example.com
DTSTART:20261110T090000Z
SUMMARY:Dentista
LOCATION:Clínica Sur
END:VEVENT
BEGIN:VEVENT
UID:declined@example.com
DTSTART:20261112T090000Z
SUMMARY:Team sync
ATTENDEE;CN=Ana García;PARTSTAT=DECLINED:mailto:ana@example.com
END:VEVENT
BEGIN:VEVENT
UID:broken@example.com
DTSTART:2026xx01
SUMMARY:Broken date with Ana García
END:VEVENT
END:VCALENDAR
"""


@pytest.fixture
def people(write):
    # UTC times are dated in this zone, whatever the zone of the machine running the tests.
    write("vinculo.toml", '[importers.calendar]\ntimezone = "Europe/Madrid"\n')
    write("People/Ana García.md", "---\ntype: person\nemail: ana@example.com\n---\n")
    write("People/Rodrigo Pérez.md", "---\ntype: person\naliases: [Rodrigo]\n---\n")


def ics(tmp_path: Path, text: str = EVENTS) -> Path:
    path = tmp_path / "calendar.ics"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return path


def imported(run, path: Path, vault: Path) -> dict:
    result = run("import", "calendar", str(path), str(vault), "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_meetings_with_contacts_become_meeting_notes(run, vault, people, tmp_path):
    imported(run, ics(tmp_path), vault)
    coffee = (vault / "Meetings/2026-11-20 Café.md").read_text(encoding="utf-8")
    assert "date: 2026-11-20\n" in coffee  # all-day event
    assert "attendees:\n- '[[Ana García]]'\n" in coffee  # matched by the attendee's e-mail
    assert "channel: in_person\n" in coffee and "location: Café de la Feria, Sevilla" in coffee
    assert "ics_uid: coffee-ana@example.com\n" in coffee
    weekly = (vault / "Meetings/2026-11-02 Seguimiento con rodrigo.md").read_text(encoding="utf-8")
    assert "attendees:\n- '[[Rodrigo Pérez]]'\n" in weekly  # named in the title, lowercase
    assert "channel: call\n" in weekly  # a video link in the description
    assert "Agenda: pricing" in weekly


def test_recurring_series_expands_up_to_today_without_cancelled_occurrences(
        run, vault, people, tmp_path):
    report = imported(run, ics(tmp_path), vault)
    days = sorted(p.name[:10] for p in (vault / "Meetings").glob("*Seguimiento*"))
    assert days == ["2026-11-02", "2026-11-09", "2026-11-23"]  # 16th cancelled; 30th+ future
    reasons = {a["label"]: a["reason"] for a in report["actions"] if a["action"] == "skip"}
    assert reasons["2026-11-16 Seguimiento con rodrigo"] == "cancelled"
    assert reasons["2026-11-25 Comida con Ana García"] == "cancelled"
    assert reasons["2026-12-10 Call with Ana García"].startswith("in the future")
    assert reasons["2026-11-10 Dentista"] == "no contact among its attendees or in its title"
    assert reasons["2026-11-12 Team sync"] == "no contact among its attendees or in its title"


def test_a_broken_event_is_reported_by_line(run, vault, people, tmp_path):
    report = imported(run, ics(tmp_path), vault)
    broken = next(a for a in report["actions"] if a["label"].startswith("Broken date"))
    line = EVENTS[: EVENTS.index("BEGIN:VEVENT\nUID:broken")].count("\n") + 1
    assert broken["line"] == line and "DTSTART" in broken["reason"]


def test_reimport_adds_nothing_even_after_the_user_moves_a_note(run, vault, people, tmp_path):
    path = ics(tmp_path)
    first = imported(run, path, vault)
    assert first["created"] == 4
    (vault / "Archive").mkdir()
    (vault / "Meetings/2026-11-20 Café.md").rename(vault / "Archive/Coffee with Ana.md")
    before = snapshot(vault)
    again = imported(run, path, vault)
    assert again["created"] == 0
    assert snapshot(vault) == before


def test_truncated_calendar_imports_the_complete_events(run, vault, people, tmp_path):
    text = EVENTS[: EVENTS.index("BEGIN:VEVENT\nUID:lunch")] + "BEGIN:VEVENT\nUID:cut\nDTSTA"
    report = imported(run, ics(tmp_path, text), vault)
    assert report["created"] == 4
    cut = next(a for a in report["actions"] if "cut short" in a["reason"])
    assert cut["line"] == text.count("\n") - 1


def test_recurrence_window_is_configurable(run, vault, people, write, tmp_path):
    write("vinculo.toml", '[importers.calendar]\npast_days = 14\ntimezone = "UTC"\n')
    imported(run, ics(tmp_path), vault)
    days = sorted(p.name[:10] for p in (vault / "Meetings").glob("*Seguimiento*"))
    assert days == ["2026-11-23"]


def test_a_name_that_is_also_a_word_counts_only_when_capitalised(run, vault, write, tmp_path):
    write("People/Rosa Delgado.md", "---\ntype: person\naliases: [Rosa]\n---\n")
    events = """BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:room@example.com
DTSTART:20261110T090000Z
SUMMARY:Reunión en la sala rosa
LOCATION:Oficina
END:VEVENT
BEGIN:VEVENT
UID:coffee@example.com
DTSTART:20261111T090000Z
SUMMARY:Café con Rosa
LOCATION:Bar Pepe
END:VEVENT
END:VCALENDAR
"""
    report = imported(run, ics(tmp_path, events), vault)
    kinds = {a["label"]: a["action"] for a in report["actions"]}
    assert kinds == {"2026-11-10 Reunión en la sala rosa": "skip",
                     "2026-11-11 Café con Rosa": "create"}


def test_the_date_is_the_day_where_you_are(run, vault, people, write, tmp_path):
    write("vinculo.toml", '[importers.calendar]\ntimezone = "America/Mexico_City"\n')
    events = """BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:late@example.com
DTSTART:20261111T030000Z
SUMMARY:Cena con Ana García
LOCATION:Casa Lamm
END:VEVENT
END:VCALENDAR
"""
    report = imported(run, ics(tmp_path, events), vault)
    assert report["actions"][0]["note"] == "Meetings/2026-11-10 Cena con Ana García.md"


def test_an_unknown_time_zone_is_one_clear_error(run, vault, write, tmp_path):
    write("vinculo.toml", '[importers.calendar]\ntimezone = "Mars/Olympus"\n')
    result = run("import", "calendar", str(ics(tmp_path)), str(vault))
    assert result.exit_code == 1 and "unknown time zone 'Mars/Olympus'" in result.stderr


def test_utc_times_are_dated_in_the_calendars_declared_zone(run, vault, people, tmp_path):
    (vault / "vinculo.toml").unlink()
    events = """BEGIN:VCALENDAR
VERSION:2.0
X-WR-TIMEZONE:Europe/Madrid
BEGIN:VEVENT
UID:late@example.com
DTSTART:20261110T233000Z
SUMMARY:Copas con Ana García
LOCATION:Bar Cock
END:VEVENT
BEGIN:VEVENT
UID:london@example.com
DTSTART;TZID=Europe/London:20261110T233000
SUMMARY:Drinks with Ana García
LOCATION:The Lamb
END:VEVENT
END:VCALENDAR
"""
    report = imported(run, ics(tmp_path, events), vault)
    assert sorted(a["note"] for a in report["actions"]) == [
        "Meetings/2026-11-10 Drinks with Ana García.md",  # its own zone, as written
        "Meetings/2026-11-11 Copas con Ana García.md",  # 00:30 in Madrid
    ]


def test_large_events_are_not_meetings_and_the_organiser_is_not_listed(run, vault, people,
                                                                      tmp_path):
    crowd = "".join(f"ATTENDEE;CN=Guest {i}:mailto:g{i}@example.com\n" for i in range(20))
    events = f"""BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:allhands@example.com
DTSTART:20261110T090000Z
SUMMARY:All hands
ATTENDEE;CN=Ana García:mailto:ana@example.com
{crowd}END:VEVENT
BEGIN:VEVENT
UID:small@example.com
DTSTART:20261111T090000Z
SUMMARY:Planning
LOCATION:Oficina
ORGANIZER;CN=Me:mailto:me@example.com
ATTENDEE;CN=Ana García:mailto:ana@example.com
ATTENDEE;CN=Pepe:mailto:pepe@example.com
END:VEVENT
END:VCALENDAR
"""
    report = imported(run, ics(tmp_path, events), vault)
    reasons = {a["label"]: (a["action"], a["reason"]) for a in report["actions"]}
    assert reasons["2026-11-10 All hands"] == (
        "skip", "21 attendees: a large event, not a meeting (importers.calendar.max_attendees)")
    note = (vault / "Meetings/2026-11-11 Planning.md").read_text(encoding="utf-8")
    assert "Also invited: Pepe." in note and "Me" not in note.replace("Meetings", "")


def test_an_attendee_whose_title_another_note_shares_is_linked_by_path(run, vault, people,
                                                                        tmp_path):
    """As every link vinculo writes (docs/linking.md): with another note called "Ana García",
    the meeting's links open the contact's note, not the other one."""
    (vault / "Projects").mkdir()
    (vault / "Projects/Ana García.md").write_text("Notes for a project named after her.\n",
                                                  encoding="utf-8")
    imported(run, ics(tmp_path), vault)
    coffee = (vault / "Meetings/2026-11-20 Café.md").read_text(encoding="utf-8")
    assert "attendees:\n- '[[People/Ana García|Ana García]]'\n" in coffee
    assert "With [[People/Ana García|Ana García]]." in coffee
    weekly = (vault / "Meetings/2026-11-02 Seguimiento con rodrigo.md").read_text(encoding="utf-8")
    assert "attendees:\n- '[[Rodrigo Pérez]]'\n" in weekly  # a title nobody else has
