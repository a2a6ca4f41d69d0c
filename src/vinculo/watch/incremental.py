"""Keep the whole index in memory and recompute only what a changed note affects.

A full sync re-reads and re-analyses every note; a save of one daily note only changes that
note's mentions and interactions, the histories of the contacts it mentions (before and after
the save), their stages and suggestions, and then the global plan (pacing and budgets are
global, so any contact's final list may move). Only notes whose output can change are handed
to the write-back planner.

What forces more: a change to who the contacts are or how they are named (a contact note
created, deleted, renamed, or its aliases edited) changes every note's mentions, so the
mentions and histories are recomputed over all notes in memory (no re-reading); a new day
recomputes every stage and suggestion.

The contract this relies on (true of every built-in plugin): a note's mentions and
interactions depend on that note and on the contacts' names, titles and note paths, not on
other contacts' properties; a contact's stage, suggestions and block depend on its own note
and history, plus the global plan. ``tests/test_watch_incremental.py`` checks that the result
equals a full rebuild.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pluggy

from vinculo.cache import CachedNote, cache_path, digest, open_cache
from vinculo.codec import MentionTable
from vinculo.config import Config
from vinculo.contacts import build_contacts
from vinculo.ledger import Ledger, changed_contacts, refile_loops
from vinculo.linking.titles import continuing_titles
from vinculo.loops import loops_in
from vinculo.mentions import find_mentions
from vinculo.model import Contact, Diagnostic, Interaction, Mention, Note
from vinculo.pipeline import (
    Index,
    analyse_notes,
    collect_loops,
    contact_links,
    detect_language,
    note_interactions,
)
from vinculo.vault import Scan, iter_markdown, read_note, read_regular, scan_vault
from vinculo.watch.events import note_rel


def _hashes(notes: list[Note]) -> dict[str, str]:
    """Content hash of each readable note; a note restored from the cache already has it, so
    its file is not read again."""
    return {n.rel: n.sha if isinstance(n, CachedNote) else digest(n.raw)
            for n in notes if n.readable}


@dataclass
class Update:
    """What one batch changed: the notes to (re)plan and why."""

    changed: list[str] = field(default_factory=list)  # notes re-read (created or modified)
    deleted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # touched, same bytes (e.g. our writes)
    contacts: set[str] = field(default_factory=set)  # contacts whose output may change
    everything: bool = False  # names changed or a new day: plan every note
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.changed or self.deleted or self.everything)


class LiveIndex:
    """The pipeline's :class:`~vinculo.pipeline.Index`, kept current note by note."""

    _pos: dict[str, int]  # rel -> place in index.scan.notes, built on first use (_position)

    def __init__(self, vault: Path, config: Config, pm: pluggy.PluginManager, today: dt.date):
        self.vault = vault
        self.config = config
        self.pm = pm
        self.today = today
        self.index = Index(vault, config, today, Scan(vault, config), {})
        self.notes: dict[str, Note] = {}
        self.hashes: dict[str, str] = {}  # rel -> sha256 of the bytes last read or written
        # Every note's events and each contact's suggestions before the plan: the logic the
        # sync service's event mode replays a save with (vinculo.ledger).
        self.ledger = Ledger()
        self._rendered: dict[str, tuple[str, str | None]] = {}  # contact -> (output, file hash)
        self._linker: Any = None  # built once per set of contact names

    # --- whole-vault passes -------------------------------------------------------------

    def load(self) -> None:
        """Read every note from disk and compute everything (the initial sync, a rebuild).

        Uses the persistent index cache when the pipeline offers one (notes unchanged since
        the last run are not parsed or analysed again); any trouble with it falls back to
        reading everything.
        """
        try:
            if self._load_cached():
                return
        except Exception:  # a cache is an optimisation, never a reason to fail
            self.index = Index(self.vault, self.config, self.today, Scan(self.vault, self.config), {})
        scan = scan_vault(self.vault, self.config)
        self.notes = {n.rel: n for n in scan.notes}
        self.hashes = _hashes(scan.notes)
        self.index.scan = scan
        self.recompute_all()

    def _load_cached(self) -> bool:
        store = open_cache(self.vault, self.config)
        if store is None:
            return False
        scan = scan_vault(self.vault, self.config, store)
        index = Index(self.vault, self.config, self.today, scan, {})
        index.contacts = build_contacts(scan.notes, self.pm, self.config)
        index.continuing = continuing_titles(index.contacts, (n.title for n in scan.notes))
        index.links = contact_links(index)
        found = analyse_notes(index, self.pm, store)
        self.notes = {n.rel: n for n in scan.notes}
        self.hashes = _hashes(scan.notes)
        store.save()
        self.index = index
        self._replan(found)
        return True

    def recompute_all(self) -> None:
        """Everything from the notes in memory: contacts, mentions, histories, plan."""
        index = self.index
        index.today = self.today
        index.scan.notes = self._in_scan_order()
        index.contacts = build_contacts(index.scan.notes, self.pm, self.config)
        index.continuing = continuing_titles(index.contacts, (n.title for n in index.scan.notes))
        index.links = contact_links(index)
        index.mentions = MentionTable(
            find_mentions(index.scan.notes, index.contacts, self.pm, self.config, index.links))
        self._replan({n.rel: note_interactions(index, self.pm, n) for n in index.scan.notes})

    def _replan(self, interactions: dict[str, list[Interaction]]) -> None:
        """Histories, stages, suggestions and the plan from every note's interactions."""
        index = self.index
        self._linker = None
        self._rendered = {}
        self.ledger = Ledger({note.rel: interactions.get(note.rel, [])
                              for note in index.scan.notes})
        collect_loops(index, self.pm, cache_path(self.vault, self.config))
        self.ledger.rebuild_histories(index, index.contacts)
        detect_language(index)  # from the histories; what the suggestions are written in
        self.ledger.restage(index, self.pm, index.contacts)
        self._plan_pool()

    def new_day(self, today: dt.date) -> Update:
        """Histories (an event dated today now counts), stages and suggestions depend on the
        date: recompute them all."""
        self.today = self.index.today = today
        self._recompute(self.index.contacts)
        self._plan_pool()
        return Update(everything=True, contacts=set(self.index.contacts))

    # --- one batch ------------------------------------------------------------------------

    def update(self, rels: Iterable[str], before_read: Callable[[], None] | None = None) -> Update:
        """Re-read the touched notes and recompute what they affect. ``before_read`` is
        called once before the first note is read (none is when every touched file still
        holds the bytes last read or written: our own writes)."""
        update = Update()
        fresh: dict[str, Note | None] = {}
        for rel in sorted(set(rels)):
            if self._same_bytes(rel):  # our own write, or an event that changed nothing
                update.unchanged.append(rel)
                continue
            if before_read is not None:
                before_read()
                before_read = None
            note = self._read(rel)
            if note is None:
                if rel in self.notes:
                    fresh[rel] = None
                    update.deleted.append(rel)
                continue
            fresh[rel] = note
            update.changed.append(rel)
            update.diagnostics.extend(note.diagnostics)
        if not fresh:
            return update

        index = self.index
        contact_of = {c.rel: c for c in index.contacts.values()}
        names_changed = False
        for rel, note in fresh.items():
            before = contact_of.get(rel)
            after = self._as_contact(note)
            if (before is None) != (after is None) or (
                before is not None and after is not None
                and self._names(before) != self._names(after)
            ):
                names_changed = True
        for rel, note in fresh.items():
            if note is None:
                self.notes.pop(rel, None)
                self.hashes.pop(rel, None)
            else:
                self.notes[rel] = note
                if note.readable:
                    self.hashes[rel] = digest(note.raw)
                else:
                    self.hashes.pop(rel, None)
        if names_changed:
            self.recompute_all()
            update.everything = True
            update.contacts = set(index.contacts)
            return update

        self._sync_scan(fresh)
        # Histories, stages, suggestions and blocks depend on interactions, not on mentions:
        # only contacts whose interactions in these notes changed are recomputed (a daily note
        # that names seventy people and gains one coffee touches one history).
        affected: set[str] = set()
        ledger = self.ledger
        before_interactions = {rel: ledger.by_note.get(rel, []) for rel in fresh}
        for rel, note in fresh.items():
            if rel in contact_of:
                name = contact_of[rel].name
                affected.add(name)
                if note is not None:
                    index.contacts[name] = self._as_contact(note) or index.contacts[name]
        for rel, note in fresh.items():
            index.mentions.pop(rel, None)
            ledger.set_interactions(rel, [])
            if note is None or not note.readable:
                continue
            found = self._mentions_in(note)
            if found:
                index.mentions[rel] = found
            ledger.set_interactions(rel, note_interactions(index, self.pm, note))
        owners = {c.rel: c.name for c in index.contacts.values()}
        for rel, note in fresh.items():
            affected |= refile_loops(index, rel, [] if note is None else loops_in(
                note, index.mentions.get(rel, []), owners.get(rel), self.config))
        for rel, old in before_interactions.items():
            affected |= changed_contacts(old, ledger.by_note.get(rel, []))
        affected &= set(index.contacts)
        self._recompute(affected)
        update.contacts = affected | self._plan_pool()
        return update

    def replan(self, names: set[str]) -> Update:
        """After :meth:`wrote` recomputed ``names``: the global plan again, and the contacts
        whose output may have moved."""
        return Update(contacts=set(names) | self._plan_pool())

    def wrote(self, written: dict[str, bytes]) -> set[str]:
        """Our own writes (each note's path and the bytes written): remember their hashes
        (their events are then recognised as ours) and keep the in-memory notes equal to the
        disk, so the next plan starts from the right bytes.

        Returns the contacts whose history the writes changed (a link written into an event's
        line changes the line the history quotes): they are recomputed whole, stage and
        suggestions included, exactly as a full sync reading the written notes would — once
        for the whole batch, not once per note (a first pass writes thousands)."""
        index = self.index
        contact_of = {contact.rel: name for name, contact in index.contacts.items()}
        touched: set[str] = set()
        fresh: dict[str, Note | None] = {}
        for rel, data in written.items():
            note = self._read(rel)
            if note is None:
                continue
            fresh[rel] = note
            self.notes[rel] = note
            self.hashes[rel] = digest(data)
            name = contact_of.get(rel)
            if name is not None:
                index.contacts[name] = self._as_contact(note) or index.contacts[name]
            if note.readable:
                found = self._mentions_in(note)
                index.mentions[rel] = found
                if not found:
                    index.mentions.pop(rel)
                interactions = note_interactions(index, self.pm, note)
                old = self.ledger.by_note.get(rel, [])
                self.ledger.set_interactions(rel, interactions)
                if old != interactions:
                    touched |= {i.contact for i in [*old, *interactions]}
        touched &= set(index.contacts)
        if touched:
            self._recompute(touched)
        self._sync_scan(fresh)
        return touched

    # --- planning ------------------------------------------------------------------------

    def view(self, update: Update) -> Index:
        """The part of the index the write-back planner must look at for ``update``: the
        changed notes and the notes of affected contacts (everything after a full recompute).

        A contact whose rendered output (block and properties) is what it was when its note
        last matched the disk is left out: a global re-plan often moves suggestions around
        without changing what a block shows, and planning a note costs far more than
        rendering it.
        """
        index = self.index
        if update.everything:
            return index
        rels = {r for r in update.changed if r in self.notes}
        for name in sorted(update.contacts):
            contact = index.contacts.get(name)
            if contact is None:
                continue
            if contact.rel in rels or self._rendered.get(name) != (
                self._output(name), self.hashes.get(contact.rel)
            ):
                rels.add(contact.rel)
        notes = [self.notes[r] for r in sorted(rels)]
        contacts = {name: c for name, c in index.contacts.items() if c.rel in rels}
        return Index(
            vault=index.vault, config=index.config, today=index.today,
            scan=Scan(index.vault, index.config, notes=notes),
            contacts=contacts, links=index.links,
            mentions=MentionTable({r: index.mentions[r] for r in rels if r in index.mentions}),
            histories={n: index.histories[n] for n in contacts},
            suggestions={n: index.suggestions.get(n, []) for n in contacts},
        )

    def settled(self, view: Index, planned: set[str], written: set[str]) -> None:
        """After a write: remember each planned contact's output with the hash of its file,
        unless its change was refused (the file changed under us; the next pass sees it)."""
        for name, contact in view.contacts.items():
            if contact.rel in planned and contact.rel not in written:
                self._rendered.pop(name, None)
            else:
                self._rendered[name] = (self._output(name), self.hashes.get(contact.rel))

    def _output(self, name: str) -> str:
        """What the write-back planner would put in a contact's note, as one comparable text."""
        index = self.index
        contact, history = index.contacts[name], index.histories.get(name)
        block = self.pm.hook.render_block(
            contact=contact, suggestions=index.suggestions.get(name, []), history=history,
            config=self.config,
        )
        props = self.pm.hook.contact_properties(contact=contact, history=history, config=self.config)
        return repr((block, props))

    # --- helpers -------------------------------------------------------------------------

    def _same_bytes(self, rel: str) -> bool:
        """True when the file still hashes to what we last read or wrote (no parse needed)."""
        known = self.hashes.get(rel)
        if known is None:
            return False
        try:
            return digest(read_regular(self.vault / rel)) == known
        except OSError:
            return False

    def _read(self, rel: str) -> Note | None:
        """The note at ``rel`` as it is on disk now; None when it is gone or not a note."""
        path = self.vault / rel
        if note_rel(self.vault, str(path), self.config) is None or not path.is_file():
            return None
        return read_note(self.vault, path, rel, self.config)

    def _in_scan_order(self) -> list[Note]:
        """The notes in the order a full scan reads them: who wins a shared title, and the
        order of candidates, follow it, so a rebuild in memory matches a full sync."""
        order = [rel for _, rel in iter_markdown(self.vault, self.config) if rel in self.notes]
        seen = set(order)
        order += sorted(rel for rel in self.notes if rel not in seen)
        return [self.notes[rel] for rel in order]

    def _mentions_in(self, note: Note) -> list[Mention]:
        """One note's mentions, as :func:`~vinculo.mentions.find_mentions` finds them, with the
        name matcher built once per set of contact names instead of once per call."""
        if self._linker is None:
            try:
                from vinculo.linking import Linker

                self._linker = Linker.for_run(self.index.contacts, self.pm, self.config,
                                              self.index.continuing, self.index.links)
            except (ImportError, AttributeError):
                self._linker = False
        if self._linker is False:
            found = find_mentions([note], self.index.contacts, self.pm, self.config,
                                  self.index.links)
            return found.get(note.rel, [])
        return list(self._linker.mentions(note))

    def _as_contact(self, note: Note | None) -> Contact | None:
        if note is None or not note.readable:
            return None
        found = build_contacts([note], self.pm, self.config)
        return next(iter(found.values()), None)

    def _names(self, contact: Contact) -> tuple[str, ...]:
        texts: set[object] = {contact.name, *contact.aliases}
        for batch in self.pm.hook.name_variants(contact=contact, config=self.config):
            texts |= {(v.text, v.kind, v.confident) for v in batch or []}
        return tuple(sorted(map(str, texts)))

    def _sync_scan(self, fresh: dict[str, Note | None]) -> None:
        """Put re-read notes into ``index.scan.notes`` in place; rebuild it only when notes
        came or went."""
        notes = self.index.scan.notes
        if any(note is None or rel not in self._position for rel, note in fresh.items()):
            self.index.scan.notes = [self.notes[r] for r in self._order() if r in self.notes]
            return
        for rel, note in fresh.items():
            notes[self._position[rel]] = note  # type: ignore[assignment]  # None ruled out above

    def _order(self) -> list[str]:
        known = [n.rel for n in self.index.scan.notes if n.rel in self.notes]
        seen = set(known)
        return known + sorted(r for r in self.notes if r not in seen)

    @property
    def _position(self) -> dict[str, int]:
        notes = self.index.scan.notes
        if getattr(self, "_pos_for", None) is not notes or len(self._pos) != len(notes):
            self._pos = {n.rel: i for i, n in enumerate(notes)}
            self._pos_for = notes
        return self._pos

    def _recompute(self, names: Iterable[str]) -> None:
        """Histories, stages and (unplanned) suggestions of these contacts (see
        :meth:`vinculo.ledger.Ledger.recompute`)."""
        self.ledger.recompute(self.index, self.pm, names)

    def _plan_pool(self) -> set[str]:
        """Re-plan the whole pool; the contacts whose final suggestions moved."""
        return self.ledger.plan(self.index, self.pm)
