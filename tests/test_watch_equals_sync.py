"""The watcher leaves the vault exactly as a full sync would: after it settles, a full
``sync --dry-run`` plans nothing, whatever bursts of saves came before (fault suite)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
from pathlib import Path

from vinculo.watch import Watcher

SAMPLE_TODAY = dt.date(2026, 11, 29)


def _settle(watcher: Watcher, quiet: float = 1.5, timeout: float = 30.0) -> list:
    """Wait until no pass has been reported for ``quiet`` seconds; the passes reported."""
    deadline = time.monotonic() + timeout
    last = time.monotonic()
    seen = []
    while time.monotonic() < deadline:
        try:
            seen.append(watcher.results.get(timeout=0.1))
            last = time.monotonic()
        except Exception:
            if time.monotonic() - last >= quiet and watcher.idle():
                return seen
    raise AssertionError("the watcher did not settle")


def _stages_on_dashboard(vault: Path) -> dict[str, str]:
    text = (vault / "vinculo/Dashboard.md").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    stage = None
    for line in text.splitlines():
        heading = re.match(r"### (\w[\w ]*) \(\d+\)", line)
        if heading:
            stage = heading.group(1)
        elif stage and line.startswith("- [["):
            out[re.match(r"- \[\[[^|\]]+\|([^\]]+)\]\]", line).group(1)] = stage
    return out


def test_after_bursts_of_saves_the_watcher_leaves_nothing_for_a_full_sync(sample, run):
    """Started on a never-synced copy of the sample vault (the first pass links names in many
    notes), then bursts of saves: the dashboard and every contact note end as a full sync
    would write them."""
    watcher = Watcher(sample, quiet=0.2, rescan_every=0, log=lambda *a, **k: None,
                      today=lambda: SAMPLE_TODAY)
    watcher.start()
    try:
        _settle(watcher)
        for i in range(3):  # three bursts: new notes, appends, an atomic save
            (sample / f"Daily/2026-11-2{i}b.md").write_text(
                "- Llamé a Rodrigo Sanz para hablar del blog.\n", encoding="utf-8")
            with open(sample / "Daily/2026-11-28.md", "a", encoding="utf-8") as note:
                note.write(f"\nComí con Ana Torres ({i}).\n")
            tmp = sample / "Daily/.tmp-save"
            tmp.write_text(f"Coffee with Tom Whitaker, round {i}.\n", encoding="utf-8")
            os.replace(tmp, sample / "Daily/2026-11-27.md")
            time.sleep(0.05)
        _settle(watcher)
    finally:
        watcher.stop()

    os.environ["VINCULO_TODAY"] = SAMPLE_TODAY.isoformat()
    planned = run("sync", str(sample), "--dry-run", "--json")
    write = json.loads(planned.output)["summary"]["write"]
    assert write["written"] == [] and write["diff"] == "", write["diff"]
    # The dashboard agrees with each contact's own note.
    labels = {"radar": "Radar", "online": "Online", "voice": "Voice", "in_person": "In person",
              "dormant": "Dormant"}
    on_dashboard = _stages_on_dashboard(sample)
    for note in [*sample.glob("People/*.md"), *sample.glob("Work/*.md")]:
        stage = re.search(r"^vinculo_stage: (\w+)$", note.read_text(encoding="utf-8"), re.M)
        if stage:
            assert on_dashboard[note.stem] == labels[stage.group(1)], note.stem


def test_a_save_writes_its_contact_first_and_a_burst_rewrites_the_dashboard_once(sample):
    """The contact notes a save changes are written in its own pass; the dashboard comes in a
    later pass of its own, once the saves are quiet, however many saves changed a contact."""
    watcher = Watcher(sample, quiet=0.3, rescan_every=0, log=lambda *a, **k: None,
                      today=lambda: SAMPLE_TODAY)
    watcher.start()
    try:
        _settle(watcher)
        names = ["Rodrigo Sanz", "Ana Torres", "Tom Whitaker", "Rodrigo Sanz", "Ana Torres"]
        for i, name in enumerate(names):
            (sample / f"Daily/2026-11-1{i}c.md").write_text(
                f"---\ndate: 2026-11-1{i}\n---\nComí con {name} en el centro.\n",
                encoding="utf-8")
            time.sleep(0.45)  # more than the quiet period: each save is a pass of its own
        results = _settle(watcher)
    finally:
        watcher.stop()
    dashboard = "vinculo/Dashboard.md"
    contact_passes = [r for r in results if any(w.startswith(("People/", "Work/")) for w in r.written)]
    assert len(contact_passes) >= 3
    assert all(dashboard not in r.written for r in contact_passes)
    dashboard_passes = [r for r in results if dashboard in r.written]
    assert dashboard_passes and all(r.kind == "files" for r in dashboard_passes)
    assert len(dashboard_passes) < len(contact_passes)
    assert dashboard_passes[-1].started > contact_passes[-1].finished
