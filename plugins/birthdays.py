"""Birthdays: a birthday coming up is the easiest reason there is to call.

Reads the ``birthday`` property (``1978-12-12``, ``12-12`` or ``--12-12``); suggests a call on
the day when it falls within ``[ladder] birthday_days`` (14) — a message for contacts you have
never talked to. 29 February is celebrated on 28 February in other years.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from vinculo.config import Config
from vinculo.dates import coerce_date
from vinculo.hookspecs import hookimpl
from vinculo.i18n import day_month, t
from vinculo.ladder_settings import ladder_settings
from vinculo.model import Contact, History, Suggestion

_MONTH_DAY = re.compile(r"^-{0,2}(\d{1,2})-(\d{1,2})$")


def month_day(value: Any) -> tuple[int, int] | None:
    """``(month, day)`` of a birthday property, with or without the year; None if unreadable."""
    date = coerce_date(value)
    if date:
        return date.month, date.day
    if isinstance(value, str):
        match = _MONTH_DAY.match(value.strip())
        if match and 1 <= int(match[1]) <= 12 and 1 <= int(match[2]) <= 31:
            return int(match[1]), int(match[2])
    return None


def next_birthday(value: Any, today: dt.date) -> dt.date | None:
    """The next occurrence on or after ``today``."""
    md = month_day(value)
    if md is None:
        return None
    for year in (today.year, today.year + 1):
        month, day = md
        if (month, day) == (2, 29):
            try:
                dt.date(year, 2, 29)
            except ValueError:
                day = 28
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate >= today:
            return candidate
    return None


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
