"""Who is drifting (:func:`vinculo.drift.drifting`), through the real pipeline: the rule the
digest's drifting section and ``vinculo who --drifting`` share."""

from __future__ import annotations

import json
from pathlib import Path


def _drifting(run, vault: Path) -> dict[str, str]:
    rows = json.loads(run("who", str(vault), "--json").output)["people"]
    return {row["name"]: row["drifting"] for row in rows if row["drifting"]}


def test_drift_is_a_real_contact_older_than_the_cadence(vault, write, run):
    write("People/Ana.md", "---\ntype: person\ntier: close\n---\n")       # 30 days
    write("People/Bea.md", "---\ntype: person\ncadence: 2w\n---\n")       # 14 days
    write("People/Cris.md", "---\ntype: person\ntier: close\n---\n")
    write("People/Dani.md", "---\ntype: person\n---\n")                   # casual: 90 days
    write("People/Eli.md", "---\ntype: person\ntier: close\nsnooze_until: 2027-01-01\n---\n")
    write("People/Fran.md", "---\ntype: person\ntier: close\n---\n")
    write("Daily/2026-10-30.md", "Had coffee with [[Ana]]. Called [[Cris]]. Met [[Eli]].\n")
    write("Daily/2026-11-15.md", "Called [[Bea]].\n")
    write("Daily/2026-10-29.md", "Messaged [[Fran]].\n")
    write("Daily/2026-11-25.md", "Liked a post by [[Fran]].\n")  # a like is not a conversation
    found = _drifting(run, vault)
    assert "Ana" not in found  # 30 days ago, every 30 days: due today, not late yet
    assert "Cris" not in found
    assert "Dani" not in found  # never really talked to: nothing to drift from
    assert "Eli" not in found  # snoozed
    assert "Bea" not in found  # 14 days, every two weeks
    assert found["Fran"] == ("last real contact 2026-10-29, 31 days ago; every 30 days (close): "
                             "1 day late")
