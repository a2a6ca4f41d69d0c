"""The main job, one way: scan → parse → contacts → mentions → interactions → stages →
suggestions. Each stage lives in its own module or plugin; this module only wires them."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pluggy

from vinculo import progress
from vinculo.cache import NoteCache, fingerprint, open_cache, without_bytes
from vinculo.cache import save as save_cache
from vinculo.codec import (
    Analysis,
    MentionTable,
    interactions_of,
    pack_analysis,
    unpack_analysis,
)
from vinculo.config import Config
from vinculo.contacts import build_contacts
from vinculo.history import (
    SharedMatcher,
    adopt_matcher,
    file_events,
    gather_vocabularies,
    matcher_at_hand,
    offer_matcher,
    shared_matcher,
    vocabulary_key,
)
from vinculo.i18n import detect
from vinculo.linking import Linker, LinkPaths, link_paths, link_spans
from vinculo.linking.titles import continuing_titles
from vinculo.loops import attach_loops, memo_path, note_loops
from vinculo.model import (
    Contact,
    Diagnostic,
    History,
    Interaction,
    Note,
    OpenLoop,
    Suggestion,
    Vocabulary,
    suggestion_order,
)
from vinculo.rhythm import is_drifting
from vinculo.vault import Scan, scan_vault
from vinculo.workers import Ahead, HoldingPool, fork_map, worker_count
from vinculo.writeback.plan import LinkEdit, link_edit

__all__ = ["Index", "build_index"]  # for plugins: the plan_files argument, and how to get one


@dataclass
class Index:
    """Everything one run learned about the vault; the input of write-back and of reports."""

    vault: Path
    config: Config
    today: dt.date
    scan: Scan
    contacts: dict[str, Contact]
    mentions: MentionTable = field(default_factory=MentionTable)  # by note rel
    histories: dict[str, History] = field(default_factory=dict)  # by contact name
    suggestions: dict[str, list[Suggestion]] = field(default_factory=dict)  # by contact name
    vocabularies: list[Vocabulary] | None = None  # every register_vocabulary, gathered once
    loops: dict[str, list[OpenLoop]] = field(default_factory=dict)  # open loops by note rel
    # Note titles that go on past a contact's name ("White Lady Inn"): the name is left alone.
    continuing: frozenset[str] = frozenset()
    # Contacts whose title other notes share: how their links are written and resolved.
    links: LinkPaths = field(default_factory=LinkPaths)
    # The link edits of notes that are no contact's, planned by the workers that analysed
    # them (build_index(plan_links=...)): the plan takes them as they are. A stage that
    # changes a note's mentions or bytes after build_index drops its entry.
    link_edits: dict[str, LinkEdit] = field(default_factory=dict)
    # What histories and the plan are made of, kept for vinculo.event_sync's state: every
    # note's events as extracted (by note rel), each contact's suggestions before the plan.
    events: dict[str, list[Interaction]] = field(default_factory=dict)
    pool: dict[str, list[Suggestion]] = field(default_factory=dict)


def contact_links(index: Index) -> LinkPaths:
    """The :class:`~vinculo.linking.LinkPaths` of the index's notes and contacts."""
    return link_paths((n.rel for n in index.scan.notes), index.contacts)


def note_interactions(index: Index, pm: pluggy.PluginManager, note: Note) -> list[Interaction]:
    """The events every plugin finds in one note (the unit the watcher recomputes)."""
    if not note.readable:
        return []
    if index.vocabularies is None:
        index.vocabularies = gather_vocabularies(pm)
    found: list[list[Interaction]] = pm.hook.extract_interactions(
        note=note, mentions=index.mentions.get(note.rel, []), contacts=index.contacts,
        config=index.config, vocabularies=index.vocabularies,
    )
    return [i for batch in found for i in batch or [] if i.contact in index.contacts]


def collect_interactions(index: Index, by_note: dict[str, list[Interaction]]) -> None:
    """File every note's events (from :func:`analyse_notes`) under each contact, in order."""
    for name in index.contacts:
        index.histories[name] = History(contact=name)
    index.events = by_note
    for found in by_note.values():
        for interaction in found:
            index.histories[interaction.contact].interactions.append(interaction)
    for history in index.histories.values():
        file_events(history, index.today)


LANGUAGE_SAMPLE = 1500  # event lines read to tell the vault's language: plenty, and quick


def detect_language(index: Index) -> None:
    """The language the vault's events are written in (see :mod:`vinculo.i18n`), for what
    vinculo writes when ``[ui] language`` does not say."""
    lines = (i.text for h in index.histories.values() for i in h.interactions)
    index.config.detected_language = detect(itertools.islice(lines, LANGUAGE_SAMPLE))


def collect_loops(index: Index, pm: pluggy.PluginManager | None = None,
                  cache_file: Path | None = None) -> None:
    """Every note's open loops (unchecked tasks naming a contact), filed under each history.
    With the cache (``cache_file``: the index cache's path), unchanged notes are answered
    from the last run's loops, unopened."""
    memo = memo_path(cache_file) if cache_file is not None and pm else None
    index.loops = note_loops(index.scan.notes, index.mentions, index.contacts, index.config,
                             memo, world_of(index, pm) if memo and pm else "")
    attach_loops(index.histories, index.loops)


def stage_of(index: Index, pm: pluggy.PluginManager, name: str) -> None:
    """Set one contact's rung of the ladder from its history."""
    history = index.histories[name]
    stage = pm.hook.contact_stage(
        history=history, contact=index.contacts[name], today=index.today, config=index.config
    )
    if stage:
        history.stage = stage
    history.drift = is_drifting(index.contacts[name], history, index.today, index.config)


def assign_stages(index: Index, pm: pluggy.PluginManager) -> None:
    for name in index.histories:
        stage_of(index, pm, name)


def suggestions_of(index: Index, pm: pluggy.PluginManager, name: str) -> list[Suggestion]:
    """One contact's suggestions before planning (the unit the watcher recomputes)."""
    contact, history = index.contacts[name], index.histories[name]
    out: list[Suggestion] = []
    for batch in pm.hook.suggest(
        contact=contact, history=history, today=index.today, config=index.config,
    ):
        out.extend(batch or [])
    return [s for s in out if not any(pm.hook.hold_back(
        suggestion=s, contact=contact, history=history, today=index.today, config=index.config))]


def plan_pool(index: Index, pm: pluggy.PluginManager, pool: list[Suggestion]) -> None:
    """One plan over the whole list (pacing and budgets are global), filed per contact."""
    planned = pm.hook.plan_suggestions(
        suggestions=pool, contacts=index.contacts, today=index.today, config=index.config
    )
    final = pool if planned is None else planned
    index.suggestions = {name: [] for name in index.contacts}
    for suggestion in sorted(final, key=suggestion_order):
        index.suggestions.setdefault(suggestion.contact, []).append(suggestion)


def collect_suggestions(index: Index, pm: pluggy.PluginManager) -> None:
    """Per-contact suggestions from every plugin, then one plan over the whole list."""
    index.pool = {name: suggestions_of(index, pm, name) for name in index.contacts}
    plan_pool(index, pm, [s for name in index.contacts for s in index.pool[name]])


def world_of(index: Index, pm: pluggy.PluginManager) -> str:
    """Fingerprint of everything a note's mentions and interactions depend on besides the
    note itself: contacts, their names and properties (not vinculo's own), plugins, config.
    Name variants are not hashed: hooks compute them from exactly these inputs."""
    prefix = str(index.config.get("properties.prefix", "vinculo_"))
    contacts = [
        (c.name, c.rel, sorted((k, repr(v)) for k, v in c.properties.items()
                               if not k.startswith(prefix)))
        for c in index.contacts.values()
    ]
    plugins = sorted(name for name, plugin in pm.list_name_plugin() if plugin is not None)
    if index.vocabularies is None:
        index.vocabularies = gather_vocabularies(pm)
    # A vocabulary's phrases, not only its plugin's name: an upgraded plugin rereads notes.
    return fingerprint([contacts, plugins, index.config.data, index.vocabularies,
                        sorted(index.continuing), index.links.fingerprint()])


def analyser(index: Index, pm: pluggy.PluginManager,
             linker: Linker | None = None) -> Callable[[Note], bytes]:
    """The analysis of one note — its mentions (found by ``linker``, else one built for the
    index's contacts), then the interactions the extractors find among them — packed as
    :func:`~vinculo.codec.pack_analysis` bytes."""
    if linker is None:
        linker = Linker.for_run(index.contacts, pm, index.config, index.continuing, index.links)
    if index.vocabularies is None:
        index.vocabularies = gather_vocabularies(pm)

    def analyse(note: Note) -> bytes:
        try:
            found = linker.mentions(note)
            index.mentions[note.rel] = found  # the extractors read it
            return pack_analysis(found, note_interactions(index, pm, note))
        except Exception as exc:  # one note (or a plugin's bug on it) never stops the run
            index.mentions.pop(note.rel, None)
            return pack_analysis([], [], f"{type(exc).__name__}: {exc}")

    return analyse


def planning_links(index: Index, analyse: Callable[[Note], bytes],
                   ahead: str) -> Callable[[Note], tuple[bytes, LinkEdit | None]]:
    """``analyse``, then, for a note that is no contact's, the link edit the plan would make
    from the mentions just found (:func:`vinculo.writeback.plan.link_edit`; ``ahead``
    "diffs": with its diff): done where the note is held, on every core, instead of in the
    parent after the analysis. None when the plan must decide (no analysis, a refused edit)."""
    contacts = {c.rel for c in index.contacts.values()}
    diff = ahead == "diffs"

    def both(note: Note) -> tuple[bytes, LinkEdit | None]:
        blob = analyse(note)
        found = index.mentions.get(note.rel) if note.readable else None
        if found is None or note.rel in contacts:
            return blob, None
        try:
            return blob, link_edit(note, found, index.config, index.links, diff=diff,
                                   link_spans=link_spans)
        except Exception:  # refused (BlockError) or a bug: the plan decides, and says why
            return blob, None

    return both


def travelling(contacts: dict[str, Contact]) -> dict[str, Contact]:
    """The contacts as the workers need them: their notes without their bytes, which no
    built-in analysis reads (a third less to send at 1,000 contacts)."""
    return {name: replace(c, note=without_bytes(c.note)) for name, c in contacts.items()}


def analyse_notes(index: Index, pm: pluggy.PluginManager, cache: NoteCache | None,
                  pool: HoldingPool | None = None,
                  vocabulary: SharedMatcher | None = None,
                  ahead: str = "") -> dict[str, list[Interaction]]:
    """Mentions (into ``index.mentions``) and interactions (returned) of every note, reused
    from the cache when the note and its world are unchanged.

    Notes still held by the ``pool``'s workers (the ones that read them) are analysed there,
    with the ``vocabulary`` matcher this process compiled (see
    :func:`~vinculo.history.shared_matcher`); others here or in new workers. Each note's
    result travels as bytes, from a worker to the cache unchanged; its mentions become
    objects only when a later stage reads them. ``ahead`` ("edits" or "diffs"): the pool's
    workers also plan the link edits of the notes they hold (see :func:`planning_links`),
    kept in ``index.link_edits``.
    """
    # The workers holding notes start on the contacts at once; the cached analyses are
    # restored meanwhile. (If anything fails before they are done, the pool's owner stops them.)
    arriving = (pool.finish((travelling(index.contacts), index.continuing, index.links,
                             vocabulary, ahead))
                if pool is not None and pool.holding else iter(()))
    world = world_of(index, pm) if cache else ""
    mentions = index.mentions
    interactions: dict[str, list[Interaction]] = {}
    fresh: list[Note] = []
    for note in index.scan.notes:
        known = cache.analysis(note.rel, world) if cache else None
        if known is None:
            fresh.append(note)
            continue
        mentions.put_packed(note.rel, known)
        interactions[note.rel] = interactions_of(known.interactions)
        _report(note, known.problem)
    wanted = {note.rel: note for note in fresh}
    progress.stage("Analysing notes", len(fresh))
    done: dict[str, tuple[Analysis, list[Interaction]]] = {}

    def take(rel: str, blob: bytes) -> None:
        """One note's packed analysis, unpacked (and cached) as soon as it arrives."""
        note = wanted.get(rel)
        if note is None:
            return  # read by a worker, but its cached analysis still holds
        analysis = unpack_analysis(blob)
        progress.advance()
        done[rel] = analysis, interactions_of(analysis.interactions)
        _report(note, analysis.problem)
        if cache and note.readable:
            cache.analysed(rel, world, blob)

    for rel, (blob, edit) in arriving:
        take(rel, blob)
        if edit is not None and rel in done:
            index.link_edits[rel] = edit
    rest = [note for note in fresh if note.rel not in done]
    if rest:
        for note, blob in zip(rest, fork_map(analyser(index, pm), rest,
                                             worker_count(index.config)), strict=True):
            take(note.rel, blob)
    for note in fresh:  # in vault order
        analysis, found = done[note.rel]
        mentions.put_packed(note.rel, analysis)
        interactions[note.rel] = found
    return interactions


def _report(note: Note, problem: str | None) -> None:
    if problem:
        note.diagnostics.append(Diagnostic(
            note.rel, f"could not be analysed ({problem}); its mentions and interactions are "
            "left out", "warning"))


@contextmanager
def worker_pool(config: Config, then: Callable[[list[Note], Any], Iterable[Any]],
                meanwhile: Callable[[], Any] | None = None,
                alongside: Callable[[], Any] | None = None) -> Iterator[HoldingPool]:
    """The one owner of a run's worker processes: the workers :func:`scan_vault` reads
    notes in keep them for ``then`` (the analysis, once the contacts are known), and leave
    when this block does, whatever happened inside it. Nothing else holds a handle on them:
    no :class:`Scan` or :class:`Index`, so no plugin ever sees one. ``meanwhile`` runs in
    each worker once it has read its notes, ``alongside`` here while they read."""
    pool = HoldingPool(worker_count(config), then, meanwhile, alongside)
    try:
        yield pool
    finally:
        pool.close()


def _ready_to_analyse() -> None:
    """What finding mentions loads on first use (the block parser, the typo distance),
    loaded by each worker while it waits for the contacts, which the parent builds once every
    note is read: a few hundredths of a second of each worker's analysis, moved to where it
    idles."""
    from rapidfuzz.distance import OSA  # noqa: F401  # imported for the side effect: loaded

    from vinculo.linking.protect import load_block_parser

    load_block_parser()


def compiling_ahead(pool: HoldingPool, pm: pluggy.PluginManager,
                    store: NoteCache | None) -> list[Ahead]:
    """The vocabularies' compile, started in a process of its own (:meth:`HoldingPool.ahead`)
    when a run will read every note and the matcher is not at hand (a first run): compiled
    while this process walks the vault and takes the notes the workers read, rather than after
    the walk in this process, whose every step until the contacts are sent the workers wait
    for. It keeps what it compiled in the state folder, as a compile here would. None started
    (an empty list) when the note cache holds analyses (a later run: the notes it answers may
    need no matcher at all) or the matcher is at hand."""
    if store is not None and store.rows:
        return []
    vocabularies = gather_vocabularies(pm)
    if matcher_at_hand(vocabularies):
        return []
    # In a 1-tuple: a matcher that cannot travel as data (None) is not a failure.
    started = pool.ahead(lambda: (shared_matcher(vocabularies),))
    return [started] if started is not None else []


def _compiled(ahead: Ahead, pm: pluggy.PluginManager) -> SharedMatcher | None:
    """The matcher the :func:`compiling_ahead` process compiled, offered to this process
    too; compiled here when that process failed. None when it cannot be sent as data (each
    worker then compiles its own, as :func:`~vinculo.history.shared_matcher` says)."""
    vocabularies = gather_vocabularies(pm)
    done = ahead.result()
    if done is None:  # the process failed or stopped
        return shared_matcher(vocabularies)
    shared = done[0]
    if shared is not None and shared[0] == vocabulary_key(vocabularies):
        offer_matcher(shared)
        return shared
    return None if shared is None else shared_matcher(vocabularies)


def build_index(
    vault: Path, config: Config, pm: pluggy.PluginManager, today: dt.date, *, cache: bool = True,
    plan_links: str = "",
) -> Index:
    """Run every read-only stage of the pipeline over the whole vault. With ``cache``, notes
    unchanged since the last run are not read again (see :mod:`vinculo.cache`).
    ``plan_links`` ("edits", or "diffs" for a pass that shows its diff): for a sync that plans
    next, the link edits of the notes read are planned in the workers too (see
    :func:`planning_links`).

    The notes to read are parsed in workers that then wait for the contacts (known only
    once every note is parsed) and analyse the notes they hold: one read, one parse.
    """

    def analyse_held(notes: list[Note],
                     message: tuple[dict[str, Contact], frozenset[str], LinkPaths,
                                    SharedMatcher | None, str],
                     ) -> Iterator[tuple[bytes, LinkEdit | None]]:
        contacts, continuing, links, vocabulary, ahead = message
        held = Index(vault=vault, config=config, today=today,
                     scan=Scan(vault, config, notes=notes), contacts=contacts,
                     continuing=continuing, links=links, vocabularies=gather_vocabularies(pm))
        adopt_matcher(held.vocabularies or [], vocabulary)
        analyse = analyser(held, pm)
        if ahead:
            return map(planning_links(held, analyse, ahead), notes)
        return ((blob, None) for blob in map(analyse, notes))

    # The vocabularies are compiled (or loaded) once, not once in every worker, and sent to
    # the workers with the contacts: loaded here while the workers read their notes, or, when
    # they must be compiled and every note will be read, compiled in a process of their own
    # started before the walk (see compiling_ahead).
    shared: list[SharedMatcher | None] = []
    ahead: list[Ahead] = []

    def vocabularies() -> None:
        if not ahead:
            shared.append(shared_matcher(gather_vocabularies(pm)))

    store = open_cache(vault, config) if cache else None
    with worker_pool(config, analyse_held, meanwhile=_ready_to_analyse,
                     alongside=vocabularies) as pool:
        ahead.extend(compiling_ahead(pool, pm, store))
        scan = scan_vault(vault, config, store, pool=pool)
        if store is not None:
            scan.skipped.extend(store.problems)
        contacts = build_contacts(scan.notes, pm, config)
        index = Index(vault=vault, config=config, today=today, scan=scan, contacts=contacts,
                      continuing=continuing_titles(contacts, (n.title for n in scan.notes)))
        index.links = contact_links(index)
        if ahead:
            shared.append(_compiled(ahead[0], pm))
        collect_interactions(index, analyse_notes(index, pm, store, pool,
                                                  shared[0] if shared else None, plan_links))
        collect_loops(index, pm, store.path if store is not None else None)
        detect_language(index)
    if store is not None:  # complete: saved now, or as the sync says
        save_cache(store)  # (vinculo.cache.saved_with_sync)
    assign_stages(index, pm)
    collect_suggestions(index, pm)
    return index
