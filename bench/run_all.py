"""``make bench``: every benchmark in one go, each printing its own table (not tests).

Quality: linking against an Obsidian-style exact baseline, the hand-judged real-vault link
samples, history against a keyword baseline, interaction reading on a held-out corpus of
hand-labelled sentences written blind (three such corpora still blind; the first and the fourth
held-out corpora are tuning data since, like the tuning one), the event sentences' names the
linker finds on the tuning corpora, the ladder's next step per scenario.
Speed and memory: vinculo against reading the vault with python-frontmatter, obsidiantools and
a naive rapidfuzz linker; a new user's first run; a busy day of saves and syncs (settled, one
change, one event); watch latency; digest, feed and who; message
import throughput. Safety: hard kills during a first sync. Pass ``--quick`` for small vaults
only.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small vaults only (minutes)")
    args = parser.parse_args()
    if args.quick:
        steps = [
            ["score_links.py", "--notes", "300", "--contacts", "60"],
            ["real_vault_audit/score.py"],
            ["score_history.py", "60", "200", "1"],
            ["score_interactions_heldout.py"],
            ["score_interactions_heldout.py", "--corpus", "interactions_heldout3"],
            ["score_interactions_heldout.py", "--corpus", "interactions_heldout4"],
            ["score_interactions_heldout.py", "--corpus", "interactions_heldout5"],
            ["score_interactions_heldout.py", "--corpus", "interactions_heldout6"],
            ["score_interactions_heldout.py", "--corpus", "interactions_heldout7"],
            ["score_interactions_heldout.py", "--corpus", "interactions_heldout8"],
            ["score_interactions_heldout.py", "--corpus", "interactions_heldout9"],
            ["score_interactions_heldout.py", "--corpus", "interactions_tuning5"],
            ["score_interactions_heldout.py", "--corpus", "interactions_tuning6"],
            ["score_interactions_heldout.py", "--corpus", "interactions_tuning7"],
            ["score_interactions_heldout.py", "--corpus", "interactions_heldout"],
            ["score_interactions_heldout.py", "--corpus", "interactions_tuning3"],
            ["score_interactions_heldout.py", "--corpus", "interactions_tuning4"],
            ["event_names.py"],
            ["score_interactions.py"],
            ["score_ladder.py", "--per", "20", "--seeds", "1"],
            ["perf.py", "--sizes", "1000x100"],
            ["vocab_store_perf.py", "--notes", "1000", "--contacts", "100", "--rounds", "2",
             "--cold-rounds", "1"],
            ["first_run.py", "--notes", "1000", "--contacts", "100", "--rounds", "1"],
            ["busy_day.py", "--notes", "1000", "--contacts", "100", "--rounds", "1"],
            ["kill_first_sync.py", "--notes", "1000", "--contacts", "100", "--kills", "5"],
            ["watch_latency.py", "--notes", "1000", "--contacts", "100", "--saves", "20", "--collector"],
            ["watch_pass.py", "--notes", "1000", "--contacts", "100", "--saves", "20"],
            ["reach.py", "--sizes", "1000x100"],
            ["import_messages.py", "--whatsapp", "20000", "--mbox", "4000", "--repeat", "1"],
            ["import_scale.py", "--sizes", "1000,4000", "--repeat", "1", "--no-write"],
        ]
    else:
        steps = [
            ["score_links.py", "--notes", "300", "--contacts", "60"],
            ["score_links.py", "--notes", "10000", "--contacts", "1000"],
            ["real_vault_audit/score.py"],
            ["score_history.py"],
            ["score_interactions_heldout.py"],
            ["score_interactions_heldout.py", "--corpus", "interactions_heldout3"],
            ["score_interactions_heldout.py", "--corpus", "interactions_heldout4"],
            ["score_interactions_heldout.py", "--corpus", "interactions_heldout5"],
            ["score_interactions_heldout.py", "--corpus", "interactions_heldout6"],
            ["score_interactions_heldout.py", "--corpus", "interactions_heldout7"],
            ["score_interactions_heldout.py", "--corpus", "interactions_heldout8"],
            ["score_interactions_heldout.py", "--corpus", "interactions_heldout9"],
            ["score_interactions_heldout.py", "--corpus", "interactions_tuning5"],
            ["score_interactions_heldout.py", "--corpus", "interactions_tuning6"],
            ["score_interactions_heldout.py", "--corpus", "interactions_tuning7"],
            ["score_interactions_heldout.py", "--corpus", "interactions_heldout"],
            ["score_interactions_heldout.py", "--corpus", "interactions_tuning3"],
            ["score_interactions_heldout.py", "--corpus", "interactions_tuning4"],
            ["event_names.py"],
            ["score_interactions.py"],
            ["score_ladder.py"],
            ["perf.py", "--sizes", "1000x100,10000x1000,50000x3000"],
            ["vocab_store_perf.py"],
            ["first_run.py", "--rounds", "3"],
            ["busy_day.py", "--rounds", "3"],
            ["kill_first_sync.py", "--kills", "100"],
            ["watch_latency.py", "--notes", "10000", "--contacts", "1000", "--saves", "250",
             "--collector"],
            ["watch_pass.py", "--notes", "10000", "--contacts", "1000", "--saves", "40"],
            ["reach.py", "--sizes", "1000x100,10000x1000"],
            ["import_messages.py", "--whatsapp", "100000", "--mbox", "20000"],
            ["import_scale.py", "--sizes", "2500,10000,50000"],
        ]
    failed = 0
    for step in steps:
        print(f"\n$ python bench/{' '.join(step)}", flush=True)
        failed += subprocess.call([PY, str(HERE / step[0]), *step[1:]]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
