"""vCards: ``vinculo import vcard contacts.vcf VAULT`` and ``vinculo export vcard VAULT``.

Reads vCard 2.1 (older Android exports, quoted-printable), 3.0 (iPhone, Google Contacts) and
4.0: names, nicknames (as ``aliases``), phones, e-mails, birthday, organisation and title, the
city of the first address, a LinkedIn URL. vobject does the syntax (line folding,
parameters, quoted-printable, charsets); the fields are split here per RFC 6350, because
vobject's typed values keep only the first of a comma list (``NICKNAME:Rodri,Rorro`` reads
as ``Rodri``). The file is cut into cards first, so a broken or truncated card is reported
by its line and the others are still imported.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from vinculo.hookspecs import hookimpl
from vinculo.importing.base import Action, ImportContext, Importer, ImportFileError
from vinculo.importing.names import clean_text
from vinculo.importing.people import PeoplePlanner, PersonRecord, is_empty
from vinculo.importing.textfile import split_lines

_BDAY = re.compile(r"^(\d{4}|--|)-?(\d{2})-?(\d{2})(?:T.*)?$")
_UNESCAPED = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\"}


# --- reading ---------------------------------------------------------------------------------


def split_cards(data: bytes, encoding: str = "utf-8") -> Iterator[tuple[int, list[str] | str]]:
    """``(line, card lines)`` for each ``BEGIN:VCARD … END:VCARD``, or ``(line, reason)`` for a
    card that cannot be read (a line in another encoding, no ``END:VCARD``)."""
    lines, bad = split_lines(data, encoding)
    bad_at = {b.line: b.reason for b in bad}
    start: int | None = None
    card: list[str] = []
    problem = ""
    found = False
    for n, line in enumerate(lines, start=1):
        marker = (line or "").strip().upper()
        if marker == "BEGIN:VCARD":
            found = True
            if start is not None:
                yield start, "card has no END:VCARD before the next card"
            start, card, problem = n, [], ""
            continue
        if start is None:
            continue
        if marker == "END:VCARD":
            yield start, problem or card
            start, card = None, []
            continue
        if n in bad_at and not problem:
            problem = f"line {n}: {bad_at[n]}"
        card.append(line or "")
    if start is not None:
        yield start, "card has no END:VCARD: file cut short?"
    if not found:
        raise ImportFileError("no BEGIN:VCARD found: is this a .vcf address book?")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _UNESCAPED.get(m[1], m[1]), text)


def split_value(text: str, sep: str) -> list[str]:
    """A structured or list value split on unescaped ``sep``, each part unescaped."""
    parts = re.split(rf"(?<!\\){re.escape(sep)}", text)
    return [clean_text(_unescape(p)) for p in parts]


def _types(line: Any) -> set[str]:
    types = {str(v).lower() for v in line.params.get("TYPE", [])}
    types |= {str(v).lower() for v in getattr(line, "singletonparams", [])}
    types |= {t for v in list(types) for t in v.split(",")}
    if "PREF" in line.params:
        types.add("pref")
    return types


def content_lines(card: list[str]) -> list[Any]:
    """The card's properties as vobject content lines (unfolded, parameters parsed,
    quoted-printable decoded)."""
    from vobject.base import getLogicalLines, textLineToContentLine

    text = "\r\n".join(["BEGIN:VCARD", *card, "END:VCARD"]) + "\r\n"
    out = []
    for logical, number in getLogicalLines(io.StringIO(text)):
        line = textLineToContentLine(logical, number)
        if line.name.upper() not in {"BEGIN", "END"}:
            out.append(line)
    return out


def parse_birthday(line: Any) -> dt.date | str:
    """A date, or ``--MM-DD`` when the year is unknown (vCard 4 ``--0412``, Apple's
    ``X-APPLE-OMIT-YEAR``); ValueError when unreadable."""
    value = clean_text(line.value)
    match = _BDAY.match(value)
    if not match:
        raise ValueError(value)
    year, month, day = match[1], int(match[2]), int(match[3])
    dt.date(2000, month, day)  # validates month and day, also for leap days
    omit = line.params.get("X-APPLE-OMIT-YEAR")
    if year in ("", "--") or (omit and omit[0] == year):
        return f"--{month:02d}-{day:02d}"
    return dt.date(int(year), month, day)


def _ordered(values: list[tuple[bool, str]]) -> list[str]:
    """Preferred values first, duplicates out, order otherwise kept."""
    seen: list[str] = []
    for _, value in sorted(values, key=lambda v: not v[0]):
        if value and value not in seen:
            seen.append(value)
    return seen


def _one_or_list(values: list[str]) -> str | list[str] | None:
    return None if not values else values[0] if len(values) == 1 else values


def parse_card(start: int, card: list[str]) -> PersonRecord | str:
    """One card as a person record, or the reason it is skipped."""
    try:
        lines = content_lines(card)
    except Exception as exc:  # vobject raises ParseError and friends on a malformed line
        return f"unreadable card ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})"
    fn, n_name, nicknames, org, title, city = "", "", [], "", "", ""
    phones: list[tuple[bool, str]] = []
    emails: list[tuple[bool, str]] = []
    urls: list[str] = []
    birthday: dt.date | str | None = None
    for line in lines:
        name, value = line.name.upper(), str(line.value)
        if name == "FN":
            fn = clean_text(_unescape(value))
        elif name == "N":
            family, given, middle, prefix, suffix = (split_value(value, ";") + [""] * 5)[:5]
            n_name = " ".join(p for p in (given, middle, family) if p)
        elif name == "NICKNAME":
            nicknames += [v for v in split_value(value, ",") if v]
        elif name == "TEL":
            number = clean_text(_unescape(value))
            number = number[4:] if number.lower().startswith("tel:") else number
            phones.append(("pref" in _types(line), number))
        elif name == "EMAIL":
            emails.append(("pref" in _types(line), clean_text(_unescape(value))))
        elif name == "BDAY" and value.strip():
            try:
                birthday = parse_birthday(line)
            except ValueError:
                return f"unreadable birthday {clean_text(value)!r}"
        elif name == "ORG" and not org:
            org = split_value(value, ";")[0]
        elif name == "TITLE" and not title:
            title = clean_text(_unescape(value))
        elif name == "ADR" and not city:
            city = (split_value(value, ";") + [""] * 7)[3]
        elif name in {"URL", "X-SOCIALPROFILE"} and "linkedin.com" in value.lower():
            urls.append(clean_text(_unescape(value)))
    person = fn or n_name
    if not person:
        return "no name (FN or N)" + (f": a company card for {org}?" if org else "")
    aliases = [a for a in dict.fromkeys(nicknames) if a != person]
    mails = _ordered(emails)
    props: dict[str, Any] = {
        "aliases": aliases or None, "company": org, "role": title, "city": city,
        "birthday": birthday, "email": _one_or_list(mails), "phone": _one_or_list(_ordered(phones)),
        "linkedin": urls[0] if urls else None,
    }
    props = {k: v for k, v in props.items() if not is_empty(v)}
    return PersonRecord(name=person, line=start, properties=props, emails=mails, urls=urls)


def run(data: bytes, ctx: ImportContext) -> Iterator[Action]:
    planner = PeoplePlanner(ctx)
    cards = list(split_cards(data, ctx.encoding))
    for start, card in ctx.progress(cards, len(cards), "vCards"):
        record = card if isinstance(card, str) else parse_card(start, card)
        if isinstance(record, str):
            yield Action("skip", f"card at line {start}", record, start)
        else:
            yield planner.plan(record)


# --- writing ---------------------------------------------------------------------------------


def _list(value: Any) -> list[str]:
    if is_empty(value):
        return []
    if isinstance(value, list | tuple):
        return [clean_text(v) for v in value if not is_empty(v)]
    return [clean_text(value)]


def split_name(name: str) -> tuple[str, str]:
    """``(given, family)`` for a vCard's N. The last two words are the family name when there
    are four or more (Spanish and Portuguese use two surnames: "Miguel Ángel | Navarro
    Ibáñez"), else the words after the first. Phones show FN; N only sorts."""
    words = name.split()
    cut = len(words) - 2 if len(words) >= 4 else 1
    return " ".join(words[:cut]), " ".join(words[cut:])


def contact_vcard(name: str, props: dict[str, Any], aliases: list[str]) -> Any:
    """One contact as a vobject vCard 3.0 (the version every phone imports)."""
    import uuid

    import vobject
    from vobject.vcard import Address, Name

    card = vobject.vCard()
    card.add("version").value = "3.0"
    card.add("uid").value = str(uuid.uuid5(uuid.NAMESPACE_URL, f"vinculo:{name}"))
    card.add("fn").value = name
    given, family = split_name(name)
    card.add("n").value = Name(family=family, given=given)
    for alias in aliases:
        card.add("nickname").value = alias
    for number in _list(props.get("phone")):
        tel = card.add("tel")
        tel.value, tel.type_param = number, "CELL"
    for mail in _list(props.get("email")):
        email = card.add("email")
        email.value, email.type_param = mail, "INTERNET"
    birthday = props.get("birthday")
    if isinstance(birthday, dt.date):
        card.add("bday").value = birthday.isoformat()
    elif isinstance(birthday, str) and _BDAY.match(birthday.strip()):
        card.add("bday").value = birthday.strip()
    if _list(props.get("company")):
        card.add("org").value = [_list(props.get("company"))[0]]
    if _list(props.get("role")):
        card.add("title").value = _list(props.get("role"))[0]
    if _list(props.get("city")):
        card.add("adr").value = Address(city=_list(props.get("city"))[0])
    for url in _list(props.get("linkedin")):
        card.add("url").value = url
    return card


def export_vcards(contacts: dict[str, Any]) -> str:
    """Every contact as vCard 3.0 text, sorted by name, the same bytes for the same vault."""
    return "".join(
        contact_vcard(c.name, c.properties, c.aliases).serialize()
        for c in sorted(contacts.values(), key=lambda c: c.name.casefold())
    )


@hookimpl
def register_importers() -> list[Importer]:
    return [
        Importer(
            name="vcard",
            description="an address book in vCard format (.vcf, versions 2.1, 3.0 and 4.0)",
            run=run,
            suffixes=(".vcf", ".vcard"),
        )
    ]


@hookimpl
def register_commands(cli: click.Group) -> None:
    from vinculo.default_plugins.commands.importing import export_group

    from vinculo.command_api import Session, deliver_export, output_option, vault_argument

    @export_group(cli).command("vcard")
    @vault_argument
    @output_option
    @click.pass_context
    def vcard(ctx: click.Context, vault: Path | None, output: Path | None) -> None:
        """Every contact of the vault as a .vcf file your phone's address book imports.

        \b
        Name, nicknames (aliases), phones, e-mails, birthday, company, role, city and the
        LinkedIn profile, as vCard 3.0.
        Example:  vinculo export vcard ~/Vault -o contacts.vcf
        """
        from vinculo.cache import open_cache
        from vinculo.contacts import build_contacts
        from vinculo.vault import scan_vault

        session = Session(ctx, vault)
        store = open_cache(session.vault, session.config)  # unchanged notes are not read
        notes = scan_vault(session.vault, session.config, store).notes
        if store is not None:
            store.save()
        text = export_vcards(build_contacts(notes, session.pm, session.config))
        deliver_export(session, output, text.encode("utf-8"), "vCard export",
                       f"{text.count('BEGIN:VCARD')} contacts")

