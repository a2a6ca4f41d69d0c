"""Pacing: the whole list at once, so it stays doable and never nags.

In order: a contact with ``snooze_until`` in the future gets nothing; a kind the user ticked
or deleted is held back for its cool-down (the block's memory, see the block plugin); one
suggestion per kind per contact (the earliest); a due date already written in the note is
kept (edit it to postpone one suggestion); at most ``[ladder] daily_budget`` (5) suggestions per day —
overdue ones count for today, the overflow moves to the next day with room, highest priority
first; and contacts to see in person in the same city in the same week are told so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from vinculo.default_plugins.outputs.block import read_memory

from vinculo.city_groups import city_groups
from vinculo.config import Config
from vinculo.history import snoozed_until
from vinculo.hookspecs import hookimpl
from vinculo.i18n import t
from vinculo.ladder_settings import CITY_GROUP_KINDS, ladder_settings
from vinculo.model import Contact, Suggestion

IN_PERSON_KINDS = CITY_GROUP_KINDS  # the default of [ladder] city_group_kinds


def _held_back(suggestions: list[Suggestion], contacts: dict[str, Contact], today: dt.date,
               config: Config) -> list[Suggestion]:
    """Snoozes and cool-downs removed; one per kind per contact; written due dates kept."""
    best: dict[tuple[str, str], Suggestion] = {}
    memories = {}
    for s in suggestions:
        contact = contacts.get(s.contact)
        if contact is None:
            continue
        snooze = snoozed_until(contact)
        if snooze and snooze > today:
            continue
        if s.contact not in memories:
            memories[s.contact] = read_memory(contact, config)
        memory = memories[s.contact]
        until = memory.blocked_until(s.kind, config)
        if until and until > today:
            continue
        written = memory.open.get(s.kind)
        if written and written != s.due:
            # The date in the note wins: stable from day to day, and yours to postpone.
            s = dataclasses.replace(s, due=written)
        key = (s.contact, s.kind)
        if key not in best or (s.due, s.priority) < (best[key].due, best[key].priority):
            best[key] = s
    return list(best.values())


def _budget(suggestions: list[Suggestion], today: dt.date, config: Config) -> list[Suggestion]:
    """At most ``daily_budget`` a day; overdue ones count for today; overflow moves on."""
    budget = ladder_settings(config).daily_budget
    out = []
    # In this order the days given out never go back: a suggestion whose day is already
    # taken goes to the last day given (if it has room) or the one after, without walking
    # the full days one by one (a thousand contacts overflow a budget of a few by months).
    last, used = dt.date.min, 0  # the last day given, and how many it holds
    for s in sorted(suggestions, key=lambda s: (max(s.due, today), s.priority, s.due, s.contact)):
        wanted = max(s.due, today)
        if wanted > last:
            last, used = wanted, 0
        elif used >= budget:
            last, used = last + dt.timedelta(days=1), 0
        used += 1
        if last != wanted:
            s = dataclasses.replace(s, due=last)
        out.append(s)
    return out


def _group_by_city(suggestions: list[Suggestion], contacts: dict[str, Contact], today: dt.date,
                   config: Config) -> list[Suggestion]:
    groups = city_groups(suggestions, contacts, today, config)
    note: dict[tuple[str, str], str] = {}
    for city, members in groups.items():
        for s in members:
            others = ", ".join(m.contact for m in members if m.contact != s.contact)
            note[(s.contact, s.kind)] = t(config, "; also to see in {city} this week: {others}",
                                          city=city, others=others)
    return [dataclasses.replace(s, why=s.why + note[(s.contact, s.kind)])
            if (s.contact, s.kind) in note else s for s in suggestions]


@hookimpl
def plan_suggestions(
    suggestions: list[Suggestion], contacts: dict[str, Contact], today: dt.date, config: Config
) -> list[Suggestion]:
    first_due = {(s.contact, s.kind): s.due for s in suggestions}
    kept = _held_back(suggestions, contacts, today, config)
    paced = _budget(kept, today, config)
    # Say so when the plan moved a date (the daily budget, or your edit in the note); the
    # wording depends only on the two dates, so a second run writes the same line.
    paced = [
        dataclasses.replace(s, why=s.why + t(
            config, "; due {due} by the ladder, planned for {day}",
            due=first_due[(s.contact, s.kind)].isoformat(), day=s.due.isoformat()))
        if s.due != first_due.get((s.contact, s.kind), s.due) else s
        for s in paced
    ]
    return _group_by_city(paced, contacts, today, config)
