"""Type-check vinculo and its built-in plugins with mypy, as one program.

The built-in plugins live in ``plugins/`` but are the package ``vinculo.default_plugins``
(``package-dir`` in pyproject.toml), and they import each other by that name. mypy maps a
file to a module from the folders alone, so this runner hands it each plugin file with its
real module name; everything else (the settings) comes from ``[tool.mypy]`` in pyproject.toml.
Exit status: 0 clean, 1 type errors, 2 mypy could not run.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mypy import build
from mypy.errors import CompileError
from mypy.main import process_options
from mypy.modulefinder import BuildSource

ROOT = Path(__file__).resolve().parent.parent


def plugin_sources(folder: Path) -> list[BuildSource]:
    """Every module under ``plugins/``, named as installed: ``vinculo.default_plugins.…``."""
    sources = []
    for path in sorted(folder.rglob("*.py")):
        parts = list(path.relative_to(folder).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        module = ".".join(["vinculo", "default_plugins", *parts])
        sources.append(BuildSource(str(path.relative_to(ROOT)), module, None))
    return sources


def main() -> int:
    sources, options = process_options(
        ["--config-file", str(ROOT / "pyproject.toml"), "-p", "vinculo"])
    sources += plugin_sources(ROOT / "plugins")
    try:
        result = build.build(sources, options)
    except CompileError as exc:
        print("\n".join(exc.messages), file=sys.stderr)
        return 2
    for line in result.errors:
        print(line)
    files = {line.split(":", 1)[0] for line in result.errors if ": error:" in line}
    errors = sum(": error:" in line for line in result.errors)
    if errors:
        print(f"mypy: {errors} error{'s' * (errors != 1)} in {len(files)} files "
              f"({len(sources)} modules checked)")
        return 1
    print(f"mypy: no issues in {len(sources)} modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
