"""Running one importer on one file: read the vault once, collect every decision, then write
all changes in a single pass through the safe write path (or only diff them on a dry run)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pluggy

from vinculo.config import Config
from vinculo.importing.base import Action, ImportContext, Importer, ImportFileError
from vinculo.importing.writing import apply

MAX_IMPORT_BYTES = 200_000_000
Progress = Callable[[Iterable[Any], int, str], Iterator[Any]]


def available_importers(pm: pluggy.PluginManager) -> dict[str, Importer]:
    """Every importer the loaded plugins contribute, by name (a later plugin with the same
    name wins, so a third-party plugin can replace a built-in one)."""
    found: dict[str, Importer] = {}
    for batch in reversed(pm.hook.register_importers()):
        for importer in batch or []:
            found[importer.name] = importer
    return dict(sorted(found.items()))


@dataclass
class ImportResult:
    """What an import did (or would do): every decision, and the write report."""

    importer: str
    source: Path
    dry_run: bool
    actions: list[Action] = field(default_factory=list)
    diff: str = ""
    journal_id: str | None = None

    def counts(self) -> dict[str, int]:
        counted = Counter(a.kind for a in self.actions)
        return {"created": counted["create"], "merged": counted["merge"],
                "skipped": counted["skip"]}

    def as_dict(self) -> dict[str, Any]:
        return {
            "importer": self.importer,
            "file": str(self.source),
            "dry_run": self.dry_run,
            **self.counts(),
            "journal": self.journal_id,
            "actions": [a.as_dict() for a in self.actions],
        }


def check_source(path: Path) -> None:
    """ImportFileError with a one-line reason unless ``path`` is a file that can be read."""
    if not path.exists():
        raise ImportFileError(f"file not found: {path}")
    if not path.is_file():
        raise ImportFileError(f"not a file: {path}")


def read_source(path: Path) -> bytes:
    """The file to import, or ImportFileError with a one-line reason."""
    check_source(path)
    size = path.stat().st_size
    if size > MAX_IMPORT_BYTES:
        raise ImportFileError(f"{path.name} is {size:,} bytes (limit {MAX_IMPORT_BYTES:,})")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {exc.strerror or exc}") from exc


def build_context(vault: Path, config: Config, pm: pluggy.PluginManager, today: dt.date,
                  source: Path, progress: Progress | None = None,
                  encoding: str = "utf-8", with_text: bool = False) -> ImportContext:
    """Scan the vault once and find its contacts: every importer decides against this."""
    from vinculo.contacts import build_contacts
    from vinculo.vault import scan_vault

    scan = scan_vault(vault, config)
    contacts = build_contacts(scan.notes, pm, config)
    ctx = ImportContext(vault=vault, config=config, pm=pm, today=today, notes=scan.notes,
                        contacts=contacts, source=source, encoding=encoding,
                        with_text=with_text)
    if progress is not None:
        ctx.progress = progress
    return ctx


def run_import(importer: Importer, source: Path, ctx: ImportContext, dry_run: bool,
               status: Callable[[int], AbstractContextManager[Any]] | None = None) -> ImportResult:
    """Run ``importer`` on ``source`` and apply its decisions (all of them, or none on a
    dry run). Raises ImportFileError when the file as a whole cannot be imported, before
    anything is written."""
    result = ImportResult(importer=importer.name, source=source, dry_run=dry_run)
    if importer.run_file is not None:
        check_source(source)
        result.actions = list(importer.run_file(source, ctx))
    else:
        result.actions = list(importer.run(read_source(source), ctx))
    writes = sum(a.kind != "skip" for a in result.actions)
    if writes:
        with status(writes) if status else nullcontext():  # fsync per file: a wait worth showing
            report = apply(ctx.vault, result.actions, dry_run, ctx.pm)
        result.diff = getattr(report, "diff", "") or ""
        result.journal_id = getattr(report, "journal_id", None)
        refused = _refused(report)
        if refused:
            result.actions = [
                Action("skip", a.label, f"not written: {refused[a.rel]}", a.line, a.rel)
                if a.rel in refused and a.kind != "skip" else a
                for a in result.actions
            ]
    # Reported in file order (a series' occurrences stay in date order): easier to check
    # against the file than the order the importer decided in.
    result.actions.sort(key=lambda a: a.line or 0)
    return result


def _refused(report: Any) -> dict[str, str]:
    """Files the write path declined (changed meanwhile, unsafe path…), with its reason."""
    out: dict[str, str] = {}
    for item in getattr(report, "skipped", None) or []:
        if isinstance(item, tuple | list) and len(item) >= 2:
            out[str(item[0])] = str(item[1])
        else:
            rel = getattr(item, "rel", None) or getattr(item, "path", None)
            if rel is not None:
                out[str(rel)] = str(getattr(item, "reason", "") or "declined")
    return out
