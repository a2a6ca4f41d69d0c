"""The plugin host: built-ins, entry-point plugins, blocking, and the contract itself."""

from __future__ import annotations

import importlib
import inspect
import json
import re
import sys
from pathlib import Path

import pytest
from conftest import install_plugin

from vinculo import hookspecs
from vinculo.plugin_host import DEFAULT_PLUGINS, get_plugin_manager

TESTS = Path(__file__).parent
HOOKS = sorted(
    name for name, fn in vars(hookspecs).items()
    if callable(fn) and hasattr(fn, "vinculo_spec")
)


@pytest.fixture
def third_party(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    install_plugin(
        site,
        "vinculo_hello",
        '''
        import click
        from vinculo import hookspecs

        @hookspecs.hookimpl
        def register_commands(cli):
            @cli.command()
            def hello():
                """Say hello."""
                click.echo("hello from a plugin")

        @hookspecs.hookimpl
        def is_contact(note):
            return True if note.frontmatter.get("kind") == "human" else None
        ''',
    )
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    yield "vinculo_hello"
    sys.modules.pop("vinculo_hello", None)


def test_builtins_are_registered_by_name():
    pm = get_plugin_manager()
    for name in DEFAULT_PLUGINS:
        assert pm.get_plugin(name) is not None


def test_a_builtin_can_be_blocked_by_option_or_environment(monkeypatch, run):
    assert get_plugin_manager(blocked=["names"]).get_plugin("names") is None
    monkeypatch.setenv("VINCULO_BLOCK_PLUGINS", "names, contacts")
    pm = get_plugin_manager()
    assert pm.get_plugin("names") is None and pm.get_plugin("contacts") is None
    monkeypatch.delenv("VINCULO_BLOCK_PLUGINS")
    listed = json.loads(run("--block-plugin", "names", "plugins", "--json").output)
    assert "names" not in [p["name"] for p in listed]
    assert "contacts" in [p["name"] for p in listed]


def test_entry_point_plugin_is_discovered_and_can_add_commands(third_party, run, vault, write):
    pm = get_plugin_manager()
    assert pm.get_plugin(third_party) is not None
    assert run("hello").output == "hello from a plugin\n"
    listed = json.loads(run("plugins", "--json").output)
    mine = next(p for p in listed if p["name"] == third_party)
    assert mine["builtin"] is False and mine["version"] == "1.0"
    assert mine["hooks"] == ["is_contact", "register_commands"]
    # A third-party plugin may recognise contacts the built-ins do not.
    write("Misc/Robot Friend.md", "---\nkind: human\n---\n")
    names = [c["name"] for c in json.loads(run("contacts", str(vault), "--json").output)]
    assert names == ["Robot Friend"]


def test_the_entry_point_files_say_which_installations_may_hold_a_plugin(tmp_path, monkeypatch):
    """Whether to ask importlib.metadata for plugins is read from the entry_points.txt files
    where it finds distributions: a ``[vinculo]`` section anywhere on the path is a plugin to
    load, an entry point merely named vinculo (the command itself) is not, and a path entry
    that is no folder (a zip) is always asked about."""
    from vinculo.plugin_host import may_declare

    site = tmp_path / "site"
    info = site / "Other_Tool-2.0.DIST-INFO"  # found whatever the case, as importlib finds it
    info.mkdir(parents=True)
    (info / "entry_points.txt").write_text("[console_scripts]\nvinculo = vinculo.cli:main\n")
    (site / "legacy-1.0.egg-info").write_text("Metadata-Version: 1.0\n")  # a file: no entry points
    monkeypatch.setattr(sys, "path", [str(site), str(tmp_path / "missing")])
    assert not may_declare("vinculo") and may_declare("console_scripts")
    egg = tmp_path / "old_plugin-1.0.egg"
    (egg / "EGG-INFO").mkdir(parents=True)
    (egg / "EGG-INFO" / "entry_points.txt").write_text("  [vinculo]  \nold = old_plugin\n")
    monkeypatch.setattr(sys, "path", [str(site), str(egg)])
    assert may_declare("vinculo")
    install_plugin(tmp_path / "site2", "vinculo_new", "")
    monkeypatch.setattr(sys, "path", [str(site), str(tmp_path / "site2")])
    assert may_declare("vinculo")
    (tmp_path / "plugins.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    monkeypatch.setattr(sys, "path", [str(site), str(tmp_path / "plugins.zip")])
    assert may_declare("vinculo")


def test_every_hook_implementation_pluggy_finds_is_registered(third_party):
    """The plugin manager's quicker look-up of a module's hook implementations finds what
    pluggy's own finds, in every built-in plugin and an installed one."""
    import pluggy

    ours = get_plugin_manager()
    plain = pluggy.PluginManager("vinculo")
    plain.add_hookspecs(hookspecs)
    for name, plugin in ours.list_name_plugin():
        plain.register(plugin, name=name)

    def found(pm):
        return {(caller.name, impl.plugin_name, impl.function)
                for caller in pm.hook.__dict__.values() if isinstance(caller, pluggy.HookCaller)
                for impl in caller.get_hookimpls()}

    assert found(ours) == found(plain)
    assert ("is_contact", third_party) in {(hook, name) for hook, name, _ in found(ours)}


def test_blocked_third_party_plugin_commands_disappear(third_party, run):
    result = run("--block-plugin", third_party, "hello")
    assert result.exit_code == 2
    assert "No such command" in result.stderr


def test_vault_config_can_disable_a_plugin(vault, write, run):
    write("People/Ana García.md", "hola")
    write("vinculo.toml", '[plugins]\ndisabled = ["contacts"]\n')
    assert json.loads(run("contacts", str(vault), "--json").output) == []


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_documented_and_typed(hook):
    fn = getattr(hookspecs, hook)
    assert fn.__doc__ and len(fn.__doc__.split()) >= 5, f"{hook} needs a docstring"
    assert "return" in fn.__annotations__, f"{hook} needs a return type"


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_test(hook):
    """A hook no test names is a hook nobody checks: name it in a test that exercises it."""
    sources = "".join(p.read_text(encoding="utf-8") for p in TESTS.rglob("*.py"))
    pattern = rf"(def |hook\.){hook}\("
    assert re.search(pattern, sources), f"no test implements or calls hook {hook!r}"


def test_hook_signatures_match_their_docs():
    for hook in HOOKS:
        params = inspect.signature(getattr(hookspecs, hook)).parameters
        assert all(p.annotation is not inspect.Parameter.empty for p in params.values()), hook


def test_the_marker_is_importable_from_the_package_without_slowing_start_up():
    import subprocess

    import vinculo

    assert vinculo.hookimpl is hookspecs.hookimpl
    code = "import sys, vinculo; print('pluggy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False"
