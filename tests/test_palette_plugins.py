"""A third-party plugin contributes a palette command and a template: both appear everywhere
(``vinculo commands``, ``vinculo run``, ``vinculo templates list``, ``vinculo new note``, the
terminal palette), installed the way pip installs plugins (an entry point)."""

from __future__ import annotations

import importlib
import json
import sys

import pytest
from conftest import install_plugin
from test_palette_tui import ENTER, palette  # noqa: F401  (the palette driver fixture)

from vinculo import hookspecs
from vinculo.model import PaletteCommand
from vinculo.palette import CommandError, palette_commands
from vinculo.plugin_host import get_plugin_manager

PLUGIN = '''
from vinculo.hookspecs import hookimpl
from vinculo.model import PaletteCommand, Param, Template
from vinculo.palette import CommandError, write
from vinculo.writeback import FileChange


def gratitude(ctx, params):
    """Write a thank-you note for someone, in the vault, through the safe write path."""
    if params["to"].strip().lower() == "nobody":
        raise CommandError("thank somebody")
    rel = f"Thanks/{params['to']}.md"
    body = f"Thank you, {params['to']}! ({params.get('why', 'for everything')})\\n"
    return write(ctx, [FileChange(rel, None, body.encode())], f"Thanked {params['to']}: {rel}")


@hookimpl
def register_palette_commands():
    return [PaletteCommand("say-thanks", "Say thanks", "Write a thank-you note.", gratitude,
                           (Param("to", "To whom"), Param("why", "For what", required=False)))]


@hookimpl
def register_templates():
    return [Template("Thank-you", "# Thanks, {{title}}\\nWritten {{date:D MMMM YYYY}}.\\n",
                     "A thank-you note.", "Thanks")]
'''


@pytest.fixture
def thanks_plugin(tmp_path, monkeypatch):
    site = install_plugin(tmp_path / "site", "vinculo_thanks", PLUGIN)
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    yield "vinculo_thanks"
    sys.modules.pop("vinculo_thanks", None)


def test_plugin_command_is_listed_and_runs(thanks_plugin, sample, run):
    rows = {r["id"]: r for r in json.loads(run("commands", "--json").output)}
    assert rows["say-thanks"]["plugin"] == thanks_plugin
    assert [p["name"] for p in rows["say-thanks"]["params"]] == ["to", "why"]
    assert "log-interaction" in rows  # the built-ins are still there
    result = run("run", "say-thanks", str(sample), "-p", "to=Encar", "-p", "why=the workshop")
    assert result.exit_code == 0, result.stderr
    assert result.output == "Thanked Encar: Thanks/Encar.md\n"
    assert (sample / "Thanks" / "Encar.md").read_text() == "Thank you, Encar! (the workshop)\n"
    refused = run("run", "say-thanks", str(sample), "-p", "to=nobody")
    assert refused.exit_code == 1 and refused.stderr == "vinculo: thank somebody\n"
    blocked = run("--block-plugin", thanks_plugin, "run", "say-thanks", str(sample), "-p", "to=x")
    assert blocked.exit_code == 1 and "no command 'say-thanks'" in blocked.stderr


def test_plugin_template_is_listed_and_used(thanks_plugin, sample, run):
    rows = {r["name"]: r for r in json.loads(run("templates", "list", str(sample), "--json").output)}
    assert rows["Thank-you"]["source"] == thanks_plugin
    result = run("new", "note", "thank-you", "Rodrigo", str(sample))
    assert result.exit_code == 0, result.stderr
    assert (sample / "Thanks" / "Rodrigo.md").read_text() == "# Thanks, Rodrigo\nWritten 29 November 2026.\n"
    assert run("templates", "install", str(sample)).exit_code == 0
    assert (sample / "Templates" / "Thank-you.md").read_text().startswith("# Thanks, {{title}}")


def test_plugin_command_in_the_terminal_palette(thanks_plugin, sample, palette):  # noqa: F811
    ui = palette()
    ui.see("Say thanks")
    ui.type("thank")
    ui.selected("Say thanks")
    ui.see("(vinculo_thanks)")
    ui.type(ENTER)
    ui.see("To whom:")
    ui.type("Lucía" + ENTER)
    ui.see("For what (optional):")
    ui.type(ENTER)
    ui.see("Thanked Lucía: Thanks/Lucía.md")
    ui.leave()
    assert (sample / "Thanks" / "Lucía.md").read_text() == "Thank you, Lucía! (for everything)\n"


class _Override:
    @hookspecs.hookimpl
    def register_palette_commands(self):
        return [PaletteCommand("open-dashboard", "My dashboard", "Mine.", lambda ctx, p: "mine")]


class _BadId:
    @hookspecs.hookimpl
    def register_palette_commands(self):
        return [PaletteCommand("Bad Id", "Bad", "Bad.", lambda ctx, p: None)]


def test_a_later_plugin_replaces_a_command_of_the_same_id():
    pm = get_plugin_manager()
    pm.register(_Override(), name="override")
    found = palette_commands(pm)
    assert found["open-dashboard"].plugin == "override"
    assert found["open-dashboard"].command.title == "My dashboard"


def test_a_command_id_with_spaces_is_refused_in_one_line(run):
    pm = get_plugin_manager()
    pm.register(_BadId(), name="bad")
    with pytest.raises(CommandError, match="plugin 'bad': command id 'Bad Id' must be"):
        palette_commands(pm)


class _MyContact:
    @hookspecs.hookimpl
    def register_templates(self):
        from vinculo.model import Template

        return [Template("contact", "---\ntype: person\nsource: plugin\n---\n", "Mine.", "people")]


def test_a_later_plugin_replaces_a_template_and_the_vault_file_beats_both(sample):
    from vinculo.config import load_config
    from vinculo.templates import find_template

    pm = get_plugin_manager()
    pm.register(_MyContact(), name="my_contact")
    config = load_config(sample)
    assert find_template("Contact", sample, config, pm).source == "my_contact"
    (sample / "Templates" / "Contact.md").write_text("---\ntype: person\n---\nmine\n")
    found = find_template("CONTACT", sample, config, pm)
    assert found.source == "vault" and found.template.body.endswith("mine\n")
    assert found.template.folder == "people"  # where notes go still comes from the plugin
