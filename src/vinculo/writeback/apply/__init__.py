"""``apply_changes``: the one write path of vinculo. Every file it ever writes goes here.

Per change: the path must stay in the vault and not pass through a symlink; the note must not
be a symlink, a hard link or read-only; its bytes must still be the ones the change was
computed from. Then the batch is journaled, and each file written atomically.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vinculo import progress
from vinculo.errors import ChangedError, UnsafePathError, WriteBackError
from vinculo.writeback.apply.atomic import (
    flush_batch,
    fsync_dir,
    install,
    read_current,
    remove_all,
    write_temp,
)
from vinculo.writeback.apply.diff import unified_diff


@dataclass(frozen=True)
class FileChange:
    """New bytes for one file, and the bytes they were computed from."""

    rel: str  # relative to the vault, forward slashes
    before: bytes | None  # None: create a new file (refused if it exists)
    after: bytes
    reason: str = ""  # e.g. "3 links", "suggestions block", "new contact"


@dataclass
class WriteReport:
    """What a batch wrote, what it left and why, and how to undo it.

    ``diff`` (the unified diff of what was written) is rendered when first read: a sync that
    writes thousands of notes prints only their names, and rendering the diff of every one
    would cost as much as writing them (see :func:`_lazy_diff`)."""

    written: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (rel, why)
    diff: str = ""
    journal_id: str | None = None
    reasons: dict[str, str] = field(default_factory=dict)  # rel → FileChange.reason

    def to_json(self, *, diff: bool = True) -> dict[str, Any]:
        """The report as JSON data; ``diff=False`` leaves the diff out (not rendered)."""
        data: dict[str, Any] = {
            "written": list(self.written),
            "skipped": [{"path": rel, "why": why} for rel, why in self.skipped],
        }
        if diff:
            data["diff"] = self.diff
        data["journal_id"] = self.journal_id
        data["reasons"] = dict(self.reasons)
        return data

    def diff_of(self, changes: list[FileChange]) -> None:
        """Set the diff to that of ``changes``, rendered only when it is read."""
        self.__dict__["_diff"] = None
        self.__dict__["_pending"] = changes

    def diff_after(self, first: WriteReport, then: WriteReport) -> None:
        """Set the diff to ``first``'s followed by ``then``'s (a sync and its retry), still
        rendered only when it is read; text one of them already rendered is kept."""
        parts = [_unrendered(first), _unrendered(then)]
        if all(p is not None for p in parts):
            self.diff_of([c for p in parts for c in p or []])
        else:
            self.diff = first.diff + then.diff


def _unrendered(report: WriteReport) -> list[FileChange] | None:
    """The changes whose diff ``report`` has not rendered yet ([] for none, the empty
    diff included); None when it holds rendered text."""
    held = report.__dict__
    if held.get("_diff") is None:
        return list(held.get("_pending") or [])
    return [] if held["_diff"] == "" else None


def _lazy_diff() -> property:
    """``WriteReport.diff``: a plain attribute for its readers and writers, rendered from the
    changes :meth:`WriteReport.diff_of` left the first time it is read."""

    def get(report: WriteReport) -> str:
        held = report.__dict__
        if held.get("_diff") is None:
            held["_diff"] = unified_diff(held.pop("_pending", None) or [])
        return str(held["_diff"])

    def put(report: WriteReport, value: str) -> None:
        report.__dict__["_diff"] = value
        report.__dict__.pop("_pending", None)

    return property(get, put)


WriteReport.diff = _lazy_diff()  # type: ignore[assignment]  # after @dataclass: its default stays ""


def target_path(vault: Path, rel: str, checked: set[str] | None = None) -> Path:
    """The absolute path of ``rel`` in ``vault`` (resolved); UnsafePathError when it would
    leave the vault or pass through a symlinked folder. ``checked``: folders (relative, as
    in ``rel``) already found to be no link in this batch (one look per folder, not per
    note)."""
    _check_rel(vault, rel, checked)
    return vault / rel


def _check_rel(vault: Path, rel: str, checked: set[str] | None) -> None:
    """:func:`target_path`'s checks, without the path (a dry run only looks at the files)."""
    parts = rel.split("/")
    if not rel or "\\" in rel or any(p in ("", ".", "..") for p in parts):
        raise UnsafePathError(f"not a path inside the vault: {rel!r}")
    folder = ""
    for part in parts[:-1]:
        folder = f"{folder}/{part}" if folder else part
        if checked is not None and folder in checked:
            continue
        if os.path.islink(os.path.join(vault, folder)):
            raise UnsafePathError("its folder is a symbolic link: vinculo never writes through links")
        if checked is not None:
            checked.add(folder)


def check_note(path: Path | str, before: bytes | None, *, compare: bool = True) -> int | None:
    """The file's mode; WriteBackError when policy forbids writing it or it changed.

    ``compare=False`` (a batch) compares the size only, not the bytes: the run that writes
    compares them at the last moment anyway (:func:`~vinculo.writeback.apply.atomic.install`), and
    a first sync or dry run would otherwise read every note of the vault once more."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    if before is None:
        if info is not None:
            raise ChangedError("already exists: not overwritten")
        return None
    if info is None:
        raise ChangedError("was deleted since it was read: not recreated")
    if stat.S_ISLNK(info.st_mode):
        raise UnsafePathError(
            "is a symbolic link: never written through (its target, when in the vault, is "
            "written under its own name)"
        )
    if not stat.S_ISREG(info.st_mode):
        raise UnsafePathError("is not a regular file")
    if info.st_nlink > 1:
        raise UnsafePathError(
            f"has {info.st_nlink} hard links: not written, so its other names never diverge"
        )
    if not info.st_mode & 0o222:
        raise WriteBackError("is read-only: left untouched")
    if (read_current(path) != before) if compare else info.st_size != len(before):
        raise ChangedError("changed since it was read: left as it is")
    return stat.S_IMODE(info.st_mode)


def apply_changes(
    vault: Path, changes: list[FileChange], *, dry_run: bool = False, pm: Any = None,
    lock_wait: float | None = None,
) -> WriteReport:
    """Write every change that is still safe to write; report the rest with the reason.

    Takes the vault lock (re-entrant), journals the originals outside the vault, writes
    each file atomically with compare-and-swap, keeps its mode, and calls the
    ``after_write`` hook for each file written. ``dry_run`` checks the same and writes
    nothing; its ``diff`` is exactly what a real run would write. ``lock_wait``: how long
    to wait for another writer (see :func:`vinculo.writeback.lock.vault_lock`).
    """
    root = Path(vault).resolve()
    report = WriteReport()
    if dry_run:
        return _prepare(root, changes, report, dry_run=True)
    if not changes:  # a pass with nothing to write (as the watcher skips it): no lock, and no
        return report  # reading of the journal, whose kept first sync lists every note
    # Here, not at the top: a dry run (and every plugin that only builds a FileChange) never
    # loads the lock and the journal.
    from vinculo.writeback import journal
    from vinculo.writeback.lock import vault_lock

    with vault_lock(root, wait=lock_wait):
        journal.recover(root)
        _prepare(root, changes, report, dry_run=False)
    if pm is not None and pm.hook.after_write.get_hookimpls():  # none: 10,000 calls saved
        by_rel = {c.rel: c for c in changes}
        for rel in report.written:
            change = by_rel[rel]
            pm.hook.after_write(vault=root, rel=rel, before=change.before or b"", after=change.after)
    return report


def _prepare(root: Path, changes: list[FileChange], report: WriteReport, *, dry_run: bool) -> WriteReport:
    ready: list[tuple[FileChange, str, int | None]] = []  # each file by its name
    seen: set[str] = set()
    folders: set[str] = set()
    prefix = f"{root}{os.sep}"  # each file by its name: no path object per note
    for change in changes:
        if change.after == change.before:
            continue
        try:
            if change.rel in seen:
                raise WriteBackError("has two changes in one batch: refused")
            seen.add(change.rel)
            _check_rel(root, change.rel, folders)
            name = prefix + change.rel
            mode = check_note(name, change.before, compare=False)  # bytes: at the swap
        except WriteBackError as exc:
            report.skipped.append((change.rel, str(exc)))
            continue
        ready.append((change, name, mode))
    if dry_run or not ready:
        report.diff = unified_diff([c for c, _, _ in ready])
        report.reasons = {c.rel: c.reason for c, _, _ in ready}
        return report
    from vinculo.writeback import journal

    try:
        batch = journal.start_batch(root, [(c.rel, c.before, c.after, m) for c, _, m in ready])
    except OSError as exc:
        raise WriteBackError(
            f"cannot write the undo journal: {exc.strerror or exc}; nothing written"
        ) from None
    report.journal_id = batch.id
    done: list[FileChange] = []
    staged: list[tuple[FileChange, str, str]] = []
    installed: list[str] = []
    try:
        # A group commit: every temp file, one flush, then the compare-and-swaps and renames
        # (vinculo.writeback.apply.atomic). No note changes before the renames start.
        progress.stage("Writing notes", 2 * len(ready))
        for change, path, mode in ready:
            progress.advance()
            try:
                if change.before is None:
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
                    target_path(root, change.rel)  # a folder may have become a link meanwhile
                staged.append((change, path, write_temp(path, change.after, mode, sync=False)))
            except WriteBackError as exc:
                report.skipped.append((change.rel, str(exc)))
            except OSError as exc:
                report.skipped.append((change.rel, f"cannot write: {exc.strerror or exc}"))
        try:
            flush_batch(root, [tmp for _, _, tmp in staged])
        except OSError as exc:
            for change, _, tmp in staged:
                report.skipped.append((change.rel, f"cannot write: {exc.strerror or exc}"))
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            staged = []
        staged.reverse()  # installed in order, popped from the end
        while staged:
            change, path, tmp = staged.pop()
            progress.advance()
            installed.append(tmp)  # removed below, installed or not (old bytes, or ours)
            try:
                install(tmp, path, change.before, remove=False)
            except WriteBackError as exc:
                report.skipped.append((change.rel, str(exc)))
            except OSError as exc:
                report.skipped.append((change.rel, f"cannot write: {exc.strerror or exc}"))
            else:
                done.append(change)
    finally:
        # Every temp file goes: the old bytes an exchange took out, ours when refused, and
        # any not installed (an exception). A kill before this leaves them to the next writer.
        remove_all(installed + [tmp for _, _, tmp in staged])
        for folder in sorted({os.path.dirname(path) for _, path, _ in ready}):
            fsync_dir(folder)
        batch.finish([c.rel for c in done])
    report.written = [c.rel for c in done]
    report.reasons = {c.rel: c.reason for c in done}
    report.diff_of(done)
    if not done:
        report.journal_id = None
    return report
