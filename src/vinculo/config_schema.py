"""What ``vinculo.toml`` may hold, and the check that says where it does not.

Every section is *declared* once, with its keys, their kinds, defaults and ranges: the core
declares its own (:data:`vinculo.config.CORE_SECTIONS`), plugins declare theirs through the
``register_settings`` hook. The check walks the user's file against those declarations:

- a section or key nobody declares is a **warning** with a "did you mean" (it would be
  silently ignored otherwise: ``[folder]`` instead of ``[folders]`` finds no contacts);
- a value of the wrong kind or out of range is an **error** naming the key, what it must be
  and its line (``write = "no"`` is not false).

Plain frozen dataclasses and a small checker of our own rather than a validation library:
a third-party plugin declares its settings as data without importing one, the kinds vinculo
needs (durations such as ``"2w"``, tables of the user's own names) are not the usual ones, and
tomllib gives no line numbers to any library (:func:`key_lines` finds them in the raw text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["bool", "int", "number", "text", "texts", "text_or_texts", "days", "table", "any"]
Level = Literal["error", "warning"]

__all__ = ["MAX_DAYS", "Problem", "Section", "Setting", "parse_days"]

MAX_DAYS = 36_500  # a cadence or threshold past a century is a typo (and past year 9999)
_DURATION = re.compile(r"^\s*(\d+)\s*([dwmy]?)\w*\s*$")
_UNIT_DAYS = {"": 1, "d": 1, "w": 7, "m": 30, "y": 365}


def parse_days(value: Any) -> int | None:
    """``30``, ``"30"``, ``"30d"``, ``"2w"``, ``"3 months"`` → days; None when unreadable."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value <= MAX_DAYS else None
    if isinstance(value, str):
        match = _DURATION.match(value.lower())
        if match and 0 < int(match[1]) * _UNIT_DAYS[match[2]] <= MAX_DAYS:
            return int(match[1]) * _UNIT_DAYS[match[2]]
    return None


@dataclass(frozen=True)
class Setting:
    """One key of a section: its kind, default and allowed values.

    ``kind``: ``bool``, ``int`` (whole number), ``number``, ``text``, ``texts`` (a list of
    text), ``text_or_texts`` (one text or a list), ``days`` (a duration: ``30``, ``"2w"``, ``"3 months"``), ``table`` (keys of the
    user's own; ``item`` is the kind of each value) or ``any`` (not checked).
    ``minimum``/``maximum`` bound numbers; ``choices`` bound text; ``expect`` replaces the
    generated description in error messages ("a whole number of bytes, such as 5_000_000").
    """

    key: str
    kind: Kind = "any"
    default: Any = None
    help: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    item: Kind | None = None
    expect: str = ""

    def describe(self) -> str:
        """What a value must be, for an error message."""
        if self.expect:
            return self.expect
        if self.choices:
            return "one of " + ", ".join(f'"{c}"' for c in self.choices)
        what = _KIND_WORDS[self.kind]
        if self.kind in ("int", "number") and self.minimum is not None:
            top = f" to {self.maximum:g}" if self.maximum is not None else ""
            what += f" from {self.minimum:g}{top}" if top else f" >= {self.minimum:g}"
        if self.kind == "table" and self.item:
            what += f" of {_KIND_WORDS[self.item]}"
        return what

    def accepts(self, value: Any) -> bool:
        """Whether ``value`` is of this setting's kind and within its range."""
        if not _is_kind(self.kind, value):
            return False
        if self.kind == "table" and self.item:
            return all(_is_kind(self.item, v) for v in value.values())
        if self.choices and value not in self.choices:
            return False
        if self.kind in ("int", "number"):
            if self.minimum is not None and value < self.minimum:
                return False
            if self.maximum is not None and value > self.maximum:
                return False
        return True


_KIND_WORDS: dict[str, str] = {
    "bool": "true or false",
    "int": "a whole number",
    "number": "a number",
    "text": "text",
    "texts": 'a list of text, such as ["a", "b"]',
    "text_or_texts": 'text or a list of text, such as "a" or ["a", "b"]',
    "days": f'a number of days (30, "2w", "3 months"; 1 to {MAX_DAYS})',
    "table": "a table",
    "any": "any value",
}


def _is_kind(kind: Kind, value: Any) -> bool:
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "text":
        return isinstance(value, str)
    if kind == "texts":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "text_or_texts":
        return isinstance(value, str) or _is_kind("texts", value)
    if kind == "days":
        return parse_days(value) is not None
    if kind == "table":
        return isinstance(value, dict)
    return True


@dataclass(frozen=True)
class Section:
    """One ``[section]`` of ``vinculo.toml`` and the keys a plugin (or the core) reads in it.

    ``name`` may be dotted (``importers.calendar``) for a table inside a table. Several
    plugins may declare the same section: their keys add up (a ladder rule of yours can add
    a key to ``[ladder]``). ``open``: keys not listed are accepted without a warning (a table
    of the user's own names).
    """

    name: str
    settings: tuple[Setting, ...] = ()
    help: str = ""
    open: bool = False

    def defaults(self) -> dict[str, Any]:
        return {s.key: s.default for s in self.settings if s.default is not None}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in ``vinculo.toml``: an error stops the run, a warning is reported."""

    level: Level
    message: str
    line: int | None = None
    section: str = ""
    key: str = ""

    def __str__(self) -> str:
        where = f" line {self.line}:" if self.line else ""
        return f"vinculo.toml:{where} {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"level": self.level, "file": "vinculo.toml", "line": self.line,
                "section": self.section, "key": self.key, "message": self.message}


def merge_sections(declared: Iterable[Section]) -> dict[str, Section]:
    """One section per name: the keys of every declaration of it, the first one of a key
    kept; open when any declaration is."""
    out: dict[str, Section] = {}
    for section in declared:
        if section.name not in out:
            out[section.name] = section
            continue
        known = out[section.name]
        have = {s.key for s in known.settings}
        extra = tuple(s for s in section.settings if s.key not in have)
        out[section.name] = Section(known.name, known.settings + extra, known.help or section.help,
                                    known.open or section.open)
    return out


# --- line numbers: tomllib keeps none -------------------------------------------------------

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(p.strip().strip("\"'") for p in re.split(r"\.(?=(?:[^\"']|\"[^\"]*\"|'[^']*')*$)",
                                                          dotted))


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The line (1-based) where each table and key of a TOML text is written:
    ``("ladder",)`` for ``[ladder]``, ``("ladder", "daily_budget")`` for its key. Lines
    inside multi-line strings are skipped; a key of an inline table is not found (its
    table's line is used)."""
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    in_string: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        if in_string:
            if raw.count(in_string) % 2:
                in_string = None
            continue
        header = _HEADER.match(raw)
        if header:
            table = _parts(header[1])
            for depth in range(1, len(table) + 1):
                lines.setdefault(table[:depth], number)
            continue
        key = _KEY.match(raw)
        if key:
            path = table + _parts(key[1])
            for depth in range(len(table) + 1, len(path) + 1):
                lines.setdefault(path[:depth], number)
            rest = raw[key.end():]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2:
                    in_string = quote
    return lines


# --- the check ------------------------------------------------------------------------------


def _did_you_mean(word: str, known: Iterable[str], shown: str = "{}") -> str:
    import difflib  # here: only a file with an unknown name needs it

    close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean {shown.format(close[0])}?)" if close else ""


def check(data: dict[str, Any], sections: dict[str, Section], text: str = "",
          only: Iterable[str] | None = None) -> list[Problem]:
    """The problems of the user's settings ``data`` (the TOML as read, before defaults),
    against the declared ``sections``; ``text`` gives the line numbers. ``only``: check just
    these sections (the core's, before the plugins are known)."""
    lines = key_lines(text)
    wanted = set(only) if only is not None else None
    problems: list[Problem] = []
    tops = {name.split(".")[0] for name in sections}
    for name, value in data.items():
        if wanted is not None and name not in wanted:
            continue
        if name not in tops:
            if wanted is None:
                problems.append(Problem(
                    "warning",
                    f"unknown section [{name}]{_did_you_mean(name, tops, '[{}]')}: ignored "
                    "(no plugin reads it)",
                    lines.get((name,)), name))
            continue
        problems += _check_table((name,), value, sections, lines)
    return problems


def _check_table(path: tuple[str, ...], value: Any, sections: dict[str, Section],
                 lines: dict[tuple[str, ...], int]) -> list[Problem]:
    name = ".".join(path)
    if not isinstance(value, dict):
        return [Problem("error", f"[{name}] must be a table of settings", lines.get(path), name)]
    section = sections.get(name)
    settings = {s.key: s for s in section.settings} if section else {}
    subtables = {n.split(".")[len(path)] for n in sections
                 if n.startswith(name + ".") and len(n.split(".")) > len(path)}
    problems: list[Problem] = []
    for key, item in value.items():
        where = lines.get((*path, key)) or lines.get(path)
        if key in settings:
            setting = settings[key]
            if not setting.accepts(item):
                problems.append(Problem(
                    "error", f"[{name}] {key} must be {setting.describe()} (got {_shown(item)})",
                    where, name, key))
        elif key in subtables:
            problems += _check_table((*path, key), item, sections, lines)
        elif section is None or not section.open:
            known = set(settings) | subtables
            problems.append(Problem(
                "warning", f"unknown key {key} in [{name}]{_did_you_mean(key, known)}: ignored",
                where, name, key))
    return problems


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)


def defaults_of(sections: Iterable[Section]) -> dict[str, Any]:
    """``{section: {key: default}}`` for sections without dots (the merged config's base)."""
    return {s.name: s.defaults() for s in sections if "." not in s.name and s.defaults()}
