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
