"""The sample vault's cast: every history as docs/sample_vault.md describes it."""

from __future__ import annotations

import json

import pytest

# name: (stage, last_contact, last_in_person, counts social/message/call/in_person)
CAST = {
    "Miguel Ángel Navarro Ibáñez": ("online", "2026-10-30", None, (2, 3, 0, 0)),
    "Antonio Castillo": ("dormant", "2025-07-03", None, (2, 0, 0, 0)),
    "Rodrigo Sanz": ("online", "2026-11-24", None, (4, 2, 0, 0)),
    "Encarnación Moreno Gil": ("in_person", "2026-11-18", "2026-11-14", (1, 1, 1, 1)),
    "Ana García": ("in_person", "2026-11-18", "2026-05-20", (0, 4, 1, 2)),
    "Ana Torres": ("voice", "2026-10-21", None, (0, 1, 2, 0)),
    "Lucía Fernández Ortega": ("in_person", "2026-11-25", "2026-11-20", (0, 1, 1, 3)),
    "Tom Whitaker": ("voice", "2026-11-10", None, (0, 1, 2, 0)),
    "Rosa Delgado": ("in_person", "2026-09-12", "2026-03-27", (0, 1, 0, 1)),
    "Inês Carvalho": ("radar", None, None, (0, 0, 0, 0)),
    "Valeria Ríos": ("online", "2026-11-24", None, (1, 4, 0, 0)),
    "José Romero": ("in_person", "2026-10-21", "2026-10-08", (0, 1, 0, 1)),
}


@pytest.fixture
def rows(sample, run):
    return {r["name"]: r for r in json.loads(run("contacts", str(sample), "--json").output)}


@pytest.mark.parametrize("name", sorted(CAST))
def test_sample_cast_history(rows, name):
    stage, last, in_person, counts = CAST[name]
    row = rows[name]
    assert (row["stage"], row["last_contact"], row["last_in_person"]) == (stage, last, in_person)
    assert tuple(row["counts"][c] for c in ("social", "message", "call", "in_person")) == counts


def test_sample_stage_counts(rows):
    stages = [r["stage"] for r in rows.values()]
    assert {s: stages.count(s) for s in set(stages)} == {
        "radar": 1, "online": 3, "voice": 2, "in_person": 5, "dormant": 1
    }


def test_sample_two_way_relationships(rows):
    """Valeria never answers; Ana García was last met in spring and only messaged since; the
    open loops of the daily notes are listed under the people they name."""
    valeria = rows["Valeria Ríos"]
    assert valeria["directions"]["message"] == {"out": 4, "in": 0, "both": 0}
    assert valeria["last_reply"] == "2026-08-27"
    assert [s["kind"] for s in valeria["suggestions"]] == ["gentle"]
    assert "3 messages since 2026-10-30, no reply: give them room" in valeria["suggestions"][0]["why"]
    ana = rows["Ana García"]
    assert [s["kind"] for s in ana["suggestions"]] == ["meet_again"]
    assert "2026-03-01" <= ana["last_in_person"] <= "2026-05-31"  # met last spring
    assert "last met 2026-05-20" in ana["suggestions"][0]["why"]
    # Only messages since (no call, no online interaction), the last one named by its date.
    assert "since then 4 messages, last 2026-11-18" in ana["suggestions"][0]["why"]
    assert ana["directions"]["message"] == {"out": 1, "in": 2, "both": 1}
    assert [loop["text"] for loop in valeria["open_loops"]] == ["Enviar la factura a Valeria"]
    assert [loop["note"] for loop in rows["Inês Carvalho"]["open_loops"]] == ["Daily/2026-11-26.md"]
