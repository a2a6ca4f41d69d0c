"""The command line as a user meets it: exit codes, one-line errors, JSON for scripts."""

from __future__ import annotations

import json
import os
import subprocess
import sys

CONTACT_KEYS = {"name", "path", "aliases", "last_contact", "last_in_person", "stage", "suggestions"}


def test_contacts_json_schema(vault, write, run):
    write("People/Encarnación Ruiz.md", "---\naliases: Encar\ncity: Valencia\n---\nHola\n")
    write("Work/Tom Baker.md", "---\ntags: [person]\n---\n")
    result = run("contacts", str(vault), "--json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [r["name"] for r in rows] == ["Encarnación Ruiz", "Tom Baker"]
    for row in rows:
        assert set(row) >= CONTACT_KEYS
        assert isinstance(row["aliases"], list) and isinstance(row["suggestions"], list)
        for key in ("last_contact", "last_in_person"):
            assert row[key] is None or len(row[key]) == 10
    assert rows[0]["path"] == "People/Encarnación Ruiz.md"
    assert rows[0]["aliases"] == ["Encar"]


def test_vault_from_environment_then_current_folder(vault, write, run, monkeypatch):
    write("People/Tom Baker.md", "x")
    monkeypatch.setenv("VINCULO_VAULT", str(vault))
    assert json.loads(run("contacts", "--json").output)[0]["name"] == "Tom Baker"
    monkeypatch.delenv("VINCULO_VAULT")
    monkeypatch.chdir(vault)
    assert json.loads(run("contacts", "--json").output)[0]["path"] == "People/Tom Baker.md"


def test_missing_vault_is_one_line_and_exit_1(tmp_path, run):
    result = run("scan", str(tmp_path / "nope"))
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "vault not found" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_broken_config_is_one_line_and_exit_1(vault, write, run):
    write("vinculo.toml", "[folders\npeople = 'x'\n")
    result = run("scan", str(vault))
    assert result.exit_code == 1
    assert result.stderr.startswith("vinculo: vinculo.toml:")


def test_wrong_usage_is_exit_2(run):
    assert run("contacts", "--no-such-flag").exit_code == 2
    assert run("no-such-command").exit_code == 2


def test_bad_notes_are_reported_not_fatal(vault, write, run):
    write("bad.md", b"\xff\xfe\x00b\x00i\x00n")
    write("yaml.md", "---\n[oops\n---\ntext\n")
    write("People/Tom Baker.md", "x")
    result = run("scan", str(vault), "--json")
    assert result.exit_code == 0
    summary = json.loads(result.output)
    assert summary["notes"] == 3 and summary["contacts"] == 1 and summary["problems"] == 2
    doctor = run("doctor", str(vault))
    assert doctor.exit_code == 1  # it found problems
    assert "UTF-16" in doctor.output and "invalid YAML" in doctor.output


def test_doctor_finds_shared_names_and_common_word_aliases(vault, write, run):
    write("People/Ana García.md", "---\naliases: [Ana]\n---\n")
    write("People/Ana Torres.md", "---\naliases: [Ana]\n---\n")
    write("People/Rosa Díaz.md", "---\naliases: [rosa]\n---\n")
    problems = json.loads(run("doctor", str(vault), "--json").output)
    messages = [p["message"] for p in problems]
    assert any("'ana' names 2 contacts" in m for m in messages)
    assert any("'rosa' is also a common word" in m for m in messages)


def test_python_dash_m_and_version():
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    out = subprocess.run(
        [sys.executable, "-m", "vinculo", "--version"], capture_output=True, text=True, env=env
    )
    assert out.returncode == 0
    assert out.stdout.startswith("vinculo, version ")


def test_help_teaches_the_first_commands(run):
    result = run("--help")
    assert result.exit_code == 0
    for command in ("scan", "contacts", "sync", "doctor", "plugins"):
        assert command in result.output


def test_doctor_reports_links_to_no_note_but_not_escaped_table_links(vault, write, run):
    write("People/Ana García.md", "---\ntype: person\n---\n")
    write("Projects/Plan.md", "| who |\n| --- |\n| [[Ana García\\|Ana]] |\n\nSee [[Old Friend]].\n")
    write("Daily/2026-11-02.md", "Lunch with [[Old Friend|Olf]].\n")
    problems = json.loads(run("doctor", str(vault), "--json").output)
    dangling = [p for p in problems if "points to no note" in p["message"]]
    assert len(dangling) == 1
    assert dangling[0]["message"].startswith("[[Old Friend]] points to no note")
    assert "also linked from" in dangling[0]["message"]
    assert not any("Ana García" in p["message"] for p in problems)
