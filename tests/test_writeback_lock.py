"""One writer per vault: a second sync waits, then refuses; a killed writer's lock is recovered."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from test_writeback_sync import ANA, block_plugin  # noqa: F401  (fixture)

from vinculo.state_folder import state_dir
from vinculo.writeback import FileChange, LockError, WriteBackError, apply_changes, vault_lock

HOLDER = """
import sys, time
from pathlib import Path
from vinculo.writeback import vault_lock
with vault_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(120)
"""


@pytest.fixture
def holder(vault):
    """A real other process holding the vault's writer lock."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(vault)], stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert child.stdout.readline().strip() == "locked"
    yield child
    if child.poll() is None:
        child.kill()
    child.wait()
    child.stdout.close()


def test_second_writer_refuses_with_a_clear_message(vault, write, run, holder, block_plugin):  # noqa: F811
    write("People/Ana.md", ANA)
    result = run("sync", str(vault))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"vinculo: waiting for another vinculo process (pid {holder.pid}) to finish writing to "
        "this vault (up to 1 s)…",
        f"vinculo: another vinculo process (pid {holder.pid}) is writing to this vault; "
        "waited 1 s, nothing written",
    ]
    assert (vault / "People/Ana.md").read_bytes() == ANA.encode()
    assert run("undo", str(vault)).exit_code == 1
    with pytest.raises(LockError):
        apply_changes(vault, [FileChange("People/Ana.md", ANA.encode(), b"x")])
    # A dry run only reads: it still works, and still writes nothing.
    dry = run("sync", str(vault), "--dry-run")
    assert dry.exit_code == 0 and dry.stdout.startswith("--- a/People/Ana.md")
    assert (vault / "People/Ana.md").read_bytes() == ANA.encode()


def test_lock_of_a_sigkilled_writer_is_recovered(vault, write, run, holder, block_plugin):  # noqa: F811
    write("People/Ana.md", ANA)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert (state_dir(vault) / "writer.json").exists()  # the dead writer's note is left…
    result = run("sync", str(vault))  # …and does not stop the next one
    assert result.exit_code == 0, result.output
    assert "wrote People/Ana.md" in result.output


def test_lock_is_reentrant_in_one_process_and_released_after(vault, write):
    write("a.md", "x")
    with vault_lock(vault), vault_lock(vault):
        report = apply_changes(vault, [FileChange("a.md", b"x", b"y")])
    assert report.written == ["a.md"]
    child = subprocess.run(
        [sys.executable, "-c", HOLDER.replace("time.sleep(120)", "pass"), str(vault)],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        timeout=60,
    )
    assert child.stdout.strip() == "locked"


def test_lock_and_journal_never_live_in_the_vault(vault, write, monkeypatch):
    write("a.md", "x")
    apply_changes(vault, [FileChange("a.md", b"x", b"y")])
    assert sorted(p.name for p in vault.rglob("*")) == [".obsidian", "a.md"]
    monkeypatch.setenv("VINCULO_STATE_DIR", str(vault / ".state"))
    with pytest.raises(WriteBackError, match=r"state folder \(\$VINCULO_STATE_DIR\) is inside"):
        apply_changes(vault, [FileChange("a.md", b"y", b"z")])
    assert (vault / "a.md").read_bytes() == b"y" and not (vault / ".state").exists()


def test_an_unusable_state_folder_stops_before_any_write(tmp_path, vault, write, run, monkeypatch, block_plugin):  # noqa: F811
    write("People/Ana.md", ANA)
    not_a_folder = tmp_path / "state-file"
    not_a_folder.write_bytes(b"")
    monkeypatch.setenv("VINCULO_STATE_DIR", str(not_a_folder))
    result = run("sync", str(vault))
    assert result.exit_code == 1
    assert result.stderr.startswith("vinculo: cannot use the state folder ")
    assert result.stderr.rstrip().endswith("Not a directory; nothing written")
    assert (vault / "People/Ana.md").read_bytes() == ANA.encode()


def test_a_journal_that_cannot_be_written_stops_before_any_write(vault, write, run, block_plugin):  # noqa: F811
    write("People/Ana.md", ANA)
    state_dir(vault).mkdir(parents=True)
    (state_dir(vault) / "journal").write_bytes(b"in the way")
    result = run("sync", str(vault))
    assert result.exit_code == 1
    assert result.stderr.startswith("vinculo: cannot write the undo journal: ")
    assert (vault / "People/Ana.md").read_bytes() == ANA.encode()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_worker_forked_while_the_lock_was_held_does_not_keep_it(vault):
    """A sync forks its workers while it holds the writer lock, and the watcher's workers
    live on after its pass: once the writer lets go, the next one gets the lock at once."""
    from vinculo.writeback.lock import vault_lock

    ready, done = os.pipe()
    with vault_lock(vault):
        pid = os.fork()
        if pid == 0:  # a worker: alive, holding a copy of every descriptor, until told
            os.close(done)
            os.read(ready, 1)
            os._exit(0)
    try:
        with vault_lock(vault, wait=0):  # LockError if the worker's copy still held it
            pass
    finally:
        os.close(done)
        os.waitpid(pid, 0)
        os.close(ready)
