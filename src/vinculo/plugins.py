"""The plugin host: built-in plugins, then entry-point plugins, minus the blocked ones.

Nothing is loaded at import time; ``get_plugin_manager()`` builds a fresh manager each call,
so tests and vaults with different settings never share state.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from typing import Any

import pluggy

from vinculo import hookspecs

ENTRY_POINT_GROUP = "vinculo"
BLOCK_ENV = "VINCULO_BLOCK_PLUGINS"
NO_ENTRY_POINTS_ENV = "VINCULO_NO_ENTRY_POINTS"

# Built-in plugins, by the name they are registered (and blocked) under.
DEFAULT_PLUGINS: dict[str, str] = {
    "contacts": "vinculo.default_plugins.contacts",
    "names": "vinculo.default_plugins.names",
    "vocab_en": "vinculo.default_plugins.vocab_en",
    "vocab_es": "vinculo.default_plugins.vocab_es",
    "interactions": "vinculo.default_plugins.interactions",
    "meetings": "vinculo.default_plugins.meetings",
    "ladder": "vinculo.default_plugins.ladder",
    "no_cold_pitch": "vinculo.default_plugins.no_cold_pitch",
    "virtual_to_physical": "vinculo.default_plugins.virtual_to_physical",
    "cadence": "vinculo.default_plugins.cadence",
    "reconnect": "vinculo.default_plugins.reconnect",
    "birthdays": "vinculo.default_plugins.birthdays",
    "important_dates": "vinculo.default_plugins.important_dates",
    "in_person": "vinculo.default_plugins.in_person",
    "drift": "vinculo.default_plugins.drift",
    "reciprocity": "vinculo.default_plugins.reciprocity",
    "pacing": "vinculo.default_plugins.pacing",
    "block": "vinculo.default_plugins.block",
    "dashboard": "vinculo.default_plugins.dashboard",
    "suggest_command": "vinculo.default_plugins.suggest_command",
    "watch_command": "vinculo.default_plugins.watch_command",
    "link_command": "vinculo.default_plugins.link_command",
    "templates": "vinculo.default_plugins.templates",
    "templates_cli": "vinculo.default_plugins.templates_cli",
    "palette_commands": "vinculo.default_plugins.palette_commands",
    "brief_command": "vinculo.default_plugins.brief_command",
    "palette": "vinculo.default_plugins.palette",
    "importing": "vinculo.importing.commands",
    "import_linkedin": "vinculo.default_plugins.import_linkedin",
    "import_vcard": "vinculo.default_plugins.import_vcard",
    "import_calendar": "vinculo.default_plugins.import_calendar",
    "digest_command": "vinculo.default_plugins.digest_command",
    "calendar_feed": "vinculo.default_plugins.calendar_feed",
    "who_command": "vinculo.default_plugins.who_command",
    "import_whatsapp": "vinculo.default_plugins.import_whatsapp",
    "import_telegram": "vinculo.default_plugins.import_telegram",
    "import_mbox": "vinculo.default_plugins.import_mbox",
    "import_linkedin_messages": "vinculo.default_plugins.import_linkedin_messages",
    "message_log": "vinculo.default_plugins.message_log",
}


def blocked_from_env() -> set[str]:
    """Plugin names listed in ``$VINCULO_BLOCK_PLUGINS`` (comma or space separated)."""
    raw = os.environ.get(BLOCK_ENV, "")
    return {part for part in raw.replace(",", " ").split() if part}


def get_plugin_manager(blocked: Iterable[str] = ()) -> pluggy.PluginManager:
    """A plugin manager with every hook of :mod:`vinculo.hookspecs`, built-ins first, then
    third-party plugins from the ``vinculo`` entry-point group; ``blocked`` names and those in
    ``$VINCULO_BLOCK_PLUGINS`` are never registered."""
    pm = pluggy.PluginManager("vinculo")
    pm.add_hookspecs(hookspecs)
    for name in {*blocked, *blocked_from_env()}:
        pm.set_blocked(name)
    for name, module_name in DEFAULT_PLUGINS.items():
        if pm.is_blocked(name):
            continue
        pm.register(importlib.import_module(module_name), name=name)
    if not os.environ.get(NO_ENTRY_POINTS_ENV):
        pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    pm.check_pending()
    return pm


def plugin_summary(pm: pluggy.PluginManager) -> list[dict[str, Any]]:
    """Each loaded plugin with the hooks it implements, for ``vinculo plugins``."""
    out = []
    for name, plugin in sorted(pm.list_name_plugin(), key=lambda p: p[0]):
        if plugin is None:
            continue
        hooks = sorted(h.name for h in pm.get_hookcallers(plugin) or [])
        dist = next((d for p, d in pm.list_plugin_distinfo() if p is plugin), None)
        out.append(
            {
                "name": name,
                "builtin": name in DEFAULT_PLUGINS,
                "version": getattr(dist, "version", None) if dist else None,
                "hooks": hooks,
            }
        )
    return out
