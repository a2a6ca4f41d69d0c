"""``vinculo export calendar`` and the ``[calendar] path`` feed: RFC 5545 read back by
icalendar, stable UIDs, byte-identical re-exports, kept current by sync and the watcher."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.conftest import snapshot
from vinculo.watch import Watcher


@pytest.fixture
def people(vault: Path, write) -> Path:
    """A friend to see again, a call to propose, a lunch planned, two birthdays (one on 29 Feb)."""
    write("People/Ana Lima.md", "---\ntype: person\ncity: Lisbon\ntier: close\nbirthday: 1986-11-30\n---\n")
    write("People/Carla Dias.md", "---\ntype: person\nbirthday: 02-29\n---\n")
    write("People/Rui Reis.md", "---\ntype: person\nconnected: 2026-01-10\n---\n")
    write("Daily/2026-09-01.md", "Had coffee with [[Ana Lima]].\n")
    write("Daily/2026-11-20.md", "Called [[Carla Dias]] about the workshop.\n")
    write("Daily/2026-12-02.md", "Lunch with [[Carla Dias]] at noon.\n")
    for day in ("2026-03-02", "2026-04-02", "2026-05-02", "2026-06-02", "2026-07-02"):
        write(f"Daily/{day}.md", "Messaged [[Rui Reis]] about his post.\n")
    return vault


def _events(data: bytes) -> dict[str, dict]:
    calendar = Calendar.from_ical(data)
    assert calendar["version"] == "2.0" and "vinculo" in str(calendar["prodid"])
    out = {}
    for event in calendar.walk("VEVENT"):
        uid = str(event["uid"])
        assert uid not in out, f"duplicate UID {uid}"
        out[uid] = {"summary": str(event["summary"]), "start": event.decoded("dtstart"),
                    "end": event.decoded("dtend"), "description": str(event["description"]),
                    "url": str(event.get("url", "")), "rrule": event.get("rrule")}
    return out


def _by_summary(events: dict[str, dict]) -> dict[str, dict]:
    return {e["summary"]: {**e, "uid": uid} for uid, e in events.items()}


def test_the_feed_holds_steps_plans_and_birthdays_read_back_by_icalendar(people, run):
    result = run("export", "calendar", str(people))
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\n")
    events = _by_summary(_events(result.stdout_bytes))
    see = events["See Ana Lima again in Lisbon"]
    assert see["start"] == dt.date(2026, 11, 29)  # overdue since 1 Oct: today, not lost in the past
    assert see["end"] == dt.date(2026, 11, 30)  # all-day: a date, not a time
    assert not isinstance(see["start"], dt.datetime)
    assert "Why: last in person 2026-09-01 (Daily/2026-09-01)" in see["description"]
    assert "due since 2026-10-01" in see["description"]
    assert see["url"] == "obsidian://open?vault=vault&file=People%2FAna%20Lima"
    call = events["Propose a call to Rui Reis"]
    assert "Why: online only since 2026-01-10" in call["description"]
    lunch = events["Meet Carla Dias"]
    assert lunch["start"] == dt.date(2026, 12, 2) and "Planned in Daily/2026-12-02.md" in lunch["description"]
    birthday = events["Ana Lima's birthday"]
    assert birthday["start"] == dt.date(1986, 11, 30) and birthday["rrule"]["FREQ"] == ["YEARLY"]
    leap = events["Carla Dias's birthday"]["rrule"]
    assert leap["BYMONTH"] == [2] and leap["BYMONTHDAY"] == [-1]


def test_a_second_export_with_nothing_changed_is_byte_identical(people, run, tmp_path):
    out = tmp_path / "feed.ics"
    assert run("export", "calendar", str(people), "-o", str(out)).exit_code == 0
    first = out.read_bytes()
    time.sleep(1.1)  # a time stamp taken from the clock would differ now
    result = run("export", "calendar", str(people), "-o", str(out))
    assert result.exit_code == 0 and "events written to" in result.output
    assert out.read_bytes() == first
    assert run("export", "calendar", str(people)).stdout_bytes == first


def test_uids_stay_when_the_dates_move(people, run, monkeypatch, write):
    before = _by_summary(_events(run("export", "calendar", str(people)).stdout_bytes))
    monkeypatch.setenv("VINCULO_TODAY", "2026-12-01")
    write("Daily/2026-12-03.md", "Lunch with [[Carla Dias]] instead.\n")
    write("Daily/2026-11-05.md", "Messaged [[Ana Lima]] about the trip.\n")  # restarts her clock
    after = _by_summary(_events(run("export", "calendar", str(people)).stdout_bytes))
    see = "See Ana Lima again in Lisbon"
    assert after[see]["uid"] == before[see]["uid"]
    assert (before[see]["start"], after[see]["start"]) == (dt.date(2026, 11, 29), dt.date(2026, 12, 5))
    assert "due since" not in after[see]["description"]
    assert after["Ana Lima's birthday"]["uid"] == before["Ana Lima's birthday"]["uid"]
    plans = [e for e in after.values() if e["summary"] == "Meet Carla Dias"]
    assert len(plans) == 1  # the plan of the 2nd is today's history now; the 3rd is planned
    assert plans[0]["start"] == dt.date(2026, 12, 3)


def test_weeks_limit_how_far_ahead(people, run, write):
    write("Daily/2027-01-20.md", "Lunch with [[Carla Dias]] in January.\n")
    four = _by_summary(_events(run("export", "calendar", str(people)).stdout_bytes))
    assert [e["start"] for e in four.values() if e["summary"] == "Meet Carla Dias"] == [
        dt.date(2026, 12, 2)]
    eight = _events(run("export", "calendar", str(people), "--weeks", "8").stdout_bytes)
    assert sorted(e["start"] for e in eight.values() if e["summary"] == "Meet Carla Dias") == [
        dt.date(2026, 12, 2), dt.date(2027, 1, 20)]


def test_sync_keeps_the_configured_feed_and_undo_takes_it_back(people, run, write):
    write("vinculo.toml", '[calendar]\npath = "vinculo/vinculo.ics"\n')
    result = run("sync", str(people))
    assert result.exit_code == 0, result.output
    feed = people / "vinculo/vinculo.ics"
    assert "Meet Carla Dias" in _by_summary(_events(feed.read_bytes()))
    assert feed.read_bytes() == run("export", "calendar", str(people)).stdout_bytes
    before = snapshot(people)
    assert run("sync", str(people)).exit_code == 0
    assert snapshot(people) == before  # nothing changed: not rewritten
    write("Daily/2026-12-04.md", "Call with [[Ana Lima]] planned.\n")
    assert run("sync", str(people)).exit_code == 0
    assert "Call with Ana Lima" in _by_summary(_events(feed.read_bytes()))
    assert run("undo", str(people)).exit_code == 0
    assert "Call with Ana Lima" not in _by_summary(_events(feed.read_bytes()))


def test_a_feed_path_outside_the_vault_is_never_written(people, run, write, tmp_path):
    outside = tmp_path / "outside.ics"
    write("vinculo.toml", f'[calendar]\npath = "{outside}"\n')
    assert run("sync", str(people)).exit_code == 0
    assert not outside.exists()
    result = run("export", "calendar", str(people))
    assert "warning: vinculo.toml: [calendar] path must be a file inside the vault" in result.stderr
    write("vinculo.toml", '[calendar]\npath = "../escape.ics"\n')
    assert run("sync", str(people)).exit_code == 0
    assert not (people.parent / "escape.ics").exists()


def test_an_export_into_the_vault_goes_through_the_safe_write_path(people, run):
    result = run("export", "calendar", str(people), "-o", str(people / "feeds/me.ics"))
    assert result.exit_code == 0, result.output
    assert (people / "feeds/me.ics").is_file()
    assert run("undo", str(people)).exit_code == 0
    assert not (people / "feeds/me.ics").exists()


def test_the_watcher_keeps_the_feed_current(people, write):
    write("vinculo.toml", '[calendar]\npath = "vinculo/vinculo.ics"\n')
    feed = people / "vinculo/vinculo.ics"
    watcher = Watcher(people, quiet=0.05, rescan_every=0,
                      today=lambda: dt.date(2026, 11, 29), log=lambda *a, **k: None)
    watcher.start()
    try:
        assert "Meet Carla Dias" in _by_summary(_events(feed.read_bytes()))
        write("Daily/2026-12-05.md", "Coffee with [[Rui Reis]] booked.\n")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and b"Meet Rui Reis" not in feed.read_bytes():
            time.sleep(0.05)
        events = _by_summary(_events(feed.read_bytes()))
        assert events["Meet Rui Reis"]["start"] == dt.date(2026, 12, 5)
    finally:
        watcher.stop()


def test_the_sample_vault_feed(sample, run):
    events = _by_summary(_events(run("export", "calendar", str(sample)).stdout_bytes))
    assert "Propose a call to Rodrigo Sanz" in events
    assert events["Propose a call to Rodrigo Sanz"]["start"] == dt.date(2026, 11, 29)  # overdue: today
    birthdays = sorted(s for s in events if s.endswith("'s birthday"))
    assert "Encarnación Moreno Gil's birthday" in birthdays and len(birthdays) >= 3
