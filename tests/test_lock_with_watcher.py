"""The recommended setup: ``vinculo watch`` running, and every other writing command still
works. A command waits (bounded, and says for what) while the watcher writes a pass; the
watcher then picks up the command's change like any save. Only a second watcher refuses."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import child_env, vinculo_process, wait_for

HOLD = """
import contextlib, pathlib, sys, time
from vinculo.writeback import vault_lock, watch_lock
vault = pathlib.Path(sys.argv[1]).resolve()
with watch_lock(vault) if sys.argv[4:] else contextlib.nullcontext(), vault_lock(vault):
    pathlib.Path(sys.argv[2]).touch()
    time.sleep(float(sys.argv[3]))
"""


@pytest.fixture
def watcher(sample: Path, tmp_path: Path) -> Iterator[subprocess.Popen]:
    """A real ``vinculo watch`` process on a copy of the sample vault, synced and idle."""
    log = tmp_path / "watch.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "vinculo", "watch", str(sample), "--quiet-ms", "200"],
            env=child_env(), stdout=out, stderr=subprocess.STDOUT,
        )
    try:
        wait_for(lambda: "watching" in log.read_text() or proc.poll() is not None, "the watcher")
        assert proc.poll() is None, log.read_text()
        proc.log = log  # type: ignore[attr-defined]
        yield proc
    finally:
        proc.terminate()
        proc.wait(30)


def test_writing_commands_work_while_the_watcher_runs(sample, watcher):
    snooze = vinculo_process("run", "snooze", str(sample), "-p", "person=Rodrigo Sanz", "-p", "until=+2w")
    assert snooze.returncode == 0, snooze.stderr
    assert "snooze_until: 2026-12-13" in (sample / "People/Rodrigo Sanz.md").read_text()
    made = vinculo_process("new", "contact", "Marta Quintana", str(sample), "--city", "Sevilla")
    assert made.returncode == 0, made.stderr
    assert (sample / "People/Marta Quintana.md").exists()
    logged = vinculo_process("run", "log-interaction", str(sample), "-p", "person=Marta Quintana",
                      "-p", "channel=call")
    assert logged.returncode == 0, logged.stderr
    # The watcher takes the commands' changes like any save: the call counts in Marta's note
    # (whether she also gets a block depends on whether the watcher saw her note before the
    # call: a full sync of the final notes writes none, since a call this new suggests nothing).
    marta = sample / "People/Marta Quintana.md"
    wait_for(lambda: "vinculo_last_contact: 2026-11-29" in marta.read_text(), "Marta's call")
    undo = vinculo_process("undo", str(sample))
    assert undo.returncode == 0, undo.stderr
    assert watcher.poll() is None


def test_a_second_watcher_still_refuses_in_one_line(sample, watcher):
    second = vinculo_process("watch", str(sample))
    assert second.returncode == 1
    assert second.stderr.startswith("vinculo: another vinculo watcher (pid ")
    assert second.stderr.count("\n") == 1 and "Traceback" not in second.stderr


@pytest.fixture
def hold(sample: Path, tmp_path: Path):
    """Hold the vault's writer lock from another process for ``seconds``."""
    procs: list[subprocess.Popen] = []

    def _hold(seconds: float, *watcher: str) -> subprocess.Popen:
        ready = tmp_path / f"locked-{len(procs)}"
        proc = subprocess.Popen([sys.executable, "-c", HOLD, str(sample), str(ready),
                                 str(seconds), *watcher], env=child_env())
        procs.append(proc)
        wait_for(lambda: ready.exists() or proc.poll() is not None, "the lock holder")
        assert proc.poll() is None
        return proc

    yield _hold
    for proc in procs:
        proc.kill()
        proc.wait()


def test_a_command_waits_for_a_writer_and_says_what_it_waits_for(sample, run, hold):
    holder = hold(1.5)
    result = vinculo_process("new", "contact", "Marta Quintana", str(sample), VINCULO_LOCK_WAIT="60")
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(
        f"vinculo: waiting for another vinculo process (pid {holder.pid}) to finish writing "
        "to this vault (up to 60 s)")
    assert (sample / "People/Marta Quintana.md").exists()


def test_a_command_says_when_it_waits_for_the_watchers_pass(sample, run, hold):
    holder = hold(1.5, "as the watcher")  # a watcher in the middle of writing a pass
    result = vinculo_process("run", "snooze", str(sample), "-p", "person=rodrigo", VINCULO_LOCK_WAIT="60")
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(
        f"vinculo: waiting for the vinculo watcher (pid {holder.pid}) to finish writing to this "
        "vault (up to 60 s)…")
    assert "snooze_until" in (sample / "People/Rodrigo Sanz.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [
    ("new", "contact", "Marta Quintana", "VAULT"),
    ("new", "meeting", "Café", "VAULT", "--with", "Rodrigo Sanz"),
    ("templates", "install", "VAULT"),
    ("run", "snooze", "VAULT", "-p", "person=rodrigo"),
    ("undo", "VAULT"),
])
def test_a_lock_held_too_long_is_one_line_never_a_traceback(sample, run, hold, args):
    holder = hold(60)
    result = run(*(str(sample) if a == "VAULT" else a for a in args))
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines[-1] == (f"vinculo: another vinculo process (pid {holder.pid}) is writing to "
                         "this vault; waited 1 s, nothing written")
    assert all(line.startswith("vinculo: ") for line in lines), result.stderr


def test_undo_while_the_watcher_runs_says_the_watcher_will_write_again(sample, watcher):
    """The watcher's first sync linked the sample; undo puts the notes back, and says that
    the running watcher will sync them again (it would, silently, otherwise)."""
    undone = vinculo_process("undo", str(sample))
    assert undone.returncode == 0, undone.stderr
    assert "restored" in undone.stdout
    assert "`vinculo watch` is running on this vault" in undone.stderr
    watcher.terminate()
    watcher.wait(30)
    alone = vinculo_process("sync", str(sample))
    assert alone.returncode == 0, alone.stderr
    again = vinculo_process("undo", str(sample))
    assert again.returncode == 0 and "vinculo watch" not in again.stderr, again.stderr
