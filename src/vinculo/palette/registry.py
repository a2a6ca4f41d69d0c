"""Palette commands from every plugin, their parameters checked, and running one.

The same path serves ``vinculo run``, the terminal palette and Obsidian's palette, so a command
behaves the same wherever it is started.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pluggy

from vinculo.errors import InputError
from vinculo.model import CommandContext, PaletteCommand, Param
from vinculo.text import fold


class CommandError(InputError):
    """A command cannot run as asked (bad parameter, unknown person, missing note): the
    message is shown as one line, the vault is left as it was."""


@dataclass(frozen=True)
class Registered:
    """A palette command and the plugin that contributed it."""

    command: PaletteCommand
    plugin: str


_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def palette_commands(pm: pluggy.PluginManager) -> dict[str, Registered]:
    """Every command of ``register_palette_commands`` by id, sorted by title. A plugin registered
    later wins a shared id, so a third-party plugin can replace a built-in command."""
    found: dict[str, Registered] = {}
    for impl in pm.hook.register_palette_commands.get_hookimpls():
        # pluggy types every implementation as returning object: this hook's spec says what
        for command in cast("list[PaletteCommand]", impl.function() or []):
            if not _ID.match(command.id):
                raise CommandError(
                    f"plugin {impl.plugin_name!r}: command id {command.id!r} must be lowercase "
                    "letters, digits, '.', '_' or '-'"
                )
            found[command.id] = Registered(command, impl.plugin_name)
    return dict(sorted(found.items(), key=lambda item: fold(item[1].command.title)))


_RELATIVE = re.compile(r"^([+-]?\d+)\s*([dwmy])$")
_NAMED_DAYS = {"today": 0, "hoy": 0, "yesterday": -1, "ayer": -1, "tomorrow": 1, "mañana": 1}


def parse_day(text: str, today: dt.date) -> dt.date:
    """A day as people type it: ``2026-12-01``, ``today``, ``yesterday``, ``+2w``, ``30d``."""
    value = text.strip().lower()
    if value in _NAMED_DAYS:
        return today + dt.timedelta(days=_NAMED_DAYS[value])
    match = _RELATIVE.match(value)
    if match:
        try:
            return _offset(today, int(match[1]), match[2])
        except (OverflowError, ValueError):
            raise CommandError(
                f"out of range: {text!r} (a date between year 1 and 9999)") from None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"not a date: {text!r} (use YYYY-MM-DD, today, yesterday, +3d, +2w, +1m)"
        ) from None


def _offset(today: dt.date, amount: int, unit: str) -> dt.date:
    """``today`` moved by ``amount`` days, weeks, months or years (the month's last day when
    the day does not exist); OverflowError or ValueError past the calendar's range."""
    if unit in "dw":
        return today + dt.timedelta(days=amount * (7 if unit == "w" else 1))
    months = amount * (12 if unit == "y" else 1)
    year, month = divmod(today.month - 1 + months, 12)
    target = dt.date(today.year + year, month + 1, 1)
    last = ((target.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            - dt.timedelta(days=1)).day
    return target.replace(day=min(today.day, last))


def vault_rel(vault: Path, path: str) -> str:
    """The vault-relative path of a note given as vault-relative, cwd-relative or absolute
    (Obsidian's shell-commands plugins pass either); refuses paths outside the vault."""
    root = Path(vault).resolve()
    raw = Path(path)
    candidates = [raw] if raw.is_absolute() else [root / raw, Path.cwd() / raw]
    for candidate in candidates:
        target = candidate.resolve()
        if target.is_file():
            if not target.is_relative_to(root):
                raise CommandError(f"not a note of this vault: {path}")
            return target.relative_to(root).as_posix()
    if not path.endswith(".md"):
        return vault_rel(vault, path + ".md")
    raise CommandError(f"note not found: {path}")


def _check_choice(param: Param, value: str) -> str:
    for choice in param.choices:
        if fold(choice) == fold(value.strip()):
            return choice
    raise CommandError(f"{param.name} must be one of {', '.join(param.choices)}, not {value!r}")


def prepare_params(
    command: PaletteCommand,
    given: Mapping[str, str],
    ctx: CommandContext,
    ask: Callable[[Param], str | None] | None = None,
) -> dict[str, str]:
    """Check ``given`` against the command's parameters: unknown names refused, defaults and
    ``--note`` filled in, missing required ones asked for through ``ask`` (or refused), choices
    and dates normalised, ``person`` parameters resolved to one contact's name, ``note`` ones
    to a vault-relative path. Returns the parameters the handler gets."""
    known = {p.name for p in command.params}
    unknown = sorted(set(given) - known)
    if unknown:
        takes = ", ".join(sorted(known)) or "no parameters"
        raise CommandError(f"{command.id} has no parameter {unknown[0]!r} (it takes: {takes})")
    out: dict[str, str] = {}
    people: dict | None = None
    for param in command.params:
        value = given.get(param.name)
        if not value and param.kind == "note" and ctx.note:
            value = ctx.note
        if not value and ask is not None and param.required and param.default is None:
            value = ask(param)
        if not value and param.default is not None:
            value = param.default
        if not value:
            if param.required:
                raise CommandError(f"{command.id} needs {param.name} ({param.prompt})")
            continue
        if param.choices:
            value = _check_choice(param, value)
        if param.kind == "date":
            value = parse_day(value, ctx.today).isoformat()
        if param.kind == "note":
            value = vault_rel(ctx.vault, value)
        if param.kind == "person":
            people = _contacts(ctx) if people is None else people
            value = _person(value, people)
        out[param.name] = value
    return out


def _contacts(ctx: CommandContext) -> dict:
    from vinculo.newnotes import vault_contacts

    return vault_contacts(ctx.vault, ctx.config, ctx.pm)


def _person(query: str, contacts: dict) -> str:
    """The contact a typed name stands for (fuzzy, accent-blind); CommandError when it could be
    several people or nobody, naming them."""
    from vinculo.name_lookup import AmbiguousName, NameNotFound, resolve_contact

    try:
        return resolve_contact(query, contacts)
    except (AmbiguousName, NameNotFound) as exc:
        raise CommandError(str(exc)) from None


def run_command(
    command: PaletteCommand, ctx: CommandContext, params: Mapping[str, str]
) -> str | None:
    """Run one command with checked parameters (see :func:`prepare_params`). A command that
    cannot do its job raises a :class:`~vinculo.errors.VinculoError`: a CommandError for what
    was asked, the safe write path's own for a refused write (lock held, file changed)."""
    result = command.handler(ctx, dict(params))
    return None if result is None else str(result)
