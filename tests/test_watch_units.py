"""The watcher's pure parts: which paths are notes, the quiet period, service files."""

from __future__ import annotations

import json
import plistlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from watchdog.events import (
    DirCreatedEvent,
    DirModifiedEvent,
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
)

from vinculo.cli import cli
from vinculo.config import load_config
from vinculo.watch.debounce import Debouncer
from vinculo.watch.events import note_rel, temp_file_reason, touched
from vinculo.watch.service import service_file, service_id


class Clock:
    """A hand-driven clock, so the quiet-period rules are checked exactly."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    "name",
    [
        ".2026-11-28.md.swp", "2026-11-28.md~", "#2026-11-28.md#", ".#2026-11-28.md",
        "2026-11-28.md.tmp", "4913", ".2026-11-28.md.1a2b3c4d.vinculo-tmp", "note.md.bak",
        ".~lock.note.md#", ".goutputstream-XYZ12", "note.md.orig",
    ],
)
def test_temp_swap_and_backup_files_are_never_notes(vault: Path, name: str) -> None:
    config = load_config(vault)
    assert temp_file_reason(name) or note_rel(vault, str(vault / "Daily" / name), config) is None
    assert note_rel(vault, str(vault / "Daily" / name), config) is None


def test_ignore_rules_and_conflict_copies_are_honoured(vault: Path, write) -> None:
    write(".obsidian/app.json", '{"userIgnoreFilters": ["Archive/"]}')
    write("People/Ana.md", "x")
    write("People/Ana 2.md", "x")  # a copy: the same text as People/Ana.md
    config = load_config(vault)
    assert note_rel(vault, str(vault / "People/Ana.md"), config) == "People/Ana.md"
    for rel in [
        "Archive/old.md", "Templates/Person.md", ".obsidian/workspace.md", ".trash/x.md",
        "People/Ana.sync-conflict-20261128-101010-ABCDEFG.md",
        "People/Ana (conflicted copy 2026-11-28).md", "People/Ana 2.md", "People/Ana.txt",
    ]:
        assert note_rel(vault, str(vault / rel), config) is None, rel
    assert note_rel(vault, "/elsewhere/Ana.md", config) is None


def test_events_are_hints_about_paths(vault: Path) -> None:
    config = load_config(vault)
    daily = str(vault / "Daily/2026-11-28.md")
    tmp = str(vault / "Daily/.2026-11-28.md.tmp1")
    for event in (FileCreatedEvent(daily), FileModifiedEvent(daily), FileDeletedEvent(daily)):
        assert touched(event, vault, config).rels == {"Daily/2026-11-28.md"}
    # An editor's atomic save: a rename of a temp file onto the note, no ``modified``.
    assert touched(FileMovedEvent(tmp, daily), vault, config).rels == {"Daily/2026-11-28.md"}
    renamed = touched(FileMovedEvent(daily, str(vault / "Daily/renamed.md")), vault, config)
    assert renamed.rels == {"Daily/2026-11-28.md", "Daily/renamed.md"}
    for ignored in (FileOpenedEvent(daily), FileClosedNoWriteEvent(daily),
                    FileModifiedEvent(tmp), DirModifiedEvent(str(vault / "Daily"))):
        assert not touched(ignored, vault, config)
    assert touched(DirCreatedEvent(str(vault / "Daily")), vault, config).rescan
    assert touched(FileModifiedEvent(str(vault / "vinculo.toml")), vault, config).reload


def test_a_storm_of_events_becomes_one_batch_after_the_quiet_period() -> None:
    clock = Clock()
    debouncer = Debouncer(quiet=0.3, max_wait=10, clock=clock)
    for i in range(50):
        debouncer.add([f"n{i % 7}.md"])
        clock.now += 0.05
        assert debouncer.take(timeout=0) is None
    clock.now += 0.3
    batch = debouncer.take(timeout=0)
    assert batch is not None and batch.rels == {f"n{i}.md" for i in range(7)}
    assert debouncer.take(timeout=0) is None


def test_a_file_that_never_stops_changing_does_not_starve_the_others() -> None:
    clock = Clock()
    debouncer = Debouncer(quiet=0.3, max_wait=2, clock=clock)
    debouncer.add(["saved.md"])
    for _ in range(40):
        clock.now += 0.1
        debouncer.add(["busy.log.md"])
        batch = debouncer.take(timeout=0)
        if batch is not None:
            break
    assert batch is not None and batch.rels == {"saved.md"}
    assert debouncer.pending()


def test_systemd_unit_runs_this_vinculo_on_this_vault(vault: Path, tmp_path: Path) -> None:
    made = service_file(vault, "systemd", tmp_path)
    assert made.path.name == f"vinculo-watch-{service_id(vault)}.service"
    assert f"-m vinculo watch {vault.resolve()}" in made.content
    assert "WantedBy=default.target" in made.content and "Restart=on-failure" in made.content
    assert ["systemctl", "--user", "enable", "--now", made.path.name] in made.enable


def test_launchd_agent_is_a_valid_plist(vault: Path, tmp_path: Path) -> None:
    made = service_file(vault, "launchd", tmp_path)
    data = plistlib.loads(made.content.encode())
    assert data["RunAtLoad"] is True
    assert data["ProgramArguments"][-3:] == ["vinculo", "watch", str(vault.resolve())]
    assert made.enable == [["launchctl", "load", "-w", str(made.path)]]


def test_service_install_and_uninstall(vault: Path, tmp_path: Path, run) -> None:
    units = tmp_path / "units"
    result = run("service", "install", str(vault), "--unit-dir", str(units), "--platform", "systemd")
    assert result.exit_code == 0, result.output
    [unit] = list(units.iterdir())
    assert f"wrote {unit}" in result.output
    assert "systemctl --user enable --now" in result.output  # printed, never run
    assert str(vault.resolve()) in unit.read_text()
    result = run("service", "uninstall", "--unit-dir", str(units), "--platform", "systemd")
    assert result.exit_code == 0 and f"removed {unit}" in result.output
    assert not list(units.iterdir())
    assert "no vinculo service" in run("service", "uninstall", "--unit-dir", str(units)).output


def test_service_install_and_uninstall_speak_json_for_scripts(vault: Path, tmp_path: Path,
                                                             run) -> None:
    units = tmp_path / "units"
    result = run("service", "install", str(vault), "--unit-dir", str(units), "--platform",
                 "systemd", "--json")
    assert result.exit_code == 0, result.output
    installed = json.loads(result.output)
    [unit] = list(units.iterdir())
    assert installed["unit"] == str(unit) and installed["platform"] == "systemd"
    assert installed["vault"] == str(vault.resolve())
    assert installed["enable"]["ran"] == [] and installed["enable"]["missing"] is None
    assert any(c.startswith("systemctl --user enable --now") for c in installed["enable"]["to_run"])
    result = run("service", "uninstall", "--unit-dir", str(units), "--platform", "systemd",
                 "--json")
    gone = json.loads(result.output)
    assert [r["unit"] for r in gone["removed"]] == [str(unit)] and not unit.exists()
    assert gone["removed"][0]["disable"]["to_run"]
    again = json.loads(run("service", "uninstall", "--unit-dir", str(units), "--json").output)
    assert again["removed"] == []


def test_service_install_honours_xdg_config_home(vault: Path, tmp_path: Path, run, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    result = run("service", "install", str(vault), "--platform", "systemd", "--no-enable")
    assert result.exit_code == 0, result.output
    [unit] = list((tmp_path / "xdg/systemd/user").iterdir())
    assert unit.name.startswith("vinculo-watch-") and "to enable it, run:" in result.output
    result = run("service", "uninstall", str(vault), "--platform", "systemd", "--no-disable")
    assert not unit.exists() and "to disable it, run:" in result.output


def test_watch_once_idle_syncs_and_exits(vault: Path, write, run) -> None:
    write("People/Ana.md", "---\ntype: person\n---\n")
    write("Daily/2026-11-28.md", "Coffee with [[Ana]].\n")
    result = run("watch", str(vault), "--once-idle", "--quiet-ms", "100", "--rescan-minutes", "0")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "synced" in lines[-3] and "1 contacts" in lines[-3]
    assert "watching" in lines[-2] and "stopped" in lines[-1]


def test_watch_refuses_a_missing_vault_in_one_line(tmp_path: Path, run) -> None:
    result = CliRunner().invoke(cli, ["watch", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.output.strip().startswith("vinculo: vault not found")
    assert "Traceback" not in result.output


def test_a_wrong_watch_setting_is_one_clear_error(vault: Path, write) -> None:
    write("vinculo.toml", '[watch]\nquiet_ms = "fast"\n')
    result = CliRunner().invoke(cli, ["watch", str(vault), "--once-idle"])
    assert result.exit_code == 1
    assert "[watch] quiet_ms must be a number" in result.output and "Traceback" not in result.output
