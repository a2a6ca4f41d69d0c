"""Where vinculo keeps what is not the user's: the undo journal and the writer lock.

Never inside the vault, so a sync tool, Obsidian or git never sees them. One folder per vault,
named by its folder name plus a short hash of its resolved path, so two vaults with the same
name never share a journal.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from vinculo.errors import StateFolderError

STATE_ENV = "VINCULO_STATE_DIR"


class StateDirError(StateFolderError, ValueError):
    """The state folder setting cannot be used; the message says why, in one line."""


def vault_id(vault: Path) -> str:
    """``<folder-name>-<12 hex>``: readable, and unique per resolved vault path."""
    resolved = Path(vault).resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    name = re.sub(r"[^\w.-]+", "_", resolved.name, flags=re.UNICODE).strip("._") or "vault"
    return f"{name[:40]}-{digest}"


def state_root() -> Path:
    """``$VINCULO_STATE_DIR``, else the platform's user state folder for vinculo."""
    env = os.environ.get(STATE_ENV)
    if env:
        path = Path(env).expanduser()
        if not path.is_absolute():  # it would name another folder from every other folder
            raise StateDirError(f"${STATE_ENV} must be an absolute path, not {env!r}")
        return path
    from platformdirs import user_state_path

    return user_state_path("vinculo")


def state_dir(vault: Path) -> Path:
    """The state folder of one vault (not created here)."""
    return state_root() / vault_id(vault)


def inside_vault(vault: Path) -> bool:
    """True when the state folder would sit inside the vault (a misset $VINCULO_STATE_DIR):
    then nothing is written, rather than journals and locks the vault would sync."""
    root = Path(vault).resolve()
    folder = state_dir(vault).resolve()
    return folder == root or folder.is_relative_to(root)


_command: list[str] = []
session: dict[str, int] = {"groups": 0}  # undo groups the current command started


def set_command(name: str | None) -> None:
    """Name the command this process runs (``sync``, ``watch``…): the journal records it, so
    ``undo --list`` can say what wrote each batch, and keeps a watch session's first sync."""
    _command[:] = [name] if name else []
    session["groups"] = 0


def command_name() -> str:
    return _command[0] if _command else "write"
