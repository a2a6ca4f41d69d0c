"""Cadence: see the people you have met as often as their tier says.

Per contact: ``cadence`` (days, or "2w", "3 months") or ``tier`` (``[ladder.tiers]``: inner 14,
close 30, casual 90, keep-warm 180; untiered contacts use ``[ladder] default_tier``). The clock
restarts at the last *real* interaction (``[ladder] real_channels``: message, call, in person —
a like is not a conversation). Suggested once due within ``[ladder] lookahead_days`` (7).
Applies to the ``in_person`` rung; the rungs below are the ladder's job. A meeting already
planned (written for a later day) holds it back.
"""

from __future__ import annotations

import datetime as dt

from vinculo.config import Config
from vinculo.history import cadence_days, last_real, lookahead, plan_at_or_above, wikilink
from vinculo.hookspecs import hookimpl
from vinculo.i18n import t
from vinculo.model import Contact, History, Suggestion


@hookimpl
def suggest(contact: Contact, history: History, today: dt.date, config: Config) -> list[Suggestion]:
    if history.stage != "in_person" or plan_at_or_above(history, "in_person"):
        return []  # not met yet, or the next meeting is already planned
    every = cadence_days(contact, config)
    start = last_real(history, config)
    if not every or start is None:
        return []
    due = start + dt.timedelta(days=every)
    if due > lookahead(config, today):
        return []
    met = history.last("in_person")
    assert met is not None
    tier = contact.properties.get("tier")
    rule = t(config, "every {days} days", days=every) + (f" ({tier})" if isinstance(tier, str) else "")
    why = t(config, "last in person {date} {link}; last real contact {last}; {rule}",
            date=met.date.isoformat(), link=wikilink(met.note), last=start.isoformat(), rule=rule)
    city = contact.properties.get("city")
    place = t(config, " in {city}", city=city.strip()) if isinstance(city, str) and city.strip() else ""
    return [Suggestion(contact.name, "cadence", due,
                       t(config, "See {name} again{place}", name=contact.name, place=place), why,
                       met.note, 20)]
