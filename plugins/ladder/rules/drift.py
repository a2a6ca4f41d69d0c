"""Drift: a contact silent well past their own usual gap gets a check-in, before dormancy.

The test is :func:`vinculo.rhythm.is_drifting` (their usual gap from their history; the tier's
cadence when it is short; ``[ladder] drift_factor`` 2 and ``drift_slack_days`` 7 set the
band). A ``drift`` step is suggested when the drift is measured on their own history, unless something
is already planned with them or the cadence rule already asks to see them (on the tier's clock
alone, the cadence and call rules speak; the contact is still flagged as drifting).
"""

from __future__ import annotations

import datetime as dt

from vinculo.config import Config
from vinculo.history import cadence_due, lookahead, plan_at_or_above, wikilink
from vinculo.hookspecs import hookimpl
from vinculo.i18n import channel, t
from vinculo.model import Contact, History, Suggestion


@hookimpl
def suggest(contact: Contact, history: History, today: dt.date, config: Config) -> list[Suggestion]:
    drift = history.drift  # measured with the stage by the pipeline (rhythm.is_drifting)
    if drift is None or drift.basis != "history" or plan_at_or_above(history, "social"):
        return []  # on a tier's clock alone, the cadence and call rules already speak
    cadence = cadence_due(contact, history, config)
    if history.stage == "in_person" and cadence and cadence <= lookahead(config, today):
        return []  # the cadence rule asks to see them already
    last = history.last()
    assert last is not None
    due = drift.last + dt.timedelta(days=drift.maximum + 1)
    why = t(config, "drifting: {drift}; last {channel} {link}", drift=drift.describe(config),
            channel=channel(config, last.channel), link=wikilink(last.note))
    return [Suggestion(contact.name, "drift", due, t(config, "Check in with {name}",
                                                     name=contact.name), why, last.note, 35)]
