"""Reconnect: a dormant tie gets a gentle step, one rung lower than where it stood.

After ``[ladder] dormant_days`` (365) of silence, jumping straight back to a coffee is
awkward: someone you used to meet gets a call, someone you used to call gets a message, an
online acquaintance gets a light touch (comment on or share their work). Nothing is suggested
when something with them is already planned (an event written for a later day).
"""

from __future__ import annotations

import datetime as dt

from vinculo.default_plugins.ladder.stage import rung

from vinculo.config import Config
from vinculo.history import plan_at_or_above, wikilink
from vinculo.hookspecs import hookimpl
from vinculo.i18n import channel, t
from vinculo.i18n import rung as rung_words
from vinculo.ladder_settings import ladder_settings
from vinculo.model import Contact, History, Suggestion
from vinculo.rhythm import personal_touch

STEP_DOWN = {
    "in_person": "a call to catch up",
    "voice": "a message to catch up",
    "online": "a light online touch (comment on or share their work)",
    "radar": "a light online touch (comment on or share their work)",
}


@hookimpl
def suggest(contact: Contact, history: History, today: dt.date, config: Config) -> list[Suggestion]:
    if history.stage != "dormant" or plan_at_or_above(history, "social"):
        return []  # not dormant, or already planned: a plan is the reconnection
    last = history.last()
    assert last is not None
    was = rung(history)
    due = last.date + dt.timedelta(days=ladder_settings(config).dormant_days + 1)
    silent = (today - last.date).days
    why = t(config, "no interaction for {days} days; last {date} ({channel}) {link}; the "
                    "relationship had reached {rung}", days=silent, date=last.date.isoformat(),
            channel=channel(config, last.channel), link=wikilink(last.note),
            rung=rung_words(config, was))
    step = t(config, STEP_DOWN[was])
    if was in ("online", "radar"):
        step = t(config, "a light online touch ({what})", what=personal_touch(history, config))
    return [Suggestion(contact.name, "reconnect", due,
                       t(config, "Reconnect with {name}: {step}", name=contact.name, step=step),
                       why, last.note, 40)]
