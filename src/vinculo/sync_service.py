"""The one sync service: what ``vinculo sync``, ``vinculo suggest --apply`` and the watcher
all run to bring the vault up to date.

A pass is always the same steps, in this order, whatever asked for it:

1. ``before_sync`` hook;
2. under the vault lock, in one undo group: the plan (:func:`vinculo.writeback.plan.plan_sync`:
   note edits, then the whole files plugins keep, with its one rule for a path both want),
   the write (:func:`vinculo.writeback.apply_changes`: compare-and-swap, journal, atomic);
3. notes that changed between our read and our write (the user saved meanwhile), and notes
   whose edits a plugin's whole file superseded, are read and planned again on top of the
   bytes now on disk, so the user's bytes always win and our edit is recomputed over them;
4. ``after_sync`` hook, with the same report ``vinculo sync --json`` prints.

``vinculo sync`` reads the vault itself and may be answered from the last sync's memo
(:mod:`vinculo.memo`), or replay a save that logged an event on the state the last full pass
kept (the event mode, :mod:`vinculo.event_sync`); ``suggest --apply`` hands over the index it already built; the
watcher hands over its live index and the part of it a save changed (:meth:`SyncService.write_pass`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

from vinculo.config import Config
from vinculo.model import Diagnostic
from vinculo.writeback.apply import WriteReport, apply_changes
from vinculo.writeback.journal import one_undo
from vinculo.writeback.lock import vault_lock
from vinculo.writeback.plan import Plan, PlanIndex, plan_sync

if TYPE_CHECKING:
    from vinculo import memo as memos
    from vinculo.memo import Memo
    from vinculo.pipeline import Index

CHANGED = "changed since it was read"


@dataclass
class SyncResult:
    """What a sync found and did, as commands print it."""

    report: WriteReport
    diagnostics: list[Diagnostic] | list[str]  # the plan's; their text when from the memo
    summary: dict[str, Any]  # vinculo.report.scan_summary, with "write" (see summary_of)
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


def summary_of(index: Index, report: WriteReport, diagnostics: Sequence[object], *, dry_run: bool,
               full_pass: bool = True, diff: bool = True, mode: str = "full") -> dict[str, Any]:
    """The report ``after_sync`` receives and ``sync --json`` prints as ``summary``; ``diff``:
    with the diff of what was written (rendering it costs a first sync seconds)."""
    from vinculo.report import scan_summary

    summary = scan_summary(index)
    summary["write"] = _write_json(report, diagnostics, dry_run=dry_run, full_pass=full_pass,
                                   diff=diff, mode=mode)
    return summary


def _write_json(report: WriteReport, diagnostics: Sequence[object], *, dry_run: bool,
                full_pass: bool, diff: bool, mode: str) -> dict[str, Any]:
    data = report.to_json(diff=diff)
    data["dry_run"] = dry_run
    data["full_pass"] = full_pass  # else the last sync's answer held, or its state replayed
    # "full", "settled" (the memo answered) or "events" (changed notes replayed on its state)
    data["mode"] = mode
    data["diagnostics"] = [str(d) for d in diagnostics]
    return data


@dataclass
class PassResult:
    """One written pass of :meth:`SyncService.write_pass` (the watcher's unit)."""

    plan: Plan
    report: WriteReport


class SyncService:
    """Plan and write a vault's sync through the one safe write path, firing the sync hooks.

    One per vault and plugin manager; it keeps nothing between passes, so the watcher keeps
    one for its life and a command makes one for its run."""

    def __init__(self, vault: Path, config: Config, pm: pluggy.PluginManager) -> None:
        self.vault = vault
        self.config = config
        self.pm = pm

    # --- the three callers ------------------------------------------------------------

    def sync(self, today: dt.date, *, dry_run: bool = False, retries: int = 2,
             show_diff: bool = False) -> SyncResult:
        """``vinculo sync``: read the vault, plan, write; LockError when another writer
        holds it. A vault the last sync left settled, where only ordinary notes changed
        since without changing the plan, is answered from that sync's memo. The summary
        holds the diff when it is shown: a dry run, ``show_diff``, an ``after_sync`` plugin."""
        from vinculo import memo as memos

        self.before(dry_run)
        with self._writing(dry_run):
            memo = memos.answer(self.vault, self.config, self.pm, today, events=True)
            result = None
            if isinstance(memo, memos.Memo):
                result = _from_memo(memo, dry_run, self._diff_shown(dry_run or show_diff))
            elif memo is not None:  # notes that moved the plan: replay them (the event mode)
                result = self._events(memo, today, dry_run=dry_run, retries=retries,
                                      diff=self._diff_shown(dry_run or show_diff))
            if result is None:
                from vinculo.cache import saved_with_sync
                from vinculo.pipeline import build_index  # here: a settled vault never loads it

                seen = memos.look(self.vault, self.config, self.pm)
                # The cache is saved once the sync has written, without the notes it wrote
                # (their rows describe the bytes replaced).
                with saved_with_sync() as later:
                    index = build_index(self.vault, self.config, self.pm, today, plan_links=(
                        "diffs" if self._diff_shown(dry_run or show_diff) else "edits"))
                    index, plan, report = self._whole(index, today, dry_run=dry_run,
                                                      retries=retries)
                    later.written.update(report.written)
                if seen is not None and not plan.changes and not report.skipped:
                    from vinculo.event_sync import pack_state

                    memos.remember(seen, index, self.pm, plan.diagnostics,
                                   state=pack_state(index, self.pm))
                else:
                    memos.forget(self.vault, self.config)
                result = _from_index(index, report, plan.diagnostics, dry_run,
                                     self._diff_shown(dry_run or show_diff))
        self.after(result.summary)
        return result

    def apply(self, index: Index, *, dry_run: bool = False, retries: int = 2,
              before: bool = True) -> SyncResult:
        """``suggest --apply``: the same pass over an index the caller already built.
        ``before=False``: the caller fired ``before_sync`` itself, before it read the vault
        (as ``sync`` does)."""
        if before:
            self.before(dry_run)
        with self._writing(dry_run):
            index, plan, report = self._whole(index, index.today, dry_run=dry_run,
                                              retries=retries)
            if plan.changes and not dry_run:
                from vinculo import memo as memos

                memos.forget(self.vault, self.config)
            result = _from_index(index, report, plan.diagnostics, dry_run,
                                 self._diff_shown(dry_run))
        self.after(result.summary)
        return result

    def write_pass(self, view: PlanIndex, whole: PlanIndex | None, *, notes: bool = True,
                   lock_wait: float | None = None) -> PassResult:
        """The watcher's pass: note edits planned from ``view`` (the part of its live index
        a save changed, or all of it), the whole files plugins keep from ``whole`` (its live
        index) when given, written through the same path with the same rule. The watcher
        re-reads what was written (and what was superseded) and calls again: it owns the
        live index, this service only plans and writes. A file that still holds what
        ``vinculo undo`` put back is left as it is (:mod:`vinculo.writeback.held`)."""
        from vinculo.writeback.held import unheld

        plan = plan_sync(view, self.pm, whole=whole, notes=notes)
        plan.changes = unheld(self.vault, [c for c in plan.changes if c.before != c.after])
        report = WriteReport()
        if plan.changes:
            # A command holding the writer lock is short: wait for it rather than fail.
            report = apply_changes(self.vault, plan.changes, pm=self.pm, lock_wait=lock_wait)
        return PassResult(plan, report)

    def before(self, dry_run: bool = False) -> None:
        """The ``before_sync`` hook: once per pass, before it reads or plans."""
        self.pm.hook.before_sync(vault=self.vault, config=self.config, dry_run=dry_run)

    def after(self, summary: dict[str, Any]) -> None:
        """The ``after_sync`` hook, with the pass's report (:func:`summary_of`); the lock
        is released by then."""
        self.pm.hook.after_sync(vault=self.vault, config=self.config, report=summary)

    def _diff_shown(self, shown: bool) -> bool:
        """Whether a pass's summary carries its diff: when the caller shows it, or a plugin
        listens to ``after_sync`` (whose report is the summary)."""
        return shown or bool(self.pm.hook.after_sync.get_hookimpls())

    # --- the steps --------------------------------------------------------------------

    @contextlib.contextmanager
    def _writing(self, dry_run: bool) -> Iterator[None]:
        """The vault lock and one undo group for the pass and its retries."""
        if dry_run:
            yield
            return
        with vault_lock(self.vault), one_undo():
            yield

    def _events(self, pending: memos.Pending, today: dt.date, *, dry_run: bool, retries: int,
                diff: bool) -> SyncResult | None:
        """The event mode: the changed notes replayed on the last full pass's state, then the
        same plan, write and retries as any pass, the note edits planned only for what the
        replay moved (:mod:`vinculo.event_sync`); None when the sync must run in full."""
        from vinculo import event_sync
        from vinculo.cache import StaleNoteError

        replayed = event_sync.replay(pending, self.pm)
        if replayed is None:
            return None
        try:
            index, plan, report = self._whole(replayed.index, today, dry_run=dry_run,
                                              retries=retries, view=replayed.view)
        except StaleNoteError:  # a contact note changed since the memo: read it all
            return None
        memo = pending.memo
        diagnostics = [*(line for line in memo.diagnostics if replayed.keeps_diagnostic(line)),
                       *map(str, plan.diagnostics)]
        memo.diagnostics = diagnostics  # what the next settled answer prints, if kept
        rows = event_sync.contact_rows(pending, replayed) if index is replayed.index else None
        if rows is None:
            pending.drop()  # retried on a full read: the next sync settles again
        elif not plan.changes and not report.skipped:
            event_sync.settle(pending, replayed, rows)  # settled again, on the replayed state
        elif not dry_run and not event_sync.settle_written(pending, replayed, plan.changes,
                                                            report, self.pm, rows):
            pending.drop()
        summary = dict(memo.summary)
        summary["write"] = _write_json(report, diagnostics, dry_run=dry_run, full_pass=False,
                                       diff=diff, mode=event_sync.MODE)
        result = SyncResult(report, diagnostics, summary, list(memo.problems), index=index)
        result._rows = rows  # the memo's, but for the contacts replanned
        return result

    def _whole(self, index: Index, today: dt.date, *, dry_run: bool, retries: int,
               view: PlanIndex | None = None) -> tuple[Index, Plan, WriteReport]:
        """Plan and write a whole-vault index (its note edits from ``view`` when given: the
        event mode's); then read again and redo the notes that raced with a save or were
        superseded by a plugin's file (``retries`` times), from a full read."""
        plan = plan_sync(index if view is None else view, self.pm, whole=index)
        report = apply_changes(self.vault, plan.changes, dry_run=dry_run, pm=self.pm)
        for _ in range(retries if not dry_run else 0):
            again = {rel for rel, why in report.skipped if why.startswith(CHANGED)}
            again |= plan.superseded & set(report.written)
            if not again:
                break
            from vinculo.pipeline import build_index

            index = build_index(self.vault, self.config, self.pm, today)
            plan = plan_sync(index, self.pm, whole=index)
            more = apply_changes(self.vault, [c for c in plan.changes if c.rel in again],
                                 pm=self.pm)
            report = _merge(report, more, again)
        return index, plan, report


def run_sync(vault: Path, config: Config, pm: pluggy.PluginManager, today: dt.date, *,
             dry_run: bool = False, retries: int = 2) -> SyncResult:
    """``vinculo sync`` as one call (see :meth:`SyncService.sync`)."""
    return SyncService(vault, config, pm).sync(today, dry_run=dry_run, retries=retries)


def _from_index(index: Index, report: WriteReport, diagnostics: list[Diagnostic],
                dry_run: bool, diff: bool) -> SyncResult:
    from vinculo.report import problem_lines

    return SyncResult(report, diagnostics, summary_of(index, report, diagnostics,
                                                      dry_run=dry_run, diff=diff),
                      problem_lines(index), index=index)


def _from_memo(memo: Memo, dry_run: bool, diff: bool) -> SyncResult:
    report = WriteReport()
    diagnostics = list(memo.diagnostics)
    summary = dict(memo.summary)
    summary["write"] = _write_json(report, diagnostics, dry_run=dry_run, full_pass=False,
                                   diff=diff, mode="settled")
    return SyncResult(report, diagnostics, summary, list(memo.problems), memo=memo)


def _merge(first: WriteReport, again: WriteReport, redone: set[str]) -> WriteReport:
    merged = WriteReport(
        written=[*first.written, *(r for r in again.written if r not in first.written)],
        skipped=[*(s for s in first.skipped if s[0] not in redone), *again.skipped],
        journal_id=first.journal_id or again.journal_id,  # the undo group's
        reasons={**first.reasons, **{rel: _both(first.reasons.get(rel), why)
                                     if rel in first.written else why
                                     for rel, why in again.reasons.items()}},
    )
    merged.diff_after(first, again)  # rendered when read (nobody may show it)
    return merged


def _both(first: str | None, then: str) -> str:
    """The reason of a file written twice in one pass (a plugin's file, then links)."""
    return then if not first or first == then else f"{first}, {then}"
