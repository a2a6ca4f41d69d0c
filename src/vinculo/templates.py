"""Note templates: which ones exist, and rendering them the way Obsidian's Templates plugin does.

Templates are written in Obsidian's own syntax (``{{title}}``, ``{{date}}``, ``{{time}}``,
``{{date:YYYY-MM-DD}}``) so the same files work from Obsidian's Templates core plugin. Plugins
contribute them through ``register_templates``; a file of the same name in the vault's
templates folder overrides a contributed one, so people edit their templates where they live.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pluggy

from vinculo.config import Config
from vinculo.model import Template
from vinculo.text import fold

DEFAULT_DATE_FORMAT = "YYYY-MM-DD"
DEFAULT_TIME_FORMAT = "HH:mm"

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _h12(t: dt.datetime) -> int:
    return t.hour % 12 or 12


# moment.js tokens, longest first (Obsidian formats dates with moment.js); English names, so
# the output never depends on the machine's locale.
_TOKENS: list[tuple[str, Callable[[dt.datetime], str]]] = [
    ("YYYY", lambda t: f"{t.year:04d}"),
    ("YY", lambda t: f"{t.year % 100:02d}"),
    ("MMMM", lambda t: _MONTHS[t.month - 1]),
    ("MMM", lambda t: _MONTHS[t.month - 1][:3]),
    ("MM", lambda t: f"{t.month:02d}"),
    ("M", lambda t: str(t.month)),
    ("DDDD", lambda t: f"{t.timetuple().tm_yday:03d}"),
    ("DD", lambda t: f"{t.day:02d}"),
    ("Do", lambda t: _ordinal(t.day)),
    ("D", lambda t: str(t.day)),
    ("dddd", lambda t: _DAYS[t.weekday()]),
    ("ddd", lambda t: _DAYS[t.weekday()][:3]),
    ("E", lambda t: str(t.isoweekday())),
    ("WW", lambda t: f"{t.isocalendar()[1]:02d}"),
    ("W", lambda t: str(t.isocalendar()[1])),
    ("GGGG", lambda t: f"{t.isocalendar()[0]:04d}"),
    ("HH", lambda t: f"{t.hour:02d}"),
    ("H", lambda t: str(t.hour)),
    ("hh", lambda t: f"{_h12(t):02d}"),
    ("h", lambda t: str(_h12(t))),
    ("mm", lambda t: f"{t.minute:02d}"),
    ("m", lambda t: str(t.minute)),
    ("ss", lambda t: f"{t.second:02d}"),
    ("s", lambda t: str(t.second)),
    ("A", lambda t: "AM" if t.hour < 12 else "PM"),
    ("a", lambda t: "am" if t.hour < 12 else "pm"),
]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def moment_format(moment: dt.datetime, fmt: str) -> str:
    """Format ``moment`` with a moment.js format string (``[text]`` is literal text)."""
    out, i = [], 0
    while i < len(fmt):
        if fmt[i] == "[":
            end = fmt.find("]", i)
            end = len(fmt) if end < 0 else end
            out.append(fmt[i + 1 : end])
            i = end + 1
            continue
        for token, render in _TOKENS:
            if fmt.startswith(token, i):
                out.append(render(moment))
                i += len(token)
                break
        else:
            out.append(fmt[i])
            i += 1
    return "".join(out)


# Obsidian's own patterns: {{date}}, {{time}}, {{date:FORMAT}}, {{date+1d:FORMAT}}, {{title}}.
_DATE_TIME = re.compile(
    r"{{\s*(?P<kind>date|time)\s*(?:(?P<offset>[+-]\d+)(?P<unit>[yqmwdhs]))?\s*(?::(?P<fmt>.+?))?}}",
    re.IGNORECASE,
)
_TITLE = re.compile(r"{{\s*title\s*}}", re.IGNORECASE)


def _shift(moment: dt.datetime, offset: int, unit: str) -> dt.datetime:
    if unit in "yqm":
        months = offset * {"y": 12, "q": 3, "m": 1}[unit]
        year, month = divmod(moment.month - 1 + months, 12)
        year += moment.year
        day = min(moment.day, [31, 29 if _leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31,
                               30, 31][month])
        return moment.replace(year=year, month=month + 1, day=day)
    seconds = {"w": 604800, "d": 86400, "h": 3600, "s": 1}[unit]
    return moment + dt.timedelta(seconds=offset * seconds)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def render(
    body: str,
    title: str,
    now: dt.datetime,
    date_format: str = DEFAULT_DATE_FORMAT,
    time_format: str = DEFAULT_TIME_FORMAT,
) -> str:
    """Fill a template the way Obsidian's Templates core plugin does; other text is untouched."""

    def date_time(match: re.Match[str]) -> str:
        moment = now
        if match["offset"]:
            try:
                moment = _shift(now, int(match["offset"]), match["unit"].lower())
            except (OverflowError, ValueError):  # past year 9999: left as written
                return match[0]
        default = date_format if match["kind"].lower() == "date" else time_format
        return moment_format(moment, (match["fmt"] or default).strip() or default)

    body = _TITLE.sub(lambda _m: title, body)
    return _DATE_TIME.sub(date_time, body)


def obsidian_formats(vault: Path) -> tuple[str, str]:
    """The date and time formats set in Obsidian's Templates settings, else its defaults."""
    try:
        data = json.loads((vault / ".obsidian" / "templates.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    data = data if isinstance(data, dict) else {}
    return (str(data.get("dateFormat") or DEFAULT_DATE_FORMAT),
            str(data.get("timeFormat") or DEFAULT_TIME_FORMAT))


@dataclass(frozen=True)
class Available:
    """A template ready to use, and where it comes from: a plugin's name, or ``vault``."""

    template: Template
    source: str
    path: str | None = None  # rel path in the vault when the vault file overrides it


def contributed_templates(pm: pluggy.PluginManager) -> dict[str, Available]:
    """Templates from ``register_templates``; a plugin registered later wins a shared name."""
    out: dict[str, Available] = {}
    for impl in pm.hook.register_templates.get_hookimpls():
        # pluggy types every implementation as returning object: this hook's spec says what
        for template in cast("list[Template]", impl.function() or []):
            out[template_key(template.name)] = Available(template, impl.plugin_name)
    return out


def template_key(name: str) -> str:
    """How template names are compared: accent- and case-blind, ``.md`` ignored."""
    name = name[:-3] if name.lower().endswith(".md") else name
    return fold(unicodedata.normalize("NFC", name).strip())


def vault_template_files(vault: Path, config: Config) -> dict[str, str]:
    """Markdown files at the top of the vault's templates folder: key → rel path."""
    folder = config.templates_folder
    root = vault / folder if folder else None
    if root is None or not root.is_dir():
        return {}
    out: dict[str, str] = {}
    for path in sorted(root.glob("*.md")):
        if path.is_file():
            out[template_key(path.name)] = f"{folder}/{path.name}"
    return out


def available_templates(vault: Path, config: Config, pm: pluggy.PluginManager) -> dict[str, Available]:
    """Every template by key: contributed ones, each replaced by a vault file of the same name,
    plus the vault's own templates."""
    out = contributed_templates(pm)
    for key, rel in vault_template_files(vault, config).items():
        try:
            body = (vault / rel).read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        base = out.get(key)
        name = base.template.name if base else Path(rel).stem
        template = Template(
            name=name,
            body=body,
            description=base.template.description if base else "",
            folder=base.template.folder if base else None,
        )
        out[key] = Available(template, "vault", rel)
    return out


def find_template(
    name: str, vault: Path, config: Config, pm: pluggy.PluginManager
) -> Available | None:
    """One template by name (accent- and case-blind), vault overrides first."""
    return available_templates(vault, config, pm).get(template_key(name))


# --- naming the notes made from templates -----------------------------------------------------

_FORBIDDEN = re.compile(r'[/\\:*?"<>|#^\[\]\x00-\x1f\x7f]')
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                     *(f"lpt{i}" for i in range(1, 10))}
MAX_NAME_BYTES = 180  # leaves room for ".md", a folder and sync tools' suffixes under 255


def safe_filename(title: str, max_bytes: int = MAX_NAME_BYTES) -> str:
    """A file name (without ``.md``) for a note titled ``title``, safe on every OS and in
    Obsidian links: no ``/\\:*?"<>|#^[]``, no leading dot, trimmed, accents kept.

    Raises ValueError when nothing usable is left.
    """
    name = unicodedata.normalize("NFC", title)
    name = _FORBIDDEN.sub(" ", name)
    name = re.sub(r"\s+", " ", name).strip()
    while name.startswith(".") or name != name.strip():  # ". .x" → "x": no hidden file
        name = name.lstrip(".").strip()
    encoded = name.encode("utf-8")
    if len(encoded) > max_bytes:
        name = encoded[:max_bytes].decode("utf-8", errors="ignore")
    name = name.rstrip(" .")
    if not name:
        raise ValueError(f"no usable characters in the title {title!r}")
    if name.lower().split(".")[0] in _WINDOWS_RESERVED:
        name = f"{name} (note)"
    return name
