"""A progress bar on a terminal for long work; nothing when piped or with --quiet, and the
diff on stdout is the same either way."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pty = pytest.importorskip("pty")


def run_with_terminal(args: list[str], env: dict[str, str]) -> tuple[bytes, bytes]:
    """The real program, its stderr on a pseudo-terminal, its stdout on a pipe: (stdout,
    what the terminal received)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "vinculo", *args], stdout=subprocess.PIPE,
                            stderr=slave, stdin=subprocess.DEVNULL, env=env, close_fds=True)
    os.close(slave)
    seen: list[bytes] = []

    def read() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            seen.append(data)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    out, _ = proc.communicate(timeout=120)
    reader.join(timeout=5)
    os.close(master)
    return out, b"".join(seen)


@pytest.mark.parametrize("command", [["sync", "--dry-run"], ["scan"], ["doctor"]])
def test_a_terminal_sees_progress_and_quiet_or_piped_sees_none(tmp_path, sample, command):
    vault: Path = sample
    env = {**os.environ, "VINCULO_STATE_DIR": str(tmp_path / "state"), "TERM": "xterm-256color",
           "VINCULO_PROGRESS_AFTER": "0"}  # any work is long enough to show it
    out, terminal = run_with_terminal([command[0], str(vault), *command[1:]], env)
    assert b"Analysing notes" in terminal or b"Reading notes" in terminal
    quiet_out, quiet_terminal = run_with_terminal(
        [command[0], str(vault), *command[1:], "--quiet"],
        {**env, "VINCULO_STATE_DIR": str(tmp_path / "state-quiet")})
    assert b"Analysing notes" not in quiet_terminal and b"Reading notes" not in quiet_terminal
    piped = subprocess.run([sys.executable, "-m", "vinculo", command[0], str(vault), *command[1:]],
                           capture_output=True, env={**env, "VINCULO_STATE_DIR": str(tmp_path / "s3")})
    assert b"Analysing" not in piped.stderr and b"Reading notes" not in piped.stderr
    assert out == quiet_out == piped.stdout


def test_a_large_import_shows_its_bar_on_a_terminal_and_none_with_quiet(tmp_path, vault):
    cards = tmp_path / "contacts.vcf"
    cards.write_text("".join(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:Person {i:04d} Example\nN:Example;Person {i:04d};;;\n"
        f"EMAIL:p{i}@example.com\nEND:VCARD\n" for i in range(300)), encoding="utf-8")
    env = {**os.environ, "TERM": "xterm-256color", "VINCULO_PROGRESS_AFTER": "0"}

    def run(*extra: str) -> tuple[bytes, bytes]:
        return run_with_terminal(["import", "vcard", str(cards), str(vault), "--dry-run",
                                  *extra], {**env, "VINCULO_STATE_DIR": str(tmp_path / "s")})

    out, terminal = run()
    assert b"vCards" in terminal
    quiet_out, quiet_terminal = run("--quiet")
    assert b"vCards" not in quiet_terminal and quiet_terminal.strip() == b""
    assert out == quiet_out and b"300 would be created" in out


def test_link_spins_on_a_terminal_and_not_with_quiet(tmp_path, sample):
    env = {**os.environ, "TERM": "xterm-256color", "VINCULO_STATE_DIR": str(tmp_path / "s")}
    out, terminal = run_with_terminal(["link", str(sample)], env)
    assert b"Finding mentions" in terminal
    quiet_out, quiet_terminal = run_with_terminal(["link", str(sample), "--quiet"], env)
    assert b"Finding mentions" not in quiet_terminal and out == quiet_out
