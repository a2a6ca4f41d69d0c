"""The importer contract: what an importer plugin contributes and what it hands back.

An importer reads one file that people already have elsewhere (a LinkedIn export, a phone's
address book, a calendar) and says, record by record, what it would do to the vault: create a
note, fill empty properties of an existing one, or skip it with a reason a person can act on.
It never writes: the framework applies every change at once through the safe write path, so
``--dry-run`` and a real run take exactly the same decisions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from vinculo.errors import ImportInputError

if TYPE_CHECKING:
    import pluggy

    from vinculo.config import Config
    from vinculo.model import Contact, Note

ActionKind = Literal["create", "merge", "skip"]
T = TypeVar("T")


class ImportFileError(ImportInputError):
    """The file as a whole cannot be imported (wrong format, empty): one line, nothing done."""


@dataclass(frozen=True)
class Action:
    """One decision about one record of the file.

    ``create`` and ``merge`` carry the file bytes to write; ``skip`` carries only the reason.
    ``line`` is where the record starts in the imported file (1-based), so a person can find
    the row that was refused.
    """

    kind: ActionKind
    label: str  # who or what: "Ana García", "2026-11-20 Coffee with Ana"
    reason: str = ""  # why skipped, or what was filled on a merge
    line: int | None = None
    rel: str | None = None  # the note created or changed
    before: bytes | None = None  # current bytes for a merge; None for a creation
    after: bytes | None = None
    fields: tuple[str, ...] = ()  # properties a merge fills

    def as_dict(self) -> dict[str, Any]:
        return {
            "action": self.kind,
            "label": self.label,
            "reason": self.reason,
            "line": self.line,
            "note": self.rel,
            "fields": list(self.fields),
        }


@dataclass
class ImportContext:
    """What an importer may read: the vault as scanned once, its contacts, its settings.

    ``progress`` wraps an iterable of records so the framework can show a bar on stderr for
    large files; importers call it around their main loop and nothing else.
    """

    vault: Path
    config: Config
    pm: pluggy.PluginManager
    today: dt.date
    notes: list[Note]
    contacts: dict[str, Contact]
    source: Path
    progress: Callable[[Iterable[Any], int, str], Iterator[Any]] = field(
        default=lambda items, total, label: iter(items)
    )
    cache: dict[Any, Any] = field(default_factory=dict)  # per-import memo (templates read once)
    encoding: str = "utf-8"  # of the imported file, from ``--encoding``
    with_text: bool = False  # ``--with-text``: message importers keep the messages' text

    def link(self, name: str) -> str:
        """The ``[[link]]`` to the contact ``name`` that opens their note, written as every
        link vinculo writes: ``[[People/Ana|Ana]]`` when another note shares the title
        (docs/linking.md), else ``[[Ana]]``."""
        from vinculo.linking import contact_link, link_paths

        paths = self.cache.get("link_paths")
        if paths is None:
            paths = self.cache["link_paths"] = link_paths((n.rel for n in self.notes),
                                                          self.contacts)
        return contact_link(name, paths)

    def setting(self, importer: str, key: str, default: Any = None) -> Any:
        """``[importers.<importer>] <key>`` from vinculo.toml, else ``default``."""
        return self.config.get(f"importers.{importer}.{key}", default)

    def timezone(self, importer: str) -> dt.tzinfo | None:
        """``[importers.<importer>] timezone`` (an IANA name such as ``Europe/Madrid``), where
        an importer dates UTC times; None when unset (this computer's zone). An unknown name
        is an :class:`ImportFileError`, so nothing is imported on the wrong day."""
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        name = self.setting(importer, "timezone")
        if not name:
            return None
        try:
            return ZoneInfo(str(name))
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ImportFileError(
                f"[importers.{importer}] timezone: unknown time zone {name!r}") from exc


ImportFunction = Callable[[bytes, ImportContext], Iterable[Action]]
FileImportFunction = Callable[[Path, ImportContext], Iterable[Action]]


def bytes_run(run_file: FileImportFunction, file_name: str | None = None) -> ImportFunction:
    """The bytes-in ``run`` of an importer that streams its file: the bytes go through a
    temporary file named ``file_name`` (the source's own name when None), so both contracts
    share one reader."""

    def run(data: bytes, ctx: ImportContext) -> Iterable[Action]:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / (file_name or ctx.source.name)
            path.write_bytes(data)
            return list(run_file(path, ctx))

    return run


@dataclass(frozen=True)
class Importer:
    """An importer contributed through the ``register_importers`` hook.

    ``run(data, ctx)`` receives the file's bytes and yields one :class:`Action` per record (and
    per bad row, as a ``skip`` with its line); raise :class:`ImportFileError` when the file as a
    whole is unusable. ``suffixes`` are the usual file extensions, for help and checks.

    ``run_file(path, ctx)``, when given, is used instead of ``run`` by ``vinculo import``: the
    importer streams the file itself (a chat of a million lines, a mailbox of gigabytes), so
    it is never read into memory whole and the size limit for ``run`` does not apply.
    """

    name: str
    description: str
    run: ImportFunction
    suffixes: tuple[str, ...] = ()
    run_file: FileImportFunction | None = None
