"""The ways a safe write can decline: each one leaves the note byte-identical.

The classes live in :mod:`vinculo.errors` (the one error family); they are named here too so
``from vinculo.writeback import BlockError`` and the write path's own imports keep working."""

from __future__ import annotations

from vinculo.errors import (
    BlockError,
    ChangedError,
    LockError,
    PropertyError,
    UnsafePathError,
    WriteBackError,
)

__all__ = [
    "BlockError", "ChangedError", "LockError", "PropertyError", "UnsafePathError",
    "WriteBackError",
]
