"""Reading one note: bytes → text → frontmatter and body, never raising on bad input.

python-frontmatter's own ``loads`` is not used for the boundaries because it trips on a BOM,
on CRLF, and on a note that opens with a ``---`` horizontal rule; we find the YAML block
ourselves and hand only its text to python-frontmatter's YAML handler.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from vinculo.model import Diagnostic, Note

BOM = "\ufeff"
MAX_FRONTMATTER_CHARS = 1_000_000
MAX_YAML_NODES = 100_000

_OPEN = re.compile(r"---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)


@functools.cache
def _pyyaml() -> tuple[Any, type]:
    """python-frontmatter's YAML handler and our strict loader: PyYAML is loaded for the first
    frontmatter that is more than plain ``key: value`` lines (a settled sync reads none)."""
    import yaml
    from frontmatter.default_handlers import YAMLHandler

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available

    class StrictLoader(base):  # type: ignore[misc, valid-type]  # chosen at run time
        """Safe loading that notices what PyYAML forgives: a top-level key written twice,
        and a mapping written in {flow style}. Such frontmatter is read, but never edited in
        place."""

        problem: str | None = None

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            if node is self._root:
                if node.flow_style:
                    self.problem = "frontmatter is written as a {flow mapping}"
                seen: set[str] = set()
                for key_node, _ in node.value:
                    key = str(getattr(key_node, "value", ""))
                    if key in seen:
                        self.problem = f"frontmatter has the key {key!r} twice"
                    seen.add(key)
            return super().construct_mapping(node, deep=deep)

        def construct_document(self, node: Any) -> Any:
            self._root = node
            return super().construct_document(node)

    return YAMLHandler(), StrictLoader


@functools.cache
def _read_simple() -> Any:
    """``simple_yaml.read_simple``, imported on first use (it compiles PyYAML's resolvers)
    and once, not once a note."""
    from vinculo.simple_yaml import read_simple

    return read_simple


def find_frontmatter(text: str) -> tuple[int, int, int] | None:
    """``(yaml_start, yaml_end, body_start)`` of a leading YAML block in ``text``, or None.

    The block opens with ``---`` on the first line and closes with ``---`` (or ``...``) on a
    line of its own. ``yaml_end`` is where the closing line starts.
    """
    opening = _OPEN.match(text)
    if not opening:
        return None
    close = _CLOSE.search(text, opening.end())
    if not close:
        return None
    return opening.end(), close.start(), close.end()


def _too_many_nodes(value: Any, budget: int = MAX_YAML_NODES) -> bool:
    """True when walking ``value`` would visit more than ``budget`` nodes (YAML alias bombs)."""
    stack = [value]
    seen = 0
    while stack:
        node = stack.pop()
        seen += 1
        if seen > budget:
            return True
        if isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list | tuple | set):
            stack.extend(node)
    return False


def parse_yaml(yaml_text: str) -> tuple[dict[str, Any] | None, str | None]:
    """Frontmatter YAML as a mapping, or ``(None, reason)`` when it cannot be used.

    Prefer :func:`read_frontmatter`, which also says whether the block may be edited."""
    data, reason, _ = read_frontmatter(yaml_text)
    return data, reason


def read_frontmatter(yaml_text: str) -> tuple[dict[str, Any] | None, str | None, str | None]:
    """``(properties, unusable_reason, not_editable_reason)`` of a frontmatter block."""
    if len(yaml_text) > MAX_FRONTMATTER_CHARS:
        return None, f"frontmatter is larger than {MAX_FRONTMATTER_CHARS:,} characters", None
    if not yaml_text.strip():
        return {}, None, None
    simple = _read_simple()(yaml_text)  # plain key: value lines, read as PyYAML would
    if simple is not None:
        return simple, None, None
    handler, strict = _pyyaml()
    loader = strict(yaml_text)
    try:
        data = handler.load(yaml_text, Loader=lambda _: loader)
    except Exception as exc:  # yaml raises many error types, and RecursionError on deep nesting
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return None, f"invalid YAML frontmatter ({first})", None
    finally:
        loader.dispose()
    if data is None:
        return {}, None, None
    if not isinstance(data, dict):
        return None, f"frontmatter is a {type(data).__name__}, not a set of properties", None
    # Only aliases (``*name``) make a short text expand into many values; without one, a
    # text has fewer values than half its characters, and the walk is skipped.
    if ("*" in yaml_text or 2 * len(yaml_text) > MAX_YAML_NODES) and _too_many_nodes(data):
        return None, "frontmatter expands to too many values (YAML aliases?)", None
    return {str(k): v for k, v in data.items()}, None, loader.problem


def decode(raw: bytes) -> tuple[str | None, bool, str | None]:
    """``(text, had_bom, problem)``: UTF-8 text, or None with the reason it is not a note."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, False, "file is UTF-16, not UTF-8: left untouched"
    if b"\x00" in raw[:8192]:
        return None, False, "file looks binary: left untouched"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, False, f"file is not valid UTF-8 (byte {exc.start}): left untouched"
    if text.startswith(BOM):
        return text[1:], True, None
    return text, False, None


def parse_note(path: Path, rel: str, raw: bytes) -> Note:
    """A Note from its bytes. Problems become diagnostics on the note; nothing is raised."""
    text, bom, problem = decode(raw)
    if text is None:
        note = Note(path=path, rel=rel, raw=raw, text="", frontmatter={}, body_start=0)
        note.frontmatter_ok = False
        note.diagnostics.append(Diagnostic(rel, problem or "unreadable", "error"))
        return note
    note = Note(path=path, rel=rel, raw=raw, text=text, frontmatter={}, body_start=0, has_bom=bom)
    bounds = find_frontmatter(text)
    if bounds is None:
        return note
    yaml_start, yaml_end, body_start = bounds
    data, reason, not_editable = read_frontmatter(text[yaml_start:yaml_end])
    if data is None:
        # Not usable as properties: never read as such and never written to, and its text is
        # kept out of the body so nothing links inside it.
        note.frontmatter_ok = False
        note.frontmatter_span = (yaml_start, yaml_end)
        note.body_start = body_start
        note.diagnostics.append(Diagnostic(rel, reason or "unreadable frontmatter", "warning", 1))
        return note
    note.frontmatter = data
    note.frontmatter_span = (yaml_start, yaml_end)
    note.body_start = body_start
    if not_editable:
        # Read as properties (Obsidian does too), but never edited: a splice could not be
        # sure which of two keys it changes.
        note.frontmatter_ok = False
        note.diagnostics.append(Diagnostic(rel, f"{not_editable}: note left untouched", "warning", 1))
    return note
