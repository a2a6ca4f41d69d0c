"""User text that looks like rich markup (``[/]``, ``[he-him]``, ``[bold]``) is printed as
written by every command, never read as markup (which crashed or dropped it)."""

from __future__ import annotations

import pytest

HOSTILE_CARD = """BEGIN:VCARD
VERSION:3.0
N:Sanz [he-him];Rodrigo;;;
FN:Rodrigo Sanz [he-him]
EMAIL:rodrigo@example.com
ADR;TYPE=HOME:;;Calle 1;Valencia [/];;;
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Broken [/] Name
EMAIL:broken@example.com
END:VCARD
"""


def test_import_prints_names_with_brackets_as_written(run, vault, tmp_path):
    card = tmp_path / "c.vcf"
    card.write_text(HOSTILE_CARD, encoding="utf-8")
    result = run("import", "vcard", str(card), str(vault))
    assert result.exit_code == 0, result.output
    assert "Rodrigo Sanz [he-him]" in result.output and "Broken [/] Name" in result.output
    assert (vault / "People" / "Rodrigo Sanz [he-him].md").exists() or any(
        "Rodrigo Sanz" in p.name for p in (vault / "People").iterdir())


@pytest.mark.parametrize("command", ["contacts", "scan", "suggest"])
def test_names_cities_and_dates_with_brackets_print_as_written(run, vault, write, command):
    write("People/Rodrigo Sanz [he-him].md",
          "---\ntype: person\ncity: Valencia [/]\ntier: close\n---\n")
    write("People/Ana [bold]Soto.md", "---\ntype: person\ncity: \"[red]Madrid\"\n---\n")
    write("Daily/2026-01-05.md", "Café con [[Rodrigo Sanz [he-him]]] y [[Ana [bold]Soto]].\n")
    write("Notes/[/] odd.md", "---\nbad: [unclosed\n---\n")
    result = run(command, str(vault))
    assert result.exit_code == 0, result.output
    out = result.output
    if command == "contacts":
        assert "Rodrigo Sanz [he-him]" in out and "Ana [bold]Soto" in out
    if command == "scan":
        assert "Notes/[/] odd.md" in out
    if command == "suggest":
        assert "Rodrigo Sanz [he-him]" in out and "Valencia [/]" in out
