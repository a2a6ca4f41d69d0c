"""One writer per vault: an OS file lock in the vault's state folder.

The lock is an ``flock``-style lock (via ``filelock``), which the kernel releases when its
process dies, so a lock left by a killed process is never stale: the next writer simply gets
it. The holder's pid is written next to it so the refusal can say who holds it. Re-entrant
within one process (``sync`` holds it while ``apply_changes`` takes it again).
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from vinculo.state import inside_vault, state_dir
from vinculo.writeback.errors import LockError, WriteBackError

_held: dict[str, tuple[Any, int]] = {}  # folder -> (filelock.FileLock, depth)
_guard = threading.Lock()


def _holder(folder: Path) -> str:
    try:
        info = json.loads((folder / "writer.json").read_text(encoding="utf-8"))
        return f"pid {int(info['pid'])}"
    except (OSError, ValueError, KeyError, TypeError):
        return "pid unknown"


@contextmanager
def vault_lock(vault: Path) -> Iterator[None]:
    """Hold the vault's writer lock; LockError at once if another process holds it."""
    if inside_vault(vault):
        raise WriteBackError("the state folder ($VINCULO_STATE_DIR) is inside the vault")
    folder = state_dir(vault)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteBackError(
            f"cannot use the state folder {folder}: {exc.strerror or exc}; nothing written"
        ) from None
    key = str(folder)
    with _guard:
        if key in _held:
            lock, depth = _held[key]
            _held[key] = (lock, depth + 1)
        else:
            from filelock import FileLock, Timeout  # here: a read-only run never loads it

            lock = FileLock(str(folder / "writer.lock"), timeout=0, thread_local=False)
            try:
                lock.acquire()
            except Timeout:
                raise LockError(
                    f"another vinculo process ({_holder(folder)}) is writing to this vault"
                ) from None
            except OSError as exc:
                raise WriteBackError(
                    f"cannot lock the vault in {folder}: {exc.strerror or exc}; nothing written"
                ) from None
            _held[key] = (lock, 1)
            with contextlib.suppress(OSError):  # only used to name the holder in a refusal
                (folder / "writer.json").write_text(json.dumps({"pid": os.getpid()}), "utf-8")
    try:
        yield
    finally:
        with _guard:
            lock, depth = _held[key]
            if depth > 1:
                _held[key] = (lock, depth - 1)
            else:
                del _held[key]
                with contextlib.suppress(OSError):
                    (folder / "writer.json").unlink()
                lock.release()
