"""``vinculo undo`` while ``vinculo watch`` runs: the undo sticks. The watcher sees the
restored files change like any save, and must not write the very edits the user just took
back; a file is written again once it changes again (the user edits it)."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import child_env, snapshot, vinculo_process, wait_for

MARKER = "Notes/Marker.md"


class _Watch:
    def __init__(self, vault: Path, log: Path) -> None:
        self.log = log
        with log.open("a") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "vinculo", "watch", str(vault), "--quiet-ms", "200"],
                env=child_env(), stdout=out, stderr=subprocess.STDOUT)
        wait_for(lambda: "watching" in log.read_text() or self.proc.poll() is not None,
                  "the watcher")
        assert self.proc.poll() is None, log.read_text()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(30)


@pytest.fixture
def watch(tmp_path: Path) -> Iterator:
    started: list[_Watch] = []

    def _start(vault: Path) -> _Watch:
        started.append(_Watch(vault, tmp_path / "watch.log"))
        return started[-1]

    yield _start
    for one in started:
        one.stop()


def _quiet_pass(vault: Path) -> None:
    """Save a new note naming a contact and wait until the watcher has linked it: every
    event before it (the undo's) has been through a pass by then."""
    stamp = time.monotonic_ns()
    (vault / MARKER).write_text(f"Ideas {stamp} for Tom Whitaker.\n", encoding="utf-8")
    wait_for(lambda: "[[Tom Whitaker]]" in (vault / MARKER).read_text(encoding="utf-8"),
              "the watcher's pass over the marker note")
    time.sleep(1.0)  # and the dashboard pass a contact change would set off


def _without_marker(files: dict[str, bytes]) -> dict[str, bytes]:
    return {rel: data for rel, data in files.items() if rel != MARKER}


def test_an_undo_sticks_while_the_watcher_runs_until_the_file_changes_again(sample, watch):
    original = snapshot(sample)
    watcher = watch(sample)
    synced = snapshot(sample)
    assert synced != original  # the watcher's first sync wrote links, blocks, the dashboard

    undo = vinculo_process("undo", str(sample))
    assert undo.returncode == 0, undo.stderr
    assert undo.stderr == ("vinculo: `vinculo watch` is running on this vault: it leaves these "
                           "files as restored until they change again\n")
    assert snapshot(sample) == original
    _quiet_pass(sample)
    assert _without_marker(snapshot(sample)) == original, "the watcher redid the undone sync"

    # An edit ends the hold on that file only: the daily note is linked again.
    daily = sample / "Daily/2025-09-15.md"
    with daily.open("a", encoding="utf-8") as f:
        f.write("\n- Nota suelta.\n")
    wait_for(lambda: "[[Rodrigo Sanz]]" in daily.read_text(encoding="utf-8"),
              "the watcher to link the edited note")
    assert daily.read_bytes() == synced["Daily/2025-09-15.md"] + b"\n- Nota suelta.\n"
    assert watcher.proc.poll() is None
    assert (sample / "People/Rodrigo Sanz.md").read_bytes() == original["People/Rodrigo Sanz.md"]


def test_a_new_watcher_leaves_the_undone_files_too(sample, watch):
    original = snapshot(sample)
    watch(sample).stop()
    undo = vinculo_process("undo", str(sample))
    assert undo.returncode == 0, undo.stderr
    assert snapshot(sample) == original
    watch(sample)  # its first sync
    _quiet_pass(sample)
    assert _without_marker(snapshot(sample)) == original
    # A sync asked for by name writes them all again.
    assert vinculo_process("sync", str(sample)).returncode == 0
    assert (sample / "People/Rodrigo Sanz.md").read_bytes() != original["People/Rodrigo Sanz.md"]


def test_one_undo_takes_back_a_whole_watcher_pass_its_follow_up_included(sample, run):
    """A pass that writes the dashboard, then the user's link on top of it (a follow-up
    batch), is one step of ``undo``, as one ``vinculo sync`` is."""
    import datetime as dt

    from vinculo.watch import Watcher

    assert run("sync", str(sample)).exit_code == 0
    with open(sample / "vinculo/Dashboard.md", "a", encoding="utf-8") as dashboard:
        dashboard.write("\nAsk Tom Whitaker about the podcast.\n")
    (sample / "Daily/2026-11-29.md").write_text("- Comí con [[Inês Carvalho]] en Lisboa.\n",
                                               encoding="utf-8")
    before = snapshot(sample)
    watcher = Watcher(sample, quiet=0.2, rescan_every=0, log=lambda *a, **k: None,
                      today=lambda: dt.date(2026, 11, 29))
    watcher.start()
    watcher.stop()
    [initial] = [watcher.results.get_nowait() for _ in range(watcher.results.qsize())][:1]
    assert "vinculo/Dashboard.md" in initial.written and len(initial.written) > 1
    undo = run("undo", str(sample))
    assert undo.exit_code == 0, undo.output
    assert snapshot(sample) == before
