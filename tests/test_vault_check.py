"""VAULT defaults to the current folder: vinculo writes only to a folder that looks like a
vault (``.obsidian/`` or ``vinculo.toml``), so a forgotten argument in a code repository or
an empty folder changes nothing."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import snapshot

from vinculo.cli import cli

README = "# A code repository\n\nWritten with Ana García and Rodrigo Sanz.\n"
PERSON = "---\ntype: person\n---\n"


@pytest.fixture
def repo(tmp_path):
    """A folder that is not a vault, with notes that would be linked and a person in it."""
    root = tmp_path / "repo"
    (root / "People").mkdir(parents=True)
    (root / "README.md").write_text(README, encoding="utf-8")
    (root / "People/Ana García.md").write_text(PERSON, encoding="utf-8")
    return root




@pytest.mark.parametrize("args", [
    ("sync",), ("sync", "--dry-run"), ("link", "--apply"), ("suggest", "--apply"),
    ("new", "contact", "Rodrigo Sanz"), ("templates", "install"),
    ("run", "snooze", "-p", "person=Ana García"),
])
def test_writing_commands_refuse_a_folder_that_is_not_a_vault(repo, args, monkeypatch):
    before = snapshot(repo)
    monkeypatch.chdir(repo)  # VAULT left out: the current folder
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"vinculo: {repo} does not look like a vault (VAULT defaults to the current folder): "
        "no .obsidian/ folder and no vinculo.toml; nothing written. Name your vault's folder, "
        "or create vinculo.toml in it (or pass --vault-ok)\n")
    assert snapshot(repo) == before


def test_an_empty_folder_gets_no_dashboard(tmp_path, run):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("sync", str(empty))
    assert result.exit_code == 1 and "does not look like a vault: " in result.stderr
    assert list(empty.iterdir()) == []


@pytest.mark.parametrize("marker", [".obsidian", "vinculo.toml", "--vault-ok", "env"])
def test_a_vault_marker_or_vault_ok_lets_it_write(repo, run, marker, monkeypatch):
    args = ["sync", str(repo)]
    if marker == ".obsidian":
        (repo / ".obsidian").mkdir()
    elif marker == "vinculo.toml":
        (repo / "vinculo.toml").write_text("[vault]\n", encoding="utf-8")
    elif marker == "env":
        monkeypatch.setenv("VINCULO_VAULT_OK", "1")
    else:
        args.append("--vault-ok")
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "[[Ana García]]" in (repo / "README.md").read_text(encoding="utf-8")


def test_reading_commands_need_no_marker(repo, run):
    assert run("scan", str(repo)).exit_code == 0
    assert run("contacts", str(repo)).exit_code == 0
    assert run("link", str(repo)).exit_code == 0


def test_the_service_is_not_installed_for_a_folder_that_is_not_a_vault(repo, run, tmp_path):
    units = tmp_path / "units"
    result = run("service", "install", str(repo), "--unit-dir", str(units), "--platform",
                 "systemd")
    assert result.exit_code == 1
    assert result.stderr == (f"vinculo: {repo} does not look like a vault: no .obsidian/ folder "
                             "and no vinculo.toml; create vinculo.toml in it first\n")
    assert not units.exists()
