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
from vinculo.history import connection_date, days_setting, is_new_connection
from vinculo.hookspecs import hookimpl
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
    due = start + dt.timedelta(days=days_setting(config, "touch_after_days", 3)) if start else today
    limit = days_setting(config, "new_connection_days", 28)
    if start:
        age = (today - start).days
        since = f"connected {start.isoformat()} ({age} day{'s' if age != 1 else ''} ago)"
    else:
        since = "no connection date"
    seen = "no interaction yet" if not history.interactions else (
        f"{len(history.interactions)} online interaction(s)"
    )
    why = f"{since}, {seen}"
    if new:
        why += f": younger than {limit} days, so no pitch, call or meeting yet"
    last = history.last()
    return [
        Suggestion(
            contact=contact.name, kind="touch", due=due,
            text=f"Light touch with {contact.name}: {personal_touch(history)} (no pitch)",
            why=why, evidence=last.note if last else contact.rel, priority=60,
        )
    ]
