"""From virtual to physical: online for long enough → a call; a call but never met → meet.

The seed's core: a relationship should not stay virtual forever. An ``online`` contact gets a
``call`` once the connection is ``[ladder] call_after_days`` (60) old or after
``call_after_exchanges`` (5) interactions, whichever comes first. A ``voice`` contact gets a
``meet`` ``meet_after_call_days`` (14) after the last call: in their ``city``, or "when you
travel" when it is not ``[ladder] home_city``. New connections are left to ``no_cold_pitch``.
A step already planned (a call, or a meeting, written for a later day) is not suggested.
"""

from __future__ import annotations

import datetime as dt

from vinculo.config import Config
from vinculo.history import (
    connection_date,
    is_new_connection,
    lookahead,
    plan_at_or_above,
    wikilink,
)
from vinculo.hookspecs import hookimpl
from vinculo.i18n import channel, count, join, t
from vinculo.ladder_settings import ladder_settings
from vinculo.model import Contact, History, Suggestion
from vinculo.text import fold


def where(contact: Contact, config: Config) -> str:
    """" in Madrid" (your ``home_city``), " in London, when you travel there", or ""."""
    city = contact.properties.get("city")
    if not isinstance(city, str) or not city.strip():
        return ""
    home = ladder_settings(config).home_city
    if isinstance(home, str) and fold(home.strip()) == fold(city.strip()):
        return t(config, " in {city}", city=city.strip())
    return t(config, " in {city}, when you travel there", city=city.strip())


def call_due(contact: Contact, history: History, config: Config) -> dt.date | None:
    """When an online relationship is ripe for a call: enough time or enough exchanges."""
    start = connection_date(contact, history)
    dates = []
    if start:
        dates.append(start + dt.timedelta(days=ladder_settings(config).call_after_days))
    needed = ladder_settings(config).call_after_exchanges
    if len(history.interactions) >= needed:
        dates.append(history.interactions[needed - 1].date)
    if not dates:
        return None
    last = history.last_contact
    ripe = min(dates)
    # Not before the last exchange: the call follows up on something fresh.
    return max(ripe, last + dt.timedelta(days=ladder_settings(config).reply_gap_days)) if last else ripe


@hookimpl
def suggest(contact: Contact, history: History, today: dt.date, config: Config) -> list[Suggestion]:
    if is_new_connection(contact, history, today, config):
        return []
    if history.stage == "online":
        if plan_at_or_above(history, "call"):
            return []  # a call (or more) is already planned
        due = call_due(contact, history, config)
        if due is None or due > lookahead(config, today):
            return []
        counts = history.counts()
        start = connection_date(contact, history)
        last = history.last()
        assert last is not None
        parts = [count(config, counts["social"], "social interaction")] if counts["social"] else []
        if counts["message"]:
            parts.append(count(config, counts["message"], "message"))
        why = t(config, "online only since {date}: {parts}, never a call; last {last} "
                        "({channel}) {link}",
                date=start.isoformat() if start else history.first_contact,
                parts=join(config, parts), last=last.date.isoformat(),
                channel=channel(config, last.channel), link=wikilink(last.note))
        return [Suggestion(contact.name, "call", due,
                           t(config, "Propose a call to {name}", name=contact.name),
                           why, last.note, 30)]
    if history.stage == "voice":
        if plan_at_or_above(history, "in_person"):
            return []  # the meeting is already planned
        call = history.last("call")
        assert call is not None
        due = call.date + dt.timedelta(days=ladder_settings(config).meet_after_call_days)
        if due > lookahead(config, today):
            return []
        calls = history.counts()["call"]
        why = t(config, "{calls}, never met in person; last call {date} {link}",
                calls=count(config, calls, "call"), date=call.date.isoformat(),
                link=wikilink(call.note))
        return [Suggestion(contact.name, "meet", due,
                           t(config, "Meet {name} in person{place}", name=contact.name,
                             place=where(contact, config)),
                           why, call.note, 25)]
    return []
