"""Names in the short sentences people log interactions with: a ticked task that opens with
a verb ("- [x] Call Hannah"), and two contacts joined by "y"/"e" ("con Marta y Sergio")."""

from __future__ import annotations

import datetime as dt

from vinculo.config import load_config
from vinculo.pipeline import build_index
from vinculo.plugin_host import get_plugin_manager

TODAY = dt.date(2026, 11, 29)
NOTE = "Daily/2026-11-20.md"


def person(write, name: str) -> None:
    write(f"People/{name}.md", "---\ntype: person\n---\nAbout them.\n")


def links(vault, text: str) -> list[tuple[str, object]]:
    (vault / NOTE).parent.mkdir(parents=True, exist_ok=True)
    (vault / NOTE).write_text(text, encoding="utf-8")
    index = build_index(vault, load_config(vault), get_plugin_manager(), TODAY)
    return [(m.surface, m.target) for m in index.mentions.get(NOTE, [])
            if not m.linked and m.level == "link"]


def test_a_task_box_starts_a_sentence(vault, write):
    person(write, "Hannah Kowalski")
    person(write, "Priya Raman")
    assert links(vault, "- [x] Call Hannah about the move\n- [ ] Email Priya the lease\n") == [
        ("Hannah", "Hannah Kowalski"), ("Priya", "Priya Raman")]


def test_a_verb_that_is_not_a_sentence_start_still_reads_as_a_longer_name(vault, write):
    person(write, "Ben Adler")
    # mid-sentence, "Zed Ben" is someone else's name, with or without a box before the line
    assert links(vault, "- [x] met Zed Ben at the fair\n") == []


def test_two_contacts_joined_by_y_are_both_names(vault, write):
    for name in ("Marta Iglesias", "Sergio Muñoz", "Pablo Herrero", "Nuria Puig"):
        person(write, name)
    assert links(vault, "Fuimos a tomar algo con Marta y Sergio\n\nCena con Pablo y Nuria\n") == [
        ("Marta", "Marta Iglesias"), ("Sergio", "Sergio Muñoz"),
        ("Pablo", "Pablo Herrero"), ("Nuria", "Nuria Puig")]


def test_a_name_joined_by_y_to_a_word_that_names_no_contact_is_someone_else(vault, write):
    person(write, "Gasset Puig")
    # "Ortega y Gasset": a double surname; "Ortega" names no contact
    assert links(vault, "Leí a Ortega y Gasset\n") == []
