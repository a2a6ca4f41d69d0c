"""LinkedIn messages as history: ``vinculo import linkedin-messages messages.csv VAULT``.

LinkedIn's full data export ("Get a copy of your data" → the larger archive) has
``messages.csv``: ``CONVERSATION ID, CONVERSATION TITLE, FROM, SENDER PROFILE URL, TO,
RECIPIENT PROFILE URLS, DATE, SUBJECT, CONTENT, FOLDER`` (older exports lack the recipients'
URLs), dates written ``2025-11-20 09:14:05 UTC``, a message's text often on several lines.

The people are matched by profile URL first (the ``linkedin`` property the connections
importer fills), then by name. Which sender is the user: ``[me] linkedin`` (your profile URL)
or ``[me] names``, else the member who takes part in the most conversations: you are in all of
them. The file is read twice, streamed, never whole.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from vinculo.default_plugins.importers.linkedin import person_name

from vinculo.config_schema import Section, Setting
from vinculo.hookspecs import hookimpl
from vinculo.importing.base import Action, ImportContext, Importer, ImportFileError, bytes_run
from vinculo.importing.messages import Party, Tally, me_setting, plan_logs
from vinculo.importing.names import name_key, url_key
from vinculo.importing.textfile import stream_lines
from vinculo.text import fold

LABEL = "LinkedIn"
_URL_SPLIT = re.compile(r"[\s,;]+")
REQUIRED = ("conversation id", "from", "date")


def _rows(path: Path, ctx: ImportContext,
          tally: Tally | None) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line, row)`` for each message, columns by folded name; unreadable rows are reported
    to ``tally`` (when given: the first pass only looks)."""
    bad: list[int] = []

    def lines() -> Iterator[str]:
        for number, text in stream_lines(handle, size, ctx, "LinkedIn messages"
                                         if tally is not None else "LinkedIn members"):
            if text is None:
                bad.append(number)
                text = ""
            yield text + "\n"

    size = path.stat().st_size
    with path.open("rb") as handle:
        reader = csv.reader(lines(), strict=True)
        header: list[str] = []
        start = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                if tally is not None:
                    tally.skip(start, f"line {start}", f"unreadable row ({exc}): file cut short?")
                start = reader.line_num + 1
                continue
            line, start = start, reader.line_num + 1
            if not header:
                header = [fold(c.strip()).lstrip("\ufeff") for c in row]
                if not all(k in header for k in REQUIRED):
                    raise ImportFileError("no 'CONVERSATION ID,…,FROM,…,DATE' header: is this the "
                                          "messages.csv of LinkedIn's data export?")
                continue
            broken = [n for n in bad if line <= n < start]
            if broken:
                if tally is not None:
                    tally.skip(broken[0], f"line {broken[0]}",
                               "not UTF-8 (wrong encoding? try --encoding cp1252)")
                continue
            if not any(c.strip() for c in row):
                continue
            if len(row) < len(header) - 2:  # SUBJECT and FOLDER may be cut; nothing else
                if tally is not None:
                    tally.skip(line, f"line {line}", f"only {len(row)} of {len(header)} columns: "
                                                     "row cut short")
                continue
            yield line, dict(zip(header, row, strict=False))


def _urls(value: str) -> list[str]:
    return [url_key(u) for u in _URL_SPLIT.split(value or "") if "linkedin.com" in u.lower()]


def find_me(path: Path, ctx: ImportContext) -> tuple[set[str], set[str]]:
    """The user's profile URLs and name keys: from ``[me]``, else the member in the most
    conversations (a first pass over the file)."""
    urls = {url_key(u) for u in me_setting(ctx, "linkedin")}
    names = {name_key(n) for n in me_setting(ctx, "names")}
    if urls or names:
        return urls, names
    members: dict[str, set[str]] = {}
    for _, row in _rows(path, ctx, None):
        conversation = row.get("conversation id", "")
        for url in _urls(row.get("sender profile url", "")) + _urls(
                row.get("recipient profile urls", "")):
            members.setdefault(url, set()).add(conversation)
    counted = Counter({url: len(c) for url, c in members.items()}).most_common(2)
    if not counted or (len(counted) == 2 and counted[0][1] == counted[1][1] and counted[0][1] < 2):
        raise ImportFileError(
            "cannot tell which member is you: set [me] linkedin = \"https://www.linkedin.com/in/"
            "you\" in vinculo.toml")
    return {counted[0][0]}, set()


def _when(text: str, where: dt.tzinfo | None) -> dt.datetime | None:
    """A message's moment in the user's time zone: a message sent at 23:30 UTC is the next
    day in Madrid."""
    text = text.strip()
    utc = text.endswith(" UTC")
    text = text.removesuffix(" UTC").strip()
    for form in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            moment = dt.datetime.strptime(text, form)
        except ValueError:
            continue
        if utc:
            moment = moment.replace(tzinfo=dt.timezone.utc).astimezone(where)
        return moment
    return None


def run_file(path: Path, ctx: ImportContext) -> Iterator[Action]:
    where = ctx.timezone("linkedin-messages")  # else this computer's zone
    my_urls, my_names = find_me(path, ctx)
    tally = Tally(ctx.with_text)

    def is_me(url: str, name: str) -> bool:
        return (bool(url) and url in my_urls) or (bool(name) and name_key(name) in my_names)

    for line, row in _rows(path, ctx, tally):
        if fold(row.get("folder", "")).strip() == "spam":
            continue
        when = _when(row.get("date", ""), where)
        sender = person_name(row.get("from", ""))
        if when is None:
            tally.skip(line, sender or f"line {line}",
                       f"unreadable date {row.get('date', '')!r}")
            continue
        sender_urls = _urls(row.get("sender profile url", ""))
        sender_url = sender_urls[0] if sender_urls else ""
        text = row.get("content", "") or row.get("subject", "")
        time = when.strftime("%H:%M")
        if is_me(sender_url, sender):
            recipients = _urls(row.get("recipient profile urls", ""))
            names = [person_name(n) for n in (row.get("to", "") or "").split(",")]
            if len(names) != len(recipients):
                names = [""] * len(recipients) if recipients else names
            for index, name in enumerate(names):
                url = recipients[index] if index < len(recipients) else ""
                if is_me(url, name) or not (url or name):
                    continue
                party = Party(name or url, handles=(url,) if url else ())
                tally.add(party, when.date(), "out", LABEL, line, text, time)
        elif sender or sender_url:
            party = Party(sender or sender_url, handles=(sender_url,) if sender_url else ())
            tally.add(party, when.date(), "in", LABEL, line, text, time)
    yield from plan_logs(tally, ctx, "messages")


@hookimpl
def register_settings() -> list[Section]:
    return [Section("importers.linkedin-messages", (
        Setting("timezone", "text", None, "where the export's UTC times are dated (an IANA "
                "name such as Europe/Madrid; default: this computer's)"),
    ))]


@hookimpl
def register_importers() -> list[Importer]:
    return [
        Importer(
            name="linkedin-messages",
            description="LinkedIn messages (messages.csv of the full data export)",
            run=bytes_run(run_file, "messages.csv"),
            suffixes=(".csv",),
            run_file=run_file,
        )
    ]
