"""``vinculo commands``, ``vinculo run`` and ``vinculo palette``: the palette's commands from
the command line, one at a time, or in an interactive terminal palette."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from vinculo.config_schema import Section, Setting
from vinculo.hookspecs import hookimpl


def _commands(pm: Any) -> dict[str, Any]:
    from vinculo.palette import palette_commands

    return palette_commands(pm)


def _context(session: Any, note: str | None = None, dry_run: bool = False) -> Any:
    from vinculo.model import CommandContext

    return CommandContext(vault=session.vault, config=session.config, pm=session.pm,
                          today=session.today, note=note, dry_run=dry_run)


def _pairs(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        out[key.strip()] = value
    return out


@hookimpl
def register_commands(cli: click.Group) -> None:
    from vinculo.command_api import Session, echo_json, json_option, vault_argument
    from vinculo.errors import InputError

    @cli.command()
    @json_option
    @click.pass_context
    def commands(ctx: click.Context, as_json: bool) -> None:
        """List the palette's commands, from vinculo and from plugins, with their parameters.

        Run one with: vinculo run ID VAULT --param NAME=VALUE …
        """
        from vinculo.plugin_host import get_plugin_manager

        found = _commands(get_plugin_manager(blocked=ctx.obj.get("blocked", ())))
        rows = [
            {
                "id": cid,
                "title": reg.command.title,
                "description": reg.command.description,
                "plugin": reg.plugin,
                "params": [
                    {"name": p.name, "prompt": p.prompt, "required": p.required,
                     "default": p.default, "choices": list(p.choices), "kind": p.kind}
                    for p in reg.command.params
                ],
            }
            for cid, reg in found.items()
        ]
        if as_json:
            echo_json(rows)
            return
        width = max((len(r["id"]) for r in rows), default=0)
        for row in rows:
            params = " ".join(
                f"{p['name']}=…" if p["required"] and p["default"] is None else f"[{p['name']}=…]"
                for p in row["params"]
            )
            click.echo(f"{row['id']:<{width}}  {row['title']}  {params}".rstrip())
            click.echo(f"{'':<{width}}  {row['description']} ({row['plugin']})")

    @cli.command()
    @click.argument("command_id", metavar="ID")
    @vault_argument
    @click.option("--note", metavar="PATH",
                  help="The note to act on (vault-relative or absolute), as Obsidian passes it.")
    @click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
                  help="A parameter of the command (repeatable).")
    @click.option("--dry-run", is_flag=True, help="Print the exact diff; write nothing.")
    @json_option
    @click.pass_context
    def run(ctx: click.Context, command_id: str, vault: Path | None, note: str | None,
            params: tuple[str, ...], dry_run: bool, as_json: bool) -> None:
        """Run the palette command ID on VAULT (list them with: vinculo commands).

        A required parameter left out is asked for on a terminal, and is an error otherwise.

        \b
        Examples:
          vinculo run log-interaction VAULT -p person=rodri -p channel=call
          vinculo run snooze VAULT -p person="Rodrigo Sanz" -p until=+2w
          vinculo run link-mentions VAULT --note Daily/2026-11-28.md --dry-run
        """
        from vinculo.palette import prepare_params, run_command, vault_rel

        session = Session(ctx, vault, writes=True)
        found = _commands(session.pm)
        if command_id not in found:
            raise InputError(f"no command {command_id!r} (see: vinculo commands)")
        command = found[command_id].command
        context = _context(session, dry_run=dry_run)

        def ask(param: Any) -> str | None:
            if not sys.stdin.isatty():
                return None
            return str(click.prompt(param.prompt, err=True))

        if note:
            context.note = vault_rel(session.vault, note)
        values = prepare_params(command, _pairs(params), context, ask=ask)
        output = run_command(command, context, values)
        if as_json:
            echo_json({"id": command_id, "params": values, "output": output,
                        "dry_run": dry_run})
        elif output:
            click.echo(output)

    @cli.command()
    @vault_argument
    @click.option("--note", metavar="PATH", help="The note commands act on, when they need one.")
    @click.option("--dry-run", is_flag=True, help="Commands print their diff; nothing is written.")
    @click.pass_context
    def palette(ctx: click.Context, vault: Path | None, note: str | None, dry_run: bool) -> None:
        """An interactive command palette in the terminal.

        Type to filter the commands, ↑/↓ to choose, Enter to run; the palette asks for each
        parameter, offering your contacts, notes or the choices as you type. Esc goes back,
        and leaves from the command list.
        """
        from vinculo.palette import vault_rel
        from vinculo.palette.tui import run_palette

        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise InputError("the palette needs a terminal; from scripts use: vinculo run ID "
                               "VAULT (list them with: vinculo commands)")
        session = Session(ctx, vault, writes=True)
        context = _context(session, dry_run=dry_run)
        if note:
            context.note = vault_rel(session.vault, note)
        run_palette(_commands(session.pm), context, echo=click.echo)


@hookimpl
def register_settings() -> list[Section]:
    return [Section("palette", (
        Setting("log_heading", "text", None, "the daily note's heading interactions go under"),))]
