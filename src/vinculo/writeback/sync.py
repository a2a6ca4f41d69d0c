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
from typing import TYPE_CHECKING, Any

from vinculo.model import Diagnostic
from vinculo.writeback.apply import WriteReport, apply_changes
from vinculo.writeback.lock import vault_lock
from vinculo.writeback.plan import plan_changes

if TYPE_CHECKING:
    import pluggy

    from vinculo.config import Config
    from vinculo.memo import Memo
    from vinculo.pipeline import Index

CHANGED = "changed since it was read"


@dataclass
class SyncResult:
    """What a sync found and did, as commands print it."""

    report: WriteReport
    diagnostics: list[Diagnostic] | list[str]  # the plan's; their text when from the memo
    summary: dict[str, Any]  # vinculo.report.scan_summary
    problems: list[str]  # the scan's diagnostics that are not info, as "severity: text"
    index: Index | None = None  # the whole-vault Index, when the sync read the vault
    memo: Memo | None = None  # the vinculo.memo.Memo that answered instead
    _rows: list[dict[str, Any]] | None = field(default=None, init=False, repr=False)

    def contact_rows(self) -> list[dict[str, Any]]:
        """``vinculo contacts --json`` rows, computed on demand (``sync --json``)."""
        if self._rows is None:
            from vinculo.report import contact_rows

            if self.memo is not None:
                self._rows = self.memo.rows
            else:
                assert self.index is not None  # a result holds its index or its memo
                self._rows = contact_rows(self.index)
        return self._rows


def _from_index(index: Index, report: WriteReport, diagnostics: list[Diagnostic]) -> SyncResult:
    from vinculo.report import problem_lines, scan_summary

    return SyncResult(report, diagnostics, scan_summary(index), problem_lines(index), index=index)


def _from_memo(memo: Memo) -> SyncResult:
    return SyncResult(WriteReport(), list(memo.diagnostics), dict(memo.summary),
                      list(memo.problems), memo=memo)


def run_sync(
    vault: Path, config: Config, pm: pluggy.PluginManager, today: dt.date, *,
    dry_run: bool = False, retries: int = 2,
) -> SyncResult:
    """Build the index, plan, apply; LockError when another writer holds the vault.

    A vault the last sync left settled, where only ordinary notes changed since without
    changing the plan, is answered from that sync's memo (:mod:`vinculo.memo`)."""
    from vinculo import memo as memos

    lock = contextlib.nullcontext() if dry_run else vault_lock(vault)
    group: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
    if not dry_run:
        from vinculo.writeback.journal import one_undo

        group = one_undo()  # the pass and its retries: one step of ``undo``
    with lock, group:
        memo = memos.answer(vault, config, pm, today)
        if memo is not None:
            return _from_memo(memo)
        from vinculo.pipeline import build_index  # here: a settled vault never loads it

        seen = memos.look(vault, config, pm)
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
        if seen is not None and not changes and not report.skipped:
            memos.remember(seen, index, pm, diagnostics)
        else:
            memos.forget(vault, config)
    return _from_index(index, report, diagnostics)


def _merge(first: WriteReport, again: WriteReport, raced: set[str]) -> WriteReport:
    merged = WriteReport(
        written=[*first.written, *again.written],
        skipped=[*(s for s in first.skipped if s[0] not in raced), *again.skipped],
        diff=first.diff + again.diff,
        journal_id=first.journal_id or again.journal_id,  # the undo group's
        reasons={**first.reasons, **again.reasons},
    )
    return merged
