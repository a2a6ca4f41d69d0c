"""The importer framework: dispatch by name, the hook, errors, dry run, the summary."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest
from conftest import install_plugin, snapshot

from vinculo.importing import Importer, available_importers
from vinculo.plugin_host import get_plugin_manager

EXAMPLES = Path(__file__).resolve().parent.parent / "sample_vault" / "Imports"


def test_builtin_importers_come_through_the_hook():
    pm = get_plugin_manager()
    contributed = [i.name for batch in pm.hook.register_importers() for i in batch]
    assert sorted(contributed) == ["calendar", "linkedin", "linkedin-messages", "mbox", "telegram",
                                 "vcard", "whatsapp"]
    assert all(isinstance(i, Importer) for i in available_importers(pm).values())


def test_a_blocked_importer_is_gone(run, vault, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("x")
    result = run("--block-plugin", "import_linkedin", "import", "linkedin", str(path), str(vault))
    assert result.exit_code == 1
    assert ("no importer named 'linkedin'; available: calendar, linkedin-messages, mbox, "
            "telegram, vcard, whatsapp") in result.stderr


def test_a_third_party_importer_plugin_is_dispatched_by_name(run, vault, tmp_path, monkeypatch):
    site = install_plugin(tmp_path / "site", "vinculo_names_txt", '''
        from vinculo.hookspecs import hookimpl
        from vinculo.importing import Importer, PeoplePlanner, PersonRecord

        def run(data, ctx):
            planner = PeoplePlanner(ctx)
            for n, line in enumerate(data.decode().splitlines(), start=1):
                yield planner.plan(PersonRecord(name=line, line=n, properties={"met_via": "txt"}))

        @hookimpl
        def register_importers():
            return [Importer("names", "one name per line", run, (".txt",))]
    ''', entry="names_txt")
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    try:
        source = tmp_path / "names.txt"
        source.write_text("Ana García\nTom\n")
        report = json.loads(run("import", "names", str(source), str(vault), "--json").output)
        assert report["created"] == 2
        assert "met_via: txt" in (vault / "People/Tom.md").read_text()
    finally:
        sys.modules.pop("vinculo_names_txt", None)


@pytest.mark.parametrize("args, message", [
    (("import", "linkedin", "missing.csv"), "file not found"),
    (("import", "nope", "missing.csv"), "no importer named 'nope'"),
])
def test_errors_are_one_line(run, vault, args, message):
    result = run(*args[:3], str(vault))
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_dry_run_shows_the_plan_and_writes_nothing(run, vault, write):
    write("People/Ana García.md", "---\ntype: person\n---\n")
    before = snapshot(vault)
    result = run("import", "linkedin", str(EXAMPLES / "Connections.csv"), str(vault), "--dry-run",
                 "--diff")
    assert result.exit_code == 0
    assert snapshot(vault) == before
    assert "Dry run, nothing written: 4 would be created, 1 merged, 2 skipped." in result.output
    assert "+company: Cívica Labs" in result.output  # the exact diff of the merge


def test_the_shipped_examples_merge_into_the_sample_vault_cast(run, sample):
    reports = {
        name: json.loads(run("import", name, str(EXAMPLES / file), str(sample), "--json").output)
        for name, file in (("linkedin", "Connections.csv"), ("vcard", "contacts.vcf"),
                           ("calendar", "calendar.ics"))
    }
    counts = {n: (r["created"], r["merged"], r["skipped"]) for n, r in reports.items()}
    assert counts == {"linkedin": (2, 3, 2), "vcard": (1, 2, 0), "calendar": (5, 0, 4)}
    ana = (sample / "People/Ana García.md").read_text(encoding="utf-8")
    assert "met_via: conference" in ana  # what the user wrote stays
    assert "linkedin: https://www.linkedin.com/in/ana-garcia-civica" in ana
    coffee = (sample / "Meetings/2026-11-24 Café.md").read_text(encoding="utf-8")
    assert "'[[Ana García]]'" in coffee and "channel: in_person" in coffee
    # The meetings count as history: the coffee is Ana's last time in person.
    rows = {r["name"]: r for r in json.loads(run("contacts", str(sample), "--json").output)}
    assert rows["Ana García"]["last_in_person"] == "2026-11-24"
    # And all three again: nothing changes.
    before = snapshot(sample)
    for name, file in (("linkedin", "Connections.csv"), ("vcard", "contacts.vcf"),
                       ("calendar", "calendar.ics")):
        again = json.loads(run("import", name, str(EXAMPLES / file), str(sample), "--json").output)
        assert (again["created"], again["merged"]) == (0, 0)
    assert snapshot(sample) == before


def test_an_import_is_undone_exactly(run, sample):
    before = snapshot(sample)
    run("import", "linkedin", str(EXAMPLES / "Connections.csv"), str(sample))
    assert snapshot(sample) != before
    assert run("undo", str(sample)).exit_code == 0
    assert snapshot(sample) == before


def test_a_large_export_imports_completely_and_keeps_stdout_clean(run, vault, tmp_path):
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    rows = [f"Persona{i},Apellido{i},https://www.linkedin.com/in/p{i},,,,1 Mar 2024\n"
            for i in range(600)]
    path = tmp_path / "Connections.csv"
    path.write_text("Notes:\n\n" + header + "".join(rows), encoding="utf-8")
    result = run("import", "linkedin", str(path), str(vault), "--json")
    report = json.loads(result.output)
    assert report["created"] == 600 and len(list((vault / "People").iterdir())) == 600
    assert result.stderr == ""  # no bar when stderr is not a terminal
