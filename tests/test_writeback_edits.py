"""Surgical edits: links, the managed block and properties change only their own spans."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from vinculo.config import Config
from vinculo.notes import parse_note
from vinculo.writeback import (
    BlockError,
    PropertyError,
    edit_note,
    read_managed_block,
    replace_spans,
    set_managed_block,
    set_properties,
    to_bytes,
)

CONFIG = Config(vault=Path("."))
START, END = "<!-- vinculo:start -->", "<!-- vinculo:end -->"


def note(raw: bytes | str, rel: str = "People/Ana.md"):
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    return parse_note(Path("/vault") / rel, rel, data)


def test_replace_spans_keeps_bom_and_every_other_byte():
    raw = "\ufeffVi a Ana hoy.\r\nLuego\r\nfin".encode()
    n = note(raw)
    start = n.text.index("Ana")
    out = replace_spans(n, [(start, start + 3, "[[Ana García|Ana]]")])
    assert out == "\ufeffVi a [[Ana García|Ana]] hoy.\r\nLuego\r\nfin".encode()
    assert to_bytes(n, n.text) == raw


def test_block_is_inserted_under_existing_heading_with_the_notes_line_ending():
    n = note("# Ana\r\n\r\n## vinculo\r\n\r\nmis notas\r\n")
    out = set_managed_block(n, "- [ ] call\n", CONFIG)
    assert out == (
        f"# Ana\r\n\r\n## vinculo\r\n{START}\r\n- [ ] call\r\n{END}\r\n\r\nmis notas\r\n"
    ).encode()
    assert read_managed_block(note(out), CONFIG) == "- [ ] call\r\n"


def test_block_and_heading_appended_when_missing_even_without_final_newline():
    out = set_managed_block(note("# Ana\nsin salto"), "- [ ] meet", CONFIG)
    assert out.decode() == f"# Ana\nsin salto\n\n## vinculo\n{START}\n- [ ] meet\n{END}\n"


def test_block_replaced_between_markers_only():
    raw = f"intro\n{START}\nold\n{END}\ntail without newline"
    out = set_managed_block(note(raw), "new\n", CONFIG)
    assert out.decode() == f"intro\n{START}\nnew\n{END}\ntail without newline"
    assert set_managed_block(note(out), "new\n", CONFIG) == out


@pytest.mark.parametrize(
    "body, why",
    [
        (f"a\n{START}\nx\n", "no end marker"),
        (f"a\nx\n{END}\n", "no start marker"),
        (f"{START}\nx\n{END}\n{START}\ny\n{END}\n", "duplicated"),
        (f"{END}\nx\n{START}\n", "before the start"),
        (f"```\n{START}\n```\nx\n", "code block"),
        (f"~~~md\n{START}\nx\n{END}\n~~~\n", "code block"),
        (f"see `{START}` here\n", "line of its own"),
    ],
)
def test_broken_markers_refuse_any_write(body, why):
    n = note("---\ntype: person\n---\n" + body)
    with pytest.raises(BlockError, match=why):
        read_managed_block(n, CONFIG)
    with pytest.raises(BlockError):
        set_managed_block(n, "x\n", CONFIG)
    with pytest.raises(BlockError):  # properties are not written either
        edit_note(n, block="x\n", properties={"vinculo_stage": "online"}, config=CONFIG)


def test_properties_updated_in_place_and_appended_keeping_the_zoo():
    zoo = (
        "\ufeff---\r\n"
        "# a comment\r\n"
        "type: person   # inline comment\r\n"
        "answer: no\r\n"
        "zip: 0123\r\n"
        "time: 10:00\r\n"
        "born: 1990-01-02\r\n"
        "quoted: 'single'\r\n"
        "friend: [[Antonio]]\r\n"
        "vinculo_stage: radar # set by vinculo\r\n"
        "tags:\r\n  - person\r\n"
        "---\r\n"
        "body"
    )
    n = note(zoo.encode())
    out = set_properties(n, {"vinculo_stage": "online", "vinculo_last": dt.date(2026, 11, 2)})
    expected = zoo.replace("vinculo_stage: radar", "vinculo_stage: online").replace(
        "  - person\r\n---", "  - person\r\nvinculo_last: 2026-11-02\r\n---"
    )
    assert out == expected.encode()
    assert set_properties(note(out), {"vinculo_stage": "online"}) == out


def test_note_without_frontmatter_gets_a_minimal_block_only_when_needed():
    n = note("# Ana\n")
    assert set_properties(n, {}) == b"# Ana\n"
    assert set_properties(n, {"vinculo_stage": "voice"}) == b"---\nvinculo_stage: voice\n---\n# Ana\n"


@pytest.mark.parametrize(
    "yaml_text, why",
    [
        ("a: 1\na: 2\n", "twice"),
        ("{a: 1}\n", "flow mapping"),
        ("a: [unclosed\n", "invalid YAML"),
    ],
)
def test_unusable_frontmatter_is_never_edited(yaml_text, why):
    n = note(f"---\n{yaml_text}---\nbody\n")
    with pytest.raises(PropertyError, match=why):
        set_properties(n, {"vinculo_stage": "online"})
    with pytest.raises(BlockError):  # the whole note is refused, body edits included
        edit_note(n, spans=[(n.body_start, n.body_start, "x")])


def test_an_anchor_that_would_change_other_values_refuses():
    n = note("---\nvinculo_stage: &s radar\nother: *s\n---\n")
    with pytest.raises(PropertyError, match="without changing other values"):
        set_properties(n, {"vinculo_stage": "online"})


def test_read_managed_block_is_none_without_markers():
    assert read_managed_block(note("# Ana\n"), CONFIG) is None


@pytest.mark.parametrize(
    "yaml_text, expected",
    [
        ("vinculo_stage:\n", "vinculo_stage: online\n"),
        ("'vinculo_stage': radar\n", "vinculo_stage: online\n"),
        ("vinculo_stage: &x radar\n", "vinculo_stage: online\n"),
        ("vinculo_stage:\n  - a\n# kept\nnext: 1\n", "vinculo_stage: online\n# kept\nnext: 1\n"),
        ("vinculo_stage: |\n  text\n  more\nnext: 1\n", "vinculo_stage: online\nnext: 1\n"),
    ],
)
def test_existing_values_of_every_shape_are_replaced_in_place(yaml_text, expected):
    out = set_properties(note(f"---\n{yaml_text}---\nbody\n"), {"vinculo_stage": "online"})
    assert out.decode() == f"---\n{expected}---\nbody\n"


def test_values_are_written_as_yaml_that_reads_back_the_same():
    n = note("---\ntype: person\n---\n")
    values = {"vinculo_text": "a: b # not a comment", "vinculo_no": "no", "vinculo_list": [1, "x"],
              "vinculo_when": dt.date(2026, 1, 2), "vinculo_link": "[[Ana]]"}
    out = note(set_properties(n, values))
    assert out.frontmatter == {"type": "person", **values}


def test_a_value_yaml_cannot_hold_is_refused():
    with pytest.raises(PropertyError, match="cannot be written as YAML"):
        set_properties(note("---\na: 1\n---\n"), {"vinculo_x": object()})
