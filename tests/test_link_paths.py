"""Links to a contact whose title other notes share: written by a path that opens the contact
in Obsidian, read back as the contact, never as the other note."""

from __future__ import annotations

import json

from conftest import snapshot

from vinculo.linking.paths import obsidian_destination, shortest_suffix

CONTACT = "---\ntype: person\n---\n"
REVIEW = "Reviews/2026/Bruno.md"


def clash_vault(write) -> None:
    """Ana's contact note in the team's people folder, and another ``Ana.md`` (her review)
    beside the note that mentions her: Obsidian opens that one for a bare ``[[Ana]]``."""
    write("vinculo.toml", '[folders]\npeople = "Team/People"\n')
    write("Team/People/Ana.md", CONTACT)
    write("Team/People/Luis Pérez.md", CONTACT)
    write("Reviews/2026/Ana.md", "Ana's review: strong year.\n")
    write(REVIEW, "---\ndate: 2026-11-20\n---\nCoffee with Ana about the roadmap.\n"
                  "Then Luis Pérez joined.\n")
    write("Daily/2026-11-21.md", "Lunch with Ana downtown.\n")


def contacts_json(run, vault) -> dict[str, dict]:
    result = run("contacts", str(vault), "--json")
    assert result.exit_code == 0, result.output
    return {r["name"]: r for r in json.loads(result.output)}


def test_a_shared_title_is_linked_by_the_shortest_path_that_opens_the_contact(vault, write, run):
    clash_vault(write)
    result = run("link", str(vault), "--apply")
    assert result.exit_code == 0, result.output
    review = (vault / REVIEW).read_text(encoding="utf-8")
    assert "Coffee with [[People/Ana|Ana]] about the roadmap." in review
    assert "Then [[Luis Pérez]] joined." in review  # a unique title keeps its plain form
    daily = (vault / "Daily/2026-11-21.md").read_text(encoding="utf-8")
    assert daily == "Lunch with [[People/Ana|Ana]] downtown.\n"
    # Obsidian opens the contact from the note beside the other Ana.md
    opened = obsidian_destination("people/ana", ["reviews/2026/ana", "team/people/ana"], REVIEW)
    assert opened == "team/people/ana"


def test_a_rerun_writes_nothing_and_the_history_counts_the_path_links(vault, write, run):
    clash_vault(write)
    before = contacts_json(run, vault)["Ana"]
    assert run("link", str(vault), "--apply").exit_code == 0
    linked = snapshot(vault)
    again = run("link", str(vault), "--apply", "--json")
    assert json.loads(again.output)["changes"] == []
    assert json.loads(again.output)["mentions"] == []
    assert snapshot(vault) == linked
    after = contacts_json(run, vault)["Ana"]
    assert after["counts"] == before["counts"] == {"social": 0, "message": 0, "call": 0,
                                                   "in_person": 2}
    assert after["last_contact"] == "2026-11-21"


def test_a_bare_link_that_opens_the_other_note_is_not_the_contact(vault, write, run):
    clash_vault(write)
    write(REVIEW, "---\ndate: 2026-11-20\n---\nCoffee with [[Ana]] about her review.\n")
    ana = contacts_json(run, vault)["Ana"]
    assert ana["first_contact"] == "2026-11-21"  # only the daily note's lunch
    assert ana["counts"]["in_person"] == 1
    # the same bare link elsewhere opens the contact (shortest path): it is her
    write(REVIEW, "---\ndate: 2026-11-20\n---\nCoffee with [[Team/People/Ana|Ana]].\n")
    write("Daily/2026-11-21.md", "Lunch with [[Ana]] downtown.\n")
    assert contacts_json(run, vault)["Ana"]["counts"]["in_person"] == 2


def test_sync_writes_the_same_path_links(vault, write, run):
    clash_vault(write)
    result = run("sync", str(vault))
    assert result.exit_code == 0, result.output
    assert "Coffee with [[People/Ana|Ana]]" in (vault / REVIEW).read_text(encoding="utf-8")
    again = run("sync", str(vault), "--dry-run")
    assert "[[People/Ana" not in again.output


def test_a_vault_without_shared_titles_keeps_plain_links(vault, write, run):
    write("People/Ana.md", CONTACT)
    write("Daily/2026-11-21.md", "Lunch with Ana downtown.\n")
    assert run("link", str(vault), "--apply").exit_code == 0
    assert (vault / "Daily/2026-11-21.md").read_text(encoding="utf-8") == (
        "Lunch with [[Ana]] downtown.\n")


def test_shortest_suffix_goes_up_until_no_other_note_ends_with_it():
    others = ["a/people/ana", "b/people/ana", "reviews/ana"]
    assert shortest_suffix("a/people/ana", others) == "a/people/ana"
    assert shortest_suffix("x/Team/People/Ana", ["reviews/ana", "x/team/people/ana"]) == (
        "People/Ana")
    assert shortest_suffix("Ana", ["ana", "reviews/ana"]) == "Ana"  # the vault path itself


def test_doctor_takes_a_path_link_for_the_note_it_opens(vault, write, run):
    clash_vault(write)
    write("Daily/2026-11-22.md", "See [[People/Gone]] and [[Reviews/2026/Ana|her review]].\n")
    assert run("link", str(vault), "--apply").exit_code == 0
    result = run("doctor", str(vault), "--only", "links")
    assert "[[People/Gone]] points to no note" in result.output
    assert "People/Ana" not in result.output and "Reviews/2026/Ana" not in result.output


def test_a_new_meeting_links_an_attendee_by_the_path_that_opens_them(vault, write, run):
    clash_vault(write)
    result = run("new", "meeting", "Roadmap", str(vault), "--with", "ana", "--with", "luis",
                 "--folder", "Reviews/2026", "--date", "2026-11-25")
    assert result.exit_code == 0, result.output
    (note,) = [p for p in (vault / "Reviews/2026").glob("*Roadmap*.md")]
    text = note.read_text(encoding="utf-8")
    assert "[[People/Ana|Ana]]" in text and "[[Luis Pérez]]" in text
    assert "[[Ana]]" not in text
    assert contacts_json(run, vault)["Ana"]["last_contact"] == "2026-11-25"


def test_a_logged_interaction_links_the_contact_by_its_path(vault, write, run):
    clash_vault(write)
    result = run("run", "log-interaction", str(vault), "-p", "person=ana", "-p", "channel=call",
                 "-p", "date=2026-11-23")
    assert result.exit_code == 0, result.output
    (path,) = [p for p in vault.rglob("2026-11-23*.md")]
    daily = path.read_text(encoding="utf-8")
    assert "Called [[People/Ana|Ana]]" in daily
    assert contacts_json(run, vault)["Ana"]["counts"]["call"] == 1


def test_the_brief_written_into_a_note_links_the_contact_by_its_path(vault, write, run):
    clash_vault(write)
    meeting = "Reviews/2026/Sync.md"
    write(meeting, "# Sync\n")
    result = run("brief", "ana", str(vault), "--into", meeting)
    assert result.exit_code == 0, result.output
    assert "Brief: [[People/Ana|Ana]]" in (vault / meeting).read_text(encoding="utf-8")
