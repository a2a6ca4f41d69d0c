"""E-mail as history: ``vinculo import mbox MAILBOX.mbox VAULT``.

An ``mbox`` is what Gmail's Takeout, Thunderbird and Apple Mail export. It is read with the
standard library's :mod:`mailbox`, headers only (bodies are never parsed unless ``--with-text``
asks for the subject), one message at a time. Your own addresses, ``[me] emails`` in
vinculo.toml, decide the direction: a mail from you is sent to each of its recipients, a mail
to you is received from its sender. Mailing-list and automated mail (``List-Id``,
``Auto-Submitted``, ``Precedence: bulk``) is not a relationship and is skipped; the same
``Message-ID`` twice (Gmail's labels copy a mail) counts once.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from vinculo.hookspecs import hookimpl
from vinculo.importing.base import Action, ImportContext, Importer, ImportFileError, bytes_run
from vinculo.importing.messages import Party, Tally, me_setting, plan_logs
from vinculo.importing.names import clean_text, email_key

if TYPE_CHECKING:
    from email.message import Message

# The standard library's mail modules are imported where a mail is read: every command loads
# this plugin, and only ``import mbox`` needs them.

LABEL = "e-mail"
_AUTOMATED = ("list-id", "list-unsubscribe")


def _decoded(value: object) -> str:
    """A header as text, RFC 2047 words decoded ("=?utf-8?q?Luc=C3=ADa?=" is "Lucía")."""
    import email.errors
    import email.header

    if value is None:
        return ""
    value = _text(value)
    try:
        return clean_text(str(email.header.make_header(email.header.decode_header(value))))
    except (UnicodeDecodeError, LookupError, email.errors.HeaderParseError):
        return clean_text(str(value))


def _text(value: object) -> str:
    """A header as a string. Raw 8-bit bytes (a UTF-8 name written without RFC 2047 encoding,
    common today) come from the parser as an "unknown-8bit" Header: decoded here as UTF-8,
    else Windows-1252, never as replacement characters."""
    import email.header

    if not isinstance(value, email.header.Header):
        return str(value)
    parts = []
    for chunk, charset in email.header.decode_header(value):
        if isinstance(chunk, str):
            parts.append(chunk)
            continue
        for codec in (charset if charset and charset != "unknown-8bit" else "utf-8", "cp1252"):
            try:
                parts.append(chunk.decode(codec))
                break
            except (UnicodeDecodeError, LookupError):
                continue
        else:
            parts.append(chunk.decode("utf-8", "replace"))
    return "".join(parts)


def _addresses(message: Message, *fields: str) -> list[tuple[str, str]]:
    return _parsed(tuple(_text(v) for f in fields for v in message.get_all(f, [])))


@functools.lru_cache(maxsize=4096)
def _parsed(values: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, address) pairs of address headers: the same few headers come back in every
    mail of a correspondence, so they are parsed once."""
    import email.utils

    out = []
    for name, address in email.utils.getaddresses(list(values)):
        if "@" in address:
            out.append((_decoded(name), email_key(address)))
    return out


def _headers(handle: Iterable[bytes]) -> bytes:
    """The header lines of one mail: the body is never read."""
    lines = []
    for line in handle:
        if line in (b"\n", b"\r\n"):
            break
        lines.append(line)
    return b"".join(lines)


def _automated(message: Message) -> bool:
    if any(message.get(h) for h in _AUTOMATED):
        return True
    if str(message.get("precedence", "")).strip().lower() in ("bulk", "list", "junk"):
        return True
    auto = str(message.get("auto-submitted", "no")).strip().lower()
    return auto not in ("", "no")


def read_mailbox(path: Path, ctx: ImportContext, tally: Tally, mine: set[str]) -> int:
    """Count every mail of the mailbox into ``tally``; the number of mails read."""
    import email.parser
    import email.utils
    import mailbox

    box = mailbox.mbox(str(path), create=False)
    parser = email.parser.BytesHeaderParser()
    seen: set[bytes] = set()
    try:
        keys = box.keys()  # offsets only: one pass over the file, no message kept
    except (OSError, mailbox.Error) as exc:
        raise ImportFileError(f"not a readable mbox: {exc}") from exc
    if not keys:
        raise ImportFileError("no mail in it: is it an mbox (a file that starts with 'From ')?")
    for number, key in enumerate(ctx.progress(keys, len(keys), "mails"), start=1):
        label = f"mail {number}"
        try:
            with box.get_file(key) as handle:
                message = parser.parsebytes(_headers(handle))
        except (OSError, ValueError) as exc:
            tally.skip(number, label, f"cannot be read: {exc}")
            continue
        ident = str(message.get("message-id", "")).strip()
        if ident:
            digest = hashlib.blake2b(ident.encode("utf-8", "replace"), digest_size=8).digest()
            if digest in seen:
                continue
            seen.add(digest)
        if _automated(message):
            continue
        try:
            when = email.utils.parsedate_to_datetime(str(message.get("date", "")))
        except (TypeError, ValueError, IndexError):
            when = None
        if when is None:
            subject = _decoded(message.get("subject"))
            tally.skip(number, subject or label, "no readable Date: header")
            continue
        senders = _addresses(message, "from")
        if not senders:
            tally.skip(number, _decoded(message.get("subject")) or label, "no From: address")
            continue
        subject = _decoded(message.get("subject")) if tally.with_text else ""
        time = when.strftime("%H:%M")
        if senders[0][1] in mine:
            recipients = {a: n for n, a in _addresses(message, "to", "cc", "bcc") if a not in mine}
            for address, name in recipients.items():
                tally.add(Party(name or address, emails=(address,)), when.date(), "out", LABEL,
                          number, subject, time)
        else:
            name, address = senders[0]
            tally.add(Party(name or address, emails=(address,)), when.date(), "in", LABEL,
                      number, subject, time)
    return len(keys)


def run_file(path: Path, ctx: ImportContext) -> Iterator[Action]:
    mine = {email_key(a) for a in me_setting(ctx, "emails")}
    if not mine:
        raise ImportFileError(
            "set your own addresses first, so vinculo knows which mails you sent: "
            "[me] emails = [\"you@example.com\"] in vinculo.toml")
    tally = Tally(ctx.with_text)
    read_mailbox(path, ctx, tally, mine)
    yield from plan_logs(tally, ctx, "mails")


@hookimpl
def register_importers() -> list[Importer]:
    return [
        Importer(
            name="mbox",
            description="e-mail from an mbox (Gmail Takeout, Thunderbird, Apple Mail)",
            run=bytes_run(run_file, "mailbox.mbox"),
            suffixes=(".mbox", ".mbx", ""),
            run_file=run_file,
        )
    ]
