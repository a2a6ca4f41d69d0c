"""Linking the way real vaults are written: titles and honorifics, everyday-word names,
emphasis, names that continue, notes that are not people, and places a link may not go."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from vinculo.config import load_config
from vinculo.pipeline import build_index
from vinculo.plugin_host import get_plugin_manager

TODAY = dt.date(2026, 11, 29)
NOTE = "Daily/2026-11-20.md"


def person(write, name: str, extra: str = "", folder: str = "People") -> None:
    write(f"{folder}/{name}.md", f"---\ntype: person\n{extra}\n---\nAbout them.\n")


def found(vault, text: str, rel: str = NOTE) -> list[tuple[str, object, str]]:
    """(surface, target or candidates, level) of every plain-text mention in one note."""
    path = vault / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    index = build_index(vault, load_config(vault), get_plugin_manager(), TODAY)
    return [(m.surface, m.target or m.candidates, m.level)
            for m in index.mentions.get(rel, []) if not m.linked]


def links(vault, text: str, rel: str = NOTE) -> list[tuple[str, object]]:
    return [(s, t) for s, t, level in found(vault, text, rel) if level == "link"]


def contacts(vault) -> set[str]:
    return set(build_index(vault, load_config(vault), get_plugin_manager(), TODAY).contacts)


# --- name words ----------------------------------------------------------------------------


def test_titles_and_articles_never_become_first_names(vault, write):
    for name in ("The Endurance", "Queen Bjornhild", "Old Tom Bombadil", "Captain Vera Holt"):
        person(write, name)
    text = ("The ship left. She was once Queen of Stygia. Old roads. Captain's log.\n"
            "Later Bjornhild spoke, and Vera answered.\n")
    assert links(vault, text) == [("Bjornhild", "Queen Bjornhild"), ("Vera", "Captain Vera Holt")]


def test_a_title_of_something_gives_no_shorter_names(vault, write):
    # "Señor del Reino…" once gave "del" as a first name and "del Reino" as a short form, which
    # linked "del reino" in every note about the kingdom; "Caballero" was a first name.
    for name in ("Señor del Reino de los Objetos Perdidos", "Caballero de la Paloma",
                 "Queen of Stygia", "Ana de la Fuente"):
        person(write, name)
    text = ("El Reino de los Objetos Perdidos es un plano. Las aves del reino vuelan.\n"
            "Un Caballero llegó. Of Stygia nothing is known. Ana saludó al Caballero de la "
            "Paloma.\n")
    assert links(vault, text) == [("Ana", "Ana de la Fuente"),
                                  ("Caballero de la Paloma", "Caballero de la Paloma")]


def test_a_knightly_or_noble_title_before_a_name_is_no_first_name(vault, write):
    # A campaign's "Caballero Encapuchado" linked "un nuevo Caballero" (any knight) to him.
    person(write, "Caballero Encapuchado")
    person(write, "Sir Galahad")
    text = "Un nuevo Caballero juró lealtad. El Encapuchado huyó. Galahad rode on.\n"
    assert links(vault, text) == [("Encapuchado", "Caballero Encapuchado"),
                                  ("Galahad", "Sir Galahad")]


def test_a_name_after_a_spanish_opener_and_an_article_or_a_verb_of_we_is_found(vault, write):
    # Colloquial Spanish: "la Xime", "el Juanjo"; "Cenamos Marta y yo" (we had dinner, Marta
    # and I). Both were read as someone's longer name ("Anoche la Xime", "Cenamos Marta").
    person(write, "Ximena Soto", "aliases: [Xime]")
    person(write, "Marta Ruiz")
    text = ("Anoche la Xime me llamó.\nCenamos Marta y yo en el centro.\n"
            "Plaza de la Xime.\n")  # a place: still no link
    assert links(vault, text) == [("Xime", "Ximena Soto"), ("Marta", "Marta Ruiz")]


def test_a_name_of_everyday_words_alone_is_a_description(vault, write):
    person(write, "Bear King")
    assert links(vault, "The Tribe of the Bear left. A huge Bear appeared.\n") == []
    assert links(vault, "We met the Bear King.\n", rel="Daily/2026-11-21.md") == [
        ("Bear King", "Bear King")]


def test_honorific_and_surname_link_when_one_contact_fits(vault, write):
    person(write, "Alice Evans")
    person(write, "Paz Ortega")
    assert links(vault, "Met Dr. Evans, then Sra. Paz and Sra Ortega. Evans left.\n") == [
        ("Dr. Evans", "Alice Evans"), ("Paz", "Paz Ortega"), ("Sra Ortega", "Paz Ortega")]


def test_the_dot_of_a_title_ends_no_sentence(vault, write):
    person(write, "Dr Clair Bucklebub")
    assert links(vault, "Members of Dr. Clair's team left.\n") == [
        ("Clair", "Dr Clair Bucklebub")]


def test_honorific_and_surname_shared_by_two_contacts_is_not_linked(vault, write):
    person(write, "Alice Evans")
    person(write, "Bob Evans")
    assert links(vault, "Met Dr. Evans today.\n") == []


def test_cleaned_aliases_and_labelled_titles_give_names(vault, write):
    person(write, "ganessh", "aliases: [Ganessh Kumar R P <ganessh@example.org>]")
    person(write, "Prisoner 13 - Korra Glintstone")
    text = "Stats by Ganessh Kumar R P. Korra Glintstone escaped; Korra ran.\n"
    assert links(vault, text) == [("Ganessh Kumar R P", "ganessh"),
                                  ("Korra Glintstone", "Prisoner 13 - Korra Glintstone"),
                                  ("Korra", "Prisoner 13 - Korra Glintstone")]


def test_a_first_name_from_an_alias_links_only_next_to_the_full_name(vault, write):
    person(write, "edo78", "aliases: [Federico Granata]")
    assert found(vault, "Federico at the podcast shared his setup.\n") == [
        ("Federico", "edo78", "suggest")]
    assert links(vault, "Federico Granata wrote a plugin. Federico also blogs.\n") == [
        ("Federico Granata", "edo78"), ("Federico", "edo78")]


def test_the_commonest_given_names_alone_need_the_full_name_in_the_note(vault, write):
    person(write, "John Sonmez")
    person(write, "Tiago Forte")
    assert links(vault, "For instance, recall John's commits. Tiago prefers paper.\n") == [
        ("Tiago", "Tiago Forte")]
    assert links(vault, "John Sonmez wrote it. John also codes.\n") == [
        ("John Sonmez", "John Sonmez"), ("John", "John Sonmez")]


def test_a_first_name_confirmed_by_first_name_and_surname_stays_so_on_a_rerun(vault, write, run):
    person(write, "Salud Arévalo Figuerola")
    note = write("Note.md", "Llamar a Salud Arévalo mañana. Llamé a Salud ayer.\n")
    assert links(vault, note.read_text(), rel="Note.md") == [
        ("Salud Arévalo", "Salud Arévalo Figuerola"), ("Salud", "Salud Arévalo Figuerola")]
    run("link", str(vault), "--apply")
    assert links(vault, note.read_text(), rel="Note.md") == []


def test_a_nickname_that_shortens_the_name_is_no_everyday_word(vault, write):
    person(write, "Jennifer Cooper", "aliases: [Jen]")
    assert links(vault, "Jen sent me the draft.\n") == [("Jen", "Jennifer Cooper")]


def test_a_given_name_that_is_also_a_title_stays_a_first_name(vault, write):
    person(write, "Reina Juliá Bustamante")
    assert links(vault, "Lunch with Reina, good chat.\n") == [("Reina", "Reina Juliá Bustamante")]


# --- one-word everyday names --------------------------------------------------------------


@pytest.mark.parametrize("name", ["Name", "Join", "Matter", "GB", "Bing"])
def test_an_everyday_word_name_capitalised_by_position_is_not_linked(vault, write, name):
    person(write, name)
    text = (f"{name} it all. Then the end.\n\n| {name} | Age |\n| --- | --- |\n| x | 3 |\n\n"
            f"From 4 {name} to the Vault {name}, and the {name}.\n")
    assert links(vault, text) == []


def test_an_everyday_word_name_mid_sentence_with_its_own_capitals_links(vault, write):
    person(write, "Pipe Ashford")
    assert links(vault, "We went to find Pipe in the hills, then on May 6 back.\n") == [
        ("Pipe", "Pipe Ashford")]


def test_a_lowercase_handle_is_not_its_capitalised_word(vault, write):
    person(write, "name", "aliases: [Cunjur]")
    assert links(vault, "Set the field to Name please. Cunjur agreed.\n") == [("Cunjur", "name")]


def test_many_contacts_sharing_an_everyday_alias_make_no_suggestions(vault, write):
    for i in range(6):
        person(write, f"dev{i}", "aliases: [Obsidian]")
    assert found(vault, "I use Obsidian daily. Obsidian is fast.\n") == []


# --- names that continue, and names after other words --------------------------------------


def test_a_middle_initial_continues_someone_elses_name(vault, write):
    person(write, "John Smith")
    person(write, "Julia Rohrer")
    text = "Read John C. Maxwell. Julia M. Rohrer wrote it. John Smith called.\n"
    assert links(vault, text) == [("John Smith", "John Smith")]


def test_a_name_after_a_sentence_opening_word_or_a_tag_is_found(vault, write):
    person(write, "Ana Torres")
    text = "Finding Ana was easy.\nAt Ana's place.\n#Meeting Ana at noon.\n"
    assert [s for s, _ in links(vault, text)] == ["Ana", "Ana", "Ana"]


@pytest.mark.parametrize("wrapped", ["_Ana_", "*Ana*", "**Ana**", "==Ana==", "__Ana__"])
def test_a_name_in_emphasis_is_found(vault, write, wrapped):
    person(write, "Ana Torres")
    assert links(vault, f"Lunch with {wrapped} today.\n") == [("Ana", "Ana Torres")]


def test_a_name_glued_to_an_identifier_is_not(vault, write):
    person(write, "Ana Torres")
    assert links(vault, "The field user_Ana_id and Ana_2 are ids.\n") == []


def test_in_a_contacts_own_note_a_short_form_of_their_name_is_them(vault, write):
    person(write, "DrLeucine", "aliases: [Leonardo Castorina]")
    person(write, "liqms", "aliases: [Leo]")
    text = "Leo is a research scientist. He met Leo there.\n"
    own = "---\ntype: person\naliases: [Leonardo Castorina]\n---\n" + text
    assert links(vault, own, rel="People/DrLeucine.md") == []
    assert links(vault, text, rel="Other.md") == [("Leo", "liqms"), ("Leo", "liqms")]


# --- protected regions ----------------------------------------------------------------------


def test_no_link_in_math_inline_field_keys_headings_or_diagrams(vault, write):
    person(write, "Bruno Díaz")
    text = (
        "# Bruno notes\n"
        "## Bruno Díaz at the inn\n"
        "Math $\\text{Bruno}$ and $$x = \\text{Bruno}$$ here.\n"
        "$$\n\\text{Bruno Díaz}\n$$\n"
        "Bruno:: value\n"
        "- Bruno Díaz:: other\n"
        "Text [Bruno:: v] and (Bruno:: w).\n"
        "* a diagram\n"
        "  sequenceDiagram\n"
        "  Bruno->>Ana: Hello Bruno\n"
        "\n"
        "It cost $5 and $10 for Bruno.\n"
    )
    assert links(vault, text) == [("Bruno", "Bruno Díaz")]
    assert found(vault, text)[0][0] == "Bruno"


@pytest.mark.parametrize("kind", ["sequenceDiagram", "gitGraph", "mindmap", "graph LR"])
def test_no_link_in_an_unfenced_diagram_of_any_kind(vault, write, kind):
    """Pasted highlights keep Mermaid diagrams as text; their example names are no one's."""
    person(write, "Bruno Díaz")
    text = f"Notes from the talk.\n\n{kind}\n  commit id: \"Bruno\"\n  Bruno Díaz\n\nBruno Díaz came.\n"
    assert links(vault, text) == [("Bruno Díaz", "Bruno Díaz")]


def test_headings_are_linked_when_the_vault_opts_in(vault, write, run):
    person(write, "Bruno Díaz")
    write("vinculo.toml", "[linking]\nheadings = true\n")
    assert links(vault, "## Lunch with Bruno Díaz\n") == [("Bruno Díaz", "Bruno Díaz")]


def test_a_heading_stays_byte_identical_on_apply(vault, write, run):
    person(write, "White Lady")
    note = write("Easthaven.md", "## White Lady Inn\nThe White Lady sang.\n")
    run("link", str(vault), "--apply")
    assert note.read_text() == "## White Lady Inn\nThe [[White Lady]] sang.\n"


def test_a_name_that_starts_another_notes_title_is_left_alone(vault, write):
    person(write, "White Lady")
    person(write, "Mr Mayfair")
    write("Places/White Lady Inn.md", "An inn.\n")
    write("Places/Mr Mayfair's Magical Mystorium.md", "A shop.\n")
    text = ("We slept at the White Lady Inn. Mr Mayfair's Magical Mystorium was shut.\n"
            "The White Lady sang; Mr Mayfair's cat slept.\n")
    assert links(vault, text) == [("White Lady", "White Lady"), ("Mr Mayfair", "Mr Mayfair")]


# --- which notes are people ---------------------------------------------------------------


def test_readme_folder_notes_and_organisations_are_not_contacts(vault, write):
    write("People/README.md", "How this folder works.\n")
    write("People/People.md", "Index.\n")
    write("Party/CrossBonesInc/Cross Bones Inc.md", "---\ntags: [person]\n---\nA gang.\n")
    write("People/Acme.md", "---\ntype: organization\n---\nA company.\n")
    write("People/Ana Torres.md", "Ana.\n")
    write("People/Ops/Team Lead.md", "---\ntype: person\n---\n")
    assert contacts(vault) == {"Ana Torres", "Team Lead"}
    write("vinculo.toml", '[contacts]\nexclude = ["People/Ops/*"]\n')
    assert contacts(vault) == {"Ana Torres"}


def test_doctor_lists_contacts_whose_names_are_everyday_words(vault, write, run):
    person(write, "Pipe Ashford")
    person(write, "Matter")
    write("Notes.md", "We found Pipe. Then Pipe left. Ask Matter about it.\n")
    result = run("doctor", str(vault), "--json")
    problems = json.loads(result.output)
    common = [p for p in problems if "everyday word" in p["message"]]
    assert any("'Pipe'" in p["message"] and "2 link(s)" in p["message"] for p in common)
    assert any("'Matter'" in p["message"] and "1 link(s)" in p["message"] for p in common)
