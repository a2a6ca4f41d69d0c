"""The plugin contract: every hook vinculo calls, in pipeline order.

This module is vinculo's public API. A plugin is any module or object with functions marked
``@vinculo.hookimpl`` whose names match the hooks below; it may accept any subset of a hook's
arguments. Built-in plugins (``vinculo.default_plugins``) use nothing a third-party plugin
cannot: they are registered the same way, and can be blocked by name the same way.

Data flows one way: scan → parse → contacts → mentions → interactions → stages → suggestions →
write-back. ``register_*`` hooks contribute things; ``before_*``/``after_*`` hooks observe
events.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click

    from vinculo.config import Config
    from vinculo.config_schema import Section
    from vinculo.importing import Importer
    from vinculo.model import (
        Contact,
        History,
        Interaction,
        Mention,
        NameVariant,
        Note,
        PaletteCommand,
        Stage,
        Suggestion,
        Template,
        Vocabulary,
    )
    from vinculo.pipeline import Index
    from vinculo.writeback import FileChange

hookspec = pluggy.HookspecMarker("vinculo")
hookimpl = pluggy.HookimplMarker("vinculo")

# A plugin imports the marker; the hook functions below are the contract it implements.
__all__ = ["hookimpl", "hookspec"]


# --- contributions ------------------------------------------------------------------------


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add subcommands to the ``vinculo`` command line (``@cli.command()`` on the group)."""


@hookspec
def register_palette_commands() -> list[PaletteCommand]:
    """Contribute commands for the command palette, ``vinculo commands`` and ``vinculo run``."""


@hookspec
def register_templates() -> list[Template]:
    """Contribute note templates (Obsidian Templates syntax). A vault file of the same name
    in the templates folder overrides a contributed one."""


@hookspec
def register_vocabulary() -> list[Vocabulary]:
    """Contribute the words that mark an interaction and its channel, per language; the
    words that mark an intention (not an event) too, and (optionally, ``directions``) the
    words that say who moved. English and Spanish are plugins."""


@hookspec
def register_importers() -> list[Importer]:
    """Contribute importers for ``vinculo import <name> FILE VAULT`` (built in: ``linkedin``,
    ``vcard``, ``calendar``, ``whatsapp``, ``telegram``, ``mbox``, ``linkedin-messages``).
    An :class:`~vinculo.importing.Importer` turns a file's bytes into create/merge/skip
    decisions and never writes; vinculo applies them through the safe write path (an importer
    with ``run_file`` streams the file from its path instead: chats and mailboxes). A later
    plugin's importer replaces an earlier one of the same name."""


@hookspec
def register_settings() -> list[Section]:
    """Declare the ``vinculo.toml`` sections this plugin reads, each key with its kind,
    default and range (:class:`~vinculo.config_schema.Section`,
    :class:`~vinculo.config_schema.Setting`). A section or key no plugin (nor the core)
    declares is reported as unknown, with a "did you mean"; a declared value of the wrong
    kind or out of range stops the run with an error naming the key and its line. Several
    plugins may declare keys of one section (a ladder rule of yours adds to ``[ladder]``)."""


# --- the pipeline, in order ------------------------------------------------------------------


@hookspec(firstresult=True)
def is_contact(note: Note, config: Config) -> bool | None:
    """Say whether ``note`` is a contact note: True or False decides, None lets the next
    plugin decide. Plugins registered later are asked first, so a third-party plugin can
    override the built-in rules (``type``/tags/people folder)."""


@hookspec
def name_variants(contact: Contact, config: Config) -> list[NameVariant]:
    """Other ways ``contact`` may be written (first name, nickname, first surname, …).
    The title and declared aliases are always variants; these add to them. Depend only on
    the arguments: mentions are cached per note until a contact, a plugin or the config
    changes."""


@hookspec
def extract_interactions(
    note: Note,
    mentions: list[Mention],
    contacts: dict[str, Contact],
    config: Config,
    vocabularies: list[Vocabulary],
) -> list[Interaction]:
    """Dated events with contacts found in one note (calls, coffees, messages…). ``mentions``
    are the contacts found in this note; an intention or an open task is not an event.
    ``vocabularies`` are every ``register_vocabulary`` contribution, gathered once per run
    (:func:`vinculo.history.gather_vocabularies`), so an extractor reads every language.
    Depend only on the arguments: results are cached per note (see :mod:`vinculo.cache`)
    until the note, a contact, a plugin or the config changes. Mark an event that may not
    have happened yet ``tentative`` (an empty meeting note): on its own day it is a plan,
    from the next day on it counts."""


@hookspec(firstresult=True)
def contact_stage(history: History, contact: Contact, today: dt.date, config: Config) -> Stage | None:
    """The rung of the relationship ladder for one contact (radar, online, voice, in_person,
    dormant); the first non-None answer wins."""


@hookspec
def suggest(
    contact: Contact, history: History, today: dt.date, config: Config
) -> list[Suggestion]:
    """Next actions for one contact, each with its kind, due date, text and why.
    ``history.interactions`` holds what happened up to ``today``; ``history.planned`` the
    events written for a later day (see :func:`vinculo.history.plan_at_or_above`): a step
    already planned should not be suggested again."""


@hookspec
def hold_back(
    suggestion: Suggestion, contact: Contact, history: History, today: dt.date, config: Config
) -> str | None:
    """A reason to withhold one of a contact's suggestions, or None to let it through. Asked
    for every ``suggest`` result before planning; any reason withholds it (the reciprocity
    rule withholds every push towards someone who has not answered)."""


@hookspec(firstresult=True)
def plan_suggestions(
    suggestions: list[Suggestion], contacts: dict[str, Contact], today: dt.date, config: Config
) -> list[Suggestion] | None:
    """Arrange the whole list at once (pacing, daily budget, snoozes, grouping by city);
    return the final list, or None to leave it as it is."""


@hookspec(firstresult=True)
def render_block(
    contact: Contact, suggestions: list[Suggestion], history: History, config: Config
) -> str | None:
    """The Markdown between the managed-block markers of one contact note."""


@hookspec
def contact_properties(contact: Contact, history: History, config: Config) -> dict[str, Any]:
    """vinculo's own frontmatter properties for a contact (namespaced keys only); each is
    written only when its value changes."""


@hookspec
def plan_files(index: Index, config: Config) -> list[FileChange]:
    """Extra whole files a plugin wants written during a sync, e.g. a dashboard note.

    Called once per whole-vault plan (``vinculo sync``, ``vinculo suggest --apply``, the
    watcher's passes that change a contact) with the finished
    :class:`~vinculo.pipeline.Index` of the whole vault. Return one
    :class:`~vinculo.writeback.FileChange` per file whose bytes would change (``before`` the
    bytes on disk, or None to create the file); return none when nothing would. The changes
    go through the same safe write path as every note edit (compare-and-swap, journal, undo).
    Paths are vault-relative; the first plugin to claim a path wins (plugins registered
    later are asked first), and its change replaces vinculo's own edits of that file for
    that pass (they are planned again on top of the bytes written, in the same run)."""


@hookspec
def owned_files(config: Config) -> list[str]:
    """The vault-relative paths this plugin's ``plan_files`` may write (existing or not).

    A sync on a vault whose last sync left nothing to write answers without a full pass when
    only ordinary notes changed since (see :mod:`vinculo.memo`); a change to one of these
    files makes it run in full. A plugin that implements ``plan_files`` but not this hook
    turns that shortcut off, which is always correct, only slower."""


@hookspec
def plans_from_contacts(config: Config) -> bool:
    """Whether this plugin's ``plan_files`` reads only the contacts' side of the index:
    contacts, histories, stages, suggestions, open loops, the configuration — never a note's
    text or mentions.

    After a save that logs an event, ``vinculo sync`` replays that note on the state the
    last full pass kept (see :mod:`vinculo.event_sync`), which holds only that side. It does
    so when every plugin implementing ``plan_files`` answers True here (the dashboard and the
    calendar feed do); otherwise the sync runs in full, which is always correct, only
    slower."""


# --- events ----------------------------------------------------------------------------------


@hookspec
def before_sync(vault: Path, config: Config, dry_run: bool) -> None:
    """Called once per sync, before it reads a note: ``vinculo sync``, ``suggest --apply``
    (before it plans), and each watcher pass that reads a saved note or writes (its first
    sync, a save, the dashboard's pass; the watcher's own writes coming back are no pass);
    see :mod:`vinculo.sync_service`."""


@hookspec
def after_sync(vault: Path, config: Config, report: dict[str, Any]) -> None:
    """Called once after that sync, with its report (what was found, what was written):
    the ``summary`` of ``vinculo sync --json``, ``write`` included. ``write.mode`` says which
    path ran: ``full``, ``settled`` (the last sync's answer held), ``events`` (changed notes'
    events replayed) or ``watch`` (a watcher pass over the notes a batch of saves changed)."""


@hookspec
def after_write(vault: Path, rel: str, before: bytes, after: bytes) -> None:
    """Called after vinculo wrote one file through the safe write path."""
