"""Messages as history: chats and mail turned into dated ``message`` interactions.

Message importers (WhatsApp, Telegram, mbox, LinkedIn messages) stream their file and hand
every message to a :class:`Tally`: who the other party is, the day, and whether the user sent
or received it. Nothing but counts per party and day is kept (plus the text with
``--with-text``), so memory stays bounded whatever the size of the file.

At the end each party is matched to a contact (phone, e-mail, handle, then name) and every
contact note gets one summary line per day and channel in its message log
(:mod:`vinculo.importing.messagelog`); the parties no contact matches are listed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from vinculo.importing.base import Action, ImportContext
from vinculo.importing.messagelog import Entry, merge_entries, read_log, text_line, with_log
from vinculo.importing.names import email_key, name_key, url_key
from vinculo.importing.people import ContactMatcher, PersonRecord, property_values
from vinculo.model import Contact, Direction
from vinculo.text import plural

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

def phone_key(value: str) -> str:
    """The last digits of a phone number, or "" when it is too short to be one."""
    digits = re.sub(r"\D", "", str(value))
    return digits[-PHONE_TAIL:] if len(digits) >= MIN_PHONE_DIGITS else ""


def handle_key(value: str) -> str:
    text = str(value).strip().lower()
    if "/" in text or "." in text:
        return url_key(text)
    return text.lstrip("@")



def me_setting(ctx: ImportContext, key: str) -> list[str]:
    """``[me] <key>`` (names, emails, phones, handles): who the user is in their exports."""
    return property_values(ctx.config.get(f"me.{key}"))


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
                for value in property_values(props.get(key)):
                    if phone_key(value):
                        self.by_phone.setdefault(phone_key(value), contact)
            for key in HANDLE_KEYS:
                for value in property_values(props.get(key)):
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
        # People write from more than one address: in a chat or a mailbox, the full name of
        # exactly one contact is that contact whatever the address (an importer that creates
        # people is stricter: there another address may be another person).
        owners = self.people.by_name.get(name_key(party.name), [])
        if len(owners) == 1 and " " in name_key(party.name):
            return owners[0], "name"
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
        self.keys: dict[Party, str] = {}

    def key(self, party: Party) -> str:
        """One key per person across the file: their phone, else e-mail, handle, name."""
        known = self.keys.get(party)
        if known is None:
            known = self.keys[party] = self._key(party)
        return known

    @staticmethod
    def _key(party: Party) -> str:
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
        entry = self._entry(party, day, label, line, 1)
        if direction == "out":
            entry.sent += 1
        else:
            entry.received += 1
        if self.with_text:
            entry.texts.append(text_line(time, "→" if direction == "out" else "←", sender, text))

    def _entry(self, party: Party, day: dt.date, label: str, line: int, messages: int) -> Entry:
        """The log entry of ``party`` on ``day`` through ``label``, with ``messages`` more
        counted for the party (first seen on its earliest ``line``)."""
        key = self.key(party)
        seen = self.parties.get(key)
        if seen is None:
            seen = self.parties[key] = _Party(party, line)
        seen.line = min(seen.line, line)
        seen.messages += messages
        self.messages += messages
        entry = self.entries.get((key, day, label))
        if entry is None:
            entry = self.entries[(key, day, label)] = Entry(day, label)
        return entry

    def skip(self, line: int, label: str, reason: str) -> None:
        """A line or record that could not be read, reported with the import."""
        self.bad.append((line, label, reason))

    def add_counts(self, party: Party, day: dt.date, label: str, line: int, sent: int,
                   received: int, texts: Iterable[str] = ()) -> None:
        """Counts already summed by the importer (a chat resolves who is who at its end)."""
        entry = self._entry(party, day, label, line, sent + received)
        entry.sent += sent
        entry.received += received
        if self.with_text:
            entry.texts.extend(texts)


def summed(first: list[Entry], second: list[Entry]) -> list[Entry]:
    """Two parties of one file who are the same contact (two addresses, a phone and a name):
    their messages of a day add up."""
    out: dict[tuple[dt.date, str], Entry] = {}
    for entry in [*first, *second]:
        known = out.get((entry.day, entry.label))
        if known is None:
            out[(entry.day, entry.label)] = Entry(entry.day, entry.label, entry.sent,
                                                  entry.received, list(entry.texts))
        else:
            known.sent += entry.sent
            known.received += entry.received
            known.texts += entry.texts
    return list(out.values())


def plan_logs(tally: Tally, ctx: ImportContext, what: str) -> Iterator[Action]:
    """One action per contact whose log changes (or a skip saying it is already there), one
    skip per party no contact matches, and one per line that could not be read. ``what`` is
    what the file holds, in the plural ("messages", "mails")."""
    one = what.removesuffix("s")
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
                         f"no contact matches ({plural(seen.messages, one, what)}){doubt}", seen.line)
            continue
        known = by_contact.get(contact.rel)
        entries = by_key.get(key, [])
        if known is None:
            by_contact[contact.rel] = (contact, entries, seen.line, seen.messages, how)
        else:
            by_contact[contact.rel] = (contact, summed(known[1], entries),
                                       min(known[2], seen.line), known[3] + seen.messages, known[4])
    for rel, (contact, entries, line, count, how) in by_contact.items():
        note = contact.note
        if not note.readable:
            yield Action("skip", contact.name, "matches a note that cannot be read", line, rel)
            continue
        span, old = read_log(note.text)
        merged = merge_entries(old, entries)
        after = with_log(note, span, merged)
        days = len({e.day for e in entries})
        on = plural(days, "day")
        if after == note.raw:
            yield Action("skip", contact.name,
                         f"already logged: {plural(count, one, what)} on {on} (by {how})", line, rel)
            continue
        changed = len({(e.day, e.label, e.total) for e in merged}
                      - {(e.day, e.label, e.total) for e in old})
        yield Action("merge", contact.name,
                     f"{plural(count, one, what)} on {on} (by {how}); "
                     f"{plural(changed, 'log line')} new or updated",
                     line, rel, note.raw, after, ("message log",))
    for line, label, reason in tally.bad:
        yield Action("skip", label, reason, line)
