"""The plugin-author API is declared, documented and typed, and the documents match the code.

A plugin author reads the README's hook table and docs/plugins.md, then imports names: the
hooks listed must be the hooks vinculo calls (with the same arguments), and every name the
documentation offers must exist and be declared in its module's ``__all__``.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import re
import sys
from pathlib import Path

import pytest
from conftest import REPO

from vinculo import hookspecs

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

README = REPO / "README.md"
API_DOC = REPO / "docs" / "plugins.md"


def spec_hooks() -> dict[str, list[str]]:
    """Every hook specification, in the order of hookspecs.py, with its argument names."""
    return {name: list(inspect.signature(func).parameters)
            for name, func in vars(hookspecs).items()
            if callable(func) and hasattr(func, "vinculo_spec")}


def table_after(text: str, header: str) -> list[list[str]]:
    """The rows of the Markdown table whose header line is ``header``, as lists of cells."""
    lines = text.splitlines()
    start = lines.index(header)
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def readme_hooks() -> dict[str, list[str]]:
    """The README's hook table: ``name(arg, arg)`` in its first column, in table order."""
    found = {}
    for cells in table_after(README.read_text(encoding="utf-8"), "| hook | what it is for |"):
        call = re.fullmatch(r"`(\w+)\(([^)]*)\)`", cells[0])
        assert call, f"README hook table: {cells[0]!r} is not written as `name(args)`"
        found[call[1]] = [a.strip() for a in call[2].split(",") if a.strip()]
    return found


def documented_api() -> dict[str, list[str]]:
    """docs/plugins.md's table: module -> the names it lists."""
    text = API_DOC.read_text(encoding="utf-8")
    rows = table_after(text, "| module | names | what for |")
    return {cells[0].strip("`"): re.findall(r"`([\w.]+)`", cells[1]) for cells in rows}


def test_the_readme_hook_table_lists_every_hook_in_order_and_no_other():
    table, specs = list(readme_hooks()), list(spec_hooks())
    assert set(specs) - set(table) == set(), "hooks missing from the README's table"
    assert set(table) - set(specs) == set(), "README's table lists hooks vinculo does not call"
    assert table == specs, "README's table is not in hookspecs.py's (pipeline) order"


@pytest.mark.parametrize("hook", list(spec_hooks()))
def test_the_readme_hook_table_gives_each_hook_its_arguments(hook):
    assert readme_hooks().get(hook) == spec_hooks()[hook]


def test_every_documented_module_declares_exactly_the_names_documented():
    api = documented_api()
    assert {"vinculo", "vinculo.hookspecs", "vinculo.model", "vinculo.writeback"} <= set(api)
    if importlib.util.find_spec("vinculo.errors") is not None:  # the error family, once it exists
        assert "vinculo.errors" in api, "list vinculo.errors (and its __all__) in docs/plugins.md"
    for module_name, names in api.items():
        module = importlib.import_module(module_name)
        declared = getattr(module, "__all__", None)
        assert declared is not None, f"{module_name} has no __all__"
        assert sorted(names) == sorted(declared), f"docs/plugins.md vs {module_name}.__all__"
        for name in declared:
            assert getattr(module, name, None) is not None, f"{module_name}.{name} does not exist"


def _example_imports(path: Path) -> list[tuple[str, str]]:
    """``(module, name)`` for each ``from vinculo… import name`` in a Python code block."""
    text = path.read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```python\n(.*?)```", text, flags=re.S):
        for node in ast.walk(ast.parse(block)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("vinculo"):
                found += [(node.module, alias.name) for alias in node.names]
    return found


EXAMPLES = [README, *sorted((REPO / "docs").glob("*.md"))]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_documentation_examples_import_only_the_declared_api(path):
    api = documented_api()
    outside = [f"{module}.{name}" for module, name in _example_imports(path)
               if name not in api.get(module, []) and f"{module}.{name}" not in api]
    assert outside == [], f"{path.name} teaches names docs/plugins.md does not list"


def test_writeback_lazy_names_are_declared_and_visible_to_type_checkers():
    """vinculo.writeback loads each name on first use; its __all__ and the imports a type
    checker reads (under TYPE_CHECKING) must name the same things from the same modules, or a
    plugin's FileChange silently becomes Any."""
    import vinculo.writeback as wb

    source = Path(wb.__file__).read_text(encoding="utf-8")
    typed: dict[str, str] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for child in ast.walk(node):
                if isinstance(child, ast.ImportFrom):
                    home = child.module.removeprefix("vinculo.writeback.")
                    typed.update({a.name: home for a in child.names})
    assert typed == wb._HOME
    assert sorted(wb.__all__) == sorted(wb._HOME)


def test_vinculo_ships_its_types():
    """PEP 561: without py.typed in the wheel, a plugin's type checker ignores vinculo's types."""
    assert (REPO / "src/vinculo/py.typed").is_file()
    tool = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    assert "py.typed" in tool["setuptools"]["package-data"]["vinculo"]


def test_builtin_hook_implementations_are_annotated_with_the_spec_types():
    """pluggy matches implementations by name only and mypy cannot tie an implementation to
    its spec: the built-in plugins (the examples third parties copy) must use the spec's types,
    a return type may only drop the spec's ``| None``."""
    from vinculo.plugin_host import DEFAULT_PLUGINS, get_plugin_manager

    pm = get_plugin_manager()
    specs = {name: inspect.signature(func) for name, func in vars(hookspecs).items()
             if callable(func) and hasattr(func, "vinculo_spec")}
    checked, wrong = 0, []
    for hook, spec in specs.items():
        for impl in getattr(pm.hook, hook).get_hookimpls():
            if impl.plugin_name not in DEFAULT_PLUGINS:
                continue
            checked += 1
            sig = inspect.signature(impl.function)
            for name, param in sig.parameters.items():
                if param.annotation != spec.parameters[name].annotation:
                    wrong.append(f"{impl.plugin_name}.{hook}({name}: {param.annotation})")
            if sig.return_annotation not in (spec.return_annotation,
                                             spec.return_annotation.removesuffix(" | None")):
                wrong.append(f"{impl.plugin_name}.{hook} -> {sig.return_annotation}")
    assert checked > 30 and wrong == [], wrong
