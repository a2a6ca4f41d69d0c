"""Every failure a user can act on is a :class:`VinculoError`: one family, one handler.

The command line (``vinculo.cli``) catches the family in one place and prints one line,
``vinculo: <message>``, plus a ``hint:`` line when the error carries one, and exits with the
error's ``exit_code``; no command converts errors by hand. Anything else that escapes a
command is a bug and keeps its traceback (with a line saying how to report it).

The subclasses are grouped by what the user must do, so code (and plugins) raise the one
that says it: fix a setting (:class:`ConfigurationError`), fix the vault or a note
(:class:`VaultError`), wait for another vinculo (:class:`BusyError`), fix the state folder
(:class:`StateFolderError`), fix the file given to import (:class:`ImportInputError`), change
what was typed (:class:`InputError`), check a server (:class:`ServiceError`), run again
(:class:`RetryError`), block or update a plugin (:class:`PluginError`). A module's own error
class (``config.ConfigError``, ``newnotes.NewNoteError``…) subclasses one of these; the
write-back refusals live here (:class:`WriteBackError` and its kinds) and stay importable
from ``vinculo.writeback``.

Plugins raise these too (docs/plugins.md, "Errors"). This module imports nothing of
vinculo, so anything may import it, and ``vinculo --help`` stays fast.
"""

from __future__ import annotations

__all__ = [
    "BlockError",
    "BusyError",
    "ChangedError",
    "ConfigurationError",
    "ImportInputError",
    "InputError",
    "LockError",
    "PluginError",
    "PropertyError",
    "RetryError",
    "ServiceError",
    "StateFolderError",
    "UnsafePathError",
    "VaultError",
    "VinculoError",
    "WriteBackError",
]


class VinculoError(Exception):
    """A command cannot do its job for a reason the user can act on.

    ``message`` is the one line shown after ``vinculo: `` (say what and where, e.g. the file
    and the key); ``hint`` an optional second line saying what to do; ``exit_code`` the
    command's exit status (1 unless a subclass or the raiser says otherwise).
    """

    exit_code: int = 1
    hint: str | None = None

    def __init__(self, message: str = "", hint: str | None = None, *,
                 exit_code: int | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code

    @property
    def message(self) -> str:
        """The one-line message (``str(error)``)."""
        return str(self)


# --- what the user must do ------------------------------------------------------------


class ConfigurationError(VinculoError):
    """A setting is wrong (``vinculo.toml``, an environment variable): fix the setting."""


class VaultError(VinculoError):
    """The vault, or a note in it, cannot be used as asked (missing, not a folder, a note
    that cannot be edited safely): fix the path or the note."""


class BusyError(VinculoError):
    """Another vinculo process holds the vault: wait for it, or stop it."""


class StateFolderError(VinculoError):
    """The folder outside the vault where vinculo keeps its journal, lock and cache cannot
    be used: fix ``$VINCULO_STATE_DIR`` or the folder's permissions."""


class ImportInputError(VinculoError):
    """The file given to ``vinculo import`` cannot be imported as a whole (wrong format,
    empty, too big): give the right file or importer."""


class InputError(VinculoError):
    """What was typed cannot be done as asked (no such contact, an ambiguous name, a note
    that already exists, a bad parameter): change the arguments."""


class ServiceError(VinculoError):
    """A server vinculo talks to (the mail server of the digest) refused or cannot be
    reached: check its settings and the connection."""


class RetryError(VinculoError):
    """The vault changed under the command while it ran: run it again."""

    hint = "run the command again"


class PluginError(VinculoError):
    """A plugin cannot be loaded or contributed something unusable: update or block it
    (``--block-plugin NAME``), and tell its author."""


# --- the safe write path's refusals (each leaves the note byte-identical) -------------


class WriteBackError(VaultError):
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


class LockError(WriteBackError, BusyError):
    """Another vinculo process is writing to this vault (or watching it, for a second
    watcher). A WriteBackError too, so one ``except`` covers every refused write."""
