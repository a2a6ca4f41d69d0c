"""A save that logs an event is replayed on the last full pass's state (the sync service's
event mode): it must write exactly the bytes a full ``sync`` writes, with a fresh state
folder, on a copy of the same vault."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import age, install_plugin, snapshot

DAILY = "Daily/2026-11-25.md"
ANA = "People/Ana Torres.md"


def sync(run, vault: Path, *flags: str) -> dict:
    result = run("sync", str(vault), "--json", *flags)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def settle(run, vault: Path) -> None:
    """Sync until nothing is left to write, with every mtime old enough to trust: the memo
    and the state an event is replayed on are kept."""
    sync(run, vault)
    age(vault)
    out = sync(run, vault)
    assert out["summary"]["write"]["mode"] == "full" and not out["summary"]["write"]["written"]


@pytest.fixture
def aged(sample: Path, run) -> Path:
    """The sample vault settled, with a calendar feed too: a file made from every contact's
    plans and suggestions, in the full pass's order."""
    toml = sample / "vinculo.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[calendar]\npath = "vinculo.ics"\n',
                    encoding="utf-8")
    settle(run, sample)
    assert (sample / "vinculo.ics").exists()
    return sample


def append(vault: Path, rel: str, text: str) -> None:
    path = vault / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def full_on_a_copy(run, vault: Path, tmp_path: Path, monkeypatch, *flags: str) -> tuple[Path, dict]:
    """The reference: a copy of the vault as it is now, synced with a fresh state folder
    (no cache, no memo, no state: the full pass)."""
    copy = tmp_path / "reference" / vault.name  # the same name: the feed's links carry it
    shutil.copytree(vault, copy)
    with monkeypatch.context() as m:
        m.setenv("VINCULO_STATE_DIR", str(tmp_path / "fresh-state"))
        out = sync(run, copy, *flags)
    assert out["summary"]["write"]["mode"] == "full"
    return copy, out


def same_as_full(run, vault: Path, tmp_path: Path, monkeypatch, dry: bool = True) -> dict:
    """Sync ``vault`` (it must take the event mode; first as a dry run) and check it leaves
    exactly the bytes and says what the full pass on a copy leaves and says."""
    if dry:  # a dry run that plans something leaves the memo as it was
        copy, expected = full_on_a_copy(run, vault, tmp_path, monkeypatch, "--dry-run")
        out = sync(run, vault, "--dry-run")
        assert out["summary"]["write"]["mode"] == "events"
        assert out["summary"]["write"]["diff"] == expected["summary"]["write"]["diff"]
    copy, expected = full_on_a_copy(run, vault, tmp_path / "2", monkeypatch)
    out = sync(run, vault)
    write = out["summary"]["write"]
    assert write["mode"] == "events" and write["full_pass"] is False
    assert snapshot(vault) == snapshot(copy)
    for key in ("written", "reasons", "diagnostics"):
        assert sorted(write[key]) == sorted(expected["summary"]["write"][key]), key
    assert out["contacts"] == expected["contacts"]
    return out


def test_an_event_writes_what_a_full_sync_writes(aged, run, tmp_path, monkeypatch):
    append(aged, DAILY, "\n- Café con [[Ana Torres]] en Lavapiés.\n")
    out = same_as_full(run, aged, tmp_path, monkeypatch)
    assert ANA in out["summary"]["write"]["written"]
    ana = next(r for r in out["contacts"] if r["name"] == "Ana Torres")
    assert ana["last_in_person"] == "2026-11-25" and ana["stage"] == "in_person"


def test_a_busy_day_of_events_keeps_answering_as_a_full_sync(aged, run, tmp_path, monkeypatch):
    """After a replay that wrote, the memo holds what it wrote: the next sync, at once (the
    files too recent for their mtimes to vouch for them), is answered from it, and the next
    event is replayed again, each time what a full sync of a copy leaves and says."""
    append(aged, DAILY, "\n- Café con [[Ana Torres]] en Lavapiés.\n")
    assert sync(run, aged)["summary"]["write"]["written"]
    again = sync(run, aged)
    assert again["summary"]["write"]["mode"] == "settled"
    copy, expected = full_on_a_copy(run, aged, tmp_path / "1", monkeypatch)
    assert snapshot(copy) == snapshot(aged) and not expected["summary"]["write"]["written"]
    assert again["contacts"] == expected["contacts"]
    append(aged, "Daily/2026-11-24.md", "\n- Videollamada con [[Tom Whitaker]].\n")
    same_as_full(run, aged, tmp_path / "2", monkeypatch, dry=False)
    append(aged, "Daily/2026-11-28.md", "\n- Llamé a [[Ana Torres]] por la tarde.\n")
    out = same_as_full(run, aged, tmp_path / "3", monkeypatch, dry=False)
    assert ANA in out["summary"]["write"]["written"]  # her note, written twice in one day
    assert sync(run, aged)["summary"]["write"]["mode"] == "settled"


def test_an_event_deleted_writes_what_a_full_sync_writes(aged, run, tmp_path, monkeypatch):
    daily = aged / DAILY
    text = daily.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("- Llamé a"))
    daily.write_text(text.replace(line + "\n", ""), encoding="utf-8")
    out = same_as_full(run, aged, tmp_path, monkeypatch)
    assert out["summary"]["write"]["written"]


def test_an_event_in_a_note_with_links_to_write(aged, run, tmp_path, monkeypatch):
    append(aged, DAILY, "\n- Comí con Ana Torres en Coyoacán.\n")
    out = same_as_full(run, aged, tmp_path, monkeypatch)
    assert DAILY in out["summary"]["write"]["written"]
    assert "[[Ana Torres]] en Coyoacán" in (aged / DAILY).read_text(encoding="utf-8")


def test_the_names_kept_by_the_last_replay_link_as_a_full_sync_links(aged, run, tmp_path,
                                                                      monkeypatch):
    """The first replay keeps the contacts' names and the matcher's table made of them with
    the memo; the next one reads its note with them: an alias, a nickname and a full name
    written in plain text are linked as a full sync links them."""
    append(aged, DAILY, "\n- Café con [[Ana Torres]] en Lavapiés.\n")
    same_as_full(run, aged, tmp_path / "1", monkeypatch, dry=False)
    append(aged, "Daily/2026-11-24.md",
           "\n- Comí con Toni Castillo y con Encar en Sevilla; luego llamé a Rodrigo Sanz.\n")
    out = same_as_full(run, aged, tmp_path / "2", monkeypatch)
    assert "Daily/2026-11-24.md" in out["summary"]["write"]["written"]
    text = (aged / "Daily/2026-11-24.md").read_text(encoding="utf-8")
    assert "[[Antonio Castillo|Toni Castillo]]" in text and "[[Rodrigo Sanz]]" in text


def test_links_in_a_vault_where_a_title_is_shared_or_continued(aged, run, tmp_path,
                                                               monkeypatch):
    """Another note titled like a contact makes her links carry her note's path, and a
    title that goes on past her name ("Ana Torres Foundation") is left alone: the event
    mode links with the tables the memo kept, as a full sync links."""
    for rel, text in (("Projects/Ana Torres.md", "A project named after someone else.\n"),
                      ("Notes/Ana Torres Foundation.md", "A foundation.\n")):
        (aged / rel).write_text(text, encoding="utf-8")
    settle(run, aged)
    append(aged, DAILY, "\n- Comí con Ana Torres, que ahora dirige la Ana Torres Foundation.\n")
    out = same_as_full(run, aged, tmp_path, monkeypatch)
    assert DAILY in out["summary"]["write"]["written"]
    text = (aged / DAILY).read_text(encoding="utf-8")
    assert "Comí con [[People/Ana Torres|Ana Torres]], que" in text
    assert "la Ana Torres Foundation." in text


def test_an_event_for_a_contact_near_the_daily_budget(sample, run, tmp_path, monkeypatch):
    """With a budget of one suggestion a day, one contact's new suggestion moves the others'
    dates: the global plan must be the full pass's, in every contact's block."""
    toml = sample / "vinculo.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n[ladder]\ndaily_budget = 1\n",
                    encoding="utf-8")
    settle(run, sample)
    append(sample, DAILY, "\n- Videollamada con [[Tom Whitaker]] sobre el libro.\n")
    out = same_as_full(run, sample, tmp_path, monkeypatch)
    assert len(out["summary"]["write"]["written"]) > 1  # more than Tom's note moved


def test_an_event_that_moves_no_block_settles_again(aged, run, tmp_path, monkeypatch):
    """A second mention of a call already logged that day changes the events but nothing
    written: the vault is settled again, and the next sync is answered from the memo, as a
    full pass would answer."""
    append(aged, DAILY, "\n- Llamé a [[Lucía Fernández Ortega]] otra vez.\n")
    out = same_as_full(run, aged, tmp_path, monkeypatch, dry=False)
    assert out["summary"]["write"]["written"] == []
    again = sync(run, aged)
    assert again["summary"]["write"]["mode"] == "settled"
    copy, expected = full_on_a_copy(run, aged, tmp_path / "3", monkeypatch)
    assert again["contacts"] == expected["contacts"]


def test_a_state_whose_notes_left_the_cache_runs_the_full_pass(aged, run, tmp_path,
                                                                 monkeypatch):
    """The state names the notes a contact's events come from; the events themselves are
    read from those notes' cache rows. Rows that are gone (or not the ones the memo's hashes
    vouch for) are never guessed at: the sync runs in full, and writes what a full sync
    writes."""
    import sqlite3

    from vinculo.state_folder import state_dir

    with sqlite3.connect(state_dir(aged) / "index.sqlite") as con:
        con.execute("DELETE FROM notes WHERE rel != ?", (DAILY,))
    con.close()
    append(aged, DAILY, "\n- Café con [[Ana Torres]] en Lavapiés.\n")
    copy, expected = full_on_a_copy(run, aged, tmp_path, monkeypatch)
    out = sync(run, aged)
    assert out["summary"]["write"]["mode"] == "full"
    assert ANA in out["summary"]["write"]["written"]
    assert snapshot(aged) == snapshot(copy)
    assert out["contacts"] == expected["contacts"]


def test_a_contact_note_changed_runs_the_full_pass(aged, run):
    append(aged, DAILY, "\n- Café con [[Ana Torres]].\n")
    append(aged, ANA, "\nSe muda a Madrid.\n")
    assert sync(run, aged)["summary"]["write"]["mode"] == "full"


KILLER = """
import os, signal
from vinculo import hookimpl

@hookimpl
def after_write(vault, rel, before, after):
    if os.environ.get("KILL_AFTER_WRITE"):
        os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_kill_during_the_event_mode_leaves_what_the_next_sync_repairs(sample, tmp_path):
    """Killed once its files are written and before its memo is settled: the next sync reads
    what is on disk and leaves the bytes a full sync of the same notes leaves."""
    site = install_plugin(tmp_path / "site", "vinculo_killer", KILLER)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), *sys.path]),
           "VINCULO_STATE_DIR": str(tmp_path / "state")}

    def cli(vault: Path, **extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "vinculo", "sync", str(vault), "--json"],
                              env={**env, **extra}, capture_output=True, text=True, timeout=300)

    def mode(done: subprocess.CompletedProcess) -> str:
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)["summary"]["write"]["mode"]

    cli(sample)
    age(sample)
    assert mode(cli(sample)) == "full"
    append(sample, DAILY, "\n- Café con [[Ana Torres]] en Lavapiés.\n")
    before = tmp_path / "before"
    shutil.copytree(sample, before)
    killed = cli(sample, KILL_AFTER_WRITE="1")
    assert killed.returncode == -9
    assert snapshot(sample) != snapshot(before)  # it had written
    assert mode(cli(sample)) == "full"  # the contact note changed since the memo
    assert mode(cli(before, VINCULO_STATE_DIR=str(tmp_path / "fresh"))) == "full"
    assert snapshot(sample) == snapshot(before)
    again = cli(sample)
    assert again.returncode == 0 and json.loads(again.stdout)["summary"]["write"]["written"] == []


def test_an_event_in_a_vault_whose_language_is_read_from_its_notes(sample, run, tmp_path,
                                                                   monkeypatch):
    """Without ``[ui] language`` the suggestions are worded in the language the events are
    written in: the replay reads it as the full pass does."""
    toml = sample / "vinculo.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace('language = "en"', "", 1), encoding="utf-8")
    settle(run, sample)
    append(sample, DAILY, "\n- Café con [[Ana Torres]] en Lavapiés.\n")
    out = same_as_full(run, sample, tmp_path, monkeypatch)
    assert ANA in out["summary"]["write"]["written"]


REPORT = """
from vinculo import hookimpl
from vinculo.writeback import FileChange

@hookimpl
def plan_files(index, config):
    path = index.vault / "Report.md"
    before = path.read_bytes() if path.is_file() else None
    count = sum(len(found) for found in index.suggestions.values())
    after = f"{len(index.contacts)} contacts, {count} suggestions\\n".encode()
    return [] if after == before else [FileChange("Report.md", before, after, "report")]

@hookimpl
def owned_files(config):
    return ["Report.md"]
"""
VOUCH = """
@hookimpl
def plans_from_contacts(config):
    return True
"""


@pytest.mark.parametrize(("source", "expected"), [(REPORT, "full"), (REPORT + VOUCH, "events")])
def test_a_third_party_file_plugin_takes_the_event_mode_when_it_says_so(sample, tmp_path,
                                                                        source, expected):
    """A plugin writing a whole file is replayed like the dashboard once it declares that it
    reads the contacts' side alone (``plans_from_contacts``); without it the sync runs in full."""
    site = install_plugin(tmp_path / "site", "vinculo_report", source)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), *sys.path]),
           "VINCULO_STATE_DIR": str(tmp_path / "state")}

    def mode() -> str:
        done = subprocess.run([sys.executable, "-m", "vinculo", "sync", str(sample), "--json"],
                              env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)["summary"]["write"]["mode"]

    mode()
    age(sample)
    assert mode() == "full"  # nothing left to write: settled, its state kept
    assert (sample / "Report.md").is_file()
    append(sample, DAILY, "\n- Café con [[Ana Torres]] en Lavapiés.\n")
    assert mode() == expected


def test_an_event_that_moves_no_plan_then_one_that_does(aged, run, tmp_path, monkeypatch):
    """An old coffee with someone who has no suggestion moves no suggestion, open loop or
    plan: the replay keeps the state's head as stored (it is not written again); the next
    event, which moves the plan, is replayed on it as a full sync of a copy writes it."""
    append(aged, "Daily/2025-06-12.md", "\n- Café con [[Rosa Delgado]].\n")
    same_as_full(run, aged, tmp_path / "1", monkeypatch, dry=False)  # her block, the dashboard
    assert sync(run, aged)["summary"]["write"]["mode"] == "settled"
    append(aged, DAILY, "\n- Llamé a [[Tom Whitaker]] por la tarde.\n")
    same_as_full(run, aged, tmp_path / "2", monkeypatch, dry=False)
    append(aged, "Daily/2026-11-24.md", "\n- Café con [[Rosa Delgado]] y [[Tom Whitaker]].\n")
    same_as_full(run, aged, tmp_path / "3", monkeypatch, dry=False)
