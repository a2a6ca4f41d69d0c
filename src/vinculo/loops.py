"""Open loops: unchecked tasks anywhere in the vault that mention a contact.

"- [ ] send Ana the article", "- [ ] pendiente: presentar a Rodrigo a Lucía": what you owe
someone is the first thing to know before you see them. A task counts for every contact
confidently mentioned on its line (and, in a contact's own note, for that contact); ticking
it where it lives closes the loop. vinculo's own suggestions (``#vinculo/…``) and its managed
blocks are not loops.
"""

from __future__ import annotations

import os
import pickle
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from vinculo.cache import digest
from vinculo.config import Config
from vinculo.model import Contact, History, Mention, Note, OpenLoop
from vinculo.text import shown_links
from vinculo.writeback.compose.block import markers

_OPEN_TASK = re.compile(r"^\s*(?:>\s*)*[-*+]\s+\[ \]\s+(.*\S)\s*$")
_OURS = re.compile(r"#vinculo/")


def loops_in(note: Note, mentions: Iterable[Mention], owner: str | None,
             config: Config) -> list[OpenLoop]:
    """The open loops of one note: its unchecked tasks, for each contact mentioned on the
    task's line (``owner``: the contact whose own note this is, who owns every task in it)."""
    if not note.readable or b"[ ]" not in note.raw:
        return []
    by_line: dict[int, set[str]] = {}
    for m in mentions:
        if m.level == "link" and m.target:
            by_line.setdefault(m.line, set()).add(m.target)
    if not by_line and owner is None:
        return []
    start, end = markers(config)
    first = note.text.count("\n", 0, note.body_start) + 1
    inside = False
    out: list[OpenLoop] = []
    for number, line in enumerate(note.text[note.body_start:].splitlines(), first):
        if start in line:
            inside = True
        if end in line:
            inside = False
            continue
        task = None if inside else _OPEN_TASK.match(line)
        if task is None or _OURS.search(line):
            continue
        names = set(by_line.get(number, ()))
        if owner:
            names.add(owner)
        out += [OpenLoop(name, note.rel, number, shown_links(task[1])) for name in sorted(names)]
    return out


def note_loops(notes: Iterable[Note], mentions: Mapping[str, list[Mention]],
               contacts: dict[str, Contact], config: Config,
               memo: Path | None = None, world: str = "") -> dict[str, list[OpenLoop]]:
    """Every note's open loops, by note path (only notes that have some). Only notes with
    mentions, and contact notes, are looked at; with ``memo`` (a file in vinculo's state
    folder), a note whose bytes and world (``world``: contacts, plugins, config) are unchanged
    since the last run is answered from it, without opening the note."""
    known: dict[str, tuple[str, str, list[OpenLoop]]] = _load(memo) if memo else {}
    kept: dict[str, tuple[str, str, list[OpenLoop]]] = {}
    owners = {c.rel: c.name for c in contacts.values()}
    out: dict[str, list[OpenLoop]] = {}
    for note in notes:
        owner = owners.get(note.rel)
        if owner is None and note.rel not in mentions:
            continue
        sha = getattr(note, "sha", None)
        if memo and not sha and note.readable:
            sha = digest(note.raw)  # read this run: its bytes are at hand
        old = known.get(note.rel)
        if sha and old and old[0] == sha and old[1] == world:
            found = old[2]
        elif not note.readable or b"[ ]" not in note.raw:
            found = []  # no open task at all: its mentions need not be unpacked
        else:
            found = loops_in(note, mentions.get(note.rel, []), owner, config)
        if sha:
            kept[note.rel] = (sha, world, found)
        if found:
            out[note.rel] = found
    if memo and kept != known:
        _save(memo, kept)
    return out


def memo_path(cache_file: Path) -> Path:
    """Where the loops of the last run are remembered: next to the index cache."""
    return cache_file.with_name("loops.pickle")


def remembered_loops(cache_file: Path, rel: str, sha: str) -> list[OpenLoop] | None:
    """The loops remembered for note ``rel`` with bytes ``sha``; None when not known."""
    known = _load(memo_path(cache_file)).get(rel)
    return known[2] if known is not None and known[0] == sha else None


def _load(path: Path) -> dict[str, tuple[str, str, list[OpenLoop]]]:
    try:
        data = pickle.loads(path.read_bytes())
    except Exception:  # missing, or written by another version: recomputed
        return {}
    return data if isinstance(data, dict) else {}


def _save(path: Path, data: dict[str, tuple[str, str, list[OpenLoop]]]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)
    except OSError:
        pass  # a memo is an optimisation, never a reason to fail


def attach_loops(histories: dict[str, History], loops: dict[str, list[OpenLoop]],
                 names: Iterable[str] | None = None) -> None:
    """File the open loops under each contact's history (``names``: only those), in order."""
    wanted = set(histories if names is None else names) & set(histories)
    per: dict[str, list[OpenLoop]] = {name: [] for name in wanted}
    for found in loops.values():
        for loop in found:
            if loop.contact in per:
                per[loop.contact].append(loop)
    for name, items in per.items():
        histories[name].open_loops = sorted(items, key=lambda lp: (lp.note, lp.line))
