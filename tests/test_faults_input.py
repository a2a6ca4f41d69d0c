"""Bad input gives one line naming the problem, never a traceback; and a sync never writes
what the next run would refuse to read."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import snapshot


def vinculo(*args: str, env: dict[str, str] | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vinculo", *args], capture_output=True,
                          text=True, timeout=120, env=env, cwd=cwd, check=False)


@pytest.mark.parametrize("setting, says", [
    ('[ignore]\nmax_note_bytes = "big"\n', "[ignore] max_note_bytes must be a whole number"),
    ("[ignore]\nmax_note_bytes = -1\n", "[ignore] max_note_bytes must be a whole number"),
    ("[ignore]\npaths = 5\n", "[ignore] paths must be a list"),
    ('[ignore]\npaths = "Archive"\n', "[ignore] paths must be a list"),
    ('[plugins]\ndisabled = "pacing"\n', "[plugins] disabled must be a list"),
    ("ignore = 3\n", "[ignore] must be a table"),
    ("[properties]\nwrite = 1\n", "[properties] write must be true or false"),
])
@pytest.mark.parametrize("command", ["scan", "sync"])
def test_a_setting_of_the_wrong_type_is_one_line_naming_it(vault, write, setting, says, command):
    write("vinculo.toml", setting)
    write("People/Ana.md", "---\ntype: person\n---\n")
    result = vinculo(command, str(vault))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("vinculo: vinculo.toml: ") and says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_sync_never_writes_a_note_past_max_note_bytes(vault, write, run):
    write("vinculo.toml", "[ignore]\nmax_note_bytes = 3000\n")
    write("People/Rodrigo Sanz.md", "---\ntype: person\n---\n")
    path = write("Notes/many.md", "Rodrigo Sanz.\n" * 200)  # 2,800 bytes; linked, 6,000+
    small = write("Notes/one.md", "Vi a Rodrigo Sanz.\n")
    before = path.read_bytes()
    result = run("sync", str(vault))
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == before and "[[Rodrigo Sanz]]" in small.read_text()
    lines = [line for line in result.output.splitlines() if "Notes/many.md" in line]
    assert len(lines) == 1 and "past ignore.max_note_bytes (3,000): not written" in lines[0]
    again = snapshot(vault)
    assert run("sync", str(vault)).exit_code == 0 and snapshot(vault) == again


@pytest.mark.parametrize("command", [["sync"], ["scan"], ["undo"], ["new", "contact", "Zoe"]])
def test_a_relative_state_dir_is_one_line_even_on_the_second_run(vault, write, tmp_path, command):
    write("People/Ana.md", "---\ntype: person\n---\n")
    env = dict(os.environ, VINCULO_STATE_DIR="relative-state")
    for _ in range(2):
        result = vinculo(*command, str(vault), env=env, cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        assert result.stderr == "vinculo: $VINCULO_STATE_DIR must be an absolute path, not 'relative-state'\n"
    assert not (tmp_path / "relative-state").exists()


@pytest.mark.parametrize("command", [["sync"], ["undo"], ["new", "contact", "Zoe"]])
def test_an_unusable_state_folder_is_one_line(vault, write, tmp_path, command):
    write("People/Ana.md", "---\ntype: person\n---\n")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")  # unusable even for root, unlike a read-only folder
    before = snapshot(vault)
    result = vinculo(*command, str(vault), env=dict(os.environ, VINCULO_STATE_DIR=str(blocker / "x")))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("vinculo: cannot use the state folder ")
    assert len(result.stderr.splitlines()) == 1 and snapshot(vault) == before


@pytest.mark.parametrize("until", ["+99999999w", "+99999999d", "+99999999m", "+999999y",
                                   "+99999999999999999999d"])
def test_a_huge_offset_is_one_line(vault, write, until):
    write("People/Rodrigo Sanz.md", "---\ntype: person\n---\n")
    result = vinculo("run", "snooze", str(vault), "-p", "person=Rodrigo Sanz", "-p",
                     f"until={until}")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"out of range: '{until}'" in result.stderr


def test_huge_cadences_and_template_offsets_do_not_overflow(vault, write, run):
    import datetime as dt

    from vinculo.templates import render

    now = dt.datetime(2026, 11, 29, 10, 0)
    assert render("{{date+99999999d:YYYY}} {{date}}", "t", now) == "{{date+99999999d:YYYY}} 2026-11-29"
    write("People/Ana.md", "---\ntype: person\ncadence: 99999999w\n---\n")
    write("Daily/2026-11-20.md", "Llamé a Ana.\n")
    assert run("sync", str(vault)).exit_code == 0
    # A threshold past a century is a typo: one line naming it, not an overflow.
    write("vinculo.toml", "[ladder]\ncall_after_days = 99999999999\n")
    result = run("sync", str(vault))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "line 2: [ladder] call_after_days must be a number of days" in result.output


def test_a_contact_named_like_a_marker_never_breaks_the_dashboard_block(sample, run):
    (sample / "People" / "<!-- vinculo:end -->.md").write_text(
        "---\ntype: person\ntier: close\n---\n", encoding="utf-8")
    for _ in range(2):
        result = run("sync", str(sample))
        assert result.exit_code == 0, result.output
    dashboard = (sample / "vinculo" / "Dashboard.md").read_text(encoding="utf-8")
    assert dashboard.count("<!-- vinculo:end -->") == 1
    assert dashboard.rstrip().endswith("<!-- vinculo:end -->")
    # The dashboard is still vinculo's to update: a new contact appears on the next sync.
    (sample / "People" / "Zoe Nueva.md").write_text("---\ntype: person\n---\n", encoding="utf-8")
    run("sync", str(sample))
    assert "Zoe Nueva" in (sample / "vinculo" / "Dashboard.md").read_text(encoding="utf-8")
