"""Dates as Obsidian writes them: daily-note file names in moment.js format, frontmatter dates,
and dates written in words on a line or in a file name (English and Spanish)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from vinculo.text import fold, lazy_pattern

# moment.js tokens → (regex, strptime directive); longest tokens first.
_TOKENS: list[tuple[str, str, str]] = [
    ("YYYY", r"\d{4}", "%Y"),
    ("YY", r"\d{2}", "%y"),
    ("MMMM", r"[^\W\d_]+", "%B"),
    ("MMM", r"[^\W\d_]+", "%b"),
    ("MM", r"\d{2}", "%m"),
    ("M", r"\d{1,2}", "%m"),
    ("DD", r"\d{2}", "%d"),
    ("D", r"\d{1,2}", "%d"),
    ("dddd", r"[^\W\d_]+", "%A"),
    ("ddd", r"[^\W\d_]+", "%a"),
]


_NUMERIC = {"YYYY": "year", "MM": "month", "M": "month", "DD": "day", "D": "day"}


@lru_cache(maxsize=32)
def _numeric_groups(fmt: str) -> tuple[str, ...] | None:
    """For formats of numbers only (the common case), which group is year, month, day."""
    roles = []
    i = 0
    while i < len(fmt):
        for token, _, _ in _TOKENS:
            if fmt.startswith(token, i):
                if token not in _NUMERIC:
                    return None
                roles.append(_NUMERIC[token])
                i += len(token)
                break
        else:
            if fmt[i] == "[":
                return None
            i += 1
    return tuple(roles) if sorted(set(roles)) == ["day", "month", "year"] else None


@lru_cache(maxsize=32)
def _compile(fmt: str) -> tuple[re.Pattern[str], str]:
    pattern, directives, i = "", "", 0
    while i < len(fmt):
        if fmt[i] == "[":  # moment's escaped literal text: [Week]
            end = fmt.find("]", i)
            end = len(fmt) if end < 0 else end
            literal = fmt[i + 1 : end]
            pattern += re.escape(literal)
            directives += literal.replace("%", "%%")
            i = end + 1
            continue
        for token, rx, directive in _TOKENS:
            if fmt.startswith(token, i):
                pattern += f"({rx})"
                directives += directive
                i += len(token)
                break
        else:
            pattern += re.escape(fmt[i])
            directives += fmt[i].replace("%", "%%")
            i += 1
    return re.compile(pattern + r"$"), directives


def parse_daily_name(stem: str, fmt: str = "YYYY-MM-DD") -> dt.date | None:
    """The date a daily note's file name stands for, or None. ``fmt`` may hold folders."""
    fmt_name = fmt.rsplit("/", 1)[-1]
    regex, directives = _compile(fmt_name)
    match = regex.match(stem)
    if not match:
        return None
    roles = _numeric_groups(fmt_name)
    try:
        if roles:  # fast path: no strptime for YYYY-MM-DD and friends
            parts = dict(zip(roles, (int(g) for g in match.groups()), strict=True))
            return dt.date(parts["year"], parts["month"], parts["day"])
        return dt.datetime.strptime(stem, directives).date()
    except ValueError:
        return None


def format_daily_name(day: dt.date, fmt: str = "YYYY-MM-DD") -> str:
    """The daily-note path (without ``.md``) for ``day``, in the vault's moment.js format."""
    _, directives = _compile(fmt)
    return day.strftime(directives)


def coerce_date(value: object) -> dt.date | None:
    """A frontmatter value as a date: YAML dates, datetimes and ISO strings; else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()[:10]
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    return None


# --- dates written in words --------------------------------------------------------------

MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = lazy_pattern(r"\d\d\d\d")  # not \d{4}: a leading class lets the engine skip ahead
_ISO = lazy_pattern(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d])")
_ES = lazy_pattern(rf"(?<!\d)(\d{{1,2}}) de ({_MONTH}) (?:de |del )?(\d{{4}})(?!\d)")
_EN_MDY = lazy_pattern(rf"(?<![\w])({_MONTH})\.? (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})(?!\d)")
_EN_DMY = lazy_pattern(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTH})\.?,? (\d{{4}})(?!\d)")


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def written_date(text: str) -> dt.date | None:
    """A date written on a line: ISO ``2026-03-12``, ``12 de marzo de 2026``, ``March 12,
    2026`` or ``12 March 2026``; the first one found, or None."""
    found = written_date_at(text)
    return found[0] if found else None


def written_date_at(text: str) -> tuple[dt.date, int, int] | None:
    """:func:`written_date` with where it is written (start and end offsets in ``text``):
    the reader asks whether a later day belongs to the event's part of the sentence."""
    if not _YEAR.search(text):  # every form has a four-digit year: most lines stop here
        return None
    match = _ISO.search(text)
    if match:
        day = _safe_date(int(match[1]), int(match[2]), int(match[3]))
    else:
        folded = fold(text)
        match = _ES.search(folded) or _EN_DMY.search(folded)
        if match:
            day = _safe_date(int(match[3]), MONTHS[match[2]], int(match[1]))
        else:
            match = _EN_MDY.search(folded)
            if match is None:
                return None
            day = _safe_date(int(match[3]), MONTHS[match[1]], int(match[2]))
    return (day, match.start(), match.end()) if day else None


def name_date(stem: str) -> dt.date | None:
    """A date written in a file name: "Nota del 6 de Agosto del 2025", "August 6th, 2025",
    "6 August 2025", "Retro 2026-02-11"."""
    return written_date(stem)


def _digits(text: str, shortest: int, longest: int) -> bool:
    return shortest <= len(text) <= longest and text.isascii() and text.isdigit()


def folder_date(rel: str, daily_format: str = "YYYY-MM-DD") -> dt.date | None:
    """The date of the nearest folder named by a date: a folder per day
    ("2025-06-10/tasks/plan.md", "Notas del 6 de agosto de 2025/…") or year, month and day
    folders ("Journal/2024/03/05/notes.md"). Vaults kept by day file their notes this way, and
    without it every note in them would be undated and count for nothing in a history."""
    folders = rel.replace("\\", "/").split("/")[:-1]
    if len(folders) >= 3 and _digits(folders[-3], 4, 4) and all(
            _digits(f, 1, 2) for f in folders[-2:]):
        day = _safe_date(int(folders[-3]), int(folders[-2]), int(folders[-1]))
        if day is not None:
            return day
    for folder in reversed(folders):
        if any(c.isdigit() for c in folder):
            day = parse_daily_name(folder, daily_format) or name_date(folder)
            if day is not None:
                return day
    return None


_BIRTHDAY_MONTH_DAY = lazy_pattern(r"^-{0,2}(\d{1,2})-(\d{1,2})$")


def month_day(value: Any) -> tuple[int, int] | None:
    """``(month, day)`` of a birthday property, with or without the year; None if unreadable."""
    date = coerce_date(value)
    if date:
        return date.month, date.day
    if isinstance(value, str):
        match = _BIRTHDAY_MONTH_DAY.match(value.strip())
        if match and 1 <= int(match[1]) <= 12 and 1 <= int(match[2]) <= 31:
            return int(match[1]), int(match[2])
    return None


def next_birthday(value: Any, today: dt.date) -> dt.date | None:
    """The next occurrence on or after ``today``."""
    md = month_day(value)
    if md is None:
        return None
    for year in (today.year, today.year + 1):
        month, day = md
        if (month, day) == (2, 29):
            try:
                dt.date(year, 2, 29)
            except ValueError:
                day = 28
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate >= today:
            return candidate
    return None
