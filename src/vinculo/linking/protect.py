"""Where a link must never be written, and the text with those places blanked out.

Block structure (fenced and indented code, HTML blocks, tables) comes from markdown-it-py, the
CommonMark parser, because only a parser knows that four spaces under a list item are a
continuation and not code. Inline spans (code, links, embeds, URLs, e-mail addresses, HTML
tags, ``%%comments%%``, tags, block ids) come from a small scanner. Protected text is replaced
by spaces of the same length, so every offset found in the blanked text is an offset into
``Note.text`` (the trick of AlexW00/obsidian-note-linker).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt

Span = tuple[int, int]

# Block parsing only: inline rules are ours (the core "inline" rule is switched off).
_MD = MarkdownIt("commonmark", {"html": True}).enable("table").disable("inline")

# A note needs the block parser only if some line could open code (indented text, a fence) or
# HTML, or is a table's delimiter row (| --- | :-: |): a table has one, and a line with a
# pipe — an aliased [[link|text]] — is not a table without it.
_NEEDS_BLOCKS = re.compile(
    r"^(?:(?: {4}|\t)[ \t]*\S|[ >]*(?:`{3,}|~{3,}|<)|[ \t>]*(?=[^\n]*\|)(?=[^\n]*-)[|: \t-]+\r?$)",
    re.MULTILINE,
)

_COMMENT = re.compile(r"%%.*?(?:%%|\Z)|<!--.*?(?:-->|\Z)", re.DOTALL)
# Spans that hide every name inside them, links included.
_OPAQUE_INLINE = re.compile(
    r"(?P<code>(?<!`)(`+)(?!`).+?(?<!`)\2(?!`))"
    r"|(?P<html><([A-Za-z][\w-]*)\b[^<>\n]{0,500}>[^\n]{0,500}?</\4\s*>)"
    r"|(?P<tag></?[A-Za-z!][^<>\n]*>)"
)
# Spans that are links or addresses: protected, but a wikilink in them is a real link. Each
# pattern runs only when its trigger is in the text: most notes have no URL, no e-mail address.
_LINKISH: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    (("[",), re.compile(
        r"!?\[\[[^\[\]\n]*\]\]"
        r"|!?\[[^\[\]\n]*\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)"
        r"|\[[^\[\]\n]*\]\[[^\[\]\n]*\]"
    )),
    (("://", "www.", "mailto:"), re.compile(
        r"\b(?:[a-zA-Z][a-zA-Z0-9+.-]{1,20}://|www\.|mailto:)[^\s<>\[\]\"'`]+"
    )),
    (("@",), re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    (("#",), re.compile(r"(?<![^\s(\[>,;])#[^\s#,.;:!?()\[\]{}\"'`|<>*]+")),
    (("^",), re.compile(r"(?<=\s)\^[A-Za-z0-9-]+[ \t]*$", re.MULTILINE)),
)


@dataclass(frozen=True)
class Layout:
    """What the linker needs to know about one note's text.

    ``opaque`` hides frontmatter, code, HTML and comments; ``blanked`` also hides links, URLs,
    e-mail addresses, tags and block ids. ``table_lines`` are the 0-based lines of table rows.
    """

    opaque: str
    blanked: str
    line_starts: tuple[int, ...]
    table_lines: frozenset[int]
    protected: tuple[Span, ...]

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return bisect_right(self.line_starts, offset)


def blank(text: str, spans: list[Span]) -> str:
    """``text`` with every span replaced by spaces (newlines kept, so lines stay lines)."""
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for start, end in sorted(spans):
        start = max(start, last)
        if end <= start:
            continue
        parts.append(text[last:start])
        chunk = text[start:end]
        parts.append(re.sub(r"[^\r\n]", " ", chunk) if "\n" in chunk else " " * len(chunk))
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return tuple(starts)


def _block_spans(
    text: str, body_start: int, starts: tuple[int, ...]
) -> tuple[list[Span], set[int]]:
    """Code and HTML blocks as char spans, and the lines of table rows, from markdown-it."""
    body = text[body_start:]
    if not _NEEDS_BLOCKS.search(body):
        return [], set()
    first_line = bisect_right(starts, body_start) - 1
    spans: list[Span] = []
    tables: set[int] = set()

    def span_of(lines: list[int]) -> Span:
        begin = first_line + lines[0]
        end = first_line + lines[1]
        return starts[begin], starts[end] if end < len(starts) else len(text)

    for token in _MD.parse(body):
        if token.map is None:
            continue
        if token.type in ("fence", "code_block", "html_block"):
            spans.append(span_of(token.map))
        elif token.type == "tr_open":
            tables.update(range(first_line + token.map[0], first_line + token.map[1]))
    return spans, tables


def _regex_spans(pattern: re.Pattern[str], text: str, start: int) -> list[Span]:
    return [m.span() for m in pattern.finditer(text, start)]


MANAGED = ("<!-- vinculo:start -->", "<!-- vinculo:end -->")


def _managed_spans(text: str, markers: tuple[str, str]) -> list[Span]:
    """vinculo's own managed blocks: generated text is neither a mention nor linked."""
    spans = []
    start = text.find(markers[0])
    while start != -1:
        end = text.find(markers[1], start)
        end = len(text) if end == -1 else end + len(markers[1])
        spans.append((start, end))
        start = text.find(markers[0], end)
    return spans


def managed_markers(config: Any) -> tuple[str, str]:
    """The managed-block markers of a vault's configuration."""
    return (
        str(config.get("block.start", MANAGED[0]) or MANAGED[0]),
        str(config.get("block.end", MANAGED[1]) or MANAGED[1]),
    )


def analyse(text: str, body_start: int, managed: tuple[str, str] = MANAGED) -> Layout:
    """The layout of one note's text; frontmatter is everything before ``body_start``;
    ``managed`` are the markers of vinculo's own block (generated text, never linked)."""
    return _analyse(text, body_start, managed)


@lru_cache(maxsize=64)
def _analyse(text: str, body_start: int, managed: tuple[str, str]) -> Layout:
    starts = _line_starts(text)
    # vinculo's own block is opaque whatever it holds, so the block parser never reads it
    # (a dashboard is one long block: parsing it would be most of the work).
    own = _managed_spans(text, managed) if managed[0] in text else []
    blocks, tables = _block_spans(blank(text, own) if own else text, body_start, starts)
    opaque_spans: list[Span] = [(0, body_start), *blocks, *own]
    work = blank(text, opaque_spans)
    if "%%" in work or "<!--" in work:
        comments = _regex_spans(_COMMENT, work, body_start)
        opaque_spans += comments
        work = blank(work, comments)
    if "`" in work or "<" in work:
        inline = _regex_spans(_OPAQUE_INLINE, work, body_start)
        opaque_spans += inline
        work = blank(work, inline)
    opaque = work
    links = [
        span
        for triggers, pattern in _LINKISH
        if any(t in work for t in triggers)
        for span in _regex_spans(pattern, work, body_start)
    ]
    blanked = blank(work, links)
    protected = tuple(sorted(s for s in [*opaque_spans, *links] if s[1] > s[0]))
    return Layout(opaque, blanked, starts, frozenset(tables), protected)
