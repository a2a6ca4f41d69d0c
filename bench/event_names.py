"""How many event sentences' contact names the linker finds, on a hand-labelled corpus.

An interaction can only be filed under a contact the linker found in its sentence, so the share
of (event sentence, contact) pairs whose name is found caps event recall whatever the reader
does. This prints that share for each corpus named (default: the tuning corpora, never a blind
one), split by the level the name was found at (a link, or a suggestion the history rests on),
and with ``--verbose`` every name missed with its sentence id.

Corpora and their vaults are built exactly as ``score_interactions_heldout.py`` builds them
(each sentence alone in its own daily note; the contacts of ``sample_vault/People`` plus the
corpus's own), through vinculo's real pipeline.

Usage: ``python bench/event_names.py [--corpus NAME ...] [--verbose] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_interactions_heldout import (  # noqa: E402  (a sibling script)
    DEFAULT_TODAY,
    build_vault,
    corpus_paths,
    read_contacts,
    read_corpus,
)

from vinculo.config import load_config  # noqa: E402
from vinculo.pipeline import build_index  # noqa: E402
from vinculo.plugin_host import get_plugin_manager  # noqa: E402

TUNING = ("interactions_tuning5", "interactions_heldout6", "interactions_heldout5",
          "interactions_heldout4", "interactions_tuning3", "interactions_tuning4",
          "interactions_tuning", "interactions_heldout")


def measure(corpus: str) -> dict[str, object]:
    """Found / total (event sentence, contact) pairs of ``corpus``, by level, and the misses."""
    sentences, extra, _ = corpus_paths(corpus)
    rows = [r for r in read_corpus(sentences) if r.is_event]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "vault"
        by_note = build_vault(root, rows, read_contacts(extra), DEFAULT_TODAY)
        index = build_index(root, load_config(root), get_plugin_manager(), DEFAULT_TODAY,
                            cache=False)
    total = linked = suggested = 0
    missed: list[str] = []
    for rel, row in by_note.items():
        mentions = index.mentions.get(rel, [])
        for contact in row.contacts:
            total += 1
            levels = {m.level for m in mentions
                      if m.target == contact or contact in m.candidates}
            if "link" in levels:
                linked += 1
            elif levels:
                suggested += 1
            else:
                missed.append(f"{row.id}  [{contact}]  {row.sentence!r}")
    return {"corpus": corpus, "found": linked + suggested, "total": total, "linked": linked,
            "suggested": suggested, "rate": round((linked + suggested) / total, 4) if total else None,
            "missed": missed}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", metavar="NAME",
                        help=f"corpus file stem in bench/ (repeatable; default: {', '.join(TUNING)})")
    parser.add_argument("--verbose", action="store_true", help="list every name missed")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    results = []
    for corpus in args.corpus or TUNING:
        if not corpus_paths(corpus)[0].is_file():
            parser.error(f"no corpus file {corpus}.tsv in bench/")
        results.append(measure(corpus))
    if args.json:
        print(json.dumps(results, indent=1, ensure_ascii=False))
        return 0
    print(f"{'corpus':<24}{'found':>12}{'rate':>8}{'linked':>8}{'suggested':>11}")
    for r in results:
        print(f"{r['corpus']:<24}{r['found']:>6}/{r['total']:<5}{r['rate']:>8.3f}"
              f"{r['linked']:>8}{r['suggested']:>11}")
    if args.verbose:
        for r in results:
            missed = r["missed"]
            assert isinstance(missed, list)
            print(f"\n{r['corpus']}: {len(missed)} name(s) missed")
            for line in missed:
                print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
