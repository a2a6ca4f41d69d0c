"""Block structure as CommonMark reads it, in the shapes the linker reads without a full parse.

The linker cuts a note where every block is closed and reads indented code, top-level fences
and lone tables directly: these notes check that a name is protected exactly where a
CommonMark parser says code or HTML runs, and found everywhere else.
"""

from __future__ import annotations

import datetime as dt

import pytest

from vinculo.config import load_config
from vinculo.pipeline import build_index
from vinculo.plugin_host import get_plugin_manager

TODAY = dt.date(2026, 11, 29)


@pytest.fixture
def people(write):
    for name in ("Luis Pérez", "Rosa Martínez"):
        write(f"People/{name}.md", f"---\ntype: person\n---\n# {name}\n")
    return write


def found(vault, text: str | bytes) -> list[tuple[str, int]]:
    """(surface, line) of every name found in plain text in one note written to disk."""
    path = vault / "Daily/2026-11-20.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    index = build_index(vault, load_config(vault), get_plugin_manager(), TODAY)
    return [(m.surface, m.line) for m in index.mentions.get("Daily/2026-11-20.md", [])
            if not m.linked]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A top-level fence runs over empty lines up to its closing line, or to the end.
        ("Hoy.\n\n```text\nLuis Pérez\n\nRosa Martínez\n```\nLuis Pérez llamó.\n",
         [("Luis Pérez", 8)]),
        ("Hoy.\n\n~~~~\nLuis Pérez\n~~~\n\nRosa Martínez\n", []),
        ("Hoy.\n\n```\nLuis Pérez\n\n   ```   \nRosa Martínez\n", [("Rosa Martínez", 7)]),
        # Backticks in a backtick fence's info string: no fence at all.
        ("```a`b\nLuis Pérez\n", [("Luis Pérez", 2)]),
        # A fence in a list item ends with the item.
        ("- item\n\n  ```\n  Luis Pérez\n\nRosa Martínez\n```\n", [("Rosa Martínez", 6)]),
        # Indented code after an empty line; indented text right after prose continues it.
        ("#### Notas\n\n    Luis Pérez\n\n\nRosa Martínez\n", [("Rosa Martínez", 6)]),
        ("Prose\n    Luis Pérez\n\n    Rosa Martínez\n", [("Luis Pérez", 2)]),
        ("- item\n\n    Luis Pérez\n", [("Luis Pérez", 3)]),
        ("\tLuis Pérez\n\nRosa Martínez\n", [("Rosa Martínez", 3)]),
        # HTML blocks: a <pre> or a comment runs over empty lines, a <div> stops at one.
        ("<pre>\n\nLuis Pérez\n\n</pre>\nRosa Martínez\n", [("Rosa Martínez", 6)]),
        ("<div>\nLuis Pérez\n\nRosa Martínez\n</div>\n", [("Rosa Martínez", 4)]),
        ("Hoy.\n<!--\n\nLuis Pérez\n\n-->\nRosa Martínez\n", [("Rosa Martínez", 7)]),
        # A table is not protected: names in its rows are found.
        ("| a | b |\n| --- | --- |\n| Luis Pérez | x |\n\nRosa Martínez\n",
         [("Luis Pérez", 3), ("Rosa Martínez", 5)]),
        # Windows line endings read the same way.
        ("Hoy.\r\n\r\n```\r\nLuis Pérez\r\n```\r\nRosa Martínez\r\n", [("Rosa Martínez", 6)]),
    ],
)
def test_names_are_protected_exactly_inside_code_and_html_blocks(vault, people, text, expected):
    assert found(vault, "---\ndate: 2026-11-20\n---\n" + text) == [
        (surface, line + 3) for surface, line in expected
    ]


def test_a_name_in_a_table_row_is_linked_with_an_escaped_pipe(vault, people, run):
    write = people
    write("Daily/2026-11-21.md", "# Día\n\n| quién | qué |\n| --- | --- |\n"
          "| Luis Pérez | café |\n\nLuis Pérez | no table here\n")
    result = run("link", str(vault), "--apply")
    assert result.exit_code == 0, result.output
    text = (vault / "Daily/2026-11-21.md").read_text(encoding="utf-8")
    assert "| [[Luis Pérez]] | café |" in text
    assert "\n[[Luis Pérez]] | no table here" in text


def test_an_alias_in_a_table_row_escapes_its_pipe_and_nowhere_else(vault, write, run):
    write("People/Luis Pérez.md", "---\ntype: person\naliases: [Lucho]\n---\n# Luis Pérez\n")
    # The second "table" has a delimiter row with more cells than its header: not a table.
    write("Daily/2026-11-22.md", "| quién |\n| :-: |\n| Lucho |\n\nLucho vino.\n\n"
          "| quién |\n| - | - |\n| Lucho |\n")
    result = run("link", str(vault), "--apply")
    assert result.exit_code == 0, result.output
    text = (vault / "Daily/2026-11-22.md").read_text(encoding="utf-8")
    assert text == ("| quién |\n| :-: |\n| [[Luis Pérez\\|Lucho]] |\n\n[[Luis Pérez|Lucho]] vino.\n\n"
                    "| quién |\n| - | - |\n| [[Luis Pérez|Lucho]] |\n")
