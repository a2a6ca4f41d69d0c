"""Important dates besides birthdays: anniversaries and a ``dates:`` map, paced like birthdays.

Reads the ``anniversary`` property and a ``dates`` map of your own labels
(``dates: {aniversario de boda: 2015-06-20, santo: 07-25}``), each with or without a year, as
``birthday`` is read. A date within ``[ladder] birthday_days`` (14) gets a ``date`` step on
the day: a call, or a message for contacts you have never talked to. One per contact at a
time (the nearest), like every kind.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from vinculo.config import Config
from vinculo.dates import next_birthday
from vinculo.hookspecs import hookimpl
from vinculo.i18n import day_month, t
from vinculo.ladder_settings import ladder_settings
from vinculo.model import Contact, History, Suggestion


def important_dates(contact: Contact) -> list[tuple[str, Any]]:
    """``(label, value)`` of every important date of a contact other than the birthday."""
    out: list[tuple[str, Any]] = []
    if contact.properties.get("anniversary") not in (None, ""):
        out.append(("anniversary", contact.properties["anniversary"]))
    dates = contact.properties.get("dates")
    if isinstance(dates, dict):
        out += [(str(label), value) for label, value in dates.items() if value not in (None, "")]
    return out


@hookimpl
def suggest(contact: Contact, history: History, today: dt.date, config: Config) -> list[Suggestion]:
    window = ladder_settings(config).birthday_days
    upcoming = []
    for label, value in important_dates(contact):
        day = next_birthday(value, today)
        if day is not None and (day - today).days <= window:
            upcoming.append((day, label))
    if not upcoming:
        return []
    day, label = min(upcoming)
    spoken = history.last("call", "in_person") is not None
    text = "Call {name}: {label} on {day}" if spoken else "Send a message to {name}: {label} on {day}"
    where = "dates" if label != "anniversary" else "anniversary"
    return [Suggestion(contact.name, "date", day,
                       t(config, text, name=contact.name, label=label,
                         day=day_month(config, day)),
                       t(config, "{where} property: {label} {day}", where=where, label=label,
                         day=day_month(config, day, False)), contact.rel, 12)]
