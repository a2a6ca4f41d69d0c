"""`vinculo suggest` and the write-back of suggestions: blocks, memory, properties, dashboard."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest

from tests.conftest import snapshot

RODRIGO = "People/Rodrigo Sanz.md"
TASK = re.compile(r"^- \[ \] (?P<text>.+) #vinculo/(?P<kind>[\w-]+) 📅 (?P<due>\d{4}-\d{2}-\d{2})$")


def suggestions(run, vault: Path, *extra: str) -> dict[str, list[dict]]:
    result = run("suggest", str(vault), "--json", *extra)
    assert result.exit_code == 0, result.output
    out: dict[str, list[dict]] = {}
    for row in json.loads(result.output)["suggestions"]:
        out.setdefault(row["contact"], []).append(row)
    return out


def kinds(found: dict[str, list[dict]], name: str) -> list[str]:
    return sorted(row["kind"] for row in found.get(name, []))


def block(vault: Path, rel: str) -> str:
    text = (vault / rel).read_text(encoding="utf-8")
    return text.split("<!-- vinculo:start -->\n", 1)[1].split("<!-- vinculo:end -->", 1)[0]


def saved(vault: Path, rel: str, text: str, day: str = "2026-11-29") -> None:
    """Save a note as the user would, on ``day`` (its mtime dates undated ticks)."""
    path = vault / rel
    path.write_text(text, encoding="utf-8")
    stamp = dt.datetime.fromisoformat(f"{day}T12:00:00").timestamp()
    os.utime(path, (stamp, stamp))


# --- the seed's cast --------------------------------------------------------------------------


def test_the_seed_cast_gets_what_a_reader_of_the_seed_expects(sample, run):
    found = suggestions(run, sample)
    assert kinds(found, "Rodrigo Sanz") == ["call"]  # only follows online → a call
    assert kinds(found, "Miguel Ángel Navarro Ibáñez") == ["call"]  # blog and e-mail since 2019
    assert kinds(found, "Tom Whitaker") == ["meet"]  # calls, never met → in person
    assert "London" in found["Tom Whitaker"][0]["text"]
    assert kinds(found, "Ana Torres") == ["meet"]
    assert "Mexico City" in found["Ana Torres"][0]["text"]
    # Met in July and only messaged since: the messages keep the contact clock fresh, the
    # in-person clock asks to meet again.
    assert kinds(found, "Ana García") == ["meet_again"]
    assert kinds(found, "Valeria Ríos") == ["gentle"]  # three messages, no reply: room
    assert kinds(found, "Antonio Castillo") == ["reconnect"]
    assert "light online touch" in found["Antonio Castillo"][0]["text"]
    assert kinds(found, "Inês Carvalho") == ["touch"]  # ten days old: no pitch
    birthdays = [r for rows in found.values() for r in rows if r["kind"] == "birthday"]
    assert [(r["contact"], r["due"]) for r in birthdays] == [("Encarnación Moreno Gil", "2026-12-12")]
    for quiet in ("Rosa Delgado", "Lucía Fernández Ortega", "José Romero"):
        assert quiet not in found  # snoozed, or not due
    rodrigo = found["Rodrigo Sanz"][0]
    assert "never a call" in rodrigo["why"] and "[[Daily/2026-11-24|2026-11-24]]" in rodrigo["why"]
    assert rodrigo["evidence"] == "Daily/2026-11-24.md"


def test_week_lists_only_what_is_due_within_seven_days(sample, run):
    week = suggestions(run, sample, "--week")
    assert "Encarnación Moreno Gil" not in week  # birthday in 13 days
    assert all(r["due"] <= "2026-12-06" for rows in week.values() for r in rows)
    text = run("suggest", str(sample), "--week").output
    assert "Rodrigo Sanz" in text and "why:" in text


def test_apply_then_sync_writes_nothing_more_and_sync_twice_changes_nothing(sample, run):
    assert run("suggest", str(sample), "--apply").exit_code == 0
    after_apply = snapshot(sample)
    assert run("sync", str(sample)).exit_code == 0
    assert snapshot(sample) == after_apply


def test_apply_dry_run_prints_the_diff_apply_writes_and_writes_nothing(sample, run):
    before = snapshot(sample)
    shown = run("suggest", str(sample), "--apply", "--dry-run")
    assert shown.exit_code == 0
    assert snapshot(sample) == before
    assert f"+++ b/{RODRIGO}" in shown.output and "#vinculo/call" in shown.output
    data = json.loads(run("suggest", str(sample), "--apply", "--dry-run", "--json").output)
    assert data["write"]["dry_run"] is True and data["write"]["written"] == []
    assert RODRIGO in data["write"]["reasons"]
    assert snapshot(sample) == before
    assert run("suggest", str(sample), "--apply").exit_code == 0
    assert sorted(p for p in snapshot(sample) if snapshot(sample)[p] != before.get(p)) == sorted(
        data["write"]["reasons"])


def test_dry_run_without_apply_is_a_usage_error(sample, run):
    result = run("suggest", str(sample), "--dry-run")
    assert result.exit_code == 2 and "--apply" in result.output


def test_sync_twice_changes_nothing_the_second_time(sample, run):
    assert run("sync", str(sample)).exit_code == 0
    first = snapshot(sample)
    assert "#vinculo/call" in first[RODRIGO].decode()
    assert run("sync", str(sample)).exit_code == 0
    assert snapshot(sample) == first


# --- the block ---------------------------------------------------------------------------------


def test_block_holds_tasks_items_with_their_why_and_evidence_link(sample, run):
    run("sync", str(sample))
    lines = block(sample, RODRIGO).splitlines()
    task = TASK.match(lines[0])
    assert task and task["kind"] == "call" and "Rodrigo Sanz" in task["text"]
    assert lines[1].startswith("    - why: ") and "[[Daily/2026-11-24|2026-11-24]]" in lines[1]
    assert "%% vinculo: offered call %%" in lines


def test_a_ticked_suggestion_is_logged_counts_and_is_not_suggested_again(sample, run):
    run("sync", str(sample))
    text = (sample / RODRIGO).read_text(encoding="utf-8")
    saved(sample, RODRIGO, text.replace("- [ ] Propose a call", "- [x] Propose a call"))
    run("sync", str(sample))
    done = block(sample, RODRIGO)
    assert "**Done**" in done
    assert re.search(r"^- \[x\] Propose a call to Rodrigo Sanz.* #vinculo/call ✅ 2026-11-29$", done, re.M)
    assert "- [ ]" not in done
    rows = {r["name"]: r for r in json.loads(run("contacts", str(sample), "--json").output)}
    assert rows["Rodrigo Sanz"]["stage"] == "voice"  # the ticked call is a call
    assert rows["Rodrigo Sanz"]["last_contact"] == "2026-11-29"
    before = snapshot(sample)
    run("sync", str(sample))
    assert snapshot(sample) == before  # the log is stable


def test_a_tick_with_the_tasks_completion_date_keeps_that_date(sample, run):
    run("sync", str(sample))
    text = (sample / RODRIGO).read_text(encoding="utf-8")
    ticked = re.sub(r"- \[ \] (Propose a call.*📅 \S+)", r"- [x] \1 ✅ 2026-11-27", text)
    saved(sample, RODRIGO, ticked)
    run("sync", str(sample))
    assert "#vinculo/call ✅ 2026-11-27" in block(sample, RODRIGO)
    assert "call" not in kinds(suggestions(run, sample), "Rodrigo Sanz")


def without_call(text: str) -> str:
    """The note with its call suggestion (and its why) deleted, as a person would."""
    return "\n".join(line for line in text.splitlines()
                     if "#vinculo/call" not in line and "- why:" not in line) + "\n"


def test_a_deleted_suggestion_is_not_re_added_for_its_cool_down(sample, run, monkeypatch):
    run("sync", str(sample))
    saved(sample, RODRIGO, without_call((sample / RODRIGO).read_text(encoding="utf-8")))
    run("sync", str(sample))
    assert "#vinculo/call" not in block(sample, RODRIGO)
    assert "dismissed call 2026-11-29" in block(sample, RODRIGO)
    assert "Rodrigo Sanz" not in suggestions(run, sample)
    before = snapshot(sample)
    run("sync", str(sample))
    assert snapshot(sample) == before
    monkeypatch.setenv("VINCULO_TODAY", "2026-12-30")  # 30-day cool-down over
    assert kinds(suggestions(run, sample), "Rodrigo Sanz") == ["call"]


def test_cool_down_is_configuration_per_kind(sample, run, monkeypatch):
    run("sync", str(sample))
    saved(sample, RODRIGO, without_call((sample / RODRIGO).read_text(encoding="utf-8")))
    run("sync", str(sample))
    monkeypatch.setenv("VINCULO_TODAY", "2026-12-05")
    assert "Rodrigo Sanz" not in suggestions(run, sample)  # default: 30 days
    (sample / "vinculo.toml").write_text("[ladder.cooldown]\ncall = 5\n", encoding="utf-8")
    assert kinds(suggestions(run, sample), "Rodrigo Sanz") == ["call"]


def test_a_due_date_edited_in_the_note_is_kept(sample, run):
    run("sync", str(sample))
    text = (sample / RODRIGO).read_text(encoding="utf-8")
    postponed = re.sub(r"(#vinculo/call) 📅 \S+", r"\1 📅 2026-12-20", text)
    saved(sample, RODRIGO, postponed)
    run("sync", str(sample))
    assert "#vinculo/call 📅 2026-12-20" in block(sample, RODRIGO)
    assert suggestions(run, sample)["Rodrigo Sanz"][0]["due"] == "2026-12-20"


def test_a_contact_with_nothing_to_do_gets_no_block(sample, run):
    run("sync", str(sample))
    assert "vinculo:start" not in (sample / "People/Lucía Fernández Ortega.md").read_text(encoding="utf-8")


# --- properties ----------------------------------------------------------------------------


def test_properties_are_written_namespaced_and_only_when_they_change(sample, run):
    run("sync", str(sample))
    text = (sample / "People/Encarnación Moreno Gil.md").read_text(encoding="utf-8")
    assert "vinculo_last_contact: 2026-11-18\n" in text
    assert "vinculo_last_in_person: 2026-11-14\n" in text
    assert "vinculo_stage: in_person\n" in text
    assert "vinculo_last_in_person" not in (sample / RODRIGO).read_text(encoding="utf-8")


def test_property_names_are_configuration_and_writing_them_can_be_turned_off(sample, run):
    (sample / "vinculo.toml").write_text(
        '[properties.names]\nlast_contact = "last_seen"\nstage = ""\n', encoding="utf-8")
    run("sync", str(sample))
    text = (sample / RODRIGO).read_text(encoding="utf-8")
    assert "vinculo_last_seen: 2026-11-24\n" in text and "vinculo_stage" not in text
    other = sample.parent / "other"
    other.mkdir()
    (other / "People").mkdir()
    (other / "People/Ana.md").write_text("---\ntype: person\n---\n", encoding="utf-8")
    (other / "Daily").mkdir()
    (other / "Daily/2026-11-20.md").write_text("- Café con [[Ana]]\n", encoding="utf-8")
    (other / "vinculo.toml").write_text("[properties]\nwrite = false\n", encoding="utf-8")
    run("sync", str(other))
    assert "vinculo_" not in (other / "People/Ana.md").read_text(encoding="utf-8")


# --- dashboard --------------------------------------------------------------------------------


def test_apply_writes_a_dashboard_with_a_mermaid_ladder_and_a_people_base(sample, run):
    run("suggest", str(sample), "--apply")
    dashboard = (sample / "vinculo/Dashboard.md").read_text(encoding="utf-8")
    assert "```mermaid\nflowchart LR\n" in dashboard
    assert 'online["Online · 3"]' in dashboard and 'dormant["Dormant · 1"]' in dashboard
    assert "[[People/Rodrigo Sanz|Rodrigo Sanz]] — Propose a call" in dashboard
    assert "### Dormant (1)" in dashboard
    base = (sample / "vinculo/People.base").read_text(encoding="utf-8")
    assert "- vinculo_stage" in base and "'type == \"person\"'" in base


def test_the_dashboard_keeps_your_text_and_the_base_is_yours_once_created(sample, run, monkeypatch):
    run("suggest", str(sample), "--apply")
    dash = sample / "vinculo/Dashboard.md"
    dash.write_text("My notes on top.\n\n" + dash.read_text(encoding="utf-8"), encoding="utf-8")
    (sample / "vinculo/People.base").write_text("views: []\n", encoding="utf-8")
    monkeypatch.setenv("VINCULO_TODAY", "2026-11-30")
    run("suggest", str(sample), "--apply")
    text = dash.read_text(encoding="utf-8")
    assert text.startswith("My notes on top.\n") and "*Week of 2026-11-30." in text
    assert (sample / "vinculo/People.base").read_text(encoding="utf-8") == "views: []\n"


def test_dashboard_command_previews_without_writing(sample, run):
    before = snapshot(sample)
    out = run("dashboard", str(sample)).output
    assert out.startswith("*Week of 2026-11-29.") and "```mermaid" in out
    assert snapshot(sample) == before


def test_dashboard_json_holds_what_the_note_shows(sample, run):
    before = snapshot(sample)
    data = json.loads(run("dashboard", str(sample), "--json").output)
    text = run("dashboard", str(sample)).output
    assert data["path"] == "vinculo/Dashboard.md" and data["today"] == "2026-11-29"
    assert f"## This week ({len(data['week'])})" in text
    rodrigo = next(a for a in data["week"] if a["contact"] == "Rodrigo Sanz")
    assert rodrigo["kind"] == "call" and rodrigo["path"] == RODRIGO and "never a call" in rodrigo["why"]
    for stage, people in data["stages"].items():
        assert f"({len(people)})" in text.split(f"### {stage.replace('_', ' ').capitalize()}")[1][:20]
    assert [p["name"] for p in data["stages"]["dormant"]] == ["Antonio Castillo"]
    assert snapshot(sample) == before


def test_the_dashboard_can_be_turned_off(sample, run):
    run("--block-plugin", "dashboard", "suggest", str(sample), "--apply")
    assert not (sample / "vinculo").exists()
    assert "#vinculo/call" in (sample / RODRIGO).read_text(encoding="utf-8")


def test_suggest_on_a_missing_vault_is_one_clear_line(tmp_path, run):
    result = run("suggest", str(tmp_path / "nope"))
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "vault not found" in result.stderr


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_suggest_help_teaches(run, flag):
    out = run("suggest", flag).output
    assert "--apply" in out and "--week" in out and "Examples" in out
