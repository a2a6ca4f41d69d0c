"""The persistent index cache: what each note said last time, so unchanged notes are not
read again.

One SQLite file per vault in the state folder (never in the vault). A row per note, keyed by
its path and checked against its size, modification time and a content hash:

- size and mtime equal → the row is trusted and the file is not opened;
- otherwise the file is read and parsed; if its hash is unchanged (a touch, a sync tool
  rewriting the same bytes) its mentions and interactions are still reused.

Mentions and interactions depend on more than the note (the contacts and their names, the
plugins, the configuration): they are stored with a fingerprint of all that, and reused only
when it is unchanged. A cache that cannot be opened, read or unpickled, or that was written by
another version, is deleted and rebuilt — never trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vinculo.codec import Analysis, unpack_analysis
from vinculo.errors import RetryError
from vinculo.model import Diagnostic, Note
from vinculo.notes import decode
from vinculo.version import __version__

SCHEMA = 6  # 6: Interaction.tentative
CACHE_ENV = "VINCULO_NO_CACHE"
FILE_NAME = "index.sqlite"
# A file modified this close before a run looked at it may change again within the same mtime
# (file-system clocks tick coarsely): its size and mtime do not vouch for its bytes next time,
# which are read again (git calls such entries "racily clean").
RACY_NS = 2_000_000_000


def trusted_mtime(mtime_ns: int, looked_ns: int) -> int:
    """The mtime a row keeps for a note looked at from ``looked_ns``: -1 (never matches, so
    the note is read again next time, its analysis kept if the bytes are the same) when it
    was modified too close to that look."""
    return -1 if mtime_ns >= looked_ns - RACY_NS else mtime_ns


class StaleNoteError(RetryError, RuntimeError):
    """A note changed on disk after the cache vouched for it: the run must start over."""


def digest(data: bytes) -> str:
    """The content hash the cache keys notes by."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class CachedNote(Note):
    """A note restored from the cache: its bytes are read only when a stage asks for them,
    and only if they still hash to what was cached."""

    _raw: bytes | None = None
    _text: str | None = None
    sha: str = ""

    @property
    def raw(self) -> bytes:
        if self._raw is None:
            self._load()
        return self._raw  # type: ignore[return-value]  # _load() set it

    @raw.setter
    def raw(self, value: bytes | None) -> None:
        self._raw = value

    @property
    def text(self) -> str:
        if self._text is None:
            if self._raw is None:
                self._load()
            else:
                self._text = decode(self._raw)[0] or ""
        return self._text  # type: ignore[return-value]  # _load() set it

    @text.setter
    def text(self, value: str | None) -> None:
        self._text = value

    @property
    def loaded(self) -> bool:
        return self._raw is not None

    def _load(self) -> None:
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise StaleNoteError(f"{self.rel}: cannot read it again ({exc.strerror})") from exc
        if digest(data) != self.sha:
            raise StaleNoteError(f"{self.rel} changed while vinculo was reading the vault")
        text, _, _ = decode(data)
        self._raw, self._text = data, text or ""


_PARSED_FIELDS = ("frontmatter", "body_start", "has_bom", "frontmatter_span", "frontmatter_ok",
                  "date", "diagnostics")


def _parsed_of(note: Note) -> tuple[Any, ...]:
    return tuple(getattr(note, f) for f in _PARSED_FIELDS)


def pack_parsed(note: Note) -> bytes:
    """A note's parsed fields as the cache stores them."""
    return pickle.dumps(_parsed_of(note), protocol=pickle.HIGHEST_PROTOCOL)


def slim_note(note: Note) -> tuple[str, bytes, bytes]:
    """A parsed note as ``(sha, packed parsed fields, bytes)``: what a worker sends back, in
    the form the cache stores, so the parent process neither reads nor pickles it again."""
    return digest(note.raw), pack_parsed(note), note.raw


def without_bytes(note: Note) -> Note:
    """``note`` as another process needs it: a cached note travels without its bytes (read
    again, and checked against its hash, if that process asks for them)."""
    if not isinstance(note, CachedNote) or note.__dict__.get("_raw") is None:
        return note
    light = object.__new__(CachedNote)
    light.__dict__.update(note.__dict__, _raw=None, _text=None)
    return light


def restore_note(path: Path, rel: str, sha: str, parsed: tuple[Any, ...],
                 raw: bytes | None = None) -> CachedNote:
    """A note from its parsed fields; without ``raw``, its bytes are read (and checked
    against ``sha``) on first use."""
    # Without __init__ (every field is set here): ten thousand notes restore in a third of
    # the time.
    note = object.__new__(CachedNote)
    note.__dict__.update(zip(_PARSED_FIELDS, parsed, strict=True))
    note.__dict__.update(path=path, rel=rel, _raw=raw, _text=None, sha=sha)
    return note


@dataclass
class Row:
    size: int
    mtime_ns: int
    sha: str
    parsed: bytes
    world: str | None
    analysis: bytes | None


def fingerprint(parts: Iterable[Any]) -> str:
    """A stable hash of everything mentions and interactions depend on besides the note."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{SCHEMA}|{__version__}".encode())
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogateescape"))
        h.update(b"\x00")
    return h.hexdigest()


class NoteCache:
    """Rows of one vault's cache, loaded at once (one query), saved at once (one transaction)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.opened_ns = time.time_ns()  # before the run looks at any note
        self.rows: dict[str, Row] = {}
        self.problems: list[Diagnostic] = []
        self._dirty: dict[str, Row] = {}
        self._seen: set[str] = set()
        # Rows that describe the note as this run found it (restored, or read and remembered):
        # only their analyses may be used or replaced. A note read some other way (through a
        # symbolic link) or found unreadable keeps no row's analysis from a former version.
        self._current: set[str] = set()
        self._load()

    # --- reading ----------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=5)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        return con

    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            with self._connect() as con:
                meta = dict(con.execute("SELECT key, value FROM meta"))
                if meta.get("schema") != str(SCHEMA) or meta.get("version") != __version__:
                    raise sqlite3.DatabaseError("written by another version")
                for rel, *values in con.execute(
                    "SELECT rel, size, mtime_ns, sha, parsed, world, analysis FROM notes"
                ):
                    self.rows[rel] = Row(*values)
            con.close()
        except sqlite3.Error as exc:
            self._discard(f"index cache rebuilt ({exc})")

    def _discard(self, why: str) -> None:
        self.rows = {}
        self.problems.append(Diagnostic(FILE_NAME, why, "info"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def note(self, path: Path, rel: str, size: int, mtime_ns: int) -> CachedNote | None:
        """The cached note when its size and mtime are unchanged (the file is not opened)."""
        self._seen.add(rel)
        row = self.rows.get(rel)
        if row is None or row.size != size or row.mtime_ns != mtime_ns:
            return None
        note = self._unpickle_note(path, rel, row)
        if note is not None:
            self._current.add(rel)
        return note

    def _unpickle_note(self, path: Path, rel: str, row: Row) -> CachedNote | None:
        try:
            return restore_note(path, rel, row.sha, pickle.loads(row.parsed))
        except Exception:  # any unpickling failure means the row is not ours to trust
            self.rows.pop(rel, None)
            return None

    def analysis(self, rel: str, world: str) -> Analysis | None:
        """A note's cached :class:`~vinculo.codec.Analysis`, when computed in the same
        world."""
        row = self._dirty.get(rel) or self.rows.get(rel)
        if rel not in self._current or row is None or row.world != world or row.analysis is None:
            return None
        try:
            return unpack_analysis(row.analysis)
        except Exception:
            return None

    # --- writing ----------------------------------------------------------------------------

    def remember(self, note: Note, size: int, mtime_ns: int, parsed: bytes | None = None) -> None:
        """Record a freshly parsed note (``parsed``: its :func:`pack_parsed`, when already
        made). Same bytes as the cached row (only touched): its analysis stays valid; else it
        is recomputed later and given with :meth:`analysed`."""
        sha = note.sha if isinstance(note, CachedNote) else digest(note.raw)
        parsed = parsed if parsed is not None else pack_parsed(note)
        old = self.rows.get(note.rel)
        world, analysis = (old.world, old.analysis) if old and old.sha == sha else (None, None)
        self._dirty[note.rel] = Row(size, mtime_ns, sha, parsed, world, analysis)
        self._current.add(note.rel)

    def analysed(self, rel: str, world: str, blob: bytes) -> None:
        """Record a note's :func:`~vinculo.codec.pack_analysis` computed in ``world``."""
        row = self._dirty.get(rel) or self.rows.get(rel)
        if rel not in self._current or row is None:
            return
        self._dirty[rel] = Row(row.size, row.mtime_ns, row.sha, row.parsed, world, blob)

    def save(self, *, without: Iterable[str] = ()) -> None:
        """Write what changed in one transaction; forget notes that are gone. Best effort:
        a cache that cannot be written is only slower next time. ``without``: notes whose
        new rows are not written (a sync has just replaced their bytes, see
        :func:`saved_with_sync`)."""
        for rel in without:
            self._dirty.pop(rel, None)
        gone = [rel for rel in self.rows if rel not in self._seen]
        if not self._dirty and not gone:
            return
        for row in self._dirty.values():
            row.mtime_ns = trusted_mtime(row.mtime_ns, self.opened_ns)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            first = not self.rows and not self.path.exists()
            if not (first and self._save_new()):  # a first run's cache: written once
                with self._connect() as con:
                    self._write(con, gone)
                con.close()
        except (sqlite3.Error, OSError):
            return
        self.rows.update(self._dirty)
        for rel in gone:
            self.rows.pop(rel, None)
        self._dirty = {}

    def _write(self, con: sqlite3.Connection, gone: list[str]) -> None:
        """The save's one transaction on ``con``: the rows changed, the notes gone."""
        con.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        con.execute(
            "CREATE TABLE IF NOT EXISTS notes (rel TEXT PRIMARY KEY, size INTEGER, "
            "mtime_ns INTEGER, sha TEXT, parsed BLOB, world TEXT, analysis BLOB)"
        )
        con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                        [("schema", str(SCHEMA)), ("version", __version__)])
        con.executemany(
            "INSERT OR REPLACE INTO notes VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(rel, r.size, r.mtime_ns, r.sha, r.parsed, r.world, r.analysis)
             for rel, r in self._dirty.items()],
        )
        con.executemany("DELETE FROM notes WHERE rel = ?", [(rel,) for rel in gone])

    def _save_new(self) -> bool:
        """Write a cache that does not exist yet as a file of its own, then put it in place;
        False when that could not be done (the caller saves as usual).

        A first run saves every note (15 MB at 10,000 notes): through the write-ahead log,
        every byte was written twice, to the log and then, as the connection closed, into
        the file. Built beside the cache with no journal (a file nobody reads yet needs
        none), flushed once and renamed into place, it is written once; a run that reads
        it next finds it whole, in write-ahead-log mode as if saved the usual way, or finds
        no cache at all."""
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.new")
        try:
            tmp.unlink(missing_ok=True)
            con = sqlite3.connect(tmp)
            try:
                con.execute("PRAGMA journal_mode=OFF")
                con.execute("PRAGMA synchronous=OFF")
                with con:
                    self._write(con, [])
                con.execute("PRAGMA journal_mode=WAL")  # as every later connection opens it
            finally:
                con.close()
            fd = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            for suffix in ("-wal", "-shm"):  # a log left without its file is not this file's
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            os.replace(tmp, self.path)
        except (sqlite3.Error, OSError):
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            return False
        return True


def cache_path(vault: Path, config: Any) -> Path | None:
    """Where the vault's cache lives, or None when disabled (``[cache] enabled = false`` or
    ``$VINCULO_NO_CACHE``) or when the state folder would sit inside the vault."""
    from vinculo.state_folder import inside_vault, state_dir

    if os.environ.get(CACHE_ENV) or not config.get("cache.enabled", True) or inside_vault(vault):
        return None
    return state_dir(vault) / FILE_NAME


def open_cache(vault: Path, config: Any) -> NoteCache | None:
    """The vault's cache (see :func:`cache_path`), or None when there is none to use."""
    path = cache_path(vault, config)
    for held in _HELD:  # a run reading the vault again (a sync's retry) reads them saved
        held.save()
    return None if path is None else NoteCache(path)


class SyncSave:
    """A sync's cache save, held until its pass has written (see :func:`saved_with_sync`)."""

    def __init__(self) -> None:
        self.written: set[str] = set()  # the notes the sync wrote: their new rows are dropped
        self._store: NoteCache | None = None

    def hold(self, store: NoteCache) -> None:
        self._store = store

    def holding(self) -> bool:
        return self._store is not None

    def save(self) -> None:
        """Write the held save, without the rows of the notes written."""
        store, self._store = self._store, None
        if store is not None:
            store.save(without=self.written)


_HELD: list[SyncSave] = []


@contextlib.contextmanager
def saved_with_sync() -> Iterator[SyncSave]:
    """Inside, the cache a run reads the vault with (:func:`save`) is saved at the end of the
    block, whatever happens in it: once the sync has written, without the rows of the notes
    it adds to ``written``.

    A first sync writes nearly every note: the rows of what it read describe bytes it has
    just replaced, which the next run reads and analyses again whatever the cache holds.
    Writing them cost a first sync of 10,000 notes 15 MB of SQLite (0.1 s of processor
    time, 0.15–0.3 s in all) for nothing. (Only a ``vinculo undo`` right after gives those
    bytes back; the sync after it then analyses them again, as a first sync does.) A dry run
    keeps every row: the sync that follows it reads the same bytes."""
    held = SyncSave()
    _HELD.append(held)
    try:
        yield held
    finally:
        _HELD.remove(held)
        held.save()


def save(store: NoteCache) -> None:
    """Save ``store`` now, or as the enclosing :func:`saved_with_sync` block says."""
    if _HELD and not _HELD[-1].holding():
        _HELD[-1].hold(store)
    else:
        store.save()


# --- rows for the settled-vault memo (vinculo.memo keeps its own table beside them) ---------


@contextlib.contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """The cache file opened read-only (it is never created, and a writer is not held up),
    closed after the block: how the memo, the state and the rows a replay needs are read."""
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        yield con
    finally:
        con.close()


def same_version(con: sqlite3.Connection) -> bool:
    """Whether the cache behind ``con`` was written by this vinculo, with this schema."""
    meta = dict(con.execute("SELECT key, value FROM meta"))
    return meta.get("schema") == str(SCHEMA) and meta.get("version") == __version__


def read_rows(con: sqlite3.Connection, rels: Iterable[str]) -> dict[str, Row]:
    """The cache rows of ``rels`` (those it has)."""
    rows: dict[str, Row] = {}
    wanted = list(rels)
    for start in range(0, len(wanted), 500):  # SQLite's bound on parameters
        part = wanted[start:start + 500]
        query = ("SELECT rel, size, mtime_ns, sha, parsed, world, analysis FROM notes "
                 f"WHERE rel IN ({','.join('?' * len(part))})")
        for rel, *values in con.execute(query, part):
            rows[rel] = Row(*values)
    return rows


def write_rows(con: sqlite3.Connection, rows: dict[str, Row]) -> None:
    """Store ``rows`` (notes the memo read again), in the caller's transaction."""
    con.executemany(
        "INSERT OR REPLACE INTO notes VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(rel, r.size, r.mtime_ns, r.sha, r.parsed, r.world, r.analysis)
         for rel, r in rows.items()],
    )
