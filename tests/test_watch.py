"""The watcher in-process: the real watchdog observer, real files, a temporary vault.

A small probe plugin makes the output predictable: every link to a contact in a dated note is
an interaction, and a contact's managed block lists them. Conditions are awaited with generous
timeouts; nothing here asserts on elapsed time.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import queue
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from vinculo.hookspecs import hookimpl
from vinculo.model import Interaction
from vinculo.plugin_host import DEFAULT_PLUGINS, get_plugin_manager
from vinculo.watch import BatchResult, Watcher

TIMEOUT = 20.0
SAMPLE_TODAY = dt.date(2026, 11, 29)
ANA = "People/Ana García.md"
BEA = "People/Bea Ruiz.md"


class Probe:
    """Interactions = links to contacts in dated notes; the block lists them."""

    @hookimpl
    def extract_interactions(self, note, mentions, contacts, config):
        if note.date is None:
            return []
        return [
            Interaction(contact=m.target, date=note.date, channel="in_person", note=note.rel,
                        line=m.line)
            for m in mentions if m.level == "link"
        ]

    @hookimpl
    def suggest(self, contact, history, today, config):
        if any("BOOM" in i.note for i in history.interactions):
            raise RuntimeError("a plugin failed")
        return []

    @hookimpl
    def render_block(self, contact, suggestions, history, config):
        lines = [f"- met {i.date} in {i.note}" for i in history.interactions]
        return "\n".join(lines) or "- nothing yet"


def probe_pm():
    keep = {"contacts", "names"}
    pm = get_plugin_manager(blocked=[n for n in DEFAULT_PLUGINS if n not in keep])
    for name, plugin in list(pm.list_name_plugin()):
        if name not in keep and plugin is not None:
            pm.unregister(plugin)  # third-party plugins installed in the environment
    pm.register(Probe(), name="probe")
    return pm


def wait_for(condition: Callable[[], object], timeout: float = TIMEOUT,
             watcher: Watcher | None = None) -> None:
    """Poll ``condition``; on a timeout, say what the ``watcher`` logged meanwhile."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    logged = getattr(watcher, "logs", [])[-15:]
    raise AssertionError(f"condition not met within {timeout} s; the watcher's last log: {logged}")


def drain(watcher: Watcher, seconds: float = 0.0) -> list[BatchResult]:
    """Every pass reported so far, plus those arriving within ``seconds``."""
    out: list[BatchResult] = []
    deadline = time.monotonic() + seconds
    while True:
        try:
            out.append(watcher.results.get(timeout=max(0.0, deadline - time.monotonic())))
        except queue.Empty:
            return out


def atomic_save(path: Path, text: str) -> None:
    """How many editors save: a temp file in the same folder, renamed onto the note."""
    tmp = path.parent / f".{path.name}.tmp{os.getpid()}"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def read(vault: Path, rel: str) -> str:
    return (vault / rel).read_text(encoding="utf-8")


@pytest.fixture
def people(write) -> None:
    write(ANA, "---\ntype: person\n---\n# Ana\n")
    write(BEA, "---\ntype: person\n---\n# Bea\n")
    write("Daily/2026-11-20.md", "Lunch with [[Ana García]].\n")
    write("Daily/2026-11-28.md", "A quiet day.\n")


@pytest.fixture
def start(vault: Path, people) -> Iterator[Callable[..., Watcher]]:
    started: list[Watcher] = []
    logs: list[tuple[str, str]] = []

    def _start(**options) -> Watcher:
        options.setdefault("quiet", 0.3)
        options.setdefault("rescan_every", 0)
        watcher = Watcher(vault, pm=probe_pm(), log=lambda a, m="", **_: logs.append((a, m)),
                          **options)
        watcher.logs = logs  # type: ignore[attr-defined]
        watcher.start()
        started.append(watcher)
        [initial] = drain(watcher)
        assert initial.kind == "initial"
        return watcher

    yield _start
    for watcher in started:
        watcher.stop()


def test_initial_sync_then_an_appended_interaction_updates_the_block_once(vault, start):
    watcher = start()
    assert "- met 2026-11-20 in Daily/2026-11-20.md" in read(vault, ANA)
    with (vault / "Daily/2026-11-28.md").open("a", encoding="utf-8") as f:
        f.write("Coffee with [[Ana García]].\n")
    wait_for(lambda: "Daily/2026-11-28.md" in read(vault, ANA))
    # Our own write arrives as events too: it must be recognised (by content hash) and
    # trigger nothing for 10 s.
    results = drain(watcher, seconds=10)
    writes = [rel for r in results for rel in r.written]
    assert writes == [ANA]
    assert any(ANA in r.ours for r in results)
    assert "- nothing yet" in read(vault, BEA)
    assert read(vault, "Daily/2026-11-28.md").endswith("Coffee with [[Ana García]].\n")


class _SaveWhileTheFirstPassRuns:
    """Saves a note the moment the watcher's first pass ends, as a user editing while a
    large vault's first pass runs does."""

    def __init__(self, path: Path) -> None:
        self.path, self.saved = path, False

    @hookimpl
    def after_sync(self, vault, config, report):
        if not self.saved:
            self.saved = True
            with self.path.open("a", encoding="utf-8") as daily:
                daily.write("Call with [[Bea Ruiz]].\n")


def test_a_save_made_during_the_first_pass_is_not_lost(vault, people):
    """The first pass runs before the observer starts: a save meanwhile is caught by the
    rescan that follows it."""
    pm = probe_pm()
    pm.register(_SaveWhileTheFirstPassRuns(vault / "Daily/2026-11-28.md"), name="saver")
    watcher = Watcher(vault, pm=pm, quiet=0.3, rescan_every=0, log=lambda *a, **k: None)
    watcher.start()
    try:
        wait_for(lambda: "Daily/2026-11-28.md" in read(vault, BEA), watcher=watcher)
    finally:
        watcher.stop()


def test_an_event_written_ahead_counts_once_its_day_comes(vault, write, start):
    """A lunch in next week's daily note is a plan; the watcher counts it on that day."""
    write("Daily/2026-12-04.md", "Lunch with [[Bea Ruiz]].\n")
    today = [dt.date(2026, 12, 3)]
    watcher = start(today=lambda: today[0])
    assert "- nothing yet" in read(vault, BEA)
    today[0] = dt.date(2026, 12, 4)
    wait_for(lambda: "- met 2026-12-04 in Daily/2026-12-04.md" in read(vault, BEA),
             watcher=watcher)


def test_an_atomic_save_through_a_temp_file_and_a_rename_is_processed(vault, start):
    watcher = start()
    atomic_save(vault / "Daily/2026-11-28.md", "Call with [[Bea Ruiz]].\n")
    wait_for(lambda: "Daily/2026-11-28.md" in read(vault, BEA))
    results = drain(watcher, seconds=1)
    assert all(not any(".tmp" in rel for rel in r.touched) for r in results)
    assert not [p for p in (vault / "Daily").iterdir() if p.name.startswith(".")]


def test_fifty_rapid_saves_become_one_pass_over_the_final_content(vault, start):
    watcher = start(quiet=1.5)
    daily = vault / "Daily/2026-11-28.md"
    for i in range(50):
        who = "Bea Ruiz" if i == 49 else "Ana García"
        daily.write_text(f"Draft {i}: coffee with [[{who}]].\n", encoding="utf-8")
        time.sleep(0.05)
    wait_for(lambda: "Daily/2026-11-28.md" in read(vault, BEA))
    results = drain(watcher, seconds=2)
    passes = [r for r in results if "Daily/2026-11-28.md" in r.changed]
    assert len(passes) == 1
    assert "Daily/2026-11-28.md" not in read(vault, ANA)


def test_two_thousand_files_at_once_are_one_batch(vault, start):
    watcher = start(quiet=2.0)
    bulk = vault / "Notes" / "bulk"
    bulk.mkdir(parents=True)
    first = dt.date(2020, 1, 1)
    for i in range(2000):  # one date each: a history keeps one interaction per day and channel
        (bulk / f"note {i:04}.md").write_text(
            f"---\ndate: {first + dt.timedelta(days=i)}\n---\nSaw [[Ana García]] ({i}).\n",
            encoding="utf-8",
        )
    wait_for(lambda: "Notes/bulk/note 1999.md" in read(vault, ANA), timeout=120)
    results = drain(watcher, seconds=3)
    passes = [r for r in results if r.changed]
    assert len(passes) == 1
    assert len(passes[0].changed) == 2000
    assert read(vault, ANA).count("- met ") == 2001


def test_a_contact_note_renamed_then_deleted_updates_the_index(vault, start, run):
    watcher = start()
    os.replace(vault / ANA, vault / "People/Ana G.md")
    wait_for(lambda: "Ana G" in watcher.live.index.contacts, watcher=watcher)
    assert "Ana García" not in watcher.live.index.contacts
    problems = run("doctor", str(vault), "--json").output
    assert "[[Ana García]]" in problems and "Daily/2026-11-20.md" in problems
    (vault / "People/Ana G.md").unlink()
    wait_for(lambda: "Ana G" not in watcher.live.index.contacts, watcher=watcher)
    assert set(watcher.live.index.contacts) == {"Bea Ruiz"}
    assert "People/Ana G.md" not in watcher.live.notes


def test_a_malformed_note_gets_a_diagnostic_and_the_watcher_keeps_running(vault, start):
    watcher = start()
    (vault / "Notes").mkdir()
    (vault / "Notes/broken.md").write_bytes(b"---\ntags: [unclosed\n---\n\xff\xfe\x00 binary")
    wait_for(lambda: any("Notes/broken.md" in m for a, m in watcher.logs if a == "problem"))
    (vault / "Daily/2026-11-28.md").write_text("Call with [[Bea Ruiz]].\n", encoding="utf-8")
    wait_for(lambda: "Daily/2026-11-28.md" in read(vault, BEA))
    assert (vault / "Notes/broken.md").read_bytes().startswith(b"---\ntags: [unclosed")


def test_the_periodic_rescan_catches_what_no_event_reported(vault, start):
    watcher = start(observe=False, rescan_every=0.5)
    (vault / "Daily/2026-11-28.md").write_text("Call with [[Bea Ruiz]].\n", encoding="utf-8")
    wait_for(lambda: "Daily/2026-11-28.md" in read(vault, BEA))
    seen: list[BatchResult] = []
    wait_for(lambda: seen.extend(drain(watcher)) or any(r.kind == "rescan" and r.changed
                                                        for r in seen))


def test_polling_works_where_file_events_do_not(vault, start):
    watcher = start(polling=True, poll_interval=0.2)
    assert watcher.mode == "polling"
    (vault / "Daily/2026-11-28.md").write_text("Call with [[Bea Ruiz]].\n", encoding="utf-8")
    wait_for(lambda: "Daily/2026-11-28.md" in read(vault, BEA))


def test_a_stopped_observer_is_restarted_and_the_vault_rescanned(vault, start):
    watcher = start()
    watcher._observer.stop()  # the observer thread dies, as it would on an error
    watcher._observer.join()
    (vault / "Daily/2026-11-28.md").write_text("Call with [[Bea Ruiz]].\n", encoding="utf-8")
    wait_for(lambda: "Daily/2026-11-28.md" in read(vault, BEA))
    assert any(a == "error" and "observer" in m for a, m in watcher.logs)


def test_a_queue_overflow_reported_by_watchdog_triggers_a_rescan(vault, start):
    watcher = start()
    logging.getLogger("watchdog.observers.inotify_c").warning(
        "Inotify queue overflowed; filesystem events were lost")
    wait_for(lambda: any(r.kind == "rescan" for r in drain(watcher)))


def test_editing_the_settings_rebuilds_everything(vault, start, write):
    watcher = start()
    write("vinculo.toml", '[folders]\npeople = "Team"\n')
    write(".obsidian/app.json", "{}")
    wait_for(lambda: any(r.kind == "reload" for r in drain(watcher)))


def test_with_every_built_in_plugin_a_call_moves_a_contact_up_the_ladder(sample):
    """End to end on the sample vault: a call written in today's note links the name, moves
    Rodrigo to the voice stage and rewrites his block, once."""
    watcher = Watcher(sample, quiet=0.3, rescan_every=0, log=lambda *a, **k: None,
                      today=lambda: SAMPLE_TODAY)  # the sample vault's day, whatever the clock says
    watcher.start()
    try:
        drain(watcher)
        rodrigo = sample / "People/Rodrigo Sanz.md"
        assert "vinculo_stage: online" in rodrigo.read_text(encoding="utf-8")
        (sample / "Daily/2026-11-29.md").write_text(
            "# 2026-11-29\n\nLlamé a Rodrigo por teléfono para hablar del taller.\n",
            encoding="utf-8")
        wait_for(lambda: "vinculo_stage: voice" in rodrigo.read_text(encoding="utf-8"))
        text = rodrigo.read_text(encoding="utf-8")
        assert "vinculo_last_contact: 2026-11-29" in text
        wait_for(lambda: "[[Rodrigo Sanz|Rodrigo]]" in read(sample, "Daily/2026-11-29.md"))
        results = drain(watcher, seconds=3)
        written = [rel for r in results for rel in r.written]
        assert len(written) == len(set(written))  # each file once, then silence
        assert {"Daily/2026-11-29.md", "People/Rodrigo Sanz.md"} <= set(written)
        assert set(written) <= {"Daily/2026-11-29.md", "People/Rodrigo Sanz.md",
                                "vinculo/Dashboard.md"}  # the dashboard, when a plugin keeps one
    finally:
        watcher.stop()


def test_a_failing_plugin_is_reported_and_the_vault_rebuilt_once_it_is_fixed(vault, start):
    watcher = start()
    boom = vault / "Daily" / "BOOM.md"
    boom.write_text("---\ndate: 2026-11-27\n---\nCall with [[Bea Ruiz]].\n", encoding="utf-8")
    wait_for(lambda: any(a == "error" and "a plugin failed" in m for a, m in watcher.logs))
    (vault / "Daily/2026-11-28.md").write_text("Call with [[Bea Ruiz]].\n", encoding="utf-8")
    boom.unlink()
    wait_for(lambda: "Daily/2026-11-28.md" in read(vault, BEA))
    assert "BOOM" not in read(vault, BEA)
    # The initial sync and the rebuild (logged just after the rebuild's writes land).
    wait_for(lambda: [a for a, m in watcher.logs].count("synced") == 2, watcher=watcher)
    assert [a for a, m in watcher.logs].count("synced") == 2


def test_a_note_deleted_or_moved_into_an_ignored_folder_leaves_the_history(vault, start, write):
    watcher = start()
    write("Daily/2026-11-21.md", "Dinner with [[Ana García]].\n")
    wait_for(lambda: "Daily/2026-11-21.md" in read(vault, ANA))
    (vault / "Daily/2026-11-20.md").unlink()
    wait_for(lambda: "Daily/2026-11-20.md" not in read(vault, ANA))
    (vault / "Templates").mkdir()
    os.replace(vault / "Daily/2026-11-21.md", vault / "Templates/2026-11-21.md")
    wait_for(lambda: "- nothing yet" in read(vault, ANA))
    assert "Templates/2026-11-21.md" not in watcher.live.notes
