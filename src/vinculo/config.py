"""Vault configuration: ``vinculo.toml`` at the vault root, read as data, never run.

Every convention of DESIGN.md is a default here, so a vault with no file works. Obsidian's own
settings (daily-notes format, templates folder, ignore filters) are read from ``.obsidian/``
when present; ``vinculo.toml`` wins where both speak.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["CONFIG_FILE", "Config", "ConfigError", "load_config"]

CONFIG_FILE = "vinculo.toml"

DEFAULTS: dict[str, Any] = {
    "folders": {
        "people": "People",
        "templates": "Templates",
        "meetings": "Meetings",
        "daily": "",
        "dashboard": "vinculo/Dashboard.md",
    },
    "daily_notes": {"format": "YYYY-MM-DD"},
    # Which frontmatter properties date a note, in order ("*-date": session-date, due-date…).
    "dates": {"properties": ["date", "created", "day", "*-date", "*_date"]},
    "contacts": {
        "types": ["person", "contact"],
        "tags": ["person", "people", "contact"],
        "type_key": "type",
        "aliases_key": "aliases",
    },
    "ignore": {"paths": [], "max_note_bytes": 5_000_000},
    "plugins": {"disabled": []},
    "block": {
        "heading": "## vinculo",
        "start": "<!-- vinculo:start -->",
        "end": "<!-- vinculo:end -->",
    },
    "properties": {"write": True, "prefix": "vinculo_"},
}


class ConfigError(ValueError):
    """The configuration file exists but cannot be used; the message says why and where."""


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}

T = TypeVar("T")


@dataclass
class Config:
    """Merged settings for one vault. Plugins read their own sections with :meth:`get`."""

    vault: Path
    data: dict[str, Any] = field(default_factory=lambda: copy.deepcopy(DEFAULTS))
    obsidian_ignore: list[str] = field(default_factory=list)
    # The language the vault's notes are written in, when a run could tell (vinculo.i18n):
    # what is written follows it unless [ui] language says otherwise.
    detected_language: str | None = None

    def get(self, dotted: str, default: Any = None) -> Any:
        """``config.get("ladder.call_after_days", 60)``: a plugin's setting with its default."""
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    def derived(self, key: str, compute: Callable[[Config], T]) -> T:
        """``compute(self)``, computed once per configuration: for values a plugin derives
        from its settings on every note (sets of tags, compiled patterns)."""
        memo = self.__dict__.setdefault("_derived", {})
        if key not in memo:
            memo[key] = compute(self)
        return memo[key]

    def folder(self, name: str) -> str:
        return str(self.get(f"folders.{name}", "") or "").strip("/")

    @property
    def people_folder(self) -> str:
        return self.folder("people")

    @property
    def templates_folder(self) -> str:
        return self.folder("templates")

    @property
    def daily_format(self) -> str:
        return str(self.get("daily_notes.format", "YYYY-MM-DD"))

    @property
    def max_note_bytes(self) -> int:
        """Notes larger than this are neither read nor ever written (checked on load)."""
        return int(self.get("ignore.max_note_bytes", 5_000_000))

    @property
    def disabled_plugins(self) -> list[str]:
        return [str(p) for p in self.get("plugins.disabled", []) or []]


def load_config(vault: Path) -> Config:
    """Read ``.obsidian/`` settings, then ``vinculo.toml``; raise ConfigError on a broken file."""
    data = copy.deepcopy(DEFAULTS)
    obsidian = vault / ".obsidian"
    daily = _read_json(obsidian / "daily-notes.json")
    if daily.get("format"):
        data["daily_notes"]["format"] = str(daily["format"])
    if daily.get("folder"):
        data["folders"]["daily"] = str(daily["folder"]).strip("/")
    templates = _read_json(obsidian / "templates.json")
    if templates.get("folder"):
        data["folders"]["templates"] = str(templates["folder"]).strip("/")
    app = _read_json(obsidian / "app.json")
    ignore = [str(f) for f in app.get("userIgnoreFilters", []) or [] if isinstance(f, str)]

    path = vault / CONFIG_FILE
    if path.exists():
        try:
            user = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{CONFIG_FILE}: {exc}") from exc
        data = _merge(data, user)
        check_types(data)
    return Config(vault=vault, data=data, obsidian_ignore=ignore)


def _is_list_of_str(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


# The core settings a wrong type would break deep inside a run: (section, key) -> (check, what)
_TYPES: dict[tuple[str, str], tuple[Callable[[Any], bool], str]] = {
    ("ignore", "max_note_bytes"): (
        lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0,
        "a whole number of bytes, such as 5_000_000"),
    ("ignore", "paths"): (_is_list_of_str, 'a list of folder paths, such as ["Archive"]'),
    ("plugins", "disabled"): (_is_list_of_str, 'a list of plugin names, such as ["pacing"]'),
    ("contacts", "types"): (_is_list_of_str, 'a list of words, such as ["person"]'),
    ("contacts", "tags"): (_is_list_of_str, 'a list of tags, such as ["person"]'),
    ("contacts", "type_key"): (lambda v: isinstance(v, str), "a property name"),
    ("contacts", "aliases_key"): (lambda v: isinstance(v, str), "a property name"),
    ("daily_notes", "format"): (lambda v: isinstance(v, str), 'a date format, such as "YYYY-MM-DD"'),
    ("properties", "write"): (lambda v: isinstance(v, bool), "true or false"),
    ("properties", "prefix"): (lambda v: isinstance(v, str), 'text, such as "vinculo_"'),
    **{("folders", k): (lambda v: isinstance(v, str), "a folder path") for k in DEFAULTS["folders"]},
    **{("block", k): (lambda v: isinstance(v, str), "text") for k in DEFAULTS["block"]},
}


def check_types(data: dict[str, Any]) -> None:
    """ConfigError naming the first core setting of the wrong type (one line, not a
    traceback from wherever the value is first used)."""
    for section in {s for s, _ in _TYPES} | set(DEFAULTS):
        if not isinstance(data.get(section), dict):
            raise ConfigError(f"{CONFIG_FILE}: [{section}] must be a table of settings")
    for (section, key), (ok, what) in _TYPES.items():
        value = data[section].get(key)
        if key in data[section] and not ok(value):
            raise ConfigError(f"{CONFIG_FILE}: [{section}] {key} must be {what} (got {value!r})")
