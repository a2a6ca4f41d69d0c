"""The common frontmatter, read without building a YAML parser for it.

Most notes' frontmatter is a handful of ``key: value`` lines: ``date: 2026-03-12``,
``type: person``, ``tags: [daily, work]``. Reading those through PyYAML costs more than
reading the file; :func:`read_simple` reads exactly that subset itself and answers ``None``
for anything else (quotes, nesting, block lists, comments, anchors, multi-line values,
numbers other than plain integers, times, a key written twice…), which then goes through
PyYAML as before.

Where it answers, it answers what PyYAML's safe loader would: scalars are typed with PyYAML's
own implicit-resolver table (so ``yes`` is ``True``, ``~`` is ``None``, ``2026-03-12`` is a
date, ``10:30`` is *not* a string) and any type it does not construct itself is left to
PyYAML. ``tests/test_simple_yaml.py`` checks the equivalence on generated frontmatter.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_LINE = re.compile(r"(?P<key>[^\W\d](?:[\w -]*\w)?):(?: +(?P<value>.*))?")
# Characters that start something other than a plain scalar, or may end one, or that this
# reader does not handle (comments, mapping values, times, escapes): the note goes to PyYAML.
_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@`= \t<.~+")
_PLAIN_FORBIDDEN = re.compile(r"[#:\t\\]")
_FLOW_FORBIDDEN = re.compile(r"[#:\t\\\[\]{},]")
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029\ufeff]")  # line breaks to YAML 1.1, a BOM
_INT = re.compile(r"0|[1-9][0-9]*")
_DOUBLE = re.compile(r'"([^"\\]*)"')
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_FLOW_ITEM = re.compile(r""" *(?P<item>"[^"\\]*"|'(?:[^']|'')*'|[^,"'\[\]{}#:]+?) *(?:,|$)""")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_STR, _NULL, _BOOL, _INT_TAG, _TIMESTAMP = (
    "tag:yaml.org,2002:" + t for t in ("str", "null", "bool", "int", "timestamp"))

# PyYAML's own tables (yaml.resolver.Resolver's implicit resolvers in the order it adds them,
# SafeConstructor.bool_values, Reader.NON_PRINTABLE; PyYAML is MIT-licensed), copied here:
# importing yaml for them cost a changed note's sync about 10 ms (the whole package loads).
# tests/test_simple_yaml.py checks they are still PyYAML's.
_IMPLICIT = (
    (_BOOL, r'''^(?:yes|Yes|YES|no|No|NO
                    |true|True|TRUE|false|False|FALSE
                    |on|On|ON|off|Off|OFF)$''', re.X, "yYnNtTfFoO"),
    ("tag:yaml.org,2002:float", r'''^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
                    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
                    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
                    |[-+]?\.(?:inf|Inf|INF)
                    |\.(?:nan|NaN|NAN))$''', re.X, "-+0123456789."),
    (_INT_TAG, r'''^(?:[-+]?0b[0-1_]+
                    |[-+]?0[0-7_]+
                    |[-+]?(?:0|[1-9][0-9_]*)
                    |[-+]?0x[0-9a-fA-F_]+
                    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$''', re.X, "-+0123456789"),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", 0, "<"),
    (_NULL, r'''^(?: ~
                    |null|Null|NULL
                    | )$''', re.X, ["~", "n", "N", ""]),
    (_TIMESTAMP, r'''^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
                    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
                     (?:[Tt]|[ \t]+)[0-9][0-9]?
                     :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
                     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$''', re.X, "0123456789"),
    ("tag:yaml.org,2002:value", r"^(?:=)$", 0, "="),
    ("tag:yaml.org,2002:yaml", r"^(?:!|&|\*)$", 0, "!&*"),
)
_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = {}  # compiled on first use


def _resolvers(first: str) -> list[tuple[str, re.Pattern[str]]]:
    """The implicit resolvers of a plain scalar starting with ``first``, in PyYAML's order
    (compiled when first asked: the verbose ones cost milliseconds each)."""
    found = _RESOLVERS.get(first)
    if found is None:
        found = _RESOLVERS[first] = [(tag, re.compile(source, flags))
                                     for tag, source, flags, chars in _IMPLICIT
                                     if first in tuple(chars)]
    return found


_BOOLS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}
_NON_PRINTABLE_SOURCE = (  # PyYAML's, as it writes it
    "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]")
# The same characters written as the ranges outside those: the same matches, compiled in a
# tenth of the time (the negated class cost a changed note's sync 5 ms of compiling).
_NON_PRINTABLE = re.compile(
    "[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]")

_UNHANDLED = object()


def _tag(value: str) -> str:
    """The tag PyYAML's resolver gives a plain scalar."""
    if _DATE.fullmatch(value):
        return _TIMESTAMP  # the common case, told without the resolvers: no float, no int
    for tag, pattern in _resolvers(value[:1]):
        if pattern.match(value):
            return tag
    return _STR


def _scalar(value: str, forbidden: re.Pattern[str]) -> Any:
    """A plain scalar's value, or ``_UNHANDLED``."""
    if not value:
        return None
    if value[0] in _PLAIN_START or forbidden.search(value):
        return _UNHANDLED
    tag = _tag(value)
    if tag == _STR:
        return value
    if tag == _BOOL:
        return _BOOLS[value.lower()]
    if tag == _NULL:
        return None
    if tag == _INT_TAG and _INT.fullmatch(value):
        return int(value)
    if tag == _TIMESTAMP and (date := _DATE.fullmatch(value)):
        try:
            return dt.date(int(date[1]), int(date[2]), int(date[3]))
        except ValueError:
            return _UNHANDLED  # PyYAML reports the impossible date
    return _UNHANDLED


def _quoted(text: str) -> Any:
    """A quoted scalar's string (always a string: quotes turn resolution off), or
    ``_UNHANDLED`` (escapes, and anything after the closing quote, are PyYAML's)."""
    if text[0] == '"':
        match = _DOUBLE.fullmatch(text)
        return match[1] if match else _UNHANDLED
    match = _SINGLE.fullmatch(text)
    return match[1].replace("''", "'") if match else _UNHANDLED


def _item(text: str, forbidden: re.Pattern[str]) -> Any:
    if text[:1] in ('"', "'"):
        return _quoted(text)
    return _scalar(text, forbidden)


def _flow_list(inner: str) -> Any:
    """``a, "b, c", 'd'`` as a list, or ``_UNHANDLED``."""
    inner = inner.strip(" ")
    if not inner:
        return []
    if inner.endswith(","):
        return _UNHANDLED  # "[a,]" is PyYAML's to judge
    items: list[Any] = []
    pos = 0
    while pos < len(inner):
        match = _FLOW_ITEM.match(inner, pos)
        if match is None:
            return _UNHANDLED
        item = _item(match["item"], _FLOW_FORBIDDEN)
        if item is _UNHANDLED or item is None:
            return _UNHANDLED
        items.append(item)
        pos = match.end()
    return items


def _value(text: str | None) -> Any:
    if text is None:
        return None
    text = text.rstrip(" ")
    if text.startswith("[") and text.endswith("]"):
        return _flow_list(text[1:-1])
    if not text:
        return None
    return _item(text, _PLAIN_FORBIDDEN)


def read_simple(yaml_text: str) -> dict[str, Any] | None:
    """The frontmatter as PyYAML's safe loader reads it, when it is made of simple
    ``key: value`` lines only; else None."""
    if _OTHER_BREAKS.search(yaml_text) or _NON_PRINTABLE.search(yaml_text):
        return None
    data: dict[str, Any] = {}
    for line in yaml_text.split("\n"):
        if not line.strip(" "):
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            return None
        key = match["key"]
        if key in data or _tag(key) != _STR or len(key) > 128:
            return None  # repeated, read by PyYAML as a bool or a null, or past its key limit
        value = _value(match["value"])
        if value is _UNHANDLED:
            return None
        data[key] = value
    return data


def simple_spans(yaml_text: str) -> dict[str, tuple[int, int]] | None:
    """Where each top-level ``key: value`` pair starts and ends in ``yaml_text`` (the key's
    first character, the value's last), when :func:`read_simple` reads it and no line ends
    in a space; else None (PyYAML's composer then says). The same spans PyYAML's nodes give,
    without building them: editing a property of a simple note is a line's splice."""
    if read_simple(yaml_text) is None:
        return None
    spans: dict[str, tuple[int, int]] = {}
    pos = 0
    for line in yaml_text.split("\n"):
        if line.strip(" "):
            if line.endswith(" "):
                return None
            spans[line[: line.index(":")].rstrip(" ")] = (pos, pos + len(line))
        pos += len(line) + 1
    return spans
