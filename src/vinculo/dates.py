"""Dates as Obsidian writes them: daily-note file names in moment.js format, frontmatter dates."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

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
