"""One sync service: ``vinculo sync``, ``suggest --apply`` and the watcher write the same
bytes, fire the same hooks, and follow one rule when a plugin's whole file and a note's own
edits want the same file."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import REPO, snapshot
from test_watch_equals_sync import _settle, _stages_on_dashboard

from vinculo.hookspecs import hookimpl
from vinculo.plugin_host import get_plugin_manager
from vinculo.watch import Watcher

TODAY = dt.date(2026, 11, 29)
BENCH_DIR = REPO / "bench"
LABELS = {"radar": "Radar", "online": "Online", "voice": "Voice", "in_person": "In person",
          "dormant": "Dormant"}


def _watch_once(root: Path, pm=None) -> Watcher:
    """A real watcher on ``root``: its initial sync and whatever its own writes set off."""
    watcher = Watcher(root, pm=pm, quiet=0.2, rescan_every=0, log=lambda *a, **k: None,
                      today=lambda: TODAY)
    watcher.start()
    try:
        _settle(watcher, quiet=1.0)
    finally:
        watcher.stop()
    return watcher


def _mismatched_stages(root: Path) -> list[tuple[str, str | None, str]]:
    """Contacts the dashboard lists under another stage than their own note says."""
    shown = _stages_on_dashboard(root)
    out = []
    for note in sorted(root.glob("People/*.md")):
        stage = re.search(r"^vinculo_stage: (\w+)$", note.read_text(encoding="utf-8"), re.M)
        if stage and shown.get(note.stem) != LABELS[stage.group(1)]:
            out.append((note.stem, shown.get(note.stem), stage.group(1)))
    return out


def test_the_watcher_never_leaves_the_dashboard_behind_a_note_it_wrote(sample, run):
    """The dashboard names someone in the user's text outside its block, and a new event
    moves Inês from radar to in person: the watcher's pass writes her note, the dashboard
    (Inês under "In person") and the link, as ``vinculo sync`` does — the dashboard never
    keeps her under "Radar" until the next full sync."""
    assert run("sync", str(sample)).exit_code == 0
    with open(sample / "vinculo/Dashboard.md", "a", encoding="utf-8") as dashboard:
        dashboard.write("\nAsk Tom Whitaker about the podcast.\n")
    (sample / "Daily/2026-11-29.md").write_text("- Comí con [[Inês Carvalho]] en Lisboa.\n",
                                               encoding="utf-8")
    _watch_once(sample)

    assert "vinculo_stage: in_person" in (sample / "People/Inês Carvalho.md").read_text("utf-8")
    assert _mismatched_stages(sample) == []
    text = (sample / "vinculo/Dashboard.md").read_text(encoding="utf-8")
    assert text.endswith("Ask [[Tom Whitaker]] about the podcast.\n")  # the user's text, linked
    planned = json.loads(run("sync", str(sample), "--dry-run", "--json").output)
    assert planned["summary"]["write"]["written"] == []
    assert planned["summary"]["write"]["diff"] == ""


def test_sync_writes_the_dashboard_and_the_users_link_in_one_run(sample, run):
    """The rule (the plugin's whole file wins a pass) never costs a second run: the note's
    own edits are planned again on top of the dashboard just written."""
    assert run("sync", str(sample)).exit_code == 0
    with open(sample / "vinculo/Dashboard.md", "a", encoding="utf-8") as dashboard:
        dashboard.write("\nAsk Tom Whitaker about the podcast.\n")
    (sample / "Daily/2026-11-29.md").write_text("- Comí con [[Inês Carvalho]] en Lisboa.\n",
                                               encoding="utf-8")
    out = json.loads(run("sync", str(sample), "--json").output)
    assert "vinculo/Dashboard.md" in out["summary"]["write"]["written"]
    assert _mismatched_stages(sample) == []
    text = (sample / "vinculo/Dashboard.md").read_text(encoding="utf-8")
    assert text.endswith("Ask [[Tom Whitaker]] about the podcast.\n")
    again = json.loads(run("sync", str(sample), "--dry-run", "--json").output)
    assert again["summary"]["write"]["diff"] == ""


def _generated(root: Path) -> Path:
    """A generated vault with a year of events (bench/historygen.py), never synced."""
    sys.path.insert(0, str(BENCH_DIR))
    try:
        import historygen

        historygen.generate(root, contacts=30, days=120, seed=5)
    finally:
        sys.path.remove(str(BENCH_DIR))
        sys.modules.pop("historygen", None)
    (root / ".obsidian").mkdir(exist_ok=True)
    return root


@pytest.mark.parametrize("kind", ["sample", "generated", "dashboard"])
def test_sync_suggest_apply_and_the_watcher_write_the_same_bytes(kind, sample, tmp_path, run):
    """Three copies of one vault (the sample, a generated one, both never synced; the
    synced sample whose dashboard names someone, with a new event): ``vinculo sync``,
    ``vinculo suggest --apply`` and a watcher's first pass leave every file byte for byte
    the same."""
    first = sample if kind != "generated" else _generated(tmp_path / "generated")
    if kind == "dashboard":
        assert run("sync", str(first)).exit_code == 0
        with open(first / "vinculo/Dashboard.md", "a", encoding="utf-8") as dashboard:
            dashboard.write("\nAsk Tom Whitaker about the podcast.\n")
        (first / "Daily/2026-11-29.md").write_text("- Comí con [[Inês Carvalho]] en Lisboa.\n",
                                                  encoding="utf-8")
    second, third = tmp_path / "second", tmp_path / "third"
    shutil.copytree(first, second)
    shutil.copytree(first, third)
    before = snapshot(first)

    assert run("sync", str(first)).exit_code == 0
    assert run("suggest", str(second), "--apply").exit_code == 0
    _watch_once(third)

    synced, applied, watched = snapshot(first), snapshot(second), snapshot(third)
    assert synced != before  # there was something to write
    assert sorted(applied) == sorted(synced) and sorted(watched) == sorted(synced)
    assert [rel for rel in synced if applied[rel] != synced[rel]] == []
    assert [rel for rel in synced if watched[rel] != synced[rel]] == []


class _Recorder:
    def __init__(self) -> None:
        self.events: list[str] = []

    @hookimpl
    def before_sync(self, dry_run):
        self.events.append(f"before dry_run={dry_run}")

    @hookimpl
    def after_sync(self, report):
        self.events.append(f"after notes={report['notes']} wrote={len(report['write']['written'])}")


def _register_everywhere(monkeypatch, plugin: object, name: str) -> None:
    """Every plugin manager the commands build holds ``plugin`` too."""
    import vinculo.plugin_host as host

    real = host.get_plugin_manager

    def with_plugin(*args, **kwargs):
        pm = real(*args, **kwargs)
        pm.register(plugin, name=name)
        return pm

    monkeypatch.setattr(host, "get_plugin_manager", with_plugin)


def test_suggest_apply_and_the_watcher_fire_the_sync_hooks(sample, run, monkeypatch):
    """``before_sync`` and ``after_sync`` (with the same report as ``sync --json``'s
    summary) fire for ``suggest --apply`` and for each watcher pass that writes, as for
    ``vinculo sync``."""
    recorder = _Recorder()
    _register_everywhere(monkeypatch, recorder, "recorder")
    copy = sample.parent / "copy"
    shutil.copytree(sample, copy)
    assert run("suggest", str(sample), "--apply").exit_code == 0
    assert recorder.events[0] == "before dry_run=False"
    assert re.fullmatch(r"after notes=4[56] wrote=[1-9]\d*", recorder.events[1])

    recorder.events.clear()
    pm = get_plugin_manager()
    pm.register(recorder, name="recorder")
    _watch_once(copy, pm)
    assert recorder.events[0] == "before dry_run=False"
    assert re.fullmatch(r"after notes=4[56] wrote=[1-9]\d*", recorder.events[1])
    assert len(recorder.events) % 2 == 0


def test_writeback_imports_nothing_from_the_layers_that_use_it():
    """``vinculo.writeback`` (plan, compose, apply, journal, lock) is below the pipeline, the
    memo, the reports and the sync service: none of its modules imports them."""
    import ast

    higher = {"vinculo.memo", "vinculo.pipeline", "vinculo.report", "vinculo.sync_service",
              "vinculo.watch", "vinculo.cli"}
    found = []
    for path in sorted((REPO / "src/vinculo/writeback").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if isinstance(node, ast.ImportFrom) and node.module == "vinculo":
                names = [f"vinculo.{a.name}" for a in node.names]
            found += [f"{path.name}: {n}" for n in names
                      if any(n == h or n.startswith(h + ".") for h in higher)]
    assert found == []


class _Order:
    """When the sync hooks fire, against when the pass reads a note (``is_contact`` is
    asked of every note read)."""

    def __init__(self) -> None:
        self.events: list[str] = []

    @hookimpl
    def before_sync(self):
        self.events.append("before")

    @hookimpl
    def is_contact(self, note):
        self.events.append(f"read {note.rel}")

    @hookimpl
    def after_sync(self):
        self.events.append("after")


def test_before_sync_fires_before_the_watcher_reads_a_saved_note(vault, write, run):
    """As ``vinculo sync`` does: ``before_sync``, then the pass reads the vault, then
    ``after_sync`` (a plugin may prepare the vault in ``before_sync``)."""
    write("People/Ana García.md", "---\ntype: person\n---\n# Ana\n")
    write("Daily/2026-11-20.md", "- Café con Ana García.\n")
    order = _Order()
    pm = get_plugin_manager()
    pm.register(order, name="order")
    watcher = Watcher(vault, pm=pm, quiet=0.2, rescan_every=0, log=lambda *a, **k: None,
                      today=lambda: TODAY)
    watcher.start()
    try:
        _settle(watcher, quiet=1.0)
        assert order.events[0] == "before" and order.events[-1] == "after"
        order.events.clear()
        with open(vault / "Daily/2026-11-20.md", "a", encoding="utf-8") as daily:
            daily.write("- Llamé a Ana García.\n")
        _settle(watcher, quiet=1.0)
    finally:
        watcher.stop()
    assert "read Daily/2026-11-20.md" in order.events
    assert order.events[0] == "before", order.events
    assert order.events[-1] == "after"
    assert order.events.count("before") == order.events.count("after")


def test_a_pass_that_writes_the_dashboard_twice_lists_it_once(sample, run):
    """The dashboard written by a pass, then again with the user's link on top of it (a
    follow-up batch of the same pass): the pass's ``written`` names each file once, and the
    log's count is the number of files."""
    assert run("sync", str(sample)).exit_code == 0
    with open(sample / "vinculo/Dashboard.md", "a", encoding="utf-8") as dashboard:
        dashboard.write("\nAsk Tom Whitaker about the podcast.\n")
    (sample / "Daily/2026-11-29.md").write_text("- Comí con [[Inês Carvalho]] en Lisboa.\n",
                                               encoding="utf-8")
    logged: list[tuple[str, str]] = []
    watcher = Watcher(sample, quiet=0.2, rescan_every=0, today=lambda: TODAY,
                      log=lambda action, message="", **_: logged.append((action, message)))
    watcher.start()
    try:
        passes = _settle(watcher, quiet=1.0)
    finally:
        watcher.stop()
    [initial] = [p for p in passes if p.kind == "initial"]
    assert "vinculo/Dashboard.md" in initial.written
    assert sorted(initial.written) == sorted(set(initial.written))
    synced = [m for a, m in logged if a == "synced"]
    assert synced[0].endswith(f"{len(set(initial.written))} written")


def test_a_sync_that_retries_renders_no_diff_nobody_shows(sample, run):
    """A sync whose dashboard is written, then again with the user's link on top (a retry
    batch): without a dry run, ``--json`` or an ``after_sync`` plugin its diff is not
    rendered (it costs a first sync of a large vault seconds), and when read it is the
    diff of both batches."""
    from vinculo.config import load_config
    from vinculo.sync_service import run_sync

    assert run("sync", str(sample)).exit_code == 0
    with open(sample / "vinculo/Dashboard.md", "a", encoding="utf-8") as dashboard:
        dashboard.write("\nAsk Tom Whitaker about the podcast.\n")
    (sample / "Daily/2026-11-29.md").write_text("- Comí con [[Inês Carvalho]] en Lisboa.\n",
                                               encoding="utf-8")
    result = run_sync(sample.resolve(), load_config(sample), get_plugin_manager(), TODAY)
    report = result.report
    assert report.written.count("vinculo/Dashboard.md") == 1
    assert "diff" not in result.summary["write"]
    assert report.__dict__.get("_diff") is None  # not rendered: nobody asked for it
    diff = report.diff
    assert diff.count("+++ b/vinculo/Dashboard.md") == 2  # the dashboard, then the link
    assert "+Ask [[Tom Whitaker]] about the podcast." in diff
    assert "+++ b/People/Inês Carvalho.md" in diff


@pytest.mark.parametrize("command", [("sync",), ("suggest", "--apply")])
def test_before_sync_fires_before_a_command_reads_the_vault(command, vault, write, run,
                                                             monkeypatch):
    """``sync`` and ``suggest --apply`` alike: ``before_sync`` before the first note is
    read, ``after_sync`` last."""
    write("People/Ana García.md", "---\ntype: person\n---\n# Ana\n")
    write("Daily/2026-11-20.md", "- Café con Ana García.\n")
    order = _Order()
    _register_everywhere(monkeypatch, order, "order")
    assert run(command[0], str(vault), *command[1:]).exit_code == 0
    assert "read People/Ana García.md" in order.events
    assert order.events[0] == "before", order.events
    assert order.events[-1] == "after" and order.events.count("before") == 1


class _Reports:
    def __init__(self) -> None:
        self.reports: list[dict] = []

    @hookimpl
    def after_sync(self, report):
        self.reports.append(report)


def test_the_watchers_after_sync_report_carries_the_diff_and_reasons_as_sync_does(vault,
                                                                                  write):
    """``after_sync`` gets the report ``sync --json`` prints: from a watcher pass too, with the
    diff of what the pass wrote, why each file was written and the undo step."""
    write("People/Ana García.md", "---\ntype: person\n---\n# Ana\n")
    write("Daily/2026-11-20.md", "- Café con Ana García.\n")
    listener = _Reports()
    pm = get_plugin_manager()
    pm.register(listener, name="listener")
    watcher = Watcher(vault, pm=pm, quiet=0.2, rescan_every=0, log=lambda *a, **k: None,
                      today=lambda: TODAY)
    watcher.start()
    try:
        _settle(watcher, quiet=1.0)
        listener.reports.clear()
        with open(vault / "Daily/2026-11-20.md", "a", encoding="utf-8") as daily:
            daily.write("- Llamé a Ana García para lo del taller.\n")
        _settle(watcher, quiet=1.0)
    finally:
        watcher.stop()
    written = [r["write"] for r in listener.reports if r["write"]["written"]]
    assert written, listener.reports
    for one in written:
        for rel in one["written"]:
            assert f"+++ b/{rel}" in one["diff"]
            assert one["reasons"].get(rel)
        assert one["journal_id"]
        assert one["mode"] == "watch" and one["full_pass"] is False  # not "a full pass"
