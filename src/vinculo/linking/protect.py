"""Where a link must never be written, and the text with those places blanked out.

Block structure (fenced and indented code, HTML blocks, tables) comes from markdown-it-py, the
CommonMark parser, because only a parser knows that four spaces under a list item are a
continuation and not code. It stays cheap: the body is cut where CommonMark closes every block,
chunks that cannot hold code, HTML or a table are skipped, and the commonest shapes (indented
code after prose, a top-level fence, a table alone) are read without a parse of the note, with
the very blocks markdown-it finds. Inline spans (code, links, embeds, URLs, e-mail addresses, HTML
tags, ``%%comments%%``, tags, block ids) come from a small scanner. Protected text is replaced
by spaces of the same length, so every offset found in the blanked text is an offset into
``Note.text`` (the trick of AlexW00/obsidian-note-linker).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache
from itertools import accumulate
from typing import Any

Span = tuple[int, int]


@lru_cache(maxsize=1)
def _markdown() -> Any:
    """The block parser (inline rules are ours: markdown-it's "inline" rule is off), built on
    first use: most notes never need it, and importing it is a noticeable part of a short
    run's start."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table").disable("inline")


def load_block_parser() -> None:
    """Build the block parser now rather than on the first note that needs it: a worker
    does it while it waits for the contacts (see :func:`vinculo.pipeline.build_index`)."""
    _markdown()


# A note needs the block parser only if some line could open code (indented text, a fence) or
# HTML, or is a table's delimiter row (| --- | :-: |): a table has one, and a line with a
# pipe — an aliased [[link|text]] — is not a table without it.
# It is searched in "\n" + body, each line's "\n" before it: re then jumps from one line
# break to the next instead of trying every character.
_NEEDS_BLOCKS = re.compile(
    r"\n(?:(?: {4}|\t)[ \t]*\S|[ >]*(?:`{3,}|~{3,}|<)"
    r"|(?=[ \t>]*[|: \t-]+\r?$)(?=[^\n]*\|)(?=[^\n]*-))",
    re.MULTILINE,
)

# Every pattern below starts with a literal or a character class and checks the character
# before it with a lookbehind placed after that first character ("#(?<![^\s]#)" rather than
# "(?<![^\s])#"): the same matches, but ``re`` can then skip straight to candidate positions
# instead of trying a match at every character of the note.
_COMMENT = re.compile(r"%%.*?(?:%%|\Z)|<!--.*?(?:-->|\Z)", re.DOTALL)
# Spans that hide every name inside them, links included.
_OPAQUE_INLINE = re.compile(
    r"(?P<code>(`)(?<!``)(`*)(?!`).+?(?<!`)\2\3(?!`))"
    r"|(?P<html><([A-Za-z][\w-]*)\b[^<>\n]{0,500}>[^\n]{0,500}?</\5\s*>)"
    r"|(?P<tag></?[A-Za-z!][^<>\n]*>)"
)
# Spans that are links or addresses: protected, but a wikilink in them is a real link. None
# holds a line break. Links (they are in most notes) are blanked as they are found; each
# other pattern runs only when its trigger is in the text: most notes have no URL, no e-mail
# address. Every match holds its trigger, so URLs and e-mail addresses are searched only on
# the lines with a trigger, from at most 21 characters before it (an e-mail address: from the
# line start); their leading class matches most characters.
_TEXT = r"[^\[\]\n]*"
_URL = r"[^()\n]*(?:\([^()\n]*\)[^()\n]*)*"
# [[wikilink]] and [text](url), either as an embed "!..."; [text][ref]. The branches that
# share a start are merged: the same matches, each tried once.
_LINKS = re.compile(
    rf"!\[(?:\[{_TEXT}\]\]|{_TEXT}\]\({_URL}\))"
    rf"|\[(?:\[{_TEXT}\]\]|{_TEXT}\](?:\({_URL}\)|\[{_TEXT}\]))"
)
_LINKS_SPLIT = re.compile(f"({_LINKS.pattern})")  # the same matches, kept by re.split
# Addresses, each kind with the triggers it holds: a URL (its scheme starts at most 21
# characters before its "://"), an e-mail address, a tag, a block id.
_URL_TRIGGERS = ("://", "www.", "mailto:")
_URL_SPANS = re.compile(
    r"[a-zA-Z](?<!\w.)(?:[a-zA-Z0-9+.-]{1,20}://|(?<=w)ww\.|(?<=m)ailto:)[^\s<>\[\]\"'`]+")
_EMAIL_SPANS = re.compile(r"[\w.+-](?<![\w.+-].)[\w.+-]*@[\w-]+(?:\.[\w-]+)+")
_TAG_SPANS = re.compile(r"#(?<![^\s(\[>,;]#)[^\s#,.;:!?()\[\]{}\"'`|<>*]+")
_BLOCK_ID_SPANS = re.compile(r"\^(?<=\s\^)[A-Za-z0-9-]+[ \t]*$", re.MULTILINE)


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
    spans: list[Span] = field(repr=False, compare=False)  # every protected span, unsorted

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return bisect_right(self.line_starts, offset)

    @cached_property
    def protected(self) -> tuple[Span, ...]:
        """The protected spans in text order (sorted on first use: linking never needs it)."""
        return tuple(sorted(s for s in self.spans if s[1] > s[0]))


_NOT_LINE_BREAK = re.compile(r"[^\r\n]")
_LONE_CR = re.compile(r"\r(?!\n)")


def _spaces(chunk: str) -> str:
    """Spaces as long as ``chunk``; its line breaks kept when it spans lines."""
    if "\n" not in chunk:
        return " " * len(chunk)
    if "\r" in chunk:
        return _NOT_LINE_BREAK.sub(" ", chunk)
    return "\n".join([" " * len(line) for line in chunk.split("\n")])


def blank(text: str, spans: list[Span]) -> str:
    """``text`` with every span replaced by spaces (newlines kept, so lines stay lines)."""
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    find = text.find
    for start, end in sorted(spans):
        if start < last:
            start = last
        if end <= start:
            continue
        parts.append(text[last:start])
        # Most spans (links, tags) sit within a line: spaces at once, no slice to look at.
        parts.append(" " * (end - start) if find("\n", start, end) == -1
                     else _spaces(text[start:end]))
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
    """Code and HTML blocks as char spans, and the lines of table rows, as markdown-it finds
    them in the body.

    The body is cut into chunks at points where CommonMark closes every block (see
    :func:`_chunks`); a chunk that cannot hold code, HTML or a table is skipped, indented code
    and top-level fences are read directly, and only the rest goes through markdown-it:
    parsing a chunk alone gives the same blocks as parsing the whole body.
    """
    # _NEEDS_BLOCKS wants each line's "\n" before it: the body's is usually in the text.
    if body_start and text[body_start - 1] == "\n":
        needs = _NEEDS_BLOCKS.search(text, body_start - 1)
    else:
        needs = _NEEDS_BLOCKS.search("\n" + text[body_start:])
    if not needs:
        return [], set()
    body = text[body_start:]
    first_line = bisect_right(starts, body_start) - 1
    spans: list[Span] = []
    tables: set[int] = set()
    size = len(starts)

    def span_of(begin: int, end: int) -> Span:
        begin += first_line
        end += first_line
        return starts[begin], starts[end] if end < size else len(text)

    def parse(chunk: str, offset: int) -> None:
        for token in _markdown().parse(chunk):
            if token.map is None:
                continue
            if token.type in ("fence", "code_block", "html_block"):
                spans.append(span_of(offset + token.map[0], offset + token.map[1]))
            elif token.type == "tr_open":
                tables.update(range(first_line + offset + token.map[0],
                                    first_line + offset + token.map[1]))

    if "\r" in body:  # markdown-it counts a lone "\r" as a line break: the whole body, as is
        parse(body, 0)
        return spans, tables
    lines = body.split("\n")
    may_open = "<" in body or "```" in body or "~~~" in body
    for begin, end, fenced in _chunks(lines, may_open):
        if fenced:
            spans.append(span_of(begin, end))
            continue
        chunk = "\n".join(lines[begin:end])
        if end < len(lines):
            chunk += "\n"
        tab = "\t" in chunk
        special = _OPENS_OR_DELIMITER.search("\n" + chunk) is not None
        if not (tab or special or "    " in chunk):
            continue  # prose, headings, lists, quotes: nothing to protect
        # Only prose and indented code: read directly.
        code = None if tab or special else _indented_code(lines, begin, end)
        if code is not None:
            spans.extend(span_of(b, e) for b, e in code)
            continue
        rows = _table_rows(lines, begin, end, chunk)
        if rows is not None:
            tables.update(first_line + begin + row for row in rows)
            continue
        parse(chunk, begin)
    return spans, tables


# Chunks of a body (no "\r") and what markdown-it's block rules need to see in them. HTML
# blocks and fences open only at the start of a line, after the markers of the lists and
# quotes around them; a table needs a delimiter row (markdown-it's test: "|", "-" or ":",
# then one of them or, after "|" or ":", a space, then only those and spaces), after any
# indentation and quote markers; indented code needs a tab or four spaces.
_OPENS = r"[ \t>*+.)0-9-]*(?:<|```|~~~)"
_DELIMITER_ROW = r"[ \t>]*(?:[|:][|: \t-]|-[|:-])[|: \t-]*"
# Searched in "\n" + chunk (each line's "\n" before it, so re jumps from line to line).
_OPENS_OR_DELIMITER = re.compile(rf"\n(?:{_OPENS}|{_DELIMITER_ROW}$)", re.MULTILINE)
# A line that may open a block running on across empty lines (a fence, an HTML block).
_OPENS_LONG = re.compile(_OPENS)
# A line that may open a fence: up to three spaces, then three backticks or tildes.
_FENCE_OPEN = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_DELIMITER_LIKE = re.compile(_DELIMITER_ROW)
# First characters that may continue a list or a quote, or start a list item.
_CONTAINER_START = frozenset(" \t>-+*0123456789")


def _blank_line(line: str) -> bool:
    """Empty or only spaces and tabs: what markdown-it counts as an empty line."""
    return not line.strip(" \t")


def _chunks(lines: list[str], may_open: bool = True) -> list[tuple[int, int, bool]]:
    """The body's lines cut into ``(begin, end, fenced)`` ranges that markdown-it parses the
    same alone as within the body; ``fenced`` ranges are a top-level fenced code block.

    A range ends where every block is closed and nothing that follows depends on what came
    before: after a top-level fence's closing line, or before a line that follows an empty
    line, starts at the margin and cannot continue a list or a quote — an empty line ends
    paragraphs, tables, HTML blocks of kinds 6 and 7 and quotes, and a line at the margin ends
    indented code and list items. Only fences and HTML blocks of kinds 1–5 run on across
    empty lines: a fence is followed when it opens at such a point (it is then at the top
    level), and any other line that may open one (``_OPENS_LONG``) leaves the rest of the
    body as one range. ``may_open`` is False when the body has no "<", "```" or "~~~".
    """
    count = len(lines)
    # markdown-it's last line: a final line of only spaces and tabs (or the empty string
    # after a final "\n") is not a line to it, which matters to an unclosed fence.
    line_max = count - 1 if _blank_line(lines[-1]) else count
    out: list[tuple[int, int, bool]] = []
    begin = 0
    clean = True  # line i starts a top-level block with nothing open before it
    prev_blank = False
    i = 0
    while i < count:
        line = lines[i]
        if not clean and prev_blank and line and line[0] not in _CONTAINER_START:
            clean = True
            if begin < i:
                out.append((begin, i, False))
            begin = i
        if clean and may_open:
            fence = _FENCE_OPEN.fullmatch(line)
            if fence is not None and not (fence.group(1)[0] == "`" and "`" in fence.group(2)) \
                    and not (i + 1 < count and _DELIMITER_LIKE.fullmatch(lines[i + 1])):
                # The table rule comes first in markdown-it, hence the delimiter-row check.
                if begin < i:
                    out.append((begin, i, False))
                end = _fence_end(lines, i, fence.group(1), line_max)
                out.append((i, end, True))
                begin = i = end
                prev_blank = False
                continue  # clean stays True: the line after a closing fence starts afresh
        if may_open and _OPENS_LONG.match(line):
            out.append((begin, count, False))  # may open a block that spans empty lines
            return out
        prev_blank = not line.strip(" \t")
        clean = False
        i += 1
    if begin < count:
        out.append((begin, count, False))
    return out


def _fence_end(lines: list[str], opening: int, marker: str, line_max: int) -> int:
    """The line after the fence opened at ``opening`` closes (markdown-it's rule: up to
    three spaces, at least as many of the same marker, then only spaces and tabs), or
    ``line_max`` when it never does."""
    char = marker[0]
    for i in range(opening + 1, line_max):
        line = lines[i]
        stripped = line.lstrip(" ")
        if len(line) - len(stripped) > 3 or not stripped.startswith(marker):
            continue
        if not stripped.rstrip(" \t").strip(char):
            return i + 1
    return line_max


# A chunk that is a table and nothing else: a line that starts with "|", a delimiter row of
# "|", ":", "-" and spaces, more lines that start with "|", then empty lines.
_PLAIN_DELIMITER = re.compile(r" *(?:[|:][|: -]|-[|:-])[|: -]*")
# What markdown-it reads in such a chunk is where the "|", "\\", ":", "-" and whitespace are:
# any other run of characters can stand for any other, so tables of one shape parse alike.
_CELL_TEXT = re.compile(r"[^|\\\s:-]+")
_TABLE_SHAPES: dict[str, tuple[int, ...]] = {}


def _table_rows(lines: list[str], begin: int, end: int, chunk: str) -> tuple[int, ...] | None:
    """The table-row lines (from ``begin``) of a chunk that is a table and nothing else, as
    markdown-it finds them in a chunk of the same shape (parsed once per shape); None for any
    other chunk. Every line but the delimiter row starts with "|", so no rule but the table
    and the paragraph ones can start on it, and those read only the characters kept."""
    if end - begin < 2 or not lines[begin].startswith("|") \
            or not _PLAIN_DELIMITER.fullmatch(lines[begin + 1]):
        return None
    row = begin + 2
    while row < end and lines[row].startswith("|"):
        row += 1
    if any(not _blank_line(line) for line in lines[row:end]) or len(chunk) > 4000:
        return None
    shape = _CELL_TEXT.sub("x", chunk)
    rows = _TABLE_SHAPES.get(shape)
    if rows is None:
        rows = tuple(
            line
            for token in _markdown().parse(shape)
            if token.type == "tr_open" and token.map is not None
            for line in range(token.map[0], token.map[1])
        )
        if len(_TABLE_SHAPES) >= 4096:
            _TABLE_SHAPES.clear()
        _TABLE_SHAPES[shape] = rows
    return rows


def _indented_code(lines: list[str], begin: int, end: int) -> list[tuple[int, int]] | None:
    """Indented code blocks of a chunk made only of prose lines (at the margin, not list or
    quote markers), empty lines and lines indented by four spaces or more, as ``(first,
    after)`` line ranges; None for any other chunk. The chunk starts a top-level block and
    holds no tab, nor any line ``_OPENS_OR_DELIMITER`` finds."""
    out: list[tuple[int, int]] = []
    prev_blank = True  # the chunk starts afresh: indented code may open at once
    i = begin
    while i < end:
        line = lines[i]
        if _blank_line(line):
            prev_blank = True
            i += 1
        elif line.startswith("    ") and prev_blank:
            last = j = i + 1
            while j < end:
                if _blank_line(lines[j]):
                    j += 1
                elif lines[j].startswith("    "):
                    j += 1
                    last = j
                else:
                    break
            out.append((i, last))
            i = last
            prev_blank = False
        elif line[0] not in _CONTAINER_START:
            prev_blank = False
            i += 1
        else:
            return None  # indented text after prose, a list, a quote: markdown-it decides
    return out


def _spans_on_lines(
    pattern: re.Pattern[str], text: str, start: int, triggers: tuple[str, ...], reach: int
) -> list[Span]:
    """``pattern``'s spans in ``text`` from ``start``, searched only on the lines that hold
    a trigger, from ``reach`` characters before the first (-1: the line start): the same
    spans when no match crosses a line break, each holds a trigger and starts at most
    ``reach`` characters before it."""
    spans: list[Span] = []
    find = text.find
    size = len(text)
    # Where each trigger next stands: searched again only once the lines read pass it, and
    # dropped when the rest of the note holds none, so a note is read once per trigger (a
    # trigger it lacks, "mailto:" in a note of links, was read to the end on every line).
    ahead = {t: i for t in triggers if (i := find(t, start)) != -1}
    pos = start
    while ahead:
        hit = min(ahead.values())
        begin = max(pos, text.rfind("\n", 0, hit) + 1, hit - reach if reach >= 0 else 0)
        end = find("\n", hit)
        if end == -1:
            end = size
        spans += [m.span() for m in pattern.finditer(text, begin, end)]
        pos = end + 1
        for trigger, at in list(ahead.items()):
            if at < pos:
                at = find(trigger, pos)
                if at == -1:
                    del ahead[trigger]
                else:
                    ahead[trigger] = at
    return spans


def _blank_links(text: str, spans: list[Span]) -> str:
    """``text`` with its links blanked, their spans added to ``spans``: one split at the
    links (the text between them, then each link, in turn), all the rest C-level."""
    pieces = _LINKS_SPLIT.split(text)
    if len(pieces) == 1:
        return text
    ends = list(accumulate(map(len, pieces)))
    spans += zip(ends[0:-1:2], ends[1::2], strict=True)  # link k is piece 2k + 1
    pieces[1::2] = [" " * len(link) for link in pieces[1::2]]
    return "".join(pieces)


def _regex_spans(pattern: re.Pattern[str], text: str, start: int) -> list[Span]:
    return [m.span() for m in pattern.finditer(text, start)]


MANAGED = ("<!-- vinculo:start -->", "<!-- vinculo:end -->")

# Math, as Obsidian (MathJax) reads it: "$$…$$" across lines, "$…$" within a line with no
# space inside either dollar and no digit right after the closing one ("$5 and $10" is money).
_MATH = re.compile(r"\$\$.+?(?:\$\$|\Z)|\$(?![\s$])(?:[^$\n\\]|\\.)+?(?<=\S)\$(?!\d)", re.DOTALL)
# Dataview inline-field keys: "Key:: value" opening a line (after list or quote markers), or
# "[Key:: value]" / "(Key:: value)" in running text. Only the key is protected.
_FIELD_KEY = re.compile(
    r"^(?:[ \t]*(?:[-*+]|\d+[.)]|>)[ \t]+)*(?:\[[ xX]\][ \t]+)?\**([^\n:\[\]()`*]{1,80}?)\**::"
    r"|[\[(]([^\n:\[\]()]{1,80}?)::", re.MULTILINE)
# ATX headings: "## White Lady Inn" (a heading is a link target: "[[Easthaven#White Lady Inn]]").
_HEADING = re.compile(r"^(?:[ \t]*>)*[ \t]{0,3}#{1,6}(?:[ \t][^\n]*)?$", re.MULTILINE)


# An unfenced Mermaid diagram (pasted highlights keep them as text): from the line naming
# its kind to the next empty line or list item; its example names are no one's.
_DIAGRAM = re.compile(
    r"^[ \t>*+-]*(?:sequenceDiagram|flowchart|graph[ \t]+(?:TD|TB|BT|RL|LR)|classDiagram"
    r"|stateDiagram(?:-v2)?|erDiagram|gantt|journey|gitGraph|mindmap)[ \t]*$"
    r"(?:\n(?![ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|$))[^\n]*)*", re.MULTILINE)


def _heading_spans(text: str, start: int) -> list[Span]:
    """The lines of ATX headings (``_HEADING``'s matches), found from each "#" rather than
    tried at every line start: most "#" in a note are tags in running text."""
    spans: list[Span] = []
    size = len(text)
    find = text.find
    pos = find("#", start)
    while pos != -1:
        line_start = text.rfind("\n", 0, pos) + 1
        if pos == line_start or not text[line_start:pos].strip(" \t>"):
            end = pos
            while end < size and text[end] == "#":
                end += 1
            if end - pos <= 6 and (end == size or text[end] in " \t\r\n"):
                line_end = find("\n", pos)
                line_end = size if line_end == -1 else line_end
                match = _HEADING.match(text, line_start, line_end)
                if match:
                    spans.append(match.span())
                pos = find("#", line_end)
                continue
        pos = find("#", pos + 1)
    return spans


def _field_key_spans(text: str, start: int) -> list[Span]:
    spans = []
    for match in _FIELD_KEY.finditer(text, start):
        group = 1 if match.group(1) is not None else 2
        spans.append(match.span(group))
    return spans


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


def analyse(text: str, body_start: int, managed: tuple[str, str] = MANAGED,
            headings: bool = False) -> Layout:
    """The layout of one note's text; frontmatter is everything before ``body_start``;
    ``managed`` are the markers of vinculo's own block (generated text, never linked);
    ``headings`` leaves headings open to linking (they are protected by default)."""
    return _analyse(text, body_start, managed, headings)


@lru_cache(maxsize=64)
def _analyse(text: str, body_start: int, managed: tuple[str, str],
             headings: bool = False) -> Layout:
    starts = _line_starts(text)
    # vinculo's own block is opaque whatever it holds, so the block parser never reads it
    # (a dashboard is one long block: parsing it would be most of the work).
    own = _managed_spans(text, managed) if managed[0] in text else []
    layout_text = blank(text, own) if own else text
    if "\r" in layout_text:
        # A lone carriage return is a line break to markdown-it, not to our line table: read
        # as a space (the same length), the block parser counts the lines we count.
        layout_text = _LONE_CR.sub(" ", layout_text)
    blocks, tables = _block_spans(layout_text, body_start, starts)
    opaque_spans: list[Span] = [(0, body_start), *blocks, *own]
    if blocks or own:
        work = blank(text, opaque_spans)
    else:  # the common case: only the frontmatter
        work = _spaces(text[:body_start]) + text[body_start:] if body_start > 0 else text
    angle = "<" in work  # no "<": no "<!--" either
    if "%%" in work or (angle and "<!--" in work):
        comments = _regex_spans(_COMMENT, work, body_start)
        opaque_spans += comments
        work = blank(work, comments)
        angle = "<" in work
    if angle or "`" in work:
        inline = _regex_spans(_OPAQUE_INLINE, work, body_start)
        opaque_spans += inline
        work = blank(work, inline)
    if "Diagram" in work or "graph" in work or "Graph" in work or "flowchart" in work \
            or "gantt" in work or "journey" in work or "mindmap" in work:
        diagrams = _regex_spans(_DIAGRAM, work, body_start)
        if diagrams:
            opaque_spans += diagrams
            work = blank(work, diagrams)
    if "$" in work:  # math: what is inside is not prose, and a link there shows as brackets
        math = _regex_spans(_MATH, work, body_start)
        if math:
            opaque_spans += math
            work = blank(work, math)
    opaque = work
    # The blanked frontmatter holds no "[": searching the links from the start is searching
    # them from body_start. Blanking span by span or all at once is the same: no link or
    # address holds a line break, so each of their characters becomes a space.
    links: list[Span] = []
    blanked = _blank_links(work, links) if "[" in work else work
    addresses: list[Span] = []
    # Each kind of address when its trigger is in the text (the URLs and e-mail addresses
    # only on the lines that hold one; their leading class matches most characters).
    if "://" in work or "www." in work or "mailto:" in work:
        addresses += _spans_on_lines(_URL_SPANS, work, body_start, _URL_TRIGGERS, 21)
    if "@" in work:
        addresses += _spans_on_lines(_EMAIL_SPANS, work, body_start, ("@",), -1)
    hashes = "#" in work
    if hashes:
        addresses += [m.span() for m in _TAG_SPANS.finditer(work, body_start)]
    if "^" in work:
        addresses += [m.span() for m in _BLOCK_ID_SPANS.finditer(work, body_start)]
    if "::" in work:
        addresses += _field_key_spans(work, body_start)
    if hashes and not headings:
        addresses += _heading_spans(work, body_start)
    if addresses:
        blanked = blank(blanked, addresses)
        links += addresses
    return _layout(opaque, blanked, starts, frozenset(tables), opaque_spans + links)


_NEW = object.__new__


def _layout(opaque: str, blanked: str, line_starts: tuple[int, ...],
            table_lines: frozenset[int], spans: list[Span]) -> Layout:
    """A Layout with its fields set at once, without the frozen dataclass's ``__init__``
    (which sets each field through ``object.__setattr__``): one per note of a run."""
    item = _NEW(Layout)
    item.__dict__.update(opaque=opaque, blanked=blanked, line_starts=line_starts,
                         table_lines=table_lines, spans=spans)
    return item


# _layout sets these fields, checked here so a change to Layout fails loudly.
if tuple(f.name for f in fields(Layout)) != ("opaque", "blanked", "line_starts", "table_lines",
                                            "spans") or hasattr(Layout, "__post_init__"):
    raise ImportError("vinculo.linking.protect builds Layout field by field: update _layout")
