"""``vinculo watch`` as a real process: signals, the one-watcher lock, a SIGKILL mid-work.

The probe plugin is installed the way pip would (a module plus an entry point) so the child
process loads it; the built-in ladder plugins are blocked to keep the output predictable.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import install_plugin

from vinculo.plugin_host import DEFAULT_PLUGINS

PROBE = '''
from vinculo.hookspecs import hookimpl
from vinculo.model import Interaction

@hookimpl
def extract_interactions(note, mentions, contacts, config):
    if note.date is None:
        return []
    return [Interaction(contact=m.target, date=note.date, channel="in_person", note=note.rel,
                        line=m.line) for m in mentions if m.level == "link"]

@hookimpl
def render_block(contact, suggestions, history, config):
    return "\\n".join(f"- met {i.date} in {i.note}" for i in history.interactions) or "- none"
'''

KEEP = {"contacts", "names", "watch_command"}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    site = install_plugin(tmp_path / "site", "vinculo_probe", PROBE, entry="probe")
    out = dict(os.environ)
    out["PYTHONPATH"] = os.pathsep.join([str(site), out.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    out["VINCULO_BLOCK_PLUGINS"] = ",".join(n for n in DEFAULT_PLUGINS if n not in KEEP)
    out.pop("VINCULO_NO_ENTRY_POINTS", None)
    return out


@pytest.fixture
def people(write) -> None:
    write("People/Ana García.md", "---\ntype: person\n---\n# Ana\n")
    write("People/Bea Ruiz.md", "---\ntype: person\n---\n# Bea\n")
    write("Daily/2026-11-20.md", "Lunch with [[Ana García]].\n")


class Proc:
    """A ``vinculo watch`` child whose log goes to a file we can poll."""

    def __init__(self, vault: Path, env: dict[str, str], log: Path, *args: str) -> None:
        self.log = log
        self.handle = log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "vinculo", "watch", str(vault), "--quiet-ms", "200", *args],
            env=env, stdout=self.handle, stderr=subprocess.STDOUT,
        )

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, needle: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle in self.text():
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"{needle!r} not in the watcher's log:\n{self.text()}")

    def finish(self, timeout: float = 30) -> int:
        try:
            return self.proc.wait(timeout)
        finally:
            self.handle.close()


@pytest.fixture
def spawn(vault: Path, env, people, tmp_path: Path) -> Iterator:
    procs: list[Proc] = []

    def _spawn(*args: str) -> Proc:
        proc = Proc(vault, env, tmp_path / f"watch-{len(procs)}.log", *args)
        procs.append(proc)
        return proc

    yield _spawn
    for proc in procs:
        if proc.proc.poll() is None:
            proc.proc.kill()
        proc.finish()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_finishes_cleanly_with_exit_status_zero(vault, spawn, sig):
    proc = spawn()
    proc.wait_for("watching")
    assert "- met 2026-11-20 in Daily/2026-11-20.md" in (vault / "People/Ana García.md").read_text()
    proc.proc.send_signal(sig)
    assert proc.finish() == 0
    assert "stopped" in proc.text()


def test_a_second_watcher_refuses_and_a_sync_runs_next_to_the_watcher(vault, spawn, env):
    first = spawn()
    first.wait_for("watching")
    second = spawn()
    assert second.finish() == 1
    assert "another vinculo watcher" in second.text() and "Traceback" not in second.text()
    sync = subprocess.run([sys.executable, "-m", "vinculo", "sync", str(vault)], env=env,
                          capture_output=True, text=True, check=False)
    assert sync.returncode == 0, sync.stderr
    first.proc.terminate()
    assert first.finish() == 0


def test_json_log_lines_for_machines(vault, spawn):
    import json

    proc = spawn("--log-format", "json")
    proc.wait_for('"action": "watching"')
    (vault / "Daily/2026-11-28.md").write_text("Call with [[Bea Ruiz]].\n", encoding="utf-8")
    proc.wait_for('"action": "pass"')
    proc.proc.terminate()
    assert proc.finish() == 0
    records = [json.loads(line) for line in proc.text().splitlines()]
    assert {"wrote", "pass", "watching", "stopped"} <= {r["action"] for r in records}
    assert any(r["action"] == "wrote" and r["note"] == "People/Bea Ruiz.md" for r in records)


def test_sigkill_mid_work_then_restart_leaves_a_consistent_vault(vault, spawn, env, write):
    proc = spawn()
    proc.wait_for("watching")

    def saves() -> None:  # keep saving while the watcher is killed
        for i in range(150):
            who = ["Ana García", "Bea Ruiz"][i % 2]
            write(f"Daily/2026-10-{1 + i % 28:02}.md", f"Coffee with [[{who}]] ({i}).\n")
            time.sleep(0.3 if i % 10 == 0 else 0.01)

    saver = threading.Thread(target=saves)
    saver.start()
    proc.wait_for("wrote    People/")
    proc.proc.kill()
    assert proc.finish() == -signal.SIGKILL
    saver.join()

    again = spawn()  # the lock of a killed process is recovered: no refusal
    again.wait_for("watching")
    again.proc.terminate()
    assert again.finish() == 0
    assert not [p for p in vault.rglob("*") if "vinculo-tmp" in p.name]
    check = subprocess.run(
        [sys.executable, "-m", "vinculo", "sync", str(vault), "--dry-run"],
        env=env, capture_output=True, text=True, check=True,
    )
    assert "+++" not in check.stdout, check.stdout  # nothing left to write: a fixed point
    ana = (vault / "People/Ana García.md").read_text()
    assert ana.count("<!-- vinculo:start -->") == 1
    assert "Daily/2026-10-01.md" in ana and "Daily/2026-10-02.md" in (
        vault / "People/Bea Ruiz.md").read_text()


def _can_limit_watches() -> bool:
    """A user namespace lets a test lower its own inotify limit without touching the system."""
    if not shutil.which("unshare") or not sys.platform.startswith("linux"):
        return False
    probe = subprocess.run(
        ["unshare", "-U", "-r", "sh", "-c", "echo 3 > /proc/sys/user/max_inotify_watches"],
        capture_output=True, check=False,
    )
    return probe.returncode == 0


@pytest.mark.skipif(not _can_limit_watches(), reason="needs unprivileged user namespaces")
def test_the_watch_limit_gives_a_clear_message_and_polling(vault, env, people, tmp_path):
    for i in range(10):  # more folders than the three watches allowed below
        (vault / f"Area {i}").mkdir()
    log = tmp_path / "limited.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            ["unshare", "-U", "-r", "sh", "-c",
             'echo 3 > /proc/sys/user/max_inotify_watches && exec "$0" -m vinculo watch "$1" '
             "--quiet-ms 200 --rescan-minutes 0", sys.executable, str(vault)],
            env=env, stdout=out, stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 30
            while "watching" not in log.read_text() and time.monotonic() < deadline:
                time.sleep(0.05)
            text = log.read_text()
            assert "inotify limit is reached" in text and "sysctl" in text, text
            assert "(polling)" in text
            (vault / "Area 9" / "2026-11-28.md").write_text(
                "---\ndate: 2026-11-28\n---\nCall with [[Bea Ruiz]].\n", encoding="utf-8")
            deadline = time.monotonic() + 30
            bea = vault / "People/Bea Ruiz.md"
            while "Area 9/2026-11-28.md" not in bea.read_text() and time.monotonic() < deadline:
                time.sleep(0.05)
            assert "Area 9/2026-11-28.md" in bea.read_text()
        finally:
            proc.terminate()
            assert proc.wait(30) == 0
