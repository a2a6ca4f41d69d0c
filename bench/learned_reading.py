"""Would a learned reading of interaction sentences carry to unseen voices better than the
reader's rules? A study, not part of ``make bench`` (it needs scikit-learn:
``pip install scikit-learn``).

The reader's rules are tuned on the tuning corpora and read unseen voices less well (see
docs/ladder.md). This script trains a plain linear model — word 1–3-grams and character 2–5-grams
of the sentence with every name blanked, tf-idf weighted, logistic regression — and measures,
leaving one corpus out at a time (each corpus is twelve voices the model has not seen):

- the model alone: events recalled and non-events counted at several thresholds;
- the model as a second reader: of the (event, contact) pairs the rules miss, how many the model
  finds, with the right channel, and how many non-events the rules leave alone that it counts.

Only tuning corpora are used (never a blind one): ``--corpus`` picks them, default all of them.

    python bench/learned_reading.py
    python bench/learned_reading.py --corpus interactions_tuning6 --corpus interactions_tuning7
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

import score_interactions_heldout as corpora  # noqa: E402
from vinculo.default_plugins.interactions.reader import _blank_names  # noqa: E402

from vinculo.config import load_config  # noqa: E402
from vinculo.pipeline import build_index  # noqa: E402
from vinculo.plugin_host import get_plugin_manager  # noqa: E402

TUNING = ("interactions_tuning", "interactions_heldout", "interactions_tuning3",
          "interactions_tuning4", "interactions_heldout4", "interactions_heldout5",
          "interactions_heldout6", "interactions_tuning5", "interactions_tuning6",
          "interactions_tuning7")
THRESHOLDS = (0.7, 0.8, 0.85, 0.9, 0.95)
_WORD = re.compile(r"[^\W\d]+|¤")


def read_corpus(name: str, today: dt.date) -> list[dict]:
    """Each row of corpus ``name`` with its blanked sentence and what the rules read."""
    sentences, extra, _ = corpora.corpus_paths(name)
    rows = corpora.read_corpus(sentences)
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "vault"
        by_note = corpora.build_vault(root, rows, corpora.read_contacts(extra), today)
        index = build_index(root, load_config(root), get_plugin_manager(), today, cache=False)
        read: dict[str, set[str]] = {}
        for history in index.histories.values():
            for interaction in history.interactions:
                read.setdefault(interaction.note, set()).add(interaction.contact)
        for rel, row in by_note.items():
            text = (root / rel).read_text(encoding="utf-8").rstrip("\n")
            # as the reader sees it: every name the linker found blanked, a title before it too
            blanked = _blank_names(text, index.mentions.get(rel, []))
            out.append({"row": row, "blanked": blanked, "read": read.get(rel, set())})
    return out


def _counts(blanked: str) -> tuple[dict[str, int], dict[str, int]]:
    text = re.sub(r"·+", " ¤ ", blanked).lower()
    words = _WORD.findall(text)
    grams: dict[str, int] = {}
    for n in (1, 2, 3):
        for i in range(len(words) - n + 1):
            key = "w " + " ".join(words[i:i + n])
            grams[key] = grams.get(key, 0) + 1
    chars: dict[str, int] = {}
    for word in text.split():
        padded = f" {word} "
        for n in range(2, 6):
            for i in range(len(padded) - n + 1):
                key = "c" + padded[i:i + n]
                chars[key] = chars.get(key, 0) + 1
    return grams, chars


def _features(blanked: str, idf: dict[str, float]) -> dict[str, float]:
    """Sublinear tf-idf, each kind of n-gram normalised on its own."""
    out: dict[str, float] = {}
    for group in _counts(blanked):
        values = {k: (1 + math.log(v)) * idf[k] for k, v in group.items() if k in idf}
        norm = math.sqrt(sum(x * x for x in values.values())) or 1.0
        out.update((k, x / norm) for k, x in values.items())
    return out


def leave_one_out(data: dict[str, list[dict]]) -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    alone = {t: [0, 0, 0, 0] for t in THRESHOLDS}  # pairs found, pairs, non-events counted, non-events
    second = {t: [0, 0, 0, 0] for t in THRESHOLDS}  # misses found, right channel, misses, new counted
    for held, test in data.items():
        train = [r for name, rows in data.items() if name != held for r in rows]
        df: dict[str, int] = {}
        for r in train:
            for group in _counts(r["blanked"]):
                for key in group:
                    df[key] = df.get(key, 0) + 1
        n = len(train)
        idf = {k: math.log((1 + n) / (1 + d)) + 1 for k, d in df.items() if d >= 2}
        vectors = DictVectorizer()
        x = vectors.fit_transform([_features(r["blanked"], idf) for r in train])
        is_event = LogisticRegression(C=4, max_iter=3000, class_weight="balanced").fit(
            x, [r["row"].is_event for r in train])
        events = [i for i, r in enumerate(train) if r["row"].is_event]
        channel = LogisticRegression(C=4, max_iter=3000).fit(
            x[events], [train[i]["row"].channel for i in events])
        xt = vectors.transform([_features(r["blanked"], idf) for r in test])
        p, channels = is_event.predict_proba(xt)[:, 1], channel.predict(xt)
        for r, q, ch in zip(test, p, channels, strict=True):
            row = r["row"]
            missed = [c for c in row.contacts if c not in r["read"]]
            for t in THRESHOLDS:
                if row.is_event:
                    alone[t][0] += len(row.contacts) * (q >= t)
                    alone[t][1] += len(row.contacts)
                    second[t][0] += len(missed) * (q >= t)
                    second[t][1] += len(missed) * (q >= t) * (ch == row.channel)
                    second[t][2] += len(missed)
                else:
                    alone[t][2] += q >= t
                    alone[t][3] += 1
                    second[t][3] += (not r["read"]) and q >= t
        print(f"  left out {held}: {len(test)} sentences", flush=True)
    print("\nthe model alone, each corpus unseen (leave one out):")
    for t, (found, pairs, counted, non) in alone.items():
        print(f"  p ≥ {t:.2f}: events {found}/{pairs} = {found / pairs:.3f}, "
              f"non-events counted {counted}/{non} = {counted / non:.3f}")
    print("the model after the rules (counts only where the rules found nothing):")
    for t, (found, right, misses, new) in second.items():
        non = alone[t][3]
        print(f"  p ≥ {t:.2f}: rules' misses found {found}/{misses} ({right} with the right "
              f"channel), non-events newly counted {new}/{non} = {new / non:.4f}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", choices=TUNING, metavar="NAME",
                        help="a tuning corpus to use (repeatable; default all of them)")
    args = parser.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("this study needs scikit-learn: pip install scikit-learn")
        return 0
    names = args.corpus or list(TUNING)
    if len(names) < 2:
        parser.error("leaving one out needs at least two corpora")
    data = {name: read_corpus(name, corpora.DEFAULT_TODAY) for name in names}
    leave_one_out(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
