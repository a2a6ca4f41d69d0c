"""Files an undo put back, which the watcher leaves alone until they change again.

``vinculo undo`` while ``vinculo watch`` runs: the restored files reach the watcher like any
save, and its next pass would plan and write the very edits the user just took back, undoing
the undo seconds later. So ``undo`` records, in the vault's state folder (never in the vault),
each file it restores with the SHA-256 of the bytes it puts back, or that it deletes the file;
the watcher drops a planned change to such a file while the file still holds exactly those
bytes (or is still absent). Once the file changes (the user edits it, a ``vinculo sync`` asked
for by name writes it), the record no longer matches and the file is written as usual.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

from vinculo.state_folder import inside_vault, state_dir
from vinculo.writeback.apply.atomic import read_current, write_durably


class _Change(Protocol):  # a vinculo.writeback.FileChange (not imported: apply imports us)
    @property
    def rel(self) -> str: ...
    @property
    def before(self) -> bytes | None: ...


C = TypeVar("C", bound=_Change)
HELD = "held-by-undo.json"
ABSENT = ""  # the sha recorded for a file undo deleted (vinculo had created it)

# The file as last parsed, by its identity: the watcher looks on every pass.
_SEEN: dict[Path, tuple[tuple[int, int, int], dict[str, str]]] = {}


def _sha(data: bytes | None) -> str:
    return ABSENT if data is None else hashlib.sha256(data).hexdigest()


def _path(vault: Path) -> Path:
    return state_dir(vault) / HELD


def held(vault: Path) -> dict[str, str]:
    """``{rel: sha of the bytes undo restored}`` (:data:`ABSENT`: undo deleted it)."""
    path = _path(vault)
    try:
        info = path.stat()
    except OSError:
        return {}
    key = (info.st_ino, info.st_mtime_ns, info.st_size)
    known = _SEEN.get(path)
    if known is None or known[0] != key:
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            data = {}
        known = _SEEN[path] = key, {str(k): str(v) for k, v in dict(data).items()}
    return known[1]


def hold(vault: Path, restored: Mapping[str, str | None]) -> None:
    """Record that undo is putting files back: rel → the SHA-256 of the bytes it restores
    (None: it deletes the file).
    Called with the vault lock held, *before* the files are restored, so a watcher pass that
    reads a restored file already finds its record. Earlier records whose file changed
    since are dropped."""
    if not restored or inside_vault(vault):
        return
    root = Path(vault).resolve()
    kept = {rel: sha for rel, sha in held(vault).items()
            if rel not in restored and _sha(read_current(root / rel)) == sha}
    kept.update({rel: sha or ABSENT for rel, sha in restored.items()})
    path = _path(vault)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_durably(path, json.dumps(kept, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def unheld(vault: Path, changes: Sequence[C]) -> list[C]:
    """``changes`` without those to a file that still holds what an undo restored."""
    records = held(vault) if changes else {}
    if not records:
        return list(changes)
    return [c for c in changes if records.get(c.rel) != _sha(c.before)]
