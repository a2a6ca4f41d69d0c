"""Hostile files in a vault: a FIFO named like a note, names that are not UTF-8, a symlink
loop. Each gets one diagnostic; every command finishes and processes the rest of the vault."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and byte names")

NOTE = "Llamé a Rodrigo Sanz para hablar del blog.\n"


def hostile(vault: Path) -> dict[str, str]:
    """Plant the hostile files; what each one's diagnostic must say, by its printed path."""
    (vault / "People").mkdir()
    (vault / "People/Rodrigo Sanz.md").write_text("---\ntype: person\n---\n", encoding="utf-8")
    (vault / "Daily").mkdir()
    (vault / "Daily/2026-11-20.md").write_text(NOTE, encoding="utf-8")
    os.mkfifo(vault / "y.md")
    os.symlink("self.md", vault / "self.md")
    raw = os.fsencode(vault)
    with open(raw + b"/caf\xe9.md", "wb") as handle:
        handle.write(NOTE.encode())
    os.mkdir(raw + b"/dir\xff")
    with open(raw + b"/dir\xff/n.md", "wb") as handle:
        handle.write(NOTE.encode())
    return {
        "y.md": "not a regular file",
        "self.md": "symlink loop",
        "caf\ufffd.md": "not valid UTF-8",
        "dir\ufffd/": "not valid UTF-8",
    }


def vinculo(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vinculo", *args], capture_output=True,
                          timeout=timeout, check=False)


def one_line_each(output: str, expected: dict[str, str]) -> None:
    for path, says in expected.items():
        lines = [line for line in output.splitlines() if f"{path}:" in line]
        assert len(lines) == 1 and says in lines[0], (path, lines, output)
    assert "Traceback" not in output


@pytest.mark.parametrize("command", ["scan", "contacts", "doctor", "sync", "link"])
def test_hostile_files_get_one_diagnostic_and_the_rest_is_processed(vault, command):
    expected = hostile(vault)
    args = {"sync": ["sync", str(vault)], "link": ["link", str(vault), "--apply"]}.get(
        command, [command, str(vault)])
    for _ in range(2):  # again: from the cache, and from the last sync's memo
        result = vinculo(*args)
        out = (result.stdout + result.stderr).decode("utf-8", "replace")
        # doctor exits 1 when it found problems (these files are problems); never a crash
        assert result.returncode == (1 if command == "doctor" else 0), out
        assert "Traceback" not in out, out
        if command in ("scan", "sync", "doctor"):
            one_line_each(out, expected)
    if command in ("sync", "link"):
        assert "[[Rodrigo Sanz]]" in (vault / "Daily/2026-11-20.md").read_text(encoding="utf-8")
    assert (vault / "y.md").exists() and os.path.islink(vault / "self.md")


def test_scan_json_names_every_hostile_file(vault):
    expected = hostile(vault)
    result = vinculo("scan", str(vault), "--json")
    summary = json.loads(result.stdout)
    said = "\n".join(summary["diagnostics"])
    one_line_each(said, expected)
    assert summary["contacts"] == 1


def test_a_note_replaced_by_a_fifo_after_the_walk_is_not_opened(vault, write):
    """The open itself never waits: a FIFO in a note's place is refused, not read."""
    from vinculo.config import load_config
    from vinculo.vault import read_note

    os.mkfifo(vault / "late.md")
    note = read_note(vault, vault / "late.md", "late.md", load_config(vault), size=0)
    assert not note.readable and "not a regular file" in note.diagnostics[0].message


def test_the_watcher_is_not_stopped_by_hostile_files_and_stops_on_sigterm(vault, tmp_path):
    hostile(vault)
    log = tmp_path / "watch.log"
    with log.open("wb") as handle:
        proc = subprocess.Popen(
            [sys.executable, "-m", "vinculo", "watch", str(vault), "--quiet-ms", "200"],
            stdout=handle, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while b"watching" not in log.read_bytes() and time.monotonic() < deadline:
                assert proc.poll() is None, log.read_bytes()
                time.sleep(0.05)
            assert b"watching" in log.read_bytes(), log.read_bytes()
            os.mkfifo(vault / "Daily/z.md")  # a FIFO appears while watching
            with open(os.fsencode(vault) + b"/Daily/ol\xe9.md", "wb") as handle:
                handle.write(NOTE.encode())  # and a name that is not UTF-8
            (vault / "Daily/2026-11-21.md").write_text(NOTE, encoding="utf-8")
            deadline = time.monotonic() + 30
            target = vault / "Daily/2026-11-21.md"
            while "[[Rodrigo Sanz]]" not in target.read_text(encoding="utf-8"):
                assert time.monotonic() < deadline, log.read_bytes()
                time.sleep(0.05)
            time.sleep(0.5)  # the same burst: the odd name was seen, and left (as sync leaves it)
            with open(os.fsencode(vault) + b"/Daily/ol\xe9.md", "rb") as handle:
                assert handle.read() == NOTE.encode()
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(30) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert b"Traceback" not in log.read_bytes()
