"""LinkedIn connections: ``vinculo import linkedin Connections.csv VAULT``.

Reads the ``Connections.csv`` of LinkedIn's data export ("Get a copy of your data"): a few
preamble lines ("Notes:" and a paragraph about hidden e-mail addresses), then the header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On`` (older exports
have no ``URL``; columns are read by name) and one row per connection, dates written
``29 Nov 2026``. Each row becomes a contact with ``met_via: LinkedIn``
and ``connected``, or fills the empty properties of the contact it matches.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator

from vinculo.hookspecs import hookimpl
from vinculo.importing.base import Action, ImportContext, Importer, ImportFileError
from vinculo.importing.names import clean_text
from vinculo.importing.people import PeoplePlanner, PersonRecord
from vinculo.importing.textfile import split_lines
from vinculo.text import fold, lazy_pattern

# LinkedIn writes English month abbreviations; Spanish ones cost nothing and appear in
# hand-edited files.
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12, "ene": 1, "abr": 4, "ago": 8, "dic": 12,
}
_DAY_MONTH_YEAR = lazy_pattern(r"^(\d{1,2})[ -]([^\W\d_]+)\.?[ -](\d{4})$")
_MONTH_DAY_YEAR = lazy_pattern(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
# "García, MBA" / "Ruiz, PhD": a credential LinkedIn users append to their last name.
_CREDENTIAL = lazy_pattern(r",\s*[\w.\- ]{1,12}$")


def parse_connected(text: str) -> dt.date:
    """``29 Nov 2026`` (and ``29-Nov-2026``, ``11/29/26``, ``2026-11-29``) as a date;
    ValueError for anything else."""
    text = text.strip()
    match = _DAY_MONTH_YEAR.match(text)
    if match:
        month = MONTHS.get(fold(match[2])[:4]) or MONTHS.get(fold(match[2])[:3])
        if month:
            return dt.date(int(match[3]), month, int(match[1]))
        raise ValueError(text)
    match = _MONTH_DAY_YEAR.match(text)
    if match:
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        return dt.date(year, int(match[1]), int(match[2]))
    return dt.date.fromisoformat(text)


def person_name(first: object, last: object = "") -> str:
    """A LinkedIn member's name as a contact title: tidy, without a credential appended to
    the last name ("García, MBA" is García). Shared by the connections and messages importers."""
    return f"{clean_text(first)} {_CREDENTIAL.sub('', clean_text(last))}".strip()


def _header_index(lines: list[str | None]) -> tuple[int, list[str]]:
    """Where the header row is (0-based) and its column names, folded."""
    for i, line in enumerate(lines[:50]):
        if line is None:
            continue
        cells = [fold(c.strip()) for c in next(csv.reader([line]), [])]
        if cells[:2] == ["first name", "last name"]:
            return i, cells
    raise ImportFileError(
        "no 'First Name,Last Name,…' header in the first 50 lines: "
        "is this the Connections.csv of LinkedIn's data export?"
    )


def read_rows(data: bytes, encoding: str = "utf-8") -> Iterator[tuple[int, dict[str, str] | str]]:
    """``(line, row)`` for each data row, or ``(line, reason)`` for a row that cannot be read
    (wrong encoding, broken quoting, cut short)."""
    lines, bad = split_lines(data, encoding)
    header_at, header = _header_index(lines)
    bad_at = {b.line: b.reason for b in bad}
    body = [(line or "") + "\n" for line in lines[header_at + 1 :]]
    reader = csv.reader(iter(body), strict=True)
    start = header_at + 2  # 1-based number of the first data line
    consumed = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start + consumed, f"unreadable row ({exc}): file cut short?"
            consumed = reader.line_num
            continue
        line = start + consumed
        consumed = reader.line_num
        span = range(line, start + consumed)
        reasons = [bad_at[n] for n in span if n in bad_at]
        if reasons:
            yield line, reasons[0]
        elif not any(cell.strip() for cell in row):
            continue
        elif len(row) < len(header):
            yield line, f"only {len(row)} of {len(header)} columns: row cut short"
        else:
            yield line, dict(zip(header, row, strict=False))


def to_record(line: int, row: dict[str, str]) -> PersonRecord | str:
    """One connection as a person record, or the reason it is skipped."""
    name = person_name(row.get("first name"), row.get("last name"))
    if not name:
        return "no first or last name"
    props: dict[str, object] = {"met_via": "LinkedIn"}
    connected = clean_text(row.get("connected on"))
    if connected:
        try:
            props["connected"] = parse_connected(connected)
        except ValueError:
            return f"unreadable date in 'Connected On': {connected!r}"
    url = clean_text(row.get("url"))
    email = clean_text(row.get("email address"))
    for key, value in (("company", row.get("company")), ("role", row.get("position"))):
        if clean_text(value):
            props[key] = clean_text(value)
    if url:
        props["linkedin"] = url
    if email:
        props["email"] = email
    return PersonRecord(name=name, line=line, properties=props,
                        emails=[email] if email else [], urls=[url] if url else [])


def run(data: bytes, ctx: ImportContext) -> Iterator[Action]:
    planner = PeoplePlanner(ctx)
    rows = list(read_rows(data, ctx.encoding))
    for line, row in ctx.progress(rows, len(rows), "LinkedIn connections"):
        if isinstance(row, str):
            yield Action("skip", f"line {line}", row, line)
            continue
        record = to_record(line, row)
        if isinstance(record, str):
            label = " ".join(filter(None, (row.get("first name"), row.get("last name"))))
            yield Action("skip", clean_text(label) or f"line {line}", record, line)
            continue
        yield planner.plan(record)


@hookimpl
def register_importers() -> list[Importer]:
    return [
        Importer(
            name="linkedin",
            description="LinkedIn connections (Connections.csv of the data export)",
            run=run,
            suffixes=(".csv",),
        )
    ]
