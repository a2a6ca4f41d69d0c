"""The managed block of a contact note, and vinculo's own properties.

The block lists each open suggestion as an Obsidian Tasks item with its reason nested below::

    - [ ] Propose a call to Rodrigo Sanz: … #vinculo/call 📅 2026-11-26
        - why: online only since 2025-09-15: …; last 2026-11-24 (social) [[Daily/2026-11-24|2026-11-24]]

The next events already planned with the person (written for a later day) follow as plain
items, ``- Planned: in person on 2026-12-04 [[Daily/2026-12-04|2026-12-04]]``; then, when they
are drifting, ``- Drifting: last real contact …; usually every 7 days, drifting after 14``;
then their open loops (unchecked tasks elsewhere that name them: tick them where they live),
``- Open: send Ana the article [[Daily/2026-11-20|2026-11-20]]``.

Its memory lives in the note itself, so it survives machines and sync tools:

- a suggestion the user **ticks** (``- [x]``) moves to a ``Done`` list as a dated log line
  (``✅ YYYY-MM-DD``: the Tasks plugin's completion date, else the day the note was last
  saved); its kind is not suggested again for ``[ladder] cooldown_days`` (30; per kind in
  ``[ladder.cooldown]``), and it counts as an interaction (see the interactions plugin);
- a suggestion the user **deletes** is remembered in an Obsidian comment at the end of the
  block (``%% vinculo: offered call; dismissed meet 2026-11-20 %%``), and not re-added for
  its cool-down. The comment lists what vinculo offered, which is how a deletion is told
  from a suggestion vinculo itself withdrew.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from vinculo.config import Config
from vinculo.history import parse_days, plan_words, saved_on, wikilink
from vinculo.hookspecs import hookimpl
from vinculo.i18n import t
from vinculo.ladder_settings import ladder_settings
from vinculo.model import Contact, Drift, History, Interaction, OpenLoop, Suggestion
from vinculo.writeback import BlockError, read_managed_block

_TASK = re.compile(r"^\s*[-*+]\s+\[(.)\]\s+(.*)$")
_KIND = re.compile(r"\s*#vinculo/([\w-]+)")
_DUE = re.compile(r"\s*📅\s*(\d{4}-\d{2}-\d{2})")
_DONE = re.compile(r"\s*✅\s*(\d{4}-\d{2}-\d{2})")
_MEMORY = re.compile(r"^%%\s*vinculo:(.*?)%%\s*$")
DONE_HEADING = "**Done**"
INDENT = "    "


@dataclass(frozen=True)
class Done:
    """A suggestion the user ticked: a dated log line in the block."""

    kind: str
    date: dt.date
    text: str


@dataclass
class Memory:
    """What the block remembers: open items, ticked ones, what was offered and deleted."""

    open: dict[str, dt.date] = field(default_factory=dict)  # kind → due of an open item
    done: list[Done] = field(default_factory=list)
    offered: set[str] = field(default_factory=set)
    dismissed: dict[str, dt.date] = field(default_factory=dict)  # kind → day it was deleted

    def last_done(self, kind: str) -> dt.date | None:
        return max((d.date for d in self.done if d.kind == kind), default=None)

    def blocked_until(self, kind: str, config: Config) -> dt.date | None:
        """The day ``kind`` may be suggested again, or None when it may be now."""
        dates = [d for d in (self.last_done(kind), self.dismissed.get(kind)) if d]
        return max(dates) + dt.timedelta(days=cooldown_days(kind, config)) if dates else None


def cooldown_days(kind: str, config: Config) -> int:
    settings = ladder_settings(config)
    return parse_days(settings.cooldown.get(kind)) or settings.cooldown_days


def _parse_memory(line: str, memory: Memory) -> None:
    found = _MEMORY.match(line)
    if found is None:  # the caller matched it already
        return
    for part in found[1].split(";"):
        words = part.replace(",", " ").split()
        if not words:
            continue
        if words[0] == "offered":
            memory.offered.update(words[1:])
        elif words[0] == "dismissed":
            for kind, day in zip(words[1::2], words[2::2], strict=False):
                try:
                    memory.dismissed[kind] = dt.date.fromisoformat(day)
                except ValueError:
                    continue


def _clean(text: str) -> str:
    for pattern in (_KIND, _DUE, _DONE):
        text = pattern.sub("", text)
    return text.strip()


def parse_block(content: str, saved: dt.date) -> Memory:
    """The memory of a block's text; ``saved`` dates ticks and deletions that carry none."""
    memory = Memory()
    present: set[str] = set()
    for line in content.splitlines():
        if _MEMORY.match(line.strip()):
            _parse_memory(line.strip(), memory)
            continue
        task = _TASK.match(line)
        kind = _KIND.search(line) if task else None
        if not task or not kind:
            continue
        present.add(kind[1])
        if task[1] in "xX":
            done = _DONE.search(line)
            day = dt.date.fromisoformat(done[1]) if done else saved
            memory.done.append(Done(kind[1], day, _clean(task[2])))
        elif task[1] == " ":
            due = _DUE.search(line)
            if due:
                memory.open[kind[1]] = dt.date.fromisoformat(due[1])
    for gone in memory.offered - present:
        memory.dismissed.setdefault(gone, saved)
    return memory


# The last memory read per contact note, with the note object and settings it was read from.
_MEMORIES: dict[str, tuple[Any, Config, Memory]] = {}


def read_memory(contact: Contact, config: Config) -> Memory:
    """The memory of a contact note's block; empty when it has none or it cannot be read.

    Kept for the same note object and settings (a note read again or written is a new
    object): the watcher plans the whole list on every save, and reading a thousand blocks
    each time was most of its pass. Treat the result as read-only."""
    known = _MEMORIES.get(contact.rel)
    if known is not None and known[0] is contact.note and known[1] is config:
        return known[2]
    try:
        content = read_managed_block(contact.note, config)
    except BlockError:
        memory = Memory()
    else:
        memory = parse_block(content, saved_on(contact.note)) if content else Memory()
    _MEMORIES[contact.rel] = (contact.note, config, memory)
    return memory


def task_line(suggestion: Suggestion) -> str:
    return f"- [ ] {suggestion.text} #vinculo/{suggestion.kind} 📅 {suggestion.due.isoformat()}"


PLANS_SHOWN = 3


def plan_line(plan: Interaction, config: Config) -> str:
    """A planned event, as the block lists it (a plain item, not a task: nothing to tick)."""
    return "- " + t(config, "Planned: {what} on {date} {link}",
                    what=t(config, plan_words(plan.channel)), date=plan.date.isoformat(),
                    link=wikilink(plan.note))


def loop_line(loop: OpenLoop, config: Config) -> str:
    """An open loop, as the block lists it: tick it where it lives."""
    return "- " + t(config, "Open: {text} {link}", text=loop.text, link=wikilink(loop.note))


def render(suggestions: list[Suggestion], memory: Memory, config: Config,
           planned: Sequence[Interaction] = (), loops: Sequence[OpenLoop] = (),
           drift: Drift | None = None) -> str:
    """The block's Markdown, in the vault's language: open tasks with their why, the next
    plans, drift, open loops, the done log, the memory comment."""
    lines: list[str] = []
    for s in suggestions:
        lines.append(task_line(s))
        lines.append(f"{INDENT}- {t(config, 'why')}: {s.why}")
    lines += [plan_line(p, config) for p in planned[:PLANS_SHOWN]]
    if drift is not None:
        lines.append("- " + t(config, "Drifting: {drift}", drift=drift.describe(config)))
    lines += [loop_line(loop, config) for loop in loops]
    done = sorted(set(memory.done), key=lambda d: (d.date, d.kind, d.text))
    if done:
        lines += ["", t(config, DONE_HEADING)]
        lines += [f"- [x] {d.text} #vinculo/{d.kind} ✅ {d.date.isoformat()}" for d in done]
    offered = sorted({s.kind for s in suggestions})
    dismissed = {k: v for k, v in sorted(memory.dismissed.items()) if k not in offered}
    parts = []
    if offered:
        parts.append("offered " + ", ".join(offered))
    if dismissed:
        parts.append("dismissed " + ", ".join(f"{k} {v.isoformat()}" for k, v in dismissed.items()))
    if parts:
        lines += ["", f"%% vinculo: {'; '.join(parts)} %%"]
    return "\n".join(lines) + "\n" if lines else ""


@hookimpl
def render_block(
    contact: Contact, suggestions: list[Suggestion], history: History, config: Config
) -> str | None:
    try:
        existing = read_managed_block(contact.note, config)
    except BlockError:
        return None  # the write path reports the broken markers and leaves the note alone
    memory = parse_block(existing, saved_on(contact.note)) if existing else Memory()
    text = render(suggestions, memory, config, history.planned, history.open_loops,
                  history.drift) if history is not None else render(suggestions, memory, config)
    if existing is None and not text:
        return None  # nothing to say: no block is added to the note
    return text


PROPERTY_NAMES = {"last_contact": "last_contact", "last_in_person": "last_in_person",
                  "stage": "stage"}


@hookimpl
def contact_properties(contact: Contact, history: History, config: Config) -> dict[str, Any]:
    if not config.get("properties.write", True) or history is None:
        return {}
    prefix = str(config.get("properties.prefix", "vinculo_"))
    names = {**PROPERTY_NAMES, **(config.get("properties.names", {}) or {})}
    values: dict[str, Any] = {
        "last_contact": history.last_contact,
        "last_in_person": history.last_in_person,
        "stage": history.stage,
    }
    return {
        f"{prefix}{names[key]}": value
        for key, value in values.items()
        if value is not None and names.get(key)
    }
