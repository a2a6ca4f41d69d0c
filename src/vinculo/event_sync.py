"""The sync service's event mode: a save that logs an event costs one note's work.

A settled vault's memo (:mod:`vinculo.memo`) answers a sync when the notes that changed give
the plan nothing new. When they do give it new events, open loops or names to link — a coffee
logged in today's note — a full pass would restore every note's analysis to rewrite a contact
or two. Instead, the full pass that settled the vault keeps, beside its memo, the *state* it
ended with (:class:`State`: every note's events, the open loops, each contact's stage, drift
and suggestions before and after the plan, the vault's language), and the sync replays the
changed notes on it with the watcher's own logic (:mod:`vinculo.ledger`):

- the contacts whose events or open loops in those notes changed get their histories, stages
  and suggestions again, and nothing else (a history, a stage, drift, reciprocity and every
  suggestion rule depend only on their own contact and history);
- the global plan (pacing, snoozes, the daily budget, city groups) runs again over the whole
  pool whenever one of those contacts' suggestions before the plan moved; the contacts whose
  planned list then moved are planned too;
- the vault's language is read again from the histories; if it changed, every suggestion may
  be worded differently: the sync runs in full;
- the notes planned are those contacts' notes and the changed notes (their links), in the
  order a full pass plans them, and the files plugins keep (the dashboard) are planned from
  the whole replayed state, through the same plan, write and retries as any sync
  (:meth:`vinculo.sync_service.SyncService.sync`).

What it writes is what a full pass writes (``tests/test_event_sync.py`` compares the bytes).
Anything it cannot vouch for runs the sync in full: no state kept, a state from another set
of contacts, a plugin writing whole files that does not say it reads the contacts' side alone
(the ``plans_from_contacts`` hook: it may read what the state does not hold, every note and
mention), a contact note changed under it.
"""

from __future__ import annotations

import datetime as dt
import pickle
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pluggy

from vinculo.cache import StaleNoteError, reading
from vinculo.codec import Fields, MentionTable, interaction_rows, interactions_of
from vinculo.config import Config
from vinculo.history import file_events
from vinculo.ledger import Ledger, refile_loops
from vinculo.loops import attach_loops, loops_in
from vinculo.model import Drift, History, Interaction, OpenLoop, Stage, Suggestion
from vinculo.pipeline import LANGUAGE_SAMPLE, Index, detect_language
from vinculo.vault import Scan

__all__ = ["MODE", "Replay", "State", "StoredHistory", "contact_rows", "pack_state", "replay",
           "replayable", "settle"]

MODE = "events"  # what ``sync --json`` says ran (``write.mode``)


# A contact's part of the state: (stage, drift, last contact, plans as field tuples, the notes
# its events were extracted from — the events themselves rest in each note's cache row —,
# how many events its history files).
Person = tuple[Stage, Drift | None, dt.date | None, list[Fields], tuple[str, ...], int]


@dataclass
class State:
    """What a full pass ended with, kept beside its memo: what an event is replayed on.

    Each contact's part (``people``) is stored apart, by name. Its events are not stored
    again: each note's cache row already holds the events extracted from it (as the memo's
    notes' hashes vouch), so a contact's part names the notes they come from, and a stage
    that reads its events gets them from those rows (:class:`StoredHistory`,
    :class:`NoteEvents`). A replay reads the few contacts it touches, the dashboard reads what
    it needs of the others (stage, drift, last contact, plans, open loops) without them, and
    a replay that settles the vault again stores only the contacts it touched."""

    contacts: list[str]  # in the index's order: a state is only for the same contacts
    loops: dict[str, list[OpenLoop]]  # rel -> the note's open loops
    pool: dict[str, list[Suggestion]]  # contact -> its suggestions before the plan
    suggestions: dict[str, list[Suggestion]]  # contact -> planned
    language: str | None  # the language detected in the vault's events
    people: dict[str, Person] = field(default_factory=dict)  # stored apart, by name

    def pack(self, names: Iterable[str], head: bool = True) -> tuple[bytes | None, dict[str, bytes]]:
        """The state as :func:`vinculo.memo.remember` stores it: its head (None without
        ``head``: the one stored stands), and the parts of the contacts ``names``."""
        return (pickle.dumps(replace(self, people={}), protocol=pickle.HIGHEST_PROTOCOL)
                if head else None,
                {name: pickle.dumps(self.people[name], protocol=pickle.HIGHEST_PROTOCOL)
                 for name in names})

    def same_head(self, other: State) -> bool:
        """Whether ``other`` has this head (all but the contacts' parts): a replay that moved
        no open loop, pool or plan leaves the stored head as it is (half a megabyte at
        1,000 contacts, pickled and written again for nothing)."""
        return (self.contacts == other.contacts and self.language == other.language
                and self.loops == other.loops and self.pool == other.pool
                and self.suggestions == other.suggestions)


class NoteEvents:
    """The events of the memo's notes as their cache rows hold them: what the state's
    contacts' events are read from. A row that is not the one the memo's note hash and world
    vouch for (gone, or replaced) cannot be trusted: :class:`~vinculo.cache.StaleNoteError`,
    on which the sync runs in full."""

    def __init__(self, pending: Any) -> None:
        self.path, self.memo = pending.path, pending.memo
        # rel -> its interactions' field tuples; a note read again gives them as it is now
        # (its row still holds them as they were: the memo's hash is already the new one)
        self.rows: dict[str, list[Fields]] = {
            rel: analysis.interactions for rel, (_, analysis, _) in pending.moved.items()}

    def load(self, rels: Iterable[str]) -> None:
        """Read the rows of ``rels`` not read yet, in one query."""
        from vinculo.cache import read_rows
        from vinculo.codec import unpack_analysis

        wanted = [rel for rel in dict.fromkeys(rels) if rel not in self.rows]
        if not wanted:
            return
        try:
            with reading(self.path) as con:
                found = read_rows(con, wanted)
        except sqlite3.Error as exc:
            raise StaleNoteError(f"the cache could not be read: {exc}") from exc
        notes, world = self.memo.notes, self.memo.world
        for rel in wanted:
            row, known = found.get(rel), notes.get(rel)
            if (row is None or known is None or row.sha != known[2] or row.world != world
                    or row.analysis is None):
                raise StaleNoteError(f"{rel}: its cached analysis is not the memo's")
            self.rows[rel] = unpack_analysis(row.analysis).interactions

    def of(self, name: str, rels: Iterable[str]) -> list[Interaction]:
        """One contact's events in these notes, in the notes' order, as extracted."""
        rels = list(rels)
        self.load(rels)
        rows = self.rows
        return [i for rel in rels for i in interactions_of(rows[rel]) if i.contact == name]


class StoredHistory(History):
    """A contact's history as the state keeps it: its events are read (from the rows of the
    notes they come from) and filed the first time something reads them; its last contact,
    plans, stage, drift and open loops are kept as they were filed. Equal, field for field, to
    the history the full pass built."""

    @classmethod
    def restore(cls, name: str, person: tuple[Any, ...], today: dt.date,
                events: NoteEvents) -> StoredHistory:
        stage, drift, last, planned, rels, _ = person
        history: StoredHistory = object.__new__(cls)
        history.__dict__.update(contact=name, stage=stage, drift=drift, open_loops=[],
                                planned=interactions_of(planned), _last=last, _rels=rels,
                                _events=events, _today=today)
        return history

    @property  # a field of History, a property here
    def interactions(self) -> list[Interaction]:
        filed = self.__dict__.get("_filed")
        if filed is None:
            found = self.__dict__["_events"].of(self.contact, self.__dict__["_rels"])
            raw = History(contact=self.contact, interactions=found)
            file_events(raw, self.__dict__["_today"])
            filed = self.__dict__["_filed"] = raw.interactions
        return filed

    @interactions.setter
    def interactions(self, value: list[Interaction]) -> None:
        self.__dict__["_filed"] = value

    @property
    def last_contact(self) -> dt.date | None:
        if "_filed" not in self.__dict__:
            return self.__dict__["_last"]
        return max((i.date for i in self.interactions), default=None)


def _person(history: History, rels: tuple[str, ...]) -> Person:
    return (history.stage, history.drift, history.last_contact,
            interaction_rows(history.planned), rels, len(history.interactions))


def replayable(pm: pluggy.PluginManager, config: Config) -> bool:
    """Whether every plugin writing whole files plans them from the contacts' side alone
    (the ``plans_from_contacts`` hook): one that may read every note or mention cannot be
    replayed on the state, which holds neither."""
    vouched = {id(impl.plugin) for impl in pm.hook.plans_from_contacts.get_hookimpls()
               if impl.function(config=config) is True}
    return all(id(impl.plugin) in vouched for impl in pm.hook.plan_files.get_hookimpls())


def pack_state(index: Index, pm: pluggy.PluginManager
               ) -> tuple[bytes | None, dict[str, bytes]] | None:
    """The state to keep with a full pass's memo; None when there is none to replay on."""
    if not replayable(pm, index.config) or (index.contacts and not index.pool):
        return None
    notes: dict[str, list[str]] = {name: [] for name in index.contacts}
    for rel, found in index.events.items():  # each note's events are in its cache row
        for interaction in found:
            rels = notes[interaction.contact]
            if not rels or rels[-1] != rel:
                rels.append(rel)
    state = State(
        contacts=list(index.contacts), loops=index.loops, pool=index.pool,
        suggestions=index.suggestions, language=index.config.detected_language,
        people={name: _person(index.histories[name], tuple(notes[name]))
                for name in index.contacts})
    return state.pack(index.contacts)


def _load_state(path: Path) -> State | None:
    """The state kept with the memo (row 1 of its table, and each contact's part), or None."""
    try:
        with reading(path) as con:
            found = con.execute("SELECT blob FROM settled WHERE id = 1").fetchone()
            state = pickle.loads(found[0]) if found else None
            if not isinstance(state, State):
                return None
            state.people = {name: pickle.loads(blob) for name, blob
                            in con.execute("SELECT name, blob FROM settled_people")}
    except Exception:  # a state is an optimisation, never a reason to fail
        return None
    if set(state.people) != set(state.contacts) or any(
            not isinstance(person[4], tuple) for person in state.people.values()):
        return None  # kept by a version that stored the events themselves
    return state


class _Ledger(Ledger):
    """The ledger of a replay: the changed notes' events (as the memo's full pass read them,
    then as they are now), every other event resting packed in the state."""

    complete = False

    def __init__(self, state: State, pending: Any, contacts: set[str],
                 events: NoteEvents) -> None:
        super().__init__(pool=state.pool)
        self.state, self.moved, self.events = state, pending.moved, events
        for rel, (_, _, before) in pending.moved.items():
            self.set_interactions(rel, [i for i in interactions_of(before.interactions)
                                        if i.contact in contacts])

    def kept(self, name: str) -> list[str]:
        """The notes, not replayed, that one contact's events come from."""
        return [rel for rel in self.state.people[name][4] if rel not in self.moved]

    def notes_with(self, name: str) -> tuple[str, ...]:
        """The notes one contact's events now come from (its part of the next state)."""
        return (*self.kept(name), *(rel for rel in self.moved if rel in self.notes_of.get(name, ())))

    def events_of(self, name: str) -> list[Interaction]:
        return self.events.of(name, self.kept(name)) + super().events_of(name)


@dataclass
class Replay:
    """The changed notes replayed on the state: what the sync plans and writes."""

    index: Index  # the whole vault's histories, stages and plan (no notes: see ``view``)
    view: Index  # the notes to plan: the changed ones and the contacts whose output may move
    state: State  # the state after the replay, to keep with the memo if the vault settles
    contacts: set[str]  # the contacts replanned
    touched: set[str]  # the contacts whose history was replayed (their part of the state)
    head: bool = True  # whether the state's head moved (else the one stored stands)

    def keeps_diagnostic(self, line: str) -> bool:
        """Whether one of the last full pass's plan diagnostics still stands: those of the
        notes planned again are said again by this plan."""
        return not any(line.startswith(f"{note.rel}:") for note in self.view.scan.notes)


def replay(pending: Any, pm: pluggy.PluginManager) -> Replay | None:
    """The changed notes of ``pending`` (a :class:`vinculo.memo.Pending`) replayed on the
    state the last full pass kept; None when the sync must run in full."""
    index: Index = pending.index
    config = index.config
    if not replayable(pm, config):
        return None
    state = _load_state(pending.path)
    if state is None or state.contacts != list(index.contacts):
        return None
    config.detected_language = state.language
    index.loops = dict(state.loops)
    index.suggestions = state.suggestions
    events = NoteEvents(pending)
    index.histories = {name: StoredHistory.restore(name, state.people[name], index.today,
                                                   events)
                       for name in state.contacts}  # in the full pass's order
    attach_loops(index.histories, index.loops)
    known = set(index.contacts)
    ledger = _Ledger(state, pending, known, events)
    affected: set[str] = set()
    for rel, (note, analysis, _) in pending.moved.items():
        index.mentions.put_packed(rel, analysis)
        found = [i for i in interactions_of(analysis.interactions) if i.contact in known]
        affected |= ledger.set_interactions(rel, found)
        table = MentionTable()
        table.put_packed(rel, analysis)
        affected |= refile_loops(index, rel, loops_in(note, table.get(rel, []), None, config))
    affected &= known
    try:  # the touched contacts' other events, from their notes' rows: one query
        events.load(rel for name in affected for rel in ledger.kept(name))
    except StaleNoteError:
        return None
    ledger.rebuild_histories(index, affected)
    if not _same_sample(state, affected):
        try:  # the sample's events, from their notes' rows: one query
            events.load(rel for name in _sampled(state) for rel in state.people[name][4])
            detect_language(index)
        except StaleNoteError:
            return None
        if config.detected_language != state.language:
            return None  # every suggestion may be worded in another language
    before = {name: ledger.pool.get(name) for name in affected}
    ledger.restage(index, pm, affected)
    planned = affected
    if any(ledger.pool.get(name) != pool for name, pool in before.items()):
        planned = affected | ledger.plan(index, pm)  # pacing and the budget are global
    people = dict(state.people)
    for name in affected:
        people[name] = _person(index.histories[name], ledger.notes_with(name))
    try:  # the events of the contacts planned again (their blocks may show them): one query
        events.load(rel for name in planned - affected for rel in state.people[name][4])
    except StaleNoteError:
        return None
    after = State(state.contacts, index.loops, ledger.pool, index.suggestions, state.language,
                  people)
    index.pool = ledger.pool
    return Replay(index, _view(index, pending, planned), after, planned, affected,
                  not after.same_head(state))


def _sampled(state: State) -> list[str]:
    """The contacts whose events the vault's language is read from (the first
    :data:`~vinculo.pipeline.LANGUAGE_SAMPLE` event lines of the histories, in order), as the
    full pass counted them."""
    out, seen = [], 0
    for name in state.contacts:
        if seen >= LANGUAGE_SAMPLE:
            break
        out.append(name)
        seen += state.people[name][5]
    return out


def _same_sample(state: State, affected: set[str]) -> bool:
    """Whether the event lines the vault's language is read from (the first
    :data:`~vinculo.pipeline.LANGUAGE_SAMPLE` of the histories, in order) are all from
    contacts before the first one replayed: then the language stays what it was."""
    seen = 0
    for name in state.contacts:
        if name in affected:
            return False
        seen += state.people[name][5]
        if seen >= LANGUAGE_SAMPLE:
            return True
    return False


def _view(index: Index, pending: Any, names: set[str]) -> Index:
    """The part of the replayed state the planner looks at: the changed notes and these
    contacts' notes, in the order a full pass plans them (the order of the memo's notes)."""
    contacts = {c.rel: name for name, c in index.contacts.items() if name in names}
    rels = [rel for rel in pending.memo.notes if rel in contacts or rel in pending.moved]
    notes = [pending.moved[rel][0] if rel in pending.moved else index.contacts[contacts[rel]].note
             for rel in rels]
    shown = {contacts[rel]: index.contacts[contacts[rel]] for rel in rels if rel in contacts}
    return Index(
        vault=index.vault, config=index.config, today=index.today,
        scan=Scan(index.vault, index.config, notes=notes),
        contacts=shown, mentions=index.mentions, links=index.links,
        histories={n: index.histories[n] for n in shown},
        suggestions={n: index.suggestions.get(n, []) for n in shown},
    )


def contact_rows(pending: Any, replayed: Replay) -> list[dict[str, Any]]:
    """The ``contacts --json`` rows after the replay: the memo's, but for the contacts
    replanned (the only ones whose history or suggestions may have moved), as they are now."""
    from vinculo.report import contact_rows as rows_of

    fresh = {row["name"]: row for row in rows_of(replayed.view)}
    return [fresh.get(row["name"], row) for row in pending.memo.rows]


def settle_written(pending: Any, replayed: Replay, changes: list[Any], report: Any,
                   pm: pluggy.PluginManager, rows: list[dict[str, Any]]) -> bool:
    """After a replay that wrote: keep the memo, brought up to date with what was written,
    when a full pass reading the new bytes would plan nothing and hold the same state: every
    file written is a contact note or a file a plugin owns (not a changed note: its links moved
    its events' lines), and each contact note written still gives its contact the same names,
    properties (but vinculo's own), events, open loops, stage, drift and suggestions, and the
    global plan and every plan of those notes and the plugins' files stay the same. False (the
    caller drops the memo) otherwise."""
    from vinculo.cache import Row, digest, pack_parsed, trusted_mtime
    from vinculo.codec import unpack_analysis
    from vinculo.contacts import build_contacts
    from vinculo.pipeline import plan_pool, suggestions_of
    from vinculo.rhythm import is_drifting
    from vinculo.vault import read_note
    from vinculo.writeback.plan import plan_sync

    memo, index = pending.memo, replayed.index
    vault, config = index.vault, index.config
    after = {c.rel: c.after for c in changes}
    written = set(report.written)
    if (report.skipped or not written or written - set(after)
            or written - set(memo.contacts) - set(memo.owned) or written & set(pending.moved)):
        return False
    owner = {c.rel: name for name, c in index.contacts.items()}
    cached = pending.cached_rows(sorted(written & set(memo.contacts)))
    prefix = str(config.get("properties.prefix", "vinculo_"))
    contacts = dict(index.contacts)
    fresh: dict[str, tuple[Any, bytes]] = {}
    for rel in sorted(written & set(memo.contacts)):
        name, row = owner.get(rel), cached.get(rel)
        note = read_note(vault, vault / rel, rel, config)
        if (name is None or row is None or row.sha != memo.notes[rel][2]
                or row.world != memo.world or row.analysis is None or not note.readable
                or note.diagnostics or digest(note.raw) != digest(after[rel])):
            return False
        found = build_contacts([note], pm, config)
        new, old = found.get(name), index.contacts[name]
        if new is None or len(found) != 1 or _lasting(new, prefix) != _lasting(old, prefix):
            return False
        blob = pending.analyse(note)
        now, before = unpack_analysis(blob), unpack_analysis(row.analysis)
        if now.problem or now.may_link or now.interactions != before.interactions:
            return False
        table = MentionTable()
        table.put_packed(rel, now)
        if loops_in(note, table.get(rel, []), name, config) != index.loops.get(rel, []):
            return False
        contacts[name], fresh[rel] = new, (note, blob)
    probe = replace(index, contacts=contacts, suggestions={})
    for rel in fresh:
        name = owner[rel]
        history = index.histories[name]
        stage = pm.hook.contact_stage(history=history, contact=contacts[name],
                                      today=index.today, config=config) or "radar"
        if (stage != history.stage
                or is_drifting(contacts[name], history, index.today, config) != history.drift
                or suggestions_of(probe, pm, name) != replayed.state.pool.get(name)):
            return False
    plan_pool(probe, pm, [s for name in contacts for s in replayed.state.pool.get(name, [])])
    if probe.suggestions != index.suggestions:
        return False  # the blocks' memory (a date written) moves the plan
    view = replace(replayed.view, contacts={n: contacts[n] for n in replayed.view.contacts},
                   scan=Scan(vault, config, notes=[fresh[n.rel][0] if n.rel in fresh else n
                                                  for n in replayed.view.scan.notes]))
    if plan_sync(view, pm, whole=probe).changes:
        return False  # a second pass would write something again
    for rel in written:
        try:
            info = (vault / rel).stat()
        except OSError:
            return False
        sha = digest(after[rel])
        if rel in memo.notes:
            memo.notes[rel] = (info.st_size, info.st_mtime_ns, sha)
        if rel in memo.owned:
            memo.owned[rel] = (info.st_size, info.st_mtime_ns)
        memo.written = {**getattr(memo, "written", {}), rel: sha}
        if rel in fresh:
            note, blob = fresh[rel]
            memo.contacts[rel] = pack_parsed(note)
            pending.rows[rel] = Row(info.st_size, trusted_mtime(info.st_mtime_ns, pending.started),
                                    sha, memo.contacts[rel], memo.world, blob)
    settle(pending, replayed, rows)
    return True


def _lasting(contact: Any, prefix: str) -> tuple[Any, ...]:
    """What of a contact a write of vinculo's never changes: its names and the properties
    that are not vinculo's own."""
    return (contact.name, contact.rel, tuple(contact.aliases),
            sorted((k, repr(v)) for k, v in contact.properties.items()
                   if not str(k).startswith(prefix)))


def settle(pending: Any, replayed: Replay, rows: list[dict[str, Any]]) -> None:
    """Keep the memo (its plan was empty: the vault is settled again) with the replayed state
    and the ``contacts --json`` ``rows``."""
    pending.memo.rows = rows
    pending.keep(replayed.state.pack(replayed.touched, head=replayed.head))
