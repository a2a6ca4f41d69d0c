"""Palette commands through ``vinculo commands`` and ``vinculo run``, on copies of the sample
vault: each built-in command's effect on the files, its errors, and ``--dry-run``."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time

import pytest
import yaml
from conftest import snapshot

from vinculo.config import Config
from vinculo.contacts import build_contacts
from vinculo.model import CommandContext
from vinculo.name_lookup import AmbiguousName, NameNotFound, resolve_contact
from vinculo.obsidian import open_url
from vinculo.palette import CommandError, palette_commands, prepare_params
from vinculo.palette.daily import append_under_heading, daily_rel
from vinculo.palette.registry import parse_day
from vinculo.plugin_host import get_plugin_manager

BUILTIN_IDS = {"log-interaction", "who-to-see", "link-mentions", "new-contact", "new-meeting",
               "snooze", "open-dashboard"}
TODAY = dt.date(2026, 11, 29)


def test_commands_lists_builtins_with_their_parameters(run):
    result = run("commands", "--json")
    assert result.exit_code == 0
    rows = {r["id"]: r for r in json.loads(result.output)}
    assert set(rows) >= BUILTIN_IDS
    log = rows["log-interaction"]
    assert log["plugin"] == "palette_commands"
    assert [p["name"] for p in log["params"]] == ["person", "channel", "date", "what"]
    assert log["params"][1]["choices"] == ["social", "message", "call", "in_person"]
    text = run("commands").output
    assert "snooze" in text and "Snooze a contact" in text and "person=…" in text


def test_blocking_the_builtin_commands_removes_them(run):
    rows = json.loads(run("--block-plugin", "palette_commands", "commands", "--json").output)
    assert not BUILTIN_IDS & {r["id"] for r in rows}


# --- log an interaction ---------------------------------------------------------------------


def test_log_creates_todays_daily_note_from_the_daily_template(sample, run):
    result = run("run", "log-interaction", str(sample), "-p", "person=rodri", "-p", "channel=call",
                 "-p", "what=about the workshop")
    assert result.exit_code == 0, result.stderr
    daily = sample / "Daily" / "2026-11-29.md"
    text = daily.read_text(encoding="utf-8")
    template = (sample / "Templates" / "Daily.md").read_text(encoding="utf-8")
    assert text.startswith(template.rstrip("\n"))  # made the way Obsidian makes daily notes
    assert text.endswith("\n## People I met\n- Called [[Rodrigo Sanz]]: about the workshop\n")
    assert "obsidian://open?vault=sample&file=Daily%2F2026-11-29" in result.output


def test_log_appends_under_the_section_of_an_existing_note_and_keeps_crlf(sample, run):
    day = sample / "Daily" / "2026-09-12.md"
    original = day.read_bytes()
    assert b"\r\n" in original
    result = run("run", "log-interaction", str(sample), "-p", "person=Rosa", "-p",
                 "channel=in_person", "-p", "date=2026-09-12")
    assert result.exit_code == 0, result.stderr
    after = day.read_bytes()
    assert after.startswith(original)  # nothing before changes
    added = after[len(original):]
    assert added.endswith(b"## People I met\r\n- Met [[Rosa Delgado]] in person\r\n")
    assert b"\n" not in added.replace(b"\r\n", b"")
    run("run", "log-interaction", str(sample), "-p", "person=Rosa", "-p", "channel=message",
        "-p", "date=2026-09-12")
    assert day.read_bytes().endswith(
        b"- Met [[Rosa Delgado]] in person\r\n- Messaged [[Rosa Delgado]]\r\n"
    )


def test_log_follows_the_vaults_daily_folder_and_format(vault, write, run):
    write(".obsidian/daily-notes.json", '{"folder": "Journal/", "format": "YYYY/MM/DD dddd"}')
    write("People/Ana García.md", "---\ntype: person\n---\n")
    write("vinculo.toml", '[palette]\nlanguage = "es"\n')
    result = run("run", "log-interaction", str(vault), "-p", "person=ana", "-p", "channel=call",
                 "-p", "date=yesterday")
    assert result.exit_code == 0, result.stderr
    note = vault / "Journal" / "2026" / "11" / "28 Saturday.md"
    assert note.read_text(encoding="utf-8") == "## People I met\n- Llamé a [[Ana García]]\n"


def test_a_logged_interaction_counts_in_the_history(sample, run):
    run("run", "log-interaction", str(sample), "-p", "person=Inês", "-p", "channel=call")
    rows = {r["name"]: r for r in json.loads(run("contacts", str(sample), "--json").output)}
    assert rows["Inês Carvalho"]["last_contact"] == "2026-11-29"
    assert rows["Inês Carvalho"]["counts"]["call"] == 1


def test_log_refuses_bad_input_in_one_line(sample, run):
    before = snapshot(sample)
    cases = [
        (["-p", "person=ana", "-p", "channel=call"], "could be Ana García, Ana Torres"),
        (["-p", "person=rodrigo", "-p", "channel=pigeon"], "channel must be one of"),
        (["-p", "person=rodrigo", "-p", "channel=call", "-p", "date=2027-01-01"],
         "has not happened yet"),
        (["-p", "person=rodrigo", "-p", "channel=call", "-p", "date=someday"], "not a date"),
        (["-p", "person=rodrigo"], "log-interaction needs channel"),
        (["-p", "person=rodrigo", "-p", "channel=call", "-p", "mood=good"],
         "has no parameter 'mood'"),
        (["-p", "oops"], "is not NAME=VALUE"),
    ]
    for args, message in cases:
        result = run("run", "log-interaction", str(sample), *args)
        assert result.exit_code in (1, 2), args
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert run("run", "no-such", str(sample)).exit_code == 1
    assert snapshot(sample) == before


def test_log_dry_run_prints_the_diff_and_writes_nothing(sample, run):
    before = snapshot(sample)
    result = run("run", "log-interaction", str(sample), "--dry-run", "-p", "person=Tom",
                 "-p", "channel=social", "-p", "date=2026-11-28")
    assert result.exit_code == 0
    assert "+- Commented on a post by [[Tom Whitaker]]" in result.output
    assert "dry run: nothing written" in result.output
    assert snapshot(sample) == before


# --- snooze, link mentions, new contact, who to see, dashboard ----------------------------


def test_snooze_sets_snooze_until_and_nothing_else(sample, run):
    path = sample / "People" / "Rodrigo Sanz.md"
    original = path.read_text(encoding="utf-8")
    result = run("run", "snooze", str(sample), "-p", "person=rodrigo", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.output)
    assert data["params"] == {"person": "Rodrigo Sanz", "until": "2026-12-29"}
    after = path.read_text(encoding="utf-8")
    assert yaml.safe_load(after.split("---\n")[1])["snooze_until"] == dt.date(2026, 12, 29)
    removed = [line for line in original.splitlines() if line not in after.splitlines()]
    added = [line for line in after.splitlines() if line not in original.splitlines()]
    assert removed == [] and added == ["snooze_until: 2026-12-29"]
    # Same again: nothing to write.
    again = run("run", "snooze", str(sample), "-p", "person=Rodrigo Sanz", "-p", "until=2026-12-29")
    assert "already snoozed" in again.output
    past = run("run", "snooze", str(sample), "-p", "person=rodrigo", "-p", "until=2026-01-01")
    assert past.exit_code == 1 and "after today" in past.stderr


def test_link_mentions_in_the_note_obsidian_passes(sample, run):
    rel = "Daily/2026-11-28.md"
    before = (sample / rel).read_bytes()
    dry = run("run", "link-mentions", str(sample), "--note", rel, "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert "[[Encarnación Moreno Gil|Encar]]" in dry.output
    assert (sample / rel).read_bytes() == before
    absolute = str(sample / rel)  # Shell commands can pass {{file_path:absolute}} too
    result = run("run", "link-mentions", str(sample), "--note", absolute)
    assert result.exit_code == 0 and "Linked" in result.output
    text = (sample / rel).read_text(encoding="utf-8")
    assert "quedar con [[Encarnación Moreno Gil|Encar]] cuando venga" in text
    again = run("run", "link-mentions", str(sample), "--note", rel)
    assert "Nothing to link" in again.output


def test_link_mentions_needs_a_note_of_the_vault(sample, run, tmp_path):
    outside = tmp_path / "elsewhere.md"
    outside.write_text("Rodrigo", encoding="utf-8")
    result = run("run", "link-mentions", str(sample), "--note", str(outside))
    assert result.exit_code == 1 and "not a note of this vault" in result.stderr
    missing = run("run", "link-mentions", str(sample))
    assert missing.exit_code == 1 and "needs note" in missing.stderr


def test_new_contact_command(sample, run):
    result = run("run", "new-contact", str(sample), "-p", "name=Ana Garzia", "-p", "city=Madrid")
    assert result.exit_code == 0
    assert "warning: did you mean Ana García?" in result.output
    assert (sample / "People" / "Ana Garzia.md").exists()
    same = run("run", "new-contact", str(sample), "-p", "name=Ana Garcia")
    assert same.exit_code == 1
    assert same.stderr == (
        "vinculo: 'Ana Garcia' differs from People/Ana García.md only by case or accents: not "
        f"created; to create it anyway: vinculo new contact 'Ana Garcia' {sample} --force\n")
    assert not (sample / "People" / "Ana Garcia.md").exists()


def test_new_meeting_command(sample, run):
    result = run("run", "new-meeting", str(sample), "-p", "title=Sync", "-p", "with=lucia, pepe")
    assert result.exit_code == 0, result.stderr
    text = (sample / "Meetings" / "2026-11-29 Sync.md").read_text(encoding="utf-8")
    assert "- [[Lucía Fernández Ortega]]\n- [[José Romero]]\n" in text


def test_who_to_see_lists_what_is_due_with_links(sample, run):
    result = run("run", "who-to-see", str(sample), "-p", "days=1")
    assert result.exit_code == 0, result.stderr
    lines = result.output.splitlines()
    assert lines[0] == "Due by 2026-11-30:"
    assert any("obsidian://open?vault=sample&file=People%2F" in line for line in lines)
    dues = [line.split()[1] for line in lines if line.startswith("- ")]
    assert dues == sorted(dues) and all(d <= "2026-11-30" for d in dues)


def test_open_dashboard_prints_its_obsidian_url(sample, run):
    result = run("run", "open-dashboard", str(sample))
    assert result.exit_code == 0
    assert "obsidian://open?vault=sample&file=vinculo%2FDashboard" in result.output


# --- the pieces ---------------------------------------------------------------------------


def test_open_url_encodes_like_obsidian(tmp_path):
    vault = tmp_path / "Mi bóveda"
    assert open_url(vault, "People/Ana García & co.md") == (
        "obsidian://open?vault=Mi%20b%C3%B3veda&file=People%2FAna%20Garc%C3%ADa%20%26%20co"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [("today", "2026-11-29"), ("ayer", "2026-11-28"), ("+2w", "2026-12-13"),
     ("30d", "2026-12-29"), ("+3m", "2027-02-28"), ("-1y", "2025-11-29"),
     (" 2026-12-01 ", "2026-12-01")],
)
def test_parse_day(text, expected):
    base = dt.date(2026, 11, 30) if text == "+3m" else TODAY
    assert parse_day(text, base).isoformat() == expected


def _contacts(sample):
    from vinculo.config import load_config
    from vinculo.vault import scan_vault

    config = load_config(sample)
    return build_contacts(scan_vault(sample, config).notes, get_plugin_manager(), config)


def test_resolve_contact_by_name_alias_word_and_typo(sample):
    people = _contacts(sample)
    assert resolve_contact("ana garcia", people) == "Ana García"
    assert resolve_contact("Pepe", people) == "José Romero"  # alias
    assert resolve_contact("rodrigo", people) == "Rodrigo Sanz"  # one word of the name
    assert resolve_contact("Encarnacion Morneo Gil", people) == "Encarnación Moreno Gil"  # typo
    with pytest.raises(AmbiguousName) as ambiguous:
        resolve_contact("ANA", people)
    assert ambiguous.value.candidates == ("Ana García", "Ana Torres")
    with pytest.raises(NameNotFound):
        resolve_contact("Zacarías Pons", people)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "## People I met\n- x\n"),
        ("# Day", "# Day\n\n## People I met\n- x\n"),
        ("## People I met\n- a\n\n## Later\n", "## People I met\n- a\n- x\n\n## Later\n"),
        ("## People I met\n- \n", "## People I met\n- x\n"),
        ("```\n## People I met\n```\n", "```\n## People I met\n```\n\n## People I met\n- x\n"),
        ("## people i met · Monday\n### Sub\n- a\n## Next", "## people i met · Monday\n### Sub\n- a\n- x\n## Next"),
    ],
)
def test_append_under_heading(text, expected):
    assert append_under_heading(text, "## People I met", "- x") == expected


def test_daily_rel_without_folder(vault):
    assert daily_rel(Config(vault=vault), TODAY) == "2026-11-29.md"


def test_prepare_params_fills_the_note_and_defaults(sample):
    pm = get_plugin_manager()
    from vinculo.config import load_config

    ctx = CommandContext(sample, load_config(sample), pm, TODAY, note="Daily/2026-11-28.md")
    found = palette_commands(pm)
    assert prepare_params(found["link-mentions"].command, {}, ctx) == {"note": "Daily/2026-11-28.md"}
    snooze = prepare_params(found["snooze"].command, {"person": "encar"}, ctx)
    assert snooze == {"person": "Encarnación Moreno Gil", "until": "2026-12-29"}
    with pytest.raises(CommandError, match="no contact matches 'Xavi'"):
        prepare_params(found["snooze"].command, {"person": "Xavi"}, ctx)
    with pytest.raises(CommandError, match="not found"):
        prepare_params(found["link-mentions"].command, {"note": "Nope.md"}, ctx)


def test_the_palette_without_a_terminal_says_what_to_use_instead(sample, run):
    result = run("palette", str(sample))
    assert result.exit_code == 1
    assert result.stderr == ("vinculo: the palette needs a terminal; from scripts use: vinculo run "
                             "ID VAULT (list them with: vinculo commands)\n")


def test_a_refused_write_is_one_line_not_a_traceback(sample, run, tmp_path):
    """Another process is writing to the vault: the command says so, and changes nothing."""
    ready = tmp_path / "locked"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import pathlib, sys, time\n"
         "from vinculo.writeback import vault_lock\n"
         "with vault_lock(pathlib.Path(sys.argv[1]).resolve()):\n"
         "    pathlib.Path(sys.argv[2]).touch()\n"
         "    time.sleep(120)\n",
         str(sample), str(ready)],
    )
    try:
        while not ready.exists():
            assert holder.poll() is None, "the lock holder died"
            time.sleep(0.02)
        before = snapshot(sample)
        result = run("run", "snooze", str(sample), "-p", "person=rodrigo")
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 1, result.output
    waited, refused = result.stderr.splitlines()  # it waited (bounded), then one line
    assert waited.startswith("vinculo: waiting for another vinculo process")
    assert refused.startswith("vinculo: another vinculo process") and "nothing written" in refused
    assert snapshot(sample) == before


def test_who_to_see_days_must_be_a_number(sample, run):
    result = run("run", "who-to-see", str(sample), "-p", "days=soon")
    assert result.exit_code == 1 and "days must be a whole number" in result.stderr


def test_log_fills_the_people_i_met_section_inserted_from_the_template(sample, run):
    """Insert the "People I met" template into today's note (as Obsidian would), then log:
    the line lands in that section, in place of its empty item."""
    from vinculo.templates import render

    installed = run("templates", "install", str(sample))
    assert installed.exit_code == 0
    section = (sample / "Templates" / "People I met.md").read_text(encoding="utf-8")
    daily = sample / "Daily" / "2026-11-29.md"
    daily.write_text("# Domingo\n\n" + render(section, "2026-11-29", dt.datetime(2026, 11, 29))
                     + "\n## Tareas\n- [ ] algo\n", encoding="utf-8")
    result = run("run", "log-interaction", str(sample), "-p", "person=Lucía", "-p",
                 "channel=in_person", "-p", "what=café en Lavapiés")
    assert result.exit_code == 0, result.stderr
    lines = daily.read_text(encoding="utf-8").splitlines()
    start = lines.index("## People I met")
    assert lines[start + 2] == "- Met [[Lucía Fernández Ortega]] in person: café en Lavapiés"
    assert lines[start + 1].startswith("%%") and "- " not in lines  # the empty item is filled
    assert lines[-2:] == ["## Tareas", "- [ ] algo"]
