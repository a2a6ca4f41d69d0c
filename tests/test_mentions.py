"""Finding mentions: every way a contact is written, and every place a name is not a mention."""

from __future__ import annotations

import datetime as dt

import pytest

from vinculo.config import load_config
from vinculo.hookspecs import hookimpl
from vinculo.model import NameVariant
from vinculo.pipeline import build_index
from vinculo.plugin_host import get_plugin_manager

TODAY = dt.date(2026, 11, 29)
PEOPLE = {
    "Ana García López": "aliases: [Anita]",
    "Encarnación Ruiz": "aliases: Encar",
    "Miguel Ángel Torres": "",
    "Rosa Martínez": "",
    "Luis Pérez": "",
    "Luis Gómez": "",
    "José Romero": "",
    "William Shaw": "",
}


@pytest.fixture
def people(write):
    for name, extra in PEOPLE.items():
        write(f"People/{name}.md", f"---\ntype: person\n{extra}\n---\n# {name}\n")
    return write


def mentions_of(vault, text, rel="Daily/2026-11-20.md", plugin=None):
    """(surface, target or candidates, level, reason) of every mention in one note."""
    path = vault / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    pm = get_plugin_manager()
    if plugin is not None:
        pm.register(plugin, name="extra-names")
    index = build_index(vault, load_config(vault), pm, TODAY)
    return [
        (m.surface, m.target or m.candidates, m.level, m.reason)
        for m in index.mentions.get(rel, [])
    ]


@pytest.mark.parametrize(
    ("text", "surface", "target", "reason"),
    [
        ("Comí con Ana García López ayer.", "Ana García López", "Ana García López", "exact"),
        ("Comí con Ana Garcia Lopez ayer.", "Ana Garcia Lopez", "Ana García López", "accent"),
        ("comí con ana garcía lópez.", "ana garcía lópez", "Ana García López", "case"),
        ("Call with MIGUEL ANGEL TORRES.", "MIGUEL ANGEL TORRES", "Miguel Ángel Torres", "accent"),
        ("Read Ana García López's post.", "Ana García López", "Ana García López", "possessive"),
        ("Read Ana García López’s post.", "Ana García López", "Ana García López", "possessive"),
        ("Encar called.", "Encar", "Encarnación Ruiz", "alias"),
        ("Saw Anita at the bar.", "Anita", "Ana García López", "alias"),
        ("Habló Jose en la reunión.", "Jose", "José Romero", "first_name"),
        ("Cena con Ana García el lunes.", "Ana García", "Ana García López", "first_surname"),
        ("Cena con Ana Gacría López.", "Ana Gacría López", "Ana García López", "typo"),
        ("Cena con Ana Garca López.", "Ana Garca López", "Ana García López", "typo"),
        ("Cena con Ana Garcíia López.", "Ana Garcíia López", "Ana García López", "typo"),
        ("Cena con Ana Garcóa López.", "Ana Garcóa López", "Ana García López", "typo"),
        ("Zoom with Miguel Ángle Torres.", "Miguel Ángle Torres", "Miguel Ángel Torres", "typo"),
        ("Encar Ruiz texted.", "Encar", "Encarnación Ruiz", "alias"),
    ],
)
def test_a_contact_is_found_however_it_is_written(vault, people, text, surface, target, reason):
    assert (surface, target, "link", reason) in mentions_of(vault, text)


@pytest.mark.parametrize(
    "text",
    [
        "Ana Garcés vino a la charla.",  # a different person with the same first name
        "Luis García is not a contact.",  # shares only a surname
        "Vi una rosa roja en el jardín.",  # a name that is a common word, lowercase
        "I will call you.",
        "Banana bread, Anaís and Ana-María.",  # a short alias inside a word
        "Encargué la comida.",
        "ana vino.",  # a one-word name in lowercase
        "José Antonio Pérez came by.",  # not José Romero: a known first name, unknown surname
    ],
)
def test_names_that_are_not_these_contacts_are_not_links(vault, people, text):
    assert [m for m in mentions_of(vault, text) if m[2] == "link"] == []


def test_a_first_name_several_contacts_share_is_a_suggestion_with_the_candidates(vault, people):
    found = mentions_of(vault, "Luis vino a cenar.")
    assert found == [("Luis", ("Luis Pérez", "Luis Gómez"), "suggest", "ambiguous")]


def test_a_common_word_name_at_the_start_of_a_sentence_is_only_suggested(vault, people, write):
    write("People/Will Brown.md", "---\ntype: person\n---\n")
    write("People/William Shaw.md", "---\ntype: person\n---\n")
    found = mentions_of(vault, "Will you come? I told Will the news.")
    assert found == [
        ("Will", "Will Brown", "suggest", "common_word"),
        ("Will", "Will Brown", "link", "first_name"),
    ]


PROTECTED = """---
with: Ana García López
---
Intro line.

```
Ana García López in a fence
```

    Ana García López in indented code

Inline `Ana García López` code, [[Ana García López|Ana]] link, ![[Ana García López]] embed,
[Ana García López](https://example.org) md link, https://x.org/Ana-García-López url,
ana.garcia@lopez.com mail, #Ana tag, %%Ana García López%% comment,
<span>Ana García López</span> html, <!-- Ana García López --> comment.

<div>
Ana García López in an HTML block
</div>

%%
Encar in a multi-line comment
%%
Last line ^Anita
"""


def test_nothing_is_found_in_protected_regions(vault, people):
    found = mentions_of(vault, PROTECTED)
    assert [(s, t, level, reason) for s, t, level, reason in found if reason != "linked"] == []
    assert [(s, t) for s, t, _, reason in found if reason == "linked"] == [
        ("Ana", "Ana García López")
    ]


def test_list_continuations_are_not_code(vault, people):
    text = "- item\n\n    Ana García López, in the item's second paragraph\n"
    assert mentions_of(vault, text)[0][:2] == ("Ana García López", "Ana García López")


def test_a_contact_note_never_mentions_itself_but_mentions_others(vault, people):
    rel = "People/Encarnación Ruiz.md"
    text = "---\ntype: person\naliases: Encar\n---\n# Encarnación Ruiz\nEncar met Rosa Martínez.\n"
    assert mentions_of(vault, text, rel=rel) == [
        ("Rosa Martínez", "Rosa Martínez", "link", "exact")
    ]


def test_offsets_and_lines_point_at_the_text_as_written(vault, people):
    text = "---\ndate: 2026-11-20\n---\r\nHola.\r\nCena con Ana García López.\r\n"
    pm = get_plugin_manager()
    (vault / "Daily").mkdir()
    (vault / "Daily/x.md").write_bytes(text.encode())
    index = build_index(vault, load_config(vault), pm, TODAY)
    note = next(n for n in index.scan.notes if n.rel == "Daily/x.md")
    [mention] = index.mentions["Daily/x.md"]
    assert note.text[mention.start : mention.end] == "Ana García López"
    assert mention.line == 5


def test_a_plugin_contributes_a_nickname_through_name_variants(vault, people):
    class Nicknames:
        @hookimpl
        def name_variants(self, contact):
            if contact.name == "Miguel Ángel Torres":
                return [NameVariant("Migue", "nickname"), NameVariant("MAT", "initials", False)]
            return []

    found = mentions_of(vault, "Migue called. MAT too.", plugin=Nicknames())
    assert found == [
        ("Migue", "Miguel Ángel Torres", "link", "alias"),
        ("MAT", "Miguel Ángel Torres", "suggest", "initials"),
    ]


def test_first_names_can_be_switched_off(vault, people):
    (vault / "vinculo.toml").write_text("[linking]\nfirst_names = false\n")
    assert mentions_of(vault, "Habló Jose. Luego Encar.") == [
        ("Encar", "Encarnación Ruiz", "link", "alias")
    ]


def test_sample_vault_tricky_mentions(sample):
    index = build_index(sample, load_config(sample), get_plugin_manager(), TODAY)
    by_note = {
        rel: [(m.surface, m.target, m.level) for m in found if not m.linked]
        for rel, found in index.mentions.items()
    }
    assert ("Rodirgo Sanz", "Rodrigo Sanz", "link") in by_note["Daily/2026-03-18.md"]
    assert ("Lucia Fernandez", "Lucía Fernández Ortega", "link") in by_note["Daily/2026-11-20.md"]
    assert by_note["Daily/2026-11-27.md"][0] == ("Ana", "", "suggest")
    assert all(s != "rosa" for s, _, _ in by_note.get("Daily/2026-03-27.md", []))
    assert "Daily/2026-11-28.md" not in by_note or all(
        s == "Encar" for s, _, _ in by_note["Daily/2026-11-28.md"]
    )
    own = [m for m in index.mentions.get("People/Encarnación Moreno Gil.md", [])]
    assert {m.target for m in own} == {
        "Miguel Ángel Navarro Ibáñez", "Antonio Castillo", "Rodrigo Sanz"
    }


def test_a_typo_in_a_one_word_name_is_not_a_mention(vault, people):
    assert mentions_of(vault, "Encra called. Jsoe too.") == []


def test_vinculo_managed_block_is_not_read_for_mentions(vault, people):
    text = (
        "# Notes\n<!-- vinculo:start -->\n- [ ] Call Rosa Martínez 📅 2026-12-01\n"
        "<!-- vinculo:end -->\nLunch with Rosa Martínez.\n"
    )
    found = mentions_of(vault, text)
    assert [(s, t) for s, t, _, _ in found] == [("Rosa Martínez", "Rosa Martínez")]
    assert found and text.index("Lunch") < text.index("Rosa Martínez", text.index("Lunch"))


def test_a_name_split_by_a_no_break_space_or_written_with_a_hyphen_nearby(vault, people):
    found = mentions_of(vault, "Cena con Rosa\u00a0Martínez. Rosa-María no es ella.")
    assert found == [("Rosa\u00a0Martínez", "Rosa Martínez", "link", "accent")]


@pytest.mark.parametrize(
    "text",
    [
        "Andrée de la Rosa vino también.",  # particles between a given name and "Rosa"
        "Mohamed Jose came along too.",  # an unknown given name opening the sentence
        "Tengo que llamar a Gabriel la semana que viene.",  # "Gabriel la" ≠ "Gabriel Sá"
    ],
)
def test_near_misses_around_particles_and_sentence_starts(vault, people, write, text):
    write("People/Gabriel Sá Duarte.md", "---\ntype: person\n---\n")
    write("People/Gabriel Lopes.md", "---\ntype: person\n---\n")
    assert [m for m in mentions_of(vault, text) if m[2] == "link"] == []


def test_an_embed_before_a_sentence_does_not_hide_its_first_name(vault, people):
    found = mentions_of(vault, "![[foto de grupo.png]] Called Jose today.")
    assert found == [("Jose", "José Romero", "link", "first_name")]


def test_never_and_fuzzy_settings(vault, people):
    (vault / "vinculo.toml").write_text('[linking]\nnever = ["Anita"]\nfuzzy = false\n')
    found = mentions_of(vault, "Anita y Ana Gacría López. Encar.")
    assert found == [("Encar", "Encarnación Ruiz", "link", "alias")]


def test_a_typo_two_contacts_tie_on_lists_them_in_the_same_order_in_every_process(vault, write):
    import os
    import subprocess
    import sys

    # "Maria" is one letter from "Mari" and from "Marias": two names, found by two routes.
    write("People/Mari Soto Vega.md", "---\ntype: person\n---\n")
    write("People/Marias Soto Vega.md", "---\ntype: person\n---\n")
    write("Daily/2026-11-20.md", "Comí con Maria Soto Vega en el centro.\n")
    outputs = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "vinculo", "link", str(vault), "--json"],
                              capture_output=True, text=True, env=env, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert "Marias Soto Vega" in outputs.pop()
