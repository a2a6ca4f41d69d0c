"""Scanning a vault: which files are notes, reading each once, and the ignore rules.

Never read as notes: ``.obsidian/``, ``.trash/``, ``.git/``, dot-folders, the templates folder,
Obsidian's ``userIgnoreFilters``, and sync-conflict copies (Syncthing, Dropbox, iCloud).
"""

from __future__ import annotations

import os
import pickle
import re
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

from vinculo import progress
from vinculo.cache import NoteCache, restore_note, slim_note
from vinculo.config import Config
from vinculo.dates import coerce_date, parse_daily_name
from vinculo.model import Diagnostic, Note
from vinculo.notes import parse_note
from vinculo.parallel import Crew, will_fork, worker_count

ALWAYS_IGNORED_DIRS = {".obsidian", ".trash", ".git", "node_modules"}
_SYNCTHING = re.compile(r"\.sync-conflict-\d{8}-\d{6}")
_DROPBOX = re.compile(r"\(.*conflicted copy.*\)", re.IGNORECASE)
_ICLOUD = re.compile(r"^(?P<base>.+) (?P<n>[2-9]|\d{2,})$")


class VaultError(Exception):
    """The vault as a whole cannot be used (missing, not a folder): the command stops."""


def conflict_copy_reason(path: Path) -> str | None:
    """Why ``path`` is a sync-conflict copy (and so not a note of its own), or None."""
    name = path.stem
    if _SYNCTHING.search(path.name):
        return "Syncthing conflict copy"
    if _DROPBOX.search(name):
        return "Dropbox conflicted copy"
    match = _ICLOUD.match(name)
    if match and (path.parent / f"{match['base']}{path.suffix}").exists():
        return "iCloud duplicate"
    return None


def _user_filter_matches(rel: str, pattern: str) -> bool:
    if len(pattern) > 2 and pattern.startswith("/") and pattern.endswith("/"):
        try:
            return re.search(pattern[1:-1], rel) is not None
        except re.error:
            return False
    prefix = pattern.strip("/")
    return bool(prefix) and (rel == prefix or rel.startswith(prefix + "/") or rel.startswith(pattern))


class IgnoreRules:
    """Which paths no stage may read: system folders, templates, user filters. Built once
    per walk from the configuration, then asked once per file."""

    def __init__(self, config: Config) -> None:
        self.templates = config.templates_folder
        extra = [str(p) for p in config.get("ignore.paths", []) or []]
        self.filters = [*config.obsidian_ignore, *extra]

    def __call__(self, rel: str) -> bool:
        parts = rel.split("/")
        if any(p in ALWAYS_IGNORED_DIRS or p.startswith(".") for p in parts[:-1]):
            return True
        templates = self.templates
        if templates and (rel == templates or rel.startswith(templates + "/")):
            return True
        return any(_user_filter_matches(rel, f) for f in self.filters)


def is_ignored(rel: str, config: Config) -> bool:
    """True for paths no stage may read: system folders, templates, user filters."""
    return IgnoreRules(config)(rel)


def walk_entries(
    vault: Path, config: Config, known: Container[str] = ()
) -> Iterator[tuple[os.DirEntry[str], str]]:
    """Every candidate note's directory entry with its rel path, in path order. ``known``:
    paths already known not to be ignored under this configuration (not asked again)."""
    ignored = IgnoreRules(config)
    stack: list[tuple[str, str]] = [(str(vault), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=_NAME, reverse=True)
        except OSError:
            continue
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if entry.name.startswith(".") or entry.name in ALWAYS_IGNORED_DIRS:
                    continue
                if not ignored(rel + "/x"):
                    stack.append((entry.path, rel + "/"))
            elif entry.name.endswith(".md") and (rel in known or not ignored(rel)):
                yield entry, rel


_NAME = attrgetter("name")


def iter_markdown(vault: Path, config: Config) -> Iterator[tuple[Path, str]]:
    """Every candidate note as ``(absolute path, rel path)``, sorted, not following dir links."""
    for entry, rel in walk_entries(vault, config):
        yield Path(entry.path), rel


def note_date(note: Note, config: Config) -> None:
    """Set ``note.date``: frontmatter ``date`` first, else a daily-note file name."""
    note.date = coerce_date(note.frontmatter.get("date")) or parse_daily_name(
        note.path.stem, config.daily_format
    )


def read_note(vault: Path, path: Path, rel: str, config: Config, size: int | None = None) -> Note:
    """Read and parse one note; every problem becomes a diagnostic on it. ``size``: from the
    walk's own stat of a file it found not to be a symlink (saves a system call per note)."""
    limit = int(config.get("ignore.max_note_bytes", 5_000_000))
    try:
        if size is None:
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(vault.resolve()):
                    return _unreadable(path, rel, "symlink to a file outside the vault: skipped")
            size = path.stat().st_size
        if size > limit:
            return _unreadable(path, rel, f"note is {size:,} bytes (limit {limit:,}): skipped")
        raw = path.read_bytes()
    except OSError as exc:
        return _unreadable(path, rel, f"cannot read: {exc.strerror or exc}")
    note = parse_note(path, rel, raw)
    if note.readable:
        note_date(note, config)
    return note


def _unreadable(path: Path, rel: str, message: str) -> Note:
    note = Note(path=path, rel=rel, raw=b"", text="", frontmatter={}, body_start=0)
    note.frontmatter_ok = False
    note.diagnostics.append(Diagnostic(rel, message, "error"))
    return note


@dataclass
class Scan:
    """The notes of a vault, read once, plus what was skipped and why."""

    vault: Path
    config: Config
    notes: list[Note] = field(default_factory=list)
    skipped: list[Diagnostic] = field(default_factory=list)
    # Workers still holding the notes they read, ready for a second step (``scan_vault``'s
    # ``then``), and the rel paths of those notes in the order of that step's results.
    crew: Crew | None = field(default=None, repr=False, compare=False)
    crew_rels: list[str] = field(default_factory=list, repr=False, compare=False)
    # Size and mtime of each note as the walk saw them, before reading it (not for notes
    # read through a symbolic link).
    stats: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [*self.skipped, *(d for n in self.notes for d in n.diagnostics)]

    def by_rel(self) -> dict[str, Note]:
        return {n.rel: n for n in self.notes}


_Item = tuple[int, Path, str, int | None, int]  # slot, path, rel, size, mtime


def scan_vault(
    vault: Path, config: Config, cache: NoteCache | None = None, *,
    then: Callable[[list[Note], Any], Iterable[Any]] | None = None,
    meanwhile: Callable[[], Any] | None = None,
) -> Scan:
    """Read every note of the vault (conflict copies are reported, not read). With a
    ``cache``, a note whose size and mtime are unchanged is restored without being opened.

    Many notes to read are parsed in forked workers (see :mod:`vinculo.parallel`). With
    ``then``, those workers stay, keeping the notes they parsed, as ``scan.crew``: a later
    stage sends them a message and each worker runs ``then(its_notes, message)``, so a note
    is read and parsed once even though the next stage needs the whole vault first; each
    worker calls ``meanwhile()`` while it waits for that message.
    """
    if not vault.exists():
        raise VaultError(f"vault not found: {vault}")
    if not vault.is_dir():
        raise VaultError(f"not a folder: {vault}")
    scan = Scan(vault=vault, config=config)
    slots: list[Note | None] = []
    to_read: list[_Item] = []
    for entry, rel in walk_entries(vault, config):
        path = Path(entry.path)
        reason = conflict_copy_reason(path)
        if reason:
            scan.skipped.append(Diagnostic(rel, f"{reason}: not read as a note", "info"))
            continue
        if entry.is_symlink():
            slots.append(read_note(vault, path, rel, config))
            continue
        try:
            info = entry.stat()
        except OSError:  # deleted since the folder was listed: not a note of this scan
            continue
        scan.stats[rel] = info.st_size, info.st_mtime_ns
        cached = cache.note(path, rel, info.st_size, info.st_mtime_ns) if cache else None
        slots.append(cached)
        if cached is None:
            to_read.append((len(slots) - 1, path, rel, info.st_size, info.st_mtime_ns))

    def read(item: _Item) -> Note:
        return read_note(vault, item[1], item[2], config, item[3])

    def read_and_keep(item: _Item) -> tuple[Note, Note | tuple[str, bytes, bytes]]:
        note = read(item)
        return note, slim_note(note) if note.readable else note

    workers = worker_count(config)
    progress.stage("Reading notes", len(to_read))
    if will_fork(len(to_read), workers):
        crew = Crew(to_read, read_and_keep, then or _nothing, workers, meanwhile)
        results: list[Note | tuple[str, bytes, bytes]] = crew.replies()
        if then is None:
            crew.close()
        else:
            scan.crew, scan.crew_rels = crew, [item[2] for item in to_read]
    else:
        results = [read(item) for item in to_read]
    for (slot, path, rel, size, mtime), result in zip(to_read, results, strict=True):
        packed: bytes | None = None
        if isinstance(result, Note):
            note = result
        else:  # from a worker: parsed there, bytes and parsed fields sent back as they are
            sha, packed, raw = result
            note = restore_note(path, rel, sha, pickle.loads(packed), raw)
        if cache is not None and note.readable:
            cache.remember(note, size or 0, mtime, packed)
        slots[slot] = note
        progress.advance()
    scan.notes = [n for n in slots if n is not None]
    return scan


def _nothing(notes: list[Note], message: Any) -> list[None]:
    return [None] * len(notes)
