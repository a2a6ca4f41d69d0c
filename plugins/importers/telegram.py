"""Telegram chats as history: ``vinculo import telegram result.json VAULT``.

Telegram Desktop exports (Settings → Advanced → Export Telegram data, format "JSON") write one
``result.json``: a single chat (``name``, ``type``, ``messages``) or the whole account
(``personal_information``, ``contacts``, ``chats.list``). It is streamed with ijson, one message
at a time, so an export of any size is read in bounded memory.

Who is the user: ``personal_information.user_id`` when the export has it, else ``[me] names``,
else, in a chat of two, whoever is not the person the chat is named after. A person is matched
by the phone number of your Telegram contacts list when the export has it, else by name.
Bots, channels and "Saved Messages" are not relationships and are skipped; service lines
(joined, pinned, calls) are not messages.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from vinculo.dates import coerce_date
from vinculo.hookspecs import hookimpl
from vinculo.importing.base import Action, ImportContext, Importer, ImportFileError, bytes_run
from vinculo.importing.chats import ChatLog
from vinculo.importing.messages import (
    Party,
    PartyMatcher,
    Tally,
    me_setting,
    plan_logs,
)
from vinculo.importing.names import clean_text
from vinculo.importing.textfile import CHUNK

PEOPLE_CHATS = {"personal_chat"}
GROUP_CHATS = {"private_group", "private_supergroup", "public_supergroup"}
CHAT_BASES = ("", "chats.list.item", "left_chats.list.item")


class _Progress:
    """A file-like object over the file's chunks, so the progress bar follows the bytes read."""

    def __init__(self, handle: Any, size: int, ctx: ImportContext) -> None:
        chunks = iter(lambda: handle.read(CHUNK), b"")
        self.chunks = iter(ctx.progress(chunks, max(1, -(-size // CHUNK)), "Telegram messages"))

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson asks for nothing first, to learn bytes from text
            return b""
        return next(self.chunks, b"")


def _text(value: Any) -> str:
    """A message's ``text``: a string, or a list of strings and formatted pieces."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in value
                       if isinstance(p, str | dict))
    return ""


class _Reader:
    """Follows ijson's events: who the user is, their contacts' phones, and each chat."""

    def __init__(self, ctx: ImportContext, tally: Tally) -> None:
        self.ctx = ctx
        self.tally = tally
        self.matcher = PartyMatcher(ctx.contacts)
        self.names = me_setting(ctx, "names")
        self.me_id = ""
        self.phones: dict[str, str] = {}  # user id or folded name → phone
        self.contact: dict[str, Any] | None = None
        self.chat: ChatLog | None = None
        self.kind = ""
        self.message: Any = None  # an ijson ObjectBuilder while a message is read
        self.message_prefix = ""
        self.count = 0
        self.chats = 0

    def event(self, prefix: str, event: str, value: Any) -> None:
        if self.message is not None:
            if prefix == self.message_prefix and event == "end_map":
                self._message(self.message.value)
                self.message = None
            else:
                self.message.event(event, value)
            return
        if prefix == "personal_information.user_id":
            self.me_id = f"user{value}"
        elif prefix == "contacts.list.item":
            if event == "start_map":
                self.contact = {}
            elif event == "end_map" and self.contact is not None:
                self._remember(self.contact)
                self.contact = None
        elif prefix.startswith("contacts.list.item.") and self.contact is not None:
            self.contact[prefix.rsplit(".", 1)[1]] = value
        for base in CHAT_BASES:
            self._chat_event(base, prefix, event, value)

    def _remember(self, contact: dict[str, Any]) -> None:
        phone = str(contact.get("phone_number") or "")
        name = clean_text(f"{contact.get('first_name') or ''} {contact.get('last_name') or ''}")
        if phone:
            if contact.get("user_id"):
                self.phones[f"user{contact['user_id']}"] = phone
            if name:
                self.phones[name.casefold()] = phone

    def _chat_event(self, base: str, prefix: str, event: str, value: Any) -> None:
        dot = f"{base}." if base else ""
        if prefix == base and event == "start_map" and (base or self.chat is None):
            self.chat = ChatLog("Telegram", "", self.tally.with_text)
            self.kind = ""
        elif self.chat is None:
            return
        elif prefix == f"{dot}name" and event == "string":
            self.chat.title = clean_text(value)
        elif prefix == f"{dot}type" and event == "string":
            self.kind = value
            self.chat.group = value in GROUP_CHATS
        elif prefix == f"{dot}messages.item" and event == "start_map":
            import ijson

            self.message = ijson.ObjectBuilder()
            self.message.event(event, value)
            self.message_prefix = prefix
        elif prefix == base and event == "end_map":
            self.finish()

    def _message(self, item: Any) -> None:
        self.count += 1
        if self.chat is None or not isinstance(item, dict) or item.get("type") != "message":
            return
        if self.kind not in PEOPLE_CHATS | GROUP_CHATS:
            return
        day = coerce_date(item.get("date"))
        if day is None:
            self.tally.skip(self.count, f"message {item.get('id', self.count)}",
                            f"no readable date in chat {self.chat.title!r}")
            return
        name = clean_text(item.get("from") or "") or "Deleted Account"
        sender = str(item.get("from_id") or name)
        phone = self.phones.get(sender) or self.phones.get(name.casefold())
        party = Party(name, phones=(phone,) if phone else ())
        time = str(item.get("date", ""))[11:16]
        self.chat.add(sender, party, day, self.count, time, _text(item.get("text")),
                      me=bool(self.me_id) and sender == self.me_id)

    def finish(self) -> None:
        """Hand the chat read so far to the tally (at its end, or where the file was cut)."""
        if self.chat is not None and self.kind in PEOPLE_CHATS | GROUP_CHATS:
            self.chat.finish(self.tally, self.matcher, self.names)
            self.chats += 1
        self.chat = None


def run_file(path: Path, ctx: ImportContext) -> Iterator[Action]:
    import ijson

    tally = Tally(ctx.with_text)
    reader = _Reader(ctx, tally)
    with path.open("rb") as handle:
        try:
            for prefix, event, value in ijson.parse(_Progress(handle, path.stat().st_size, ctx)):
                reader.event(prefix, event, value)
        except ijson.JSONError as exc:
            if reader.count == 0 and reader.chat is None:
                raise ImportFileError(f"not JSON ({exc}): is it Telegram's result.json?") from exc
            tally.skip(reader.count, "end of file",
                       f"file cut short after message {reader.count}: the rest is not read")
            reader.finish()
    if reader.count == 0:
        raise ImportFileError("no messages in it: export the chats as JSON in Telegram Desktop")
    yield from plan_logs(tally, ctx, "messages")


@hookimpl
def register_importers() -> list[Importer]:
    return [
        Importer(
            name="telegram",
            description="Telegram Desktop export (result.json)",
            run=bytes_run(run_file, "result.json"),
            suffixes=(".json",),
            run_file=run_file,
        )
    ]
