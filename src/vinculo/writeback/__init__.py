"""Safe write-back: every byte vinculo writes goes through this package.

Edits are splices into the original text (:func:`replace_spans`, :func:`set_managed_block`,
:func:`set_properties`, composed by :func:`edit_note`); :func:`apply_changes` is the one write
path (lock, compare-and-swap, journal, atomic replace); :func:`plan_changes` turns an Index
into changes. Policy and promises: docs/writeback.md.
"""

from vinculo.writeback.apply import FileChange, WriteReport, apply_changes
from vinculo.writeback.block import read_managed_block, set_managed_block
from vinculo.writeback.compose import edit_note
from vinculo.writeback.diff import unified_diff
from vinculo.writeback.edits import replace_spans, to_bytes
from vinculo.writeback.errors import (
    BlockError,
    ChangedError,
    LockError,
    PropertyError,
    UnsafePathError,
    WriteBackError,
)
from vinculo.writeback.journal import UndoReport, undo_last
from vinculo.writeback.lock import vault_lock
from vinculo.writeback.plan import plan_changes
from vinculo.writeback.properties import set_properties

__all__ = [
    "BlockError", "ChangedError", "FileChange", "LockError", "PropertyError", "UndoReport",
    "UnsafePathError", "WriteBackError", "WriteReport", "apply_changes", "edit_note",
    "plan_changes", "read_managed_block", "replace_spans", "set_managed_block",
    "set_properties", "to_bytes", "undo_last", "unified_diff", "vault_lock",
]
