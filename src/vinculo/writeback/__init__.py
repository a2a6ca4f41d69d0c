"""Safe write-back: every byte vinculo writes goes through this package.

Edits are splices into the original text (:func:`replace_spans`, :func:`set_managed_block`,
:func:`set_properties`, composed by :func:`edit_note`); :func:`apply_changes` is the one write
path (lock, compare-and-swap, journal, atomic replace); :func:`plan_changes` turns an Index
into changes. Policy and promises: docs/writeback.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Each name is loaded from its module on first use (PEP 562), so a plugin importing one
# helper does not load the whole write path (the lock, the journal, the differ).
# The package holds the five steps of a write: plan, compose (block, edits, properties),
# apply (atomic, diff), journal, lock; the errors are vinculo.errors'.
_HOME = {
    "FileChange": "apply", "WriteReport": "apply", "apply_changes": "apply",
    "read_managed_block": "compose.block", "set_managed_block": "compose.block",
    "edit_note": "compose",
    "unified_diff": "apply.diff",
    "replace_spans": "compose.edits", "to_bytes": "compose.edits",
    "BlockError": "vinculo.errors", "ChangedError": "vinculo.errors",
    "LockError": "vinculo.errors", "PropertyError": "vinculo.errors",
    "UnsafePathError": "vinculo.errors", "WriteBackError": "vinculo.errors",
    "UndoReport": "journal", "undo_last": "journal",
    "vault_lock": "lock", "watch_lock": "lock", "set_wait_notice": "lock",
    "plan_changes": "plan",
    "set_properties": "compose.properties",
}

__all__ = [
    "BlockError", "ChangedError", "FileChange", "LockError", "PropertyError", "UndoReport",
    "UnsafePathError", "WriteBackError", "WriteReport", "apply_changes", "edit_note",
    "plan_changes", "read_managed_block", "replace_spans", "set_managed_block", "set_properties",
    "set_wait_notice", "to_bytes", "undo_last", "unified_diff", "vault_lock", "watch_lock",
]  # the keys of _HOME

if TYPE_CHECKING:  # the same names, for type checkers (a lazy name would otherwise be Any)
    from vinculo.errors import (
        BlockError,
        ChangedError,
        LockError,
        PropertyError,
        UnsafePathError,
        WriteBackError,
    )
    from vinculo.writeback.apply import FileChange, WriteReport, apply_changes
    from vinculo.writeback.apply.diff import unified_diff
    from vinculo.writeback.compose import edit_note
    from vinculo.writeback.compose.block import read_managed_block, set_managed_block
    from vinculo.writeback.compose.edits import replace_spans, to_bytes
    from vinculo.writeback.compose.properties import set_properties
    from vinculo.writeback.journal import UndoReport, undo_last
    from vinculo.writeback.lock import set_wait_notice, vault_lock, watch_lock
    from vinculo.writeback.plan import plan_changes


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    home = module if module.startswith("vinculo.") else f"{__name__}.{module}"
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
