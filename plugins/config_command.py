"""``vinculo config check``: what is wrong in ``vinculo.toml``, before a run trips on it.

Every command checks the file the same way (an error stops it, a warning is printed); this
command lists every problem at once, with ``--json`` for scripts. The checking lives in
:mod:`vinculo.config_check`; the sections come from the core and ``register_settings``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from vinculo.hookspecs import hookimpl


@hookimpl
def register_commands(cli: click.Group) -> None:
    from vinculo.cli import VinculoError, echo_json, json_option, vault_argument

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
        from vinculo.plugins import get_plugin_manager

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


def _names(config: Any) -> list[str]:
    value = config.user.get("plugins", {}).get("disabled", []) if isinstance(
        config.user.get("plugins"), dict) else []
    return [str(v) for v in value] if isinstance(value, list) else []
