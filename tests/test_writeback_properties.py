"""Property tests: any note round-trips byte-identical, and every edit is idempotent."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vinculo.config import Config
from vinculo.notes import find_frontmatter, parse_note
from vinculo.writeback import (
    BlockError,
    FileChange,
    apply_changes,
    edit_note,
    set_managed_block,
    set_properties,
    to_bytes,
)

CONFIG = Config(vault=Path("."))
START, END = "<!-- vinculo:start -->", "<!-- vinculo:end -->"

# Pieces that make notes hard: line endings of every kind, frontmatter fences, YAML that
# looks like other types, markers, fences, accents, a BOM.
PIECES = [
    "\n", "\r\n", "\r", "---", "...", "type: person", "vinculo_stage: radar", "answer: no",
    "zip: 0123", "time: 10:00", "date: 2026-11-29", "tags: [a, b]", "- item", "  nested: 1",
    "# comment", "'quoted'", "[[Ana García]]", "## vinculo", START, END, "```", "~~~", "Ana",
    "Ángel", "ñ", "  ", "\t", ":", "&a", "*a", "{", "}", "x" * 20,
]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=40).map("".join)
raws = st.tuples(st.booleans(), texts).map(
    lambda t: ("\ufeff" if t[0] else "").encode() + t[1].encode("utf-8", "surrogatepass")
)
values = st.dictionaries(
    st.sampled_from(["vinculo_stage", "vinculo_last", "vinculo_count", "vinculo_tags"]),
    st.one_of(
        st.sampled_from(["radar", "online", "voice", "in_person", "no", "0123", "10:00", ""]),
        st.integers(-5, 5000),
        st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1)),
        st.lists(st.sampled_from(["a", "b c", "ñ"]), max_size=3),
    ),
    max_size=3,
)
contents = st.lists(st.sampled_from(["- [ ] call Ana", "- [ ] meet 📅 2026-12-01", "", "x"]),
                    max_size=4).map("\n".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parse(raw: bytes):
    return parse_note(Path("/v/People/Ana.md"), "People/Ana.md", raw)


@SETTINGS
@given(raws)
def test_any_note_round_trips_byte_identical_when_nothing_changes(raw):
    note = parse(raw)
    if not note.readable:
        return
    assert to_bytes(note, note.text) == raw
    try:
        assert edit_note(note) == raw
        assert edit_note(note, spans=[], properties={}) == raw
    except BlockError:
        pass


@SETTINGS
@given(raws, contents)
def test_setting_the_block_twice_equals_once(raw, content):
    note = parse(raw)
    try:
        once = set_managed_block(note, content, CONFIG)
    except BlockError:
        return
    assert set_managed_block(parse(once), content, CONFIG) == once
    # Nothing before the block's insertion point changed.
    prefix = raw[: len(to_bytes(note, note.text[: note.body_start]))]
    assert once.startswith(prefix)


@SETTINGS
@given(raws, values)
def test_setting_properties_twice_equals_once_and_leaves_the_body(raw, props):
    note = parse(raw)
    try:
        once = set_properties(note, props)
    except BlockError:
        return
    again = parse(once)
    assert again.frontmatter_ok
    assert set_properties(again, props) == once
    for key, value in props.items():
        assert again.frontmatter[key] == value
    if note.frontmatter_span is not None:
        assert once.endswith(raw[len(to_bytes(note, note.text[: note.frontmatter_span[1]])) :])
        assert find_frontmatter(again.text) is not None


@SETTINGS
@given(raws, contents, values)
def test_composed_edits_are_idempotent(raw, content, props):
    note = parse(raw)
    try:
        once = edit_note(note, block=content, properties=props, config=CONFIG)
    except BlockError:
        return
    assert edit_note(parse(once), block=content, properties=props, config=CONFIG) == once


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raws, contents, values)
def test_on_real_files_nothing_changes_unless_asked_and_a_second_apply_writes_nothing(
    raw, content, props
):
    with tempfile.TemporaryDirectory() as tmp:
        vault = Path(tmp) / "vault"
        (vault / "People").mkdir(parents=True)
        path = vault / "People" / "Ana.md"
        path.write_bytes(raw)
        note = parse_note(path, "People/Ana.md", path.read_bytes())
        try:
            same = edit_note(note)
        except BlockError:
            same = raw
        assert apply_changes(vault, [FileChange("People/Ana.md", raw, same)]).journal_id is None
        assert path.read_bytes() == raw
        try:
            after = edit_note(note, block=content, properties=props, config=CONFIG)
        except BlockError:
            return
        apply_changes(vault, [FileChange("People/Ana.md", raw, after)])
        assert path.read_bytes() == after
        reread = parse_note(path, "People/Ana.md", path.read_bytes())
        again = edit_note(reread, block=content, properties=props, config=CONFIG)
        report = apply_changes(vault, [FileChange("People/Ana.md", after, again)])
        assert report.written == [] and path.read_bytes() == after


@SETTINGS
@given(key=st.text(min_size=1, max_size=200) | st.sampled_from(
           ["vinculo_last_contact", "no", "a: b", "#x", "- k", "? k", "ñandú", "x" * 130]),
       day=st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
       eol=st.sampled_from(["\n", "\r\n"]))
def test_a_date_property_is_written_as_pyyaml_writes_it(key, day, eol):
    """A date (most of what a sync writes) is rendered without PyYAML's emitter; the text
    is the emitter's, whatever the key."""
    import yaml

    from vinculo.writeback.compose.properties import render_property

    try:
        dumped = yaml.safe_dump({key: day}, allow_unicode=True, default_flow_style=False,
                                sort_keys=False, width=10**6)
    except yaml.YAMLError:
        return
    assert render_property(key, day, eol) == dumped.rstrip("\n").replace("\n", eol)
