"""A settled vault: the last sync found nothing to write, and the next may say so again
without a full pass.

After a sync whose plan was empty, vinculo keeps a memo of what that answer rested on: each
note's size, mtime and content hash (its cached analysis holds what it gives the plan: its
date and interactions, of which histories, stages, suggestions, blocks and the dashboard are
made), which notes are contacts, the files plugins own, and the summary the sync printed. The
next sync asks the memo first, and answers from it only when all of this holds:

- the same vinculo, plugins (and their versions), configuration and day;
- the same notes: none created, deleted or renamed;
- no contact note, no file a plugin owns (``owned_files`` hook) and no note with a
  diagnostic changed;
- every other note that changed (its size or mtime moved, or it was saved too close to the
  memo to trust its mtime) was read again and analysed, and still has the same date and
  interactions, and no name to link.

Then a full pass would plan nothing too, and say the same. When the only difference is that
some changed notes give new events, open loops or names to link (a coffee logged in today's
note), :func:`answer` asked with ``events`` hands them over as a :class:`Pending`: the sync
service replays them on the state the last full pass left (:mod:`vinculo.event_sync`).
Anything else, or any doubt, runs the sync in full. The contract this relies on is the persistent cache's: hooks depend
only on their arguments (a plugin that reads anything else should ask users to turn the
cache off with ``[cache] enabled = false``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import pickle
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pluggy

from vinculo.cache import (
    FILE_NAME,
    RACY_NS,
    CachedNote,
    Row,
    cache_path,
    digest,
    fingerprint,
    pack_parsed,
    read_rows,
    reading,
    restore_note,
    same_version,
    trusted_mtime,
    write_rows,
)
from vinculo.config import Config
from vinculo.model import Contact, Note

# The event mode's state (vinculo.event_sync): its head (None: the one stored stands), and
# each contact's part by name.
State = tuple[bytes | None, dict[str, bytes]]

# More changed notes than this: a full pass (which reads them in parallel) is as quick.
MOST_CHANGED = 200
# The memo's table: the memo (row 0), the event mode's state (row 1, vinculo.event_sync), the
# name matcher's input (this row, see _names), and the memo's three large fields in rows of
# their own (_PARTS), each written only when it changed: a replay rewrote the whole memo, 2 MB,
# to record one note's new size and hash. The notes are kept as their last whole list and the
# entries that changed since (_NOTES_SINCE); the contact rows likewise (_ROWS, _ROWS_SINCE:
# a replay changes a row or two of 1,000; row 5 held them whole, and an older version that
# finds it gone runs the full pass instead of printing rows older than the memo).
NAMES_ROW = 2
VARIANTS_ROW = 9  # the names' variants, apart from their entries (see _names)
_PARTS = {"notes": 3, "contacts": 4, "rows": 5}
_NOTES_SINCE = 6
_ROWS, _ROWS_SINCE = 7, 8
_MOST_SINCE = 500  # more notes changed than this: their whole list is written again


@dataclass
class Memo:
    """What the last settled sync's answer rested on, and the answer."""

    key: str  # vinculo, plugins, configuration, day
    seen_ns: int  # when the notes' bytes were last known to match their size and mtime
    notes: dict[str, tuple[int, int, str]]  # rel -> (size, mtime_ns, content hash)
    others: set[str]  # walked but not notes (sync-conflict copies)
    contacts: dict[str, bytes]  # contact notes, in scan order, with their parsed fields packed
    owned: dict[str, tuple[int, int] | None]  # files plugins write whole (None: absent)
    noisy: set[str]  # notes with diagnostics
    world: str  # the cache's fingerprint of everything an analysis depends on
    summary: dict[str, Any]
    problems: list[str]  # the scan's diagnostics that are not info, as printed
    diagnostics: list[str]  # the plan's
    rows: list[dict[str, Any]] = field(default_factory=list)  # contact_rows, for --json
    # Files the event mode wrote after this memo looked (contact notes, owned files), by the
    # hash of their bytes: saved so recently that their mtime cannot vouch for them, they are
    # vouched for by their content (vinculo.event_sync.settle_written).
    written: dict[str, str] = field(default_factory=dict)
    # What the linker reads besides the contacts, as the full pass found them: the titles
    # that continue past a contact's name, the contacts' link paths (same notes, same
    # contacts, same answer; None in a memo kept before these fields: computed again).
    continuing: frozenset[str] | None = None
    # LinkPaths' write, files and owner, as plain data: reading a memo never loads the linker
    links: tuple[dict[str, str], dict[str, tuple[str, ...]], dict[str, str]] | None = None


def run_key(config: Config, pm: pluggy.PluginManager, today: dt.date) -> str:
    versions = {id(plugin): dist.version for plugin, dist in pm.list_plugin_distinfo()}
    plugins = sorted((name, versions.get(id(plugin))) for name, plugin in pm.list_name_plugin()
                     if plugin is not None)
    return fingerprint(["settled", today.isoformat(), config.data, config.obsidian_ignore,
                        plugins])


def owned_files(config: Config, pm: pluggy.PluginManager) -> list[str] | None:
    """Every file plugins write whole; None when a plugin writes some without saying which."""
    writers = {impl.plugin_name for impl in pm.hook.plan_files.get_hookimpls()}
    declared = {impl.plugin_name for impl in pm.hook.owned_files.get_hookimpls()}
    if not writers <= declared:
        return None
    return sorted({rel for batch in pm.hook.owned_files(config=config) for rel in batch or []})


def _stat(vault: Path, rel: str) -> tuple[int, int] | None:
    try:
        info = os.stat(vault / rel)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


# --- recording -------------------------------------------------------------------------------


@dataclass
class Look:
    """Taken before a full pass reads the vault: when, and the stats of the owned files (a
    change after this look, even while the pass runs, then shows in the next sync)."""

    seen_ns: int
    owned: dict[str, tuple[int, int] | None]


def look(vault: Path, config: Config, pm: pluggy.PluginManager) -> Look | None:
    """None when no memo can be kept (no cache, or a plugin's files are unknown)."""
    owned = owned_files(config, pm)
    if cache_path(vault, config) is None or owned is None:
        return None
    return Look(time.time_ns(), {rel: _stat(vault, rel) for rel in owned})


def remember(seen: Look, index: Any, pm: pluggy.PluginManager, diagnostics: list[Any], *,
             state: State | None = None) -> None:
    """Keep the memo of a sync whose plan was empty (``index``: its whole-vault index, read
    after ``seen``), with the event mode's ``state`` (:mod:`vinculo.event_sync`)."""
    from vinculo.pipeline import world_of
    from vinculo.report import contact_rows, problem_lines, scan_summary

    path = cache_path(index.vault, index.config)
    if path is None or any(d.path == FILE_NAME for d in index.scan.skipped):
        return  # the cache was rebuilt this run: the summary says so, the next one will not
    notes: dict[str, tuple[int, int, str]] = {}
    stats = index.scan.stats
    for note in index.scan.notes:
        stat = stats.get(note.rel)
        if stat is None:
            return forget(index.vault, index.config)  # read through a symbolic link
        notes[note.rel] = (*stat, note.sha if isinstance(note, CachedNote) else digest(note.raw))
    memo = Memo(
        key=run_key(index.config, pm, index.today),
        seen_ns=seen.seen_ns,
        notes=notes,
        others={d.path for d in index.scan.skipped},
        contacts={c.rel: pack_parsed(c.note) for c in index.contacts.values()},
        owned=seen.owned,
        noisy={n.rel for n in index.scan.notes if n.diagnostics},
        world=world_of(index, pm),
        summary=scan_summary(index),
        problems=problem_lines(index),
        diagnostics=[str(d) for d in diagnostics],
        rows=contact_rows(index),
        continuing=index.continuing,
        links=(dict(index.links.write), dict(index.links.files), dict(index.links.owner)),
    )
    _write_memo(path, memo, state=state or (b"", {}), whole_state=True)


def forget(vault: Path, config: Config) -> None:
    """Drop the memo: the vault is not settled (or no longer known to be)."""
    path = cache_path(vault, config)
    if path is not None and _holds_memo(path):
        _write_memo(path, None)


def _holds_memo(path: Path) -> bool:
    """Whether the cache file keeps a memo to drop. A first run's keeps none, and dropping
    it still wrote to the file (a table created, a transaction, the log copied into the
    file as the connection closed: a few hundredths of a second of every first run)."""
    if not path.exists():
        return False
    try:
        with reading(path) as con:
            if con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                           "AND name = 'settled'").fetchone() is None:
                return False
            return con.execute("SELECT 1 FROM settled LIMIT 1").fetchone() is not None
    except sqlite3.Error:
        return True  # not readable here: the write says what it can


# --- storage: the memo's own table, in the cache's file beside the rows it relies on -----------


def _memo_rows_of(path: Path, rels: Iterable[str]) -> dict[str, Row] | None:
    """The cache rows of ``rels`` beside the memo of the last settled sync; None when there is
    no memo, or the file is unreadable or from another version (the caller runs in full)."""
    if not path.exists():
        return None
    try:
        with reading(path) as con:
            if not same_version(con):
                return None
            found = con.execute("SELECT 1 FROM settled WHERE id = 0").fetchone()
            return None if found is None else read_rows(con, rels)
    except sqlite3.Error:
        return None


def _load(path: Path) -> Memo | None:
    """The memo of the last settled sync with its large fields (_PARTS), or None (no memo,
    an unreadable one, another version's)."""
    try:
        with reading(path) as con:
            if not same_version(con):
                return None
            found = dict(con.execute(
                "SELECT id, blob FROM settled WHERE id IN (0, 3, 4, 5, 6, 7, 8)"))
        memo = pickle.loads(found[0]) if 0 in found else None
        if not isinstance(memo, Memo):
            return None
        if memo.notes:  # kept whole, by a version before the parts: whatever rows 3-6 hold
            memo.__dict__.pop("_stored", None)  # is older (its next write writes every part)
            return memo
        base = pickle.loads(found[_PARTS["notes"]])
        since = pickle.loads(found[_NOTES_SINCE]) if _NOTES_SINCE in found else {}
        memo.contacts = pickle.loads(found[_PARTS["contacts"]])
        whole = _PARTS["rows"] in found  # written by a version before _ROWS: it stands
        rows = pickle.loads(found[_PARTS["rows"] if whole else _ROWS])
        rows_since = pickle.loads(found[_ROWS_SINCE]) if _ROWS_SINCE in found and not whole else {}
        memo.rows = list(rows)
        for at, row in rows_since.items():
            memo.rows[at] = row
    except Exception:  # a memo is an optimisation: an unreadable one runs the full pass
        return None
    memo.notes = {**base, **since}
    # As stored: what the next write need not write again (see _memo_rows).
    memo.__dict__["_stored"] = {"notes": base, "since": since, "contacts": dict(memo.contacts),
                                "rows": None if whole else rows,
                                "rows_since": rows_since}
    return memo


def _memo_rows(memo: Memo) -> tuple[dict[int, bytes | None], dict[str, Any]]:
    """The rows that store ``memo`` (None: a row to delete) — the memo without its large
    fields, and those of them that changed since it was read or written — and what is then
    stored (for the next write)."""
    stored = memo.__dict__.get("_stored", {})
    dump = pickle.dumps
    lean = replace(memo, notes={}, contacts={}, rows=[])
    out: dict[int, bytes | None] = {0: dump(lean, protocol=pickle.HIGHEST_PROTOCOL)}
    if "contacts" not in stored or stored["contacts"] != memo.contacts:
        out[_PARTS["contacts"]] = dump(memo.contacts, protocol=pickle.HIGHEST_PROTOCOL)
    rows, stored_rows = memo.rows, stored.get("rows")
    rows_since = {} if stored_rows is None or len(rows) != len(stored_rows) else {
        at: row for at, (row, was) in enumerate(zip(rows, stored_rows, strict=True))
        if row is not was and row != was}
    if stored_rows is None or len(rows) != len(stored_rows) or len(rows_since) > _MOST_SINCE:
        stored_rows, rows_since = list(rows), {}
        out[_ROWS] = dump(stored_rows, protocol=pickle.HIGHEST_PROTOCOL)
        out[_PARTS["rows"]] = out[_ROWS_SINCE] = None
    elif rows_since != stored.get("rows_since"):
        out[_ROWS_SINCE] = dump(rows_since, protocol=pickle.HIGHEST_PROTOCOL)
    base: dict[str, Any] | None = stored.get("notes")
    notes = memo.notes
    since = {} if base is None else {rel: v for rel, v in notes.items() if base.get(rel) != v}
    if base is None or len(since) > _MOST_SINCE or len(notes) != len(base):
        base, since = dict(notes), {}
        out[_PARTS["notes"]] = dump(base, protocol=pickle.HIGHEST_PROTOCOL)
        out[_NOTES_SINCE] = None
    elif since != stored.get("since"):
        out[_NOTES_SINCE] = dump(since, protocol=pickle.HIGHEST_PROTOCOL)
    return out, {"notes": base, "since": since, "contacts": dict(memo.contacts),
                 "rows": stored_rows, "rows_since": rows_since}


# A kept write-ahead log is checkpointed once it holds this many pages (SQLite's default:
# 1,000): every run reads the log whole when it first opens the file (about 4 MB at 1,000).
_LOG_PAGES = 100


@contextlib.contextmanager
def _writing(path: Path, keep_log: bool = True) -> Iterator[sqlite3.Connection]:
    """A connection that writes to the cache file in one transaction (committed at the end of
    the block, rolled back on an error); with ``keep_log``, closed without checkpointing its
    write-ahead log.

    The last connection to close a file in WAL mode copies the log into the file and deletes
    it: four flushes to the disk (the log's, its folder's, the file's), 5-25 ms of a replay
    that writes a few kilobytes, and the log made again by the next one. A read-only
    connection held open meanwhile makes the writer's close not the last, and, being
    read-only, does not checkpoint when it closes: the log stays, its commits not flushed
    (``synchronous=NORMAL``: a commit may be lost to a power cut, never half written), until
    it holds :data:`_LOG_PAGES` pages, or the next full pass's save closes the file. A large
    write (a full pass's memo) checkpoints as before: the next run would read it all back."""
    keeper = None
    if keep_log:
        try:
            keeper = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
            if keeper.execute("PRAGMA journal_mode").fetchone() != ("wal",):
                keeper.close()  # a rollback journal: a reader would hold up the commit
                keeper = None
        except sqlite3.Error:
            if keeper is not None:
                keeper.close()
            keeper = None
    try:
        con = sqlite3.connect(path, timeout=5)
        try:
            con.execute("PRAGMA synchronous=NORMAL")  # as the cache's own writes (WAL)
            con.execute(f"PRAGMA wal_autocheckpoint={_LOG_PAGES}")
            with con:
                yield con
        finally:
            con.close()
    finally:
        if keeper is not None:
            keeper.close()


def _write_memo(path: Path, memo: Memo | None, rows: dict[str, Row] | None = None,
                state: State | None = None, whole_state: bool = False) -> None:
    """Store (or, with None, forget) the memo, with the rows of notes it re-read, in one
    transaction; ``state``: the event mode's state to keep with it (else the one stored
    stays), all of it (``whole_state``) or the contacts it names. Best effort, like the
    cache's own save."""
    if memo is None and not path.exists():
        return
    stored = None
    try:
        with _writing(path, keep_log=memo is not None and not whole_state) as con:
            con.execute("CREATE TABLE IF NOT EXISTS settled (id INTEGER PRIMARY KEY, blob BLOB)")
            if memo is None:
                con.execute("DELETE FROM settled")
            else:
                blobs, stored = _memo_rows(memo)
                for row, blob in blobs.items():
                    if blob is None:
                        con.execute("DELETE FROM settled WHERE id = ?", (row,))
                    else:
                        con.execute("INSERT OR REPLACE INTO settled VALUES (?, ?)", (row, blob))
                if state is not None:  # vinculo.event_sync's state of this memo: row 1, and
                    # each contact's part in a table of its own (a replay rewrites a few)
                    if state[0] is not None:
                        con.execute("INSERT OR REPLACE INTO settled VALUES (1, ?)", (state[0],))
                    con.execute("CREATE TABLE IF NOT EXISTS settled_people "
                                "(name TEXT PRIMARY KEY, blob BLOB)")
                    if whole_state:
                        con.execute("DELETE FROM settled_people")
                    con.executemany("INSERT OR REPLACE INTO settled_people VALUES (?, ?)",
                                    state[1].items())
            write_rows(con, rows or {})
    except sqlite3.Error:
        return
    if memo is not None and stored is not None:
        memo.__dict__["_stored"] = stored


# --- answering -------------------------------------------------------------------------------


@dataclass
class Pending:
    """A memo that holds but for notes whose events, open loops or links moved: what the
    sync service's event mode replays (:mod:`vinculo.event_sync`)."""

    memo: Memo  # its notes' sizes, mtimes and hashes brought up to date (not yet stored)
    index: Any  # a vinculo.pipeline.Index of the contacts as the memo knew them, no notes
    analyse: Any  # the analysis of one note, as the memo's full pass made it
    # rel -> the note read again, its codec.Analysis now and when the memo was taken
    moved: dict[str, tuple[Note, Any, Any]]
    rows: dict[str, Row]  # the cache rows of the notes read again
    started: int  # when this answer started looking: the memo's next seen_ns
    path: Path  # the cache file

    def keep(self, state: State | None = None) -> None:
        """Store the memo (settled again) with the replayed ``state`` and the rows read."""
        self.memo.seen_ns = self.started
        _write_memo(self.path, self.memo, self.rows, state)

    def cached_rows(self, rels: list[str]) -> dict[str, Row]:
        """The cache rows of ``rels`` as stored (what the memo's full pass analysed)."""
        return _memo_rows_of(self.path, rels) or {}

    def drop(self) -> None:
        """Forget the memo, keeping the rows read for the next full pass."""
        _write_memo(self.path, None, self.rows)


def answer(vault: Path, config: Config, pm: pluggy.PluginManager, today: dt.date, *,
           events: bool = False) -> Memo | Pending | None:
    """The memo, brought up to date, when a full sync would plan nothing and print what it
    says; with ``events``, a :class:`Pending` when it would but for changed notes' events,
    open loops or links; None when the sync must run in full (the memo is then dropped, and
    the notes it read again are cached for that full pass)."""
    path = cache_path(vault, config)
    if path is None:
        return None
    started = time.time_ns()
    if not path.exists():
        return None
    memo = _load(path)
    rows: dict[str, Row] = {}
    if isinstance(memo, Memo) and memo.key == run_key(config, pm, today):
        try:
            # The walk first, here: most answers are "nothing changed", and building what
            # re-reading needs beside a forked walk slowed the walk more than it saved.
            changed = _changed(vault, config, memo)
            if changed == []:
                return memo
            moved: dict[str, tuple[Note, Any, Any]] | None = {} if events else None
            prepared = _Prepared(vault, config, pm, today, memo, path)
            if changed is not None and prepared.ready() and _reread(
                    prepared, changed, started, rows, moved):
                if moved:
                    return Pending(memo, prepared.index, prepared.analyse, moved, rows,
                                   started, path)
                memo.seen_ns = started
                _write_memo(path, memo, rows)
                return memo
        except Exception:  # a memo is an optimisation, never a reason to fail
            pass
    _write_memo(path, None, rows)
    return None


def _changed(vault: Path, config: Config, memo: Memo) -> list[tuple[str, int, int]] | None:
    """The notes to read again, as ``(rel, size, mtime_ns)``; None when the memo cannot
    answer whatever they say (notes came or went, a contact or an owned file changed…)."""
    from vinculo.vault import walk_stats

    changed: list[tuple[str, int, int]] = []
    walked = 0
    racy = memo.seen_ns - RACY_NS
    notes = memo.notes
    for rel, info in walk_stats(vault, config, known=notes.keys() | memo.others):
        walked += 1
        known = notes.get(rel)
        if known is None:
            if rel in memo.others:
                continue
            return None  # a new note (or one renamed)
        if info is None:  # a symbolic link
            return None
        if info.st_size != known[0] or info.st_mtime_ns != known[1] or known[1] >= racy:
            changed.append((rel, info.st_size, info.st_mtime_ns))
    if walked != len(notes) + len(memo.others):
        return None  # a note deleted
    ours = getattr(memo, "written", {})  # a memo kept before this field: none
    for rel, stat in memo.owned.items():
        if _stat(vault, rel) != stat or (stat is not None and stat[1] >= racy
                                         and not _ours(vault, rel, ours)):
            return None  # a file a plugin owns changed (or may have, unseen)
    if len(changed) > MOST_CHANGED:
        return None
    changed = [c for c in changed if not (c[0] in ours and (c[1], c[2]) == notes[c[0]][:2]
                                          and _ours(vault, c[0], ours))]
    refused = {*memo.contacts, *memo.owned, *memo.noisy}
    if any(rel in refused for rel, _, _ in changed):
        return None
    return changed


def _ours(vault: Path, rel: str, ours: dict[str, str]) -> bool:
    """Whether a file still holds the bytes vinculo wrote to it (``ours``: their hashes)."""
    from vinculo.vault import read_regular

    try:
        return rel in ours and digest(read_regular(vault / rel)) == ours[rel]
    except OSError:
        return False


class _Prepared:
    """What re-reading changed notes needs, built only when the walk found some: the contacts
    as the memo knew them (unchanged since, or there is no answer), the analyser (the linker)
    and the vocabularies, compiled."""

    def __init__(self, vault: Path, config: Config, pm: pluggy.PluginManager, today: dt.date,
                 memo: Memo, path: Path) -> None:
        self.vault, self.config, self.pm, self.today = vault, config, pm, today
        self.memo, self.path = memo, path
        self.index: Any = None
        self.analyse: Any = None

    def ready(self) -> bool:
        """Build it all; False when the memo cannot answer (the contacts changed)."""
        from vinculo.contacts import aliases_of
        from vinculo.history import compile_vocabularies, gather_vocabularies
        from vinculo.linking.linker import Linker
        from vinculo.linking.paths import LinkPaths, link_paths
        from vinculo.linking.titles import continuing_titles
        from vinculo.pipeline import Index, analyser
        from vinculo.vault import Scan

        memo = self.memo
        # The memo's contacts, as build_contacts made them of the same bytes under the same
        # plugins and configuration (the memo's key): not asked ``is_contact`` again (1,000
        # hook calls, half of building them).
        contacts: dict[str, Contact] = {}
        for rel, parsed in memo.contacts.items():
            note = _restored(self.vault, rel, memo.notes[rel][2], parsed)
            contacts[note.title] = Contact(note=note, name=note.title,
                                           aliases=aliases_of(note, self.config),
                                           properties=note.frontmatter)
        if [c.rel for c in contacts.values()] != list(memo.contacts):
            return False
        continuing = getattr(memo, "continuing", None)
        if continuing is None:
            continuing = continuing_titles(contacts, map(_stem, memo.notes))
        tables = getattr(memo, "links", None)
        links = link_paths(memo.notes, contacts) if tables is None else LinkPaths(*tables)
        self.index = Index(vault=self.vault, config=self.config, today=self.today,
                           scan=Scan(self.vault, self.config), contacts=contacts,
                           continuing=continuing, links=links)
        variants, entries = _names(memo, contacts, self.pm, self.config, self.path)
        self.analyse = analyser(self.index, self.pm, Linker(
            contacts, variants, self.config, continuing, links, gather_vocabularies(self.pm),
            entries=entries))
        compile_vocabularies(self.index.vocabularies)  # kept: the analyser asks again
        return True


def _names(memo: Memo, contacts: dict[str, Any], pm: pluggy.PluginManager,
           config: Config, path: Path) -> tuple[Mapping[str, Any], dict[str, Any]]:
    """The contacts' name variants and the matcher's entries made of them (rebuilding them
    was a third of reading one changed note again): kept in rows of the memo's table of
    their own (:data:`NAMES_ROW`, :data:`VARIANTS_ROW`, written once, not with every memo),
    under what they were built from — the contacts, plugins and configuration (the memo's
    world and key) and the code and word lists that make entries of names
    (:func:`_names_code`). The matcher needs the entries; the variants are read only when
    the linker asks for them (:class:`_KeptVariants`)."""
    from vinculo.linking.linker import gather_variants
    from vinculo.linking.rules import build_entries

    key = [memo.key, memo.world, _names_code()]
    try:
        with reading(path) as con:
            found = con.execute("SELECT blob FROM settled WHERE id = ?",
                                (NAMES_ROW,)).fetchone()
        kept = pickle.loads(found[0]) if found else None
        if kept is not None and kept[0] == key:
            if len(kept) == 3:  # kept whole by a version before VARIANTS_ROW
                return kept[1], kept[2]
            return _KeptVariants(path, key, lambda: gather_variants(contacts, pm, config)), kept[1]
    except Exception:  # kept names are an optimisation: built again
        pass
    variants = gather_variants(contacts, pm, config)
    entries = build_entries(variants)
    with contextlib.suppress(Exception):  # a plugin's variant that does not pickle: asked again
        entries_blob = pickle.dumps((key, entries), protocol=pickle.HIGHEST_PROTOCOL)
        variants_blob = pickle.dumps((key, variants), protocol=pickle.HIGHEST_PROTOCOL)
        with _writing(path, keep_log=False) as con:  # large: as a full pass's
            con.executemany("INSERT OR REPLACE INTO settled VALUES (?, ?)",
                            [(NAMES_ROW, entries_blob), (VARIANTS_ROW, variants_blob)])
    return variants, entries


class _KeptVariants(Mapping[str, Any]):
    """The contacts' name variants as :func:`_names` kept them, read when first asked: the
    linker reads them only to read a contact's own note (``Linker.own_words``), which a
    replay seldom does, and unpickling 4,500 of them was 4 ms of a one-note sync. Built
    again (``build``) when the row is gone or no longer the memo's."""

    def __init__(self, path: Path, key: list[Any], build: Callable[[], dict[str, Any]]) -> None:
        self._path, self._key, self._build = path, key, build
        self._variants: dict[str, Any] | None = None

    def _all(self) -> dict[str, Any]:
        if self._variants is None:
            try:
                with reading(self._path) as con:
                    found = con.execute("SELECT blob FROM settled WHERE id = ?",
                                        (VARIANTS_ROW,)).fetchone()
                kept = pickle.loads(found[0]) if found else None
            except Exception:  # as in _names: built again
                kept = None
            self._variants = kept[1] if kept is not None and kept[0] == self._key else (
                self._build())
        return self._variants

    def __getitem__(self, name: str) -> Any:
        return self._all()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def _names_code() -> list[tuple[str, int, int] | None]:
    """The files that turn names into the matcher's entries (the rules, the word lists), by
    size and mtime: kept entries built by other code are built again."""
    from vinculo import common_words, namewords, text
    from vinculo.linking import rules

    files = [str(m.__file__) for m in (rules, namewords, common_words, text)]
    data = os.path.join(os.path.dirname(str(namewords.__file__)), "data")
    with contextlib.suppress(OSError):
        files += sorted(os.path.join(data, name) for name in os.listdir(data))
    out: list[tuple[str, int, int] | None] = []
    for file in files:
        try:
            info = os.stat(file)
        except OSError:
            out.append(None)
        else:
            out.append((file, info.st_size, info.st_mtime_ns))
    return out


def _reread(prepared: _Prepared, changed: list[tuple[str, int, int]], started: int,
            rows: dict[str, Row], moved: dict[str, tuple[Note, Any, Any]] | None = None) -> bool:
    """Read and analyse the changed notes (their new cache rows into ``rows``); True when
    none changes the plan (the memo then updated with their sizes, mtimes and hashes), or,
    with ``moved``, when those that do change it only by their events, open loops or links
    (they are put in ``moved``, with their analysis now and before).

    What a note gave the plan when the memo was taken is its cache row of that time: the row
    whose hash is the memo's (a later run may have replaced it: then there is no answer)."""
    from vinculo.codec import unpack_analysis
    from vinculo.vault import read_note

    vault, config, pm, memo = prepared.vault, prepared.config, prepared.pm, prepared.memo
    cached = _memo_rows_of(prepared.path, [rel for rel, _, _ in changed])
    if cached is None:
        return False
    for rel, size, mtime_ns in changed:
        note = read_note(vault, vault / rel, rel, config, size)
        if not note.readable or note.diagnostics:
            return False
        sha = digest(note.raw)
        old = cached.get(rel)
        trusted = trusted_mtime(mtime_ns, started)
        if sha == memo.notes[rel][2]:  # only touched: same bytes, same answer
            if old is not None and old.sha == sha:
                rows[rel] = Row(size, trusted, sha, old.parsed, old.world, old.analysis)
        else:
            if (old is None or old.sha != memo.notes[rel][2] or old.world != memo.world
                    or old.analysis is None or pm.hook.is_contact(note=note, config=config)):
                return False
            blob = prepared.analyse(note)
            new = unpack_analysis(blob)
            if not new.problem:  # cached for the full pass, if one follows
                rows[rel] = Row(size, trusted, sha, pack_parsed(note), memo.world, blob)
            if new.problem or note.date != _restored(vault, rel, old.sha, old.parsed).date:
                return False
            before = unpack_analysis(old.analysis)
            if (new.may_link or new.interactions != before.interactions
                    or not _same_loops(prepared, note, new, before, old.sha)):
                if moved is None:
                    return False
                moved[rel] = note, new, before
        memo.notes[rel] = (size, mtime_ns, sha)
    return True


def _same_loops(prepared: _Prepared, note: Note, new: Any, old: Any, old_sha: str) -> bool:
    """Whether a changed note has the open loops it had (unchecked tasks naming someone are
    listed in their block): known from the loops remembered for its old bytes, or none when
    it named nobody then."""
    from vinculo.codec import MentionTable
    from vinculo.loops import loops_in, remembered_loops

    table = MentionTable()
    table.put_packed(note.rel, new)
    now = loops_in(note, table.get(note.rel, []), None, prepared.config)
    if not old.mentions:
        return not now
    file = cache_path(prepared.vault, prepared.config)
    before = remembered_loops(file, note.rel, old_sha) if file is not None else None
    return before is not None and before == now


def _stem(rel: str) -> str:
    """``Path(rel).stem`` (a note's title) without building a path: ten thousand of them
    were a tenth of a settled answer."""
    name = rel.rpartition("/")[2]
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _restored(vault: Path, rel: str, sha: str, parsed: bytes) -> Note:
    """A note from its packed parsed fields (a cache row's, or the memo's for a contact)."""
    return restore_note(vault / rel, rel, sha, pickle.loads(parsed))
