"""The in-person clock: messages keep a friendship warm, they do not replace meeting.

The cadence rule's clock restarts at any real interaction, so a friendship can slide back to
the screen and stay there ("no mantener la relación virtual de forma perpetua"). This clock
counts from the last time you *met*: when that is older than their in-person cadence — their
``meet_every`` ("3 months"), else their tier in ``[ladder.in_person_tiers]`` (inner 30, close
60, casual 180, keep-warm 365 days) — a ``meet_again`` step is suggested even while messages
keep flowing. Its why names both dates. When the cadence rule already asks to see them, or a
meeting is planned, it stays quiet.
"""

from __future__ import annotations

import datetime as dt

from vinculo.config import Config
from vinculo.history import cadence_due, lookahead, plan_at_or_above, wikilink
from vinculo.hookspecs import hookimpl
from vinculo.i18n import count, join, t
from vinculo.model import Contact, History, Suggestion
from vinculo.rhythm import in_person_days


@hookimpl
def suggest(contact: Contact, history: History, today: dt.date, config: Config) -> list[Suggestion]:
    if history.stage != "in_person" or plan_at_or_above(history, "in_person"):
        return []
    met = history.last("in_person")
    every = in_person_days(contact, config)
    if met is None or not every:
        return []
    due = met.date + dt.timedelta(days=every)
    horizon = lookahead(config, today)
    if due > horizon:
        return []
    cadence = cadence_due(contact, history, config)
    if cadence and cadence <= horizon:
        return []  # the cadence rule asks to see them already
    last = history.last()
    assert last is not None
    since = [i for i in history.interactions if i.date > met.date]
    counts = {c: sum(1 for i in since if i.channel == c) for c in ("message", "call", "social")}
    words = {"message": "message", "call": "call", "social": "online interaction"}
    kept = join(config, [count(config, n, words[c]) for c, n in counts.items() if n])
    then = (t(config, "since then {kept}, last {last} {link}", kept=kept,
              last=last.date.isoformat(), link=wikilink(last.note)) if kept
            else t(config, "nothing since"))
    why = t(config, "last met {date} {link}; {then}; meet every {days} days",
            date=met.date.isoformat(), link=wikilink(met.note), then=then, days=every)
    city = contact.properties.get("city")
    place = t(config, " in {city}", city=city.strip()) if isinstance(city, str) and city.strip() else ""
    return [Suggestion(contact.name, "meet_again", due,
                       t(config, "Meet {name} in person again{place}", name=contact.name,
                         place=place), why, met.note, 22)]
