"""The calendar feed: the next weeks' steps, planned calls and meetings, and birthdays as an
RFC 5545 ``.ics`` file any calendar can subscribe to (``vinculo export calendar``, or kept
current by ``sync`` and ``watch`` at ``[calendar] path``).

Every event is all-day and transparent (a reminder, not a busy slot). UIDs depend only on
who and what (a step: the contact and its kind; a plan: the contact, the note, the channel
and the day; a birthday: the contact), never on the date a step is due, so a calendar that
reloads the feed moves an event instead of adding a second one. The same index gives the same
bytes: events are sorted, and ``DTSTAMP`` is today's midnight UTC.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any

from vinculo.config import Config
from vinculo.obsidian import open_url

if TYPE_CHECKING:
    from icalendar import Event

    from vinculo.pipeline import Index

# icalendar (and the digest's renderer) are imported where a feed is built: every sync and
# watcher pass asks this module for [calendar] path (feed_path), and most vaults have no feed.

PRODID = "-//vinculo//calendar feed//EN"
DEFAULT_WEEKS = 4
PLAN_SUMMARY = {"in_person": "Meet {name}", "call": "Call with {name}",
                "message": "Message {name}", "social": "Online touch with {name}"}


def feed_weeks(config: Config) -> int:
    """How many weeks ahead the steps and plans reach: ``[calendar] weeks`` (4)."""
    value = config.get("calendar.weeks", DEFAULT_WEEKS)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 \
        else DEFAULT_WEEKS


def _uid(*parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
    return f"{parts[0]}-{digest}@vinculo"


def _event(uid: str, day: dt.date, summary: str, description: str, url: str | None,
           stamp: dt.datetime, categories: list[str]) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    if url:
        event.add("url", url)
    event.add("categories", categories)
    event.add("transp", "TRANSPARENT")
    return event


def _steps(index: Index, until: dt.date, stamp: dt.datetime) -> list[Event]:
    from vinculo.digest.render import unlinked

    out = []
    for items in index.suggestions.values():
        for s in items:
            if s.due > until:
                continue
            rel = index.contacts[s.contact].rel
            url = open_url(index.vault, rel)
            late = f" (due since {s.due.isoformat()})" if s.due < index.today else ""
            description = f"{s.text}{late}\nWhy: {unlinked(s.why)}\n{url}"
            day = max(s.due, index.today)  # an overdue step is today's, not lost in the past
            out.append(_event(_uid("step", s.contact, s.kind), day, s.text, description, url,
                              stamp, ["vinculo", s.kind]))
    return out


def _plans(index: Index, until: dt.date, stamp: dt.datetime) -> list[Event]:
    out = []
    for name, history in index.histories.items():
        for plan in history.planned:
            if plan.date > until:
                continue
            url = open_url(index.vault, plan.note)
            summary = PLAN_SUMMARY.get(plan.channel, "{name}").format(name=name)
            description = f"Planned in {plan.note}\n{url}"
            out.append(_event(_uid("plan", name, plan.note, plan.channel, plan.date.isoformat()),
                              plan.date, summary, description, url, stamp,
                              ["vinculo", "planned"]))
    return out


def _birthdays(index: Index, stamp: dt.datetime) -> list[Event]:
    from icalendar import vRecur

    from vinculo.dates import coerce_date, month_day, next_birthday

    out = []
    for name, contact in index.contacts.items():
        value = contact.properties.get("birthday")
        md = month_day(value)
        upcoming = next_birthday(value, index.today)
        if md is None or upcoming is None:
            continue
        born = coerce_date(value)
        first = born if born and born.year > 1 else upcoming
        url = open_url(index.vault, contact.rel)
        event = _event(_uid("birthday", name), first, f"{name}'s birthday",
                       f"Birthday of {name}\n{url}", url, stamp, ["vinculo", "birthday"])
        rule: dict[str, Any] = {"freq": "yearly"}
        if md == (2, 29):  # the last day of February: the 28th in common years
            rule.update(bymonth=2, bymonthday=-1)
        event.add("rrule", vRecur(rule))
        out.append(event)
    return out


def calendar_bytes(index: Index, weeks: int | None = None) -> bytes:
    """The feed of ``index`` as ``.ics`` bytes (CRLF lines, as RFC 5545 wants)."""
    from icalendar import Calendar

    weeks = weeks or feed_weeks(index.config)
    until = index.today + dt.timedelta(weeks=weeks)
    stamp = dt.datetime.combine(index.today, dt.time(0, 0), tzinfo=dt.timezone.utc)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"vinculo · {index.vault.name}")
    events = [*_steps(index, until, stamp), *_plans(index, until, stamp), *_birthdays(index, stamp)]
    for event in sorted(events, key=lambda e: (e.decoded("dtstart"), str(e["uid"]))):
        calendar.add_component(event)
    return calendar.to_ical()


def feed_path(config: Config) -> str | None:
    """``[calendar] path`` as a vault-relative path, or None when unset or not inside the
    vault (vinculo never writes outside it) or a Markdown file (it would be read as a note)."""
    value = config.get("calendar.path")
    if not isinstance(value, str) or not value.strip():
        return None
    target = (config.vault / value.strip()).resolve()
    root = config.vault.resolve()
    if not target.is_relative_to(root) or target == root or target.suffix.lower() == ".md":
        return None
    return target.relative_to(root).as_posix()
