"""WhatsApp chats as history: ``vinculo import whatsapp CHAT.txt|CHAT.zip VAULT``.

A chat exported from WhatsApp ("More → Export chat", with or without media) is a text file,
inside a ``.zip`` when media are included. Its lines look different on each phone and
language:

    Android  ``31/12/2025, 21:41 - Ana García: ¿Quedamos?``  (``12/31/25, 9:41 PM - …``)
    iOS      ``[31/12/25, 21:41:05] Ana García: ¿Quedamos?``  (``[12/31/25, 9:41:05 PM] …``)

Dates are day-first or month-first as the phone's region says; the file does not say which,
so the order is read from the dates themselves (a day above 12, else the order in which the
dates run forward). System lines (encryption notice, "created group", "añadió", …) are not
messages; a message written on several lines is one message. The file is streamed: only
counts per sender and day are kept.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from vinculo.config_schema import Section, Setting
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
from vinculo.importing.textfile import stream_lines
from vinculo.text import fold, lazy_pattern

_TIME = r"(?P<h>\d{1,2})[:.](?P<m>\d{2})(?:[:.]\d{2})?(?:\s*(?P<ampm>[ap]\.?\s?m\.?))?"
_DATE = r"(?P<a>\d{1,4})[./-](?P<b>\d{1,2})[./-](?P<c>\d{1,4})"
IOS = lazy_pattern(rf"^\[{_DATE},?\s{_TIME}\]\s(?P<rest>.*)$", re.IGNORECASE)
ANDROID = lazy_pattern(rf"^{_DATE},?\s{_TIME}\s?[-–]\s(?P<rest>.*)$", re.IGNORECASE)
_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u2066\u2067\u2068\u2069"))
_SPACES = {0x202F: " ", 0x00A0: " ", 0x2007: " "}
_ODD = lazy_pattern("[\u200e\u200f\u202a-\u202c\u2066-\u2069\u202f\u00a0\u2007]")
_NOTICE_OPENINGS = ("messages ", "los mensa")  # the encryption notice, when not marked
_PHONE = lazy_pattern(r"^\+?[\d\s().-]{7,}$")
# Lines WhatsApp writes itself, in English and Spanish (folded, as they start or contain).
SYSTEM = lazy_pattern(
    r"messages and calls are end-to-end encrypted|messages to this group are now secured"
    r"|created group|created this group|changed the subject|changed this group|changed the group"
    r"|changed their phone number|joined using this group|security code (?:with .* )?changed"
    r"|you're now an admin|you were added|^you added |^you removed | added you$| left$"
    r"| added | removed |missed (?:voice|video) call|disappearing messages"
    r"|los mensajes y las llamadas estan cifrados|creo el grupo|creaste el grupo"
    r"|cambi(?:o|aste) (?:el asunto|el icono|la descripcion|la imagen)|cambio su numero"
    r"|se unio usando el enlace|codigo de seguridad|ahora eres admin|te anadio|anadio a "
    r"| salio$|^saliste|elimino a |llamada (?:de voz |de video )?perdida|videollamada perdida"
    r"|mensajes temporales"
)
ENCRYPTED = lazy_pattern(r"^(?:messages and calls are end-to-end encrypted"
                       r"|los mensajes y las llamadas estan cifrados)")
_GROUP_HINT = lazy_pattern(r"created group|created this group|creo el grupo|creaste el grupo"
                         r"|messages to this group|\bgroup\b|\bgrupo\b")
_TITLE = lazy_pattern(r"^(?:whatsapp chat with|whatsapp chat -|chat de whatsapp con|"
                    r"conversa do whatsapp com)\s+(.+)$", re.IGNORECASE)


def chat_title(name: str) -> str:
    """The person or group a chat is with, from the export's file name ("" when unknown)."""
    stem = Path(name).stem
    match = _TITLE.match(stem.strip())
    return clean_text(match[1]) if match else ""


def _clock(h: str, m: str, ampm: str | None) -> str:
    hour = int(h)
    if ampm:
        pm = ampm.lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    return f"{hour:02d}:{m}"


def _party(sender: str) -> Party:
    if _PHONE.match(sender):
        return Party(sender, phones=(sender,))
    return Party(sender)


class _Dates:
    """Raw dates as written, in the order first seen; the order of day, month and year is
    decided once the whole chat is read."""

    def __init__(self, preferred: str) -> None:
        self.seen: dict[tuple[int, int, int], None] = {}
        self.preferred = preferred  # "dmy" or "mdy", from settings; "" to infer

    def note(self, a: str, b: str, c: str) -> tuple[int, int, int]:
        if len(a) == 4:  # year first (2025-11-20): marked by a negative first field
            key = (-int(a), int(b), int(c))
        else:
            key = (int(a), int(b), int(c) if len(c) != 2 else 2000 + int(c))
        self.seen.setdefault(key, None)
        return key

    def order(self) -> str:
        keys = [k for k in self.seen if k[0] > 0]
        if any(a > 12 for a, _, _ in keys):
            return "dmy"
        if any(b > 12 for _, b, _ in keys):
            return "mdy"
        if self.preferred in ("dmy", "mdy"):
            return self.preferred
        backwards = {o: sum((_date(x, o) or dt.date.min) > (_date(y, o) or dt.date.min)
                            for x, y in zip(keys, keys[1:], strict=False)) for o in ("dmy", "mdy")}
        return "mdy" if backwards["mdy"] < backwards["dmy"] else "dmy"

    def day_of(self, order: str) -> object:
        def convert(key: tuple[int, int, int]) -> dt.date | None:
            return _date(key, order)
        return convert


def _date(key: tuple[int, int, int], order: str) -> dt.date | None:
    a, b, c = key
    try:
        if a < 0:
            return dt.date(-a, b, c)
        return dt.date(c, b, a) if order == "dmy" else dt.date(c, a, b)
    except ValueError:
        return None


def _tidy(raw: str) -> str:
    """The line without direction marks and with plain spaces (iOS puts U+202F before PM)."""
    if _ODD.search(raw) is None:  # most lines: one scan instead of two translations
        return raw
    return raw.translate(_INVISIBLE).translate(_SPACES)


def read_chat(lines: Iterator[tuple[int, str | None]], chat: ChatLog, dates: _Dates,
              tally: Tally) -> None:
    """Count one chat's messages into ``chat``; unreadable lines go to ``tally``'s report."""
    system_senders: set[str] = set()
    # as written → (clean name, its party, reads as a system line): senders repeat
    senders: dict[str, tuple[str, Party, bool]] = {}
    started = False
    for number, raw in lines:
        if raw is None:
            tally.skip(number, f"line {number}", "not UTF-8 (wrong encoding? try --encoding)")
            continue
        line = _tidy(raw)
        match = IOS.match(line) or ANDROID.match(line)
        if match is None:
            if started:
                chat.more_text(line.strip())
            elif line.strip():
                tally.skip(number, f"line {number}", "not a WhatsApp message line")
            continue
        started = True
        key = dates.note(match["a"], match["b"], match["c"])
        rest = match["rest"]
        written, colon, text = rest.partition(": ")
        if not colon or len(written) > 80:  # Android writes system lines without a sender
            if _GROUP_HINT.search(fold(rest).lower()):
                chat.group = True
            continue
        known = senders.get(written)
        if known is None:
            name = clean_text(written)
            known = senders[written] = (name, _party(name),
                                        bool(SYSTEM.search(fold(written).lower())))
        sender, party, system_like = known
        # iOS writes system lines as messages of the chat itself (the group's name, or the
        # person), their text opened by an invisible left-to-right mark.
        marked = ": \u200e" in raw
        opening = text[:9].lower()
        if system_like or sender in system_senders or marked or opening in _NOTICE_OPENINGS:
            folded = fold(text).lower().strip()
            if system_like or sender in system_senders or ENCRYPTED.search(folded) or (
                    marked and SYSTEM.search(folded)):
                if _GROUP_HINT.search(folded):
                    chat.group = True
                    system_senders.add(sender)
                continue
        time = _clock(match["h"], match["m"], match["ampm"]) if chat.with_text else ""
        chat.add(sender, party, key, number, time, text)
    if not started:
        raise ImportFileError("no WhatsApp message lines: is this a chat exported from WhatsApp?")
    humans = [s for s in chat.parties if s not in system_senders]
    if len(humans) > 2:
        chat.group = True


def _chats(path: Path) -> Iterator[tuple[str, int, Callable[[], IO[bytes]]]]:
    """``(name, size, opener)`` for the chat text files of a ``.txt`` or a ``.zip`` export."""
    import zipfile  # here: every command loads this plugin, and zipfile loads shutil, bz2, lzma

    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist()
                       if m.filename.lower().endswith(".txt") and not m.is_dir()]
            if not members:
                raise ImportFileError("no chat (.txt) inside the zip: is it a WhatsApp export?")
            for member in members:
                name = member.filename
                if Path(name).name == "_chat.txt":
                    name = path.name  # iOS: the zip's name says whom the chat is with
                yield name, member.file_size, functools.partial(archive.open, member)
        return
    yield path.name, path.stat().st_size, lambda: path.open("rb")


def run_file(path: Path, ctx: ImportContext) -> Iterator[Action]:
    tally = Tally(ctx.with_text)
    matcher = PartyMatcher(ctx.contacts)
    names = me_setting(ctx, "names")
    import zipfile

    try:
        for name, size, opener in _chats(path):
            chat = ChatLog("WhatsApp", chat_title(name), ctx.with_text)
            dates = _Dates(str(ctx.setting("whatsapp", "date_order", "")).lower())
            with opener() as handle:
                read_chat(stream_lines(handle, size, ctx, "WhatsApp messages"), chat, dates,
                          tally)
            chat.finish(tally, matcher, names, dates.day_of(dates.order()))
    except zipfile.BadZipFile as exc:
        raise ImportFileError(f"the zip cannot be read ({exc}): download it again?") from exc
    except OSError as exc:
        raise ImportFileError(f"cannot read it: {exc}") from exc
    yield from plan_logs(tally, ctx, "messages")


@hookimpl
def register_settings() -> list[Section]:
    return [Section("importers.whatsapp", (
        Setting("date_order", "text", None, "a chat whose dates cannot tell: day or month "
                "first", choices=("dmy", "mdy")),
    ))]


@hookimpl
def register_importers() -> list[Importer]:
    return [
        Importer(
            name="whatsapp",
            description="WhatsApp chat export (.txt, or the .zip with media)",
            run=bytes_run(run_file),
            suffixes=(".txt", ".zip"),
            run_file=run_file,
        )
    ]
