"""The relationship ladder: radar → online → voice → in person, and dormant after a silence.

``radar``: a contact note, no interaction yet. ``online``: only social/message interactions.
``voice``: at least one call, never met. ``in_person``: met at least once. ``dormant``: no
interaction for ``[ladder] dormant_days`` (365) — whatever the rung reached before.
"""

from __future__ import annotations

import datetime as dt

from vinculo.config import Config
from vinculo.history import days_setting
from vinculo.hookspecs import hookimpl
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
    return last is not None and (today - last).days > days_setting(config, "dormant_days", 365)


@hookimpl
def contact_stage(history: History, contact: Contact, today: dt.date, config: Config) -> Stage:
    return "dormant" if is_dormant(history, today, config) else rung(history)
