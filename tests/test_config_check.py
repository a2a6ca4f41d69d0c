"""vinculo.toml is checked: a misspelt section or key is a warning with "did you mean", a
value of the wrong kind or out of range stops the run with one line naming key and line, and
plugins declare their own sections (``register_settings``)."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest
from conftest import install_plugin, snapshot

from vinculo.plugin_host import get_plugin_manager

ANA = "---\ntype: person\n---\nAna García.\n"


@pytest.fixture
def people(vault, write):
    """Ana in People/, and a daily note that names her (a sync links it)."""
    write("People/Ana García.md", ANA)
    write("Daily/2026-11-20.md", "Café con Ana García.\n")
    return vault


def test_a_misspelt_section_warns_with_did_you_mean_and_its_line(people, write, run):
    write("vinculo.toml", '# my settings\n[folder]\npeople = "Gente"\n')
    result = run("sync", str(people))
    assert result.exit_code == 0, result.output
    assert ("warning: vinculo.toml: line 2: unknown section [folder] (did you mean [folders]?)"
            in result.stderr)
    listed = json.loads(run("config", "check", str(people), "--json").output)
    assert listed["errors"] == 0 and [p["section"] for p in listed["problems"]] == ["folder"]


def test_a_word_where_true_or_false_goes_stops_before_anything_is_written(people, write, run):
    write("vinculo.toml", '[folders]\npeople = "People"\n\n[dashboard]\nwrite = "no"\n')
    before = snapshot(people)
    result = run("sync", str(people))
    assert result.exit_code == 1
    assert result.stderr == ('vinculo: vinculo.toml: line 5: [dashboard] write must be true or '
                             'false (got "no")\n')
    assert snapshot(people) == before  # no link, no block, no dashboard
    assert run("config", "check", str(people)).exit_code == 1


def test_a_negative_daily_budget_is_an_error_naming_the_key(people, write, run):
    write("vinculo.toml", "[ladder]\nhome_city = \"Madrid\"\ndaily_budget = -1\n")
    result = run("suggest", str(people))
    assert result.exit_code == 1
    assert "line 3: [ladder] daily_budget must be a whole number >= 1 (got -1)" in result.stderr


def test_an_unknown_key_in_a_known_section_warns(people, write, run):
    write("vinculo.toml", "[ladder]\ndormat_days = 200\n")
    result = run("config", "check", str(people))
    assert result.exit_code == 0
    assert ("warning: vinculo.toml: line 2: unknown key dormat_days in [ladder] "
            "(did you mean dormant_days?)") in result.output
    # doctor lists it in its own category (and does not print it twice).
    doctor = run("doctor", str(people))
    assert "config (1): vinculo.toml settings nobody reads" in doctor.stdout
    assert "vinculo.toml:2: unknown key dormat_days" in doctor.stdout and not doctor.stderr


def test_a_clean_file_and_the_sample_vault_have_no_problems(sample, run):
    result = run("config", "check", str(sample))
    assert result.exit_code == 0 and result.output == "vinculo.toml: no problems\n"


@pytest.fixture
def greeter(tmp_path, monkeypatch):
    """A third-party plugin with a section of its own and a key added to [ladder]."""
    site = tmp_path / "site"
    install_plugin(site, "vinculo_greeter", '''
        from vinculo import hookspecs
        from vinculo.config_schema import Section, Setting

        @hookspecs.hookimpl
        def register_settings():
            return [
                Section("greeter", (Setting("greeting", "text", "hola"),
                                    Setting("times", "int", 1, minimum=1, maximum=3))),
                Section("ladder", (Setting("greet_after_days", "days", 10),)),
            ]
        ''')
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    yield "vinculo_greeter"
    sys.modules.pop("vinculo_greeter", None)


def test_a_plugin_declares_its_own_section(greeter, people, write, run):
    write("vinculo.toml", '[greeter]\ngreeting = "hi"\ntimes = 2\n\n'
                          "[ladder]\ngreet_after_days = \"2w\"\n")
    result = run("config", "check", str(people), "--json")
    assert json.loads(result.output)["problems"] == []
    write("vinculo.toml", "[greeter]\ntimes = 9\n")
    problems = json.loads(run("config", "check", str(people), "--json").output)["problems"]
    assert [(p["level"], p["line"], p["key"]) for p in problems] == [("error", 2, "times")]
    assert "must be a whole number from 1 to 3" in problems[0]["message"]
    # Blocked, its section is nobody's: a warning, not an error.
    blocked = run("--block-plugin", greeter, "config", "check", str(people))
    assert blocked.exit_code == 0 and "unknown section [greeter]" in blocked.output


def test_register_settings_contributions_reach_the_check(greeter):
    pm = get_plugin_manager()
    names = {s.name for sections in pm.hook.register_settings() for s in sections}
    assert {"ladder", "digest", "calendar", "watch", "dashboard", "greeter"} <= names


def test_the_ladder_settings_are_read_once_per_configuration(people, write):
    from vinculo.config import load_config
    from vinculo.ladder_settings import ladder_settings

    write("vinculo.toml", '[ladder]\nlookahead_days = "2w"\n\n[ladder.tiers]\nfriends = 45\n')
    config = load_config(people)
    settings = ladder_settings(config)
    assert settings is ladder_settings(config)
    assert settings.lookahead_days == 14 and settings.dormant_days == 365
    assert settings.tiers["friends"] == 45 and settings.tiers["inner"] == 14


def test_lines_are_found_for_tables_dotted_keys_and_after_multiline_strings():
    from vinculo.config_schema import key_lines

    text = ('top = 1\n[ladder]\nhome_city = "Madrid"  # mine\nnote = """\n[fake]\nx = 1\n"""\n'
            'tiers.inner = 10\n\n[importers.linkedin-messages]\ntimezone = "UTC"\n')
    lines = key_lines(text)
    assert lines[("ladder",)] == 2 and lines[("ladder", "home_city")] == 3
    assert ("fake",) not in lines and lines[("ladder", "tiers", "inner")] == 8
    assert lines[("importers", "linkedin-messages", "timezone")] == 11


def test_every_key_listed_is_a_valid_file_and_the_docs_show_it(monkeypatch, vault, write, run):
    """``config keys`` is a vinculo.toml of the defaults: it passes its own check, and
    docs/configuration.md shows it as it is (regenerate: vinculo config keys)."""
    monkeypatch.setenv("VINCULO_NO_ENTRY_POINTS", "1")
    listed = run("config", "keys").output
    write("vinculo.toml", listed)
    assert run("config", "check", str(vault)).output == "vinculo.toml: no problems\n"
    doc = (Path(__file__).parent.parent / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert doc.split("```toml\n")[-1].split("```")[0] == listed


def test_the_watcher_refuses_a_wrong_setting_until_it_is_fixed(people, write):
    """An edit of vinculo.toml while watching: a wrong value fails the pass (logged, nothing
    written); a misspelt key is logged as a warning."""
    import time

    from vinculo.watch import Watcher

    logs: list[tuple[str, str]] = []
    watcher = Watcher(people, quiet=0.2, rescan_every=0,
                      log=lambda action, message="", **_: logs.append((action, message)))
    watcher.start()
    try:
        assert watcher.results.get(timeout=60).kind == "initial"
        write("vinculo.toml", "[ladder]\ndaily_budget = -1\n")
        failed = watcher.results.get(timeout=60)
        while failed.kind != "reload":
            failed = watcher.results.get(timeout=60)
        assert "line 2: [ladder] daily_budget" in (failed.error or "")
        note = write("Daily/2026-11-25.md", "Llamé a Ana García.\n")
        time.sleep(1.5)
        assert note.read_text(encoding="utf-8") == "Llamé a Ana García.\n"  # not linked
        write("vinculo.toml", "[ladder]\ndaily_budgte = 3\n")
        deadline = time.monotonic() + 60
        while "[[Ana García]]" not in note.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline, logs[-10:]
            time.sleep(0.05)
        assert any(a == "config" and "did you mean daily_budget?" in m for a, m in logs)
    finally:
        watcher.stop()


def test_importer_and_me_settings_are_declared_so_a_typo_warns(people, write, run):
    """``[importers.NAME]`` and ``[me]`` are checked like every other section: a misspelt
    importer or key warns with "did you mean", a value of the wrong kind is an error."""
    write("vinculo.toml", '[me]\nnames = ["Marta Ruiz"]\nemail = "marta@example.com"\n\n'
                          '[importers.calendar]\npast_day = 30\n\n'
                          '[importers.calender]\ntimezone = "Europe/Madrid"\n\n'
                          '[importers.whatsapp]\ndate_order = "mdy"\n')
    listed = json.loads(run("config", "check", str(people), "--json").output)
    messages = [(p["level"], p["line"], p["message"]) for p in listed["problems"]]
    assert messages == [
        ("warning", 3, "unknown key email in [me] (did you mean emails?): ignored"),
        ("warning", 6, "unknown key past_day in [importers.calendar] (did you mean past_days?): "
                       "ignored"),
        ("warning", 8, "unknown key calender in [importers] (did you mean calendar?): ignored"),
    ]
    write("vinculo.toml", '[me]\nemails = 3\n\n[importers.calendar]\nmax_attendees = "many"\n')
    listed = json.loads(run("config", "check", str(people), "--json").output)
    assert [(p["level"], p["key"]) for p in listed["problems"]] == [
        ("error", "emails"), ("error", "max_attendees")]
    result = run("import", "calendar", str(people / "Daily/2026-11-20.md"), str(people))
    assert result.exit_code == 1
    assert result.stderr.startswith("vinculo: vinculo.toml: line 2: [me] emails must be ")


def test_the_file_is_checked_once_so_the_first_error_is_the_first_in_the_file(people, write,
                                                                             run):
    """The core's sections and the plugins' are one check: a command names the first error
    of the file (as ``config check`` lists them) and counts the rest, whoever declares them."""
    write("vinculo.toml", '[ladder]\ndaily_budget = -1\n\n[ignore]\nmax_note_bytes = "big"\n')
    result = run("sync", str(people))
    assert result.exit_code == 1
    assert result.stderr == ("vinculo: vinculo.toml: line 2: [ladder] daily_budget must be a "
                             "whole number >= 1 (got -1) (and 1 more: vinculo config check)\n")
    listed = json.loads(run("config", "check", str(people), "--json").output)
    assert [p["line"] for p in listed["problems"]] == [2, 5]
