"""Calendars: ``vinculo import calendar calendar.ics VAULT``.

Every event that happened and whose attendees or title name a contact becomes a meeting note
in ``Meetings/`` (``folders.meetings``) with ``date``, ``attendees`` as links, a ``channel``
(``in_person`` for a physical place, ``call`` for a video or phone link; none when the event
says neither) and its ``ics_uid``, so importing the file again adds nothing.

Decisions a person can check: an event in the future is skipped (a meeting note is evidence
that you met; import again after it happens); a cancelled event or occurrence is skipped; a
recurring event is expanded into one note per occurrence within the last ``past_days``
(``[importers.calendar] past_days``, default 365), each deduplicated by UID and occurrence,
at most the last ``max_occurrences`` (400) of a series, and a series repeating more often
than daily (``FREQ=HOURLY``, ``MINUTELY``…) is skipped unless a ``COUNT`` keeps it small;
attendees who declined do not count, and an event with more than ``max_attendees`` (15)
is an all-hands, not a meeting; a UTC time is dated where you are
(``[importers.calendar] timezone``, else the calendar's ``X-WR-TIMEZONE``, else this
computer's zone). icalendar parses (it keeps a broken value as an error on
its event instead of failing the file); recurring-ical-events expands RRULE, RDATE, EXDATE
and moved or cancelled occurrences.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from vinculo.common_words import COMMON_WORD_NAMES
from vinculo.config_schema import Section, Setting
from vinculo.hookspecs import hookimpl
from vinculo.importing.base import Action, ImportContext, Importer, ImportFileError
from vinculo.importing.names import clean_text, name_key, safe_title
from vinculo.importing.notes import new_meeting_note, unique_rel
from vinculo.importing.people import ContactMatcher, PersonRecord
from vinculo.importing.textfile import split_lines
from vinculo.model import Contact
from vinculo.text import fold, lazy_pattern

PAST_DAYS = 365
MAX_OCCURRENCES = 400  # of one series in the window: a daily meeting for a year fits
_FINER_THAN_DAILY = {"SECONDLY": "second", "MINUTELY": "minute", "HOURLY": "hour"}
MAX_ATTENDEES = 15  # more than this is an all-hands or a conference, not a meeting with them
_VIDEO = lazy_pattern(
    r"https?://[^\s<>\"]*(zoom\.us|meet\.google\.com|teams\.microsoft\.com|teams\.live\.com|"
    r"webex\.com|whereby\.com|meet\.jit\.si|jitsi|skype\.com|gotomeeting|bluejeans|chime\.aws|"
    r"facetime\.apple\.com|discord\.gg)[^\s<>\"]*",
    re.IGNORECASE,
)
_VIDEO_WORDS = lazy_pattern(r"\b(zoom|google meet|microsoft teams|teams meeting|webex|skype|"
                          r"facetime|videollamada|video call)\b", re.IGNORECASE)
_TAGS = lazy_pattern(r"<[^>]+>")


# --- reading the file ------------------------------------------------------------------------


def event_lines(lines: list[str | None]) -> list[int]:
    """The 1-based line of every ``BEGIN:VEVENT``, in file order (as icalendar walks them)."""
    return [n for n, line in enumerate(lines, start=1)
            if (line or "").strip().upper() == "BEGIN:VEVENT"]


def load_calendar(data: bytes, encoding: str = "utf-8") -> tuple[Any, list[int], list[Action]]:
    """The parsed calendar, the line of each event, and the problems found on the way; a
    file cut short is parsed up to its last complete event."""
    import icalendar

    lines, bad = split_lines(data, encoding)
    problems = [Action("skip", f"line {b.line}", f"{b.reason}: line left out", b.line)
                for b in bad]
    text = "\n".join(line if line is not None else "" for line in lines)
    if "BEGIN:VCALENDAR" not in text.upper():
        raise ImportFileError("no BEGIN:VCALENDAR found: is this an .ics calendar?")
    starts = event_lines(lines)
    ends = [n for n, line in enumerate(lines, start=1)
            if (line or "").strip().upper() == "END:VEVENT"]
    if not any((line or "").strip().upper() == "END:VCALENDAR" for line in lines):
        cut = ends[-1] if ends else (starts[0] - 1 if starts else len(lines))
        for start in (s for s in starts if s > cut):
            problems.append(Action("skip", f"event at line {start}",
                                   "file ends inside this event (cut short?)", start))
        starts = [s for s in starts if s <= cut]
        kept = [line if line is not None else "" for line in lines[:cut]]
        text = "\n".join([*kept, "END:VCALENDAR"])
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError as exc:
        raise ImportFileError(f"not a readable calendar ({str(exc).splitlines()[0]})") from exc
    return calendar, starts, problems


# --- what one event says ---------------------------------------------------------------------


@dataclass
class Meeting:
    uid: str
    recurrence_id: str | None
    day: dt.date
    title: str
    attendees: list[str]  # contact names
    others: list[str]  # attendees who are not contacts
    channel: str | None
    location: str
    link: str
    description: str
    line: int | None


def _text(event: Any, key: str) -> str:
    value = event.get(key)
    return clean_text(str(value)) if value is not None else ""


def _is_utc(tz: dt.tzinfo) -> bool:
    return tz is dt.timezone.utc or getattr(tz, "key", None) in ("UTC", "Etc/UTC", "Z")


def _day(value: Any, zone: dt.tzinfo | None = None) -> dt.date:
    """The day an event happened. A time written with its own time zone (``TZID``) is taken
    as written: 09:30 in Madrid is that day wherever you read it. A UTC time (``…Z``, how
    Google and Outlook often export) is converted to ``zone`` (default: this computer's), so
    23:30 UTC is the next day in Madrid. All-day events and floating times are as written."""
    moment = value.dt if hasattr(value, "dt") else value
    if not isinstance(moment, dt.datetime):
        return moment
    if moment.tzinfo is not None and _is_utc(moment.tzinfo):
        moment = moment.astimezone(zone)
    return moment.date()


def _zone(ctx: ImportContext, calendar: Any) -> dt.tzinfo | None:
    """Where UTC times are read: ``[importers.calendar] timezone`` (an IANA name such as
    ``Europe/Madrid``), else the calendar's own ``X-WR-TIMEZONE``, else None (this computer's
    time zone)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    chosen = ctx.timezone("calendar")
    if chosen is not None:
        return chosen
    declared = str(calendar.get("X-WR-TIMEZONE") or "").strip()
    try:
        return ZoneInfo(declared) if declared else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def channel_of(event: Any) -> tuple[str | None, str, str]:
    """``(channel, location, link)``: a physical place means in person, a video or phone
    link means a call; an event that says neither has no channel."""
    location = _text(event, "LOCATION")
    texts = [location, _text(event, "URL"), _text(event, "X-GOOGLE-CONFERENCE"),
             _text(event, "CONFERENCE"), str(event.get("DESCRIPTION") or "")]
    video = next((m[0] for t in texts for m in [_VIDEO.search(t)] if m), "")
    is_url = "://" in location or location.lower().startswith(("tel:", "callto:"))
    if location and not is_url and not _VIDEO_WORDS.search(location):
        return "in_person", location, video
    if video or location.lower().startswith(("tel:", "callto:")) or _VIDEO_WORDS.search(location):
        return "call", location, video or (location if is_url else "")
    return None, location, ""


def _description(event: Any) -> str:
    text = str(event.get("DESCRIPTION") or "")
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    text = _TAGS.sub("", text).replace("\r\n", "\n").strip()
    return "\n".join(line.rstrip() for line in text.splitlines())


class AttendeeFinder:
    """Which contacts an event is with: its attendees and organiser (by e-mail, then name),
    then the contact names its title contains (whole words, accent- and case-blind)."""

    def __init__(self, ctx: ImportContext) -> None:
        self.matcher = ContactMatcher(ctx.contacts)
        self.variants: dict[str, set[str]] = {}
        for contact in ctx.contacts.values():
            for text in self._variants(contact, ctx):
                key = name_key(text)
                if len(key) >= 3:
                    self.variants.setdefault(key, set()).add(contact.name)
        self.longest = max((k.count(" ") + 1 for k in self.variants), default=1)

    @staticmethod
    def _variants(contact: Contact, ctx: ImportContext) -> list[str]:
        found = [contact.name, *contact.aliases]
        for batch in ctx.pm.hook.name_variants(contact=contact, config=ctx.config):
            found += [v.text for v in batch or [] if v.confident]
        return found

    def people(self, event: Any) -> tuple[list[str], list[str]]:
        names: list[str] = []
        others: list[str] = []
        organizer = _as_list(event.get("ORGANIZER"))
        for prop in _as_list(event.get("ATTENDEE")) + organizer:
            params = getattr(prop, "params", {})
            if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
                continue
            mail = str(prop)
            mail = mail[7:] if mail.lower().startswith("mailto:") else mail
            cn = clean_text(params.get("CN", ""))
            match = self.matcher.find(PersonRecord(name=cn, line=0, emails=[mail] if mail else []))
            if match.contact is not None:
                names.append(match.contact.name)
            elif (cn or mail) and prop not in organizer:  # the organiser is usually you
                others.append(cn or mail)
        names += self.in_title(_text(event, "SUMMARY"))
        return list(dict.fromkeys(names)), list(dict.fromkeys(o for o in others if o))

    def in_title(self, title: str) -> list[str]:
        """Contacts named in ``title``. A name two contacts share says nothing; a one-word
        name that is also a word ("Rosa", "Pilar") counts only when capitalised, as in
        "Café con Rosa", never in "sala rosa"."""
        written = re.findall(r"\w+", clean_text(title))
        words = [fold(w) for w in written]
        found: list[str] = []
        for size in range(min(self.longest, len(words)), 0, -1):
            for i in range(len(words) - size + 1):
                owners = self.variants.get(" ".join(words[i : i + size]), set())
                if len(owners) != 1:
                    continue
                if size == 1 and words[i] in COMMON_WORD_NAMES and not written[i][0].isupper():
                    continue
                found.append(next(iter(owners)))
        return found


def _setting_int(ctx: ImportContext, key: str, default: int) -> int:
    value = ctx.setting("calendar", key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ImportFileError(f"[importers.calendar] {key} must be a whole number, not {value!r}")
    return value


def attendee_count(event: Any) -> int:
    return len(_as_list(event.get("ATTENDEE")))


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


# --- from events to notes --------------------------------------------------------------------


def occurrences(calendar: Any, ctx: ImportContext, lines: dict[int, int]) -> Iterator[
        tuple[Any, int | None, bool] | Action]:
    """``(event, line, recurring)`` for each single event and each occurrence of a series in
    the window; an Action for events that cannot be used as they are."""
    import recurring_ical_events

    events = list(calendar.walk("VEVENT"))
    series: dict[str, list[tuple[Any, int | None]]] = {}
    for index, event in enumerate(events):
        line = lines.get(index)
        uid = _text(event, "UID")
        label = _text(event, "SUMMARY") or "(no title)"
        broken = [name for name, _ in getattr(event, "errors", [])]
        if "DTSTART" in broken or event.get("DTSTART") is None:
            yield Action("skip", label, "no readable start date (DTSTART)", line)
        elif not uid:
            yield Action("skip", label, "no UID: cannot tell a second import apart", line)
        elif event.get("RRULE") or event.get("RDATE") or event.get("RECURRENCE-ID"):
            series.setdefault(uid, []).append((event, line))
        else:
            yield event, line, False
    past = _setting_int(ctx, "past_days", PAST_DAYS)
    most = _setting_int(ctx, "max_occurrences", MAX_OCCURRENCES)
    start, end = ctx.today - dt.timedelta(days=past), ctx.today + dt.timedelta(days=1)
    for uid, members in series.items():
        import icalendar

        label = _text(members[0][0], "SUMMARY") or uid
        too_many = _too_frequent(members[0][0], past, most)
        if too_many:  # refused before expanding: a FREQ=MINUTELY year is half a million events
            yield Action("skip", label, too_many, members[0][1])
            continue

        one = icalendar.Calendar()
        for component in calendar.walk("VTIMEZONE"):
            one.add_component(component)
        for event, _ in members:
            one.add_component(event)
        line = members[0][1]
        try:
            found = recurring_ical_events.of(one).between(start, end)
        except Exception as exc:  # a broken RRULE or EXDATE in this series only
            yield Action("skip", label, f"recurrence cannot be expanded ({exc})", line)
            continue
        if len(found) > most:
            yield Action("skip", label, f"{len(found) - most} earlier occurrences skipped: only "
                         f"the last {most} of a series are imported "
                         "(importers.calendar.max_occurrences)", line)
            found = found[-most:]
        for event in found:
            yield event, line, True


def _too_frequent(event: Any, days: int, most: int) -> str:
    """Why a series is not expanded at all, or "": one that repeats more often than daily
    (or many times a day), unless a COUNT keeps it small. Its window would hold more than
    ten times ``most`` occurrences: a reminder or a generated file, not meetings."""
    rule = event.get("RRULE")
    if rule is None:
        return ""
    rules = rule if isinstance(rule, list) else [rule]
    for one in rules:
        count = (one.get("COUNT") or [None])[0]
        if count is not None and int(count) <= most:
            continue
        freq = str((one.get("FREQ") or [""])[0]).upper()
        if freq in _FINER_THAN_DAILY:
            return (f"repeats every {_FINER_THAN_DAILY[freq]} (RRULE FREQ={freq}): not a series "
                    "of meetings; skipped")
        per_day = 1
        for part in ("BYHOUR", "BYMINUTE", "BYSECOND"):
            per_day *= max(1, len(one.get(part) or []))
        interval = max(1, int((one.get("INTERVAL") or [1])[0]))
        if freq == "DAILY" and per_day > 1 and per_day * days // interval > 10 * most:
            return (f"repeats {per_day} times a day (RRULE BYHOUR/BYMINUTE): not a series of "
                    "meetings; skipped")
    return ""


def to_meeting(event: Any, day: dt.date, line: int | None, recurring: bool,
               finder: AttendeeFinder) -> Meeting:
    attendees, others = finder.people(event)
    channel, location, link = channel_of(event)
    rid = event.get("RECURRENCE-ID") if recurring else None
    return Meeting(
        uid=_text(event, "UID"),
        recurrence_id=_day_or_moment(rid) if rid is not None else None,
        day=day,
        title=_text(event, "SUMMARY") or "Meeting",
        attendees=attendees, others=others, channel=channel, location=location, link=link,
        description=_description(event), line=line,
    )


def _day_or_moment(value: Any) -> str:
    moment = value.dt if hasattr(value, "dt") else value
    return moment.isoformat()


def meeting_note(meeting: Meeting, ctx: ImportContext) -> tuple[str, dict[str, Any], str]:
    """``(title, properties, body)`` of the note for one meeting; its attendees linked as
    every link vinculo writes (:meth:`ImportContext.link`)."""
    links = [ctx.link(name) for name in meeting.attendees]
    props: dict[str, Any] = {"date": meeting.day, "attendees": links}
    if meeting.channel:
        props["channel"] = meeting.channel
    if meeting.location:
        props["location"] = meeting.location
    props["ics_uid"] = meeting.uid
    if meeting.recurrence_id:
        props["ics_recurrence_id"] = meeting.recurrence_id
    body = [f"With {', '.join(links)}."]
    if meeting.others:
        body.append(f"Also invited: {', '.join(meeting.others)}.")
    if meeting.link:
        body.append(f"Link: <{meeting.link}>")
    text = "\n\n".join(body)
    if meeting.description:
        text += "\n\n## From the invitation\n\n" + meeting.description
    return f"{meeting.day.isoformat()} {safe_title(meeting.title)}", props, text


def _imported(ctx: ImportContext) -> dict[tuple[str, str], str]:
    """``(uid, occurrence)`` of every note already imported, wherever the user moved it."""
    found: dict[tuple[str, str], str] = {}
    for note in ctx.notes:
        uid = note.frontmatter.get("ics_uid")
        if uid:
            rid = note.frontmatter.get("ics_recurrence_id")
            found[(str(uid), str(rid) if rid else "")] = note.rel
    return found


def run(data: bytes, ctx: ImportContext) -> Iterator[Action]:
    calendar, starts, problems = load_calendar(data, ctx.encoding)
    yield from problems
    zone = _zone(ctx, calendar)
    crowd = _setting_int(ctx, "max_attendees", MAX_ATTENDEES)
    finder = AttendeeFinder(ctx)
    done = _imported(ctx)
    taken = {n.rel.casefold() for n in ctx.notes}
    folder = ctx.config.folder("meetings")
    lines = dict(enumerate(starts)) if len(starts) == len(calendar.walk("VEVENT")) else {}
    items = list(occurrences(calendar, ctx, lines))
    for item in ctx.progress(items, len(items), "calendar events"):
        if isinstance(item, Action):
            yield item
            continue
        event, line, recurring = item
        day = _day(event.get("DTSTART"), zone)
        label = f"{day.isoformat()} {_text(event, 'SUMMARY') or '(no title)'}"
        if str(event.get("STATUS") or "").upper() == "CANCELLED":
            yield Action("skip", label, "cancelled", line)
            continue
        if day > ctx.today:
            yield Action("skip", label, "in the future: import again after it happens", line)
            continue
        meeting = to_meeting(event, day, line, recurring, finder)
        key = (meeting.uid, meeting.recurrence_id or "")
        if key in done:
            yield Action("skip", label, f"already imported: {done[key]}", line, done[key])
            continue
        if not meeting.attendees:
            yield Action("skip", label, "no contact among its attendees or in its title", line)
            continue
        if attendee_count(event) > crowd:
            yield Action("skip", label, f"{attendee_count(event)} attendees: a large event, not a "
                         "meeting (importers.calendar.max_attendees)", line)
            continue
        title, props, body = meeting_note(meeting, ctx)
        rel = unique_rel(folder, title, taken)
        taken.add(rel.casefold())
        done[key] = rel
        yield Action("create", label, f"with {', '.join(meeting.attendees)}", line, rel, None,
                     new_meeting_note(title, props, body))


@hookimpl
def register_settings() -> list[Section]:
    return [Section("importers.calendar", (
        Setting("timezone", "text", None, "where UTC times are dated (an IANA name such as "
                "Europe/Madrid; default: the calendar's, else this computer's)"),
        Setting("past_days", "int", PAST_DAYS, "how far back recurring events are expanded",
                minimum=1),
        Setting("max_occurrences", "int", MAX_OCCURRENCES, "at most this many of one series",
                minimum=1),
        Setting("max_attendees", "int", MAX_ATTENDEES, "more attendees: a large event, not a "
                "meeting", minimum=1),
    ))]


@hookimpl
def register_importers() -> list[Importer]:
    return [
        Importer(
            name="calendar",
            description="meetings with your contacts from an .ics calendar",
            run=run,
            suffixes=(".ics", ".ical"),
        )
    ]
