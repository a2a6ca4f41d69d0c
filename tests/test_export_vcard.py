"""``vinculo export vcard``: the vault's contacts for a phone, and back again unchanged."""

from __future__ import annotations

import json

import vobject
from conftest import snapshot


def test_export_writes_every_contact_as_vcard3(run, vault, write, tmp_path):
    write("People/Ana García.md", "---\ntype: person\naliases: [Anita]\ncompany: Lumen\n"
          "role: CTO\ncity: Sevilla\nbirthday: 1985-04-12\nemail: [ana@example.com, a@x.org]\n"
          "phone: '+34 600 11 22 33'\nlinkedin: https://www.linkedin.com/in/ana\n---\n")
    write("People/Rodrigo.md", "---\ntype: person\nbirthday: --04-12\n---\n")
    write("Daily/2026-11-29.md", "Not a person.\n")
    out = tmp_path / "contacts.vcf"
    result = run("export", "vcard", str(vault), "-o", str(out))
    assert result.exit_code == 0, result.output
    cards = list(vobject.readComponents(out.read_text(encoding="utf-8")))
    assert [c.fn.value for c in cards] == ["Ana García", "Rodrigo"]
    ana = cards[0]
    assert ana.version.value == "3.0"
    assert ana.n.value.given == "Ana" and ana.n.value.family == "García"
    assert ana.nickname.value == "Anita"
    assert [e.value for e in ana.email_list] == ["ana@example.com", "a@x.org"]
    assert ana.tel.value == "+34 600 11 22 33"
    assert ana.bday.value == "1985-04-12" and cards[1].bday.value == "--04-12"
    assert ana.org.value == ["Lumen"] and ana.title.value == "CTO"
    assert ana.adr.value.city == "Sevilla"
    assert ana.url.value == "https://www.linkedin.com/in/ana"


def test_export_is_stable_and_reimporting_it_changes_nothing(run, vault, write, tmp_path):
    write("People/Ana García.md", "---\ntype: person\naliases: [Anita]\nemail: ana@example.com\n"
          "birthday: 1985-04-12\n---\n")
    first = run("export", "vcard", str(vault)).output
    assert first == run("export", "vcard", str(vault)).output
    path = tmp_path / "back.vcf"
    path.write_text(first, encoding="utf-8")
    before = snapshot(vault)
    report = json.loads(run("import", "vcard", str(path), str(vault), "--json").output)
    assert (report["created"], report["merged"], report["skipped"]) == (0, 0, 1)
    assert snapshot(vault) == before


def test_family_names_for_sorting_on_the_phone():
    from vinculo.default_plugins.importers.vcard import split_name

    assert split_name("Miguel Ángel Navarro Ibáñez") == ("Miguel Ángel", "Navarro Ibáñez")
    assert split_name("Encarnación Moreno Gil") == ("Encarnación", "Moreno Gil")
    assert split_name("Rodrigo") == ("Rodrigo", "")


def test_an_export_from_the_cache_equals_one_that_reads_every_note(run, sample, monkeypatch):
    """The second export restores unchanged notes from the index cache instead of reading
    them; an edited contact note is read again."""
    first = run("export", "vcard", str(sample)).output
    assert run("export", "vcard", str(sample)).output == first
    rodrigo = sample / "People" / "Rodrigo Sanz.md"
    rodrigo.write_text(rodrigo.read_text(encoding="utf-8").replace(
        "---\n", "---\nemail: rodrigo@example.com\n", 1), encoding="utf-8")
    cached = run("export", "vcard", str(sample)).output
    monkeypatch.setenv("VINCULO_NO_CACHE", "1")
    assert cached == run("export", "vcard", str(sample)).output
    assert "rodrigo@example.com" in cached


def test_an_export_into_the_vault_goes_through_the_safe_write_path_and_undoes(run, sample):
    out = sample / "Exports" / "contacts.vcf"
    out.parent.mkdir()
    result = run("export", "vcard", str(sample), "-o", str(out))
    assert result.exit_code == 0, result.output
    first = out.read_text(encoding="utf-8")
    assert first.count("BEGIN:VCARD") == len(json.loads(run("contacts", str(sample), "--json").output))
    out.write_text("my own edit\n", encoding="utf-8")
    assert run("export", "vcard", str(sample), "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == first
    assert run("undo", str(sample)).exit_code == 0  # the journal kept the file it replaced
    assert out.read_text(encoding="utf-8") == "my own edit\n"
