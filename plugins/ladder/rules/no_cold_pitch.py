"""No cold pitch: a new or silent connection gets one light, personal touch — never a pitch.

The seed's first rule: connecting on LinkedIn is not a licence to sell. A contact still on the
radar (no interaction yet), or an online connection younger than
``[ladder] new_connection_days`` (28), gets at most a ``touch``: about something concrete from
the notes (the last post of theirs you noted, what you last talked about), else "comment on or
share their work". The other rules (call, meet) hold back for those contacts.
"""

from __future__ import annotations

import datetime as dt

from vinculo.config import Config
from vinculo.history import connection_date, is_new_connection
from vinculo.hookspecs import hookimpl
from vinculo.i18n import count, t
from vinculo.ladder_settings import ladder_settings
from vinculo.model import Contact, History, Suggestion
from vinculo.rhythm import personal_touch


@hookimpl
def suggest(contact: Contact, history: History, today: dt.date, config: Config) -> list[Suggestion]:
    if history.stage not in ("radar", "online"):
        return []
    new = is_new_connection(contact, history, today, config)
    if history.stage == "online" and not new:
        return []
    start = connection_date(contact, history)
    due = start + dt.timedelta(days=ladder_settings(config).touch_after_days) if start else today
    limit = ladder_settings(config).new_connection_days
    if start:
        age = (today - start).days
        since = t(config, "connected {date} ({age} ago)", date=start.isoformat(),
                  age=count(config, age, "day"))
    else:
        since = t(config, "no connection date")
    seen = t(config, "no interaction yet") if not history.interactions else t(
        config, "{count} online interaction(s)", count=len(history.interactions))
    why = f"{since}, {seen}"
    if new:
        why += t(config, ": younger than {limit} days, so no pitch, call or meeting yet",
                 limit=limit)
    last = history.last()
    return [
        Suggestion(
            contact=contact.name, kind="touch", due=due,
            text=t(config, "Light touch with {name}: {what} (no pitch)", name=contact.name,
                   what=personal_touch(history, config)),
            why=why, evidence=last.note if last else contact.rel, priority=60,
        )
    ]
