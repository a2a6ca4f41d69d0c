"""Each pipeline hook, exercised by a third-party-style plugin through the real pipeline."""

from __future__ import annotations

import datetime as dt

from vinculo.config import load_config
from vinculo.hookspecs import hookimpl
from vinculo.model import Interaction, NameVariant, Suggestion
from vinculo.pipeline import build_index
from vinculo.plugin_host import get_plugin_manager

TODAY = dt.date(2026, 11, 29)


class Recorder:
    """A plugin that answers every pipeline hook and records what it was given."""

    def __init__(self) -> None:
        self.events: list[str] = []

    @hookimpl
    def name_variants(self, contact):
        return [NameVariant("Encar", "nickname")] if contact.name == "Encarnación Ruiz" else []

    @hookimpl
    def extract_interactions(self, note, mentions):
        return [
            Interaction(m.target, note.date, "call", note.rel, m.line)
            for m in mentions
            if note.date and "call" in note.text
        ]

    @hookimpl
    def contact_stage(self, history):
        return "voice" if history.last("call") else "radar"

    @hookimpl
    def suggest(self, contact, history, today):
        return [Suggestion(contact.name, "meet", today, "Coffee?", "one call, never met")]

    @hookimpl
    def plan_suggestions(self, suggestions):
        return suggestions[:1]

    @hookimpl
    def before_sync(self, dry_run):
        self.events.append(f"before dry_run={dry_run}")

    @hookimpl
    def after_sync(self, report):
        self.events.append(f"after notes={report['notes']}")


def _index(vault, plugin):
    pm = get_plugin_manager()
    pm.register(plugin, name="recorder")
    return build_index(vault, load_config(vault), pm, TODAY)


def test_pipeline_hooks_flow_one_way(vault, write):
    write("People/Encarnación Ruiz.md", "---\ntype: person\n---\n")
    write("People/Tom Baker.md", "---\ntype: person\n---\n")
    write("Daily/2026-11-20.md", "Videollamada (call) con [[Encar]] y [[Tom Baker|Tom]].\n")
    index = _index(vault, Recorder())
    # name_variants: the plugin's nickname resolves [[Encar]] to the contact.
    assert [m.target for m in index.mentions["Daily/2026-11-20.md"]] == [
        "Encarnación Ruiz",
        "Tom Baker",
    ]
    # extract_interactions → histories; contact_stage → stage.
    encar = index.histories["Encarnación Ruiz"]
    assert encar.last_contact == dt.date(2026, 11, 20)
    assert encar.stage == "voice"
    # suggest → plan_suggestions keeps one for the whole vault.
    assert sum(len(s) for s in index.suggestions.values()) == 1


def test_sync_lifecycle_events(vault, write, run, monkeypatch):
    recorder = Recorder()
    original = get_plugin_manager

    def with_recorder(*args, **kwargs):
        pm = original(*args, **kwargs)
        pm.register(recorder, name="recorder")
        return pm

    monkeypatch.setattr("vinculo.plugin_host.get_plugin_manager", with_recorder)
    write("Daily/2026-11-20.md", "hola")
    assert run("sync", str(vault), "--dry-run").exit_code == 0
    assert recorder.events == ["before dry_run=True", "after notes=1"]


def test_a_contact_not_in_the_vault_is_ignored_by_history(vault, write):
    class Stray:
        @hookimpl
        def extract_interactions(self, note):
            return [Interaction("Nobody", TODAY, "call", note.rel)]

    write("People/Tom Baker.md", "x")
    write("Daily/2026-11-20.md", "x")
    index = _index(vault, Stray())
    assert list(index.histories) == ["Tom Baker"]
    assert index.histories["Tom Baker"].interactions == []


class Withholder:
    """A plugin that withholds every call it is shown."""

    @hookimpl
    def hold_back(self, suggestion, contact, history):
        return "calls are off this month" if suggestion.kind == "call" else None


def test_hold_back_withholds_a_suggestion_before_planning(vault, write):
    write("People/Ana.md", "---\ntype: person\nconnected: 2026-06-01\n---\n")
    write("Daily/2026-10-01.md", "- [[Ana]] liked my post\n")
    pm = get_plugin_manager()
    assert [s.kind for s in build_index(vault, load_config(vault), pm, TODAY).suggestions["Ana"]] \
        == ["call"]
    pm.register(Withholder(), name="withholder")
    assert build_index(vault, load_config(vault), pm, TODAY).suggestions["Ana"] == []
