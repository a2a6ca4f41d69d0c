"""A vault with no contacts: ``scan`` says how contacts are recognised and what the vault
seems to use instead; ``sync`` writes no empty dashboard."""

from __future__ import annotations

import json

from conftest import snapshot

from vinculo.contact_hints import person_like


def _people_elsewhere(write) -> None:
    for name in ("Ana García", "Pedro de la Fuente", "Luis Ortega", "Marta Gil"):
        write(f"Contactos/{name}.md", "---\ntipo: persona\n---\n")
    write("Notes/Plan 2027.md", "x\n")
    write("Notes/Reunión semanal.md", "Hablé con Ana García.\n")


def test_scan_says_how_contacts_are_recognised_and_what_to_try(vault, write, run):
    _people_elsewhere(write)
    result = run("scan", str(vault))
    assert result.exit_code == 0
    text = " ".join(result.output.split())  # as one line, whatever the wrapping
    assert ("No contacts found. vinculo recognises a contact by `type: person or contact` in "
            "its frontmatter, a tag (#person, #people, #contact), or a note in the People/ "
            "folder.") in text
    assert ('4 note(s) have `tipo: persona`: to count them as contacts, put in vinculo.toml: '
            '[contacts] type_key = "tipo" and types = ["persona"]') in text
    assert ("Contactos/ has 4 of 4 notes titled like people (Ana García, Luis Ortega, Marta "
            'Gil, …): to make it the people folder, put in vinculo.toml: [folders] people = '
            '"Contactos"') in text
    hints = json.loads(run("scan", str(vault), "--json").output)["contact_hints"]
    assert len(hints) == 3


def test_the_suggested_setting_works(vault, write, run):
    _people_elsewhere(write)
    write("vinculo.toml", '[contacts]\ntype_key = "tipo"\ntypes = ["persona"]\n')
    summary = json.loads(run("scan", str(vault), "--json").output)
    assert summary["contacts"] == 4 and "contact_hints" not in summary


def test_sync_writes_no_dashboard_for_an_empty_people_graph(vault, write, run):
    _people_elsewhere(write)
    before = snapshot(vault)
    result = run("sync", str(vault))
    assert result.exit_code == 0, result.output
    assert snapshot(vault) == before  # no dashboard, no base
    assert f"No contacts found: vinculo scan {vault} says how contacts are recognised" \
        in result.output


def test_person_like_titles():
    assert all(map(person_like, ["Ana García", "Juan de la Cruz", "José Ángel Pérez López",
                                 "O'Brien Smith", "Anne-Marie Dupont"]))
    assert not any(map(person_like, ["Plan 2027", "Reunión semanal", "meeting notes", "Ana",
                                     "Notes On The Book Of Many Things"]))
