"""The undo journal: the original bytes and mode of every file a batch writes, kept in the
vault's state folder (never in the vault), written and fsynced *before* the first write.

A batch whose process died mid-way stays marked in flight; the next writer sweeps the temp
files it may have left and closes it, so ``undo`` still works for the files it did write.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vinculo.state import inside_vault, state_dir
from vinculo.writeback.atomic import atomic_write, fsync_dir, read_current, sweep_temps
from vinculo.writeback.errors import WriteBackError

KEEP_BATCHES = 20
ORIGINALS = "originals.bin"
STATE_INSIDE = "the state folder ($VINCULO_STATE_DIR) is inside the vault"


def _sha(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def _write_durably(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def journal_dir(vault: Path) -> Path:
    if inside_vault(vault):
        raise WriteBackError(STATE_INSIDE)
    return state_dir(vault) / "journal"


@dataclass
class Batch:
    """One journaled write batch: its folder and manifest."""

    folder: Path
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.folder.name

    def save(self) -> None:
        # Compact: an indented dump takes the pure-Python encoder (0.5 s for 10,000 notes).
        data = json.dumps(self.manifest, separators=(",", ":")).encode()
        _write_durably(self.folder / "manifest.json", data)

    def before(self, entry: dict[str, Any]) -> bytes | None:
        """The original bytes of one entry, from the batch's pack of originals."""
        if entry.get("offset") is None:
            return None
        with open(self.folder / ORIGINALS, "rb") as pack:
            pack.seek(entry["offset"])
            data = pack.read(entry["size"])
        if _sha(data) != entry["before"]:
            raise WriteBackError(f"the journal copy of {entry['rel']} is damaged")
        return data

    def finish(self, written: list[str]) -> None:
        self.manifest["written"] = written
        self.manifest["complete"] = True
        self.save()
        with contextlib.suppress(FileNotFoundError):
            (self.folder.parent / "inflight").unlink()


def start_batch(vault: Path, entries: list[tuple[str, bytes | None, bytes, int | None]]) -> Batch:
    """Journal ``(rel, before, after, mode)`` for each file about to be written."""
    root = journal_dir(vault)
    root.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    folder = root / f"{stamp}-{os.getpid()}"
    folder.mkdir()
    records = []
    # All originals in one file, one fsync: the journal costs little more than one write.
    with open(folder / ORIGINALS, "wb") as pack:
        for rel, before, after, mode in entries:
            offset = None
            if before is not None:
                offset = pack.tell()
                pack.write(before)
            records.append({
                "rel": rel, "offset": offset, "size": len(before or b""), "mode": mode,
                "before": _sha(before), "after": _sha(after),
            })
        pack.flush()
        os.fsync(pack.fileno())
    batch = Batch(folder, {"id": folder.name, "vault": str(vault), "entries": records,
                           "complete": False, "written": None, "undone": False})
    batch.save()
    _write_durably(root / "inflight", folder.name.encode())
    _prune(root)
    return batch


def _batches(root: Path) -> list[Batch]:
    out = []
    for folder in sorted(p for p in root.glob("*-*") if p.is_dir()):
        try:
            manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
        except (OSError, ValueError):
            continue
        out.append(Batch(folder, manifest))
    return out


def _prune(root: Path) -> None:
    for batch in _batches(root)[:-KEEP_BATCHES]:
        shutil.rmtree(batch.folder, ignore_errors=True)


def recover(vault: Path) -> list[Path]:
    """Close a batch a killed writer left in flight: sweep its temp files, record which of
    its files hold their new bytes. Call with the vault lock held. The temp files removed."""
    root = journal_dir(vault)
    marker = root / "inflight"
    try:
        batch_id = marker.read_text("utf-8").strip()
    except OSError:  # none in flight (or no journal yet)
        return []
    removed: list[Path] = []
    batch = next((b for b in _batches(root) if b.id == batch_id), None)
    if batch is not None:
        folders = {(vault / e["rel"]).parent for e in batch.manifest["entries"]}
        for folder in sorted(folders):
            removed.extend(sweep_temps(folder))
        written = [
            e["rel"] for e in batch.manifest["entries"]
            if _sha(read_current(vault / e["rel"])) == e["after"]
        ]
        batch.finish(written)
    with contextlib.suppress(FileNotFoundError):
        marker.unlink()
    return removed


def last_batch(vault: Path) -> Batch | None:
    """The most recent batch that wrote something and is not undone yet."""
    root = journal_dir(vault)
    if not root.is_dir():
        return None
    for batch in reversed(_batches(root)):
        if not batch.manifest.get("undone") and batch.manifest.get("written"):
            return batch
    return None


@dataclass
class UndoReport:
    journal_id: str | None
    restored: list[str] = field(default_factory=list)
    left: list[tuple[str, str]] = field(default_factory=list)


def undo_last(vault: Path, *, dry_run: bool = False) -> UndoReport:
    """Put back the bytes and mode of every file of the last batch, unless the file changed
    since vinculo wrote it (then it is left, and reported). Call with the vault lock held.

    A batch a killed writer left in flight is closed first (:func:`recover`): it is the
    last batch, and what it wrote is what ``undo`` takes back."""
    recover(vault)
    batch = last_batch(vault)
    report = UndoReport(batch.id if batch else None)
    if batch is None:
        return report
    written = set(batch.manifest["written"])
    for entry in batch.manifest["entries"]:
        if entry["rel"] not in written:
            continue
        rel = entry["rel"]
        path = vault / rel
        current = read_current(path)
        if _sha(current) != entry["after"]:
            report.left.append((rel, "changed since vinculo wrote it: left as it is"))
            continue
        if dry_run:
            report.restored.append(rel)
            continue
        try:
            before = batch.before(entry)
            if before is None:
                path.unlink()
            else:
                atomic_write(path, before, expected=current, mode=entry["mode"])
        except (WriteBackError, OSError) as exc:
            report.left.append((rel, str(exc) if isinstance(exc, WriteBackError) else
                                f"cannot restore: {exc.strerror or exc}"))
            continue
        report.restored.append(rel)
    if not dry_run:
        batch.manifest["undone"] = True
        batch.save()
    return report
