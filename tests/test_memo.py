"""A sync on a settled vault answers from the last sync's memo — and only when a full pass
would say exactly the same: every shortcut here is checked against a sync with the cache off."""

from __future__ import annotations

import importlib
import json
import os
import re
import sqlite3
import sys
from pathlib import Path

import pytest
from conftest import age, install_plugin, snapshot

from vinculo.state_folder import state_dir

DAILY = "Daily/2026-11-25.md"


def sync(run, vault: Path, *flags: str) -> dict:
    result = run("sync", str(vault), "--json", *flags)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def comparable(out: dict) -> dict:
    """A sync's JSON without what may differ between a shortcut and a full pass: nothing
    but the flag that tells them apart."""
    out = json.loads(json.dumps(out))
    out["summary"]["write"].pop("full_pass")
    out["summary"]["write"].pop("mode")
    return out


def full_pass(run, vault: Path, monkeypatch, *flags: str) -> dict:
    """The reference: the same sync with the cache (and so the memo) turned off."""
    with monkeypatch.context() as m:
        m.setenv("VINCULO_NO_CACHE", "1")
        return sync(run, vault, *flags)


@pytest.fixture
def settled(sample: Path, run) -> Path:
    """The sample vault after a sync that wrote, then one that found nothing to do (and kept
    its memo)."""
    assert sync(run, sample)["summary"]["write"]["written"]
    again = sync(run, sample)
    assert again["summary"]["write"]["full_pass"] and not again["summary"]["write"]["written"]
    return sample


@pytest.fixture
def aged(settled: Path, run) -> Path:
    """The settled vault with every file saved a minute ago, so no mtime is too recent to
    trust, and a memo that knows it."""
    age(settled)
    assert sync(run, settled)["summary"]["write"]["full_pass"]  # new mtimes: read again
    return settled


def test_an_unchanged_vault_is_answered_from_the_memo_with_the_same_output(aged, run, monkeypatch):
    before = snapshot(aged)
    for flags in ((), ("--dry-run",)):
        out = sync(run, aged, *flags)
        assert out["summary"]["write"]["full_pass"] is False
        assert comparable(out) == comparable(full_pass(run, aged, monkeypatch, *flags))
    assert snapshot(aged) == before


@pytest.mark.parametrize("command", ["scan", "contacts"])
def test_scan_and_contacts_on_a_settled_vault_print_what_a_full_pass_prints(aged, run, monkeypatch,
                                                                           command):
    def both() -> tuple[str, str]:
        with monkeypatch.context() as m:
            m.setenv("VINCULO_NO_CACHE", "1")
            full = run(command, str(aged), "--json").output
        return run(command, str(aged), "--json").output, full

    shortcut, full = both()
    assert shortcut == full and json.loads(shortcut)
    daily = aged / DAILY  # an edit that changes nobody's history: still settled
    daily.write_text(daily.read_text(encoding="utf-8") + "\nLlovió.\n", encoding="utf-8")
    assert sync(run, aged, "--dry-run")["summary"]["write"]["full_pass"] is False
    shortcut, full = both()
    assert shortcut == full
    daily.write_text(daily.read_text(encoding="utf-8") + "\n- Café con [[Ana Torres]].\n",
                     encoding="utf-8")  # a history changes: the full pass answers
    shortcut, full = both()
    assert shortcut == full
    if command == "contacts":
        ana = next(r for r in json.loads(shortcut) if r["name"] == "Ana Torres")
        assert ana["last_in_person"] == "2026-11-25"


def test_the_text_output_is_the_same_as_a_full_pass(aged, run, monkeypatch):
    shortcut = run("sync", str(aged)).output
    with monkeypatch.context() as m:
        m.setenv("VINCULO_NO_CACHE", "1")
        assert run("sync", str(aged)).output == shortcut
    assert "problem(s); wrote 0 file(s)" in shortcut


def test_prose_that_changes_no_history_keeps_the_answer(aged, run, monkeypatch):
    daily = aged / DAILY
    daily.write_text(daily.read_text(encoding="utf-8") + "\nLlovió toda la tarde.\n",
                     encoding="utf-8")
    out = sync(run, aged)
    assert out["summary"]["write"]["full_pass"] is False
    assert comparable(out) == comparable(full_pass(run, aged, monkeypatch))
    age(daily)
    assert sync(run, aged)["summary"]["write"]["full_pass"] is False  # still settled


def test_a_date_given_to_a_note_runs_the_full_pass(aged, run, monkeypatch):
    """A note's date is part of what it gives the plan (and of the count of dated notes),
    even in a note that names nobody."""
    shopping = aged / "Notes" / "Compra.md"
    shopping.write_text("Pan, leche y café.\n", encoding="utf-8")
    sync(run, aged)
    age(aged)
    dated = sync(run, aged)["summary"]["dated_notes"]
    assert sync(run, aged)["summary"]["write"]["full_pass"] is False
    shopping.write_text("---\ndate: 2026-11-01\n---\nPan, leche y café.\n", encoding="utf-8")
    out = sync(run, aged, "--dry-run")
    assert out["summary"]["write"]["full_pass"] is True
    assert out["summary"]["dated_notes"] == dated + 1
    assert comparable(out) == comparable(full_pass(run, aged, monkeypatch, "--dry-run"))


def test_a_new_interaction_is_replayed_and_updates_the_contact(aged, run, monkeypatch):
    """Not settled, but not a full pass either: the event mode (tests/test_event_sync.py)."""
    daily = aged / DAILY
    daily.write_text(daily.read_text(encoding="utf-8")
                     + "\n- Café con [[Ana Torres]] en Lavapiés.\n", encoding="utf-8")
    expected = full_pass(run, aged, monkeypatch, "--dry-run")
    assert expected["summary"]["write"]["written"] == [] and expected["summary"]["write"]["reasons"]
    out = sync(run, aged)
    assert out["summary"]["write"]["mode"] == "events"
    assert sorted(out["summary"]["write"]["written"]) == sorted(expected["summary"]["write"]["reasons"])
    ana = next(r for r in out["contacts"] if r["name"] == "Ana Torres")
    assert ana["last_in_person"] == "2026-11-25" and ana["stage"] == "in_person"


def test_an_open_loop_written_or_ticked_is_replayed_and_updates_the_block(aged, run):
    """A task naming someone changes nobody's history, but it is listed in their block."""
    daily = aged / DAILY
    text = daily.read_text(encoding="utf-8")
    daily.write_text(text + "\n- [ ] mandar a [[Ana Torres]] el guion del podcast\n",
                     encoding="utf-8")
    out = sync(run, aged)
    assert out["summary"]["write"]["mode"] == "events"
    block = (aged / "People/Ana Torres.md").read_text(encoding="utf-8")
    assert "- Open: mandar a Ana Torres el guion del podcast" in block
    age(aged)
    assert sync(run, aged)["summary"]["write"]["full_pass"] is True  # new mtimes: read again
    daily.write_text(text + "\n- [x] mandar a [[Ana Torres]] el guion del podcast\n",
                     encoding="utf-8")
    assert sync(run, aged)["summary"]["write"]["mode"] == "events"
    assert "guion" not in (aged / "People/Ana Torres.md").read_text(encoding="utf-8")


def test_a_name_to_link_is_replayed_and_links_it(aged, run):
    note = aged / "Notes" / "Idea suelta.md"
    note.write_text("Idea: preguntar a Ana Torres por su libro.\n", encoding="utf-8")
    age(note)
    out = sync(run, aged)  # a new note: never answered from the memo
    assert out["summary"]["write"]["full_pass"] is True
    assert "[[Ana Torres]]" in note.read_text(encoding="utf-8")
    sync(run, aged)  # settled again
    age(aged)
    sync(run, aged)
    note.write_text("Idea: preguntar a Ana Torres por su libro. Y a [[Ana Torres]].\n",
                    encoding="utf-8")
    out = sync(run, aged)
    assert out["summary"]["write"]["mode"] == "events"  # an unlinked name: a link to write
    assert note.read_text(encoding="utf-8").count("[[Ana Torres]]") == 2


@pytest.mark.parametrize("change", ["contact", "created", "deleted", "renamed", "dashboard",
                                    "day", "config", "conflict copy"])
def test_anything_else_runs_the_full_pass(aged, run, monkeypatch, change):
    people = sorted((aged / "People").glob("*.md"))
    if change == "contact":
        people[0].write_text(people[0].read_text(encoding="utf-8") + "\nUna nota más.\n",
                             encoding="utf-8")
    elif change == "created":
        (aged / "Notes" / "Nueva.md").write_text("Nada que ver.\n", encoding="utf-8")
    elif change == "deleted":
        (aged / DAILY).unlink()
    elif change == "renamed":
        (aged / DAILY).rename(aged / "Daily" / "2026-11-26.md")
    elif change == "dashboard":
        dashboard = aged / "vinculo" / "Dashboard.md"
        text = dashboard.read_text(encoding="utf-8")
        dashboard.write_text(text.replace("Radar", "Radar (editado)", 1), encoding="utf-8")
    elif change == "day":
        monkeypatch.setenv("VINCULO_TODAY", "2026-11-30")
    elif change == "config":
        toml = aged / "vinculo.toml"
        toml.write_text(toml.read_text(encoding="utf-8") + "\n[cache]\nenabled = true\n",
                        encoding="utf-8")
    elif change == "conflict copy":
        (aged / "Daily" / "2026-11-25.sync-conflict-20261125-101010-ABCDEF.md").write_text(
            "copia\n", encoding="utf-8")
    out = sync(run, aged, "--dry-run")
    assert out["summary"]["write"]["full_pass"] is True
    assert comparable(out) == comparable(full_pass(run, aged, monkeypatch, "--dry-run"))


def test_fixing_a_note_with_a_problem_runs_the_full_pass(aged, run, monkeypatch):
    broken = aged / "Notes" / "Charla en Valencia.md"
    before = sync(run, aged)["summary"]["problems"]
    broken.write_text(broken.read_text(encoding="utf-8").replace(
        "[charla, valencia\n", "[charla, valencia]\n"), encoding="utf-8")
    out = sync(run, aged, "--dry-run")
    assert out["summary"]["write"]["full_pass"] is True
    assert out["summary"]["problems"] == before - 1
    assert comparable(out) == comparable(full_pass(run, aged, monkeypatch, "--dry-run"))


def test_the_dashboard_edited_inside_its_block_is_put_back(aged, run):
    dashboard = aged / "vinculo" / "Dashboard.md"
    original = dashboard.read_text(encoding="utf-8")
    assert "Radar" in original
    dashboard.write_text(original.replace("Radar", "Radr", 1), encoding="utf-8")
    out = sync(run, aged)
    assert "vinculo/Dashboard.md" in out["summary"]["write"]["written"]
    assert dashboard.read_text(encoding="utf-8") == original


def test_an_edit_with_the_same_size_and_mtime_right_after_a_sync_is_seen(sample, run):
    """mtimes tick coarsely: a note saved just before (or while) the last sync looked may
    change again without its size or mtime moving; the memo reads such notes again."""
    sync(run, sample)
    link = re.compile(r"\[\[([^\]|#]+)\]\]")
    daily = next(p for p in sorted((sample / "Daily").glob("*.md"))
                 if link.search(p.read_text(encoding="utf-8")))
    os.utime(daily)  # saved just now, then a sync that finds nothing to do
    assert not sync(run, sample)["summary"]["write"]["written"]
    info = daily.stat()
    # The same number of bytes, a link taken out: a full pass links the name again.
    daily.write_text(link.sub(r"  \1  ", daily.read_text(encoding="utf-8"), count=1),
                     encoding="utf-8")
    os.utime(daily, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert daily.stat().st_size == info.st_size
    out = sync(run, sample, "--dry-run")
    assert out["summary"]["write"]["full_pass"] is True
    assert str(daily.relative_to(sample)) in out["summary"]["write"]["reasons"]


COPYIST = '''
from vinculo import hookspecs
from vinculo.writeback import FileChange

@hookspecs.hookimpl
def plan_files(index, config):
    path = index.vault / "Copia.md"
    after = "copia\\n".encode()
    before = path.read_bytes() if path.exists() else None
    return [] if before == after else [FileChange("Copia.md", before, after, "copy")]
'''


@pytest.fixture
def copyist(tmp_path, monkeypatch):
    """A third-party plugin that writes a whole file and does not say which (no
    ``owned_files``)."""
    site = install_plugin(tmp_path / "site", "vinculo_copyist", COPYIST)
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    yield importlib.import_module("vinculo_copyist")
    sys.modules.pop("vinculo_copyist", None)


def test_a_plugin_writing_files_it_does_not_declare_turns_the_shortcut_off(sample, run, copyist):
    sync(run, sample)
    sync(run, sample)
    age(sample)
    for _ in range(2):
        out = sync(run, sample)
        assert out["summary"]["write"]["full_pass"] is True
    (sample / "Copia.md").write_text("editada\n", encoding="utf-8")
    sync(run, sample)
    assert (sample / "Copia.md").read_text(encoding="utf-8") == "copia\n"


DECLARING = COPYIST + '''

@hookspecs.hookimpl
def owned_files(config):
    return ["Copia.md"]
'''


def test_a_plugin_declaring_its_files_keeps_the_shortcut_and_its_file(tmp_path, sample, run,
                                                                      monkeypatch):
    site = install_plugin(tmp_path / "site", "vinculo_declaring", DECLARING)
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    try:
        sync(run, sample)
        sync(run, sample)
        age(sample)
        sync(run, sample)
        assert sync(run, sample)["summary"]["write"]["full_pass"] is False
        (sample / "Copia.md").write_text("editada\n", encoding="utf-8")
        out = sync(run, sample)
        assert out["summary"]["write"]["full_pass"] is True
        assert (sample / "Copia.md").read_text(encoding="utf-8") == "copia\n"
    finally:
        sys.modules.pop("vinculo_declaring", None)


def test_a_damaged_memo_means_a_full_pass_never_an_error(aged, run, monkeypatch):
    database = state_dir(aged) / "index.sqlite"
    with sqlite3.connect(database) as con:
        con.execute("UPDATE settled SET blob = ?", (b"not a memo",))
    con.close()
    out = sync(run, aged, "--dry-run")
    assert out["summary"]["write"]["full_pass"] is True
    assert comparable(out) == comparable(full_pass(run, aged, monkeypatch, "--dry-run"))
    assert sync(run, aged)["summary"]["write"]["full_pass"] is False  # and a new memo


def test_a_replay_that_writes_keeps_the_memo_of_what_it_wrote(aged, run):
    daily = aged / DAILY
    daily.write_text(daily.read_text(encoding="utf-8")
                     + "\n- Café con [[Ana Torres]].\n", encoding="utf-8")
    database = state_dir(aged) / "index.sqlite"

    def memos() -> tuple[int]:
        with sqlite3.connect(database) as con:
            count = con.execute("SELECT COUNT(*) FROM settled WHERE id = 0").fetchone()
        con.close()
        return count

    assert sync(run, aged, "--dry-run")["summary"]["write"]["reasons"]  # not settled
    assert memos() == (1,)  # a dry run leaves the memo as it was: the note is still new to it
    assert sync(run, aged)["summary"]["write"]["written"]
    assert memos() == (1,)  # brought up to date (tests/test_event_sync.py)
    assert sync(run, aged)["summary"]["write"]["mode"] == "settled"


def test_a_full_pass_that_writes_leaves_no_memo_behind(aged, run):
    database = state_dir(aged) / "index.sqlite"
    (aged / "Notes" / "Nueva.md").write_text("Idea: preguntar a Ana Torres.\n", encoding="utf-8")
    out = sync(run, aged)
    assert out["summary"]["write"]["mode"] == "full" and out["summary"]["write"]["written"]
    with sqlite3.connect(database) as con:
        assert con.execute("SELECT COUNT(*) FROM settled WHERE id = 0").fetchone() == (0,)
    con.close()


def test_a_first_dry_run_leaves_its_cache_as_saved_with_no_memo_to_drop(sample, run):
    """A first dry run plans changes, so it keeps no memo; there is none to drop either, and
    the cache it saved for the sync that follows is left as it was saved."""
    from vinculo import memo
    from vinculo.config import load_config

    sync(run, sample, "--dry-run")
    database = state_dir(sample) / "index.sqlite"
    saved = database.read_bytes(), database.stat().st_mtime_ns
    memo.forget(sample, load_config(sample))  # what the dry run did once it had planned
    assert (database.read_bytes(), database.stat().st_mtime_ns) == saved
    assert sync(run, sample)["summary"]["write"]["written"]


def test_a_memo_that_cannot_answer_is_dropped(aged, run):
    """Asked again and again, it would fail again: the next settled sync keeps a new one."""
    database = state_dir(aged) / "index.sqlite"

    def memos() -> int:
        with sqlite3.connect(database) as con:
            count = con.execute("SELECT COUNT(*) FROM settled WHERE id = 0").fetchone()[0]
        con.close()
        return count

    assert memos() == 1
    daily = aged / DAILY
    daily.write_text(daily.read_text(encoding="utf-8") + "\n- Llamada con [[Ana Torres]].\n",
                     encoding="utf-8")
    assert run("scan", str(aged), "--json").exit_code == 0  # read-only: keeps no memo itself
    assert memos() == 0
    sync(run, aged)
    assert memos() == 0  # it wrote Ana's block: not settled
    assert sync(run, aged)["summary"]["write"]["full_pass"] is True
    assert memos() == 1


def test_a_note_replaced_by_a_link_to_a_file_outside_the_vault_is_not_read_through_it(
        aged, run, monkeypatch, tmp_path):
    """Same bytes behind the link, but a full pass never reads outside the vault: the memo
    must not answer for it either, and the note's former analysis is not used."""
    daily = aged / DAILY
    outside = tmp_path / "outside.md"
    outside.write_bytes(daily.read_bytes())
    daily.unlink()
    daily.symlink_to(outside)
    out = sync(run, aged, "--dry-run")
    assert out["summary"]["write"]["full_pass"] is True
    assert any("outside the vault" in d for d in out["summary"]["diagnostics"])
    assert comparable(out) == comparable(full_pass(run, aged, monkeypatch, "--dry-run"))


def test_a_memo_kept_whole_by_an_older_version_still_answers(aged, run, monkeypatch):
    """A memo is kept in parts (its notes, contacts and rows apart, each written when it
    changes); one an older version kept whole in its first row still answers, whatever the
    part rows left beside it say, and the next sync that keeps it writes it in parts."""
    import pickle

    from vinculo import memo as memos

    database = state_dir(aged) / "index.sqlite"
    memo = memos._load(database)
    assert memo is not None and memo.notes and memo.contacts and memo.rows
    memo.__dict__.pop("_stored")
    whole = pickle.dumps(memo)  # as an older version pickled it: its fields inside
    with sqlite3.connect(database) as con:
        con.execute("UPDATE settled SET blob = ? WHERE id = 0", (whole,))
        con.execute("UPDATE settled SET blob = ? WHERE id = ?",
                    (pickle.dumps({}), memos._PARTS["notes"]))  # stale parts: not read
    con.close()
    out = sync(run, aged)
    assert out["summary"]["write"]["mode"] == "settled"
    assert comparable(out) == comparable(full_pass(run, aged, monkeypatch))
    daily = aged / DAILY
    daily.write_text(daily.read_text(encoding="utf-8") + "\n- Café con [[Ana Torres]].\n",
                     encoding="utf-8")
    expected = full_pass(run, aged, monkeypatch, "--dry-run")
    assert sync(run, aged, "--dry-run")["summary"]["write"]["diff"] == expected["summary"][
        "write"]["diff"]
    assert sync(run, aged)["summary"]["write"]["mode"] == "events"
    with sqlite3.connect(database) as con:
        lean = pickle.loads(con.execute("SELECT blob FROM settled WHERE id = 0").fetchone()[0])
    con.close()
    now = memos._load(database)
    assert lean.notes == {} and now is not None, now
    assert set(now.notes) ^ set(memo.notes) == set(), set(now.notes) ^ set(memo.notes)
    assert sync(run, aged)["summary"]["write"]["mode"] == "settled"


def test_a_replay_keeps_its_small_write_in_the_write_ahead_log(aged, run):
    """A replay's memo (a few kilobytes) is committed to the cache file's write-ahead log and
    left there, not copied back into the file with four flushes to the disk; the next sync
    reads it from there and is answered from it. A full pass's memo (megabytes) is copied
    back, and leaves no log beside the file."""
    database = state_dir(aged) / "index.sqlite"
    log = Path(f"{database}-wal")
    assert not log.exists()
    daily = aged / DAILY
    daily.write_text(daily.read_text(encoding="utf-8") + "\n- Café con [[Ana Torres]].\n",
                     encoding="utf-8")
    assert sync(run, aged)["summary"]["write"]["mode"] == "events"
    assert log.exists() and log.stat().st_size > 0
    assert sync(run, aged)["summary"]["write"]["mode"] == "settled"


def test_the_names_a_replay_keeps_are_read_back_as_built(aged, run):
    """The contacts' name variants and the matcher's entries are kept once; a later replay
    reads the entries at once and the variants only when the linker asks — the same ones."""
    import datetime as dt

    from vinculo import memo as memos
    from vinculo.config import load_config
    from vinculo.linking.linker import gather_variants
    from vinculo.linking.rules import build_entries
    from vinculo.plugin_host import get_plugin_manager

    database = state_dir(aged) / "index.sqlite"
    memo = memos._load(database)
    assert memo is not None
    config, pm = load_config(aged), get_plugin_manager()
    prepared = memos._Prepared(aged, config, pm, dt.date(2026, 11, 29), memo, database)
    assert prepared.ready()  # builds and keeps them
    contacts = prepared.index.contacts
    variants, entries = memos._names(memo, contacts, pm, config, database)
    assert isinstance(variants, memos._KeptVariants)
    built = gather_variants(contacts, pm, config)
    assert entries == build_entries(built)
    assert dict(variants) == built and variants.get("Ana Torres") == built["Ana Torres"]
