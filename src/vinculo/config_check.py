"""The whole ``vinculo.toml`` checked against every declared section: the core's and the
plugins' (``register_settings``). Run once per command, after the plugins are loaded (the
file is read unchecked by :func:`~vinculo.config.read_config` before): one check, so the
first error a command names is the first in the file, and the count of the rest is right."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from vinculo.config import CORE_SECTIONS, Config, raise_errors
from vinculo.config_schema import Problem, Section, check, merge_sections

if TYPE_CHECKING:
    import pluggy


def declared_sections(pm: pluggy.PluginManager) -> dict[str, Section]:
    """Every section someone reads: the core's, then each plugin's (keys of one section
    declared by several plugins add up)."""
    contributed = [s for sections in pm.hook.register_settings() for s in sections or []]
    return merge_sections([*CORE_SECTIONS, *contributed])


def section_owners(pm: pluggy.PluginManager) -> dict[str, list[str]]:
    """Who declares each section: ``core`` and/or plugin names (for ``vinculo config keys``)."""
    owners: dict[str, list[str]] = {s.name: ["core"] for s in CORE_SECTIONS}
    for impl in reversed(pm.hook.register_settings.get_hookimpls()):
        declared = cast("list[Section]", impl.function() or [])  # pluggy types it as object
        for section in declared:
            owners.setdefault(section.name, []).append(impl.plugin_name)
    return owners


def config_problems(config: Config, pm: pluggy.PluginManager) -> list[Problem]:
    """Errors (a wrong kind or range) and warnings (a section or key nobody reads), in the
    order of the file."""
    problems = check(config.user, declared_sections(pm), config.text)
    return sorted(problems, key=lambda p: (p.line or 0, p.level))


def validate(config: Config, pm: pluggy.PluginManager,
             warn: Callable[[Problem], None] | None = None) -> list[Problem]:
    """Keep the warnings on ``config.problems`` (``vinculo doctor`` lists them), hand each
    to ``warn``, then raise ConfigError on the first error; return the warnings."""
    problems = config_problems(config, pm)
    config.problems = [p for p in problems if p.level == "warning"]
    for warning in config.problems:
        if warn is not None:
            warn(warning)
    raise_errors(problems)
    return config.problems
