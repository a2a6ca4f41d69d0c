"""Who is the same person: a different e-mail wins over a similar name, and the same words
in another order are never merged on the name alone."""

from __future__ import annotations

import json

from conftest import snapshot


def card(name: str, email: str | None = None, phone: str | None = None) -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}"]
    if email:
        lines.append(f"EMAIL:{email}")
    if phone:
        lines.append(f"TEL:{phone}")
    return "\n".join([*lines, "END:VCARD", ""])


def imported(run, vault, tmp_path, *cards: str) -> list[dict]:
    path = tmp_path / "cards.vcf"
    path.write_text("".join(cards), encoding="utf-8")
    result = run("import", "vcard", str(path), str(vault), "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["actions"]


def test_a_reordered_name_with_another_email_is_another_person(run, vault, write, tmp_path):
    write("People/Miguel Ángel Navarro Ibáñez.md",
          "---\ntype: person\nemail: miguel@blog.example\n---\n")
    actions = imported(run, vault, tmp_path, card("Miguel Ángel Ibáñez Navarro", "mai@other.example"))
    assert [a["action"] for a in actions] == ["create"]
    assert "Miguel Ángel Navarro Ibáñez" in actions[0]["reason"]  # named as a look-alike
    assert (vault / "People/Miguel Ángel Ibáñez Navarro.md").exists()
    assert "mai@other" not in (vault / "People/Miguel Ángel Navarro Ibáñez.md").read_text()


def test_a_reordered_name_alone_is_never_merged(run, vault, write, tmp_path):
    write("People/Miguel Ángel Navarro Ibáñez.md", "---\ntype: person\n---\n")
    actions = imported(run, vault, tmp_path, card("Miguel Ángel Ibáñez Navarro", phone="600111222"))
    assert [a["action"] for a in actions] == ["create"]
    assert "same words in another order" in actions[0]["reason"]


def test_the_same_name_twice_with_two_emails_is_two_people(run, vault, tmp_path):
    actions = imported(run, vault, tmp_path, card("María José Pérez López", "mj1@example.com"),
                       card("María José Pérez López", "mj2@example.com"),
                       card("María José Pérez López", "mj1@example.com"))
    assert [a["action"] for a in actions] == ["create", "create", "skip"]
    assert "another e-mail" in actions[1]["reason"]
    assert "same person as line 1" in actions[2]["reason"]
    assert len(list((vault / "People").glob("María José Pérez López*.md"))) == 2


def test_a_typo_in_a_name_still_merges_and_a_matching_email_merges(run, vault, write, tmp_path):
    write("People/Lucía Fernández Ortega.md", "---\ntype: person\n---\n")
    write("People/Ana García.md", "---\ntype: person\nemail: ana@example.com\n---\n")
    actions = imported(run, vault, tmp_path, card("Lucía Fernádez Ortega", "lucia@example.com"),
                       card("Ana Garcia", "ana@example.com", "600 11 22 33"))
    assert [a["action"] for a in actions] == ["merge", "merge"]
    assert "lucia@example.com" in (vault / "People/Lucía Fernández Ortega.md").read_text()


def test_a_card_with_no_usable_name_is_not_created_again_on_every_import(run, vault, tmp_path):
    cards = (card("////"), card("////", phone="+34 600 99 88 77"))
    first = imported(run, vault, tmp_path, *cards)
    assert [a["action"] for a in first] == ["skip", "create"]
    assert "no name, e-mail, phone" in first[0]["reason"]
    after_first = snapshot(vault)
    for _ in range(2):
        again = imported(run, vault, tmp_path, *cards)
        assert [a["action"] for a in again] == ["skip", "skip"]
        assert snapshot(vault) == after_first
