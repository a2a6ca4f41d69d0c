"""A calendar series that repeats every hour or minute, or far too often, is capped: it is
never expanded into thousands of notes (or gigabytes of memory), and the report says what
was skipped."""

from __future__ import annotations

import json
import resource
import subprocess
import sys

import pytest
from test_import_calendar import ics


def series(rule: str, uid: str = "s@example.com", start: str = "20251201T100000Z") -> str:
    return (
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//t//EN\nBEGIN:VEVENT\n"
        f"UID:{uid}\nDTSTART:{start}\nDTEND:20251201T103000Z\n"
        f"SUMMARY:Sync con Ana García\nRRULE:{rule}\nEND:VEVENT\nEND:VCALENDAR\n"
    )


@pytest.fixture
def ana(write):
    write("People/Ana García.md", "---\ntype: person\nemail: ana@example.com\n---\n")


@pytest.mark.parametrize("freq, every", [("MINUTELY", "minute"), ("HOURLY", "hour"),
                                         ("SECONDLY", "second")])
def test_a_series_more_frequent_than_daily_is_skipped_and_said(tmp_path, vault, ana, freq, every):
    path = ics(tmp_path, series(f"FREQ={freq}"))
    result = subprocess.run(
        [sys.executable, "-m", "vinculo", "import", "calendar", str(path), str(vault), "--json"],
        capture_output=True, text=True, timeout=120,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (768 * 2**20, 768 * 2**20)))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["created"] == 0 and not (vault / "Meetings").exists()
    [action] = report["actions"]
    assert action["action"] == "skip" and f"repeats every {every}" in action["reason"]


def test_an_hourly_series_with_a_small_count_is_imported(run, tmp_path, vault, ana):
    path = ics(tmp_path, series("FREQ=HOURLY;COUNT=3"))
    report = json.loads(run("import", "calendar", str(path), str(vault), "--json").output)
    assert report["created"] == 3


def test_many_times_a_day_is_skipped(run, tmp_path, vault, ana):
    rule = "FREQ=DAILY;BYHOUR=" + ",".join(map(str, range(24))) + ";BYMINUTE=0,30"
    report = json.loads(run("import", "calendar", str(ics(tmp_path, series(rule))), str(vault),
                            "--json").output)
    assert report["created"] == 0 and "48 times a day" in report["actions"][0]["reason"]


def test_a_long_daily_series_keeps_its_last_occurrences_and_says_how_many_were_skipped(
        run, tmp_path, vault, ana, write):
    write("vinculo.toml", "[importers.calendar]\nmax_occurrences = 30\n")
    report = json.loads(run("import", "calendar", str(ics(tmp_path, series("FREQ=DAILY"))),
                            str(vault), "--json").output)
    assert report["created"] == 30
    skipped = [a for a in report["actions"] if a["action"] == "skip"]
    assert any("earlier occurrences skipped: only the last 30" in a["reason"] for a in skipped)
    notes = sorted(p.name for p in (vault / "Meetings").iterdir())
    assert notes[-1].startswith("2026-11-29")  # the most recent ones (today in the tests)
