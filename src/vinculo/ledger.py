"""Recompute only what one note's events touch, the way the full pass computes everything.

Every note's events (as extracted, before filing) are kept by note, and each contact's
suggestions before the plan: when a note changes, the contacts whose events (or open loops) in
it changed get their histories, stages and suggestions again, and nothing else; then the one
global plan runs again (pacing and the daily budget are global, so any contact's final list may
move).

Shared by the two callers that see one save at a time: the sync service's event mode
(:mod:`vinculo.event_sync`, replaying a save on the state the last full pass left) and the
watcher's live index (:mod:`vinculo.watch.incremental`). What the answer rests on — a history
is its contact's events filed in (date, note, line) order, a stage and suggestions depend only
on their own contact and history — is what :mod:`vinculo.pipeline` computes for the whole vault,
so the result is the full pass's (``tests/test_event_sync.py``, ``tests/test_watch_incremental.py``).
"""

from __future__ import annotations

from collections.abc import Iterable

import pluggy

from vinculo.history import file_events
from vinculo.loops import attach_loops
from vinculo.model import History, Interaction, OpenLoop, Suggestion
from vinculo.pipeline import Index, plan_pool, stage_of, suggestions_of

__all__ = ["Ledger", "changed_contacts", "refile_loops"]


def changed_contacts(old: list[Interaction], new: list[Interaction]) -> set[str]:
    """Contacts whose interactions differ between two versions of one note."""
    def by_contact(found: list[Interaction]) -> dict[str, list[Interaction]]:
        out: dict[str, list[Interaction]] = {}
        for interaction in found:
            out.setdefault(interaction.contact, []).append(interaction)
        return out

    before, after = by_contact(old), by_contact(new)
    return {c for c in before.keys() | after.keys() if before.get(c) != after.get(c)}


def refile_loops(index: Index, rel: str, loops: list[OpenLoop]) -> set[str]:
    """Put one note's open loops in ``index.loops``; the contacts whose loops it changed."""
    old = index.loops.pop(rel, [])
    if loops:
        index.loops[rel] = loops
    return set() if loops == old else {loop.contact for loop in old + loops}


class Ledger:
    """Every note's events and each contact's suggestions before the plan: what histories and
    the plan are made of, kept so that one note's change recomputes only what it touches.

    A ledger that holds only some notes' events (the event mode's, whose other events rest in
    its state) says so with ``complete = False`` and gives each contact's events by
    :meth:`events_of`."""

    complete = True  # by_note holds every note's events

    def __init__(self, by_note: dict[str, list[Interaction]] | None = None,
                 pool: dict[str, list[Suggestion]] | None = None) -> None:
        self.by_note: dict[str, list[Interaction]] = {}  # rel -> its interactions
        self.notes_of: dict[str, set[str]] = {}  # contact -> rels of notes with interactions
        self.pool: dict[str, list[Suggestion]] = dict(pool or {})  # contact -> unplanned
        for rel, found in (by_note or {}).items():
            self.set_interactions(rel, found)

    def set_interactions(self, rel: str, interactions: list[Interaction]) -> set[str]:
        """File one note's interactions; the contacts whose interactions in it changed."""
        old = self.by_note.pop(rel, [])
        for interaction in old:
            self.notes_of.get(interaction.contact, set()).discard(rel)
        if interactions:
            self.by_note[rel] = interactions
            for interaction in interactions:
                self.notes_of.setdefault(interaction.contact, set()).add(rel)
        return changed_contacts(old, interactions)

    def events_of(self, name: str) -> list[Interaction]:
        """One contact's events, as extracted from every note, before filing."""
        return [i for rel in self.notes_of.get(name, ()) for i in self.by_note.get(rel, [])
                if i.contact == name]

    def recompute(self, index: Index, pm: pluggy.PluginManager, names: Iterable[str]) -> None:
        """Histories, stages and (unplanned) suggestions of these contacts: never one without
        the others, so no history is left at its default stage."""
        names = set(names)
        self.rebuild_histories(index, names)
        self.restage(index, pm, names)

    def rebuild_histories(self, index: Index, names: Iterable[str]) -> None:
        """These contacts' histories from the notes' events, with their open loops."""
        wanted = {n for n in names if n in index.contacts}
        if self.complete and wanted == set(index.contacts):
            index.histories = {n: History(contact=n) for n in index.contacts}
            for found in self.by_note.values():
                for interaction in found:
                    index.histories[interaction.contact].interactions.append(interaction)
        else:
            for name in wanted:
                index.histories[name] = History(contact=name, interactions=self.events_of(name))
        for name in wanted:
            file_events(index.histories[name], index.today)
        attach_loops(index.histories, index.loops, wanted)

    def restage(self, index: Index, pm: pluggy.PluginManager, names: Iterable[str]) -> None:
        """Stages and (unplanned) suggestions of these contacts, from their histories."""
        for name in names:
            stage_of(index, pm, name)
            self.pool[name] = suggestions_of(index, pm, name)

    def plan(self, index: Index, pm: pluggy.PluginManager) -> set[str]:
        """Re-plan the whole pool; the contacts whose final suggestions moved."""
        before = dict(index.suggestions)
        pool = [s for name in index.contacts for s in self.pool.get(name, [])]
        plan_pool(index, pm, pool)
        after = index.suggestions
        return {n for n in after if after.get(n) != before.get(n)}
