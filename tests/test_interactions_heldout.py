"""The held-out corpus of interaction sentences and its scorer (bench/score_interactions_heldout.py).

The figures themselves are a benchmark, not a test; these tests keep the corpus well formed and
the scorer honest about what it counts.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
TODAY = dt.date(2026, 11, 29)


@pytest.fixture
def heldout(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    import score_interactions_heldout

    yield score_interactions_heldout
    sys.modules.pop("score_interactions_heldout", None)


CORPORA = ("interactions_heldout2", "interactions_heldout")


@pytest.mark.parametrize("name", CORPORA)
def test_corpus_is_large_balanced_and_labelled(heldout, name):
    corpus, extra, _ = heldout.corpus_paths(name)
    rows = heldout.read_corpus(corpus)
    people = heldout.read_contacts(extra)
    assert len(rows) >= (340 if name == heldout.DEFAULT_CORPUS else 320)
    assert len({r.id for r in rows}) == len(rows)
    langs = Counter(r.lang for r in rows)
    assert set(langs) == {"en", "es"} and abs(langs["en"] - langs["es"]) <= len(rows) // 10
    events = [r for r in rows if r.is_event]
    assert 0.55 <= len(events) / len(rows) <= 0.65
    for lang in ("en", "es"):  # every channel and direction, in both languages
        mine = [r for r in events if r.lang == lang]
        assert {r.channel for r in mine} == {"social", "message", "call", "in_person"}
        assert {r.direction for r in mine} == {"out", "in", "both"}
    for r in rows:
        assert r.contacts and all(c in people for c in r.contacts), r.id
        if r.is_event:
            assert r.channel in {"social", "message", "call", "in_person"}, r.id
            assert r.direction in {"out", "in", "both"}, r.id
            assert r.channel != "in_person" or r.direction == "both", r.id
        else:
            assert not r.channel and not r.direction, r.id


def test_blind_corpus_is_the_default_and_shares_no_sentence_with_the_first(heldout):
    assert heldout.DEFAULT_CORPUS == "interactions_heldout2"
    first = {r.sentence.casefold() for r in heldout.read_corpus(heldout.corpus_paths(CORPORA[1])[0])}
    second = heldout.read_corpus(heldout.corpus_paths(CORPORA[0])[0])
    assert sum(r.sentence.casefold() in first for r in second) == 0


def test_unknown_corpus_is_a_one_line_error(heldout, capsys):
    with pytest.raises(SystemExit) as exc:
        heldout.main(["--corpus", "no_such_corpus"])
    assert exc.value.code == 2
    assert "no corpus file no_such_corpus.tsv" in capsys.readouterr().err


def test_scorer_counts_recall_misses_and_false_positives(heldout, tmp_path):
    rows = [
        heldout.Row("t-1", "en", "Had coffee with Priya Raman in Soho", ("Priya Raman",), True,
                    "in_person", "both", ""),
        # Labelled an event on purpose: it must count as a miss whose name was found.
        heldout.Row("t-2", "en", "Priya Raman writes a great newsletter", ("Priya Raman",), True,
                    "message", "out", ""),
        heldout.Row("t-3", "en", "- [ ] Call Priya Raman", ("Priya Raman",), False, "", "", ""),
    ]
    by_note = heldout.build_vault(tmp_path / "vault", rows, {"Priya Raman": []}, TODAY)
    assert sorted(by_note) == ["Daily/2026-11-26.md", "Daily/2026-11-27.md", "Daily/2026-11-28.md"]
    result = heldout.figures(heldout.score(by_note, *heldout.read_vault(tmp_path / "vault", TODAY)))
    mine = result["all"]
    assert (mine["recall"]["hits"], mine["recall"]["total"]) == (1, 2)
    assert (mine["name_found"]["hits"], mine["name_found"]["total"]) == (2, 2)
    assert (mine["channel"]["hits"], mine["channel"]["total"]) == (1, 1)
    assert (mine["false_positives"]["hits"], mine["false_positives"]["total"]) == (0, 1)
    assert set(result) == {"all", "en"}


def test_wilson_interval_is_honest_at_the_edges(heldout):
    lo, hi = heldout.wilson(10, 10)
    assert hi == 1.0 and 0.69 < lo < 0.73  # 10/10 does not prove a rate of 1
    lo, hi = heldout.wilson(0, 132)
    assert lo == 0.0 and 0.02 < hi < 0.03
    assert heldout.wilson(0, 0) == (0.0, 1.0)
