"""Generated vaults whose truth is every event and every trap (bench/historygen.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture
def score_history(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    import score_history

    yield score_history
    sys.modules.pop("score_history", None)
    sys.modules.pop("historygen", None)


@pytest.mark.parametrize("seed", [3, 5])
def test_last_dates_exact_and_nothing_counted_from_intentions(score_history, seed):
    result = score_history.run_one(contacts=30, days=120, seed=seed)
    mine = result["vinculo"]
    assert mine["last_contact_exact"] >= 0.98
    assert mine["last_in_person_exact"] >= 0.98
    assert mine["interactions_from_non_events"] == 0
    # The traps are real: a keyword matcher falls into them on the same vault.
    assert result["keyword_baseline"]["interactions_from_non_events"] > 0
