"""Reading one note never fails: every bad input becomes a clear diagnostic."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from vinculo.config import load_config
from vinculo.vault import read_note


def _read(vault: Path, write, rel: str, content: str | bytes):
    path = write(rel, content)
    return read_note(vault, path, rel, load_config(vault))


def test_plain_frontmatter_and_body(vault, write):
    note = _read(vault, write, "a.md", "---\ntype: person\naliases: [Encar]\n---\nHola\n")
    assert note.frontmatter == {"type": "person", "aliases": ["Encar"]}
    assert note.body == "Hola\n"
    assert note.diagnostics == []


def test_bom_and_crlf(vault, write):
    note = _read(vault, write, "a.md", b"\xef\xbb\xbf---\r\ntype: person\r\n---\r\nHola\r\n")
    assert note.has_bom
    assert note.frontmatter == {"type": "person"}
    assert note.body == "Hola\r\n"


def test_leading_horizontal_rule_is_not_frontmatter(vault, write):
    note = _read(vault, write, "a.md", "---\nJust a rule above some text.\n\nMore text.\n")
    assert note.frontmatter == {}
    assert note.body_start == 0
    assert note.readable


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("---\ntitle: [unclosed\n---\nbody\n", "invalid YAML"),
        ("---\n- a\n- b\n---\nbody\n", "not a set of properties"),
        ("---\njust text\n---\nbody\n", "not a set of properties"),
    ],
)
def test_unusable_frontmatter_is_a_warning_and_body_survives(vault, write, content, message):
    note = _read(vault, write, "a.md", content)
    assert note.readable
    assert not note.frontmatter_ok
    assert note.frontmatter == {}
    assert note.body == "body\n"
    assert message in note.diagnostics[0].message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("---\ntype: person\n---\nHola\n".encode("utf-16"), "UTF-16"),
        (b"---\ntype: person\n---\nEncarnaci\xf3n\n", "not valid UTF-8"),
    ],
)
def test_unreadable_files_are_errors_not_crashes(vault, write, content, message):
    note = _read(vault, write, "a.md", content)
    assert not note.readable
    assert message in note.diagnostics[0].message


def test_yaml_alias_bomb_is_refused_quickly(vault, write):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    started = time.monotonic()
    note = _read(vault, write, "a.md", "---\n" + "\n".join(lines) + "\n---\nbody\n")
    assert time.monotonic() - started < 5
    assert not note.frontmatter_ok
    assert "too many values" in note.diagnostics[0].message


def test_deeply_nested_frontmatter_is_a_diagnostic(vault, write):
    note = _read(vault, write, "a.md", "---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\nbody\n")
    assert not note.frontmatter_ok
    assert note.body == "body\n"


def test_huge_frontmatter_is_refused(vault, write):
    big = "---\n" + "".join(f"k{i}: {'v' * 100}\n" for i in range(12000)) + "---\nbody\n"
    note = _read(vault, write, "a.md", big)
    assert not note.frontmatter_ok
    assert "larger than" in note.diagnostics[0].message


def test_oversized_note_is_skipped_with_a_message(vault, write):
    (vault / "vinculo.toml").write_text("[ignore]\nmax_note_bytes = 100\n")
    note = _read(vault, write, "a.md", "x" * 500)
    assert not note.readable
    assert "limit" in note.diagnostics[0].message


def test_dated_notes_from_file_name_and_frontmatter(vault, write):
    assert _read(vault, write, "Daily/2026-11-02.md", "hi").date.isoformat() == "2026-11-02"
    fm = _read(vault, write, "Meetings/Kickoff.md", "---\ndate: 2026-10-01\n---\n")
    assert fm.date.isoformat() == "2026-10-01"
    assert _read(vault, write, "Projects/Plan.md", "hi").date is None


def test_custom_daily_format_from_obsidian_settings(vault, write):
    write(".obsidian/daily-notes.json", '{"format": "DD.MM.YYYY", "folder": "Journal"}')
    note = _read(vault, write, "Journal/02.11.2026.md", "hi")
    assert note.date.isoformat() == "2026-11-02"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("---\ntype: person\ncity: Madrid\ncity: Sevilla\n---\nbody\n", "key 'city' twice"),
        ("---\n{type: person, city: Madrid}\n---\nbody\n", "flow mapping"),
    ],
)
def test_frontmatter_read_but_never_edited(vault, write, content, message):
    note = _read(vault, write, "a.md", content)
    assert note.frontmatter["type"] == "person"  # still read, as Obsidian does
    assert not note.frontmatter_ok  # but the write path will refuse to touch the note
    assert message in note.diagnostics[0].message
