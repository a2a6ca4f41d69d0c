"""``vinculo who``: people queries with forgiving matching, as a table, as JSON, and as the
palette's "who do I know in…" command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import snapshot


@pytest.fixture
def people(vault: Path, write) -> Path:
    write("People/Ana Lima.md", "---\ntype: person\ncity: Lisbon, Portugal\ncompany: \"[[Acme Corp]]\"\n"
                                "tier: close\ntags: [work/acme, friends]\nmet_via: Web Summit\n---\n")
    write("People/Bruno Costa.md", "---\ntype: person\ncity: Lisboa\ncompany: Maré Digital\n"
                                   "met_via: LinkedIn\n---\n")
    write("People/Carla Dias.md", "---\ntype: person\ncity: Málaga\ncompany: Acme Corp\n"
                                  "tags: '#friends'\nmet_via: Ana Lima\n---\n")
    write("People/Dora Bern.md", "---\ntype: person\ncity: Bern\nrole: Product lead at Acme\n---\n")
    write("People/Eva Prato.md", "---\ntype: person\ncity: Prato\n---\n")
    write("Daily/2026-09-01.md", "Had coffee with [[Ana Lima]].\n")  # close: drifting, due
    write("Daily/2026-11-20.md", "Called [[Carla Dias]] about the workshop.\n")
    return vault


def _names(run, vault: Path, *args: str) -> list[str]:
    result = run("who", str(vault), *args, "--json")
    assert result.exit_code == 0, result.output
    return [row["name"] for row in json.loads(result.output)["people"]]


@pytest.mark.parametrize(("query", "expected"), [
    ("Lisbon", ["Ana Lima", "Bruno Costa"]),       # one word of "Lisbon, Portugal"; Lisboa
    ("LISBOA", ["Ana Lima", "Bruno Costa"]),       # any case, the other language's spelling
    ("malaga", ["Carla Dias"]),                     # without the accent
    ("Berlin", []),                                 # close to Bern, but another city
    ("Porto", []),                                  # close to Prato, but another city
])
def test_cities_match_without_accents_case_or_exact_spelling(people, run, query, expected):
    assert _names(run, people, "--city", query) == expected


def test_companies_tags_and_how_you_met(people, run):
    assert _names(run, people, "--company", "acme") == ["Ana Lima", "Carla Dias"]  # a [[link]] too
    assert _names(run, people, "--company", "acme crop") == ["Ana Lima", "Carla Dias"]  # typo
    assert _names(run, people, "--company", "mare digital") == ["Bruno Costa"]
    assert _names(run, people, "--tag", "work") == ["Ana Lima"]  # a parent of work/acme
    assert _names(run, people, "--tag", "#Friends") == ["Ana Lima", "Carla Dias"]
    assert _names(run, people, "--met-via", "linkedin") == ["Bruno Costa"]
    assert _names(run, people, "--met-via", "websummit") == ["Ana Lima"]  # a typo
    assert _names(run, people, "--in", "acme") == ["Ana Lima", "Carla Dias", "Dora Bern"]


def test_filters_combine_and_repeated_values_are_alternatives(people, run):
    assert _names(run, people, "--city", "lisbon", "--company", "acme") == ["Ana Lima"]
    assert _names(run, people, "--city", "malaga", "--city", "bern") == ["Carla Dias", "Dora Bern"]
    assert _names(run, people, "--stage", "in person") == ["Ana Lima"]
    assert _names(run, people, "--stage", "voice", "--stage", "radar") == [
        "Bruno Costa", "Carla Dias", "Dora Bern", "Eva Prato"]
    assert _names(run, people, "--drifting") == ["Ana Lima"]
    due = _names(run, people, "--due")
    week = json.loads(run("suggest", str(people), "--week", "--json").output)["suggestions"]
    assert "Ana Lima" in due and "Carla Dias" not in due  # called nine days ago: nothing yet
    assert due == sorted({s["contact"] for s in week})  # the people `suggest --week` lists
    assert _names(run, people, "--city", "lisbon", "--drifting", "--due") == ["Ana Lima"]


def test_json_rows_say_where_who_and_what_next(people, run):
    data = json.loads(run("who", str(people), "--city", "lisbon", "--json").output)
    assert data["query"] == "city ~ lisbon" and data["today"] == "2026-11-29"
    ana = data["people"][0]
    assert ana["company"] == "[[Acme Corp]]" and ana["tags"] == ["work/acme", "friends"]
    assert ana["stage"] == "in_person" and ana["last_contact"] == "2026-09-01"
    assert ana["next_step"]["text"] == "See Ana Lima again in Lisbon, Portugal"
    assert ana["drifting"] == ("last real contact 2026-09-01; every 30 days for their tier, "
                              "drifting after 60")
    assert ana["url"] == "obsidian://open?vault=vault&file=People%2FAna%20Lima"


def test_the_table_and_nobody_found(people, run):
    before = snapshot(people)
    out = run("who", str(people), "--city", "lisboa").output
    assert "2 people · city ~ lisboa" in out and "Ana Lima" in out and "Bruno Costa" in out
    assert "Carla" not in out
    assert run("who", str(people), "--city", "Tokyo").output.strip() == "Nobody found (city ~ Tokyo)."
    assert snapshot(people) == before  # a query writes nothing


def test_an_unknown_stage_is_a_clear_usage_error(people, run):
    result = run("who", str(people), "--stage", "friends")
    assert result.exit_code == 2
    assert "unknown stage 'friends': one of radar, online, voice, in_person, dormant" in result.output


def test_the_palette_asks_who_do_i_know_in_lisbon(people, run):
    listed = run("commands", "--json")
    assert "who-do-i-know" in listed.output
    result = run("run", "who-do-i-know", str(people), "-p", "in=Lisbon")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "2 people in Lisbon:"
    assert lines[1] == ("- Ana Lima (Lisbon, Portugal · [[Acme Corp]] · in_person): "
                        "See Ana Lima again in Lisbon, Portugal, 2026-10-01")
    assert lines[2] == "  obsidian://open?vault=vault&file=People%2FAna%20Lima"
    assert lines[3].startswith("- Bruno Costa (Lisboa · Maré Digital · radar)")
    nobody = run("run", "who-do-i-know", str(people), "-p", "in=Tokyo")
    assert nobody.output.strip() == "Nobody found in 'Tokyo'."
