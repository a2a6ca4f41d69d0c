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

from vinculo.config_schema import Problem, Section, Setting, check, defaults_of
from vinculo.errors import ConfigurationError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["CONFIG_FILE", "Config", "ConfigError", "load_config"]

CONFIG_FILE = "vinculo.toml"

def _text(key: str, default: Any = None, help: str = "", expect: str = "") -> Setting:
    return Setting(key, "text", default, help, expect=expect)


# The core's own sections: each key, its kind and default, declared once. Plugins declare
# theirs through the ``register_settings`` hook (see vinculo.config_schema).
CORE_SECTIONS: tuple[Section, ...] = (
    Section("folders", (
        _text("people", "People", "contact notes", "a folder path"),
        _text("templates", "Templates", "never read as notes", "a folder path"),
        _text("meetings", "Meetings", "meeting notes", "a folder path"),
        _text("daily", "", "daily notes (Obsidian's setting when present)", "a folder path"),
        _text("dashboard", "vinculo/Dashboard.md", "the reach-out list vinculo writes",
              "a folder path"),
        _text("base", None, "the Bases table of contacts (beside the dashboard)", "a folder path"),
    ), "where things are in the vault"),
    Section("daily_notes", (
        _text("format", "YYYY-MM-DD", "the daily note's file name",
              'a date format, such as "YYYY-MM-DD"'),
        _text("template", None, "the template of a new daily note"),
    )),
    # Which frontmatter properties date a note, in order ("*-date": session-date, due-date…).
    Section("dates", (Setting("properties", "texts", ["date", "created", "day", "*-date", "*_date"],
                              "what dates a note, in order"),
                      Setting("folders", "bool", False,
                              "a note in a folder named by a date is about that day"))),
    Section("contacts", (
        Setting("types", "texts", ["person", "contact"], "type: values of a contact note",
                expect='a list of words, such as ["person"]'),
        Setting("tags", "texts", ["person", "people", "contact"], "tags of a contact note",
                expect='a list of tags, such as ["person"]'),
        _text("type_key", "type", "the property holding the type", "a property name"),
        _text("aliases_key", "aliases", "the property holding other names", "a property name"),
    )),
    Section("ignore", (
        Setting("paths", "texts", [], "folders never read (Obsidian's Excluded files syntax)",
                expect='a list of folder paths, such as ["Archive"]'),
        Setting("max_note_bytes", "int", 5_000_000, "larger notes are neither read nor written",
                minimum=1, expect="a whole number of bytes, such as 5_000_000"),
    )),
    Section("plugins", (Setting("disabled", "texts", [], "plugins never loaded, by name",
                                expect='a list of plugin names, such as ["pacing"]'),)),
    Section("block", (
        _text("heading", "## vinculo", "the heading above the managed block", "text"),
        _text("start", "<!-- vinculo:start -->", "the managed block's first line", "text"),
        _text("end", "<!-- vinculo:end -->", "the managed block's last line", "text"),
    )),
    Section("properties", (
        Setting("write", "bool", True, "write vinculo_last_contact, vinculo_stage…"),
        _text("prefix", "vinculo_", "the prefix of vinculo's own properties",
              'text, such as "vinculo_"'),
        Setting("names", "table", None, "other names for vinculo's properties", item="text"),
    )),
    Section("linking", (
        Setting("headings", "bool", None, "link names inside headings too"),
        Setting("first_names", "bool", None, "link a first name alone when it is unambiguous"),
        Setting("never", "texts", None, "names never linked or suggested"),
        Setting("fuzzy", "bool", None, "find names written with a typo"),
        Setting("min_typo_chars", "int", None, "names shorter than this need no typo", minimum=1),
        Setting("max_candidates", "int", None, "candidates weighed per fuzzy match", minimum=1),
    ), "what becomes a [[link]]"),
    Section("cache", (Setting("enabled", "bool", None, "keep each note's analysis between runs"),)),
    Section("performance", (Setting("workers", "int", None, "worker processes (default: cores, "
                                    "at most 4)", minimum=1),)),
    Section("ui", (_text("language", None, 'the language vinculo writes in ("en", "es")'),)),
)

DEFAULTS: dict[str, Any] = defaults_of(CORE_SECTIONS)


class ConfigError(ConfigurationError, ValueError):
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
    # vinculo.toml as written (before defaults) and its text: what the check reads.
    user: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    # The warnings of the last check (vinculo.config_check): unknown sections and keys.
    problems: list[Problem] = field(default_factory=list)

    def get(self, dotted: str, default: Any = None) -> Any:
        """``config.get("calendar.weeks", 4)``: a setting, with a fallback. Ladder thresholds
        are read from :func:`vinculo.ladder_settings.ladder_settings` (declared once)."""
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
        """``[plugins] disabled``; none when it is not a list (an error the check reports,
        read before it: the check needs the plugins)."""
        value = self.get("plugins.disabled", [])
        return [str(p) for p in value] if isinstance(value, list) else []


def read_config(vault: Path) -> Config:
    """Read ``.obsidian/`` settings, then ``vinculo.toml`` (ConfigError only when it is not
    TOML); its problems are for :func:`core_problems` / :mod:`vinculo.config_check`."""
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
    user: dict[str, Any] = {}
    text = ""
    if path.exists():
        try:
            text = path.read_text(encoding="utf-8")
            user = tomllib.loads(text)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{CONFIG_FILE}: {exc}") from exc
        data = _merge(data, {k: v for k, v in user.items()
                             if not (k in data and not isinstance(v, dict))})
    return Config(vault=vault, data=data, obsidian_ignore=ignore, user=user, text=text)


def core_problems(config: Config) -> list[Problem]:
    """The problems of the core's own sections: checkable before any plugin is loaded."""
    return check(config.user, {s.name: s for s in CORE_SECTIONS}, config.text,
                 only=[s.name for s in CORE_SECTIONS])


def raise_errors(problems: list[Problem]) -> None:
    """ConfigError with the first error (one line) and how many more there are."""
    errors = [p for p in problems if p.level == "error"]
    if errors:
        more = f" (and {len(errors) - 1} more: vinculo config check)" if len(errors) > 1 else ""
        raise ConfigError(f"{errors[0]}{more}")


def load_config(vault: Path) -> Config:
    """Read ``.obsidian/`` settings, then ``vinculo.toml``; raise ConfigError on a broken file
    or a core setting of the wrong kind. Where the plugins are known, read with
    :func:`read_config` and check once with :func:`vinculo.config_check.validate` instead
    (every command does, through ``Session``)."""
    config = read_config(vault)
    raise_errors(core_problems(config))
    return config
