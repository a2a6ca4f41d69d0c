"""One sync pass: read the vault, plan the changes, write them — under the vault lock.

The plan is the whole vault's: links (as ``vinculo link --apply``), each contact's block and
properties, and the whole files plugins contribute (the dashboard and the people base).

Shared by ``vinculo sync`` and the watcher. When a note changes between our read and our
write (the user saved meanwhile), the pass reads the vault again and retries those notes,
so the user's bytes always win and our edit is recomputed on top of them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vinculo.model import Diagnostic
from vinculo.writeback.apply import WriteReport, apply_changes
from vinculo.writeback.lock import vault_lock
from vinculo.writeback.plan import plan_changes

CHANGED = "changed since it was read"


@dataclass
class SyncResult:
    index: Any  # vinculo.pipeline.Index of the last read
    report: WriteReport
    diagnostics: list[Diagnostic] = field(default_factory=list)


def run_sync(
    vault: Path, config: Any, pm: Any, today: dt.date, *, dry_run: bool = False, retries: int = 2
) -> SyncResult:
    """Build the index, plan, apply; LockError when another writer holds the vault."""
    from vinculo.pipeline import build_index

    lock = contextlib.nullcontext() if dry_run else vault_lock(vault)
    with lock:
        index = build_index(vault, config, pm, today)
        changes, diagnostics = plan_changes(index, pm, files=True)
        report = apply_changes(vault, changes, dry_run=dry_run, pm=pm)
        for _ in range(retries if not dry_run else 0):
            raced = {rel for rel, why in report.skipped if why.startswith(CHANGED)}
            if not raced:
                break
            index = build_index(vault, config, pm, today)
            changes, diagnostics = plan_changes(index, pm, files=True)
            again = apply_changes(vault, [c for c in changes if c.rel in raced], pm=pm)
            report = _merge(report, again, raced)
    return SyncResult(index, report, diagnostics)


def _merge(first: WriteReport, again: WriteReport, raced: set[str]) -> WriteReport:
    merged = WriteReport(
        written=[*first.written, *again.written],
        skipped=[*(s for s in first.skipped if s[0] not in raced), *again.skipped],
        diff=first.diff + again.diff,
        journal_id=again.journal_id or first.journal_id,
        reasons={**first.reasons, **again.reasons},
    )
    return merged
