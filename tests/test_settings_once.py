"""Each ladder default is written once (vinculo.ladder_settings) and suggestions are shown
in one order (vinculo.model.suggestion_order): a second copy is how they drift apart."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CODE = [p for root in ("src/vinculo", "plugins") for p in sorted((REPO / root).rglob("*.py"))]


def _sources() -> dict[str, str]:
    return {str(p.relative_to(REPO)): p.read_text(encoding="utf-8") for p in CODE}


def test_no_ladder_threshold_is_read_with_a_default_of_its_own():
    from vinculo.ladder_settings import LadderSettings

    names = "|".join(f.name for f in dataclasses.fields(LadderSettings))
    reread = re.compile(rf"""["'](?:ladder\.)?(?:{names})["']\s*,""")
    found = [f"{rel}: {m[0]}" for rel, text in _sources().items()
             if not rel.endswith("ladder_settings.py") for m in reread.finditer(text)]
    assert found == [], "read LadderSettings (ladder_settings(config)) instead"


def test_suggestions_are_sorted_by_the_one_order():
    copies = [rel for rel, text in _sources().items()
              if re.search(r"key=lambda s: \(s\.due, s\.priority", text)]
    assert copies == [], "sort suggestions with vinculo.model.suggestion_order"


def test_suggest_and_the_digest_list_the_week_in_the_same_order(sample, run):
    steps = json.loads(run("suggest", str(sample), "--week", "--json").output)["suggestions"]
    digest = json.loads(run("digest", str(sample), "--week", "--json").output)
    mine = [(s["contact"], s["kind"]) for s in steps]
    assert len(mine) > 3
    assert mine == [(s["contact"], s["kind"]) for s in digest["steps"]]
