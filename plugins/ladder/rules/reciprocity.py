"""Reciprocity: never push someone who has not answered ("sin avasallar").

After ``[ladder] unanswered_limit`` (3) outbound messages or calls (direction ``out``) within
``unanswered_window_days`` (90) with no answer since — nothing of theirs, ``in`` or ``both`` —
every step that pushes further (``[ladder] reciprocity_holds``: touch, call, meet, cadence,
meet again, reconnect, drift) is withheld. At most one ``gentle`` touch, no ask, once
``quiet_days`` (30) have passed since your last message; its why says so ("3 messages since
2026-10-12, no reply: give them room"). Their answer lifts the hold at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vinculo.config import Config
from vinculo.history import plan_at_or_above, wikilink
from vinculo.hookspecs import hookimpl
from vinculo.i18n import channel, count, join, t
from vinculo.ladder_settings import RECIPROCITY_HOLDS, ladder_settings
from vinculo.model import Contact, History, Interaction, Suggestion
from vinculo.rhythm import last_topic, personal_touch

HOLDS = RECIPROCITY_HOLDS  # the default of [ladder] reciprocity_holds
OUTREACH = ("message", "call")


@dataclass(frozen=True)
class OneSided:
    """Your unanswered outreach to one contact."""

    unanswered: tuple[Interaction, ...]  # your messages and calls since their last answer
    quiet_until: dt.date  # the day a gentle touch becomes fine

    def describe(self, config: Config) -> str:
        """ "3 messages since 2026-10-12, no reply: give them room"."""
        calls = sum(1 for i in self.unanswered if i.channel == "call")
        messages = len(self.unanswered) - calls
        parts = [count(config, n, word) for n, word in ((messages, "message"), (calls, "call"))
                 if n]
        return t(config, "{parts} since {date}, no reply: give them room",
                 parts=join(config, parts), date=self.unanswered[0].date.isoformat())


def one_sided(history: History, today: dt.date, config: Config) -> OneSided | None:
    """Whether your outreach to this contact goes unanswered (the rule's one test)."""
    limit = ladder_settings(config).unanswered_limit
    start = today - dt.timedelta(days=ladder_settings(config).unanswered_window_days)
    # From the most recent back to their last move (or the window's start): only recent
    # history is read.
    found: list[Interaction] = []
    reply = None
    for interaction in reversed(history.interactions):
        if interaction.date < start:
            break
        if interaction.direction != "out":
            reply = interaction.date
            break
        if interaction.channel in OUTREACH:
            found.append(interaction)
    pending = tuple(i for i in reversed(found) if reply is None or i.date > reply)
    if len(pending) < limit:
        return None
    quiet = pending[-1].date + dt.timedelta(days=ladder_settings(config).quiet_days)
    return OneSided(pending, quiet)


def _holds(config: Config) -> tuple[str, ...]:
    return ladder_settings(config).reciprocity_holds


@hookimpl
def hold_back(suggestion: Suggestion, history: History, today: dt.date,
              config: Config) -> str | None:
    if suggestion.kind not in _holds(config):
        return None
    found = one_sided(history, today, config)
    return found.describe(config) if found else None


@hookimpl
def suggest(contact: Contact, history: History, today: dt.date, config: Config) -> list[Suggestion]:
    found = one_sided(history, today, config)
    if found is None or plan_at_or_above(history, "social"):
        return []
    last = found.unanswered[-1]
    topic = last_topic(history)
    about = f": {personal_touch(history, config)}" if topic and topic[0].direction == "in" else ""
    why = t(config, "{held}; last {date} ({channel}) {link}; at most a light touch from {quiet}",
            held=found.describe(config), date=last.date.isoformat(),
            channel=channel(config, last.channel), link=wikilink(last.note),
            quiet=found.quiet_until.isoformat())
    return [Suggestion(contact.name, "gentle", found.quiet_until,
                       t(config, "Light touch with {name}, no ask{about}", name=contact.name,
                         about=about), why, last.note, 70)]
