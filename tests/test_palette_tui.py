"""The terminal palette, driven headless: keys go in through a pipe, the screen is read back
through a terminal emulator (pyte), and the effect is checked on the vault's files."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyte
import pytest
import yaml
from conftest import snapshot
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from vinculo.config import load_config
from vinculo.model import CommandContext
from vinculo.palette import palette_commands
from vinculo.palette.tui import rank_commands, run_palette
from vinculo.plugin_host import get_plugin_manager

ROWS, COLUMNS = 30, 110
ESC, ENTER, DOWN, UP = "\x1b", "\r", "\x1b[B", "\x1b[A"


class _Screen(io.TextIOBase):
    """What prompt_toolkit writes, fed to a terminal emulator; read as the user would see it."""

    encoding = "utf-8"

    def __init__(self) -> None:
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.Stream(self.screen)
        self.lock = threading.Lock()

    def write(self, data: str) -> int:
        with self.lock:
            self.stream.feed(data)
        return len(data)

    def flush(self) -> None:
        pass

    def text(self) -> str:
        with self.lock:
            return "\n".join(line.rstrip() for line in self.screen.display).rstrip()

    def selected(self) -> str:
        """The highlighted row: the one the palette marks with ›."""
        return next((line.strip() for line in self.text().splitlines() if line.startswith("›")), "")


@dataclass
class Driver:
    keys: PipeInput
    screen: _Screen
    thread: threading.Thread
    result: dict

    def type(self, text: str) -> None:
        self.keys.send_text(text)

    def wait(self, condition: Callable[[], bool], what: str) -> None:
        """Wait until the screen shows ``what`` (no assertion on how long it takes)."""
        deadline = time.monotonic() + 60
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"never saw {what!r}; screen:\n{self.screen.text()}")
            time.sleep(0.02)

    def see(self, text: str) -> None:
        self.wait(lambda: text in self.screen.text(), text)

    def selected(self, text: str) -> None:
        self.wait(lambda: text in self.screen.selected(), f"› {text}")

    def leave(self) -> list[str]:
        self.type(ESC)
        self.thread.join(60)
        assert not self.thread.is_alive(), "Esc did not leave the palette"
        return self.result["transcript"]


@pytest.fixture
def palette(sample: Path) -> Iterator[Callable[..., Driver]]:
    started: list[Driver] = []
    pipes = contextlib.ExitStack()

    def start(dry_run: bool = False, note: str | None = None) -> Driver:
        pm = get_plugin_manager()
        ctx = CommandContext(sample, load_config(sample), pm, dt.date(2026, 11, 29),
                             note=note, dry_run=dry_run)
        screen = _Screen()
        output = Vt100_Output(screen, lambda: Size(rows=ROWS, columns=COLUMNS), enable_cpr=False)
        keys = pipes.enter_context(create_pipe_input())
        result: dict = {}

        def target() -> None:
            result["transcript"] = run_palette(palette_commands(pm), ctx, input=keys,
                                               output=output)

        thread = threading.Thread(target=target, daemon=True)
        driver = Driver(keys, screen, thread, result)
        started.append(driver)
        thread.start()
        driver.see("type to filter")
        return driver

    yield start
    for driver in started:
        if driver.thread.is_alive():
            driver.type(ESC * 3)
            driver.thread.join(10)
    pipes.close()


def test_type_a_few_letters_pick_snooze_and_the_contact_is_snoozed(sample, palette):
    ui = palette()
    ui.see("Log an interaction")  # every command is listed before anything is typed
    ui.type("snoo")
    ui.selected("Snooze a contact")
    ui.see("No suggestions for someone until a date")  # the description of the highlighted one
    ui.type(ENTER)
    ui.see("Who:")
    ui.type("ines")
    ui.selected("Inês Carvalho")
    ui.type(ENTER)
    ui.see("Until [+30d]:")
    ui.type(ENTER)  # the default
    ui.see("✓ Snooze a contact")
    ui.see("Snoozed Inês Carvalho until 2026-12-29")
    transcript = ui.leave()
    assert len(transcript) == 1 and "obsidian://open?vault=sample" in transcript[0]
    meta = yaml.safe_load((sample / "People" / "Inês Carvalho.md").read_text("utf-8").split("---\n")[1])
    assert meta["snooze_until"] == dt.date(2026, 12, 29)


def test_log_an_interaction_choosing_with_arrows(sample, palette):
    ui = palette()
    ui.type("log")
    ui.selected("Log an interaction")
    ui.type(ENTER)
    ui.type("rodrigo")
    ui.selected("Rodrigo Sanz")
    ui.type(ENTER)
    ui.see("Channel:")
    ui.selected("social")
    ui.type(DOWN + DOWN)
    ui.selected("call")
    ui.type(UP)
    ui.selected("message")
    ui.type(DOWN)
    ui.selected("call")
    ui.type(ENTER)
    ui.see("When [today]:")
    ui.type("2026-11-28" + ENTER)
    ui.see("What about (optional):")
    assert "(optional) (optional)" not in ui.screen.text()
    ui.type("taller" + ENTER)
    ui.see("✓ Log an interaction")
    ui.leave()
    text = (sample / "Daily" / "2026-11-28.md").read_text(encoding="utf-8")
    assert text.endswith("\n## People I met\n- Called [[Rodrigo Sanz]]: taller\n")


def test_esc_goes_back_then_leaves_and_nothing_is_written(sample, palette):
    before = snapshot(sample)
    ui = palette()
    ui.type("new cont")
    ui.selected("New contact")
    ui.type(ENTER)
    ui.see("Name:")
    ui.type("Bea")
    ui.type(ESC)
    ui.see("cancelled")
    ui.see("type to filter")
    assert ui.leave() == []
    assert snapshot(sample) == before


def test_errors_show_on_screen_and_the_palette_stays(sample, palette):
    ui = palette()
    ui.type("new cont" + ENTER)
    ui.see("Name:")
    ui.type("Ana García" + ENTER)
    ui.see("City (optional):")
    ui.type(ENTER + ENTER + ENTER)
    ui.see("✗ New contact")
    ui.see("a contact named 'Ana García' already exists")
    ui.type("dash")
    ui.selected("Open the dashboard note")
    ui.type(ENTER)
    ui.see("obsidian://open?vault=sample&file=vinculo%2FDashboard")
    assert len(ui.leave()) == 2


def test_dry_run_palette_shows_the_diff(sample, palette):
    before = snapshot(sample)
    ui = palette(dry_run=True, note="Daily/2026-11-28.md")
    ui.type("link")
    ui.selected("Link mentions in this note")
    ui.type(ENTER)  # the note comes from --note: nothing to ask
    ui.see("✓ Link mentions in this note")
    ui.see("+- pendiente: quedar con [[Encarnación Moreno Gil|Encar]]")
    ui.see("(dry run: nothing written)")
    transcript = ui.leave()
    assert transcript[0].endswith("(dry run: nothing written)")
    assert snapshot(sample) == before


def test_rank_commands_puts_word_starts_first():
    found = palette_commands(get_plugin_manager())
    assert rank_commands("snoo", found)[0] == "snooze"
    assert set(rank_commands("who", found)[:2]) == {"who-to-see", "who-do-i-know"}
    assert rank_commands("who to", found)[0] == "who-to-see"
    assert rank_commands("who do", found)[0] == "who-do-i-know"
    assert rank_commands("dash", found)[0] == "open-dashboard"
    assert rank_commands("", found) == list(found)
    assert rank_commands("zzzz", found) == []
