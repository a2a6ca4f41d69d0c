"""The main job, one way: scan → parse → contacts → mentions → interactions → stages →
suggestions. Each stage lives in its own module or plugin; this module only wires them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pluggy

from vinculo.config import Config
from vinculo.contacts import build_contacts
from vinculo.mentions import find_mentions
from vinculo.model import Contact, History, Interaction, Mention, Suggestion
from vinculo.vault import Scan, scan_vault


@dataclass
class Index:
    """Everything one run learned about the vault; the input of write-back and of reports."""

    vault: Path
    config: Config
    today: dt.date
    scan: Scan
    contacts: dict[str, Contact]
    mentions: dict[str, list[Mention]] = field(default_factory=dict)  # by note rel
    histories: dict[str, History] = field(default_factory=dict)  # by contact name
    suggestions: dict[str, list[Suggestion]] = field(default_factory=dict)  # by contact name


def collect_interactions(index: Index, pm: pluggy.PluginManager) -> None:
    """Ask every plugin for the events in every note; file them under each contact."""
    for name in index.contacts:
        index.histories[name] = History(contact=name)
    for note in index.scan.notes:
        if not note.readable:
            continue
        mentions = index.mentions.get(note.rel, [])
        found: list[list[Interaction]] = pm.hook.extract_interactions(
            note=note, mentions=mentions, contacts=index.contacts, config=index.config
        )
        for interaction in (i for batch in found for i in batch or []):
            history = index.histories.get(interaction.contact)
            if history is not None:
                history.interactions.append(interaction)
    for history in index.histories.values():
        history.interactions.sort(key=lambda i: (i.date, i.note, i.line))


def assign_stages(index: Index, pm: pluggy.PluginManager) -> None:
    for name, history in index.histories.items():
        stage = pm.hook.contact_stage(
            history=history, contact=index.contacts[name], today=index.today, config=index.config
        )
        if stage:
            history.stage = stage


def collect_suggestions(index: Index, pm: pluggy.PluginManager) -> None:
    """Per-contact suggestions from every plugin, then one plan over the whole list."""
    pool: list[Suggestion] = []
    for name, contact in index.contacts.items():
        for batch in pm.hook.suggest(
            contact=contact, history=index.histories[name], today=index.today, config=index.config
        ):
            pool.extend(batch or [])
    planned = pm.hook.plan_suggestions(
        suggestions=pool, contacts=index.contacts, today=index.today, config=index.config
    )
    final = pool if planned is None else planned
    index.suggestions = {name: [] for name in index.contacts}
    for suggestion in sorted(final, key=lambda s: (s.due, s.priority, s.contact, s.kind)):
        index.suggestions.setdefault(suggestion.contact, []).append(suggestion)


def build_index(vault: Path, config: Config, pm: pluggy.PluginManager, today: dt.date) -> Index:
    """Run every read-only stage of the pipeline over the whole vault."""
    scan = scan_vault(vault, config)
    contacts = build_contacts(scan.notes, pm, config)
    index = Index(vault=vault, config=config, today=today, scan=scan, contacts=contacts)
    index.mentions = find_mentions(scan.notes, contacts, pm, config)
    collect_interactions(index, pm)
    assign_stages(index, pm)
    collect_suggestions(index, pm)
    return index
