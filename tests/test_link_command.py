"""``vinculo link``: the dry-run listing, --apply through the safe write path, and a rerun."""

from __future__ import annotations

import json
import re

from conftest import snapshot

DAILY = "Daily/2026-11-20.md"


def visible(text: str) -> str:
    """What a reader sees: every wikilink replaced by its shown text."""
    return re.sub(
        r"\[\[([^\]|\\]+)(?:\\?\|([^\]]*))?\]\]", lambda m: m.group(2) or m.group(1), text
    )


def setup_vault(write):
    write("People/Ana García López.md", "---\ntype: person\naliases: [Anita]\n---\n# Ana\n")
    write("People/Luis Pérez.md", "---\ntype: person\n---\n")
    write("People/Luis Gómez.md", "---\ntype: person\n---\n")
    write(
        DAILY,
        "---\ndate: 2026-11-20\nwith: Ana García López\n---\n"
        "Café con ana garcia lopez y Luis. `Ana García López`\n"
        "| who | what |\n| --- | --- |\n| Ana García | lunch |\n\n"
        "Anita’s idea. https://x.org/Ana-García\n",
    )


def test_dry_run_lists_mentions_and_the_diff_and_writes_nothing(vault, write, run):
    setup_vault(write)
    before = snapshot(vault)
    result = run("link", str(vault))
    assert result.exit_code == 0, result.output
    assert f"{DAILY}:5  'ana garcia lopez' → Ana García López  link (accent)" in result.output
    assert f"{DAILY}:5  'Luis' → Luis Pérez or Luis Gómez  suggest (ambiguous)" in result.output
    assert "+Café con [[Ana García López|ana garcia lopez]] y Luis." in result.output
    assert "Dry run: nothing written" in result.output
    assert snapshot(vault) == before


def test_apply_links_keeps_visible_text_and_protected_regions_and_a_rerun_changes_nothing(
    vault, write, run
):
    setup_vault(write)
    original = (vault / DAILY).read_text(encoding="utf-8")
    result = run("link", str(vault), "--apply")
    assert result.exit_code == 0, result.output
    linked = (vault / DAILY).read_text(encoding="utf-8")
    assert linked == (
        "---\ndate: 2026-11-20\nwith: Ana García López\n---\n"
        "Café con [[Ana García López|ana garcia lopez]] y Luis. `Ana García López`\n"
        "| who | what |\n| --- | --- |\n| [[Ana García López\\|Ana García]] | lunch |\n\n"
        "[[Ana García López|Anita]]’s idea. https://x.org/Ana-García\n"
    )
    assert visible(linked) == original
    after_first = snapshot(vault)
    again = run("link", str(vault), "--apply", "--json")
    assert json.loads(again.output)["changes"] == []
    assert snapshot(vault) == after_first


def test_json_lists_every_mention_with_its_confidence(vault, write, run):
    setup_vault(write)
    data = json.loads(run("link", str(vault), "--json").output)
    rows = {(m["text"], m["level"]) for m in data["mentions"]}
    assert rows == {
        ("ana garcia lopez", "link"), ("Luis", "suggest"), ("Ana García", "link"),
        ("Anita", "link"),
    }
    luis = next(m for m in data["mentions"] if m["text"] == "Luis")
    assert luis["target"] is None and luis["candidates"] == ["Luis Pérez", "Luis Gómez"]
    assert data["changes"] == [{"path": DAILY, "reason": "3 links"}]
    assert data["applied"] is False and data["written"] == []


def test_note_option_limits_the_work_to_one_note(vault, write, run):
    setup_vault(write)
    write("Other.md", "Anita again.\n")
    data = json.loads(run("link", str(vault), "--note", "Other.md", "--json").output)
    assert [(m["path"], m["text"]) for m in data["mentions"]] == [("Other.md", "Anita")]
    absolute = json.loads(run("link", str(vault), "--note", str(vault / "Other.md"), "--json").output)
    assert absolute["mentions"] == data["mentions"]
    missing = run("link", str(vault), "--note", "Nope.md")
    assert missing.exit_code == 1
    assert "no such note in the vault: Nope.md" in missing.output


def test_crlf_and_bom_survive_linking(vault, write, run):
    write("People/Rodrigo Sanz.md", "---\ntype: person\n---\n")
    write("Daily/2026-09-12.md", "\ufeffrodrigo sanz compartió mi artículo\r\nfin\r\n".encode())
    assert run("link", str(vault), "--apply").exit_code == 0
    assert (vault / "Daily/2026-09-12.md").read_bytes() == (
        "\ufeff[[Rodrigo Sanz|rodrigo sanz]] compartió mi artículo\r\nfin\r\n".encode()
    )


def test_sample_vault_links_apply_once_and_only_where_expected(sample, run):
    before = snapshot(sample)
    assert run("link", str(sample), "--apply").exit_code == 0
    after = snapshot(sample)
    changed = {rel for rel in after if after[rel] != before.get(rel)}
    assert "Templates/Daily.md" not in changed
    assert not any(rel.startswith("Archive/") or "sync-conflict" in rel for rel in changed)
    for rel in changed:
        assert visible(after[rel].decode()) == visible(before[rel].decode()), rel
    project = after["Projects/Taller Marca Personal 2027.md"].decode()
    assert "| [[Lucía Fernández Ortega\\|Lucía Fernández]] |" in project
    assert "[[Ana García]]’s talk" in project
    assert "Ana" in after["Daily/2026-11-27.md"].decode().splitlines()[2]
    assert "[[" not in after["Daily/2026-11-27.md"].decode().splitlines()[2]
    assert run("link", str(sample), "--apply").exit_code == 0
    assert snapshot(sample) == after


def test_a_pipe_in_prose_is_not_a_table_but_a_real_table_is(vault, write, run):
    """Only a table (it has a delimiter row) gets the escaped pipe; a line that merely holds
    a pipe — or an aliased link from an earlier run — is prose."""
    write("People/Rodrigo Sanz.md", "---\ntype: person\naliases: [Rodri]\n---\n")
    write("Projects/Plan.md", "Ideas | Rodri | later\n\n| who |\n| --- |\n| Rodri |\n")
    assert run("link", str(vault), "--apply").exit_code == 0
    assert (vault / "Projects/Plan.md").read_text() == (
        "Ideas | [[Rodrigo Sanz|Rodri]] | later\n\n| who |\n| --- |\n| [[Rodrigo Sanz\\|Rodri]] |\n"
    )


def test_a_name_after_a_possessive_is_judged_the_same_before_and_after_linking(vault, write, run):
    """"García's" is Ana García's name, as "[[Ana García]]'s" is once linked: the first pass
    decides about the "Ana" after it, and a rerun finds nothing new."""
    write("People/Ana García.md", "---\ntype: person\n---\n")
    write("People/Luis Pérez.md", "---\ntype: person\n---\n")
    texts = {
        "Daily/2026-11-20.md": "Ana García's Ana\n",
        "Daily/2026-11-21.md": "Ana García'sAna Ana\n",
        "Daily/2026-11-22.md": "Luis Pérez’s Ana\n",
    }
    for rel, text in texts.items():
        write(rel, text)
    assert run("link", str(vault), "--apply").exit_code == 0
    first = snapshot(vault)
    assert first["Daily/2026-11-20.md"] == "[[Ana García]]'s [[Ana García|Ana]]\n".encode()
    assert first["Daily/2026-11-22.md"] == "[[Luis Pérez]]’s Ana\n".encode()  # Luis's Ana
    for rel, text in texts.items():
        assert visible(first[rel].decode()) == text
    assert run("link", str(vault), "--apply").exit_code == 0
    assert snapshot(vault) == first
