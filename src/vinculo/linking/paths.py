"""Where a ``[[link]]`` to a contact leads when other notes share the contact's name.

Obsidian resolves a bare ``[[juri]]`` that several notes could mean to the note at that exact
vault path, else to the one in the linking note's own folder, else to the one with the
shortest path. A contact ``para/areas/personnel/juri.md`` next to a review dossier
``dossiers/juri.md`` is then not what ``[[juri]]`` opens from inside ``dossiers/``. So:

- vinculo *writes* such a contact as the shortest path suffix no other note ends with
  (``[[personnel/juri|Juri]]``), or the full vault path; a unique title keeps ``[[Juri]]``;
- vinculo *reads* every link whose name is shared the way Obsidian does, so a link that
  opens another note is not a mention of the contact, and a path link is one.

Only titles of contacts are tracked: the table stays small, and any other note's name is
irrelevant to who a link names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from vinculo.model import Contact

_MD = ".md"


@dataclass(frozen=True)
class LinkPaths:
    """The contacts whose title other notes share, and those notes."""

    # Contact name -> the link path to write (only for shared titles).
    write: Mapping[str, str] = field(default_factory=dict)
    # Lowercased title -> every note with that title, as lowercased paths without ``.md``.
    files: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Lowercased path without ``.md`` -> the contact whose note it is.
    owner: Mapping[str, str] = field(default_factory=dict)

    def target(self, name: str) -> str:
        """What to write between ``[[`` and ``|`` for the contact ``name``."""
        return self.write.get(name, name)

    def shared(self, written: str) -> bool:
        """True when the link text ``written`` names a title several notes have."""
        return bool(self.files) and _base(_linkpath(written)) in self.files

    def resolve(self, written: str, source: str) -> str | None:
        """The contact a link written in the note ``source`` opens, for a shared title
        (:meth:`shared`); None when it opens another note or none."""
        path = _linkpath(written)
        dest = obsidian_destination(path, self.files.get(_base(path), ()), source)
        return self.owner.get(dest) if dest else None

    def fingerprint(self) -> list[object]:
        """A stable summary, for the analysis cache: a new namesake changes what links mean."""
        return [sorted(self.write.items()), sorted(self.files.items())]


def _linkpath(written: str) -> str:
    path = written.rstrip("\\").strip().lstrip("/").lower()
    return path[: -len(_MD)] if path.endswith(_MD) else path


def _base(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _folder(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def obsidian_destination(path: str, files: Iterable[str], source: str) -> str | None:
    """Which of ``files`` (lowercased paths without ``.md``) Obsidian opens for the lowercased
    link path ``path`` written in the note ``source``: the exact vault path, else one in the
    source's folder, else the shortest path; None when none ends with ``path``."""
    matches = [f for f in files if f == path or f.endswith("/" + path)]
    if not matches:
        return None
    if path in matches:
        return path
    here = _folder(source.lower())
    beside = [f for f in matches if _folder(f) == here]
    if beside:
        return beside[0]
    return min(matches, key=lambda f: (len(f), f))


def shortest_suffix(path: str, others: Iterable[str]) -> str:
    """The shortest trailing part of ``path`` (without ``.md``) that no path of ``others``
    (lowercased, without ``.md``) equals or ends with; the full path when none is."""
    rivals = [o for o in others if o != path.lower()]
    parts = path.split("/")
    for count in range(2, len(parts)):
        suffix = "/".join(parts[-count:])
        low = suffix.lower()
        if not any(o == low or o.endswith("/" + low) for o in rivals):
            return suffix
    return path


def link_paths(rels: Iterable[str], contacts: Mapping[str, Contact]) -> LinkPaths:
    """The table for one run, from every note's vault path and the contacts."""
    titles = {c.name.lower() for c in contacts.values()}
    if not titles:
        return LinkPaths()
    by_title: dict[str, list[str]] = {}
    for rel in rels:
        if not rel.lower().endswith(_MD):
            continue
        path = rel[: -len(_MD)].lower()
        title = _base(path)
        if title in titles:
            by_title.setdefault(title, []).append(path)
    files = {t: tuple(sorted(ps)) for t, ps in by_title.items() if len(ps) > 1}
    write: dict[str, str] = {}
    owner: dict[str, str] = {}
    for contact in contacts.values():
        shared = files.get(contact.name.lower())
        if not shared or not contact.rel.lower().endswith(_MD):
            continue
        path = contact.rel[: -len(_MD)]
        owner[path.lower()] = contact.name
        write[contact.name] = shortest_suffix(path, shared)
    return LinkPaths(write, files, owner)
