"""The plugin example in README.md works as the README says.

The Python block after ``<!-- readme-plugin -->`` is installed the way pip would install it
(a module plus a dist-info with an entry point in the ``vinculo`` group), using the entry-point
table of the TOML block after ``<!-- readme-plugin-pyproject -->``; then the real CLI runs on a
temporary vault.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
from pathlib import Path

import pytest
from conftest import install_plugin

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

README = Path(__file__).resolve().parent.parent / "README.md"


def fenced_block_after(marker: str, language: str) -> str:
    """The body of the first fenced ``language`` block that follows the line ``marker``."""
    text = README.read_text(encoding="utf-8")
    found = re.search(
        rf"^{re.escape(marker)}[ \t]*\n(?:[ \t]*\n)*```{language}[ \t]*\n(.*?)^```[ \t]*$",
        text,
        re.MULTILINE | re.DOTALL,
    )
    assert found, f"README.md has no ```{language} block right after {marker}"
    return found[1]


def entry_points() -> dict[str, str]:
    pyproject = tomllib.loads(fenced_block_after("<!-- readme-plugin-pyproject -->", "toml"))
    return pyproject["project"]["entry-points"]["vinculo"]


@pytest.fixture
def readme_plugin(tmp_path, monkeypatch):
    (name, target), = entry_points().items()
    assert name == target, "install_plugin registers the module under its own name"
    site = tmp_path / "site"
    site.mkdir()
    install_plugin(site, name, fenced_block_after("<!-- readme-plugin -->", "python"))
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    yield name
    sys.modules.pop(name, None)


@pytest.fixture
def catalan_vault(vault, write):
    write("People/Marta Vidal.md", "---\ntype: person\ncity: Barcelona\nconnected: 2025-05-10\n---\n")
    write("Daily/2026-11-20.md", "Vaig trucar a la Marta per parlar del taller.\n")
    write("Daily/2026-11-25.md", "He de trucar a la Marta Vidal.\n")
    return vault


def marta(run, vault, *options: str) -> dict:
    (contact,) = json.loads(run(*options, "contacts", str(vault), "--json").output)
    return contact


def test_the_readme_plugin_loads_and_adds_its_hooks(readme_plugin, run):
    listed = json.loads(run("plugins", "--json").output)
    mine = next(p for p in listed if p["name"] == readme_plugin)
    assert mine["builtin"] is False
    assert mine["hooks"] == ["register_commands", "register_vocabulary"]


def test_the_readme_plugin_command_lists_its_phrases(readme_plugin, run):
    result = run("catala")
    assert result.exit_code == 0
    assert "call: vaig trucar a" in result.output


def test_a_catalan_call_is_a_call_and_a_catalan_plan_is_not(readme_plugin, run, catalan_vault):
    contact = marta(run, catalan_vault)
    assert contact["stage"] == "voice"
    assert contact["counts"]["call"] == 1
    assert contact["last_contact"] == "2026-11-20"  # "He de trucar…" (a plan) is not counted
    (meet,) = contact["suggestions"]
    assert meet["kind"] == "meet"
    assert meet["text"] == "Meet Marta Vidal in person in Barcelona, when you travel there"


def test_the_readme_plugin_can_be_blocked(readme_plugin, run, catalan_vault, write, monkeypatch):
    assert marta(run, catalan_vault, "--block-plugin", readme_plugin)["stage"] == "radar"
    assert run("--block-plugin", readme_plugin, "catala").exit_code == 2
    monkeypatch.setenv("VINCULO_BLOCK_PLUGINS", readme_plugin)
    assert marta(run, catalan_vault)["stage"] == "radar"
    monkeypatch.delenv("VINCULO_BLOCK_PLUGINS")
    write("vinculo.toml", f'[plugins]\ndisabled = ["{readme_plugin}"]\n')
    assert marta(run, catalan_vault)["stage"] == "radar"
