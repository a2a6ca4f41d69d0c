"""Where a cold run's time goes: each stage of the pipeline timed on its own, on one core.

Runs in this process, without the cache and without workers, so each figure is the work of
that stage alone: scan (read + parse), contacts, the name matcher's build, mentions,
interactions, stages + suggestions, and the write-back plan. Also prints a digest of the
mentions and interactions found: an optimisation must leave it unchanged.

Usage: ``python bench/stages.py VAULT [--profile STAGE]`` (``--profile mentions`` prints the
top functions of that stage under cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import hashlib
import os
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ["VINCULO_NO_CACHE"] = "1"

from vinculo.config import load_config  # noqa: E402
from vinculo.contacts import build_contacts  # noqa: E402
from vinculo.history import gather_vocabularies  # noqa: E402
from vinculo.linking import Linker  # noqa: E402
from vinculo.pipeline import (  # noqa: E402
    Index,
    assign_stages,
    collect_interactions,
    collect_suggestions,
    note_interactions,
)
from vinculo.plugin_host import get_plugin_manager  # noqa: E402
from vinculo.vault import scan_vault  # noqa: E402
from vinculo.writeback.plan import plan_changes  # noqa: E402


def digest(items: Any) -> str:
    return hashlib.blake2b(repr(items).encode(), digest_size=8).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("vault", type=Path)
    parser.add_argument("--profile", help="a stage to run under cProfile")
    parser.add_argument("--whole", action="store_true",
                        help="run the whole pipeline as a sync does (workers, no cache) and "
                             "print its time and digests: they must equal the stage by stage ones")
    args = parser.parse_args()
    gc.disable()  # as the vinculo command runs (vinculo.cli.main)
    if args.whole:
        return whole(args.vault)
    vault = args.vault
    config = load_config(vault)
    config.data.setdefault("performance", {})["workers"] = 1
    pm = get_plugin_manager()
    state: dict[str, Any] = {}

    def scan() -> None:
        state["scan"] = scan_vault(vault, config)

    def contacts() -> None:
        state["contacts"] = build_contacts(state["scan"].notes, pm, config)
        state["index"] = Index(vault=vault, config=config, today=dt.date(2026, 11, 29),
                               scan=state["scan"], contacts=state["contacts"])

    def matcher() -> None:
        state["linker"] = Linker.for_run(state["contacts"], pm, config)

    def mentions() -> None:
        index, linker = state["index"], state["linker"]
        for note in index.scan.notes:
            found = linker.mentions(note)
            if found:
                index.mentions[note.rel] = found

    def interactions() -> None:
        index = state["index"]
        index.vocabularies = gather_vocabularies(pm)
        state["by_note"] = {n.rel: note_interactions(index, pm, n) for n in index.scan.notes}

    def ladder() -> None:
        index = state["index"]
        collect_interactions(index, state["by_note"])
        assign_stages(index, pm)
        collect_suggestions(index, pm)

    def plan() -> None:
        state["plan"] = plan_changes(state["index"], pm, files=True)

    stages: list[tuple[str, Callable[[], None]]] = [
        ("scan", scan), ("contacts", contacts), ("matcher", matcher), ("mentions", mentions),
        ("interactions", interactions), ("ladder", ladder), ("plan", plan),
    ]
    total = 0.0
    for name, func in stages:
        profiler = cProfile.Profile() if name == args.profile else None
        started = time.perf_counter()
        if profiler:
            profiler.runcall(func)
        else:
            func()
        took = time.perf_counter() - started
        total += took
        print(f"{name:>13} {took:7.3f} s")
        if profiler:
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(25)
    print(f"{'total':>13} {total:7.3f} s")
    index = state["index"]
    print(f"notes {len(index.scan.notes)}, contacts {len(index.contacts)}, "
          f"mentions {sum(map(len, index.mentions.values()))}, "
          f"interactions {sum(map(len, state['by_note'].values()))}")
    print("digest mentions", digest(sorted(index.mentions.items())))
    print("digest interactions", digest(sorted(state["by_note"].items())))
    print("digest plan", digest(sorted((c.rel, c.after) for c in state["plan"][0])))


def whole(vault: Path) -> None:
    from vinculo.pipeline import build_index

    config = load_config(vault)
    pm = get_plugin_manager()
    started = time.perf_counter()
    index = build_index(vault, config, pm, dt.date(2026, 11, 29), cache=False)
    changes = plan_changes(index, pm, files=True)[0]
    print(f"{'whole':>13} {time.perf_counter() - started:7.3f} s")
    print("digest mentions", digest(sorted(index.mentions.items())))
    print("digest plan", digest(sorted((c.rel, c.after) for c in changes)))


if __name__ == "__main__":
    main()
