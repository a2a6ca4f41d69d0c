"""Setting top-level frontmatter keys by splicing text, never by re-dumping the YAML.

Only the ``key: value`` span of a changed key is rewritten (or a new line appended before the
closing ``---``); every other byte — comments, quoting, key order, ``no``/``0123``/dates as
written, unquoted ``[[links]]`` — stays. The result is parsed again and checked: if anything
but the keys we set would read differently, nothing is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from vinculo.errors import PropertyError
from vinculo.model import Note
from vinculo.notes import find_frontmatter, parse_yaml
from vinculo.writeback.compose.edits import line_ending, splice, to_bytes


def same_value(a: Any, b: Any) -> bool:
    """Equal and of the same type (``True == 1`` in Python, not in a note)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    return bool(a == b)


_RENDERED: dict[tuple[Any, ...], str] = {}  # one sync writes the same few stages and dates


def _frozen(value: Any) -> Any:
    """A key for ``value`` that tells types apart (``True`` from ``1``), or None when it has
    none (a map, something unhashable)."""
    if isinstance(value, list):
        items = [_frozen(v) for v in value]
        return None if any(i is None for i in items) else ("list", *items)
    if isinstance(value, dict):
        return None
    try:
        hash(value)
    except TypeError:
        return None
    return (type(value), value)


def render_property(key: str, value: Any, eol: str = "\n") -> str:
    """``key: value`` as YAML (block style for lists and maps), without a final line ending."""
    frozen = _frozen(value)
    if frozen is None:
        return _render(key, value, eol)
    cache_key = (key, eol, frozen)
    text = _RENDERED.get(cache_key)
    if text is None:
        if len(_RENDERED) > 4096:  # a long-running watcher: bounded
            _RENDERED.clear()
        text = _RENDERED[cache_key] = _render(key, value, eol)
    return text


_KEYS: dict[str, str] = {}  # key -> "key:" as PyYAML writes it (quoted when it must be)


def _render(key: str, value: Any, eol: str) -> str:
    if type(value) is dt.date:  # a date is always written plain, as its ISO form
        head = _KEYS.get(key)
        if head is None:
            head = _KEYS[key] = _render(key, 0, eol).rpartition(" ")[0]
        if "\n" not in head:
            return f"{head} {value.isoformat()}"
    import yaml  # here: a sync with nothing to write never loads PyYAML

    try:
        dumped = yaml.safe_dump(
            {key: value}, allow_unicode=True, default_flow_style=False, sort_keys=False,
            width=10**6,
        )
    except yaml.YAMLError as exc:
        raise PropertyError(f"the value of {key!r} cannot be written as YAML") from exc
    return dumped.rstrip("\n").replace("\n", eol)


def _top_level(yaml_text: str) -> dict[str, tuple[int, int]]:
    """Span of each top-level ``key: value`` pair in ``yaml_text``; PropertyError when the
    mapping cannot be edited line by line (flow style, duplicate keys, odd keys)."""
    from vinculo.simple_yaml import simple_spans  # here: it compiles PyYAML's resolvers

    simple = simple_spans(yaml_text)
    return simple if simple is not None else composed_spans(yaml_text)


def composed_spans(yaml_text: str) -> dict[str, tuple[int, int]]:
    """:func:`_top_level` through PyYAML's composer, for any frontmatter."""
    import yaml

    try:
        root = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise PropertyError(f"invalid YAML frontmatter ({str(exc).splitlines()[0]})") from exc
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise PropertyError("frontmatter is not a set of properties")
    if root.flow_style:
        raise PropertyError("frontmatter is written as a {flow mapping}: not edited")
    spans: dict[str, tuple[int, int]] = {}
    for key_node, value_node in root.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        key = str(key_node.value)
        if key in spans:
            raise PropertyError(f"frontmatter has the key {key!r} twice: not edited")
        spans[key] = (key_node.start_mark.index, _trim(yaml_text, key_node.start_mark.index,
                                                       value_node.end_mark.index))
    return spans


def _trim(yaml_text: str, start: int, end: int) -> int:
    """End of a pair's own text: a block value's end mark may run past trailing line
    endings, blank lines and column-0 comments, which belong to no value and are kept."""
    while end > start:
        while end > start and yaml_text[end - 1] in "\r\n":
            end -= 1
        line_start = max(yaml_text.rfind("\n", start, end), yaml_text.rfind("\r", start, end)) + 1
        line = yaml_text[line_start:end]
        if line_start <= start or not (line.strip() == "" or line.startswith("#")):
            return end
        end = line_start
    return end


def properties_text(text: str, values: dict[str, Any]) -> str:
    """``text`` with each of ``values`` set as a top-level frontmatter key, surgically."""
    eol = line_ending(text) if text else "\n"
    bounds = find_frontmatter(text)
    if bounds is None:
        if not values:
            return text
        lines = [render_property(k, v, eol) for k, v in values.items()]
        return f"---{eol}{eol.join(lines)}{eol}---{eol}{text}"
    yaml_start, yaml_end, _ = bounds
    yaml_text = text[yaml_start:yaml_end]
    eol = line_ending(text[:yaml_end], fallback=text)
    data, reason = parse_yaml(yaml_text)
    if data is None:
        raise PropertyError(reason or "unreadable frontmatter")
    spans = _top_level(yaml_text)
    changed = {k: v for k, v in values.items() if k not in data or not same_value(data[k], v)}
    if not changed:
        return text
    edits: list[tuple[int, int, str]] = []
    appended: list[str] = []
    for key, value in changed.items():
        if key in spans:
            start, end = spans[key]
            edits.append((yaml_start + start, yaml_start + end, render_property(key, value, eol)))
        else:
            appended.append(render_property(key, value, eol) + eol)
    if appended:
        lead = eol if yaml_text and not yaml_text.endswith("\n") else ""
        edits.append((yaml_end, yaml_end, lead + "".join(appended)))
    new_text = splice(text, edits)
    _verify(new_text, data, changed)
    return new_text


def _verify(new_text: str, before: dict[str, Any], changed: dict[str, Any]) -> None:
    """Parse the edited frontmatter back: exactly ``changed`` differs, everything else reads
    the same. A surprise (an anchor, a ``|+`` scalar, odd indentation) means no write."""
    bounds = find_frontmatter(new_text)
    data, _ = parse_yaml(new_text[bounds[0] : bounds[1]]) if bounds else (None, None)
    expected = {**before, **changed}
    if data is None or data.keys() != expected.keys() or not all(
        same_value(data[k], expected[k]) for k in expected
    ):
        keys = ", ".join(sorted(changed))
        raise PropertyError(f"frontmatter cannot take {keys} without changing other values")


def set_properties(note: Note, values: dict[str, Any]) -> bytes:
    """The note's bytes with ``values`` set as top-level frontmatter keys, in place; a note
    without frontmatter gets a minimal block (never ``{}``). PropertyError when the
    frontmatter is unusable."""
    if not note.readable:
        problem = note.diagnostics[0].message if note.diagnostics else "unreadable"
        raise PropertyError(f"note is not editable: {problem}")
    if not note.frontmatter_ok:
        problem = next((d.message for d in note.diagnostics), "unreadable frontmatter")
        raise PropertyError(problem)
    return to_bytes(note, properties_text(note.text, values))
