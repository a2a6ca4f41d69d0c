"""One run's linker: every contact's names gathered once, then one pass per note."""

from __future__ import annotations

import re

import pluggy

from vinculo.config import Config
from vinculo.linking.matcher import Matcher
from vinculo.linking.protect import analyse, managed_markers
from vinculo.linking.rules import PARTIAL, build_entries, key_of
from vinculo.model import Contact, Mention, NameVariant, Note

WIKILINK = re.compile(r"(?<!!)\[\[([^\]\|#\^\n]+)(?:[#\^][^\]\|\n]*)?(?:(?:\\?\|)([^\]\n]*))?\]\]")


def gather_variants(
    contacts: dict[str, Contact], pm: pluggy.PluginManager, config: Config
) -> dict[str, list[NameVariant]]:
    """Every name of every contact, from the ``name_variants`` hook (built-ins included)."""
    out: dict[str, list[NameVariant]] = {}
    for name, contact in contacts.items():
        names = [NameVariant(name, "title")]
        for batch in pm.hook.name_variants(contact=contact, config=config):
            names.extend(v for v in batch or [] if isinstance(v, NameVariant) and v.text.strip())
        if not config.get("linking.first_names", True):
            names = [v for v in names if v.kind not in PARTIAL]
        out[name] = names
    return out


class Linker:
    """Finds the mentions of every contact in any note."""

    def __init__(self, contacts: dict[str, Contact], variants: dict[str, list[NameVariant]],
                 config: Config) -> None:
        self.contacts = contacts
        self.managed = managed_markers(config)
        never = {key_of(str(s)) for s in config.get("linking.never", []) or []}
        entries = {k: e for k, e in build_entries(variants).items() if k not in never}
        self.matcher = Matcher(
            entries,
            fuzzy=bool(config.get("linking.fuzzy", True)),
            min_typo_chars=int(config.get("linking.min_typo_chars", 8)),
        )
        # Link targets resolve like Obsidian: by title, alias or nickname, any case.
        self.targets: dict[str, str] = {}
        for key, entry in entries.items():
            if entry.kind not in PARTIAL and not entry.ambiguous:
                self.targets[key] = entry.targets[0]
        for name in contacts:
            self.targets[key_of(name)] = name

    @classmethod
    def for_run(cls, contacts: dict[str, Contact], pm: pluggy.PluginManager,
                config: Config) -> Linker:
        return cls(contacts, gather_variants(contacts, pm, config), config)

    def mentions(self, note: Note) -> list[Mention]:
        """The note's mentions in text order: explicit links (``linked=True``) and names in
        plain text, in every note but, for each contact, their own note."""
        if not note.readable:
            return []
        layout = analyse(note.text, note.body_start, self.managed)
        own = self.contacts.get(note.title)
        own_name = own.name if own is not None and own.rel == note.rel else None
        found: list[Mention] = []
        for match in WIKILINK.finditer(layout.opaque, note.body_start):
            target = self.targets.get(key_of(match.group(1).rstrip("\\").rsplit("/", 1)[-1]))
            if target and target != own_name:
                found.append(Mention(
                    note=note.rel, start=match.start(), end=match.end(),
                    surface=match.group(2) or match.group(1), target=target, level="link",
                    reason="linked", line=layout.line_of(match.start()), linked=True,
                ))
        for hit in self.matcher.scan(layout.blanked, layout.opaque):
            if own_name is not None and own_name in hit.targets:
                continue  # a contact's own note never mentions them
            found.append(Mention(
                note=note.rel, start=hit.start, end=hit.end,
                surface=note.text[hit.start:hit.end],
                target=hit.targets[0] if len(hit.targets) == 1 else "",
                level=hit.level,  # type: ignore[arg-type]
                reason=hit.reason, line=layout.line_of(hit.start),
                candidates=hit.targets if len(hit.targets) > 1 else (),
            ))
        found.sort(key=lambda m: m.start)
        return found
