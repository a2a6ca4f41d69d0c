"""From an Index to a list of FileChanges: what a sync would write, computed, not written.

Per contact note: the managed block (``render_block`` hook) and vinculo's own namespaced
properties (``contact_properties`` hook). Per note: link spans from :mod:`vinculo.linking`
when that module is installed — the same spans ``vinculo link --apply`` writes. All edits of
one note are composed; a note that cannot be edited safely gets a diagnostic and no change at
all. With ``files=True`` (a plan of the whole vault: ``vinculo sync``, ``suggest --apply``),
the whole files plugins contribute (``plan_files`` hook: the dashboard, the people base) too.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from vinculo import progress
from vinculo.errors import BlockError
from vinculo.model import Diagnostic, Note
from vinculo.writeback.apply import FileChange
from vinculo.writeback.apply.diff import change_diff, with_diff
from vinculo.writeback.compose import edit_note_steps
from vinculo.writeback.compose.block import find_block
from vinculo.writeback.compose.properties import same_value

if TYPE_CHECKING:
    import pluggy

    from vinculo.config import Config
    from vinculo.model import Contact, History, Mention, Suggestion

# What planning reads of an index, as protocols: the index (vinculo.pipeline.Index, or the
# watcher's view of it) is built by a higher layer, which write-back must not import.


class MentionLookup(Protocol):
    """The mentions of each note by rel (vinculo.codec.MentionTable)."""

    def may_link(self, rel: str) -> bool: ...

    def get(self, rel: str, default: list[Mention], /) -> list[Mention]: ...


class NoteList(Protocol):
    """The notes a plan covers (vinculo.vault.Scan)."""

    @property
    def notes(self) -> Sequence[Note]: ...


class PlanIndex(Protocol):
    """The part of an index a plan reads (vinculo.pipeline.Index)."""

    @property
    def config(self) -> Config: ...
    @property
    def scan(self) -> NoteList: ...
    @property
    def contacts(self) -> Mapping[str, Contact]: ...
    @property
    def mentions(self) -> MentionLookup: ...
    @property
    def histories(self) -> Mapping[str, History]: ...
    @property
    def suggestions(self) -> Mapping[str, list[Suggestion]]: ...


def _link_spans_function() -> Callable[..., Any] | None:
    try:
        module = importlib.import_module("vinculo.linking")
    except ModuleNotFoundError as exc:
        if exc.name not in ("vinculo.linking",):
            raise
        return None
    return getattr(module, "link_spans", None)


def contact_properties(
    contact: Contact, history: History | None, pm: pluggy.PluginManager, config: Config
) -> tuple[dict[str, Any], list[str]]:
    """The merged namespaced properties plugins want on a contact, and the keys refused."""
    if not config.get("properties.write", True):
        return {}, []
    prefix = str(config.get("properties.prefix", "vinculo_"))
    merged: dict[str, Any] = {}
    refused: list[str] = []
    for batch in reversed(pm.hook.contact_properties(contact=contact, history=history, config=config)):
        for key, value in (batch or {}).items():  # earlier-registered plugins first, later win
            if prefix and str(key).startswith(prefix):
                merged[str(key)] = value
            else:
                refused.append(str(key))
    return merged, refused


def _outside_block(note: Note, spans: list[tuple[int, int, str]], config: Config) -> list[tuple[int, int, str]]:
    """Link spans in the body and outside the managed block (which is rewritten anyway)."""
    if not spans:
        return []
    try:
        block = find_block(note.text, note.body_start, config)
    except BlockError:
        block = None
    return [
        s for s in spans
        if s[0] >= note.body_start and not (block and s[1] > block.start and s[0] < block.end)
    ]


def broken_markers(note: Note, config: Config) -> str | None:
    """One line saying why a contact note's block markers are unusable, None when they are
    fine (or absent). Such a note is left entirely alone until the user fixes them."""
    try:
        find_block(note.text, note.body_start, config)
    except BlockError as exc:
        return f"{exc}: note left untouched (no block, link or property written) until fixed"
    return None


def _describe(links: int, block: bool, props: int) -> str:
    parts = []
    if links:
        parts.append(f"{links} link{'s' if links != 1 else ''}")
    if block:
        parts.append("suggestions block")
    if props:
        parts.append(f"{props} propert{'ies' if props != 1 else 'y'}")
    return ", ".join(parts)


def plan_files(index: PlanIndex, pm: pluggy.PluginManager) -> tuple[list[FileChange], list[Diagnostic]]:
    """The whole files plugins want written (``plan_files`` hook), one change per path: the
    first plugin asked (the last registered) wins a path; a later claim gets a diagnostic."""
    changes: dict[str, FileChange] = {}
    diagnostics: list[Diagnostic] = []
    for batch in pm.hook.plan_files(index=index, config=index.config):
        for change in batch or []:
            if change.rel in changes:
                diagnostics.append(Diagnostic(
                    change.rel, "two plugins want to write this file: the first one wins", "warning"))
            elif change.after != change.before:
                changes[change.rel] = change
    return list(changes.values()), diagnostics


@dataclass
class Plan:
    """What one sync pass would write, and why some of it waits."""

    changes: list[FileChange] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Notes whose edits a plugin's whole file replaced this pass (see :func:`plan_sync`): plan
    # them again on top of the bytes written, and they reach what a full sync leaves.
    superseded: set[str] = field(default_factory=set)


def plan_sync(index: PlanIndex, pm: pluggy.PluginManager, *, whole: PlanIndex | None = None,
              notes: bool = True) -> Plan:
    """The plan of one sync pass, the same for ``vinculo sync``, ``suggest --apply`` and
    the watcher: note edits planned from ``index`` (the whole vault, or the watcher's view of
    what changed) unless ``notes`` is false, and the whole files plugins keep (``plan_files``)
    planned from ``whole``, an index of the whole vault, when given.

    One rule for a path both want (the dashboard note, where text outside its block names
    someone): the plugin's whole file is written, and the note's own edits are
    ``superseded`` — planned again on top of the bytes just written, so nothing is lost and
    the file ends as a second full sync would leave it.
    """
    plan = Plan()
    if notes:
        plan.changes, plan.diagnostics = _plan_notes(index, pm)
    if whole is not None:
        extra, problems = plan_files(whole, pm)
        ours = {c.rel for c in extra}
        plan.superseded = {c.rel for c in plan.changes if c.rel in ours}
        plan.changes = [c for c in plan.changes if c.rel not in ours] + within_limit(
            extra, whole.config, problems)
        plan.diagnostics += problems
    return plan


def plan_changes(
    index: PlanIndex, pm: pluggy.PluginManager, *, files: bool = False
) -> tuple[list[FileChange], list[Diagnostic]]:
    """One FileChange per note whose bytes would change, and a diagnostic per refused note.

    ``files``: also plan the plugins' whole files (:func:`plan_files`). Only for an index of
    the whole vault: a dashboard planned from a partial index (the watcher's view of what
    changed) would list only part of the contacts.
    """
    if files:
        plan = plan_sync(index, pm, whole=index)
        return plan.changes, plan.diagnostics
    return _plan_notes(index, pm)


def _plan_notes(index: Any, pm: Any) -> tuple[list[FileChange], list[Diagnostic]]:
    """The note edits of :func:`plan_changes`: links, blocks and properties."""
    config = index.config
    link_spans = _link_spans_function()
    links = getattr(index, "links", None)  # contacts whose title other notes share
    mentions = index.mentions  # a MentionTable: may_link answers without building mentions
    contacts = {c.rel: c for c in index.contacts.values()}
    changes: list[FileChange] = []
    diagnostics: list[Diagnostic] = []
    progress.stage("Planning the changes", len(index.scan.notes))
    ahead: Mapping[str, LinkEdit] = getattr(index, "link_edits", None) or {}
    for note in index.scan.notes:
        progress.advance()
        if not note.readable:
            continue
        contact = contacts.get(note.rel)
        if contact is None:  # its links only: planned where it was analysed, or here
            edit = ahead.get(note.rel)
            if edit is None:
                if link_spans is None or not mentions.may_link(note.rel):
                    continue
                try:
                    edit = link_edit(note, mentions.get(note.rel, []), config, links,
                                     link_spans=link_spans)
                except BlockError as exc:
                    diagnostics.append(Diagnostic(note.rel, f"{exc}: note not written", "warning"))
                    continue
            if edit.after is not None:
                change = FileChange(note.rel, note.raw, edit.after, edit.reason)
                changes.append(change if edit.diff is None else with_diff(change, edit.diff))
            continue
        broken = broken_markers(note, config)
        if broken:  # what the user meant is unknown: no block, no link, no property
            diagnostics.append(Diagnostic(note.rel, broken, "warning"))
            continue
        spans: list[tuple[int, int, str]] = []
        if link_spans is not None and mentions.may_link(note.rel):
            found = link_spans(note, mentions.get(note.rel, []), config, links) or []
            spans = _outside_block(note, list(found), config)
        history = index.histories.get(contact.name)
        block: str | None = pm.hook.render_block(
            contact=contact, suggestions=index.suggestions.get(contact.name, []),
            history=history, config=config,
        )
        wanted, refused = contact_properties(contact, history, pm, config)
        for key in refused:
            diagnostics.append(Diagnostic(
                note.rel, f"property {key!r} is not namespaced "
                f"({config.get('properties.prefix', 'vinculo_')}…): not written", "warning"))
        props = {k: v for k, v in wanted.items()
                 if k not in note.frontmatter or not same_value(note.frontmatter[k], v)}
        if not spans and block is None and not props:
            continue
        try:
            after, block_changed = edit_note_steps(
                note, spans=spans, block=block, properties=props, config=config)
        except BlockError as exc:
            diagnostics.append(Diagnostic(note.rel, f"{exc}: note not written", "warning"))
            continue
        if after != note.raw:
            changes.append(FileChange(note.rel, note.raw, after,
                                      _describe(len(spans), block_changed, len(props))))
    return within_limit(changes, config, diagnostics), diagnostics


class LinkEdit(NamedTuple):
    """The link edit of a note that is no contact's, planned by :func:`link_edit` in the worker
    process that found the note's mentions (a first sync links nearly every note): its new
    bytes (None: nothing to write), the change's reason and, when asked, its diff. An index
    carries them as ``link_edits`` (by rel), and :func:`plan_sync` takes them as they are."""

    after: bytes | None
    reason: str = ""
    diff: str | None = None


# The edit of a note with nothing to link (most notes of a synced vault): one object, so a
# worker's batch of replies pickles it once, not once per note.
NO_LINK_EDIT = LinkEdit(None)


def link_edit(note: Note, mentions: list[Mention], config: Config, links: Any = None, *,
              diff: bool = False, link_spans: Callable[..., Any] | None = None) -> LinkEdit:
    """What :func:`plan_sync` plans for ``note``, a readable note that is no contact's, from
    its ``mentions`` (``links``: the index's :class:`~vinculo.linking.LinkPaths`); ``diff``:
    with the change's diff rendered. ``link_spans``: :func:`vinculo.linking.link_spans`, when
    the caller has it at hand. BlockError when the edit is refused."""
    link_spans = link_spans or _link_spans_function()
    if link_spans is None:
        return NO_LINK_EDIT
    spans = _outside_block(note, list(link_spans(note, mentions, config, links) or []), config)
    if not spans:
        return NO_LINK_EDIT
    after, _ = edit_note_steps(note, spans=spans, config=config)
    if after == note.raw:
        return NO_LINK_EDIT
    reason = _describe(len(spans), False, 0)
    return LinkEdit(after, reason,
                    change_diff(FileChange(note.rel, note.raw, after, reason)) if diff else None)


def within_limit(changes: list[FileChange], config: Config, diagnostics: list[Diagnostic]) -> list[FileChange]:
    """The changes whose new bytes stay within ``ignore.max_note_bytes``: never write a note
    the next run would refuse to read. Each one left out gets a diagnostic."""
    limit = config.max_note_bytes
    kept = []
    for change in changes:
        if len(change.after) > limit:
            diagnostics.append(Diagnostic(
                change.rel, f"would grow to {len(change.after):,} bytes, past ignore.max_note_bytes "
                f"({limit:,}): not written", "warning"))
        else:
            kept.append(change)
    return kept
