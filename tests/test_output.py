"""What the terminal shows: the contacts table, the suggest list."""

from __future__ import annotations


def _row(output: str, name: str) -> list[str]:
    """The cells of ``name``'s first table line."""
    line = next(line for line in output.splitlines() if f"│ {name} " in line)
    return [cell.strip() for cell in line.strip("│").split("│")]


def test_contacts_keeps_due_dates_and_planned_dates_in_separate_columns(vault, write, run):
    write("People/Ana.md", "---\ntype: person\ntier: close\n---\n")
    write("People/Tom.md", "---\ntype: person\nconnected: 2025-10-01\n---\n")
    write("Daily/2026-10-01.md", "- Café con [[Ana]]\n- Video call with [[Tom]]\n")
    write("Daily/2026-12-04.md", "- Café con [[Ana]]\n- WhatsApp con [[Tom]]\n")
    result = run("contacts", str(vault))
    assert result.exit_code == 0, result.output
    header = _row(result.output.replace("┃", "│"), "name")
    assert header[-2:] == ["due", "planned"]
    ana, tom = _row(result.output, "Ana"), _row(result.output, "Tom")
    assert ana[-3:] == ["—", "", "2026-12-04 in person"]  # planned, so nothing is due
    assert tom[-2][:4] == "2026" and tom[-1] == "2026-12-04 message"


def test_suggest_indents_wrapped_lines_and_shows_links_as_text(sample, run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = run("suggest", str(sample))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "[[" not in result.output  # no raw wikilinks in the terminal
    # A note named after a date the clause has just said shows as its path, not a repeat.
    assert "      why: last met 2026-05-20 (Meetings/2026-05-20 Kickoff red de mentoras);" in lines
    assert "      since then 4 messages, last 2026-11-18 (Daily/2026-11-18); meet every 60" in lines
    items = lines[1:]
    assert all(line.startswith("  ") for line in items), [x for x in items if x[:2] != "  "]
    assert all(line == line.rstrip() for line in lines)
    # Every line below an item's head is indented as its first line is.
    heads = [i for i, line in enumerate(items) if line.startswith("  20")]
    assert all(line.startswith("      ") for i, line in enumerate(items) if i not in heads)


def test_suggest_links_are_obsidian_hyperlinks_on_a_terminal(sample, run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("FORCE_COLOR", "1")  # as on a terminal that supports hyperlinks
    out = run("suggest", str(sample)).output
    assert "\x1b]8;" in out and (
        "obsidian://open?vault=sample&file=Meetings%2F2026-05-20%20Kickoff%20red%20de%20mentoras") in out
