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
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pluggy

from vinculo.config import Config
from vinculo.contacts import build_contacts
from vinculo.mentions import find_mentions
from vinculo.model import Contact, Diagnostic, History, Interaction, Note, Suggestion
from vinculo.pipeline import (
    Index,
    interaction_order,
    note_interactions,
    plan_pool,
    stage_of,
    suggestions_of,
)
from vinculo.vault import Scan, read_note, scan_vault
from vinculo.watch.events import note_rel


def _ordered(interactions: list[Interaction]) -> list[Interaction]:
    """Sorted (and de-duplicated when the history module offers it), as a full sync does."""
    ordered = sorted(interactions, key=interaction_order)
    try:
        from vinculo.history import distinct_interactions
    except ImportError:
        return ordered
    return list(distinct_interactions(ordered))


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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

    def __init__(self, vault: Path, config: Config, pm: pluggy.PluginManager, today: dt.date):
        self.vault = vault
        self.config = config
        self.pm = pm
        self.today = today
        self.index = Index(vault, config, today, Scan(vault, config), {})
        self.notes: dict[str, Note] = {}
        self.hashes: dict[str, str] = {}  # rel -> sha256 of the bytes last read or written
        self.by_note: dict[str, list[Interaction]] = {}  # rel -> its interactions
        self.pool: dict[str, list[Suggestion]] = {}  # contact -> suggestions before planning

    # --- whole-vault passes -------------------------------------------------------------

    def load(self) -> None:
        """Read every note from disk and compute everything (the initial sync, a rescan)."""
        scan = scan_vault(self.vault, self.config)
        self.notes = {n.rel: n for n in scan.notes}
        self.hashes = {n.rel: digest(n.raw) for n in scan.notes if n.readable}
        self.index.scan = scan
        self.recompute_all()

    def recompute_all(self) -> None:
        """Everything from the notes in memory: contacts, mentions, histories, plan."""
        index = self.index
        index.today = self.today
        index.scan.notes = [self.notes[rel] for rel in sorted(self.notes)]
        index.contacts = build_contacts(index.scan.notes, self.pm, self.config)
        index.mentions = find_mentions(index.scan.notes, index.contacts, self.pm, self.config)
        self.by_note = {}
        for note in index.scan.notes:
            found = note_interactions(index, self.pm, note)
            if found:
                self.by_note[note.rel] = found
        self._rebuild_histories(index.contacts)
        self.pool = {}
        for name in index.contacts:
            stage_of(index, self.pm, name)
            self.pool[name] = suggestions_of(index, self.pm, name)
        self._plan_pool()

    def new_day(self, today: dt.date) -> Update:
        """Stages and suggestions depend on the date: recompute them all."""
        self.today = self.index.today = today
        for name in self.index.contacts:
            stage_of(self.index, self.pm, name)
            self.pool[name] = suggestions_of(self.index, self.pm, name)
        self._plan_pool()
        return Update(everything=True, contacts=set(self.index.contacts))

    # --- one batch ------------------------------------------------------------------------

    def update(self, rels: Iterable[str]) -> Update:
        """Re-read the touched notes and recompute what they affect."""
        update = Update()
        fresh: dict[str, Note | None] = {}
        for rel in sorted(set(rels)):
            note = self._read(rel)
            if note is None:
                if rel in self.notes:
                    fresh[rel] = None
                    update.deleted.append(rel)
                continue
            if note.readable and self.hashes.get(rel) == digest(note.raw):
                update.unchanged.append(rel)
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

        index.scan.notes = [self.notes[rel] for rel in sorted(self.notes)]
        affected: set[str] = set()
        for rel, note in fresh.items():
            affected |= {m.target for m in index.mentions.get(rel, [])}
            affected |= {i.contact for i in self.by_note.get(rel, [])}
            if rel in contact_of:
                name = contact_of[rel].name
                affected.add(name)
                if note is not None:
                    index.contacts[name] = self._as_contact(note) or index.contacts[name]
        for rel, note in fresh.items():
            index.mentions.pop(rel, None)
            self.by_note.pop(rel, None)
            if note is None or not note.readable:
                continue
            found = find_mentions([note], index.contacts, self.pm, self.config).get(rel, [])
            if found:
                index.mentions[rel] = found
            interactions = note_interactions(index, self.pm, note)
            if interactions:
                self.by_note[rel] = interactions
            affected |= {m.target for m in found} | {i.contact for i in interactions}
        affected &= set(index.contacts)
        self._rebuild_histories(affected)
        for name in affected:
            stage_of(index, self.pm, name)
            self.pool[name] = suggestions_of(index, self.pm, name)
        update.contacts = affected | self._plan_pool()
        return update

    def wrote(self, rel: str, data: bytes) -> None:
        """Our own write: remember its hash (its event is then recognised as ours) and keep
        the in-memory note equal to the disk, so the next plan starts from the right bytes."""
        note = self._read(rel)
        if note is None:
            return
        self.notes[rel] = note
        self.hashes[rel] = digest(data)
        index = self.index
        for name, contact in list(index.contacts.items()):
            if contact.rel == rel:
                index.contacts[name] = self._as_contact(note) or contact
        if note.readable:
            found = find_mentions([note], index.contacts, self.pm, self.config).get(rel, [])
            index.mentions[rel] = found
            if not found:
                index.mentions.pop(rel)
            interactions = note_interactions(index, self.pm, note)
            old = self.by_note.pop(rel, [])
            if interactions:
                self.by_note[rel] = interactions
            if old != interactions:
                self._rebuild_histories({i.contact for i in [*old, *interactions]})
        index.scan.notes = [self.notes[r] for r in sorted(self.notes)]

    # --- planning ------------------------------------------------------------------------

    def view(self, update: Update) -> Index:
        """The part of the index the write-back planner must look at for ``update``: the
        changed notes and the notes of affected contacts (everything after a full recompute)."""
        index = self.index
        if update.everything:
            return index
        rels = {r for r in update.changed if r in self.notes}
        rels |= {index.contacts[n].rel for n in update.contacts if n in index.contacts}
        notes = [self.notes[r] for r in sorted(rels)]
        contacts = {name: c for name, c in index.contacts.items() if c.rel in rels}
        return Index(
            vault=index.vault, config=index.config, today=index.today,
            scan=Scan(index.vault, index.config, notes=notes),
            contacts=contacts,
            mentions={r: index.mentions[r] for r in rels if r in index.mentions},
            histories={n: index.histories[n] for n in contacts},
            suggestions={n: index.suggestions.get(n, []) for n in contacts},
        )

    # --- helpers -------------------------------------------------------------------------

    def _read(self, rel: str) -> Note | None:
        """The note at ``rel`` as it is on disk now; None when it is gone or not a note."""
        path = self.vault / rel
        if note_rel(self.vault, str(path), self.config) is None or not path.is_file():
            return None
        return read_note(self.vault, path, rel, self.config)

    def _as_contact(self, note: Note | None) -> Contact | None:
        if note is None or not note.readable:
            return None
        found = build_contacts([note], self.pm, self.config)
        return next(iter(found.values()), None)

    def _names(self, contact: Contact) -> tuple[str, ...]:
        texts = {contact.name, *contact.aliases}
        for batch in self.pm.hook.name_variants(contact=contact, config=self.config):
            texts |= {(v.text, v.kind, v.confident) for v in batch or []}  # type: ignore[arg-type]
        return tuple(sorted(map(str, texts)))

    def _rebuild_histories(self, names: Iterable[str]) -> None:
        index = self.index
        wanted = {n for n in names if n in index.contacts}
        if wanted == set(index.contacts):
            index.histories = {n: History(contact=n) for n in index.contacts}
        else:
            for name in wanted:
                index.histories[name] = History(contact=name)
        for found in self.by_note.values():
            for interaction in found:
                if interaction.contact in wanted:
                    index.histories[interaction.contact].interactions.append(interaction)
        for name in wanted:
            history = index.histories[name]
            history.interactions = _ordered(history.interactions)

    def _plan_pool(self) -> set[str]:
        """Re-plan the whole pool; the contacts whose final suggestions moved."""
        before = dict(self.index.suggestions)
        pool = [s for name in self.index.contacts for s in self.pool.get(name, [])]
        plan_pool(self.index, self.pm, pool)
        after = self.index.suggestions
        return {n for n in after if after.get(n) != before.get(n)}
