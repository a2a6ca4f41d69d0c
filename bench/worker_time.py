"""Where the workers of a cold analysis spend their processor time, part by part, against
other versions of the code.

Each round runs ``sync --dry-run`` with no state on a synced copy of a generated vault (the
cold analysis of ``bench/first_run.py``), once per version, the versions' order alternating
between rounds. In each forked worker, the processor time (``time.process_time``) of each part
of its work is summed: reading and parsing its share of the notes, what it loads while it
waits for the contacts, the setup of the analysis (the name matcher's build apart), then for
each note its mentions, its interactions, packing the result and (this code only) planning
its link edit. What is left of the worker's time — the contacts received, the results sent —
is "rest". The main process's own processor time is printed beside them. Two clock reads per
part and note (about 0.03 s per worker) are counted in the parts.

Usage: ``python bench/worker_time.py [--notes 10000 --contacts 1000] [--rounds 3]
[--baseline [LABEL=]SRC ...]`` (``SRC``: a ``src`` folder of another version, as for
``bench/first_run.py``; versions of the code before the workers kept their notes have no
such parts to time).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PARTS = ("read", "meanwhile", "setup", "matcher", "mentions", "interactions", "pack",
         "link edit", "rest", "workers", "main")
_WORKERS = ("_two_step_worker", "_crew_member")  # the worker's function, now and before


def _child(out: Path, argv: list[str]) -> None:
    """Run ``vinculo ARGV`` here, each forked worker writing its parts to ``out``."""
    import multiprocessing
    import multiprocessing.util
    import resource
    import runpy

    spent: dict[str, float] = {}
    clock = time.process_time

    def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = clock()
            try:
                return func(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + clock() - started
        return wrapper

    def in_worker(_: object) -> None:
        process = multiprocessing.current_process()
        if getattr(process._target, "__name__", "") not in _WORKERS:  # type: ignore[attr-defined]
            return
        started = clock()
        args = list(process._args)  # type: ignore[attr-defined]
        # (conn, parent_ends, first, second, meanwhile, items, offset, step)
        args[2] = timed("read", args[2])
        args[3] = timed("setup", args[3])  # the analysis's setup: the rest is per note
        if args[4] is not None:
            args[4] = timed("meanwhile", args[4])
        process._args = tuple(args)  # type: ignore[attr-defined]
        pipeline = sys.modules["vinculo.pipeline"]
        linker = sys.modules["vinculo.linking.linker"]
        linker.Linker.mentions = timed("mentions", linker.Linker.mentions)  # type: ignore[method-assign]
        linker.Linker.for_run = classmethod(  # type: ignore[method-assign,assignment]
            timed("matcher", linker.Linker.for_run.__func__))
        for name, attr in (("interactions", "note_interactions"), ("pack", "pack_analysis"),
                           ("link edit", "link_edit")):
            if hasattr(pipeline, attr):
                setattr(pipeline, attr, timed(name, getattr(pipeline, attr)))

        def write() -> None:
            spent["workers"] = clock() - started
            path = out / f"worker-{os.getpid()}.json"
            path.write_text(json.dumps(spent), encoding="utf-8")

        multiprocessing.util.Finalize(None, write, exitpriority=100)

    multiprocessing.util.register_after_fork(in_worker, in_worker)
    parent = os.getpid()

    def main_time() -> None:
        if os.getpid() == parent:
            usage = resource.getrusage(resource.RUSAGE_SELF)
            (out / "main.json").write_text(
                json.dumps({"main": usage.ru_utime + usage.ru_stime}), encoding="utf-8")

    import atexit

    atexit.register(main_time)
    sys.argv = ["vinculo", *argv]
    runpy.run_module("vinculo", run_name="__main__", alter_sys=True)


def one(vault: Path, src: str | None, work: Path, label: str) -> dict[str, float]:
    """The parts of one cold analysis of ``vault`` with the code in ``src`` (None: this one)."""
    out = work / f"parts-{label}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    state = work / f"state-{label}"
    shutil.rmtree(state, ignore_errors=True)
    env = {**os.environ, "VINCULO_STATE_DIR": str(state), "VINCULO_TODAY": "2026-11-29"}
    if src:
        env["PYTHONPATH"] = src
    run = subprocess.run([sys.executable, str(HERE / "worker_time.py"), "--child", str(out),
                          "sync", "--dry-run", str(vault)], env=env, cwd=str(work),
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if run.returncode != 0:
        raise SystemExit(f"{label}: the dry run failed:\n{run.stderr[-2000:]}")
    parts: dict[str, float] = {}
    for path in out.glob("*.json"):
        for name, seconds in json.loads(path.read_text(encoding="utf-8")).items():
            parts[name] = parts.get(name, 0.0) + seconds
    parts["setup"] = parts.get("setup", 0.0) - parts.get("matcher", 0.0)
    parts["rest"] = parts.get("workers", 0.0) - sum(
        parts.get(p, 0.0) for p in PARTS if p not in ("rest", "workers", "main"))
    return parts


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        # This folder is not vinculo's: the code under test comes from PYTHONPATH or the install.
        if sys.path and os.path.abspath(sys.path[0]) == str(HERE):
            sys.path.pop(0)
        return _child(Path(sys.argv[2]), sys.argv[3:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=10000)
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", action="append", default=[], metavar="[LABEL=]SRC")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from first_run import synced_copy
    from perf import compile_bytecode, vault_for

    compile_bytecode()
    versions: list[tuple[str, str | None]] = [("now", None)]
    for i, given in enumerate(args.baseline):
        label, _, src = given.rpartition("=")
        versions.append((label or f"baseline{i + 1}", src))
        if not compileall.compile_dir(src, quiet=1):
            raise SystemExit(f"cannot compile the baseline in {src}")
    work = Path(tempfile.mkdtemp(prefix="vinculo-worker-time-"))
    got: dict[str, list[dict[str, float]]] = {label: [] for label, _ in versions}
    try:
        vault = synced_copy(vault_for(args.notes, args.contacts), work)
        for round_ in range(args.rounds):
            for label, src in (versions if round_ % 2 == 0 else versions[::-1]):
                got[label].append(one(vault, src, work, label))
            print(f"round {round_ + 1}: " + "; ".join(
                f"{label} workers {got[label][-1].get('workers', 0):.2f} s, main "
                f"{got[label][-1].get('main', 0):.2f} s" for label, _ in versions), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nprocessor time, both workers summed; median (range) of {args.rounds} rounds")
    print(f"{'part':<14}" + "".join(f"{label:>24}" for label, _ in versions)
          + "".join(f"{'now − ' + label:>18}" for label, _ in versions[1:]))
    for part in PARTS:
        row = f"{part:<14}"
        for label, _ in versions:
            values = [r.get(part, 0.0) for r in got[label]]
            row += (f"{statistics.median(values):>10.3f} s "
                    f"({min(values):.2f}–{max(values):.2f})").rjust(24)
        for label, _ in versions[1:]:
            deltas = [a.get(part, 0.0) - b.get(part, 0.0)
                      for a, b in zip(got["now"], got[label], strict=True)]
            row += f"{statistics.median(deltas):>+16.3f} s"
        print(row)


if __name__ == "__main__":
    main()
