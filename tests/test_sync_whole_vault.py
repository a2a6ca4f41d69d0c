"""`vinculo sync` is the whole job in one pass: links (as `link --apply`), blocks and properties
(as `suggest --apply`), and the whole files plugins contribute through `plan_files` (the
dashboard and the people base) — one plan, one write path, stable on a second run."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE_VAULT, install_plugin, snapshot

from vinculo.config import load_config
from vinculo.pipeline import build_index
from vinculo.plugin_host import get_plugin_manager
from vinculo.writeback import plan_changes

COUNTER = '''
from vinculo import hookspecs
from vinculo.writeback import FileChange

CALLS = []

@hookspecs.hookimpl
def plan_files(index, config):
    CALLS.append(sorted(index.contacts))
    rel = config.get("counter.path", "vinculo/Count.md")
    after = f"{len(index.contacts)} contacts\\n".encode()
    path = index.vault / rel
    before = path.read_bytes() if path.exists() else None
    return [] if before == after else [FileChange(rel, before, after, "contact count")]
'''


@pytest.fixture
def counter(tmp_path, monkeypatch):
    """A third-party plugin, installed as pip would, that keeps one file of its own."""
    site = install_plugin(tmp_path / "site", "vinculo_counter", COUNTER)
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    yield importlib.import_module("vinculo_counter")
    sys.modules.pop("vinculo_counter", None)


def copy_of_sample(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(SAMPLE_VAULT, target)
    return target


def link_part(reason: str) -> str | None:
    """The "N link(s)" part of a write reason ("3 links, suggestions block" → "3 links")."""
    return next((p.strip() for p in reason.split(",") if re.fullmatch(r"\d+ links?", p.strip())), None)


# --- plan_files: a plugin's whole files ---------------------------------------------------------


def test_a_third_party_plugin_contributes_a_file_through_plan_files(vault, write, run, counter):
    write("People/Ana.md", "---\ntype: person\n---\n")
    result = run("sync", str(vault))
    assert result.exit_code == 0, result.output
    assert "wrote vinculo/Count.md (contact count)" in result.output
    assert (vault / "vinculo/Count.md").read_bytes() == b"1 contacts\n"
    assert counter.CALLS == [["Ana"]]  # once per pass, with the whole index

    before = snapshot(vault)
    assert "wrote 0 file(s)" in run("sync", str(vault)).output and snapshot(vault) == before

    write("People/Rodrigo.md", "---\ntype: person\n---\n")
    dry = run("sync", str(vault), "--dry-run")
    assert "+2 contacts" in dry.stdout and (vault / "vinculo/Count.md").read_bytes() == b"1 contacts\n"
    assert run("sync", str(vault)).exit_code == 0
    assert (vault / "vinculo/Count.md").read_bytes() == b"2 contacts\n"
    assert "restored vinculo/Count.md" in run("undo", str(vault)).output  # same journal
    assert (vault / "vinculo/Count.md").read_bytes() == b"1 contacts\n"

    assert "vinculo/Count.md" not in run("--block-plugin", "vinculo_counter", "sync", str(vault)).output


def test_plan_files_is_asked_only_for_a_plan_of_the_whole_vault(vault, write, counter):
    """The watcher plans partial views of the index: a file computed from one would be wrong,
    so plan_changes asks plan_files only when told the index is the whole vault."""
    write("People/Ana.md", "---\ntype: person\n---\n")
    pm = get_plugin_manager()
    config = load_config(vault)
    index = build_index(vault, config, pm, index_today())
    changes, _ = plan_changes(index, pm)
    assert counter.CALLS == [] and "vinculo/Count.md" not in {c.rel for c in changes}
    changes, _ = plan_changes(index, pm, files=True)
    assert "vinculo/Count.md" in {c.rel for c in changes}
    assert pm.hook.plan_files(index=index, config=config)  # the hook, called directly


def test_when_two_plugins_claim_a_path_the_first_asked_wins(vault, write, run, counter):
    # The counter claims the dashboard's path: the later-registered plugin is asked first.
    write("vinculo.toml", '[counter]\npath = "vinculo/Dashboard.md"\n')
    write("People/Ana.md", "---\ntype: person\n---\n")
    result = run("sync", str(vault))
    assert (vault / "vinculo/Dashboard.md").read_bytes() == b"1 contacts\n"
    assert "two plugins want to write this file" in result.output


def index_today() -> dt.date:
    return dt.date(2026, 11, 29)


# --- the sample vault: one pass does it all, and a second does nothing ----------------------------


def test_sync_writes_the_dashboard_and_base_and_twice_changes_nothing(sample, run):
    result = run("sync", str(sample))
    assert result.exit_code == 0, result.output
    first = snapshot(sample)
    dashboard = first["vinculo/Dashboard.md"].decode()
    assert "```mermaid" in dashboard and "[[People/Rodrigo Sanz|Rodrigo Sanz]]" in dashboard
    assert first["vinculo/People.base"].startswith(b"# People, as vinculo sees them.")
    again = run("sync", str(sample))
    assert "wrote 0 file(s)" in again.output
    assert snapshot(sample) == first
    # suggest --apply is the same plan: nothing left for it either.
    assert "wrote " not in run("suggest", str(sample), "--apply").output
    assert snapshot(sample) == first


def test_the_dashboard_switch_turns_off_both_files_in_sync(sample, run):
    (sample / "vinculo.toml").write_text("[dashboard]\nwrite = false\n", encoding="utf-8")
    run("sync", str(sample))
    assert not (sample / "vinculo").exists()


def test_sync_and_link_apply_write_the_same_links(tmp_path, run):
    fresh = copy_of_sample(tmp_path, "fresh")
    planned = json.loads(run("link", str(fresh), "--json").output)["changes"]
    by_link = {c["path"]: c["reason"] for c in planned}
    reasons = json.loads(run("sync", str(fresh), "--json").output)["summary"]["write"]["reasons"]
    by_sync = {rel: link_part(why) for rel, why in reasons.items() if link_part(why)}
    assert by_sync == by_link and len(by_link) > 20
    assert json.loads(run("link", str(fresh), "--json").output)["changes"] == []  # none left

    linked_first = copy_of_sample(tmp_path, "linked-first")
    assert run("link", str(linked_first), "--apply").exit_code == 0
    reasons = json.loads(run("sync", str(linked_first), "--json").output)["summary"]["write"]["reasons"]
    assert not [why for why in reasons.values() if link_part(why)]  # nothing left for sync
    assert snapshot(linked_first) == snapshot(fresh)  # the same bytes either way


def test_sync_never_links_a_contact_in_its_own_note_nor_its_frontmatter_or_block(sample, run):
    before = snapshot(sample)
    run("sync", str(sample))
    contacts = json.loads(run("contacts", str(sample), "--json").output)
    names = [c["name"] for c in contacts]
    for contact in contacts:
        rel = contact["path"]
        text = (sample / rel).read_text(encoding="utf-8")
        assert f"[[{contact['name']}" not in text and f"[[{rel[:-3]}" not in text, rel
        old, new = before[rel].decode(), text
        if old.startswith("---\n"):  # frontmatter: only vinculo_ properties were added
            old_fm = old.split("\n---", 2)[0]
            new_fm = "\n".join(x for x in new.split("\n---", 2)[0].split("\n")
                               if not x.startswith("vinculo_"))
            assert new_fm == old_fm, rel
        if "<!-- vinculo:start -->" in text:  # the block is rendered, never linked into
            block = text.split("<!-- vinculo:start -->", 1)[1].split("<!-- vinculo:end -->", 1)[0]
            assert not any(f"[[{name}" in block for name in names), rel


# --- what sync prints -----------------------------------------------------------------------------


def test_sync_prints_counts_per_kind_and_a_short_list(sample, run):
    out = run("sync", str(sample)).output
    lines = out.splitlines()
    assert lines[0].startswith("wrote 46 files: ") and "links in" in out
    assert "suggestions in 9 contact notes" in out and "dashboard, people base" in out
    assert "  wrote vinculo/Dashboard.md (dashboard)" in lines
    assert "  wrote People/Rodrigo Sanz.md (suggestions block, 2 properties)" in lines
    assert re.search(r"^  … and \d+ more \(vinculo sync -v names every file\)$", out, re.M)
    assert "warning: Notes/Charla en Valencia.md:1: invalid YAML frontmatter" in out
    assert lines[-1].startswith("45 notes, 12 contacts, 1 problem(s); wrote 46 file(s)")
    assert len(lines) <= 20


def test_sync_verbose_names_every_file(tmp_path, run):
    vault = copy_of_sample(tmp_path, "verbose")
    out = run("sync", str(vault), "-v").output
    assert len(re.findall(r"^  wrote ", out, re.M)) == 46 and "… and" not in out


def test_the_importer_examples_in_the_sample_vault_are_not_notes_and_stay_untouched(sample, run):
    imports = {rel: data for rel, data in snapshot(sample).items() if rel.startswith("Imports/")}
    assert sorted(imports) == ["Imports/Connections.csv", "Imports/WhatsApp Chat - Rodrigo Sanz.txt",
                               "Imports/calendar.ics", "Imports/contacts.vcf", "Imports/mail.mbox",
                               "Imports/messages.csv", "Imports/result.json"]
    scanned = json.loads(run("scan", str(sample), "--json").output)
    assert scanned["notes"] == 45 and not any("Imports/" in d for d in scanned["diagnostics"])
    run("sync", str(sample))
    assert {rel: data for rel, data in snapshot(sample).items() if rel.startswith("Imports/")} == imports


def test_the_contacts_table_marks_a_contact_with_nothing_due(sample, run):
    run("sync", str(sample))
    table = run("contacts", str(sample)).output
    assert re.search(r"│ Lucía Fernández[^│]*│ in_person │ 2026-11-25\s+│ 2026-11-20\s+│ —\s+│", table)


def test_docs_make_run_output_is_what_sync_and_contacts_print(sample, run, monkeypatch):
    """docs/make-run-output.txt (quoted by the README) is `make run`'s real output: the make
    lines aside, it is what `sync` then `contacts` print on a fresh copy of the sample vault."""
    saved = (Path(__file__).parent.parent / "docs/make-run-output.txt").read_text(encoding="utf-8")
    monkeypatch.delenv("COLUMNS", raising=False)  # the saved run was not on a terminal: 80
    make_lines = ("rm -rf ", "VINCULO_STATE_DIR=", "The synced copy is in ")
    expected = [line for line in saved.splitlines() if not line.startswith(make_lines)]
    printed = run("sync", str(sample)).output + run("contacts", str(sample)).output
    printed = printed.replace(str(sample), "/tmp/vinculo-sample-vault")
    assert printed.splitlines() == expected
