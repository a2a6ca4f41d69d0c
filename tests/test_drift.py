"""Who is drifting (:func:`vinculo.rhythm.drifting_why`), through the real pipeline: the ladder's
test of drift against each person's own rhythm, shared by the digest and ``who --drifting``."""

from __future__ import annotations

import json
from pathlib import Path


def _drifting(run, vault: Path) -> dict[str, str]:
    rows = json.loads(run("who", str(vault), "--json").output)["people"]
    return {row["name"]: row["drifting"] for row in rows if row["drifting"]}


def test_drift_is_silence_well_past_their_own_usual_gap(vault, write, run):
    weekly = ["2026-10-11", "2026-10-18", "2026-10-25", "2026-11-01"]
    for name in ("Ana", "Bea", "Eli"):
        write(f"People/{name}.md", "---\ntype: person\n"
              + ("snooze_until: 2027-01-01\n" if name == "Eli" else "") + "---\n")
    write("People/Dani.md", "---\ntype: person\n---\n")
    for day in weekly:  # Ana and Eli: weekly coffees that stopped four weeks ago
        write(f"Daily/{day}.md", "Had coffee with [[Ana]]. Had coffee with [[Eli]].\n")
    for day in ["2026-11-08", "2026-11-15", "2026-11-22", "2026-11-26"]:
        write(f"Daily/{day}.md", "Had coffee with [[Bea]].\n")  # Bea keeps her rhythm
    found = _drifting(run, vault)
    assert found == {"Ana": "last real contact 2026-11-01; usually every 7 days, drifting "
                            "after 14"}  # Bea on rhythm, Dani never talked to, Eli snoozed
