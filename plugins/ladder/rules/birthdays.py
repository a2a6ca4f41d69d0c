"""Birthdays: a birthday coming up is the easiest reason there is to call.

Reads the ``birthday`` property (``1978-12-12``, ``12-12`` or ``--12-12``); suggests a call on
the day when it falls within ``[ladder] birthday_days`` (14) — a message for contacts you have
never talked to. 29 February is celebrated on 28 February in other years.
"""

from __future__ import annotations

import datetime as dt

from vinculo.config import Config
from vinculo.dates import next_birthday
from vinculo.hookspecs import hookimpl
from vinculo.i18n import day_month, t
from vinculo.ladder_settings import ladder_settings
from vinculo.model import Contact, History, Suggestion


@hookimpl
def suggest(contact: Contact, history: History, today: dt.date, config: Config) -> list[Suggestion]:
    day = next_birthday(contact.properties.get("birthday"), today)
    if day is None or (day - today).days > ladder_settings(config).birthday_days:
        return []
    spoken = history.last("call", "in_person") is not None
    text = ("Call {name}: birthday on {day}" if spoken
            else "Send a birthday message to {name}: birthday on {day}")
    return [Suggestion(contact.name, "birthday", day,
                       t(config, text, name=contact.name, day=day_month(config, day)),
                       t(config, "birthday property: {day}", day=day_month(config, day, False)),
                       contact.rel, 10)]
