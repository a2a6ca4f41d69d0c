"""Speed and memory of vinculo against named baselines, side by side, in one run.

For each generated vault size (notes × contacts) it measures, as separate processes:

- floor: read every note and parse its frontmatter (python-frontmatter);
- obsidiantools: ``Vault(path).connect().gather()``, the Python peer (when installed);
- naive linker: rapidfuzz ``partial_ratio`` of every contact against every note (sampled);
- vinculo: on the never-synced vault a first ``sync --dry-run`` (no cache: it prints the
  diff of nearly every note) and a first ``sync`` (links and blocks written, no cache
  either), then on that synced vault a cold
  ``sync --dry-run`` (empty cache), a warm ``sync --dry-run`` (nothing changed), one note
  changed then ``sync`` (a line that changes no history), one event logged then ``sync`` (a
  history changes: that note's events replayed on the last full pass's state, the event
  mode), ``scan``, and ``vinculo --version``.

Prints a table and saves ``bench/results/perf.json``. Ratios are what to read: the machine is
shared and noisy, the baselines run in the same minute on the same files.

Usage: ``python bench/perf.py [--sizes 1000x100,10000x1000,50000x3000] [--no-peer]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from measure import Measured, best_of, measure  # noqa: E402

PY = sys.executable
VINCULO = [PY, "-m", "vinculo"]
VAULTS = HERE / "vaults"
RESULTS = HERE / "results"
TARGETS = {
    "cold_vs_floor": 3.0,
    "first_dry_vs_floor": 6.0,
    "first_sync_vs_floor": 10.0,
    "warm_s": 1.0,
    "one_change_s": 0.3,
    "peer_speedup": 50.0,
    "peak_mb": 300.0,
    "version_s": 0.15,
    "growth": 6.0,
}


def vault_for(notes: int, contacts: int) -> Path:
    """A generated vault of this size, generated once and reused across runs."""
    out = VAULTS / f"{notes}x{contacts}"
    # A vault generated before vaultgen marked its vaults (.obsidian/) is made again.
    if not (out / "truth.json").exists() or not (out / "vault" / ".obsidian").is_dir():
        print(f"generating {notes} notes, {contacts} contacts…", file=sys.stderr)
        # In a child process: this one stays small, so the peak memory measured of each
        # command (which on Linux starts from the size of the process that forked it) is its own.
        subprocess.run([PY, str(HERE / "vaultgen.py"), str(out), "--notes", str(notes),
                        "--contacts", str(contacts), "--seed", "1"], check=True,
                       stdout=subprocess.DEVNULL)
    return out / "vault"


def peer_available() -> bool:
    """Whether obsidiantools is installed — found, not imported: importing it here would grow
    this process, and every measured child starts from its size."""
    import importlib.util

    return importlib.util.find_spec("obsidiantools") is not None


def touch_one_note(vault: Path) -> None:
    """Append a line to one daily note that changes nobody's history (a coffee with someone
    who is not a contact): the sync may answer from the last settled one."""
    daily = sorted((vault / "Daily").glob("*.md"))
    note = daily[len(daily) // 2]
    with note.open("a", encoding="utf-8") as handle:
        handle.write("\nHad coffee with a friend today.\n")


def log_one_event(vault: Path) -> None:
    """Append a coffee with a contact to another daily note (years ago): a history changes,
    so the sync replays that note's events on the last full pass's state (the event mode)."""
    contact = sorted((vault / "People").glob("*.md"))[0].stem
    daily = sorted((vault / "Daily").glob("*.md"))
    note = daily[len(daily) // 3]
    with note.open("a", encoding="utf-8") as handle:
        handle.write(f"\nHad coffee with [[{contact}]] today.\n")


def compile_bytecode() -> None:
    """Compile vinculo's modules and plugins to bytecode, as installing a wheel does: the
    baselines' libraries were installed compiled, and a process that may not write bytecode
    (``PYTHONDONTWRITEBYTECODE``, a read-only checkout) would otherwise compile vinculo's
    sources on every run and be measured doing so."""
    code = ("import compileall, vinculo, vinculo.default_plugins as p; "
            "ok = all(compileall.compile_dir(d, quiet=1) for d in "
            "{*vinculo.__path__, *p.__path__}); raise SystemExit(not ok)")
    subprocess.run([PY, "-c", code], check=True, stdout=subprocess.DEVNULL)


def run_size(notes: int, contacts: int, peer: bool) -> dict[str, object]:
    source = vault_for(notes, contacts)
    work = Path(tempfile.mkdtemp(prefix="vinculo-perf-"))
    vault = work / "vault"
    shutil.copytree(source, vault)
    env = {**os.environ, "VINCULO_STATE_DIR": str(work / "state"), "VINCULO_TODAY": "2026-11-29"}
    row: dict[str, Measured | dict | None] = {}
    try:
        row["first_dry"] = measure([*VINCULO, "sync", str(vault), "--dry-run"], env)
        shutil.rmtree(work / "state", ignore_errors=True)  # the first sync is cold too
        row["first_sync"] = measure([*VINCULO, "sync", str(vault)], env)
        measure([*VINCULO, "sync", str(vault)], env)  # settle: a rerun must write nothing
        # A note saved less than 2 s before a run is checked by content, not trusted by its
        # mtime ("racily clean", see docs/performance.md): a user's next sync comes later.
        time.sleep(2.1)
        row["floor"] = best_of(3, [PY, str(HERE / "floor.py"), str(vault)])
        shutil.rmtree(work / "state", ignore_errors=True)  # cold: no cache at all
        row["cold"] = measure([*VINCULO, "sync", str(vault), "--dry-run"], env)
        row["warm"] = best_of(3, [*VINCULO, "sync", str(vault), "--dry-run"], env)
        touch_one_note(vault)
        row["one_change"] = measure([*VINCULO, "sync", str(vault)], env)
        log_one_event(vault)
        row["one_event"] = measure([*VINCULO, "sync", str(vault)], env)
        row["scan"] = best_of(3, [*VINCULO, "scan", str(vault)], env)
        row["version"] = best_of(5, [*VINCULO, "--version"], env)
        naive = measure([PY, str(HERE / "naive_linker.py"), str(vault), "100"])
        row["naive"] = json.loads(naive.stdout) if naive.returncode == 0 else None
        row["obsidiantools"] = None
        if peer:
            code = ("import sys, pathlib, obsidiantools.api as o; "
                    "o.Vault(pathlib.Path(sys.argv[1])).connect().gather()")
            row["obsidiantools"] = measure([PY, "-c", code, str(vault)])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out: dict[str, object] = {"notes": notes, "contacts": contacts}
    for key, value in row.items():
        if isinstance(value, Measured):
            if value.returncode != 0:
                raise SystemExit(f"{key} failed (exit {value.returncode}) on {notes}×{contacts}")
            out[key] = {"s": round(value.seconds, 3), "peak_mb": round(value.peak_mb, 1)}
        else:
            out[key] = value
    return out


def ratios(row: dict) -> dict[str, float | None]:
    cold, floor = row["cold"]["s"], row["floor"]["s"]
    peer = row.get("obsidiantools")
    naive = row.get("naive")
    return {
        "cold_vs_floor": round(cold / floor, 2),
        "first_dry_vs_floor": round(row["first_dry"]["s"] / floor, 2),
        "first_sync_vs_floor": round(row["first_sync"]["s"] / floor, 2),
        "peer_speedup": round(peer["s"] / cold, 1) if peer else None,
        "naive_speedup": round(naive["estimated_seconds"] / cold, 1) if naive else None,
    }


def print_table(rows: list[dict]) -> None:
    header = (f"{'notes×contacts':>15} {'floor':>7} {'1st dry':>13} {'1st sync':>13} "
              f"{'cold':>7} {'warm':>7} {'1 change':>8} "
              f"{'1 event':>7} "
              f"{'scan':>6} {'--version':>9} {'peak MB':>8} {'cold/floor':>10} "
              f"{'obsidiantools':>13} {'naive (est.)':>12}")
    print(header)
    for row in rows:
        r = ratios(row)
        peer = row.get("obsidiantools")
        naive = row.get("naive")
        peak = max(row[k]["peak_mb"] for k in ("first_dry", "first_sync", "cold", "warm",
                                               "one_change", "one_event", "scan"))
        peer_text = f"{peer['s']:.1f}s ({r['peer_speedup']}×)" if peer else "n/a"
        naive_text = f"{naive['estimated_seconds']:.0f}s" if naive else "n/a"
        print(
            f"{row['notes']:>8}×{row['contacts']:<6} {row['floor']['s']:>7.2f} "
            f"{row['first_dry']['s']:>6.2f} ({r['first_dry_vs_floor']:>4.1f}×) "
            f"{row['first_sync']['s']:>6.2f} ({r['first_sync_vs_floor']:>4.1f}×) "
            f"{row['cold']['s']:>7.2f} {row['warm']['s']:>7.2f} {row['one_change']['s']:>8.2f} "
            f"{row['one_event']['s']:>7.2f} "
            f"{row['scan']['s']:>6.2f} {row['version']['s']:>9.3f} {peak:>8.0f} "
            f"{r['cold_vs_floor']:>9.2f}× "
            f"{peer_text:>13} {naive_text:>12}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000x100,10000x1000,50000x3000")
    parser.add_argument("--no-peer", action="store_true", help="skip obsidiantools")
    parser.add_argument("--peer-max-notes", type=int, default=10000,
                        help="run obsidiantools only up to this many notes (it is slow)")
    args = parser.parse_args()
    peer = peer_available() and not args.no_peer
    compile_bytecode()
    rows = []
    for size in args.sizes.split(","):
        notes, contacts = (int(x) for x in size.lower().split("x"))
        print(f"measuring {notes}×{contacts}…", file=sys.stderr)
        rows.append(run_size(notes, contacts, peer and notes <= args.peer_max_notes))
    print_table(rows)
    if len(rows) >= 2:
        small, big = rows[-2], rows[-1]
        for key in ("cold", "first_dry", "first_sync"):
            growth_t = big[key]["s"] / small[key]["s"]
            growth_m = big[key]["peak_mb"] / small[key]["peak_mb"]
            print(f"growth {small['notes']}→{big['notes']} notes ({key}): time {growth_t:.1f}×, "
                  f"memory {growth_m:.1f}× (target ≤ {TARGETS['growth']}×)")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "perf.json").write_text(json.dumps({"targets": TARGETS, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
