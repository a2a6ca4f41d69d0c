"""vinculo: a personal relationship manager for Obsidian-style Markdown vaults.

Kept import-free so that ``vinculo --version`` starts fast; ``vinculo.hookimpl`` (the marker
plugins use) is loaded on first use.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for type checkers; at run time __getattr__ loads them on first use
    from vinculo.hookspecs import hookimpl, hookspec

from vinculo.version import __version__

__all__ = ["__version__", "hookimpl", "hookspec"]


def __getattr__(name: str) -> Any:
    """``vinculo.hookimpl`` and ``vinculo.hookspec`` without importing pluggy at start-up."""
    if name in ("hookimpl", "hookspec"):
        from vinculo import hookspecs

        return getattr(hookspecs, name)
    raise AttributeError(f"module 'vinculo' has no attribute {name!r}")
