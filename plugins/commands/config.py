"""``vinculo config check``: what is wrong in ``vinculo.toml``, before a run trips on it.

Every command checks the file the same way (an error stops it, a warning is printed); this
command lists every problem at once, with ``--json`` for scripts. The checking lives in
:mod:`vinculo.config_check`; the sections come from the core and ``register_settings``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from vinculo.hookspecs import hookimpl


@hookimpl
def register_commands(cli: click.Group) -> None:
    from vinculo.command_api import VinculoError, echo_json, json_option, vault_argument

    @cli.group(name="config")
    def config_group() -> None:
        """Your vault's settings (vinculo.toml, read as data, never run)."""

    @config_group.command(name="check")
    @vault_argument
    @json_option
    @click.pass_context
    def check(ctx: click.Context, vault: Path | None, as_json: bool) -> None:
        """Every problem of vinculo.toml at once: errors (a value of the wrong kind or out
        of range: every command refuses to run) and warnings (a section or key that no
        plugin reads, usually a typo, with "did you mean"), each with its line.

        The sections plugins declare (register_settings) count: a key of a plugin you
        disabled is reported as unknown. Exit status: 0 when there is no error (warnings
        allowed), 1 when there is one.

        \b
        Examples:
          vinculo config check ~/Notes
          vinculo config check ~/Notes --json | jq '.problems[] | select(.level == "error")'
        """
        from vinculo.config import CONFIG_FILE, ConfigError, read_config
        from vinculo.config_check import config_problems
        from vinculo.plugin_host import get_plugin_manager

        root = (Path(vault) if vault else Path.cwd()).resolve()
        if not root.is_dir():
            raise VinculoError(f"vault not found: {root}")
        try:
            config = read_config(root)
        except ConfigError as exc:
            raise VinculoError(str(exc)) from exc
        blocked = (*(ctx.find_root().obj or {}).get("blocked", ()), *_names(config))
        problems = config_problems(config, get_plugin_manager(blocked=blocked))
        errors = sum(p.level == "error" for p in problems)
        exists = (root / CONFIG_FILE).is_file()
        if as_json:
            echo_json({"file": str(root / CONFIG_FILE), "exists": exists,
                       "errors": errors, "warnings": len(problems) - errors,
                       "problems": [p.to_json() for p in problems]})
        elif not exists:
            click.echo(f"no {CONFIG_FILE} in {root}: every setting is its default")
        else:
            for problem in problems:
                click.echo(f"{problem.level}: {problem}")
            warnings = len(problems) - errors
            click.echo(f"{CONFIG_FILE}: {errors} error(s), {warnings} warning(s)" if problems
                       else f"{CONFIG_FILE}: no problems")
        if errors:
            ctx.exit(1)

    @config_group.command(name="keys")
    @click.argument("section", required=False)
    @json_option
    @click.pass_context
    def keys(ctx: click.Context, section: str | None, as_json: bool) -> None:
        """Every section and key vinculo.toml may hold — the core's and each loaded
        plugin's (register_settings) — with its default, what it must be and what it is
        for, written as a vinculo.toml you can copy from. SECTION: only that one. "days"
        take a number of days or a duration: 30, "2w", "3 months" (1 to 36500).

        \b
        Examples:
          vinculo config keys ladder
          vinculo config keys --json | jq '.[] | select(.section == "digest") | .keys'
        """
        from vinculo.config_check import declared_sections, section_owners
        from vinculo.plugin_host import get_plugin_manager

        pm = get_plugin_manager(blocked=(ctx.find_root().obj or {}).get("blocked", ()))
        sections = declared_sections(pm)
        if section is not None:
            if section not in sections:
                raise click.BadParameter(f"no plugin declares [{section}]: "
                                         f"{', '.join(sorted(sections))}", param_hint="SECTION")
            sections = {section: sections[section]}
        owners = section_owners(pm)
        if as_json:
            echo_json([{"section": name, "declared_by": owners.get(name, []), "help": s.help,
                        "open": s.open,
                        "keys": [{"key": k.key, "kind": k.kind, "default": k.default,
                                  "expect": k.describe(), "help": k.help,
                                  "minimum": k.minimum, "maximum": k.maximum,
                                  "choices": list(k.choices) or None} for k in s.settings]}
                       for name, s in sections.items()])
        else:
            click.echo(keys_text(sections, owners), nl=False)


def keys_text(sections: dict[str, Any], owners: dict[str, list[str]]) -> str:
    """Every declared section and key as a commented vinculo.toml: the defaults as values
    (a key without one commented out), what each must be and is for as comments."""
    out: list[str] = []
    tops = [n for n in sections if "." not in n]
    order = [*(m for t in tops for m in (t, *(n for n in sections if n.startswith(t + ".")))),
             *(n for n in sections if "." in n and n.split(".")[0] not in tops)]
    for name in order:  # a table inside another ([importers.calendar]) right after it
        section = sections[name]
        who = ", ".join(owners.get(name, []))
        out.append(f"[{name}]".ljust(31) + f" # {section.help + '; ' if section.help else ''}"
                   f"declared by: {who}")
        if section.open:
            out.append("# any key: " + (section.help or "a table of your own names"))
        for setting in section.settings:
            value = f"{setting.key} = {_toml(setting.default)}" if setting.default is not None \
                else f"# {setting.key} ="
            what = "days" if setting.kind == "days" else setting.describe()
            if setting.kind == "table" and setting.item == "days":
                what = "a table of days"
            out.append(value.ljust(31) + (f" # {setting.help} ({what})" if setting.help else f" # {what}"))
        out.append("")
    return "\n".join(out)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        inner = ", ".join(f"{k if k.replace('_', '').replace('-', '').isalnum() else json.dumps(k)} = {_toml(v)}"
                          for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _names(config: Any) -> list[str]:
    value = config.user.get("plugins", {}).get("disabled", []) if isinstance(
        config.user.get("plugins"), dict) else []
    return [str(v) for v in value] if isinstance(value, list) else []
