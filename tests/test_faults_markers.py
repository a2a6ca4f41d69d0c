"""Broken managed-block markers: the contact note is left entirely alone (no block, no link,
no ``vinculo_*`` property), sync says so in one line, and ``doctor`` reports it."""

from __future__ import annotations

import json

import pytest
from conftest import snapshot

START, END = "<!-- vinculo:start -->", "<!-- vinculo:end -->"

BROKEN = {
    "start alone": f"{START}\nmine\n",
    "end alone": f"mine\n{END}\n",
    "two blocks": f"{START}\na\n{END}\n{START}\nb\n{END}\n",
    "nested": f"{START}\n{START}\na\n{END}\n{END}\n",
    "reversed": f"{END}\na\n{START}\n",
    "in a fence": f"```\n{START}\n```\n",
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_contact_with_broken_markers_is_left_alone_and_reported(sample, run, case):
    note = sample / "People" / "Ana García.md"
    # A mention of another contact, which sync would otherwise link, and no vinculo_ property.
    note.write_bytes(note.read_bytes() + f"\nVi a Rodrigo Sanz.\n\n{BROKEN[case]}".encode())
    before = note.read_bytes()
    result = run("sync", str(sample))
    assert result.exit_code == 0, result.output
    assert note.read_bytes() == before  # no property, no link, no block
    lines = [line for line in result.output.splitlines() if "People/Ana García.md" in line]
    assert len(lines) == 1 and "note left untouched" in lines[0], lines
    assert b"vinculo_stage" in (sample / "People/Rodrigo Sanz.md").read_bytes()  # the rest synced
    doctor = json.loads(run("doctor", str(sample), "--json").output)
    said = [p for p in doctor if p["path"] == "People/Ana García.md"]
    assert any(p["message"].startswith("broken block markers:") for p in said), said
    assert "broken block markers" in run("doctor", str(sample)).output


def test_markers_fixed_by_hand_are_synced_again(sample, run):
    note = sample / "People" / "Ana García.md"
    original = note.read_bytes()
    note.write_bytes(original + f"\n{START}\n".encode())
    run("sync", str(sample))
    note.write_bytes(original)
    before = snapshot(sample)
    assert run("sync", str(sample)).exit_code == 0
    assert b"vinculo_stage" in note.read_bytes() and snapshot(sample) != before
    assert not any("Ana García" in p["path"] for p in json.loads(
        run("doctor", str(sample), "--json").output) if "block markers" in p["message"])
