"""The real ``vinculo`` program in a real pseudo-terminal: ``vinculo palette`` and the question
``vinculo new meeting`` asks when a name could be several people. The screen is read through
a terminal emulator (pyte), which also answers the cursor-position requests a terminal would."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

pty = pytest.importorskip("pty")
pyte = pytest.importorskip("pyte")

ROWS, COLUMNS = 30, 110


class Terminal:
    """A program running in a pty, its screen kept by pyte."""

    def __init__(self, args: list[str]) -> None:
        import fcntl
        import struct
        import termios

        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.lock = threading.Lock()
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS),
               "LINES": str(ROWS), "PYTHONIOENCODING": "utf-8"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "vinculo", *args], stdin=slave, stdout=slave, stderr=slave,
            env=env, close_fds=True, start_new_session=True,
        )
        os.close(slave)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            with self.lock:
                self.stream.feed(data)
                if b"\x1b[6n" in data:  # where is the cursor? (as a terminal would answer)
                    y, x = self.screen.cursor.y + 1, self.screen.cursor.x + 1
                    os.write(self.master, f"\x1b[{y};{x}R".encode())

    def text(self) -> str:
        with self.lock:
            return "\n".join(line.rstrip() for line in self.screen.display)

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode("utf-8"))

    def see(self, pattern: str) -> None:
        deadline = time.monotonic() + 60  # generous: no assertion on speed
        while not re.search(pattern, self.text()):
            ended = self.process.poll() is not None and not self.reader.is_alive()
            if ended or time.monotonic() > deadline:
                raise AssertionError(f"never saw {pattern!r}; screen:\n{self.text()}")
            time.sleep(0.02)

    def wait(self) -> int:
        code = self.process.wait(60)
        self.reader.join(5)
        os.close(self.master)
        return code


@pytest.fixture
def terminal(sample: Path):
    started: list[Terminal] = []

    def start(*args: str) -> Terminal:
        term = Terminal(list(args))
        started.append(term)
        return term

    yield start
    for term in started:
        if term.process.poll() is None:
            term.process.kill()
            term.process.wait(10)


def test_vinculo_palette_in_a_real_terminal(sample, terminal):
    term = terminal("palette", str(sample))
    term.see("type to filter")
    term.type("snoo")
    term.see(r"› Snooze a contact")
    term.type("\r")
    term.see("Who:")
    term.type("rodrigo")
    term.see(r"› Rodrigo Sanz")
    term.type("\r")
    term.see(r"Until \[\+30d\]:")
    term.type("+2w\r")
    term.see("✓ Snooze a contact")
    term.type("\x1b")
    assert term.wait() == 0
    # Leaving prints the results, obsidian:// link included, where the palette was.
    unwrapped = term.text().replace("\n", "")
    assert "obsidian://open?vault=sample&file=People%2FRodrigo%20Sanz" in unwrapped
    text = (sample / "People" / "Rodrigo Sanz.md").read_text(encoding="utf-8")
    assert yaml.safe_load(text.split("---\n")[1])["snooze_until"] == dt.date(2026, 12, 13)


def test_new_meeting_asks_which_one_on_a_terminal(sample, terminal):
    term = terminal("new", "meeting", "Café", str(sample), "--with", "ana", "--with", "rodrigo")
    term.see(r"1\. Ana García")
    term.see(r"2\. Ana Torres")
    term.see(r"Which 'ana'\?")
    term.type("2\r")
    term.see("Created Meetings/2026-11-29 Café.md")
    assert term.wait() == 0
    text = (sample / "Meetings" / "2026-11-29 Café.md").read_text(encoding="utf-8")
    assert yaml.safe_load(text.split("---\n")[1])["attendees"] == [
        "[[Ana Torres]]", "[[Rodrigo Sanz]]",
    ]


def test_new_meeting_offers_to_create_an_attendee_who_is_not_a_contact(sample, terminal):
    term = terminal("new", "meeting", "Café", str(sample), "--with", "Zacarías Nadal")
    term.see(r"'Zacarías Nadal' is not a contact")
    term.see(r"Create a contact note for them\? \[Y/n\]")
    term.type("\r")
    term.see("Created People/Zacarías Nadal.md")
    term.see("Created Meetings/2026-11-29 Café.md")
    assert term.wait() == 0
    text = (sample / "Meetings" / "2026-11-29 Café.md").read_text(encoding="utf-8")
    assert yaml.safe_load(text.split("---\n")[1])["attendees"] == ["[[Zacarías Nadal]]"]
