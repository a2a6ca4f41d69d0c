"""Messages as history: chats and mail turned into dated ``message`` interactions.

Message importers (WhatsApp, Telegram, mbox, LinkedIn messages) stream their file and hand
every message to a :class:`Tally`: who the other party is, the day, and whether the user sent
or received it. Nothing but counts per party and day is kept (plus the text with
``--with-text``), so memory stays bounded whatever the size of the file.

At the end each party is matched to a contact (phone, e-mail, handle, then name) and every
contact note gets one summary line per day and channel in its **message log**: a fenced block
with the info string ``vinculo-messages``. A fence because imported text must stay inert in the
vault (a ``#tag``, a ``[[link]]`` or a ``- [ ]`` in a message is not the user's) and because
vinculo reads no event from fenced code: the general sentence reader leaves the log to the
``message_log`` plugin, which reads it with its direction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from vinculo.importing.base import Action, ImportContext
from vinculo.importing.names import email_key, name_key, url_key
from vinculo.importing.people import ContactMatcher, PersonRecord, is_empty
from vinculo.model import Contact, Direction

FENCE_INFO = "vinculo-messages"
FENCE_OPEN = f"```{FENCE_INFO}"
LOG_HEADING = "## Messages"
# "2026-11-20 · WhatsApp · 3 sent, 5 received"; texts follow, indented, with --with-text.
ENTRY = re.compile(r"^(\d{4}-\d{2}-\d{2}) · (.+) · (\d+) sent, (\d+) received\s*$")
_CLOSE = re.compile(r"^```[ \t]*(?=\r?$)", re.MULTILINE)
MIN_PHONE_DIGITS = 7
PHONE_TAIL = 9  # "+34 612 345 678", "0034612345678" and "612345678" are one number
PHONE_KEYS = ("phone", "phones", "mobile", "whatsapp", "telegram_phone")
HANDLE_KEYS = ("telegram", "handle", "handles", "whatsapp", "linkedin", "twitter")


@dataclass(frozen=True)
class Party:
    """The other side of a conversation, as the export knows them."""

    name: str
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()  # profile URLs, @usernames, user ids

    def describe(self) -> str:
        extra = next(iter(self.phones + self.emails + self.handles), "")
        if extra and extra != self.name:
            return f"{self.name} ({extra})" if self.name else extra
        return self.name or "unknown sender"


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


def phone_key(value: str) -> str:
    """The last digits of a phone number, or "" when it is too short to be one."""
    digits = re.sub(r"\D", "", str(value))
    return digits[-PHONE_TAIL:] if len(digits) >= MIN_PHONE_DIGITS else ""


def handle_key(value: str) -> str:
    text = str(value).strip().lower()
    if "/" in text or "." in text:
        return url_key(text)
    return text.lstrip("@")


def _values(value: Any) -> list[str]:
    if is_empty(value):
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if not is_empty(v)]
    return [str(value)]


def me_setting(ctx: ImportContext, key: str) -> list[str]:
    """``[me] <key>`` (names, emails, phones, handles): who the user is in their exports."""
    return _values(ctx.config.get(f"me.{key}"))


class PartyMatcher:
    """The contact a party is: phone, e-mail, handle (profile URL, @username), then name.

    A name must match exactly (blind to accents, case and punctuation) or be the same name
    with a typo (the people importers' threshold); a near miss is never taken for the person.
    Answers are remembered: a 100,000-message chat asks about the same few people.
    """

    def __init__(self, contacts: dict[str, Contact]) -> None:
        self.by_phone: dict[str, Contact] = {}
        self.by_handle: dict[str, Contact] = {}
        self.people = ContactMatcher(contacts)
        for contact in contacts.values():
            props = contact.properties
            for key in PHONE_KEYS:
                for value in _values(props.get(key)):
                    if phone_key(value):
                        self.by_phone.setdefault(phone_key(value), contact)
            for key in HANDLE_KEYS:
                for value in _values(props.get(key)):
                    self.by_handle.setdefault(handle_key(value), contact)
        self.memo: dict[Party, tuple[Contact | None, str]] = {}

    def find(self, party: Party) -> tuple[Contact | None, str]:
        """The contact and how it was recognised, or (None, a doubt worth reporting)."""
        if party not in self.memo:
            self.memo[party] = self._find(party)
        return self.memo[party]

    def _find(self, party: Party) -> tuple[Contact | None, str]:
        for phone in party.phones:
            if phone_key(phone) in self.by_phone:
                return self.by_phone[phone_key(phone)], "phone"
        for handle in party.handles:
            if handle_key(handle) in self.by_handle:
                return self.by_handle[handle_key(handle)], "handle"
        record = PersonRecord(name=party.name, line=0, emails=list(party.emails),
                              urls=[h for h in party.handles if "/" in h])
        match = self.people.find(record)
        if match.contact is not None:
            return match.contact, match.how
        return None, match.doubt


@dataclass
class _Party:
    party: Party
    line: int
    messages: int = 0


class Tally:
    """Counts per party, day and channel label; the texts only when asked to keep them."""

    def __init__(self, with_text: bool = False) -> None:
        self.with_text = with_text
        self.parties: dict[str, _Party] = {}
        self.entries: dict[tuple[str, dt.date, str], Entry] = {}
        self.messages = 0
        self.bad: list[tuple[int, str, str]] = []  # (line, label, reason)

    @staticmethod
    def key(party: Party) -> str:
        for phone in party.phones:
            if phone_key(phone):
                return "tel:" + phone_key(phone)
        for mail in party.emails:
            return "mail:" + email_key(mail)
        for handle in party.handles:
            return "id:" + handle_key(handle)
        return "name:" + name_key(party.name)

    def add(self, party: Party, day: dt.date, direction: Direction, label: str, line: int,
            text: str = "", time: str = "", sender: str = "") -> None:
        """One message exchanged with ``party`` on ``day`` (``direction`` out or in)."""
        key = self.key(party)
        seen = self.parties.get(key)
        if seen is None:
            seen = self.parties[key] = _Party(party, line)
        seen.messages += 1
        self.messages += 1
        entry = self.entries.get((key, day, label))
        if entry is None:
            entry = self.entries[(key, day, label)] = Entry(day, label)
        if direction == "out":
            entry.sent += 1
        else:
            entry.received += 1
        if self.with_text:
            arrow = "→" if direction == "out" else "←"
            who = f"{sender}: " if sender else ""
            entry.texts.append(f"    {time + ' ' if time else ''}{arrow} {who}{inert(text)}")

    def skip(self, line: int, label: str, reason: str) -> None:
        self.bad.append((line, label, reason))


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
            day = _iso(match[1])
            if day is not None:
                entries.append(Entry(day, match[2], int(match[3]), int(match[4])))
        elif entries and line.startswith("    "):
            entries[-1].texts.append(line.rstrip())
    return (start, end), entries


def _fence_start(text: str) -> int:
    for match in re.finditer(rf"^```{re.escape(FENCE_INFO)}[ \t]*\r?$", text, re.MULTILINE):
        return match.start()
    return -1


def _iso(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


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


def with_log(raw: bytes, entries: list[Entry]) -> bytes:
    """The note's bytes with its message log set to ``entries``: the fence replaced in place,
    or added at the end under a "Messages" heading; nothing else changes."""
    text = raw.decode("utf-8-sig")
    bom = raw.startswith(b"\xef\xbb\xbf")
    newline = "\r\n" if "\r\n" in text else "\n"
    span, _ = read_log(text)
    block = render_log(entries, newline)
    if span is not None:
        out = text[: span[0]] + block + text[span[1] :]
    else:
        body = text.rstrip("\r\n")
        gap = newline * 2 if body else ""
        out = f"{body}{gap}{LOG_HEADING}{newline}{newline}{block}{newline}"
    return (b"\xef\xbb\xbf" if bom else b"") + out.encode("utf-8")


def plan_logs(tally: Tally, ctx: ImportContext, what: str) -> Iterator[Action]:
    """One action per contact whose log changes (or a skip saying it is already there), one
    skip per party no contact matches, and one per line that could not be read."""
    matcher = PartyMatcher(ctx.contacts)
    by_contact: dict[str, tuple[Contact, list[Entry], int, int, str]] = {}
    by_key: dict[str, list[Entry]] = {}
    for (key, _day, _label), entry in tally.entries.items():
        by_key.setdefault(key, []).append(entry)
    for key, seen in tally.parties.items():
        contact, how = matcher.find(seen.party)
        if contact is None:
            doubt = f"; {how}" if how else ""
            yield Action("skip", seen.party.describe(),
                         f"no contact matches ({seen.messages} {what}){doubt}", seen.line)
            continue
        known = by_contact.get(contact.rel)
        entries = by_key.get(key, [])
        if known is None:
            by_contact[contact.rel] = (contact, entries, seen.line, seen.messages, how)
        else:
            by_contact[contact.rel] = (contact, merge_entries(known[1], entries),
                                       min(known[2], seen.line), known[3] + seen.messages, known[4])
    for rel, (contact, entries, line, count, how) in by_contact.items():
        note = contact.note
        if not note.readable:
            yield Action("skip", contact.name, "matches a note that cannot be read", line, rel)
            continue
        _, old = read_log(note.text)
        merged = merge_entries(old, entries)
        after = with_log(note.raw, merged)
        days = len({e.day for e in entries})
        on = f"{days} day" if days == 1 else f"{days} days"
        if after == note.raw:
            yield Action("skip", contact.name,
                         f"already logged: {count} {what} on {on} (by {how})", line, rel)
            continue
        changed = len({(e.day, e.label, e.total) for e in merged}
                      - {(e.day, e.label, e.total) for e in old})
        yield Action("merge", contact.name,
                     f"{count} {what} on {on} (by {how}); {changed} log "
                     f"line{'' if changed == 1 else 's'} new or updated",
                     line, rel, note.raw, after, ("message log",))
    for line, label, reason in tally.bad:
        yield Action("skip", label, reason, line)


CHUNK = 16_384  # bytes per progress step: a bar from about 3 MB on


def stream_lines(handle: BinaryIO, size: int, ctx: ImportContext,
                 label: str) -> Iterator[tuple[int, str | None]]:
    """``(line number, text)`` for each line of a binary stream, read a chunk at a time (never
    the whole file) under the import's progress bar; a line that does not decode in the
    import's encoding is ``None``, so its caller can report it by number and go on."""
    chunks = iter(lambda: handle.read(CHUNK), b"")
    total = max(1, -(-size // CHUNK))
    carry = b""
    number = 0
    first = True
    for chunk in ctx.progress(chunks, total, label):
        if first:
            first = False
            if chunk.startswith(b"\xef\xbb\xbf"):
                chunk = chunk[3:]
        pieces = (carry + chunk).split(b"\n")
        carry = pieces.pop()
        for raw in pieces:
            number += 1
            yield number, _decode(raw, ctx.encoding)
    if carry:
        yield number + 1, _decode(carry, ctx.encoding)


def _decode(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.rstrip(b"\r").decode(encoding)
    except UnicodeDecodeError:
        return None


def add_counts(tally: Tally, party: Party, day: dt.date, label: str, line: int, sent: int,
               received: int, texts: Iterable[str] = ()) -> None:
    """Counts already summed by the importer (a chat resolves who is who at its end)."""
    key = tally.key(party)
    seen = tally.parties.get(key)
    if seen is None:
        seen = tally.parties[key] = _Party(party, line)
    seen.line = min(seen.line, line)
    seen.messages += sent + received
    tally.messages += sent + received
    entry = tally.entries.get((key, day, label))
    if entry is None:
        entry = tally.entries[(key, day, label)] = Entry(day, label)
    entry.sent += sent
    entry.received += received
    if tally.with_text:
        entry.texts.extend(texts)


@dataclass
class _Said:
    count: int
    line: int
    texts: list[str]


class ChatLog:
    """One conversation (a WhatsApp or Telegram chat) counted per sender and day, before it
    is known which sender is the user: that is decided at its end (see :meth:`finish`)."""

    def __init__(self, source: str, title: str, with_text: bool) -> None:
        self.source = source  # "WhatsApp", "Telegram"
        self.title = title  # the other person, or the group's name; "" when unknown
        self.with_text = with_text
        self.said: dict[tuple[str, Any], _Said] = {}  # (sender, day key) → counts
        self.parties: dict[str, Party] = {}
        self.group = False
        self.me: set[str] = set()  # senders the export itself says are the user
        self.last: _Said | None = None
        self.messages = 0

    def add(self, sender: str, party: Party, day: Any, line: int, time: str = "",
            text: str = "", me: bool = False) -> None:
        self.parties.setdefault(sender, party)
        if me:
            self.me.add(sender)
        said = self.said.get((sender, day))
        if said is None:
            said = self.said[(sender, day)] = _Said(0, line, [])
        said.count += 1
        self.messages += 1
        if self.with_text:
            said.texts.append(f"{time}\x00{text}")
        self.last = said

    def more_text(self, text: str) -> None:
        """A continuation line of the last message (a message written on several lines)."""
        if self.with_text and self.last is not None and self.last.texts:
            self.last.texts[-1] += " " + text

    def who_is_me(self, names: list[str], matcher: PartyMatcher) -> set[str]:
        """The user's senders: said by the export, named in ``[me] names``, or, in a chat of
        two, the one who is not the person the chat is with."""
        wanted = {name_key(n) for n in names}
        mine = set(self.me) | {s for s, p in self.parties.items()
                               if name_key(p.name) and name_key(p.name) in wanted}
        if mine or self.group:
            return mine
        senders = list(self.parties)
        title = name_key(self.title)
        if title:
            others = [s for s in senders if name_key(self.parties[s].name) != title]
            if len(others) == 1 and len(senders) == 2:
                return set(others)
            if len(senders) == 1 and others:
                return set(others)
            return set()
        if len(senders) == 2:
            known = [s for s in senders if matcher.find(self.parties[s])[0] is not None]
            if len(known) == 1:
                return {s for s in senders if s not in known}
        return set()

    def finish(self, tally: Tally, matcher: PartyMatcher, names: list[str],
               day_of: Any = None) -> None:
        """Hand the chat to ``tally``: in a chat of two, what the user said is sent to the
        other person and what they said is received; in a group, each member's messages are
        received from them and the user's messages that day are counted as sent to each
        member who wrote that day."""
        mine = self.who_is_me(names, matcher)
        convert = day_of or (lambda key: key)
        days: dict[tuple[str, dt.date], _Said] = {}
        for (sender, key), said in self.said.items():
            day = convert(key)
            if day is None:
                continue
            known = days.get((sender, day))
            if known is None:
                days[(sender, day)] = said
            else:
                known.count += said.count
                known.texts += said.texts
                known.line = min(known.line, said.line)
        if self.group:
            label = f'{self.source} group "{self.title}"' if self.title else f"{self.source} group"
            my_days: dict[dt.date, _Said] = {d: s for (who, d), s in days.items() if who in mine}
            for (sender, day), said in days.items():
                if sender in mine:
                    continue
                me_said = my_days.get(day)
                texts = self._texts(said, "←", sender)
                if me_said is not None:
                    texts = sorted(texts + self._texts(me_said, "→", ""))
                add_counts(tally, self.parties[sender], day, label, said.line,
                           me_said.count if me_said else 0, said.count, _untimed(texts))
            return
        others = [s for s in self.parties if s not in mine]
        if len(others) == 1:
            other = self.parties[others[0]]
        elif self.title:
            other = Party(self.title)
        else:
            for (sender, day), said in days.items():  # cannot tell: each sender on their own
                add_counts(tally, self.parties[sender], day, self.source, said.line, 0,
                           said.count, _untimed(self._texts(said, "←", "")))
            return
        per_day: dict[dt.date, list[Any]] = {}
        for (sender, day), said in days.items():
            slot = per_day.setdefault(day, [0, 0, said.line, []])
            out = sender in mine
            slot[0 if out else 1] += said.count
            slot[2] = min(slot[2], said.line)
            slot[3] += self._texts(said, "→" if out else "←", "")
        for day, (sent, received, line, texts) in per_day.items():
            add_counts(tally, other, day, self.source, line, sent, received,
                       _untimed(sorted(texts)))

    def _texts(self, said: _Said, arrow: str, sender: str) -> list[str]:
        who = f"{sender}: " if sender else ""
        out = []
        for item in said.texts:
            time, _, text = item.partition("\x00")
            out.append(f"{time}\x00    {time + ' ' if time else ''}{arrow} {who}{inert(text)}")
        return out


def _untimed(texts: list[str]) -> list[str]:
    return [t.partition("\x00")[2] for t in texts]
