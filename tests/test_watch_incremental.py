"""The incremental path must agree with a full sync: same mentions, histories, suggestions.

Run on a copy of the sample vault with every built-in plugin, after the kinds of edits the
watcher sees: an interaction appended, a note created, a note deleted, a contact renamed.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from vinculo.config import load_config
from vinculo.pipeline import Index, build_index
from vinculo.plugin_host import get_plugin_manager
from vinculo.watch.incremental import LiveIndex

TODAY = dt.date(2026, 11, 29)


def same(live: LiveIndex, vault: Path) -> None:
    config = load_config(vault)
    full: Index = build_index(vault, config, live.pm, TODAY, cache=False)  # the plain truth
    got = live.index
    assert sorted(got.contacts) == sorted(full.contacts)
    assert {r: m for r, m in got.mentions.items() if m} == {
        r: m for r, m in full.mentions.items() if m}
    for name in full.contacts:
        assert got.histories[name].interactions == full.histories[name].interactions, name
        assert got.histories[name].stage == full.histories[name].stage, name
        assert got.histories[name].open_loops == full.histories[name].open_loops, name
        assert got.histories[name].drift == full.histories[name].drift, name
        assert got.suggestions.get(name, []) == full.suggestions.get(name, []), name


@pytest.mark.parametrize("cache", ["cache", "no cache"])
def test_incremental_updates_match_a_full_rebuild(sample: Path, cache: str, monkeypatch) -> None:
    if cache == "no cache":
        monkeypatch.setenv("VINCULO_NO_CACHE", "1")
    config = load_config(sample)
    live = LiveIndex(sample, config, get_plugin_manager(blocked=config.disabled_plugins), TODAY)
    live.load()
    same(live, sample)
    people = sorted((sample / "People").glob("*.md"))
    first, second = people[0].stem, people[1].stem
    dailies = sorted((sample / "Daily").glob("*.md"))

    with dailies[-1].open("a", encoding="utf-8") as f:
        f.write(f"\nHad coffee with [[{first}]] today.\nLlamé a {second} por teléfono.\n")
    update = live.update([dailies[-1].relative_to(sample).as_posix()])
    assert update.changed and first in update.contacts
    same(live, sample)

    new = sample / "Daily" / "2026-11-29.md"
    new.write_text(f"Lunch with [[{second}]].\n", encoding="utf-8")
    live.update(["Daily/2026-11-29.md"])
    same(live, sample)

    # An open loop written, then ticked: their history follows.
    new.write_text(f"Lunch with [[{second}]].\n- [ ] send {first} the slides\n", encoding="utf-8")
    update = live.update(["Daily/2026-11-29.md"])
    assert first in update.contacts
    assert [lp.text for lp in live.index.histories[first].open_loops][-1] == \
        f"send {first} the slides"
    same(live, sample)
    new.write_text(f"Lunch with [[{second}]].\n- [x] send {first} the slides\n", encoding="utf-8")
    live.update(["Daily/2026-11-29.md"])
    same(live, sample)

    dailies[0].unlink()
    update = live.update([dailies[0].relative_to(sample).as_posix()])
    assert update.deleted
    same(live, sample)

    os.replace(people[2], people[2].with_name("Renamed Person.md"))
    update = live.update([people[2].relative_to(sample).as_posix(), "People/Renamed Person.md"])
    assert update.everything
    same(live, sample)

    assert live.update(["Daily/2026-11-29.md"]).unchanged == ["Daily/2026-11-29.md"]

    # A watcher started later loads from the index cache: the same result.
    again = LiveIndex(sample, config, live.pm, TODAY)
    again.load()
    same(again, sample)
