"""The command palette: commands contributed by plugins, run from the CLI, a terminal palette,
or Obsidian's own palette (through a shell-commands plugin).

A plugin contributes :class:`vinculo.model.PaletteCommand` objects through
``register_palette_commands``; each handler is called as ``handler(ctx, params)`` with a
:class:`vinculo.model.CommandContext` and a dict of string parameters, and returns the text to
show (or None). A handler reports a problem of the user's input by raising :class:`CommandError`.
"""

from __future__ import annotations

from vinculo.palette.registry import (
    CommandError,
    Registered,
    palette_commands,
    prepare_params,
    run_command,
    vault_rel,
)
from vinculo.palette.writes import write

__all__ = [
    "CommandError",
    "Registered",
    "palette_commands",
    "prepare_params",
    "run_command",
    "vault_rel",
    "write",
]
