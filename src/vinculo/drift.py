"""Who is drifting away: the one place that decides it, for the digest and ``vinculo who``.

A person drifts when the last *real* contact (a message, a call, a meeting: a like is not a
conversation) is older than the cadence their ``cadence`` or ``tier`` asks for. People you
have never really talked to have nothing to drift from, and a snoozed person is left alone.
Kept to this one function so a richer notion of drift (the ladder's) can replace it in one
place.
"""

from __future__ import annotations

import datetime as dt

from vinculo.config import Config
from vinculo.history import cadence_days, last_real, snoozed_until
from vinculo.model import Contact, History
from vinculo.text import plural


def drifting(contact: Contact, history: History, today: dt.date, config: Config) -> str | None:
    """Why ``contact`` is drifting (a sentence with the dates), or None when they are not."""
    snooze = snoozed_until(contact)
    if snooze and snooze > today:
        return None
    every = cadence_days(contact, config)
    last = last_real(history, config)
    if not every or last is None:
        return None
    late = (today - last).days - every
    if late <= 0:
        return None
    tier = contact.properties.get("tier")
    rule = f"every {every} days" + (f" ({tier})" if isinstance(tier, str) and tier else "")
    return (f"last real contact {last.isoformat()}, {plural((today - last).days, 'day')} ago; "
            f"{rule}: {plural(late, 'day')} late")
