"""``[ladder]``: every threshold of the relationship ladder, declared once, read once per run.

:class:`LadderSettings` is the one place a ladder default is written (``lookahead_days = 7``…):
the ``[ladder]`` section the ``ladder`` plugin declares (``register_settings``) and the docs'
defaults come from its fields. :func:`ladder_settings` builds it once per configuration
(:meth:`vinculo.config.Config.derived`), so every rule — built in or yours — receives it
through the ``config`` argument its hooks already have::

    from vinculo.ladder_settings import ladder_settings

    @hookimpl
    def suggest(contact, history, today, config):
        horizon = today + dt.timedelta(days=ladder_settings(config).lookahead_days)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from vinculo.config_schema import Kind, Section, Setting, parse_days

if TYPE_CHECKING:
    from vinculo.config import Config

__all__ = ["LadderSettings", "ladder_settings"]

DEFAULT_TIERS = {"inner": 14, "close": 30, "casual": 90, "keep-warm": 180}
DEFAULT_IN_PERSON_TIERS = {"inner": 30, "close": 60, "casual": 180, "keep-warm": 365}
REAL_CHANNELS: tuple[str, ...] = ("message", "call", "in_person")
RECIPROCITY_HOLDS: tuple[str, ...] = (
    "touch", "call", "meet", "cadence", "meet_again", "reconnect", "drift")
CITY_GROUP_KINDS: tuple[str, ...] = ("meet", "cadence")


def _days(default: int, help: str) -> Any:
    return field(default=default, metadata={"kind": "days", "help": help})


def _count(default: int, help: str, minimum: int = 1) -> Any:
    return field(default=default, metadata={"kind": "int", "help": help, "minimum": minimum})


def _of(kind: Kind, default: Any, help: str, item: Kind | None = None) -> Any:
    make = (lambda: dict(default)) if isinstance(default, dict) else None
    meta = {"kind": kind, "help": help, "item": item}
    return field(default_factory=make, metadata=meta) if make else field(default=default,
                                                                         metadata=meta)


@dataclass(frozen=True)
class LadderSettings:
    """The ladder's thresholds for one run. Durations are days (the file may say ``"2w"``)."""

    lookahead_days: int = _days(7, "how far ahead \"due soon\" reaches: rules, dashboard, digest, who")
    dormant_days: int = _days(365, "no interaction this long: dormant, whatever the rung")
    new_connection_days: int = _days(28, "a connection younger than this gets a light touch at most")
    touch_after_days: int = _days(3, "the light touch, this long after connecting")
    call_after_days: int = _days(60, "online this long → propose a call")
    call_after_exchanges: int = _count(5, "or after this many online interactions")
    reply_gap_days: int = _days(2, "a call proposed at least this long after the last exchange")
    meet_after_call_days: int = _days(14, "this long after the last call → meet in person")
    birthday_days: int = _days(14, "birthdays and important dates this close are suggested")
    cooldown_days: int = _days(30, "a kind dismissed or done is not suggested again for this long")
    daily_budget: int = _count(5, "suggestions per day, at most (the overflow moves on)")
    city_group_min: int = _count(2, "people to see in one city before they are grouped")
    unanswered_limit: int = _count(3, "your messages/calls without an answer before holding back")
    unanswered_window_days: int = _days(90, "how far back unanswered outreach counts")
    quiet_days: int = _days(30, "after holding back, a light touch at most this long after yours")
    drift_min_gaps: int = _count(3, "fewer gaps between meetings: the tier's cadence is their usual gap")
    drift_factor: float = field(default=2, metadata={
        "kind": "number", "help": "drifting past this many times their usual gap", "minimum": 1})
    drift_slack_days: int = _days(7, "and at least this many days past it")
    home_city: str | None = _of("text", None, 'your city: "in Madrid" instead of "when you travel there"')
    default_tier: str = _of("text", "casual", "the tier of a contact without tier or cadence")
    real_channels: tuple[str, ...] = _of("texts", REAL_CHANNELS,
                                         "channels that restart a cadence clock (a like does not)")
    reciprocity_holds: tuple[str, ...] = _of("texts", RECIPROCITY_HOLDS,
                                             "kinds withheld from someone who has not answered")
    city_group_kinds: tuple[str, ...] = _of("texts", CITY_GROUP_KINDS,
                                            "kinds grouped by city (one trip, several coffees)")
    tiers: dict[str, Any] = _of("table", DEFAULT_TIERS,
                                "[ladder.tiers]: days between interactions, per tier", "days")
    in_person_tiers: dict[str, Any] = _of(
        "table", DEFAULT_IN_PERSON_TIERS, "[ladder.in_person_tiers]: days between meetings, per tier",
        "days")
    cooldown: dict[str, Any] = _of("table", {}, "[ladder.cooldown]: cooldown days per kind", "days")

    @classmethod
    def from_config(cls, config: Config) -> LadderSettings:
        """The ``[ladder]`` section over the defaults. A value the check let through only
        because nobody checked (a Config built by hand) falls back to its default."""
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = config.get(f"ladder.{f.name}")
            if raw is None:
                continue
            kind = f.metadata["kind"]
            value = _read(kind, raw, f.metadata.get("minimum"))
            if value is None:
                continue
            if kind == "table":
                value = {**f.default_factory(), **value}  # type: ignore[operator]  # a table field always has a factory
            values[f.name] = value
        return cls(**values)


def _read(kind: str, raw: Any, minimum: Any) -> Any:
    if kind == "days":
        return parse_days(raw)
    if kind == "int":
        value = parse_days(raw)  # counts were read as days before: "5" still reads
        return value if value is not None and value >= (minimum or 1) else None
    if kind == "number":
        ok = isinstance(raw, int | float) and not isinstance(raw, bool) and raw >= (minimum or 0)
        return raw if ok else None
    if kind == "text":
        return raw if isinstance(raw, str) else None
    if kind == "texts":
        return tuple(str(v) for v in raw) if isinstance(raw, list) else None
    if kind == "table":
        return {str(k): v for k, v in raw.items()} if isinstance(raw, dict) else None
    return raw


def ladder_settings(config: Config) -> LadderSettings:
    """This configuration's :class:`LadderSettings`, built once and shared by every rule."""
    return config.derived("ladder_settings", LadderSettings.from_config)


def ladder_section() -> Section:
    """``[ladder]`` as declared to the configuration check: one key per field."""
    settings = []
    for f in dataclasses.fields(LadderSettings):
        meta = f.metadata
        default = f.default if f.default is not dataclasses.MISSING else f.default_factory()  # type: ignore[operator]  # no default: a factory
        if isinstance(default, tuple):
            default = list(default)
        settings.append(Setting(f.name, meta["kind"], default, meta["help"],
                                minimum=meta.get("minimum"), item=meta.get("item")))
    return Section("ladder", tuple(settings), "the relationship ladder's thresholds")
