"""A line for a day's daily note, under its "People I met" heading: where people log
interactions by hand, so vinculo's log lands where they would have typed it."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from vinculo.config import Config
from vinculo.dates import format_daily_name
from vinculo.templates import obsidian_formats, render
from vinculo.text import fold

DEFAULT_HEADING = "## People I met"
_HEADING = re.compile(r"^(#{1,6})\s")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_EMPTY_ITEM = re.compile(r"^\s*[-*+]\s*$")


def daily_rel(config: Config, day: dt.date) -> str:
    """The vault-relative path of ``day``'s daily note, in the vault's folder and format."""
    name = format_daily_name(day, config.daily_format)
    folder = config.folder("daily")
    return f"{folder}/{name}.md" if folder else f"{name}.md"


def log_heading(config: Config) -> str:
    return str(config.get("palette.log_heading", DEFAULT_HEADING)).strip() or DEFAULT_HEADING


def append_under_heading(text: str, heading: str, line: str) -> str:
    """``text`` with ``line`` added as the last line of the section under ``heading`` (an
    empty ``-`` item left by a template is filled instead); the section is added at the end
    when the note has none. Line endings follow the note's."""
    eol = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    level = len(heading) - len(heading.lstrip("#"))
    start, in_fence = None, False
    for i, raw in enumerate(lines):
        if _FENCE.match(raw):
            in_fence = not in_fence
        elif not in_fence and fold(raw.strip()).startswith(fold(heading)):
            start = i
            break
    if start is None:
        body = text if not text or text.endswith(("\n", "\r")) else text + eol
        gap = eol if body.strip() and not body.endswith(eol * 2) else ""
        return f"{body}{gap}{heading}{eol}{line}{eol}"
    end, in_fence = len(lines), False
    for j in range(start + 1, len(lines)):
        if _FENCE.match(lines[j]):
            in_fence = not in_fence
        match = _HEADING.match(lines[j])
        if not in_fence and match and len(match[1]) <= level:
            end = j
            break
    last = end - 1
    while last > start and not lines[last].strip():
        last -= 1
    if last > start and _EMPTY_ITEM.match(lines[last]):
        indent = lines[last][: len(lines[last]) - len(lines[last].lstrip())]
        lines[last] = f"{indent}{line}{eol}"
        return "".join(lines)
    if not lines[last].endswith(("\n", "\r")):
        lines[last] += eol
    lines.insert(last + 1, f"{line}{eol}")
    return "".join(lines)


def daily_template_rel(vault: Path, config: Config) -> str | None:
    """The daily-note template set in Obsidian's Daily notes settings (or ``[daily_notes]
    template`` in vinculo.toml), as a vault-relative path, when that file exists."""
    name = config.get("daily_notes.template")
    if not name:
        try:
            data = json.loads((vault / ".obsidian" / "daily-notes.json").read_text("utf-8"))
        except (OSError, ValueError):
            data = {}
        name = data.get("template") if isinstance(data, dict) else None
    if not isinstance(name, str) or not name.strip():
        return None
    rel = name.strip().strip("/")
    rel = rel if rel.endswith(".md") else rel + ".md"
    return rel if (vault / rel).is_file() else None


def new_daily_text(vault: Path, config: Config, day: dt.date, now: dt.datetime) -> str:
    """A new daily note as Obsidian would create it: its template filled for ``day``."""
    rel = daily_template_rel(vault, config)
    if rel is None:
        return ""
    try:
        body = (vault / rel).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""
    date_format, time_format = obsidian_formats(vault)
    title = format_daily_name(day, config.daily_format).rsplit("/", 1)[-1]
    return render(body, title, dt.datetime.combine(day, now.time()), date_format, time_format)
