"""Undo after a hard kill, and undo's batches: one sync is one step of ``undo``, and a sync
killed mid-write is the first thing ``undo`` takes back, exactly."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import snapshot

from vinculo.state_folder import state_dir
from vinculo.writeback import FileChange, apply_changes

NAMES = [f"Persona{i:03} Apellido{i:03}" for i in range(30)]


def busy_vault(root: Path, notes: int = 400) -> Path:
    """Contacts and daily notes that all get a link: a sync with hundreds of writes."""
    (root / ".obsidian").mkdir(parents=True, exist_ok=True)  # a vault, as writing commands ask
    for name in NAMES:
        path = root / "People" / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\ntype: person\n---\n", encoding="utf-8")
    for d in range(notes):
        path = root / "Daily" / f"2026-{1 + d // 28 % 11:02}-{1 + d % 28:02} {d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Llamé a {NAMES[d % len(NAMES)]} para hablar del blog.\n", encoding="utf-8")
    return root


def vinculo(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vinculo", *args], capture_output=True,
                          text=True, timeout=120, **kw)


def killed_sync(vault: Path, rng: random.Random) -> None:
    """A real ``vinculo sync`` in a child process, SIGKILLed once it has begun writing (its
    journal batch exists), after a random part of a tenth of a second."""
    journal = state_dir(vault) / "journal"
    before = set(journal.glob("*-*"))
    child = subprocess.Popen([sys.executable, "-m", "vinculo", "sync", str(vault)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and child.poll() is None:
        if any((p / "manifest.json").exists() for p in set(journal.glob("*-*")) - before):
            break
        time.sleep(0.002)
    time.sleep(rng.uniform(0, 0.1))  # the group commit writes a batch in well under 0.4 s
    child.send_signal(signal.SIGKILL)
    child.wait()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_undo_after_a_sync_killed_mid_write_takes_back_that_sync_exactly(tmp_path):
    rng = random.Random(20261207)
    interrupted = 0
    for attempt in range(12):  # at least 4; more until two kills landed mid-write
        if attempt >= 4 and interrupted >= 2:
            break
        vault = busy_vault(tmp_path / f"vault{attempt}")
        s0 = snapshot(vault)
        made = vinculo("new", "contact", "Zoe Nueva", str(vault))
        assert made.returncode == 0, made.stderr
        s1 = snapshot(vault)
        killed_sync(vault, rng)
        if snapshot(vault) == s1:
            continue  # killed before its first write: nothing of it to undo
        killed = snapshot(vault)
        dry = vinculo("undo", str(vault), "--dry-run")
        listed = json.loads(vinculo("undo", str(vault), "--list", "--json").stdout)
        assert snapshot(vault) == killed  # neither changes a thing
        # The killed sync is what undo takes back, not the contact made before it (the sync
        # may have written Zoe's block: then undo restores her note, never deletes it).
        assert "delete People/Zoe Nueva.md" not in dry.stdout and listed[0]["command"] == "sync"
        undo = vinculo("undo", str(vault))
        assert undo.returncode == 0, undo.stderr
        interrupted += "was interrupted" in undo.stdout
        assert listed[0]["interrupted"] == ("was interrupted" in undo.stdout)
        assert snapshot(vault) == s1, f"attempt {attempt}: undo did not take back the sync"
        again = vinculo("undo", str(vault))
        assert "People/Zoe Nueva.md" in again.stdout
        assert snapshot(vault) == s0
        assert "Nothing to undo" in vinculo("undo", str(vault)).stdout
    assert interrupted >= 2  # the kills did land while writing


def test_a_sync_and_its_retries_are_one_step_of_undo(vault, run):
    busy_vault(vault, notes=3)
    (vault / "a.md").write_text("one\n")
    before = snapshot(vault)
    apply_changes(vault, [FileChange("a.md", b"one\n", b"two\n")])
    from vinculo.writeback.journal import one_undo

    with one_undo():  # what a sync with one race retry writes
        apply_changes(vault, [FileChange("Daily/x.md", None, b"x\n")])
        apply_changes(vault, [FileChange("Daily/x.md", b"x\n", b"y\n"),
                              FileChange("Daily/z.md", None, b"z\n")])
    result = run("undo", str(vault))
    assert "deleted Daily/x.md" in result.output and "deleted Daily/z.md" in result.output
    assert (vault / "a.md").read_bytes() == b"two\n"
    assert "restored a.md" in run("undo", str(vault)).output
    assert snapshot(vault) == before


def test_undo_says_deleted_for_a_file_it_deleted(vault, run):
    (vault / "a.md").write_text("one\n")
    apply_changes(vault, [FileChange("a.md", b"one\n", b"two\n"), FileChange("n.md", None, b"n\n")])
    out = run("undo", str(vault)).output
    assert "deleted n.md" in out and "restored n.md" not in out and "restored a.md" in out
    assert json.loads(run("undo", str(vault), "--json").output)["journal_id"] is None


def test_a_big_batch_and_a_watch_sessions_first_sync_outlive_the_last_twenty(vault, run):
    from vinculo.state_folder import set_command

    (vault / "a.md").write_text("0\n")
    big = [FileChange(f"big/{i}.md", None, b"x\n") for i in range(60)]
    apply_changes(vault, big)  # 60 files: kept until dropped
    set_command("watch")
    try:
        apply_changes(vault, [FileChange("w.md", None, b"first pass\n")])  # a session's first
        for i in range(25):  # the passes of a watcher, one batch each
            apply_changes(vault, [FileChange("a.md", f"{i}\n".encode(), f"{i + 1}\n".encode())])
    finally:
        set_command(None)
    listed = json.loads(run("undo", str(vault), "--list", "--json").output)
    kept = [g for g in listed if g["kept"]]
    assert len(listed) == 22 and [g["files"] for g in kept] == [1, 60]
    assert kept[0]["kept"] == "first sync of a watch session" and kept[1]["kept"] == "60 files"
    text = run("undo", str(vault), "--list").output
    assert "kept: first sync of a watch session" in text and "kept: 60 files" in text
    for _ in range(20):
        assert run("undo", str(vault)).exit_code == 0
    assert "deleted w.md" in run("undo", str(vault)).output  # the watcher's first pass
    assert "deleted big/0.md" in run("undo", str(vault)).output
    assert run("undo", str(vault), "--drop", kept[1]["id"]).exit_code == 0
    assert len(json.loads(run("undo", str(vault), "--list", "--json").output)) == 21
    assert run("undo", str(vault), "--drop", "nope").exit_code == 1


def test_a_batch_whose_writer_was_killed_before_it_was_marked_in_flight_is_closed(vault, run):
    """The journal's manifest is on disk before the first write: whatever the instant of the
    kill, undo finds the batch."""
    (vault / "a.md").write_text("one\n")
    pid = os.fork() if hasattr(os, "fork") else None
    if pid is None:
        pytest.skip("needs fork")
    if pid == 0:
        try:
            from vinculo.writeback import journal

            batch = journal.start_batch(vault, [("a.md", b"one\n", b"two\n", 0o644)])
            (batch.folder.parent / "inflight").unlink()
            (vault / "a.md").write_bytes(b"two\n")
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    out = run("undo", str(vault)).output
    assert "restored a.md" in out and (vault / "a.md").read_bytes() == b"one\n"


@pytest.mark.slow
def test_a_watch_sessions_first_sync_stays_undoable_after_many_passes(vault, tmp_path, run):
    busy_vault(vault, notes=5)
    log = tmp_path / "watch.log"

    def passes() -> int:
        return sum('"action": "pass"' in line for line in log.read_text().splitlines())

    def wait(pred, what: str) -> None:
        deadline = time.monotonic() + 60
        while not pred():
            assert time.monotonic() < deadline and proc.poll() is None, (what, log.read_text())
            time.sleep(0.05)

    with log.open("w") as handle:
        proc = subprocess.Popen([sys.executable, "-m", "vinculo", "watch", str(vault),
                                 "--quiet-ms", "100", "--log-format", "json"],
                                stdout=handle, stderr=subprocess.STDOUT)
        try:
            wait(lambda: '"action": "watching"' in log.read_text(), "watching")
            for i in range(24):  # more saves than the 20 batches kept
                done = passes()
                (vault / "Daily" / f"2026-11-{1 + i:02} save.md").write_text(
                    f"Vi a {NAMES[i]}.\n", encoding="utf-8")
                wait(lambda done=done: passes() > done, f"pass {i}")
            proc.terminate()
            assert proc.wait(30) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    listed = json.loads(run("undo", str(vault), "--list", "--json").output)
    first = listed[-1]
    assert first["command"] == "watch" and first["kept"] == "first sync of a watch session"
    assert first["files"] >= 30  # every contact block and link of the first sync
    assert len(listed) == 21
