"""``vinculo doctor`` on a large vault: grouped by category with counts, the first few of
each, ``--only`` for all of one, exit status 1 when it found problems."""

from __future__ import annotations

import importlib
import json
import sys

import pytest
from conftest import install_plugin

from vinculo.doctor import CHECKS, Check

PERSON = "---\ntype: person\n---\n"


@pytest.fixture
def messy(vault, write):
    write("People/Ana García.md", PERSON)
    write("People/Rosa Díaz.md", "---\ntype: person\naliases: [rosa]\n---\n")
    write("broken.md", "---\n[oops\n---\ntext\n")
    for i in range(30):
        write(f"Daily/2026-10-{i % 28 + 1:02d}-{i}.md", f"Lunch with [[Gone Person {i}]].\n")
    return vault


def test_problems_are_grouped_by_category_with_counts(messy, run):
    result = run("doctor", str(messy))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "notes (1): notes vinculo cannot read"
    assert lines[1].startswith("  warning: broken.md") or lines[1].startswith("  error: broken.md")
    assert "aliases (1): aliases that are common words" in lines
    at = lines.index("links (30): links to no note")
    assert len([line for line in lines[at + 1:] if "points to no note" in line]) == 10
    assert f"  … and 20 more: vinculo doctor {messy} --only links" in lines
    assert lines[-1] == "32 problem(s): notes 1, aliases 1, links 30."


def test_only_lists_every_problem_of_one_category(messy, run):
    result = run("doctor", str(messy), "--only", "links")
    assert result.exit_code == 1
    assert result.output.count("points to no note") == 30
    assert "broken.md" not in result.output and "common word" not in result.output
    data = json.loads(run("doctor", str(messy), "--only", "links", "--json").output)
    assert len(data) == 30 and {p["category"] for p in data} == {"links"}


def test_only_a_category_that_does_not_exist_is_a_usage_error(messy, run):
    result = run("doctor", str(messy), "--only", "linkz")
    assert result.exit_code == 2
    assert "'linkz' is not a category: notes, names, aliases, everyday, links" in result.stderr


def test_exit_status_zero_when_clean_or_only_remarks(vault, write, run):
    write("People/Ana García.md", PERSON)
    clean = run("doctor", str(vault))
    assert (clean.exit_code, clean.output) == (0, "No problems found.\n")
    write("People/Rosa Díaz.md", "---\ntype: person\naliases: [rosa]\n---\n")
    remark = run("doctor", str(vault))
    assert remark.exit_code == 0 and "aliases (1)" in remark.output


def test_a_new_check_slots_into_the_grouping_and_only(vault, write, run, monkeypatch):
    from vinculo.model import Diagnostic

    write("People/Ana García.md", PERSON)
    extra = Check("example", "a check a plugin author adds",
                  lambda index: [Diagnostic("People/Ana García.md", "a start marker alone")])
    monkeypatch.setattr("vinculo.doctor.CHECKS", [*CHECKS, extra])
    result = run("doctor", str(vault), "--only", "example")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "example (1): a check a plugin author adds",
        "  warning: People/Ana García.md: a start marker alone",
        "1 problem(s): example 1.",
    ]


def test_doctor_help_documents_the_exit_status(run):
    out = run("doctor", "--help").output
    assert "--only CATEGORY" in out and "1 when there are problems" in out


@pytest.fixture
def bad_phrase_plugin(tmp_path, monkeypatch):
    """A third-party vocabulary with one phrase that is no valid regular expression (a
    look-behind that is not of fixed width) next to a good one."""
    site = tmp_path / "site"
    install_plugin(site, "vinculo_rang", '''
        from vinculo import hookspecs
        from vinculo.model import Vocabulary

        @hookspecs.hookimpl
        def register_vocabulary():
            return [Vocabulary("en", {"call": ("buzzed", "(?<=a+ )rang")})]
        ''')
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    yield "vinculo_rang"
    sys.modules.pop("vinculo_rang", None)


def test_a_vocabulary_phrase_that_does_not_compile_is_named_and_skipped(
        bad_phrase_plugin, vault, write, run):
    write("People/Ana García.md", PERSON)
    write("Daily/2026-11-20.md", "- Buzzed Ana García about the keys.\n")
    synced = run("sync", str(vault))
    assert synced.exit_code == 0, synced.output
    # The good phrase still reads the note's call.
    assert "vinculo_last_contact: 2026-11-20" in (vault / "People" / "Ana García.md").read_text(encoding="utf-8")
    result = run("doctor", str(vault), "--only", "vocabulary")
    assert result.exit_code == 1
    assert ("  warning: plugin vinculo_rang: vocabulary en events.call: '(?<=a+ )rang' "
            "(look-behind requires fixed-width pattern): the phrase is skipped, it matches "
            "nothing") in result.output.splitlines()


def test_the_built_in_vocabularies_have_no_phrase_that_does_not_compile():
    """What doctor checks for a plugin's phrases, held for ours by the tests (a run does not
    check: it would cost every first run)."""
    from vinculo.history import broken_phrases, gather_vocabularies, vocabulary_key
    from vinculo.plugin_host import get_plugin_manager

    assert broken_phrases(vocabulary_key(gather_vocabularies(get_plugin_manager()))) == []
