"""The ways a safe write can decline: each one leaves the note byte-identical."""

from __future__ import annotations


class WriteBackError(Exception):
    """Base of every write-back refusal; the message is one line a user can act on."""


class BlockError(WriteBackError):
    """A note cannot be edited safely (broken, duplicated or fenced markers; unusable
    frontmatter): nothing at all is written to it."""


class PropertyError(BlockError):
    """The frontmatter cannot take a surgical property edit (invalid YAML, duplicate keys,
    a flow mapping, …). A BlockError so one ``except`` covers every per-note refusal."""


class ChangedError(WriteBackError):
    """The file changed between the read the edit was computed from and the write."""


class UnsafePathError(WriteBackError):
    """The path leaves the vault, goes through a symlink, or is a link we never write."""


class LockError(WriteBackError):
    """Another vinculo process is writing to this vault."""
