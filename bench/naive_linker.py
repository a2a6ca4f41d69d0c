"""The naive linker: rapidfuzz ``partial_ratio`` of every contact name against every note.

This is what a first attempt at fuzzy mentions looks like (patterns × text). It is too slow to
run over a whole large vault, so it runs on a sample of notes and the time is extrapolated
linearly to all notes (it is exactly linear in the number of notes). Prints JSON.
"""

from __future__ import annotations

import json
import os
import sys
import time

import frontmatter
from rapidfuzz import fuzz


def main(vault: str, sample: int) -> None:
    people, notes = [], []
    for folder, dirs, files in os.walk(vault):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.endswith(".md"):
                continue
            path = os.path.join(folder, name)
            if os.path.basename(folder) == "People":
                people.append(name[:-3])
            else:
                notes.append(path)
    notes.sort()
    chosen = notes[:: max(1, len(notes) // sample)][:sample]
    started = time.perf_counter()
    hits = 0
    for path in chosen:
        with open(path, encoding="utf-8") as handle:
            text = frontmatter.loads(handle.read()).content
        for person in people:
            if fuzz.partial_ratio(person, text) >= 90:
                hits += 1
    elapsed = time.perf_counter() - started
    estimate = elapsed * len(notes) / max(1, len(chosen))
    print(json.dumps({"sampled": len(chosen), "notes": len(notes), "contacts": len(people),
                      "sample_seconds": elapsed, "estimated_seconds": estimate, "hits": hits}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 200)
