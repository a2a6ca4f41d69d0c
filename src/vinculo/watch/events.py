"""Which file-system events matter, and what they touch.

Events are read as hints, never as facts: an editor's atomic save arrives as a ``moved`` onto
the note (no ``modified``), ``git checkout`` rewrites thousands of files, and events can be
lost or reordered. So an event only says *which* paths to look at; whether a note was created,
changed or deleted is decided later by reading the disk.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from vinculo.config import CONFIG_FILE, Config
from vinculo.vault import conflict_copy_reason, is_ignored, utf8_name

IGNORED_EVENT_TYPES = {"opened", "closed_no_write", "attrib"}

# Settings whose change means: reload the configuration and rebuild everything.
CONFIG_PATHS = {
    CONFIG_FILE,
    ".obsidian/app.json",
    ".obsidian/daily-notes.json",
    ".obsidian/templates.json",
}

_TEMP_SUFFIXES = (
    "~", ".swp", ".swo", ".swn", ".swx", ".tmp", ".temp", ".bak", ".backup", ".orig",
    ".part", ".crdownload", ".crswap", ".kate-swp", "___jb_tmp___", "___jb_old___",
)
_TEMP_PATTERNS = (
    re.compile(r"^\.#"),  # Emacs lock link
    re.compile(r"^#.*#$"),  # Emacs auto-save
    re.compile(r"^\.~lock\."),  # LibreOffice lock
    re.compile(r"^~\$"),  # Office owner file
    re.compile(r"^4913$"),  # Vim's probe file
    re.compile(r"^\.goutputstream-"),  # GNOME atomic save
    re.compile(r"\.sb-[0-9a-f]+-[A-Za-z0-9]+$"),  # Sublime / macOS atomic save
    re.compile(r"\.vinculo-tmp"),  # our own atomic-write temp files
    re.compile(r"^\..*\.tmp\d*$"),
)


def temp_file_reason(name: str) -> str | None:
    """Why a file name is an editor's temporary, swap or backup file (never a note), or None."""
    lower = name.lower()
    if lower.endswith(_TEMP_SUFFIXES):
        return "temporary or backup file"
    if any(p.search(name) for p in _TEMP_PATTERNS):
        return "temporary or backup file"
    return None


def note_rel(vault: Path, path: str | bytes, config: Config) -> str | None:
    """The vault-relative path of ``path`` if it could be a note vinculo reads, else None.

    The same rules as scanning: Markdown files only, ignore rules of the vault, no sync-conflict
    copies, and no temporary, swap or backup files (including hidden files).
    """
    rel = relative(vault, path)
    if rel is None or not rel.endswith(".md") or not utf8_name(rel):
        return None  # a name that is not UTF-8: the scan reports it, nothing can store it
    name = rel.rsplit("/", 1)[-1]
    if name.startswith(".") or temp_file_reason(name):
        return None
    if is_ignored(rel, config):
        return None
    if conflict_copy_reason(vault / rel):
        return None
    return rel


def relative(vault: Path, path: str | bytes) -> str | None:
    """``path`` relative to the vault with forward slashes; None when outside it."""
    text = os.fsdecode(path)
    try:
        rel = os.path.relpath(text, vault)
    except ValueError:
        return None
    if rel == "." or rel.startswith(".." + os.sep) or rel == "..":
        return None
    return rel.replace(os.sep, "/")


@dataclass
class Touch:
    """What one event asks the watcher to look at."""

    rels: set[str] = field(default_factory=set)
    rescan: bool = False  # a folder changed: walk the vault to find what moved
    reload: bool = False  # the configuration changed: rebuild everything

    def __bool__(self) -> bool:
        return bool(self.rels) or self.rescan or self.reload


def touched(event: object, vault: Path, config: Config) -> Touch:
    """The notes (and rescans) one watchdog event asks for; empty for events to ignore."""
    kind = getattr(event, "event_type", "")
    out = Touch()
    if kind in IGNORED_EVENT_TYPES:
        return out
    paths = [getattr(event, "src_path", "")]
    if kind == "moved":
        paths.append(getattr(event, "dest_path", ""))
    for path in paths:
        if not path:
            continue
        rel = relative(vault, path)
        if rel is None:
            continue
        if rel in CONFIG_PATHS:
            out.reload = True
            continue
        if getattr(event, "is_directory", False):
            # A folder created, moved or deleted: its notes came or went without their own events.
            if kind in {"created", "moved", "deleted"} and not is_ignored(rel + "/x", config):
                out.rescan = True
            continue
        found = note_rel(vault, path, config)
        if found:
            out.rels.add(found)
    return out
