"""The undo journal: the original bytes and mode of every file a batch writes, kept in the
vault's state folder (never in the vault), written and fsynced *before* the first write.

A batch whose process died mid-way stays marked in flight; the next writer (or ``undo``)
sweeps the temp files it may have left and closes it, so ``undo`` takes it back first, for
the files it did write.

Batches written inside one :func:`one_undo` (a sync and its race retries) share a group, and
``undo`` takes a group back as one. The last :data:`KEEP_BATCHES` groups are kept, and
besides them the groups worth keeping longer (:func:`_worth_keeping`: a watcher session's first
sync, any group over :data:`KEEP_SIZE` files) until the user drops them (``undo --drop``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vinculo.errors import WriteBackError
from vinculo.state_folder import command_name, inside_vault, session, state_dir
from vinculo.writeback.apply.atomic import (
    atomic_write,
    read_current,
    sweep_temps,
    write_durably,
)

KEEP_BATCHES = 20  # undo groups kept, newest first
KEEP_SIZE = 50  # a group that wrote at least this many files is kept until dropped
KEEP_PINNED = 10  # at most this many such groups (the oldest beyond it goes)
ORIGINALS = "originals.bin"
STATE_INSIDE = "the state folder ($VINCULO_STATE_DIR) is inside the vault"


def _sha(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


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
        write_durably(self.folder / "manifest.json", data)

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


_group: dict[str, Any] = {"id": None, "depth": 0}


@contextlib.contextmanager
def one_undo() -> Iterator[None]:
    """Every batch written inside is one step of ``undo`` (a sync and its retries). Nested
    uses join the outer group."""
    _group["depth"] += 1
    try:
        yield
    finally:
        _group["depth"] -= 1
        if not _group["depth"]:
            _group["id"] = None


def _worth_keeping(files: int) -> str | None:
    """Why a new group is kept past the last :data:`KEEP_BATCHES`, or None."""
    if command_name() == "watch" and session["groups"] == 1:
        return "first sync of a watch session"
    if files >= KEEP_SIZE:
        return f"{files} files"
    return None


def start_batch(vault: Path, entries: list[tuple[str, bytes | None, bytes, int | None]]) -> Batch:
    """Journal ``(rel, before, after, mode)`` for each file about to be written."""
    root = journal_dir(vault)
    root.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    folder = root / f"{stamp}-{os.getpid()}"
    while folder.exists():  # two batches in one microsecond (a retry)
        folder = folder.with_name(folder.name + "x")
    folder.mkdir()
    group = _group["id"] if _group["depth"] else None
    if group is None:
        session["groups"] += 1
        group = folder.name
        if _group["depth"]:
            _group["id"] = group
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
                           "complete": False, "written": None, "undone": False,
                           "group": group, "command": command_name()})
    if group == folder.name:
        batch.manifest["keep"] = _worth_keeping(len(records))
    batch.save()
    write_durably(root / "inflight", folder.name.encode())
    _prune(root)
    return batch


# Manifests already parsed by this process, by folder, with the file's identity when read: a
# watcher journals a pass on every save, and parsing the kept batches each time (a first sync's
# manifest lists every note) was a fifth of its pass.
_PARSED: dict[Path, tuple[tuple[int, int, int], dict[str, Any]]] = {}


def _manifest(folder: Path) -> dict[str, Any]:
    """A batch's manifest (OSError, ValueError when unreadable). A copy of the top level:
    callers set keys on it, never inside its entries."""
    path = folder / "manifest.json"
    info = path.stat()
    key = (info.st_ino, info.st_mtime_ns, info.st_size)  # saved by a rename: a new inode
    known = _PARSED.get(folder)
    if known is None or known[0] != key:
        known = _PARSED[folder] = key, json.loads(path.read_text("utf-8"))
    return dict(known[1])


def _batches(root: Path) -> list[Batch]:
    out = []
    folders = sorted(p for p in root.glob("*-*") if p.is_dir())
    present = set(folders)
    for gone in [f for f in _PARSED if f.parent == root and f not in present]:
        del _PARSED[gone]
    for folder in folders:
        try:
            manifest = _manifest(folder)
        except (OSError, ValueError):
            continue
        out.append(Batch(folder, manifest))
    return out


def _group_of(batch: Batch) -> str:
    return str(batch.manifest.get("group") or batch.id)


def _groups(root: Path) -> list[list[Batch]]:
    """The batches by undo group, oldest group first, each group's batches in order."""
    groups: dict[str, list[Batch]] = {}
    for batch in _batches(root):
        groups.setdefault(_group_of(batch), []).append(batch)
    return sorted(groups.values(), key=lambda g: g[0].id)


def _kept(group: list[Batch]) -> str | None:
    return next((b.manifest["keep"] for b in group if b.manifest.get("keep")), None)


def _prune(root: Path) -> None:
    """Keep the last KEEP_BATCHES groups, and the newest KEEP_PINNED groups kept longer."""
    groups = _groups(root)
    recent = groups[-KEEP_BATCHES:]
    pinned = [g for g in groups[:-KEEP_BATCHES] if _kept(g) and not _undone(g)][-KEEP_PINNED:]
    keep = {id(g) for g in (*recent, *pinned)}
    import shutil  # here: only a write that drops old batches needs it (it loads bz2, lzma)

    for group in groups:
        if id(group) not in keep:
            for batch in group:
                shutil.rmtree(batch.folder, ignore_errors=True)


def _undone(group: list[Batch]) -> bool:
    return all(b.manifest.get("undone") or not b.manifest.get("written") for b in group)


def _holding_new_bytes(vault: Path, batch: Batch) -> list[str]:
    """The files of a batch that hold the bytes it wrote (what a killed writer got done)."""
    return [
        e["rel"] for e in batch.manifest["entries"]
        if e["after"] != e["before"] and _sha(read_current(vault / e["rel"])) == e["after"]
    ]


def _close(vault: Path, batch: Batch) -> list[Path]:
    """Finish a batch its writer never finished: sweep temp files, record what it wrote."""
    folders = {(vault / e["rel"]).parent for e in batch.manifest["entries"]}
    removed: list[Path] = []
    for folder in sorted(folders):
        removed.extend(sweep_temps(folder))
    written = _holding_new_bytes(vault, batch)
    batch.manifest["interrupted"] = True
    batch.finish(written)
    return removed


def _peek(vault: Path, groups: list[list[Batch]]) -> list[list[Batch]]:
    """``groups`` with each unfinished batch read as :func:`recover` would close it, in
    memory only (a dry run and ``--list`` change nothing)."""
    for group in groups:
        for batch in group:
            if not batch.manifest.get("complete"):
                batch.manifest["written"] = _holding_new_bytes(vault, batch)
                batch.manifest["interrupted"] = True
    return groups


def recover(vault: Path) -> list[Path]:
    """Close every batch a killed writer left unfinished: sweep its temp files, record which
    of its files hold their new bytes. Call with the vault lock held (no live writer then).
    The temp files removed."""
    root = journal_dir(vault)
    if not root.is_dir():
        return []
    removed: list[Path] = []
    for batch in _batches(root):
        if not batch.manifest.get("complete"):
            removed.extend(_close(vault, batch))
    with contextlib.suppress(FileNotFoundError):
        (root / "inflight").unlink()
    return removed


def _last_group(vault: Path) -> list[Batch]:
    """The batches of the newest undo group that wrote something not undone yet."""
    root = journal_dir(vault)
    if not root.is_dir():
        return []
    for group in reversed(_peek(vault, _groups(root))):
        # A batch whose writer was killed is taken back first even when the kill came before
        # any rename (the group commit writes every temp file first): taking it back is then
        # sweeping its temp files, never undoing the batch before it.
        live = [b for b in group if not b.manifest.get("undone")
                and (b.manifest.get("written") or b.manifest.get("interrupted"))]
        if live:
            return live
    return []


@dataclass
class UndoReport:
    journal_id: str | None
    restored: list[str] = field(default_factory=list)
    left: list[tuple[str, str]] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)  # files vinculo had created, removed
    interrupted: bool = False  # the batch's writer was killed mid-way


def undo_last(vault: Path, *, dry_run: bool = False) -> UndoReport:
    """Put back the bytes and mode of every file of the last undo group (a sync and its
    retries, one batch of any other command), unless the file changed since vinculo wrote it
    (then it is left, and reported). A group whose writer was killed is closed first, so it
    is the one taken back. Call with the vault lock held."""
    if not dry_run:
        recover(vault)
    group = _last_group(vault)
    report = UndoReport(_group_of(group[0]) if group else None)
    if not dry_run:
        _hold(vault, group)
    outcome: dict[str, tuple[str, str]] = {}  # rel -> ("restored" | "deleted" | "left", why)
    for batch in reversed(group):  # newest first: a retry wrote on top of the first batch
        report.interrupted |= bool(batch.manifest.get("interrupted"))
        _undo_batch(vault, batch, outcome, dry_run=dry_run)
    for rel, (what, why) in outcome.items():
        if what == "left":
            report.left.append((rel, why))
        else:
            (report.deleted if what == "deleted" else report.restored).append(rel)
    return report


def _hold(vault: Path, group: list[Batch]) -> None:
    """Tell a running (or later) watcher what this undo puts back, before it does: the
    oldest bytes of each file the group wrote (see :mod:`vinculo.writeback.held`)."""
    from vinculo.writeback.held import hold

    restored: dict[str, str | None] = {}
    for batch in group:  # oldest first: the first batch's originals are what comes back
        written = set(batch.manifest.get("written") or ())
        for entry in batch.manifest["entries"]:
            if entry["rel"] in written:
                restored.setdefault(entry["rel"], entry["before"] if entry.get("offset")
                                    is not None else None)
    hold(vault, restored)


def _undo_batch(vault: Path, batch: Batch, outcome: dict[str, tuple[str, str]], *,
                dry_run: bool) -> None:
    """Undo one batch; a file an older batch of the group also wrote is undone again by it
    (in a dry run, its state after this batch is assumed)."""
    written = set(batch.manifest["written"])
    for entry in batch.manifest["entries"]:
        rel = entry["rel"]
        if rel not in written or outcome.get(rel, ("",))[0] == "left":
            continue
        path = vault / rel
        current = read_current(path)
        if _sha(current) != entry["after"] and not (dry_run and rel in outcome):
            outcome[rel] = ("left", "changed since vinculo wrote it: left as it is")
            continue
        what = "deleted" if entry.get("offset") is None else "restored"
        if dry_run:
            outcome[rel] = (what, "")
            continue
        try:
            before = batch.before(entry)
            if before is None:
                path.unlink()
            else:
                atomic_write(path, before, expected=current, mode=entry["mode"])
        except (WriteBackError, OSError) as exc:
            outcome[rel] = ("left", str(exc) if isinstance(exc, WriteBackError) else
                            f"cannot restore: {exc.strerror or exc}")
            continue
        outcome[rel] = (what, "")
    if not dry_run:
        batch.manifest["undone"] = True
        batch.save()


@dataclass
class GroupInfo:
    """One step of ``undo``, as ``undo --list`` shows it."""

    id: str
    command: str
    files: int
    undone: bool
    kept: str | None  # why it is kept past the last KEEP_BATCHES, None when it is not
    interrupted: bool

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def list_groups(vault: Path) -> list[GroupInfo]:
    """Every undo group kept, newest first (the one ``undo`` takes back first is first)."""
    root = journal_dir(vault)
    if not root.is_dir():
        return []
    out = []
    for group in reversed(_peek(vault, _groups(root))):
        files = {rel for b in group for rel in (b.manifest.get("written") or [])}
        if not files and not any(b.manifest.get("interrupted") for b in group):
            continue
        out.append(GroupInfo(
            _group_of(group[0]), str(group[0].manifest.get("command") or "write"), len(files),
            _undone(group), _kept(group),
            any(b.manifest.get("interrupted") or not b.manifest.get("complete") for b in group),
        ))
    return out


def drop_group(vault: Path, group_id: str) -> bool:
    """Forget one undo group (its originals are deleted): False when there is no such group."""
    root = journal_dir(vault)
    if not root.is_dir():
        return False
    for group in _groups(root):
        if _group_of(group[0]) == group_id:
            import shutil

            for batch in group:
                shutil.rmtree(batch.folder, ignore_errors=True)
            return True
    return False
