"""Safe write-back: every byte vinculo writes goes through this package.

Edits are splices into the original text (:func:`replace_spans`, :func:`set_managed_block`,
:func:`set_properties`, composed by :func:`edit_note`); :func:`apply_changes` is the one write
path (lock, compare-and-swap, journal, atomic replace); :func:`plan_changes` turns an Index
into changes. Policy and promises: docs/writeback.md.
"""

from __future__ import annotations

import importlib
from typing import Any

# Each name is loaded from its module on first use (PEP 562), so a plugin importing one
# helper does not load the whole write path (the lock, the journal, the differ).
_HOME = {
    "FileChange": "apply", "WriteReport": "apply", "apply_changes": "apply",
    "read_managed_block": "block", "set_managed_block": "block",
    "edit_note": "compose",
    "unified_diff": "diff",
    "replace_spans": "edits", "to_bytes": "edits",
    "BlockError": "errors", "ChangedError": "errors", "LockError": "errors",
    "PropertyError": "errors", "UnsafePathError": "errors", "WriteBackError": "errors",
    "UndoReport": "journal", "undo_last": "journal",
    "vault_lock": "lock", "watch_lock": "lock", "set_wait_notice": "lock",
    "plan_changes": "plan",
    "set_properties": "properties",
}

__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
