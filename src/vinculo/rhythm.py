"""Each person's own rhythm: how often you usually talk, when silence becomes drift, how often
you meet in person, and what you last talked about.

The ladder's thresholds are the same for everyone of a tier; a friendship you kept weekly is
drifting long before a yearly one is. :func:`is_drifting` is the one test every caller uses
(the block, the dashboard, ``contacts --json``, the ``drift`` rule, ``who --drifting``).
"""

from __future__ import annotations

import datetime as dt
import re

from vinculo.config import Config
from vinculo.history import (
    DEFAULT_TIERS,
    cadence_days,
    parse_days,
    real_channels,
    snoozed_until,
)
from vinculo.i18n import t
from vinculo.ladder_settings import ladder_settings
from vinculo.model import Contact, Drift, History, Interaction
from vinculo.text import LINK_SHOWN

# How often to meet in person, per tier (DEFAULT_IN_PERSON_TIERS), is a ladder setting.


def real_days(history: History, config: Config) -> list[dt.date]:
    """The distinct days of real interactions (message, call, in person: not a like)."""
    real = real_channels(config)
    return sorted({i.date for i in history.interactions if i.channel in real})


def usual_gap(days: list[dt.date], config: Config) -> int | None:
    """The median gap between the days of real interactions (:func:`real_days`), from at
    least ``[ladder] drift_min_gaps`` (3) gaps; None when the history is shorter."""
    gaps = [(b - a).days for a, b in zip(days, days[1:], strict=False)]
    if len(gaps) < ladder_settings(config).drift_min_gaps:
        return None
    return max(1, round(_median(gaps)))


def _median(values: list[int]) -> float:
    """``statistics.median`` of ``values`` (the middle one, or the mean of the two middle
    ones), without importing ``statistics``: it loads fractions, decimal and random, a few
    milliseconds of the one-event sync."""
    ordered = sorted(values)
    half = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[half]
    return (ordered[half - 1] + ordered[half]) / 2


def drift_band(usual: int, config: Config) -> tuple[int, int]:
    """``(ideal, maximum)`` silence for a usual gap: the ideal is the gap itself, the maximum
    ``[ladder] drift_factor`` (2) times it, and at least ``drift_slack_days`` (7) past it."""
    settings = ladder_settings(config)
    factor, slack = settings.drift_factor, settings.drift_slack_days
    return usual, max(round(usual * factor), usual + slack)


def is_drifting(contact: Contact, history: History, today: dt.date, config: Config) -> Drift | None:
    """Whether this contact is drifting: silent well past their own usual gap (the tier's
    cadence when their history is short), yet not dormant. The one test for drift."""
    if history.stage in ("radar", "dormant"):
        return None
    days = real_days(history, config)
    if not days:
        return None
    usual = usual_gap(days, config)
    basis = "history"
    if usual is None:
        usual, basis = cadence_days(contact, config), "tier"
        if usual is None:
            return None
    ideal, maximum = drift_band(usual, config)
    silence = (today - days[-1]).days
    if silence <= maximum or silence > ladder_settings(config).dormant_days:
        return None
    return Drift(usual, ideal, maximum, silence, days[-1], basis)


def drifting_why(contact: Contact, history: History, today: dt.date, config: Config) -> str | None:
    """Why ``contact`` is drifting, for the lists that name people (the digest, ``who
    --drifting``); None when they are not, or are snoozed (a snooze asks to be left alone).
    ``history`` is an index's, whose ``drift`` the pipeline set for ``today``."""
    snooze = snoozed_until(contact)
    if snooze and snooze > today:
        return None
    return history.drift.describe(config) if history.drift else None


def in_person_days(contact: Contact, config: Config) -> int | None:
    """How often to meet this person face to face: their ``meet_every`` ("3 months"), else
    their tier in ``[ladder.in_person_tiers]`` (inner 30, close 60, casual 180, keep-warm 365
    days), else the default tier's."""
    own = parse_days(contact.properties.get("meet_every"))
    if own:
        return own
    settings = ladder_settings(config)
    tiers = settings.in_person_tiers
    tier = contact.properties.get("tier") or settings.default_tier
    if not isinstance(tier, str):
        return None
    key = tier.strip().lower()
    if key in tiers:
        return parse_days(tiers[key])
    # A tier of your own with a contact cadence only: meet twice as rarely as you talk.
    talk = parse_days(settings.tiers.get(key)) or DEFAULT_TIERS.get(key)
    return talk * 2 if talk else None


_MARKUP = re.compile(LINK_SHOWN.pattern + r"|[*_`#>]|^\s*[-*+]\s+(?:\[.\]\s+)?")


def topic_of(interaction: Interaction, limit: int = 70) -> str:
    """The line an interaction was read from, without Markdown: what it was about."""
    text = _MARKUP.sub(lambda m: m[1] or "", interaction.text).strip(" .;:-")
    text = re.sub(r"^\d{4}-\d{2}-\d{2}\s*", "", text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def last_topic(history: History) -> tuple[Interaction, str] | None:
    """The last thing of theirs noted (a post they shared, something they wrote), else the
    last thing you talked about: the most recent interaction with a line of its own."""
    for wanted in (("in",), ("in", "both", "out")):
        for interaction in reversed(history.interactions):
            if interaction.direction in wanted and interaction.channel == "social":
                topic = topic_of(interaction)
                if topic:
                    return interaction, topic
    for interaction in reversed(history.interactions):
        topic = topic_of(interaction)
        if topic:
            return interaction, topic
    return None


GENERIC_TOUCH = "comment on or share their work"


def personal_touch(history: History, config: Config) -> str:
    """What a light touch can be about, from the notes: "pick up on “their post on remote
    teams” (2026-11-02)"; the generic "comment on or share their work" when nothing is noted."""
    found = last_topic(history)
    if found is None:
        return t(config, GENERIC_TOUCH)
    interaction, topic = found
    return t(config, "pick up on “{topic}” ({date})", topic=topic,
             date=interaction.date.isoformat())
