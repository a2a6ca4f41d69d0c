"""The fast frontmatter reader answers exactly what PyYAML's safe loader answers, or not at all."""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from vinculo.simple_yaml import read_simple

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KEYS = ["date", "type", "tags", "aliases", "city", "first name", "met-via", "yes", "null",
        "Año", "x", "ON", "2024", "_private", "tier"]
SCALARS = ["person", "2026-03-12", "2026-3-12", "2026-02-30", "12", "012", "1_000", "-5", "+5",
           "1.5", "1e3", ".inf", "yes", "No", "ON", "off", "true", "False", "null", "~", "",
           "10:30", "a: b", "a #b", "a#b", "#tag", "'quoted'", '"quoted"', "it's", "Cívica Labs",
           "«Redes que importan»", "a, b", "a{b}", "[x]", "[x, y]", "[]", "[ ]", "[a,]",
           "[a, , b]", "[yes, 12, 2026-01-01]", "[a: b]", "[Toni Castillo]", "&anchor",
           "*alias", "!!str x", "|", ">", "@x", "`x`", "%x", "=", "<<", "http://x.org",
           "C:\\path", "tab\there", "x\u2028y", "x ", "  x", "0", "00", "0x1f", "1:20",
           '"[[Ana García]]"', "'it''s'", '"a\\"b"', '"x" y', '"x" #c', '["[[A]]", "[[B, C]]"]',
           "['a', b]", "['a''b', \"c\"]", '"yes"', "'12'", '""', "''", '["a"b]', "[a, 'b]"]


def typed(value):
    """A value with the type of every part, so True and 1 differ."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


def pyyaml(text: str):
    try:
        return yaml.load(text, Loader=LOADER)
    except yaml.YAMLError:
        return "error"


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(SCALARS),
                          st.sampled_from([": ", ":", ":  ", " : "])), max_size=6))
def test_the_fast_reader_agrees_with_pyyaml_whenever_it_answers(lines):
    text = "\n".join(f"{k}{sep}{v}" for k, v, sep in lines) + "\n"
    fast = read_simple(text)
    if fast is not None:
        loaded = pyyaml(text)  # no properties at all is None to PyYAML, {} to a note
        assert typed(fast) == typed(loaded if loaded is not None else {}), text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab: -#[],'\"\n\t{}&*!|>0123456789.~yYnN", max_size=40))
def test_any_text_is_either_refused_or_read_as_pyyaml_reads_it(text):
    fast = read_simple(text)
    if fast is not None:
        loaded = pyyaml(text)
        assert typed(fast) == typed(loaded if loaded is not None else {}), repr(text)


def test_everyday_frontmatter_is_read_without_pyyaml():
    text = ("type: person\ncity: Sevilla\nconnected: 2025-06-10\naliases: [Toni Castillo, Toni]"
            "\ntier: keep-warm\nvinculo_stage: in_person\nwith: \"[[Ana García]]\"\n")
    assert read_simple(text) == {
        "type": "person", "city": "Sevilla", "connected": dt.date(2025, 6, 10),
        "aliases": ["Toni Castillo", "Toni"], "tier": "keep-warm", "vinculo_stage": "in_person",
        "with": "[[Ana García]]",
    }


def test_what_it_does_not_handle_is_left_to_pyyaml():
    for text in ["a: 1\na: 2\n", "a:\n  - x\n", 'a: "x\\ty"\n', "a: 10:30\n", "a: 1.5\n",
                 "yes: x\n", "a: x # note\n", "{a: 1}\n", "a: &x 1\nb: *x\n"]:
        assert read_simple(text) is None, text


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(SCALARS),
                          st.sampled_from([": ", ":", ":  ", " : "]),
                          st.sampled_from(["", " ", "\n"])), max_size=6))
def test_the_fast_spans_of_properties_are_pyyamls_whenever_they_answer(lines):
    """Editing a property splices the span PyYAML's composer gives, read fast or not."""
    from vinculo.errors import PropertyError
    from vinculo.simple_yaml import simple_spans
    from vinculo.writeback.compose.properties import composed_spans

    text = "\n".join(f"{k}{sep}{v}{tail}" for k, v, sep, tail in lines) + "\n"
    fast = simple_spans(text)
    if fast is not None:
        try:
            slow = composed_spans(text)
        except PropertyError:
            slow = "refused"
        assert fast == slow, text


def test_a_property_rendered_again_is_the_same_yaml_and_types_stay_apart():
    from vinculo.writeback.compose.properties import _render, render_property

    for value in [True, 1, "1", 1.0, None, dt.date(2026, 3, 12), "2026-03-12", ["a", 1, True],
                  [1], ["1"], "yes", "in_person", "Ana: García", {"a": 1}]:
        for eol in ("\n", "\r\n"):
            assert render_property("vinculo_x", value, eol) == _render("vinculo_x", value, eol)
            assert render_property("vinculo_x", value, eol) == _render("vinculo_x", value, eol)


def test_the_tables_copied_from_pyyaml_are_still_pyyamls():
    """The reader types scalars with PyYAML's own implicit resolvers, booleans and printable
    characters, copied (importing yaml for them cost every changed note's sync): a PyYAML that
    changes them is caught here."""
    from yaml.constructor import SafeConstructor
    from yaml.reader import Reader
    from yaml.resolver import Resolver

    from vinculo import simple_yaml

    theirs = Resolver.yaml_implicit_resolvers
    assert set(theirs) == {ch for *_, chars in simple_yaml._IMPLICIT for ch in chars}
    for first, found in theirs.items():
        assert [(tag, p.pattern, p.flags) for tag, p in simple_yaml._resolvers(first)] == [
            (tag, p.pattern, p.flags) for tag, p in found], first
    assert simple_yaml._resolvers("a") == []
    assert SafeConstructor.bool_values == simple_yaml._BOOLS
    assert Reader.NON_PRINTABLE.pattern == simple_yaml._NON_PRINTABLE_SOURCE
    assert simple_yaml._NON_PRINTABLE.flags == Reader.NON_PRINTABLE.flags
    # written as the ranges outside PyYAML's class: the same characters, every code point
    every = "".join(map(chr, range(0x110000)))
    assert ([m.start() for m in simple_yaml._NON_PRINTABLE.finditer(every)]
            == [m.start() for m in Reader.NON_PRINTABLE.finditer(every)])
