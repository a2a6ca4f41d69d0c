"""One file, written so that a crash at any instant leaves either its old or its new bytes.

Compare-and-swap against the bytes the edit was computed from, a temp file in the same
folder, ``fsync``, ``os.replace``, ``fsync`` of the folder. The temp file is removed on every
error; after a hard kill the journal remembers the batch and the next writer sweeps it.

A batch (``vinculo.writeback.apply``) is a group commit of the same steps: every temp file
written, one flush of them all (:func:`flush_batch`), then each compare-and-swap and rename,
then one fsync per folder. Until the renames start, every note holds its old bytes; each
rename is atomic; so a crash or a kill at any instant still leaves each note old or new.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from vinculo.errors import ChangedError

TEMP_SUFFIX = ".vinculo-tmp"


def temp_path(path: Path | str) -> str:
    """A hidden, unique sibling of ``path``: never ``.md``, so no scan reads it as a note.
    A plain string, as every name of a batch's write is: a path object per file costs a
    first sync a tenth of a second."""
    folder, name = os.path.split(path)
    return os.path.join(folder, f".{name}.{os.urandom(4).hex()}{TEMP_SUFFIX}")


def is_temp(name: str) -> bool:
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def read_current(path: Path | str) -> bytes | None:
    """The file's bytes now, or None when it does not exist. Read with the system calls
    alone (no buffered file object): a batch reads every note twice at its swap."""
    try:
        fd = os.open(path, os.O_RDONLY | _CLOEXEC)
    except FileNotFoundError:
        return None
    try:
        chunks = []
        while chunk := os.read(fd, _CHUNK):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1 << 16


def fsync_dir(folder: Path | str) -> None:
    """Make a rename durable: fsync the folder (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_durably(path: Path, data: bytes) -> None:
    """Replace a state file (never a vault note) so a crash leaves the old or the new whole:
    written beside it, fsynced, renamed over it, the folder fsynced."""
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def write_temp(path: Path | str, data: bytes, mode: int | None, *, sync: bool = True) -> str:
    """A new hidden temp file next to ``path`` holding ``data`` (with ``mode`` when given),
    fsynced unless ``sync`` is False (the caller then flushes a whole batch at once, see
    :func:`flush_batch`). Nothing is left behind when it fails."""
    tmp = temp_path(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC, 0o666)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if sync:
                os.fsync(fd)
            if mode is not None:
                if hasattr(os, "fchmod"):
                    os.fchmod(fd, mode)
                else:  # pragma: no cover - Windows
                    os.chmod(tmp, mode)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return tmp


def install(tmp: Path | str, path: Path | str, expected: bytes | None, *,
            remove: bool = True) -> None:
    """Put the written temp file ``tmp`` in the place of ``path`` if ``path`` still holds
    ``expected`` (None: must not exist); ChangedError otherwise. ``tmp`` is gone afterwards
    (it holds the note's old bytes after an exchange), unless ``remove`` is False: then the
    caller removes it, whatever happened (a batch does, see :func:`remove_all`)."""
    try:
        if read_current(path) != expected:  # last look, as late as possible
            raise ChangedError("changed since it was read: left as it is")
        if expected is None:
            try:
                os.link(tmp, path)  # fails if someone created it meanwhile: never clobber
            except FileExistsError:
                raise ChangedError("was created meanwhile: left as it is") from None
            except OSError:  # file systems without hard links
                os.replace(tmp, path)
        else:
            _swap_in(tmp, path, expected)
    finally:
        if remove:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def remove_all(paths: Sequence[Path | str]) -> None:
    """Remove these files (missing ones are fine), several at a time for a large batch.

    Removing a file whose blocks were just flushed waits on the disk (a millisecond or more
    each on a virtual disk that discards freed blocks), not on the processor: many removals
    in flight at once take a fraction of the time of one after the other. Each of the
    :data:`REMOVERS` threads takes every sixteenth file (a task per file would cost a tenth
    of a second of bookkeeping for 10,000); on 10,000 flushed files, sixteen threads took
    0.17–0.19 s where four took 0.34–0.40 s and one 1 s or more."""
    def remove(share: Sequence[Path | str]) -> None:
        for path in share:
            with contextlib.suppress(OSError):
                os.unlink(path)

    if len(paths) < GROUP_FLUSH_MIN:
        remove(paths)
        return
    import threading  # here: only a large batch needs it

    threads = [threading.Thread(target=remove, args=(paths[i::REMOVERS],))
               for i in range(REMOVERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def flush_batch(root: Path, temps: Sequence[Path | str]) -> None:
    """Make every temp file of a batch durable before the first rename, in one go.

    On Linux one ``syncfs`` of the vault's file system replaces a ``fsync`` per file (each
    of which waits for its own journal commit: seconds for thousands of notes). Elsewhere,
    or when it fails, each temp file is fsynced. OSError when a file cannot be flushed."""
    if len(temps) >= GROUP_FLUSH_MIN and _syncfs(root):
        return
    for tmp in temps:
        fd = os.open(tmp, os.O_RDONLY | _CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# Below this many files a batch fsyncs each one: ``syncfs`` flushes every dirty file of the
# file system, other programs' too, which a handful of fsyncs need not wait for.
GROUP_FLUSH_MIN = 32
REMOVERS = 16  # threads removing a large batch's old copies (see remove_all)
_LIBC: dict[str, Any] = {}  # libc functions by name, looked up once


def _libc(name: str) -> Any:
    """A Linux libc function (``syncfs``, ``renameat2``), or None where there is none."""
    if name not in _LIBC:
        import ctypes  # here: only a write needs it

        _LIBC[name] = (getattr(ctypes.CDLL(None, use_errno=True), name, None)
                       if sys.platform.startswith("linux") else None)
    return _LIBC[name]


def _syncfs(root: Path) -> bool:
    """``syncfs`` of the file system holding ``root``: True when it flushed."""
    call = _libc("syncfs")
    if call is None:
        return False
    try:
        fd = os.open(root, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        return bool(call(fd) == 0)
    finally:
        os.close(fd)


def atomic_write(
    path: Path, data: bytes, *, expected: bytes | None, mode: int | None = None,
    sync_folder: bool = True,
) -> None:
    """Replace ``path`` with ``data`` if it still holds ``expected`` (None: must not exist).

    Keeps the file's permission bits (or sets ``mode``). Raises ChangedError when the file
    changed since it was read, OSError when the system refuses; the file is untouched then.
    ``sync_folder=False`` leaves the folder's fsync to the caller (once per batch and folder:
    until then a crash may lose the rename, never mix old and new bytes).
    """
    if read_current(path) != expected:
        raise ChangedError("changed since it was read: left as it is")
    if mode is None and expected is not None:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    install(write_temp(path, data, mode), path, expected)
    if sync_folder:
        fsync_dir(path.parent)


def _swap_in(tmp: Path | str, path: Path | str, expected: bytes) -> None:
    """Put ``tmp`` in the place of ``path``. Where the system can exchange two names at once
    (Linux ``renameat2``), a note deleted or saved after the last look is never overwritten:
    the exchange fails on a missing note, and what it took out is checked and put back when
    it is not ``expected``. Elsewhere, a plain atomic replace."""
    swapped = _exchange(tmp, path)
    if swapped is None:
        os.replace(tmp, path)
    elif not swapped:
        raise ChangedError("was deleted meanwhile: left as it is")
    elif read_current(tmp) != expected:  # ``tmp`` now holds what was in the note
        _exchange(tmp, path)
        raise ChangedError("changed since it was read: left as it is")


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
def _exchange(a: Path | str, b: Path | str) -> bool | None:
    """Swap the files at ``a`` and ``b`` in one step: True when done, False when one of them
    no longer exists, None when the system or file system cannot."""
    renameat2 = _libc("renameat2")
    if renameat2 is None:
        return None
    import ctypes  # loaded by _libc already

    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code == errno.ENOENT:
        return False
    return None  # EINVAL, ENOSYS…: a file system without exchange


def sweep_temps(folder: Path) -> list[Path]:
    """Remove temp files a killed writer left in ``folder``; the ones removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if is_temp(entry.name) and entry.is_file(follow_symlinks=False):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed
