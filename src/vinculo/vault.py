"""Scanning a vault: which files are notes, reading each once, and the ignore rules.

Never read as notes: ``.obsidian/``, ``.trash/``, ``.git/``, dot-folders, the templates folder,
Obsidian's ``userIgnoreFilters``, and sync-conflict copies (Syncthing, Dropbox; an iCloud-style
"Plan 2.md" or "Plan (1).md" only when it holds the same or nearly the same text as "Plan.md").
"""

from __future__ import annotations

import datetime as dt
import errno
import fnmatch
import os
import pickle
import re
import stat
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

from vinculo import progress
from vinculo.cache import NoteCache, restore_note, slim_note
from vinculo.config import Config
from vinculo.dates import coerce_date, folder_date, name_date, parse_daily_name
from vinculo.errors import VaultError  # the vault as a whole cannot be used: the command stops
from vinculo.model import Diagnostic, Note
from vinculo.notes import parse_note
from vinculo.workers import HoldingPool, worker_count

ALWAYS_IGNORED_DIRS = {".obsidian", ".trash", ".git", "node_modules"}
_SYNCTHING = re.compile(r"\.sync-conflict-\d{8}-\d{6}")
_DROPBOX = re.compile(r"\(.*conflicted copy.*\)", re.IGNORECASE)
# "Plan 2" (iCloud, macOS), "Plan (1)" (browsers, OneDrive, Google Drive): a copy only when
# "Plan" exists with the same or nearly the same text ("Things 3" is a note of its own).
_NUMBERED = re.compile(r"^(?P<base>.+?)(?: (?P<n>[2-9]|\d{2,})| \((?P<p>\d+)\))$")
COPY_SIMILARITY = 90  # rapidfuzz ratio (0–100) of the two texts from which one is a copy
_COPY_CHARS = 20_000  # of each text, compared (a conflict copy differs in an edit or two)


def conflict_copy_reason(path: Path) -> str | None:
    """Why ``path`` is a sync-conflict copy (and so not a note of its own), or None."""
    name = path.stem
    if _SYNCTHING.search(path.name):
        return "Syncthing conflict copy"
    if _DROPBOX.search(name):
        return "Dropbox conflicted copy"
    match = _NUMBERED.match(name)
    if match:
        original = path.parent / f"{match['base']}{path.suffix}"
        if original.exists() and _same_text(path, original):
            return f"copy of {original.name} (same text)"
    return None


def _same_text(copy: Path, original: Path) -> bool:
    """Whether two notes hold the same or nearly the same text (see ``COPY_SIMILARITY``)."""
    try:
        a, b = copy.read_bytes(), original.read_bytes()
    except OSError:
        return False
    if a == b:
        return True
    from rapidfuzz import fuzz

    left = a.decode("utf-8", "replace")[:_COPY_CHARS]
    right = b.decode("utf-8", "replace")[:_COPY_CHARS]
    return fuzz.ratio(left, right) >= COPY_SIMILARITY


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


def utf8_name(name: str) -> bool:
    """False for a file name that is not valid UTF-8 (undecodable bytes, kept by Python as
    surrogates): no link, cache row or JSON line can hold it."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(rel: str) -> str:
    """``rel`` with its undecodable bytes shown as U+FFFD, for a diagnostic."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


NOT_UTF8 = "its name is not valid UTF-8: not read (rename it)"
NOT_REGULAR = "not a regular file (a FIFO, socket or device): not read"


def walk_entries(
    vault: Path, config: Config, known: Container[str] = (),
    odd: list[Diagnostic] | None = None,
) -> Iterator[tuple[os.DirEntry[str], str]]:
    """Every candidate note's directory entry with its rel path, in path order. ``known``:
    paths already known not to be ignored under this configuration (not asked again).

    Never yielded, and reported into ``odd`` (one diagnostic each) when given: a name that is
    not UTF-8 (a folder's: once, for everything in it), a ``.md`` that is a FIFO, a socket or
    a device (opening a FIFO would wait forever for a writer)."""
    return _walk(vault, config, known, odd, stats=False)


def walk_stats(
    vault: Path, config: Config, known: Container[str] = (),
) -> Iterator[tuple[str, os.stat_result | None]]:
    """The notes :func:`walk_entries` yields — by the same rules, in the same order — as
    ``(rel, lstat)``, the ``lstat`` None for a symbolic link: what a settled sync asks of
    every note. Each folder is opened once and its notes are asked for by name
    (``fstatat``), which costs the kernel less than resolving a whole path per note (the
    walk was a third of a settled sync). Odd entries are skipped, not reported."""
    return _walk(vault, config, known, None, stats=True)


_NAME = attrgetter("name")
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


def _walk(vault: Path, config: Config, known: Container[str], odd: list[Diagnostic] | None,
          *, stats: bool) -> Iterator[Any]:
    """Both walks, one definition of what counts as a note and what is skipped: yields
    ``(entry, rel)``, or with ``stats`` ``(rel, lstat or None)``. One generator, the rules
    inline: a layer between them and the settled sync's walk cost it 4 % more
    instructions."""
    ignored = IgnoreRules(config)
    by_fd = stats and os.scandir in os.supports_fd  # else (Windows) by path
    stack: list[tuple[str, str]] = [(str(vault), "")]
    while stack:
        folder, prefix = stack.pop()
        fd = None
        try:
            if by_fd:
                fd = os.open(folder, _FOLDER_FLAGS)
            with os.scandir(folder if fd is None else fd) as it:
                entries = sorted(it, key=_NAME, reverse=True)
        except OSError:
            if fd is not None:
                os.close(fd)
            continue
        try:
            for entry in entries:
                name = entry.name
                if entry.is_dir(follow_symlinks=False):
                    if name.startswith(".") or name in ALWAYS_IGNORED_DIRS:
                        continue
                    rel = prefix + name
                    if not utf8_name(name):
                        if odd is not None:
                            odd.append(Diagnostic(printable(rel) + "/", NOT_UTF8, "warning"))
                        continue
                    if not ignored(rel + "/x"):
                        stack.append((os.path.join(folder, name), rel + "/"))
                elif name.endswith(".md"):
                    rel = prefix + name
                    if rel not in known and ignored(rel):
                        continue
                    if not (name.isascii() or utf8_name(name)):
                        if odd is not None:
                            odd.append(Diagnostic(printable(rel), NOT_UTF8, "warning"))
                        continue
                    if entry.is_file(follow_symlinks=False):
                        if stats:
                            try:
                                yield rel, entry.stat(follow_symlinks=False)
                            except OSError:  # gone since the folder was read
                                continue
                        else:
                            yield entry, rel
                    elif entry.is_symlink():
                        yield (rel, None) if stats else (entry, rel)
                    elif odd is not None:  # a FIFO, a socket, a device
                        odd.append(Diagnostic(rel, NOT_REGULAR, "warning"))
        finally:
            if fd is not None:
                os.close(fd)


def iter_markdown(vault: Path, config: Config) -> Iterator[tuple[Path, str]]:
    """Every candidate note as ``(absolute path, rel path)``, sorted, not following dir links."""
    for entry, rel in walk_entries(vault, config):
        yield Path(entry.path), rel


def note_date(note: Note, config: Config) -> None:
    """Set ``note.date``, the day a note is about: the first of ``[dates] properties``
    (``date``), else the daily-note file name, else the other properties in order (``created``,
    ``day``, any ``*-date`` key such as ``session-date``), else a date written in the file name
    ("Nota del 6 de Agosto del 2025", "August 6th, 2025"), else the nearest folder named by a
    date when ``[dates] folders`` is on ("2025-06-10/tasks/plan.md", "Journal/2024/03/05/notes.md";
    off by default: the one real vault filed by day keeps specs and reviews there, whose
    "Meeting with X pending" lines would become events)."""
    first, rest = config.derived("dates.properties", _date_properties)
    front = note.frontmatter
    stem = note.path.stem
    date = _property_date(front, first) if front else None
    if date is None:
        date = parse_daily_name(stem, config.daily_format)
    if date is None and front:
        for pattern in rest:
            date = _property_date(front, pattern)
            if date is not None:
                break
    if date is None and any(c.isdigit() for c in stem):
        date = name_date(stem)
    if date is None and config.get("dates.folders", False):
        date = folder_date(note.rel, config.daily_format)
    note.date = date


def _date_properties(config: Config) -> tuple[str | None, tuple[str, ...]]:
    """``[dates] properties`` as (the first, the others), lowercase; ``*`` is a wildcard."""
    value = config.get("dates.properties", [])
    names = [str(v).strip().lower() for v in (value if isinstance(value, list) else [value])]
    names = [n for n in names if n]
    return (names[0] if names else None), tuple(names[1:])


def _property_date(front: dict[str, Any], pattern: str | None) -> dt.date | None:
    """The date of the first frontmatter key matching ``pattern`` (any case), or None."""
    if pattern is None:
        return None
    if "*" not in pattern:
        value = front.get(pattern)
        if value is None:
            value = next((v for k, v in front.items() if str(k).lower() == pattern), None)
        return coerce_date(value)
    for key, value in front.items():
        if fnmatch.fnmatchcase(str(key).lower(), pattern):
            date = coerce_date(value)
            if date is not None:
                return date
    return None


def read_note(vault: Path, path: Path, rel: str, config: Config, size: int | None = None) -> Note:
    """Read and parse one note; every problem becomes a diagnostic on it. ``size``: from the
    walk's own stat of a file it found not to be a symlink (saves a system call per note)."""
    limit = config.max_note_bytes
    try:
        if size is None:
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except RuntimeError:  # Python < 3.13 says a loop so
                    return _unreadable(path, rel, "symlink loop: skipped")
                if not target.is_relative_to(vault.resolve()):
                    return _unreadable(path, rel, "symlink to a file outside the vault: skipped")
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                return _unreadable(path, rel, NOT_REGULAR)
            size = info.st_size
        if size > limit:
            return _unreadable(path, rel, f"note is {size:,} bytes (limit {limit:,}): skipped")
        raw = read_regular(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _unreadable(path, rel, "symlink loop: skipped")
        return _unreadable(path, rel, f"cannot read: {exc.strerror or exc}")
    note = parse_note(path, rel, raw)
    if note.readable:
        note_date(note, config)
    return note


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file; OSError for anything else. Opened without waiting (a FIFO
    put in the note's place since it was looked at would block a plain open forever) and
    checked on the open file itself."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:  # closes ``fd``, whatever happens
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a FIFO, socket or device)")
        return handle.read()


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
    pool: HoldingPool | None = None,
) -> Scan:
    """Read every note of the vault (conflict copies are reported, not read). With a
    ``cache``, a note whose size and mtime are unchanged is restored without being opened.

    Many notes to read are parsed in forked workers (see :mod:`vinculo.workers`). With a
    ``pool`` (its owner: :func:`vinculo.pipeline.worker_pool`), those workers keep the notes
    they parsed for the pool's second step, so a note is read and parsed once even though
    the next stage needs the whole vault first; without one, they stop once read.
    """
    if not vault.exists():
        raise VaultError(f"vault not found: {vault}")
    if not vault.is_dir():
        raise VaultError(f"not a folder: {vault}")
    scan = Scan(vault=vault, config=config)
    slots: list[Note | None] = []
    to_read: list[_Item] = []
    for entry, rel in walk_entries(vault, config, odd=scan.skipped):
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
        if not stat.S_ISREG(info.st_mode):  # replaced by a FIFO since it was listed
            scan.skipped.append(Diagnostic(rel, NOT_REGULAR, "warning"))
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

    progress.stage("Reading notes", len(to_read))
    own = pool is None
    reading = HoldingPool(worker_count(config), _nothing) if pool is None else pool
    try:
        results: list[Note | tuple[str, bytes, bytes]] | None = reading.map_and_keep(
            to_read, read_and_keep, [item[2] for item in to_read])
    finally:
        if own:
            reading.close()
    if results is None:
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
