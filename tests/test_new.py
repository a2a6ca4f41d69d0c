"""``vinculo new contact|meeting|note`` on a copy of the sample vault, through the real CLI."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import snapshot


def frontmatter(path):
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def contacts(run, vault):
    return {r["name"]: r for r in json.loads(run("contacts", str(vault), "--json").output)}


def test_new_contact_is_a_contact_with_its_properties(sample, run):
    result = run("new", "contact", "Bea Ruiz", str(sample), "--city", "Cádiz",
                 "--company", "Olas S.L.", "--met-via", "a conference")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Created People/Bea Ruiz.md  obsidian://open?vault=sample"
                                    "&file=People%2FBea%20Ruiz")
    meta = frontmatter(sample / "People" / "Bea Ruiz.md")
    assert meta["type"] == "person"
    assert (meta["city"], meta["company"], meta["met_via"]) == ("Cádiz", "Olas S.L.", "a conference")
    assert str(meta["connected"]) == "2026-11-29"  # {{date}} is vinculo's today
    assert "# Bea Ruiz" in (sample / "People" / "Bea Ruiz.md").read_text(encoding="utf-8")
    row = contacts(run, sample)["Bea Ruiz"]
    assert row["path"] == "People/Bea Ruiz.md" and row["city"] == "Cádiz"
    assert row["stage"] == "radar"


def test_new_contact_never_overwrites(sample, run):
    before = snapshot(sample)
    result = run("new", "contact", "Ana García", str(sample))
    assert result.exit_code == 1
    assert "a contact named 'Ana García' already exists: People/Ana García.md" in result.stderr
    # Same title as a contact outside the people folder: refused too ([[links]] could not tell).
    result = run("new", "contact", "Valeria Ríos", str(sample))
    assert result.exit_code == 1 and "Work/Valeria Ríos.md" in result.stderr
    assert snapshot(sample) == before
    # A file that is not a contact in the way.
    (sample / "Inbox").mkdir()
    (sample / "Inbox" / "Bea Ruiz.md").write_text("x", encoding="utf-8")
    before = snapshot(sample)
    result = run("new", "contact", "Bea Ruiz", str(sample), "--folder", "Inbox")
    assert result.exit_code == 1
    assert "Inbox/Bea Ruiz.md already exists: not overwritten" in result.stderr
    assert snapshot(sample) == before


@pytest.mark.parametrize("name, clash", [
    ("rodrigo sanz", "People/Rodrigo Sanz.md"),  # a clash on a case-insensitive file system
    ("Jose Romero", "Work/José Romero.md"),  # a contact in another folder
    ("ana garcía", "People/Ana García.md"),
    ("taller marca personal 2027", "Projects/Taller Marca Personal 2027.md"),  # any note
])
def test_new_contact_refuses_a_case_or_accent_duplicate_unless_forced(sample, run, name, clash):
    before = snapshot(sample)
    result = run("new", "contact", name, str(sample))
    assert result.exit_code == 1
    assert result.stderr == (f"vinculo: {name!r} differs from {clash} only by case or accents: "
                             "not created (--force creates it anyway)\n")
    assert snapshot(sample) == before
    forced = run("new", "contact", name, str(sample), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert (sample / "People" / f"{name}.md").exists()


def test_new_contact_warns_about_a_near_duplicate(sample, run):
    result = run("new", "contact", "Ana Garcia", str(sample), "--force")
    assert result.exit_code == 0
    assert "did you mean Ana García?" in result.stderr
    assert (sample / "People" / "Ana Garcia.md").exists()
    quiet = run("new", "contact", "Bea Ruiz", str(sample))
    assert "did you mean" not in quiet.stderr


def test_new_contact_makes_a_safe_file_name(sample, run):
    result = run("new", "contact", "Ana/María: \"La Jefa\" #1", str(sample))
    assert result.exit_code == 0, result.stderr
    assert "file name made safe: 'Ana María La Jefa 1'" in result.stderr
    assert (sample / "People" / "Ana María La Jefa 1.md").exists()
    bad = run("new", "contact", "///", str(sample))
    assert bad.exit_code == 1 and "no usable characters" in bad.stderr
    assert "Traceback" not in bad.output + bad.stderr


def test_new_contact_dry_run_writes_nothing(sample, run):
    before = snapshot(sample)
    result = run("new", "contact", "Bea Ruiz", str(sample), "--dry-run", "--city", "Cádiz")
    assert result.exit_code == 0
    assert "+++ b/People/Bea Ruiz.md" in result.output and "+city: Cádiz" in result.output
    assert snapshot(sample) == before


def test_new_meeting_links_fuzzy_attendees(sample, run):
    result = run("new", "meeting", "Plan del taller", str(sample), "--with", "ana garcia",
                 "--with", "rodrigo", "--with", "Encar", "--with", "Tom Whitakr",
                 "--channel", "in_person")
    assert result.exit_code == 0, result.stderr
    note = sample / "Meetings" / "2026-11-29 Plan del taller.md"  # as the vault's meetings
    meta = frontmatter(note)
    people = ["Ana García", "Rodrigo Sanz", "Encarnación Moreno Gil", "Tom Whitaker"]
    assert meta["attendees"] == [f"[[{p}]]" for p in people]
    assert meta["channel"] == "in_person" and str(meta["date"]) == "2026-11-29"
    body = note.read_text(encoding="utf-8")
    assert "## Attendees\n" + "".join(f"- [[{p}]]\n" for p in people) in body
    assert "Meetings%2F2026-11-29%20Plan%20del%20taller" in result.output


def test_new_meeting_counts_as_meeting_in_person_once_it_happened(sample, run, monkeypatch):
    assert contacts(run, sample)["Rodrigo Sanz"]["last_in_person"] is None
    run("new", "meeting", "Café con Rodrigo", str(sample), "--with", "rodrigo",
        "--channel", "in_person")
    # Made for today and still empty: a plan, not a meeting yet.
    rodrigo = contacts(run, sample)["Rodrigo Sanz"]
    assert rodrigo["last_in_person"] is None
    assert [p["date"] for p in rodrigo["planned"]] == ["2026-11-29"]
    monkeypatch.setenv("VINCULO_TODAY", "2026-11-30")  # its day has passed
    assert contacts(run, sample)["Rodrigo Sanz"]["last_in_person"] == "2026-11-29"


def test_an_empty_meeting_note_counts_today_once_it_has_content(sample, run):
    run("new", "meeting", "Café con Rodrigo", str(sample), "--with", "rodrigo")
    note = sample / "Meetings" / "2026-11-29 Café con Rodrigo.md"
    text = note.read_text(encoding="utf-8").replace("## Notes\n", "## Notes\nHablamos del blog.\n")
    note.write_text(text, encoding="utf-8")
    assert contacts(run, sample)["Rodrigo Sanz"]["last_in_person"] == "2026-11-29"


def test_new_meeting_date_and_the_vaults_date_prefix(sample, run):
    result = run("new", "meeting", "Podcast", str(sample), "--with", "tom", "--date", "2026-11-27")
    assert result.exit_code == 0, result.stderr
    meta = frontmatter(sample / "Meetings" / "2026-11-27 Podcast.md")
    assert str(meta["date"]) == "2026-11-27"
    assert contacts(run, sample)["Tom Whitaker"]["last_in_person"] == "2026-11-27"  # it passed
    relative = run("new", "meeting", "Ayer", str(sample), "--date", "yesterday")
    assert relative.exit_code == 0 and (sample / "Meetings" / "2026-11-28 Ayer.md").exists()
    bad = run("new", "meeting", "X", str(sample), "--date", "someday")
    assert bad.exit_code == 2 and "--date" in bad.stderr and "Traceback" not in bad.output
    # A folder whose notes carry no date in their names gets none.
    plain = run("new", "meeting", "Retro", str(sample), "--folder", "Projects")
    assert plain.exit_code == 0 and (sample / "Projects" / "Retro.md").exists()


def test_an_attendee_who_is_not_a_contact_is_an_offer_not_a_hard_error(sample, run):
    before = snapshot(sample)
    result = run("new", "meeting", "Café", str(sample), "--with", "rodrigo",
                 "--with", "Zacarías Nadal")
    assert result.exit_code == 1
    assert result.stderr == (
        "vinculo: --with 'Zacarías Nadal' is not a contact (closest: Ana García): add them "
        "with vinculo new contact "
        f"'Zacarías Nadal' {sample}, or pass --create-missing\n")
    assert snapshot(sample) == before
    made = run("new", "meeting", "Café", str(sample), "--with", "rodrigo",
               "--with", "Zacarías Nadal", "--create-missing")
    assert made.exit_code == 0, made.stderr
    assert "Created People/Zacarías Nadal.md" in made.output
    meta = frontmatter(sample / "Meetings" / "2026-11-29 Café.md")
    assert meta["attendees"] == ["[[Rodrigo Sanz]]", "[[Zacarías Nadal]]"]
    assert contacts(run, sample)["Zacarías Nadal"]["path"] == "People/Zacarías Nadal.md"
    data = json.loads(run("new", "meeting", "Cena", str(sample), "--with", "Bea Ruiz",
                          "--create-missing", "--json").output)
    assert data["path"] == "Meetings/2026-11-29 Cena.md"
    assert data["created_contacts"] == ["People/Bea Ruiz.md"]


def test_new_meeting_fails_clearly_when_a_name_is_ambiguous(sample, run):
    before = snapshot(sample)
    result = run("new", "meeting", "Plan", str(sample), "--with", "ana")
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "Ana García" in result.stderr and "Ana Torres" in result.stderr
    unknown = run("new", "meeting", "Plan", str(sample), "--with", "Zacarías")
    assert unknown.exit_code == 1 and "'Zacarías' is not a contact" in unknown.stderr
    assert snapshot(sample) == before


def test_new_one_to_one_and_any_template(sample, run):
    result = run("new", "meeting", "1:1 Lucía", str(sample), "--with", "lucia",
                 "--template", "one-to-one")
    assert result.exit_code == 0, result.stderr
    meta = frontmatter(sample / "Meetings" / "2026-11-29 1 1 Lucía.md")
    assert meta["type"] == "one-to-one" and meta["attendees"] == ["[[Lucía Fernández Ortega]]"]
    result = run("new", "note", "Daily", "Retro", str(sample), "--folder", "Notes")
    assert result.exit_code == 0
    assert (sample / "Notes" / "Retro.md").read_bytes().startswith(b"## Notas")
    missing = run("new", "note", "Nope", "Retro 2", str(sample))
    assert missing.exit_code == 1 and "no template named 'Nope'" in missing.stderr


def test_new_json_for_scripts(sample, run):
    result = run("new", "contact", "Ana Garcia", str(sample), "--json", "--force")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["path"] == "People/Ana Garcia.md" and data["written"] is True
    assert data["url"] == "obsidian://open?vault=sample&file=People%2FAna%20Garcia"
    assert data["warnings"] == ["did you mean Ana García?"]
    dry = json.loads(run("new", "meeting", "X", str(sample), "--with", "tom", "--dry-run",
                         "--json").output)
    assert dry["written"] is False and "+- [[Tom Whitaker]]" in dry["diff"]
    assert not (sample / "Meetings" / "X.md").exists()
