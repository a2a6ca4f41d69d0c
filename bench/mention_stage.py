"""The mentions stage alone, in processor time, against earlier versions of the code.

Each measure is a fresh process, as a worker of a cold run is: read the vault, build its
contacts and the name matcher, then find the mentions of every note once; the processor time
of that last step is the figure (the matcher's build is printed apart; the vocabularies,
which a worker gets compiled from its parent, are compiled before). With ``--baseline
[LABEL=]SRC`` (a ``src`` folder of another version, e.g. from ``git archive``, its plugins as
``vinculo/default_plugins``) a process of that code is measured the same way, the versions
alternating round by round so each sees the same machine; the ratios to each baseline are per round, then
their median and range. A digest of the mentions found is printed per version: a change that
only makes the stage faster leaves this code's unchanged (versions that find other mentions
differ, and say so).

Usage: ``python bench/mention_stage.py VAULT [--rounds 5] [--baseline [LABEL=]SRC ...]``
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve()


def one(vault: Path) -> dict[str, object]:
    """Build what the stage needs, then time it: this process's code, whatever it is."""
    import gc
    import hashlib
    import time

    os.environ["VINCULO_NO_CACHE"] = "1"
    from vinculo.config import load_config
    from vinculo.contacts import build_contacts
    from vinculo.linking import Linker
    from vinculo.vault import scan_vault

    try:  # the module's name changed between versions
        from vinculo.plugins import get_plugin_manager  # type: ignore[import-not-found]
    except ImportError:
        from vinculo.plugin_host import get_plugin_manager

    gc.disable()  # as the vinculo command runs
    config = load_config(vault)
    config.data.setdefault("performance", {})["workers"] = 1  # read here: nothing else runs
    pm = get_plugin_manager()
    notes = scan_vault(vault, config).notes
    for note in notes:
        note.text  # noqa: B018  (decoded before the measure: a worker has its notes decoded)
    contacts = build_contacts(notes, pm, config)
    try:  # the titles that continue past a name, and the link paths, as a worker has them
        from vinculo.linking import link_paths
        from vinculo.linking.titles import continuing_titles
    except ImportError:  # a version before them
        extra: tuple[object, ...] = ()
    else:
        extra = (continuing_titles(contacts, (n.title for n in notes)),
                 link_paths((n.rel for n in notes), contacts))
    try:  # a worker has the vocabularies compiled by its parent (a name in lowercase asks them)
        from vinculo.history import compile_vocabularies, gather_vocabularies
    except ImportError:  # a version before them
        pass
    else:
        compile_vocabularies(gather_vocabularies(pm))
    started = time.process_time()
    linker = Linker.for_run(contacts, pm, config, *extra)
    build = time.process_time() - started
    found = {}
    started = time.process_time()
    for note in notes:
        mentions = linker.mentions(note)
        if mentions:
            found[note.rel] = mentions
    took = time.process_time() - started
    digest = hashlib.blake2b(repr(sorted(found.items())).encode(), digest_size=8).hexdigest()
    return {"mentions": took, "matcher": build, "count": sum(map(len, found.values())),
            "digest": digest}


def run(vault: Path, src: str | None) -> dict[str, object]:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
        env["MENTION_STAGE_ONLY_SRC"] = "1"
    out = subprocess.run([sys.executable, str(HERE), str(vault), "--one"], env=env,
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("vault", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline", action="append", default=[], metavar="[LABEL=]SRC")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.vault)))
        return
    versions: list[tuple[str, str | None]] = [("this code", None)]
    for item in args.baseline:
        label, _, src = item.rpartition("=")
        versions.append((label or Path(src).parent.name, src))
    seen: dict[str, list[dict[str, object]]] = {label: [] for label, _ in versions}
    for round_ in range(args.rounds):
        order = versions if round_ % 2 == 0 else versions[::-1]
        for label, src in order:
            got = run(args.vault, src)
            seen[label].append(got)
            print(f"round {round_ + 1} {label:>12}: mentions {got['mentions']:.3f} s, "
                  f"matcher {got['matcher']:.3f} s, {got['count']} found, "
                  f"digest {got['digest']}", flush=True)
    print()
    mine = [float(r["mentions"]) for r in seen["this code"]]  # type: ignore[arg-type]
    for label, _ in versions:
        times = [float(r["mentions"]) for r in seen[label]]  # type: ignore[arg-type]
        line = (f"{label:>12}: median {statistics.median(times):.3f} s "
                f"({min(times):.3f}–{max(times):.3f})")
        if label != "this code":
            ratios = [a / b for a, b in zip(mine, times, strict=True)]
            line += (f"; this ÷ {label}, per round {statistics.median(ratios):.2f} "
                     f"({min(ratios):.2f}–{max(ratios):.2f})")
        print(line)


if __name__ == "__main__":
    if os.environ.get("MENTION_STAGE_ONLY_SRC"):
        # An editable install of this code would fill in the modules another version lacks.
        sys.meta_path[:] = [f for f in sys.meta_path
                            if "Editable" not in getattr(f, "__name__", type(f).__name__)]
    main()
