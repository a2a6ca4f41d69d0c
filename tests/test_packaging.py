"""The wheel holds every package: a `pipx install .` must work like the editable checkout."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_every_package_and_the_templates_are_listed_for_the_wheel():
    tool = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = {"vinculo." + ".".join(p.parent.relative_to(REPO / "src/vinculo").parts)
             for p in (REPO / "src/vinculo").rglob("__init__.py")}
    found = {name.rstrip(".") for name in found}
    found |= {"vinculo.default_plugins", "vinculo.default_plugins.templates"}
    assert found <= set(tool["packages"]), sorted(found - set(tool["packages"]))
    assert tool["package-dir"]["vinculo.default_plugins"] == "plugins"
    templates = sorted(Path(REPO / "plugins/templates").glob("*.md"))
    assert templates and tool["package-data"]["vinculo.default_plugins.templates"] == ["*.md"]
