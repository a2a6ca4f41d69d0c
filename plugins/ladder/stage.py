"""The relationship ladder: radar → online → voice → in person, and dormant after a silence.

``radar``: a contact note, no interaction yet. ``online``: only social/message interactions.
``voice``: at least one call, never met. ``in_person``: met at least once. ``dormant``: no
interaction for ``[ladder] dormant_days`` (365) — whatever the rung reached before.
"""

from __future__ import annotations

import datetime as dt

from vinculo.config import Config
from vinculo.config_schema import Section
from vinculo.hookspecs import hookimpl
from vinculo.ladder_settings import ladder_section, ladder_settings
from vinculo.model import Contact, History, Stage


def rung(history: History) -> Stage:
    """The highest rung the relationship ever reached, silence aside."""
    if history.last("in_person"):
        return "in_person"
    if history.last("call"):
        return "voice"
    if history.interactions:
        return "online"
    return "radar"


def is_dormant(history: History, today: dt.date, config: Config) -> bool:
    last = history.last_contact
    return last is not None and (today - last).days > ladder_settings(config).dormant_days


@hookimpl
def contact_stage(history: History, contact: Contact, today: dt.date, config: Config) -> Stage:
    return "dormant" if is_dormant(history, today, config) else rung(history)


@hookimpl
def register_settings() -> list[Section]:
    """``[ladder]``: every threshold, from :class:`vinculo.ladder_settings.LadderSettings`."""
    return [ladder_section()]
