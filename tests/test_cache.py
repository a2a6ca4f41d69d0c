"""The index cache: an unchanged vault is not read again, a change is, a bad cache is rebuilt."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3

import pytest
from conftest import age

from vinculo.cache import FILE_NAME, CachedNote, StaleNoteError
from vinculo.config import load_config
from vinculo.hookspecs import hookimpl
from vinculo.model import Interaction
from vinculo.pipeline import build_index
from vinculo.plugin_host import get_plugin_manager
from vinculo.state_folder import state_dir

TODAY = dt.date(2026, 11, 29)


def _index(vault, cache=True):
    return build_index(vault, load_config(vault), get_plugin_manager(), TODAY, cache=cache)


def _rows(index):
    from vinculo.report import contact_rows

    return contact_rows(index)


@pytest.fixture
def small(vault, write):
    write("People/Rodrigo Sanz.md", "---\ntype: person\ncity: Madrid\n---\n")
    write("People/Ana García.md", "---\ntype: person\n---\n")
    write("Daily/2026-11-02.md", "Llamé a Rodrigo Sanz para hablar del blog.\n")
    write("Daily/2026-11-03.md", "Had coffee with Ana García.\n")
    write("Projects/Plan.md", "Nothing about anyone.\n")
    age(vault)
    return vault


def test_cached_run_equals_an_uncached_one(sample):
    fresh = _rows(_index(sample, cache=False))
    first = _rows(_index(sample))
    second = _rows(_index(sample))
    assert first == fresh
    assert second == fresh


def test_an_unchanged_vault_is_not_read_again(small):
    _index(small)
    index = _index(small)
    daily = next(n for n in index.scan.notes if n.rel == "Daily/2026-11-03.md")
    assert isinstance(daily, CachedNote)
    assert not daily.loaded  # restored from the cache without opening the file
    assert index.histories["Ana García"].last_in_person == dt.date(2026, 11, 3)


def test_a_note_saved_just_before_a_run_is_checked_again_even_with_the_same_size_and_mtime(
        small, write):
    """File-system clocks tick coarsely: a note saved just before a run may change again
    without its size or mtime moving. Its bytes are read again next time."""
    daily = write("Daily/2026-11-03.md", "Had coffee with Ana García.\n")  # saved just now
    _index(small)
    info = daily.stat()
    daily.write_text("Read a novel by Ana García.\n", encoding="utf-8")  # no longer a coffee
    os.utime(daily, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert daily.stat().st_size == info.st_size
    index = _index(small)
    assert index.histories["Ana García"].last_in_person is None


def test_a_note_that_became_unreadable_keeps_none_of_its_former_interactions(small, write):
    assert _index(small).histories["Ana García"].last_in_person == dt.date(2026, 11, 3)
    write("Daily/2026-11-03.md", "Had coffee with Ana García.\n".encode("utf-16"))
    index = _index(small)
    assert any("UTF-16" in str(d) for d in index.scan.diagnostics)
    assert index.histories["Ana García"].last_in_person is None
    assert _rows(index) == _rows(_index(small, cache=False))


def test_a_changed_note_is_read_again(small, write):
    _index(small)
    write("Daily/2026-11-03.md", "Had coffee with Ana García.\nLunch with Rodrigo Sanz.\n")
    index = _index(small)
    assert index.histories["Rodrigo Sanz"].last_in_person == dt.date(2026, 11, 3)


def test_a_touched_note_keeps_its_analysis(small):
    _index(small)
    path = small / "Daily/2026-11-02.md"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    index = _index(small)
    assert index.histories["Rodrigo Sanz"].last("call").date == dt.date(2026, 11, 2)


def test_a_new_contact_is_found_in_old_notes(small, write):
    _index(small)
    write("Projects/Plan.md", "Nothing about anyone. Ask Tom Baker.\n")
    _index(small)
    write("People/Tom Baker.md", "---\ntype: person\n---\n")
    index = _index(small)
    assert [m.target for m in index.mentions["Projects/Plan.md"]] == ["Tom Baker"]


def test_a_corrupt_cache_is_rebuilt_not_trusted(small, run):
    _index(small)
    cache = state_dir(small) / FILE_NAME
    cache.write_bytes(b"this is not a database" * 100)
    result = run("contacts", str(small), "--json")
    assert result.exit_code == 0
    rows = {r["name"]: r for r in json.loads(result.output)}
    assert rows["Rodrigo Sanz"]["last_contact"] == "2026-11-02"
    assert _index(small).histories["Ana García"].last_contact == dt.date(2026, 11, 3)


def test_a_note_changed_behind_the_cache_is_never_used_stale(small, write):
    _index(small)
    index = _index(small)
    note = next(n for n in index.scan.notes if n.rel == "Projects/Plan.md")
    write("Projects/Plan.md", "Rewritten meanwhile.\n")
    with pytest.raises(StaleNoteError):
        _ = note.text


def test_the_cache_can_be_switched_off(small, write, monkeypatch):
    write("vinculo.toml", "[cache]\nenabled = false\n")
    _index(small)
    assert not (state_dir(small) / FILE_NAME).exists()
    monkeypatch.setenv("VINCULO_NO_CACHE", "1")
    (small / "vinculo.toml").unlink()
    _index(small)
    assert not (state_dir(small) / FILE_NAME).exists()


def test_two_workers_give_exactly_what_one_gives(vault, write):
    """Many notes are read and analysed in forked workers; the result must not change."""
    write("People/Rodrigo Sanz.md", "---\ntype: person\n---\n")
    write("People/Ana García.md", "---\ntype: person\naliases: [Anita]\n---\n")
    for day in range(450):
        date = dt.date(2025, 1, 1) + dt.timedelta(days=day)
        who = ["Rodrigo Sanz", "Anita", "rodrigo sanz", "Ana Garcia"][day % 4]
        verb = ["Llamé a", "Had coffee with", "Mandé un WhatsApp a", "Tengo que llamar a"][day % 4]
        write(f"Daily/{date.isoformat()}.md", f"---\ntags: [daily]\n---\n{verb} {who}.\n")

    def snapshot_of(workers: int):
        write("vinculo.toml", f"[performance]\nworkers = {workers}\n")
        index = _index(vault, cache=False)
        mentions = {rel: [(m.start, m.target, m.level) for m in ms]
                    for rel, ms in index.mentions.items()}
        return mentions, _rows(index)

    from vinculo.workers import will_fork

    assert will_fork(450, 2), "this test must exercise the forked path"
    one, two = snapshot_of(1), snapshot_of(2)
    assert one == two
    assert len(one[0]) == 450


class ReadsContactNotes:
    """A third-party extractor that reads each mentioned contact's own note: its text must
    be there in a worker too (contacts travel to workers without their bytes, read again on
    demand)."""

    @hookimpl
    def extract_interactions(self, note, mentions, contacts, config, vocabularies):
        out = []
        for m in mentions:
            contact = contacts.get(m.target)
            if contact is not None and "met at the fair" in contact.note.text and note.date:
                out.append(Interaction(contact.name, note.date, "in_person", note.rel, m.line,
                                       "fair", "link"))
        return out


def test_a_plugin_reads_a_contacts_note_text_in_a_worker_as_in_one_process(vault, write):
    write("People/Rodrigo Sanz.md", "---\ntype: person\n---\nWe met at the fair.\n")
    write("People/Ana García.md", "---\ntype: person\n---\nA colleague.\n")
    for day in range(450):
        date = dt.date(2025, 1, 1) + dt.timedelta(days=day)
        who = ["Rodrigo Sanz", "Ana García"][day % 2]
        write(f"Daily/{date.isoformat()}.md", f"Wrote about {who}.\n")

    def counts(workers: int) -> dict:
        write("vinculo.toml", f"[performance]\nworkers = {workers}\n")
        pm = get_plugin_manager()
        pm.register(ReadsContactNotes(), name="reads-contact-notes")
        index = build_index(vault, load_config(vault), pm, TODAY, cache=False)
        return {row["name"]: row["counts"] for row in _rows(index)}

    one, two = counts(1), counts(2)
    assert one == two
    assert one["Rodrigo Sanz"]["in_person"] == 225
    assert one["Ana García"]["in_person"] == 0


def _cached_rels(vault):
    import sqlite3

    con = sqlite3.connect(state_dir(vault) / FILE_NAME)
    try:
        return {rel for (rel,) in con.execute("SELECT rel FROM notes")}
    finally:
        con.close()


def test_a_sync_caches_the_notes_it_did_not_write_and_not_the_bytes_it_replaced(small, run):
    """A first sync writes nearly every note: what it read of them is stale once written,
    so it is not stored; the notes it left alone are, and the next run does not read them."""
    result = run("sync", str(small), "--json")
    written = set(json.loads(result.output)["summary"]["write"]["written"])
    assert "Daily/2026-11-03.md" in written and "Projects/Plan.md" not in written
    cached = _cached_rels(small)
    assert "Projects/Plan.md" in cached
    assert not cached & written
    index = _index(small)
    plan = next(n for n in index.scan.notes if n.rel == "Projects/Plan.md")
    assert isinstance(plan, CachedNote) and not plan.loaded
    assert _rows(index) == _rows(_index(small, cache=False))


def test_a_dry_run_caches_every_note_it_read(small, run):
    """A dry run changes nothing: the sync that follows it finds every note cached."""
    run("sync", str(small), "--dry-run")
    assert _cached_rels(small) == {"People/Rodrigo Sanz.md", "People/Ana García.md",
                                   "Daily/2026-11-02.md", "Daily/2026-11-03.md",
                                   "Projects/Plan.md"}


def _bytes_written() -> int:
    """What this process has passed to the kernel's writes so far (Linux's count)."""
    with open("/proc/self/io", encoding="ascii") as io:
        return next(int(line.split()[1]) for line in io if line.startswith("wchar:"))


@pytest.mark.skipif(not os.path.exists("/proc/self/io"), reason="counts writes on Linux only")
def test_a_first_run_writes_its_cache_once(vault, write):
    """A vault's first cache holds every note: it is written once, not into the write-ahead
    log first and then again into the file, and the next run finds all of it."""
    from vinculo.cache import NoteCache, open_cache
    from vinculo.vault import scan_vault

    words = " ".join(f"word{i}" for i in range(600))
    for day in range(1, 29):
        for hour in range(10):
            write(f"Log/2026-02-{day:02d} {hour:02d}.md",
                  f"---\nsummary: {words} {day} {hour}\n---\n# Log {day} {hour}\n")
    age(vault)
    config = load_config(vault)
    store = open_cache(vault, config)
    assert store is not None and not store.path.exists()
    scan_vault(vault, config, store)
    before = _bytes_written()
    store.save()
    written = _bytes_written() - before
    size = store.path.stat().st_size
    assert size > 1_000_000
    assert written < 1.3 * size  # through the log: about twice the file
    again = NoteCache(store.path)
    assert len(again.rows) == 280 and not again.problems
    con = sqlite3.connect(store.path)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        con.close()
