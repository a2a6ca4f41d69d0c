"""The message log of a contact note: one line per day and channel, in a fenced block.

```vinculo-messages
2026-11-20 · WhatsApp · 3 sent, 5 received
    09:14 ← ¿Café el jueves?        (only with --with-text)
```

A fence because imported text must stay inert in the vault (a ``#tag``, a ``[[link]]`` or a
``- [ ]`` in someone's message is not the user's) and because vinculo reads no event from
fenced code: the general sentence reader leaves the log to the ``message_log`` plugin, which
reads each line back as a ``message`` interaction with its direction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from vinculo.dates import coerce_date
from vinculo.model import Direction, Note
from vinculo.writeback.compose.edits import line_ending, replace_spans, to_bytes

FENCE_INFO = "vinculo-messages"
FENCE_OPEN = f"```{FENCE_INFO}"
LOG_HEADING = "## Messages"
# "2026-11-20 · WhatsApp · 3 sent, 5 received"; texts follow, indented, with --with-text.
ENTRY = re.compile(r"^(\d{4}-\d{2}-\d{2}) · (.+) · (\d+) sent, (\d+) received\s*$")
_CLOSE = re.compile(r"^```[ \t]*(?=\r?$)", re.MULTILINE)


@dataclass
class Entry:
    """One line of a message log: what was exchanged with one person on one day, one way."""

    day: dt.date
    label: str  # the channel as shown: "WhatsApp", 'WhatsApp group "Familia"', "e-mail"
    sent: int = 0
    received: int = 0
    texts: list[str] = field(default_factory=list)  # rendered lines, only with --with-text

    @property
    def total(self) -> int:
        return self.sent + self.received

    @property
    def direction(self) -> Direction:
        return direction_of(self.sent, self.received)

    def render(self) -> list[str]:
        return [f"{self.day.isoformat()} · {self.label} · {self.sent} sent, "
                f"{self.received} received", *self.texts]


def direction_of(sent: int, received: int) -> Direction:
    """out when only the user wrote, in when only they did, both otherwise."""
    if sent and not received:
        return "out"
    if received and not sent:
        return "in"
    return "both"


def inert(text: str, limit: int = 500) -> str:
    """A message's text as one line that cannot close the log's fence."""
    one = " ".join(text.split())
    one = one.replace("`", "'")
    return one if len(one) <= limit else one[: limit - 1] + "…"


def text_line(time: str, arrow: str, sender: str, text: str) -> str:
    """One message's text under its log line (``--with-text``), indented and inert:
    "    09:14 ← Ana: ¿Café el jueves?" (``arrow`` → sent, ← received)."""
    who = f"{sender}: " if sender else ""
    return f"    {time + ' ' if time else ''}{arrow} {who}{inert(text)}"


def read_log(text: str) -> tuple[tuple[int, int] | None, list[Entry]]:
    """The span (character offsets, fence lines included) of a note's message log and its
    entries; (None, []) when the note has none."""
    start = _fence_start(text)
    if start < 0:
        return None, []
    close = _CLOSE.search(text, text.find("\n", start) + 1)
    end = close.end() if close else len(text)
    entries: list[Entry] = []
    body = text[text.find("\n", start) + 1 : close.start() if close else len(text)]
    for line in body.splitlines():
        match = ENTRY.match(line)
        if match:
            day = coerce_date(match[1])
            if day is not None:
                entries.append(Entry(day, match[2], int(match[3]), int(match[4])))
        elif entries and line.startswith("    "):
            entries[-1].texts.append(line.rstrip())
    return (start, end), entries


def _fence_start(text: str) -> int:
    for match in re.finditer(rf"^```{re.escape(FENCE_INFO)}[ \t]*\r?$", text, re.MULTILINE):
        return match.start()
    return -1


def merge_entries(old: list[Entry], new: Iterable[Entry]) -> list[Entry]:
    """The log after an import: a day and channel already logged stays as it is unless the
    new file has more messages for it (a later export of the same chat); never two lines
    for one day and channel, so importing a file again adds nothing."""
    merged: dict[tuple[dt.date, str], Entry] = {(e.day, e.label): e for e in old}
    for entry in new:
        key = (entry.day, entry.label)
        known = merged.get(key)
        if known is None or entry.total > known.total or (
                entry.total == known.total and entry.texts and not known.texts):
            merged[key] = entry
    return sorted(merged.values(), key=lambda e: (e.day, e.label))


def render_log(entries: list[Entry], newline: str = "\n") -> str:
    lines = [FENCE_OPEN]
    for entry in entries:
        lines += entry.render()
    lines.append("```")
    return newline.join(lines)


def with_log(note: Note, span: tuple[int, int] | None, entries: list[Entry]) -> bytes:
    """The note's bytes with its message log (at ``span``, as :func:`read_log` found it) set
    to ``entries``: the fence replaced in place, or added at the end under a "Messages"
    heading; nothing else changes (the note's BOM and line endings are kept)."""
    newline = line_ending(note.text)
    block = render_log(entries, newline)
    if span is not None:
        return replace_spans(note, [(span[0], span[1], block)])
    body = note.text.rstrip("\r\n")
    gap = newline * 2 if body else ""
    return to_bytes(note, f"{body}{gap}{LOG_HEADING}{newline}{newline}{block}{newline}")
