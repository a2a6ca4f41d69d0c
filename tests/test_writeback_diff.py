"""The diff of a change that keeps every line in its place is difflib's, found without a search."""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from vinculo.writeback import FileChange, unified_diff
from vinculo.writeback.apply.diff import paired_opcodes


@settings(max_examples=400, deadline=None)
@given(st.integers(0, 40), st.lists(st.integers(0, 45), max_size=12), st.booleans())
def test_links_written_in_place_give_difflibs_own_diff(size, edited, final_newline):
    """Lines distinct (as a note's mostly are), some of them edited in place, as links are."""
    before = [f"line {i} with Ana García\n" for i in range(size)]
    after = list(before)
    for i in edited:
        if i < size:
            after[i] = after[i].replace("Ana García", "[[Ana García]]", 1)
    if not final_newline and size:
        before[-1] = before[-1].rstrip("\n")
        after[-1] = after[-1].rstrip("\n")
    old, new = "".join(before).encode(), "".join(after).encode()
    ours = unified_diff([FileChange("Daily/a b.md", old, new)])
    expected = "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        for line in difflib.unified_diff(before, after, "a/Daily/a b.md\t", "b/Daily/a b.md\t"))
    assert ours == expected


def test_a_change_that_adds_lines_is_not_paired():
    assert paired_opcodes(["a\n", "b\n"], ["a\n", "x\n", "b\n"]) is None
    assert paired_opcodes(["a\n", "b\n", "c\n"], ["a\n", "B\n", "c\n"]) == [
        ("equal", 0, 1, 0, 1), ("replace", 1, 2, 1, 2), ("equal", 2, 3, 2, 3)]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a\n", "b\n", "c", "", "\n", "[[a]]\n"]), max_size=40),
       st.lists(st.tuples(st.integers(0, 45), st.sampled_from(["a\n", "x\n", "y", "\n"])),
                max_size=15))
def test_in_place_hunks_are_written_as_difflib_groups_them(lines, edits):
    """Repeated lines too (where difflib's own search may pair them otherwise): the hunks
    written from the changed positions are those of difflib's grouping of the same pairs."""
    from vinculo.writeback.apply.diff import _grouped_hunks, _paired_hunks

    after = list(lines)
    for i, text in edits:
        if i < len(after):
            after[i] = text
    assert list(_paired_hunks(lines, after, "a/x", "b/x")) == list(
        _grouped_hunks(lines, after, "a/x", "b/x"))
