"""``vinculo brief NAME``: one page about one person before a meeting."""

from __future__ import annotations

import json

from conftest import snapshot


def _vault(write) -> None:
    write("People/Ana García.md", "---\ntype: person\ncompany: Acme\ncity: Sevilla\n"
                                  "aliases: [Anita]\n---\n")
    write("Daily/2026-09-10.md", "- Café con [[Ana García]]: hablamos de su mudanza a Sevilla\n")
    write("Daily/2026-10-02.md", "- Llamé a [[Ana García]] por lo del taller de escritura\n")
    write("Daily/2026-11-20.md", "- [[Ana García]] me escribió sobre el libro de Rebecca Solnit\n"
                                 "- [ ] mandarle a Ana García el artículo de Solnit\n")
    write("Daily/2026-12-03.md", "- Comida con [[Ana García]]\n")
    write("Meetings/2026-12-03 Comida con Ana.md", "---\ndate: 2026-12-03\n---\n# Comida\n\nIdeas:\n")


def test_brief_prints_who_they_are_last_interactions_loops_plans_and_topics(vault, write, run):
    _vault(write)
    result = run("brief", "anita", str(vault))
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("**Ana García** · in person · aka Anita\n")
    assert "- company: Acme" in out and "- city: Sevilla" in out
    assert ("    - 2026-09-10 (both) Café con Ana García: hablamos de su mudanza a Sevilla "
            "[[Daily/2026-09-10|2026-09-10]]") in out
    assert "    - 2026-10-02 (you) Llamé a Ana García por lo del taller de escritura" in out
    assert "    - 2026-11-20 (they) Ana García me escribió sobre el libro de Rebecca Solnit" in out
    assert "- Open loops:\n    - mandarle a Ana García el artículo de Solnit" in out
    assert "- Planned:\n    - 2026-12-03 in person" in out
    data = json.loads(run("brief", "Ana García", str(vault), "--json").output)
    assert data["last_reply"] == "2026-11-20"
    assert data["last_by_channel"]["message"][0]["direction"] == "in"
    assert data["talked_about"][0]["text"].startswith("Ana García me escribió sobre el libro")


def test_an_unknown_or_ambiguous_name_is_one_line(vault, write, run):
    _vault(write)
    result = run("brief", "Zacarías", str(vault))
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1


def test_brief_into_the_meeting_note_is_safe_and_counts_for_nothing(vault, write, run):
    _vault(write)
    meeting = "Meetings/2026-12-03 Comida con Ana.md"
    run("sync", str(vault))
    counts = json.loads(run("contacts", str(vault), "--json").output)[0]
    before = snapshot(vault)
    dry = run("brief", "ana", str(vault), "--into", meeting, "--dry-run")
    assert "+> [!abstract]- Brief: [[Ana García]] (2026-11-29)" in dry.stderr
    assert snapshot(vault) == before
    run("brief", "ana", str(vault), "--into", meeting)
    text = (vault / meeting).read_text(encoding="utf-8")
    assert text.startswith("---\ndate: 2026-12-03\n---\n# Comida\n\nIdeas:\n\n"
                           "<!-- vinculo:brief:start -->\n> [!abstract]- Brief")
    assert text.endswith("<!-- vinculo:brief:end -->\n")
    again = run("brief", "ana", str(vault), "--into", meeting)
    assert "already holds this brief" in again.stderr
    # Its lines are quotes: no event, no open loop, counted once, whatever they say.
    run("sync", str(vault))
    after = json.loads(run("contacts", str(vault), "--json").output)[0]
    for key in ("counts", "directions", "open_loops", "last_contact"):
        assert after[key] == counts[key], key


def test_the_palette_command_writes_the_brief_into_a_note(vault, write, run):
    _vault(write)
    meeting = "Meetings/2026-12-03 Comida con Ana.md"
    result = run("run", "brief", str(vault), "-p", "person=ana", "-p", f"note={meeting}")
    assert result.exit_code == 0, result.output
    assert "Brief of Ana García written into" in result.output
    assert "vinculo:brief:start" in (vault / meeting).read_text(encoding="utf-8")


def test_brief_into_a_note_that_is_not_there_or_outside_the_vault_is_refused(vault, write, run,
                                                                              tmp_path):
    _vault(write)
    outside = tmp_path / "outside.md"
    outside.write_text("hola\n", encoding="utf-8")
    before = snapshot(vault)
    for target in ("Meetings/none.md", "../outside.md"):
        result = run("brief", "ana", str(vault), "--into", target)
        assert result.exit_code == 1 and result.stdout == ""
        assert target in result.stderr
    assert snapshot(vault) == before and outside.read_text(encoding="utf-8") == "hola\n"
