"""Drift: a contact silent well past their own usual gap gets a check-in, before dormancy.

The test is :func:`vinculo.rhythm.is_drifting` (their usual gap from their history; the tier's
cadence when it is short; ``[ladder] drift_factor`` 2 and ``drift_slack_days`` 7 set the
band). A ``drift`` step is suggested unless something is already planned with them.
"""

from __future__ import annotations

import datetime as dt

from vinculo.config import Config
from vinculo.history import plan_at_or_above, wikilink
from vinculo.hookspecs import hookimpl
from vinculo.model import Contact, History, Suggestion
from vinculo.rhythm import is_drifting


@hookimpl
def suggest(contact: Contact, history: History, today: dt.date, config: Config) -> list[Suggestion]:
    drift = is_drifting(contact, history, today, config)
    if drift is None or plan_at_or_above(history, "social"):
        return []
    last = history.last()
    assert last is not None
    due = drift.last + dt.timedelta(days=drift.maximum + 1)
    why = f"drifting: {drift.describe()}; last {last.channel} {wikilink(last.note)}"
    return [Suggestion(contact.name, "drift", due, f"Check in with {contact.name}", why,
                       last.note, 35)]
