"""One writer at a time per vault: an OS file lock in the vault's state folder.

The lock is an ``flock``-style lock (as ``filelock`` takes it), which the kernel releases when its
process dies, so a lock left by a killed process is never stale: the next writer simply gets
it. The holder's pid (and whether it is the watcher) is written next to it so a writer that
has to wait can say what it waits for. Re-entrant within one process (``sync`` holds it while
``apply_changes`` takes it again).

A writer that finds the lock held **waits** for it, bounded ($VINCULO_LOCK_WAIT seconds, 30
by default), and says what it waits for; only then does it refuse. The watcher holds the
writer lock only while it writes a pass, so with ``vinculo watch`` running a command waits a
moment at most and its change is then picked up by the watcher like any save. What keeps a
second watcher out is a separate lock, :func:`watch_lock`, held for the watcher's whole life.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from vinculo.errors import LockError, WriteBackError
from vinculo.state_folder import inside_vault, state_dir

WAIT_ENV = "VINCULO_LOCK_WAIT"
DEFAULT_WAIT = 30.0

_held: dict[str, tuple[Any, int]] = {}  # folder -> (its writer lock, depth)
_watching: set[str] = set()  # state folders this process watches
_guard = threading.Lock()
_notice: Callable[[str], None] = lambda message: None  # noqa: E731


def set_wait_notice(notice: Callable[[str], None]) -> None:
    """Where a writer says it is waiting for the lock (the CLI: one line on stderr)."""
    global _notice
    _notice = notice


def lock_wait() -> float:
    """How long a writer waits for the lock: $VINCULO_LOCK_WAIT seconds, else 30."""
    try:
        return max(0.0, float(os.environ.get(WAIT_ENV, DEFAULT_WAIT)))
    except ValueError:
        return DEFAULT_WAIT


def _recorded(path: Path) -> tuple[str, bool]:
    """What a holder wrote next to its lock, for a message: "pid 12" ("pid unknown" when the
    file is gone or unreadable) and whether it is the watcher."""
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        return f"pid {int(info['pid'])}", bool(info.get("watcher"))
    except (OSError, ValueError, KeyError, TypeError):
        return "pid unknown", False


def _holder(folder: Path) -> str:
    """Who holds the lock, for a message: "the vinculo watcher (pid 12)" or "another vinculo
    process (pid 12)"."""
    pid, watcher = _recorded(folder / "writer.json")
    return f"the vinculo watcher ({pid})" if watcher else f"another vinculo process ({pid})"


def _folder(vault: Path) -> Path:
    if inside_vault(vault):
        raise WriteBackError("the state folder ($VINCULO_STATE_DIR) is inside the vault")
    folder = state_dir(vault)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteBackError(
            f"cannot use the state folder {folder}: {exc.strerror or exc}; nothing written"
        ) from None
    return folder


class _Busy(LockError):
    """The lock is held by another process (and waiting longer was not asked for): turned
    into the LockError that says by whom (:func:`_acquire`)."""


class _FileLock:
    """``filelock.FileLock`` with :class:`_Flock`'s interface (where there is no ``fcntl``,
    or ``flock`` is not supported)."""

    def __init__(self, path: str) -> None:
        from filelock import FileLock

        self.lock = FileLock(path, thread_local=False)

    def acquire(self, timeout: float, poll_interval: float = 0.05) -> None:
        from filelock import Timeout

        try:
            self.lock.acquire(timeout=timeout, poll_interval=poll_interval)
        except Timeout:
            raise _Busy from None

    def release(self) -> None:
        self.lock.release()


class _Flock:
    """The writer lock as ``filelock`` takes it on POSIX — an exclusive ``flock`` on the lock
    file, which the kernel drops when its process dies — without importing ``filelock``
    (about 11 ms of every writing command: its logging, its decimal settings…). Where
    ``flock`` is not supported (some network file systems), ``filelock`` takes it, with its
    fallbacks."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.fd: int | None = None
        self.other: _FileLock | None = None  # where flock is not supported

    def acquire(self, timeout: float, poll_interval: float = 0.05) -> None:
        import fcntl
        import time

        deadline = time.monotonic() + timeout
        while True:
            if self.other is not None:
                return self.other.acquire(max(0.0, deadline - time.monotonic()), poll_interval)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
            except OSError:
                os.close(fd)
                self.other = _FileLock(self.path)
                continue
            else:
                self.fd = fd
                return
            if time.monotonic() >= deadline:
                raise _Busy
            time.sleep(poll_interval)

    def release(self) -> None:
        if self.other is not None:
            self.other.release()
        elif self.fd is not None:
            import fcntl

            fd, self.fd = self.fd, None
            try:  # unlocked before it is closed: a worker forked meanwhile holds a copy of
                fcntl.flock(fd, fcntl.LOCK_UN)  # the descriptor, which would keep it locked
            finally:
                os.close(fd)


def _writer_lock(path: str) -> _Flock | _FileLock:
    return _Flock(path) if os.name == "posix" else _FileLock(path)


def _acquire(lock: _Flock | _FileLock, folder: Path, wait: float) -> None:
    """Take ``lock`` at once, else say what we wait for and wait up to ``wait`` seconds."""
    try:
        try:
            lock.acquire(timeout=0)
            return
        except _Busy:
            if wait <= 0:
                raise
        who = _holder(folder)
        _notice(f"waiting for {who} to finish writing to this vault (up to {wait:g} s)…")
        lock.acquire(timeout=wait, poll_interval=0.05)
    except _Busy:
        waited = f"; waited {wait:g} s, nothing written" if wait > 0 else ""
        raise LockError(f"{_holder(folder)} is writing to this vault{waited}") from None
    except OSError as exc:
        raise WriteBackError(
            f"cannot lock the vault in {folder}: {exc.strerror or exc}; nothing written"
        ) from None


@contextmanager
def vault_lock(vault: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the vault's writer lock, waiting up to ``wait`` seconds (default
    :func:`lock_wait`) when another process holds it; LockError after that."""
    folder = _folder(vault)
    key = str(folder)
    with _guard:
        if key in _held:
            lock, depth = _held[key]
            _held[key] = (lock, depth + 1)
            fresh = False
        else:
            fresh = True
    if fresh:
        lock = _writer_lock(str(folder / "writer.lock"))
        _acquire(lock, folder, lock_wait() if wait is None else wait)
        with _guard:
            _held[key] = (lock, 1)
        with contextlib.suppress(OSError):  # only used to name the holder to a waiting writer
            info = {"pid": os.getpid(), "watcher": key in _watching}
            (folder / "writer.json").write_text(json.dumps(info), "utf-8")
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


@contextmanager
def watch_lock(vault: Path) -> Iterator[None]:
    """One watcher per vault, for its whole life; LockError at once if another watches.

    Separate from the writer lock, which the watcher takes only while it writes a pass."""
    from filelock import FileLock, Timeout

    folder = _folder(vault)
    lock = FileLock(str(folder / "watch.lock"), thread_local=False)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        who, _ = _recorded(folder / "watcher.json")
        raise LockError(f"another vinculo watcher ({who}) is watching this vault") from None
    except OSError as exc:
        raise WriteBackError(f"cannot lock the vault in {folder}: {exc.strerror or exc}") from None
    key = str(folder)
    with _guard:
        _watching.add(key)
    with contextlib.suppress(OSError):
        (folder / "watcher.json").write_text(json.dumps({"pid": os.getpid()}), "utf-8")
    try:
        yield
    finally:
        with _guard:
            _watching.discard(key)
        with contextlib.suppress(OSError):
            (folder / "watcher.json").unlink()
        lock.release()


def watcher_running(vault: Path) -> bool:
    """Whether a ``vinculo watch`` watches this vault now (a look at its lock, never a wait):
    a command whose result the watcher's next pass will change says so."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(_folder(vault) / "watch.lock"), thread_local=False)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    except OSError:
        return False
    lock.release()
    return False
