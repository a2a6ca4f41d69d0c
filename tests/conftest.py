"""Shared fixtures: real temporary vaults on disk, the real CLI, the real plugin manager."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from vinculo.cli import cli

REPO = Path(__file__).resolve().parent.parent
SAMPLE_VAULT = REPO / "sample_vault"
TODAY = "2026-11-29"


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Journals, locks and caches go to a fresh folder per test, never the user's."""
    monkeypatch.setenv("VINCULO_STATE_DIR", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("VINCULO_TODAY", TODAY)
    monkeypatch.setenv("VINCULO_LOCK_WAIT", "1")  # a refusal after a held lock comes quickly
    monkeypatch.delenv("VINCULO_VAULT", raising=False)
    monkeypatch.delenv("VINCULO_BLOCK_PLUGINS", raising=False)


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    """An empty vault: a folder with Obsidian's ``.obsidian/`` settings folder (empty), which
    is what makes vinculo willing to write to it."""
    root = tmp_path / "vault"
    (root / ".obsidian").mkdir(parents=True)
    return root


WriteNote = Callable[..., Path]


@pytest.fixture
def write(vault: Path) -> WriteNote:
    """``write("People/Ana.md", "text")`` creates a note (str → UTF-8, bytes as given)."""

    def _write(rel: str, content: str | bytes, root: Path = vault) -> Path:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        return path

    return _write


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the bundled sample vault (the committed one is never touched)."""
    target = tmp_path / "sample"
    shutil.copytree(SAMPLE_VAULT, target)
    return target


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Invoke the real CLI in-process: ``run("contacts", str(vault), "--json")``."""

    def _run(*args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return _run


def age(root: Path, seconds: int = 60) -> None:
    """Move the mtime of a file (or of every file under a folder) into the past, as if saved
    a while before: a file saved just before a run is not trusted by its size and mtime
    (see ``vinculo.cache.RACY_NS``), and these tests are about the ones that are."""
    for path in [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]:
        info = path.stat()
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - seconds * 1_000_000_000))


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes: compare before and after a command."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def install_plugin(site: Path, module: str, source: str, entry: str | None = None) -> Path:
    """Install a plugin the way pip would: a module plus a dist-info with an entry point in
    the ``vinculo`` group (named ``entry``, by default the module's name). Returns ``site``,
    for ``sys.path`` or a child process's ``PYTHONPATH``."""
    site.mkdir(parents=True, exist_ok=True)
    (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = site / f"{module}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[vinculo]\n{entry or module} = {module}\n")
    return site


def person(write: WriteNote, name: str, **props: str) -> None:
    """A contact note in People/ with these properties."""
    lines = "".join(f"{k}: {v}\n" for k, v in props.items())
    write(f"People/{name}.md", f"---\ntype: person\n{lines}---\n")


def daily(write: WriteNote, day: str, *lines: str) -> None:
    """A daily note of ``day`` with one list item per line."""
    write(f"Daily/{day}.md", "".join(f"- {line}\n" for line in lines))


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child ``vinculo`` process that imports what this test run does."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), **extra}


def vinculo_process(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """Run ``vinculo ARGS`` in a child process (a second writer, as a user's second shell)."""
    return subprocess.run([sys.executable, "-m", "vinculo", *args], env=child_env(**extra),
                          capture_output=True, text=True, timeout=120, check=False)


def wait_for(check: Callable[[], object], what: str, timeout: float = 60) -> None:
    """Poll ``check`` until it is true; fail naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


# --- one daily note read by the real pipeline (the name and clause tests) ------------------

DAILY_NOTE = "Daily/2026-11-20.md"


def write_people(write: Callable[..., Path], people: dict[str, str]) -> None:
    """A contact note for each ``{title: extra frontmatter lines}``."""
    for name, extra in people.items():
        write(f"People/{name}.md", f"---\ntype: person\n{extra}\n---\nAbout them.\n")


def read_daily_note(vault: Path, text: str) -> tuple[list, list]:
    """What the real pipeline reads from the daily note of 2026-11-20 holding ``text`` (today
    2026-11-29): its mentions not already linked, and ``(contact, interaction)`` for each
    interaction read from that note, sorted."""
    import datetime as dt

    from vinculo.config import load_config
    from vinculo.pipeline import build_index
    from vinculo.plugin_host import get_plugin_manager

    path = vault / DAILY_NOTE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# 2026-11-20\n\n{text}\n", encoding="utf-8")
    index = build_index(vault, load_config(vault), get_plugin_manager(), dt.date(2026, 11, 29))
    mentions = [m for m in index.mentions.get(DAILY_NOTE, []) if not m.linked]
    events = sorted(((name, i) for name, history in index.histories.items()
                     for i in history.interactions if i.note == DAILY_NOTE),
                    key=lambda pair: (pair[0], pair[1].channel, pair[1].confidence))
    return mentions, events


def read_names_and_channels(vault: Path, text: str) -> tuple[list, list]:
    """(mentions as (surface, target, level), interactions as (contact, channel)) of the
    daily note holding ``text`` (see :func:`read_daily_note`)."""
    mentions, events = read_daily_note(vault, text)
    return ([(m.surface, m.target or m.candidates, m.level) for m in mentions],
            [(name, i.channel) for name, i in events])
