"""Which files are notes, and which notes are people."""

from __future__ import annotations

from vinculo.config import load_config
from vinculo.contacts import build_contacts
from vinculo.plugin_host import get_plugin_manager
from vinculo.vault import scan_vault


def _scan(vault):
    return scan_vault(vault, load_config(vault))


def _contacts(vault):
    scan = _scan(vault)
    config = load_config(vault)
    return build_contacts(scan.notes, get_plugin_manager(), config)


def test_system_folders_templates_and_user_filters_are_never_read(vault, write):
    write("Daily/2026-11-01.md", "hi")
    write(".obsidian/workspace.md", "x")
    write(".trash/old.md", "x")
    write(".git/notes.md", "x")
    write("Templates/Person.md", "x")
    write("Archive/2019.md", "x")
    write("Private/secret.md", "x")
    write("notes.txt", "not markdown")
    write(".obsidian/app.json", '{"userIgnoreFilters": ["Archive/", "/^Priv/"]}')
    assert [n.rel for n in _scan(vault).notes] == ["Daily/2026-11-01.md"]


def test_templates_folder_comes_from_obsidian_settings(vault, write):
    write(".obsidian/templates.json", '{"folder": "Meta/Tpl"}')
    write("Meta/Tpl/Contact.md", "x")
    write("Templates/Real note.md", "x")
    assert [n.rel for n in _scan(vault).notes] == ["Templates/Real note.md"]


def test_sync_conflict_copies_are_reported_not_read(vault, write):
    write("Daily/2026-11-20.md", "x")
    write("Daily/2026-11-20.sync-conflict-20261120-101010-ABCDEF.md", "x")
    write("Ana (Portátil's conflicted copy 2026-11-20).md", "x")
    write("Plan.md", "x")
    write("Plan 2.md", "x")
    write("Sprint 3.md", "x")  # no "Sprint.md": a real note
    scan = _scan(vault)
    assert sorted(n.rel for n in scan.notes) == ["Daily/2026-11-20.md", "Plan.md", "Sprint 3.md"]
    assert len(scan.skipped) == 3
    assert all("conflict" in d.message or "copy of" in d.message for d in scan.skipped)


def test_a_numbered_name_is_a_copy_only_when_its_text_is_the_originals(vault, write, run):
    """"Prep - Solstice 2" with its own content, "Things 3" and "Notation 2" are notes; a copy
    with the same text, or an edit or two apart, is skipped and `scan` says so."""
    write("Prep - Solstice.md", "---\ndate: 2026-03-01\n---\n# Prep\n\n"
          + "Encounter at the ruins, three waves.\n" * 5)
    write("Prep - Solstice 2.md", "---\ndate: 2026-03-08\n---\n# Prep\n\nThe market, the "
          "harbour and a duel at dawn with the captain of the guard.\n")
    write("Things.md", "a list of things\n")
    write("Things 3.md", "the task manager: notes on its quick-entry window\n")
    write("Notation 2.md", "no Notation.md beside it\n")
    long = "".join(f"- line {i} of the weekly plan\n" for i in range(40))
    write("Plan.md", long)
    write("Plan (1).md", long)
    write("Plan 2.md", long + "- one more line\n")
    scan = _scan(vault)
    assert sorted(n.rel for n in scan.notes) == [
        "Notation 2.md", "Plan.md", "Prep - Solstice 2.md", "Prep - Solstice.md", "Things 3.md",
        "Things.md"]
    assert sorted(d.path for d in scan.skipped) == ["Plan (1).md", "Plan 2.md"]
    output = run("scan", str(vault)).output
    assert "Plan 2.md: copy of Plan.md (same text): not read as a note" in output


def test_a_broken_note_never_aborts_the_scan(vault, write):
    write("a.md", b"\x00\x01binary")
    write("b.md", "---\n: : bad\n---\n")
    write("c.md", "fine")
    scan = _scan(vault)
    assert len(scan.notes) == 3
    assert len([d for d in scan.diagnostics if d.severity != "info"]) == 2


def test_contacts_by_type_tag_and_people_folder(vault, write):
    write("People/Rodrigo Sanz.md", "no frontmatter at all")
    write("Work/Lucía Fernández Ortega.md", "---\ntags: [person, work]\n---\n")
    write("Misc/Tom Baker.md", "---\ntype: Contact\n---\n")
    write("Misc/Encarnación.md", "---\ntags: '#people'\n---\n")
    write("Projects/Blog.md", "---\ntype: project\ntags: [personal]\n---\n")
    assert sorted(_contacts(vault)) == [
        "Encarnación",
        "Lucía Fernández Ortega",
        "Rodrigo Sanz",
        "Tom Baker",
    ]


def test_aliases_as_list_or_string(vault, write):
    write("People/Encarnación Ruiz.md", "---\naliases: [Encar, Encarni]\n---\n")
    write("People/José Martín.md", "---\naliases: Pepe\n---\n")
    write("People/Tom Baker.md", "---\naliases:\n---\n")
    contacts = _contacts(vault)
    assert contacts["Encarnación Ruiz"].aliases == ["Encar", "Encarni"]
    assert contacts["José Martín"].aliases == ["Pepe"]
    assert contacts["Tom Baker"].aliases == []


def test_people_folder_and_contact_types_are_configurable(vault, write):
    write("vinculo.toml", '[folders]\npeople = "Gente"\n[contacts]\ntypes = ["persona"]\n')
    write("Gente/Ana García.md", "x")
    write("People/Not A Contact.md", "x")
    write("Otros/Paz Vega.md", "---\ntype: persona\n---\n")
    assert sorted(_contacts(vault)) == ["Ana García", "Paz Vega"]


def test_the_settled_walk_finds_the_notes_the_scan_walk_finds(vault, write, tmp_path):
    """A settled sync asks each note's size and mtime with its own walk (by folder, for
    speed): it must see the same notes, in the same order, by the same rules — ignored and
    dot folders, the templates folder, a user filter, a folder named like a note, a link (to
    a note outside the vault: no stat of its target), a FIFO, a name not in UTF-8."""
    import os

    from vinculo.vault import walk_entries, walk_stats

    for rel in ("People/Ana.md", "People/Émile.md", "Daily/2026-11-02.md", "Daily/b.md",
                "Templates/T.md", ".trash/x.md", "Private/secret.md", "Notes/a.md/inner.md",
                "node_modules/y.md", "Notes/b.txt", "Notes/c.md"):
        write(rel, "text\n")
    (vault / ".obsidian" / "app.json").write_text(
        '{"userIgnoreFilters": ["Private/", "Notes/c.md"]}', encoding="utf-8")
    (vault / ".obsidian" / "templates.json").write_text('{"folder": "Templates"}',
                                                        encoding="utf-8")
    outside = tmp_path / "outside.md"
    outside.write_text("outside\n", encoding="utf-8")
    (vault / "Notes" / "link.md").symlink_to(outside)
    os.mkfifo(vault / "Notes" / "pipe.md")
    odd = os.fsencode(vault / "Notes") + b"/caf\xe9.md"
    with open(odd, "wb") as handle:
        handle.write(b"latin-1\n")
    config = load_config(vault)

    walked = [rel for _, rel in walk_entries(vault, config)]
    stats = list(walk_stats(vault, config))
    assert [rel for rel, _ in stats] == walked
    assert "Notes/link.md" in walked and "People/Émile.md" in walked
    assert not any(rel.startswith(("Templates/", "Private/", ".trash/", "node_modules/"))
                   or rel == "Notes/c.md" or "pipe" in rel or "caf" in rel for rel in walked)
    for rel, info in stats:
        if rel == "Notes/link.md":
            assert info is None
        else:
            assert info is not None and info.st_size == (vault / rel).stat().st_size
            assert info.st_mtime_ns == (vault / rel).stat().st_mtime_ns
    # a path said to be known is walked even where a user filter would skip it, as before
    known = {"Notes/c.md"}
    assert ([rel for rel, _ in walk_stats(vault, config, known)]
            == [rel for _, rel in walk_entries(vault, config, known)])
    assert "Notes/c.md" in [rel for rel, _ in walk_stats(vault, config, known)]
