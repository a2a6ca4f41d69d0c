"""The import graph: no cycles, and no module imports from a layer above its own.

The layers (bottom first) are the ones drawn in docs/architecture.md. Every ``import`` statement
counts, including those inside functions and under ``TYPE_CHECKING``: a lazy import is still a
dependency a reader has to follow. A new module must be given a layer here.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ((ROOT / "src" / "vinculo", "vinculo"), (ROOT / "plugins", "vinculo.default_plugins"))

# Bottom first; a module belongs to the layer of its longest matching prefix.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("foundation", (
        "vinculo.version", "vinculo.errors", "vinculo.model", "vinculo.text", "vinculo.dates",
        "vinculo.i18n", "vinculo.config", "vinculo.common_words", "vinculo.namewords",
        "vinculo.verb_forms", "vinculo.lemmas", "vinculo.simple_yaml", "vinculo.obsidian",
        "vinculo.state_folder", "vinculo.progress", "vinculo.codec", "vinculo.workers",
        "vinculo.phrase_search", "vinculo.notes", "vinculo.config_schema", "vinculo.ladder_settings",
        "vinculo.vocab_store",
    )),
    ("storage and the safe write path", ("vinculo.cache", "vinculo.writeback")),
    ("reading the vault", (
        "vinculo.vault", "vinculo.contacts", "vinculo.contact_hints", "vinculo.linking",
        "vinculo.mentions", "vinculo.history", "vinculo.rhythm", "vinculo.loops",
        "vinculo.name_lookup", "vinculo.templates", "vinculo.city_groups",
    )),
    ("the pipeline", ("vinculo.pipeline", "vinculo.ledger", "vinculo.memo", "vinculo.event_sync",
                      "vinculo.report")),
    ("services", (
        "vinculo.sync_service", "vinculo.config_check", "vinculo.importing", "vinculo.digest", "vinculo.palette",
        "vinculo.doctor", "vinculo.exports", "vinculo.newnotes", "vinculo.brief", "vinculo.who",
        "vinculo.calendar_feed",
    )),
    ("plugin API", ("vinculo.hookspecs",)),
    # Hosts run vinculo with its plugins: they build a plugin manager.
    ("hosts", ("vinculo.plugin_host", "vinculo.command_api", "vinculo.watch")),
    ("built-in plugins", ("vinculo.default_plugins",)),
    ("entry points", ("vinculo.cli", "vinculo.cli_errors", "vinculo.__main__", "vinculo")),
]


def _modules() -> dict[str, Path]:
    found = {}
    for base, package in PACKAGES:
        for path in base.rglob("*.py"):
            parts = [p for p in path.relative_to(base).with_suffix("").parts if p != "__init__"]
            found[".".join([package, *parts])] = path
    return found


MODULES = _modules()


def _layer(module: str) -> int | None:
    best: tuple[int, int] | None = None
    for rank, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            matches = module == prefix or module.startswith(prefix + ".")
            if matches and (best is None or len(prefix) > best[0]):
                best = (len(prefix), rank)
    return None if best is None else best[1]


def _owner(name: str) -> str | None:
    """The module of ours a dotted name lives in (``vinculo.model.Contact`` → ``vinculo.model``)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str, source: str, is_package: bool = False) -> set[str]:
    """Our modules that ``source`` (the text of ``module``) imports, wherever the statement is."""
    package = module if is_package else module.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package
                for _ in range(node.level - 1):
                    anchor = anchor.rpartition(".")[0]
                base = f"{anchor}.{base}" if base else anchor
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base
                     for a in node.names]
        for name in names:
            owner = _owner(name) if name.startswith("vinculo") else None
            if owner and owner != module:
                out.add(owner)
    return out


GRAPH = {
    module: _imports(module, path.read_text(encoding="utf-8"), path.name == "__init__.py")
    for module, path in MODULES.items()
}


def test_every_module_has_a_layer() -> None:
    assert [m for m in sorted(MODULES) if _layer(m) is None] == []


def test_no_import_reaches_up_a_layer() -> None:
    upward = [
        f"{m} ({LAYERS[_layer(m)][0]}) imports {d} ({LAYERS[_layer(d)][0]})"
        for m in sorted(GRAPH) for d in sorted(GRAPH[m])
        if _layer(m) is not None and _layer(d) is not None and _layer(d) > _layer(m)
    ]
    assert upward == []


def test_no_import_cycles() -> None:
    cycles: list[list[str]] = []
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in GRAPH[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    assert cycles == []


def test_the_walk_sees_lazy_relative_and_type_only_imports() -> None:
    """The check would be blind to the imports that hide best without this."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from vinculo.pipeline import Index\n"
        "def f():\n    from vinculo import memo\n    import vinculo.cache\n"
        "from .block import x\n"
    )
    found = _imports("vinculo.writeback.compose.properties", source)
    assert found == {"vinculo.pipeline", "vinculo.memo", "vinculo.cache", "vinculo.writeback.compose.block"}
