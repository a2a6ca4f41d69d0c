"""The plugin host: built-in plugins, then entry-point plugins, minus the blocked ones.

Nothing is loaded at import time; ``get_plugin_manager()`` builds a fresh manager each call,
so tests and vaults with different settings never share state.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable
from types import FunctionType, ModuleType
from typing import Any

import pluggy

from vinculo import hookspecs
from vinculo.errors import PluginError

ENTRY_POINT_GROUP = "vinculo"
BLOCK_ENV = "VINCULO_BLOCK_PLUGINS"
NO_ENTRY_POINTS_ENV = "VINCULO_NO_ENTRY_POINTS"

# Built-in plugins, by the name they are registered (and blocked) under.
DEFAULT_PLUGINS: dict[str, str] = {
    "contacts": "vinculo.default_plugins.contacts.recognize",
    "names": "vinculo.default_plugins.contacts.names",
    "vocab_en": "vinculo.default_plugins.interactions.vocab.en",
    "vocab_es": "vinculo.default_plugins.interactions.vocab.es",
    "interactions": "vinculo.default_plugins.interactions.reader",
    "meetings": "vinculo.default_plugins.interactions.meetings",
    "ladder": "vinculo.default_plugins.ladder.stage",
    "no_cold_pitch": "vinculo.default_plugins.ladder.rules.no_cold_pitch",
    "virtual_to_physical": "vinculo.default_plugins.ladder.rules.virtual_to_physical",
    "cadence": "vinculo.default_plugins.ladder.rules.cadence",
    "reconnect": "vinculo.default_plugins.ladder.rules.reconnect",
    "birthdays": "vinculo.default_plugins.ladder.rules.birthdays",
    "important_dates": "vinculo.default_plugins.ladder.rules.important_dates",
    "in_person": "vinculo.default_plugins.ladder.rules.in_person",
    "drift": "vinculo.default_plugins.ladder.rules.drift",
    "reciprocity": "vinculo.default_plugins.ladder.rules.reciprocity",
    "pacing": "vinculo.default_plugins.ladder.pacing",
    "block": "vinculo.default_plugins.outputs.block",
    "dashboard": "vinculo.default_plugins.outputs.dashboard",
    "suggest_command": "vinculo.default_plugins.commands.suggest",
    "watch_command": "vinculo.default_plugins.commands.watch",
    "link_command": "vinculo.default_plugins.commands.link",
    "templates": "vinculo.default_plugins.templates",
    "templates_cli": "vinculo.default_plugins.commands.templates",
    "palette_commands": "vinculo.default_plugins.commands.palette_actions",
    "brief_command": "vinculo.default_plugins.commands.brief",
    "palette": "vinculo.default_plugins.commands.palette",
    "importing": "vinculo.default_plugins.commands.importing",
    "import_linkedin": "vinculo.default_plugins.importers.linkedin",
    "import_vcard": "vinculo.default_plugins.importers.vcard",
    "import_calendar": "vinculo.default_plugins.importers.calendar",
    "digest_command": "vinculo.default_plugins.commands.digest",
    "calendar_feed": "vinculo.default_plugins.outputs.calendar_feed",
    "who_command": "vinculo.default_plugins.commands.who",
    "import_whatsapp": "vinculo.default_plugins.importers.whatsapp",
    "import_telegram": "vinculo.default_plugins.importers.telegram",
    "import_mbox": "vinculo.default_plugins.importers.mbox",
    "import_linkedin_messages": "vinculo.default_plugins.importers.linkedin_messages",
    "message_log": "vinculo.default_plugins.interactions.message_log",
    "config_command": "vinculo.default_plugins.commands.config",
}


def blocked_from_env() -> set[str]:
    """Plugin names listed in ``$VINCULO_BLOCK_PLUGINS`` (comma or space separated)."""
    raw = os.environ.get(BLOCK_ENV, "")
    return {part for part in raw.replace(",", " ").split() if part}


class _Manager(pluggy.PluginManager):
    """pluggy's manager, telling a module's plain names from its hook implementations
    quicker: registering the built-ins asked pluggy's careful look-up (which never runs a
    property) about 1,300 imported names, classes and constants, a quarter of the plugins'
    start-up."""

    def parse_hookimpl_opts(self, plugin: Any, name: str) -> Any:
        if isinstance(plugin, ModuleType):
            value = plugin.__dict__.get(name)
            if isinstance(value, FunctionType):
                if "vinculo_impl" not in value.__dict__:
                    return None  # a function, not marked: no hook
            elif isinstance(value, _NEVER_HOOKS):
                return None
        return super().parse_hookimpl_opts(plugin, name)


# What a module attribute may be and never be a hook implementation (pluggy's look-up takes
# only functions, class and static methods, bound methods).
_NEVER_HOOKS = (type, ModuleType, str, bytes, int, float, bool, tuple, list, dict, set,
                frozenset, type(None))


def get_plugin_manager(blocked: Iterable[str] = ()) -> pluggy.PluginManager:
    """A plugin manager with every hook of :mod:`vinculo.hookspecs`, built-ins first, then
    third-party plugins from the ``vinculo`` entry-point group; ``blocked`` names and those in
    ``$VINCULO_BLOCK_PLUGINS`` are never registered."""
    pm = _Manager("vinculo")
    pm.add_hookspecs(hookspecs)
    for name in {*blocked, *blocked_from_env()}:
        pm.set_blocked(name)
    for name, module_name in DEFAULT_PLUGINS.items():
        if pm.is_blocked(name):
            continue
        pm.register(importlib.import_module(module_name), name=name)
    try:
        if not os.environ.get(NO_ENTRY_POINTS_ENV) and may_declare(ENTRY_POINT_GROUP):
            pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
        pm.check_pending()
    except Exception as exc:  # an installed plugin that cannot load must not hide the way out
        raise _plugin_failure(pm, exc) from exc
    return pm


def may_declare(group: str) -> bool:
    """Whether an installed distribution may declare entry points in ``group``, from their
    ``entry_points.txt`` files, read where ``importlib.metadata`` finds them (the folders of
    ``sys.path``). Asking ``importlib.metadata`` itself costs every command about 10 ms
    (it imports the e-mail parser to read each distribution's metadata), and most
    installations declare none. True whenever the files cannot say (a zip on the path, a
    finder of distributions other than Python's own): pluggy's scan then decides."""
    from importlib.machinery import PathFinder

    if any(getattr(finder, "find_distributions", None) is not None and finder is not PathFinder
           for finder in sys.meta_path):
        return True
    for root in sys.path:
        try:
            children = os.listdir(root or ".")
        except OSError:
            if os.path.exists(root or "."):
                return True  # a zip file or an unreadable folder
            continue
        egg = os.path.basename(root).lower().endswith(".egg")
        for child in children:
            low = child.lower()
            if not (low.endswith((".dist-info", ".egg-info")) or (egg and low == "egg-info")):
                continue
            try:
                with open(os.path.join(root, child, "entry_points.txt"), encoding="utf-8") as file:
                    text = file.read()
            except OSError:
                continue  # none declared (or an .egg-info file, which declares none)
            except ValueError:
                return True
            # its section headers, read as importlib.metadata reads them
            if any(line[:1] == "[" and line[-1:] == "]" and line.strip("[]") == group
                   for line in map(str.strip, text.splitlines())):
                return True
    return False


def _plugin_failure(pm: pluggy.PluginManager, exc: Exception) -> PluginError:
    """The one line for an installed plugin that failed to load (an import error, a hook
    implementation that matches no hook): which plugin, and how to run without it."""
    plugin = getattr(exc, "plugin", None)  # pluggy's PluginValidationError names it
    name = pm.get_name(plugin) if plugin is not None else None
    if name is None:  # failed while importing: the first entry point not registered yet
        from importlib.metadata import entry_points

        name = next((ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)
                     if not pm.has_plugin(ep.name) and not pm.is_blocked(ep.name)), "?")
    detail = str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__
    return PluginError(
        f"the plugin {name!r} cannot be loaded: {detail}",
        hint=f"run without it: vinculo --block-plugin {name} … (or ${BLOCK_ENV}); "
             "VINCULO_DEBUG=1 shows its traceback")


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
