"""LinkedIn's Connections.csv: preamble, accents, broken rows, merging, re-import."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import snapshot

PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    'missing. You will only see email addresses for connections who have allowed it."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
)
ROWS = [
    "Miguel Ángel,Sánchez Ruiz,https://www.linkedin.com/in/miguel-angel-demo,,Lumen,CTO,29 Nov 2026",
    'Encarnación,"Ruiz, PhD",https://www.linkedin.com/in/encar-demo,encar@example.com,'
    '"Ruiz & Hijos, S.L.","Directora, Ventas",3 Sep 2025',
    ",,https://www.linkedin.com/in/nobody,,Acme,Recruiter,1 Jan 2026",
    "Noor,Haddad,https://www.linkedin.com/in/noor-demo,,Orbit,Founder,31 Foo 2026",
    "Tom,Becker,https://www.linkedin.com/in/tom-demo,,Becker GmbH,CTO,12 Mar 2024",
]


def export(tmp_path: Path, rows: list[str] = ROWS, tail: bytes = b"") -> Path:
    path = tmp_path / "Connections.csv"
    path.write_bytes("\ufeff".encode() + (PREAMBLE + "\r\n".join(rows) + "\r\n").encode() + tail)
    return path


def imported(run, path: Path, vault: Path, *extra: str) -> dict:
    result = run("import", "linkedin", str(path), str(vault), "--json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_new_connections_become_contact_notes(run, vault, tmp_path):
    report = imported(run, export(tmp_path), vault)
    assert (report["created"], report["merged"], report["skipped"]) == (3, 0, 2)
    note = (vault / "People/Miguel Ángel Sánchez Ruiz.md").read_text(encoding="utf-8")
    assert "type: person" in note
    assert "met_via: LinkedIn" in note
    assert "connected: 2026-11-29" in note
    assert "company: Lumen" in note and "role: CTO" in note
    assert "linkedin: https://www.linkedin.com/in/miguel-angel-demo" in note
    # A credential after the last name stays out of the name; commas inside quotes survive.
    encar = (vault / "People/Encarnación Ruiz.md").read_text(encoding="utf-8")
    assert "company: Ruiz & Hijos, S.L." in encar and "role: Directora, Ventas" in encar
    assert "email: encar@example.com" in encar


def test_bad_rows_are_reported_by_line_and_skipped(run, vault, tmp_path):
    report = imported(run, export(tmp_path), vault)
    skipped = {a["line"]: a["reason"] for a in report["actions"] if a["action"] == "skip"}
    assert skipped == {
        7: "no first or last name",
        8: "unreadable date in 'Connected On': '31 Foo 2026'",
    }
    assert not (vault / "People/Noor Haddad.md").exists()


def test_wrong_encoding_and_truncated_file_do_not_abort(run, vault, tmp_path):
    path = tmp_path / "Connections.csv"
    data = (PREAMBLE + "\r\n".join(ROWS[:2]) + "\r\n").encode()
    data += "José,Pérez,https://www.linkedin.com/in/jose,,,,1 Jan 2026\r\n".encode("latin-1")
    data += b'Tom,Becker,https://www.linkedin.com/in/tom-demo,,"Becker Gmb'  # cut short
    path.write_bytes(data)
    report = imported(run, path, vault)
    skipped = {a["line"]: a["reason"] for a in report["actions"] if a["action"] == "skip"}
    assert "not UTF-8" in skipped[7]
    assert "cut short" in skipped[8]
    assert report["created"] == 2
    assert sorted(p.name for p in (vault / "People").iterdir()) == [
        "Encarnación Ruiz.md", "Miguel Ángel Sánchez Ruiz.md"]


def test_merge_fills_only_empty_properties_and_keeps_every_other_byte(run, vault, write, tmp_path):
    original = (
        "---\n"
        "type: person\n"
        "# my own comment\n"
        "company: Lumen Analytics   # written by hand\n"
        "role:\n"
        "phone: '0123'\n"
        "---\n"
        "# Miguel Ángel\n\nMet at a conference.\n"
    )
    path = write("People/Miguel Angel Sanchez Ruiz.md", original)
    report = imported(run, export(tmp_path), vault)
    merge = next(a for a in report["actions"] if a["action"] == "merge")
    assert merge["note"] == "People/Miguel Angel Sanchez Ruiz.md"
    assert set(merge["fields"]) == {"role", "met_via", "connected", "linkedin"}
    text = path.read_text(encoding="utf-8")
    assert "company: Lumen Analytics   # written by hand" in text  # never overwritten
    assert "# my own comment" in text and "phone: '0123'" in text
    assert "role: CTO" in text and "connected: 2026-11-29" in text
    assert text.endswith("# Miguel Ángel\n\nMet at a conference.\n")
    assert not (vault / "People/Miguel Ángel Sánchez Ruiz.md").exists()


def test_match_by_profile_url_or_email_beats_a_different_name(run, vault, write, tmp_path):
    write("People/Encar.md", "---\ntype: person\nemail: ENCAR@example.com\n---\n")
    write("People/Migue.md",
          "---\ntype: person\nlinkedin: http://linkedin.com/in/miguel-angel-demo/\n---\n")
    report = imported(run, export(tmp_path), vault)
    merged = {a["label"]: (a["note"], a["reason"]) for a in report["actions"]
              if a["action"] == "merge"}
    assert merged["Encarnación Ruiz"] == ("People/Encar.md", "matched by e-mail")
    assert merged["Miguel Ángel Sánchez Ruiz"] == ("People/Migue.md", "matched by profile URL")


def test_an_uncertain_name_match_is_created_with_the_doubt_never_merged(
        run, vault, write, tmp_path):
    before = write("People/Tom Beckers.md", "---\ntype: person\n---\n").read_bytes()
    report = imported(run, export(tmp_path), vault)
    tom = next(a for a in report["actions"] if a["label"] == "Tom Becker")
    assert tom["action"] == "create" and "looks like [[Tom Beckers]]" in tom["reason"]
    assert (vault / "People/Tom Beckers.md").read_bytes() == before
    assert (vault / "People/Tom Becker.md").exists()


def test_dry_run_writes_nothing_and_reimport_changes_nothing(run, vault, write, tmp_path):
    write("People/Tom Becker.md", "---\ntype: person\n---\n")
    path = export(tmp_path)
    before = snapshot(vault)
    dry = imported(run, path, vault, "--dry-run")
    assert snapshot(vault) == before
    real = imported(run, path, vault)
    assert [(a["action"], a["note"]) for a in dry["actions"]] == [
        (a["action"], a["note"]) for a in real["actions"]]
    after_first = snapshot(vault)
    again = imported(run, path, vault)
    assert snapshot(vault) == after_first
    assert (again["created"], again["merged"]) == (0, 0)


def test_a_person_listed_twice_is_created_once(run, vault, tmp_path):
    report = imported(run, export(tmp_path, [ROWS[4], ROWS[4]]), vault)
    assert [a["action"] for a in report["actions"]] == ["create", "skip"]
    assert "same person as line 5" in report["actions"][1]["reason"]


def test_a_file_that_is_not_a_linkedin_export_is_one_clear_error(run, vault, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("name,phone\nAna,1\n")
    result = run("import", "linkedin", str(path), str(vault))
    assert result.exit_code == 1
    assert "is this the Connections.csv" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert [p.name for p in vault.iterdir()] == [".obsidian"]


def test_a_file_resaved_by_a_spreadsheet_imports_with_its_encoding(run, vault, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes((PREAMBLE + ROWS[1] + "\r\n").encode("cp1252"))
    plain = imported(run, path, vault, "--dry-run")
    assert plain["created"] == 0
    assert "try --encoding cp1252" in plain["actions"][0]["reason"]
    report = imported(run, path, vault, "--encoding", "cp1252")
    assert report["created"] == 1
    assert (vault / "People/Encarnación Ruiz.md").exists()


def test_an_unknown_encoding_is_one_clear_error(run, vault, tmp_path):
    result = run("import", "linkedin", str(export(tmp_path)), str(vault), "--encoding", "klingon")
    assert result.exit_code == 1 and "unknown encoding 'klingon'" in result.stderr


def test_an_older_export_without_the_url_column(run, vault, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,Email Address,Company,Position,Connected On\n"
                    "Rosa,Delgado,rosa@example.com,Foto Sur,Fotógrafa,20 Feb 2020\n",
                    encoding="utf-8")
    report = imported(run, path, vault)
    assert report["created"] == 1
    note = (vault / "People/Rosa Delgado.md").read_text(encoding="utf-8")
    assert "connected: 2020-02-20" in note and "email: rosa@example.com" in note
    assert "linkedin:" not in note.replace("met_via: LinkedIn", "")
