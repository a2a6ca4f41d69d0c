"""A new user's first run links nearly every note. The worker processes that analyse a note
plan its links too (and, for a dry run, render its diff), so the parent is left with the
contact notes and the dashboard: what a first dry run prints and what a first sync writes
must not depend on which process planned what."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from conftest import person, snapshot

from vinculo.config import load_config
from vinculo.pipeline import build_index
from vinculo.plugin_host import get_plugin_manager
from vinculo.workers import will_fork
from vinculo.writeback.apply import FileChange, unified_diff
from vinculo.writeback.plan import plan_sync

TODAY = dt.date(2026, 11, 29)
NOTES = 450  # enough for the forked workers (vinculo.workers.MIN_ITEMS)

LINES = [
    "Had coffee with Ana García.\n",
    "| who | what |\n| --- | --- |\n| Anita | called |\n",  # a table: the pipe escaped
    "Llamé a rodrigo sanz.\r\nAnd `Ana García` in code stays.\r\n",  # CRLF, code
    "Mandé un WhatsApp a Anita",  # no final newline
    "Nothing about anyone here.\n",
    "Met Juri at the fair.\n",  # a title another note shares: linked by its path
    "<!-- vinculo:start -->\nAna García\n",  # broken markers outside a contact: refused
]


@pytest.fixture
def first_vault(vault, write, monkeypatch):
    """A vault never synced, big enough for the workers; no cache, so every run reads it."""
    monkeypatch.setenv("VINCULO_NO_CACHE", "1")
    person(write, "Rodrigo Sanz")
    person(write, "Ana García", aliases="[Anita]")
    person(write, "Juri")
    write("Projects/Juri.md", "A project that shares a contact's title.\n")
    for day in range(NOTES):
        date = dt.date(2025, 1, 1) + dt.timedelta(days=day)
        name = f"Daily/{date.isoformat()}.md" if day % 7 else f"Meetings/{date} notes.md"
        write(name, f"---\ntags: [daily]\n---\n{LINES[day % len(LINES)]}")
    assert will_fork(NOTES, 2), "these tests must exercise the forked workers"
    return vault


def _workers(vault, count: int) -> None:
    (vault / "vinculo.toml").write_text(f"[performance]\nworkers = {count}\n")


def test_a_first_dry_run_prints_with_two_workers_exactly_what_one_prints(first_vault, run):
    printed = {}
    for count in (1, 2):
        _workers(first_vault, count)
        result = run("sync", str(first_vault), "--dry-run")
        assert result.exit_code == 0, result.output
        printed[count] = result.output
    assert printed[1] == printed[2]
    assert "+Had coffee with [[Ana García]]." in printed[2]
    assert "\\|" in printed[2] and "[[People/Juri|Juri]]" in printed[2]


def test_a_first_sync_writes_with_two_workers_exactly_what_one_writes(first_vault, run, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(first_vault, copy)
    before = snapshot(first_vault)
    written = {}
    for count, root in ((1, first_vault), (2, copy)):
        _workers(root, count)
        result = run("sync", str(root))
        assert result.exit_code == 0, result.output
        written[count] = {rel: data for rel, data in snapshot(root).items()
                          if rel != "vinculo.toml"}
    assert written[1] == written[2]
    changed = [rel for rel, data in written[2].items() if before.get(rel) != data]
    assert len(changed) > NOTES // 2


def test_the_workers_plan_the_links_of_the_notes_they_analyse(first_vault):
    _workers(first_vault, 2)
    config = load_config(first_vault)
    pm = get_plugin_manager()
    index = build_index(first_vault, config, pm, TODAY, cache=False, plan_links="diffs")
    contacts = {c.rel for c in index.contacts.values()}
    planned = {rel: edit for rel, edit in index.link_edits.items() if edit.after is not None}
    assert len(planned) > NOTES // 2 and not contacts & set(index.link_edits)
    plan = plan_sync(index, pm, whole=index)
    changes = {c.rel: c for c in plan.changes}
    for rel, edit in planned.items():
        assert changes[rel].after == edit.after
        # The diff the worker rendered is the one the parent would render from the bytes.
        fresh = FileChange(rel, changes[rel].before, edit.after, edit.reason)
        assert edit.diff == unified_diff([fresh]) == unified_diff([changes[rel]])


@pytest.fixture
def no_matcher_yet():
    """This process as a new run finds it: no matcher compiled, none offered."""
    from vinculo import history

    history._last = None
    getattr(history, "_offered", []).clear()
    yield history
    history._last = None
    getattr(history, "_offered", []).clear()


def _events(index) -> dict[str, list[tuple]]:
    return {name: [(i.date, i.channel, i.note, i.line, i.direction) for i in h.interactions]
            for name, h in index.histories.items()}


def test_a_first_run_compiles_the_vocabularies_outside_the_process_the_workers_wait_for(
        first_vault, no_matcher_yet):
    """With no state to load them from, compiling the vocabularies takes half a second. A first
    run does it in a process of its own, started before the walk: the main process, whose every
    step until the contacts are sent the workers wait for, never compiles them, and every note
    reads as it does when one process does everything."""
    history = no_matcher_yet
    pm = get_plugin_manager()
    key = history.vocabulary_key(history.gather_vocabularies(pm))
    _workers(first_vault, 2)
    ahead = build_index(first_vault, load_config(first_vault), pm, TODAY, cache=False)
    assert history._last is None  # neither compiled nor loaded here
    assert [shared[0] for shared in history._offered] == [key]  # kept, should this process read
    history.offer_matcher(None)
    _workers(first_vault, 1)
    alone = build_index(first_vault, load_config(first_vault), pm, TODAY, cache=False)
    assert history._last is not None  # compiled here, as it reads every note itself
    assert _events(ahead) == _events(alone)
    assert sum(map(len, _events(alone).values())) > NOTES // 4
