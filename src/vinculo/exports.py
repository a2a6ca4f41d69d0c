"""Where ``vinculo export …`` saves a file with ``-o``: inside the vault through the safe write
path like every file vinculo writes there, anywhere else as a plain file."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def save_export(session: Any, output: Path, data: bytes, reason: str) -> None:
    """Write ``data`` to ``output``. In the vault the write is atomic, checked against what
    was read and journaled (`vinculo undo` takes it back), and nothing is written when the
    file already holds ``data``; a failure is a one-line VinculoError."""
    from vinculo.errors import InputError, VaultError

    target = output.resolve()
    if not target.is_relative_to(session.vault):
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise InputError(f"cannot write {output}: {exc.strerror or exc}") from exc
        return
    from vinculo.writeback import FileChange, apply_changes

    rel = target.relative_to(session.vault).as_posix()
    before = target.read_bytes() if target.is_file() else None
    if data == before:
        return
    report = apply_changes(session.vault, [FileChange(rel, before, data, reason)], pm=session.pm)
    for skipped, why in report.skipped:
        raise VaultError(f"{skipped} not written: {why}")
