"""One run's linker: every contact's names gathered once, then one pass per note."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import fields, replace
from operator import attrgetter

import pluggy

from vinculo.config import Config
from vinculo.history import VocabularyMatcher, compile_vocabularies, gather_vocabularies
from vinculo.linking.matcher import Matcher
from vinculo.linking.paths import LinkPaths
from vinculo.linking.protect import analyse, managed_markers
from vinculo.linking.rules import PARTIAL, Entry, build_entries, companion_pattern, key_of
from vinculo.model import Contact, Mention, NameVariant, Note, Vocabulary, own_contact
from vinculo.text import fold

# A clause ends at sentence punctuation or a spaced dash, as the interaction reader reads it.
_CLAUSE_END = re.compile(r"[.;!?¿¡](?=\s|$)|\s[—–]\s")
# Mentions kept only in a clause that reports an event: a name in lowercase ("called jorge"),
# a given name in other capitals than the contact's own lowercase ones ("Victor", victor.md),
# a surname alone before a verb ("Okoye messaged me").
_EVENT_ONLY = frozenset({"lowercase", "other_case", "surname"})
# A list item's marker, and a task's box: "- [x] Llamé a xime" is read after it.
_ITEM = re.compile(r"\s*(?:(?:[-*+]|\d+[.)])\s+)?(?:\[(.)\]\s*)?")
# A body longer than this (characters) is first searched for a name as written: most of a
# long note's time is its layout (code, tables, lists), and in a vault of documents many name
# no one. Shorter notes, most of a journal, are laid out at once (searching them first would
# cost more than it saves).
_LONG = 2000
# "[[" first, then the lookbehind that rules out an embed: re skips straight to each "[[".
WIKILINK = re.compile(r"\[\[(?<!!\[\[)([^\]\|#\^\n]+)(?:[#\^][^\]\|\n]*)?(?:(?:\\?\|)([^\]\n]*))?\]\]")


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

    def __init__(self, contacts: dict[str, Contact], variants: Mapping[str, list[NameVariant]],
                 config: Config, continuing: frozenset[str] = frozenset(),
                 paths: LinkPaths | None = None,
                 vocabularies: list[Vocabulary] | None = None,
                 entries: dict[str, Entry] | None = None) -> None:
        """``entries``: :func:`~vinculo.linking.rules.build_entries` of ``variants``, when
        the caller kept them (a settled vault's memo)."""
        self.contacts = contacts
        # A name written in lowercase is a mention only in a clause that reports an event
        # (see _in_event): without vocabularies, never.
        self.vocabularies = vocabularies
        self._events: VocabularyMatcher | None = None
        self._companion: re.Pattern[str] | bool | None = None  # False: no companion words
        self.paths = paths or LinkPaths()
        self.managed = managed_markers(config)
        self.headings = bool(config.get("linking.headings", False))
        never = {key_of(str(s)) for s in config.get("linking.never", []) or []}
        if entries is None:
            entries = build_entries(variants)
        entries = {k: e for k, e in entries.items() if k not in never}
        self.matcher = Matcher(
            entries,
            fuzzy=bool(config.get("linking.fuzzy", True)),
            min_typo_chars=int(config.get("linking.min_typo_chars", 8)),
            max_candidates=int(config.get("linking.max_candidates", 4)),
            continuing=continuing,
        )
        # Link targets resolve like Obsidian: by title, alias or nickname, any case.
        self.targets: dict[str, str] = {}
        for key, entry in entries.items():
            if entry.kind not in PARTIAL and not entry.ambiguous:
                self.targets[key] = entry.targets[0]
        for name in contacts:
            self.targets[key_of(name)] = name
        # Every word of each contact's own names (see own_words), made when their own note is
        # first read: for 1,000 contacts, making them all cost a one-note sync 3 ms.
        self._variants = variants
        self._own_words: dict[str, frozenset[str]] = {}
        # What each link's written target resolves to (None: no contact), as links repeat.
        self._resolved: dict[str, str | None] = {}

    def own_words(self, name: str) -> frozenset[str]:
        """Every word of a contact's own names, longer than three letters: in their own note,
        a short form of one of them ("Leo" in Leonardo's note) is them, not another contact
        of that name."""
        found = self._own_words.get(name)
        if found is None:
            found = self._own_words[name] = frozenset(
                w for v in self._variants.get(name, ()) for w in key_of(v.text).split()
                if len(w) > 3)
        return found

    @classmethod
    def for_run(cls, contacts: dict[str, Contact], pm: pluggy.PluginManager,
                config: Config, continuing: frozenset[str] = frozenset(),
                paths: LinkPaths | None = None) -> Linker:
        """``continuing``: note titles that go on past a contact's name
        (:func:`~vinculo.linking.titles.continuing_titles`), where the name is left alone.
        ``paths``: the contacts whose title other notes share
        (:func:`~vinculo.linking.paths.link_paths`), whose links resolve as Obsidian does.
        The plugins' vocabularies say which clauses report an event, the only place a name
        written in lowercase is a mention."""
        return cls(contacts, gather_variants(contacts, pm, config), config, continuing, paths,
                   gather_vocabularies(pm))

    def resolve(self, written: str, source: str) -> str | None:
        """The contact a link's target text, written in the note ``source``, opens; or None.

        A title several notes share resolves as Obsidian does (the path written, the
        source's folder, the shortest path): ``[[juri]]`` beside another ``juri.md`` is not
        the contact, ``[[personnel/juri]]`` is. Any other name by title, alias or nickname."""
        if self.paths.shared(written):
            return self.paths.resolve(written, source)
        try:
            return self._resolved[written]
        except KeyError:
            return self._resolve(written)

    def _resolve(self, written: str) -> str | None:
        """The contact a link's target text points to, or None."""
        target = self.targets.get(key_of(written.rstrip("\\").rsplit("/", 1)[-1]))
        if len(self._resolved) >= 100_000:
            self._resolved.clear()  # a bound for long-lived linkers; the vault's links fit
        self._resolved[written] = target
        return target

    def mentions(self, note: Note) -> list[Mention]:
        """The note's mentions in text order: explicit links (``linked=True``) and names in
        plain text, in every note but, for each contact, their own note."""
        if not note.readable:
            return []
        text = note.text
        if len(text) - note.body_start > _LONG and "[[" not in text \
                and self.managed[0] not in text and not self.matcher.may_find(text, note.body_start):
            return []  # no link and no name: a long note's layout, its costly part, is not made
        layout = analyse(text, note.body_start, self.managed, self.headings)
        own = own_contact(note, self.contacts)
        own_name = own.name if own is not None else None
        rel = note.rel
        starts = layout.line_starts  # line numbers by bisection, as Layout.line_of does
        resolved = self._resolved
        shared = self.paths.shared if self.paths.files else None
        found: list[Mention] = []
        for match in WIKILINK.finditer(layout.opaque, note.body_start):
            written, shown = match.groups()
            if shared is not None and shared(written):
                target = self.paths.resolve(written, rel)
            else:
                try:
                    target = resolved[written]
                except KeyError:
                    target = self._resolve(written)
            if target and target != own_name:
                start, end = match.span()
                found.append(_mention(
                    rel, start, end, shown or written, target, "link", "linked",
                    bisect_right(starts, start), (), True,
                ))
        linked = len(found)
        own_words = self.own_words(own_name) if own_name else frozenset()
        doubtful = False  # a first name only suggested alone: see _confirmed
        for hit in self.matcher.scan(layout.blanked, layout.opaque):
            targets = hit.targets
            if own_name is not None and own_name in targets:
                continue  # a contact's own note never mentions them
            if own_words and _short_form(text[hit.start:hit.end], own_words):
                continue  # "Leo" in Leonardo Castorina's note is Leonardo
            start, end = hit.start, hit.end
            if hit.reason in _EVENT_ONLY and not self._in_event(text, start, end):
                continue  # "max 3 retries", "the tldraw framework": words, not a report
            single = len(targets) == 1
            if single and hit.reason == "first_name" and hit.level == "suggest":
                doubtful = True
            found.append(_mention(
                rel, start, end, text[start:end], targets[0] if single else "",
                hit.level, hit.reason, bisect_right(starts, start),
                () if single else targets, False,
            ))
        if linked and len(found) > linked:  # else already in text order, as each part is
            found.sort(key=_START)
        return _confirmed(found) if doubtful else found


    def _in_event(self, text: str, start: int, end: int) -> bool:
        """Whether the clause around ``text[start:end]`` holds an event phrase of the
        vocabularies ("called jorge", "lunch w/ maría", "llamé a jorge"), read with the name
        blanked as the interaction reader reads it. Whether it did happen (no intention, no
        question, not someone else's) stays the reader's to decide."""
        if not self.vocabularies:
            return False
        if self._events is None:
            self._events = compile_vocabularies(self.vocabularies)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start : len(text) if line_end < 0 else line_end]
        at, to = start - line_start, end - line_start
        item = _ITEM.match(line)
        clause_start = item.end() if item and item.end() <= at else 0
        first = True  # the clause that opens a ticked task reads as its instruction
        for stop in _CLAUSE_END.finditer(line, clause_start, at):
            clause_start, first = stop.end(), False
        after = _CLAUSE_END.search(line, to)
        clause = (line[clause_start:at] + "·" * (to - at)
                  + line[to : after.start() if after else len(line)])
        ticked = first and item is not None and (item.group(1) or "") in ("x", "X")
        if self._events.read_clause(clause, ticked)[0] is not None:
            return True
        # No event phrase: the name may be the companion of something the writer did ("gym
        # with tyler", "dinner at home with ben"), as the reader reads it too.
        if self._companion is None:
            self._companion = companion_pattern(
                p for v in self.vocabularies for p in v.companions) or False
        return bool(self._companion) and self._companion.search(  # type: ignore[union-attr]
            fold(line[max(clause_start, at - 40):at])) is not None


def _short_form(surface: str, words: frozenset[str]) -> bool:
    """A one-word name that begins a longer word of the note's own contact's names."""
    if " " in surface or len(surface) < 2:
        return False
    key = key_of(surface)
    return any(w.startswith(key) and w != key for w in words)


def _confirmed(found: list[Mention]) -> list[Mention]:
    """A first name only suggested alone (one derived from an alias) becomes a link where the
    same note names that contact in full or links them: "Federico" in a note about someone
    else stays a suggestion, "Federico" after "Federico Granata" is him."""
    doubtful = [i for i, m in enumerate(found) if m.level == "suggest"
                and m.reason == "first_name" and m.target]
    if not doubtful:
        return found
    # Named in full: linked, or any link-level mention but a first name alone (a rerun sees
    # "Salud Arévalo" as a link, so it must count before it is one).
    named = {m.target for m in found if m.linked or (m.level == "link" and m.reason != "first_name")}
    for i in doubtful:
        if found[i].target in named:
            found[i] = replace(found[i], level="link")
    return found


_START = attrgetter("start")
_NEW = object.__new__


def _mention(note: str, start: int, end: int, surface: str, target: str, level: str,
             reason: str, line: int, candidates: tuple[str, ...], linked: bool) -> Mention:
    """A Mention with its fields set at once, without the frozen dataclass's ``__init__``
    (which sets each field through ``object.__setattr__``: twice as slow, and a run builds
    tens of thousands), as :mod:`vinculo.codec` builds them."""
    item = _NEW(Mention)
    item.__dict__.update(note=note, start=start, end=end, surface=surface, target=target,
                         level=level, reason=reason, line=line, candidates=candidates,
                         linked=linked)
    return item


# _mention sets these fields, checked here so a change to Mention fails loudly (a Mention
# with a field more, or a __post_init__, must be built through its __init__ again).
_MENTION_FIELDS = ("note", "start", "end", "surface", "target", "level", "reason", "line",
                   "candidates", "linked")
if tuple(f.name for f in fields(Mention)) != _MENTION_FIELDS \
        or hasattr(Mention, "__post_init__"):
    raise ImportError("vinculo.linking.linker builds Mention field by field: update _mention")
