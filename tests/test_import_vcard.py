"""vCards as two phones write them (iPhone 3.0, Android 2.1 quoted-printable) and vCard 4."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import snapshot

IPHONE = """BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//iPhone OS 17.1//EN
N:Pérez;Rodrigo;;;
FN:Rodrigo Pérez
NICKNAME:Rodri,Rorro
ORG:Vía Verde Logística;Ventas
TITLE:Director comercial
item1.EMAIL;type=INTERNET;type=pref:rodrigo.perez@example.com
item2.EMAIL;type=INTERNET;type=WORK:rperez@vvl.example
TEL;type=CELL;type=VOICE;type=pref:+34 600 11 22 33
item3.ADR;type=HOME;type=pref:;;Calle Feria 3;Sevilla;;41003;España
BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12
PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8
 UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgy
END:VCARD
"""
ANDROID = """BEGIN:VCARD
VERSION:2.1
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ruiz;Encarnaci=C3=B3n;;;
FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Encarnaci=C3=B3n Ruiz
TEL;CELL;PREF:+34611223344
TEL;HOME:+34955000000
EMAIL;HOME:encar.ruiz@example.com
BDAY:1979-10-02
END:VCARD
BEGIN:VCARD
VERSION:2.1
ORG:Ferretería Paco
TEL;WORK:+34955111111
END:VCARD
"""
VCARD4 = """BEGIN:VCARD
VERSION:4.0
FN:Ana García
N:García;Ana;;;
TEL;VALUE=uri;TYPE=cell:tel:+34-622-000-111
EMAIL;TYPE=work:ana@example.org
BDAY:--0907
URL:https://www.linkedin.com/in/ana-garcia-demo
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Broken Birthday
BDAY:sometime in May
END:VCARD
"""


def write_vcf(tmp_path: Path, text: str, crlf: bool = True) -> Path:
    path = tmp_path / "contacts.vcf"
    path.write_bytes((text.replace("\n", "\r\n") if crlf else text).encode("utf-8"))
    return path


def imported(run, path: Path, vault: Path) -> dict:
    result = run("import", "vcard", str(path), str(vault), "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def read(vault: Path, name: str) -> str:
    return (vault / "People" / f"{name}.md").read_text(encoding="utf-8")


def test_iphone_card_becomes_a_contact_with_every_field(run, vault, tmp_path):
    report = imported(run, write_vcf(tmp_path, IPHONE), vault)
    assert report["created"] == 1
    note = read(vault, "Rodrigo Pérez")
    assert "aliases:\n- Rodri\n- Rorro\n" in note  # both nicknames, not only the first
    assert "company: Vía Verde Logística" in note and "role: Director comercial" in note
    assert "city: Sevilla" in note
    assert "birthday: --04-12" in note  # Apple's "year omitted"
    assert "email:\n- rodrigo.perez@example.com\n- rperez@vvl.example\n" in note
    assert "phone: +34 600 11 22 33" in note
    assert "PHOTO" not in note and "/9j/" not in note


def test_android_quoted_printable_cards_and_company_cards(run, vault, tmp_path):
    report = imported(run, write_vcf(tmp_path, ANDROID, crlf=False), vault)
    note = read(vault, "Encarnación Ruiz")
    assert "birthday: 1979-10-02" in note
    assert "phone:\n- '+34611223344'\n- '+34955000000'\n" in note or "- +34611223344" in note
    skipped = [a for a in report["actions"] if a["action"] == "skip"]
    assert [(a["line"], a["reason"]) for a in skipped] == [
        (10, "no name (FN or N): a company card for Ferretería Paco?")]


def test_vcard4_and_a_broken_birthday(run, vault, tmp_path):
    report = imported(run, write_vcf(tmp_path, VCARD4), vault)
    note = read(vault, "Ana García")
    assert "birthday: --09-07" in note
    assert "phone: +34-622-000-111" in note
    assert "linkedin: https://www.linkedin.com/in/ana-garcia-demo" in note
    broken = next(a for a in report["actions"] if a["action"] == "skip")
    assert broken["line"] == 10 and "unreadable birthday" in broken["reason"]
    assert not (vault / "People/Broken Birthday.md").exists()


def test_truncated_file_and_wrong_encoding_skip_only_their_cards(run, vault, tmp_path):
    path = tmp_path / "contacts.vcf"
    latin = "BEGIN:VCARD\nVERSION:3.0\nFN:José Pérez\nEND:VCARD\n".encode("latin-1")
    path.write_bytes(IPHONE.encode() + latin + b"BEGIN:VCARD\nVERSION:3.0\nFN:Cut Sho")
    report = imported(run, path, vault)
    skipped = {a["line"]: a["reason"] for a in report["actions"] if a["action"] == "skip"}
    assert skipped[17].startswith("line 19: not UTF-8")  # the card, and its bad line
    assert "no END:VCARD" in skipped[21]
    assert report["created"] == 1


def test_merge_by_email_fills_empty_properties_only(run, vault, write, tmp_path):
    path = write("People/Rodri.md", "---\ntype: person\nemail: rperez@vvl.example\n"
                 "city: Madrid\naliases: [El Rubio]\n---\nNotes.\n")
    report = imported(run, write_vcf(tmp_path, IPHONE), vault)
    merge = report["actions"][0]
    assert (merge["action"], merge["note"]) == ("merge", "People/Rodri.md")
    assert "city" not in merge["fields"] and "aliases" not in merge["fields"]
    text = path.read_text(encoding="utf-8")
    assert "city: Madrid" in text and "aliases: [El Rubio]" in text
    assert "phone: +34 600 11 22 33" in text and "birthday: --04-12" in text
    assert text.endswith("---\nNotes.\n")


def test_reimport_changes_nothing(run, vault, tmp_path):
    path = write_vcf(tmp_path, IPHONE + ANDROID + VCARD4)
    imported(run, path, vault)
    before = snapshot(vault)
    again = imported(run, path, vault)
    assert (again["created"], again["merged"]) == (0, 0)
    assert snapshot(vault) == before


def test_not_a_vcard_file(run, vault, tmp_path):
    path = tmp_path / "x.vcf"
    path.write_text("hello\n")
    result = run("import", "vcard", str(path), str(vault))
    assert result.exit_code == 1 and "no BEGIN:VCARD" in result.stderr


def test_a_contact_whose_frontmatter_cannot_be_edited_is_skipped_untouched(run, vault, write,
                                                                          tmp_path):
    path = write("People/Rodrigo Pérez.md", "---\ntype: person\nrole: a\nrole: b\n---\n")
    before = path.read_bytes()
    report = imported(run, write_vcf(tmp_path, IPHONE), vault)
    action = report["actions"][0]
    assert action["action"] == "skip" and "twice" in action["reason"]
    assert path.read_bytes() == before
