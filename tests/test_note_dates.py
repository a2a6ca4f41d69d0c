"""The day a note is about, as real vaults write it: ``session-date:``, ``created:``, a date
in words in the file name; which properties count is configurable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from vinculo.config import load_config
from vinculo.pipeline import build_index
from vinculo.plugin_host import get_plugin_manager

TODAY = dt.date(2026, 11, 29)


def _dates(vault: Path, write) -> list[str]:
    write("People/Marta Ruiz.md", "---\ntype: person\n---\n")
    index = build_index(vault, load_config(vault), get_plugin_manager(), TODAY)
    return [i.date.isoformat() for i in index.histories["Marta Ruiz"].interactions]


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("session-date: 2026-03-14", "2026-03-14"),
        ("created: 2026-02-01", "2026-02-01"),
        ("day: 2026-04-02", "2026-04-02"),
        ("meeting_date: 2026-05-09", "2026-05-09"),
        ("Created: 2026-06-10T09:30:00", "2026-06-10"),
        # `date` is the first of the properties: it wins over `created`.
        ("created: 2026-01-01\ndate: 2026-01-05", "2026-01-05"),
    ],
)
def test_a_note_is_dated_by_its_date_properties(vault, write, front, expected):
    write("Sessions/Session 12.md", f"---\n{front}\n---\nHad coffee with Marta Ruiz.\n")
    assert _dates(vault, write) == [expected]


def test_a_daily_note_name_wins_over_created(vault, write):
    write("Daily/2026-03-02.md", "---\ncreated: 2026-03-05\n---\nLlamé a Marta Ruiz.\n")
    assert _dates(vault, write) == ["2026-03-02"]


def test_which_properties_date_a_note_is_configurable(vault, write):
    write("vinculo.toml", '[dates]\nproperties = ["fecha"]\n')
    write("Notas/Cena.md", "---\nfecha: 2026-07-01\n---\nCena con Marta Ruiz.\n")
    write("Notas/Otra.md", "---\ncreated: 2026-07-03\n---\nComí con Marta Ruiz.\n")
    assert _dates(vault, write) == ["2026-07-01"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Nota del 6 de Agosto del 2025", "2025-08-06"),
        ("Reunión 12 de marzo de 2026", "2026-03-12"),
        ("August 6th, 2025", "2025-08-06"),
        ("6 August 2025", "2025-08-06"),
        ("Retro 2026-02-11", "2026-02-11"),
    ],
)
def test_a_date_written_in_the_file_name(vault, write, name, expected):
    write(f"Notes/{name}.md", "Hablé con Marta Ruiz por teléfono.\n")
    assert _dates(vault, write) == [expected]


def test_a_number_in_a_name_is_no_date(vault, write):
    write("Notes/Things 3.md", "Had coffee with Marta Ruiz.\n")
    write("Notes/Prep 2025.md", "Called Marta Ruiz.\n")
    assert _dates(vault, write) == []


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("2025-06-10/tasks/plan.md", "2025-06-10"),
        ("Work/2025-06-10/SUMMARY.md", "2025-06-10"),
        ("Journal/2024/03/05/notes.md", "2024-03-05"),
        ("Journal/2024/3/5/notes.md", "2024-03-05"),
        ("Viajes/Notas del 6 de agosto de 2025/Lisboa.md", "2025-08-06"),
        # the nearest dated folder wins
        ("2025-01-01/2025-01-02/notes.md", "2025-01-02"),
    ],
)
def test_a_note_in_a_folder_named_by_a_date_is_about_that_day(vault, write, path, expected):
    write("vinculo.toml", "[dates]\nfolders = true\n")
    write(path, "Had coffee with Marta Ruiz.\n")
    assert _dates(vault, write) == [expected]


def test_a_note_names_its_own_date_before_its_folder(vault, write):
    write("vinculo.toml", "[dates]\nfolders = true\n")
    write("2025-06-10/Retro 2025-06-12.md", "Had coffee with Marta Ruiz.\n")
    write("2025-06-10/notes.md", "---\ncreated: 2025-06-11\n---\nCalled Marta Ruiz.\n")
    assert sorted(_dates(vault, write)) == ["2025-06-11", "2025-06-12"]


def test_folders_that_only_hold_numbers_are_no_date(vault, write):
    write("vinculo.toml", "[dates]\nfolders = true\n")
    write("Projects/2025/plan.md", "Had coffee with Marta Ruiz.\n")
    write("Archive/2024/13/40/notes.md", "Called Marta Ruiz.\n")
    write("Clients/Acme 2/notes.md", "Met Marta Ruiz.\n")
    assert _dates(vault, write) == []


def test_folder_dates_are_off_unless_asked(vault, write):
    """Off by default: specs and reviews filed in dated folders hold plans, not a day's log."""
    write("2025-06-10/tasks/plan.md", "Had coffee with Marta Ruiz.\n")
    assert _dates(vault, write) == []
