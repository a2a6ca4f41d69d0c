"""Note templates: Obsidian's syntax, vault overrides, installing them, safe file names."""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources

import pytest
from conftest import snapshot
from hypothesis import example, given
from hypothesis import strategies as st

from vinculo.config import load_config
from vinculo.plugin_host import get_plugin_manager
from vinculo.templates import (
    available_templates,
    moment_format,
    render,
    safe_filename,
)

NOW = dt.datetime(2026, 11, 29, 9, 5, 7)  # a Sunday
BUILTIN = ("Contact", "Meeting", "One-to-one", "People I met")


def test_render_fills_title_date_and_time_like_obsidian():
    body = "# {{title}}\n{{date}} {{time}}\n{{ DATE:dddd D MMMM YYYY }}\n{{date+1d:YYYY-MM-DD}}\n"
    out = render(body, "Ana García", NOW)
    assert out == "# Ana García\n2026-11-29 09:05\nSunday 29 November 2026\n2026-11-30\n"


def test_render_uses_the_formats_given_and_leaves_other_braces_alone():
    body = "{{date}} · {{time}} · {{tp.file.title}} · {{unknown}}"
    out = render(body, "x", NOW, date_format="DD/MM/YYYY", time_format="h:mm A")
    assert out == "29/11/2026 · 9:05 AM · {{tp.file.title}} · {{unknown}}"


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("YYYY-MM-DD", "2026-11-29"),
        ("[Week] WW, GGGG", "Week 48, 2026"),
        ("Do MMM YY", "29th Nov 26"),
        ("ddd D/M HH:mm:ss", "Sun 29/11 09:05:07"),
        ("hh a", "09 am"),
    ],
)
def test_moment_format_tokens(fmt, expected):
    assert moment_format(NOW, fmt) == expected


def test_month_offsets_clamp_to_the_last_day():
    assert render("{{date+1m:YYYY-MM-DD}}", "t", dt.datetime(2026, 1, 31)) == "2026-02-28"
    assert render("{{date-1y:YYYY-MM-DD}}", "t", dt.datetime(2028, 2, 29)) == "2027-02-28"


def test_builtin_templates_use_only_obsidian_template_syntax():
    """So the installed files also work from Obsidian's Templates core plugin."""
    folder = resources.files("vinculo.default_plugins") / "templates"
    files = sorted(p.name for p in folder.iterdir() if p.name.endswith(".md"))
    assert files == ["contact.md", "meeting.md", "one-to-one.md", "people-i-met.md"]
    allowed = re.compile(r"^\s*(title|date|time)(?:[+-]\d+[yqmwdhs])?\s*(?::.+)?$", re.I)
    for name in files:
        for variable in re.findall(r"{{(.*?)}}", (folder / name).read_text(encoding="utf-8")):
            assert allowed.match(variable), f"{name}: {{{{{variable}}}}} is not Obsidian syntax"


def test_list_shows_builtins_and_the_vaults_own(sample, run):
    result = run("templates", "list", str(sample), "--json")
    assert result.exit_code == 0, result.output
    rows = {r["name"]: r for r in json.loads(result.output)}
    assert set(BUILTIN) <= set(rows)
    assert rows["Contact"]["source"] == "templates"
    assert rows["Daily"] == {
        "name": "Daily", "source": "vault", "path": "Templates/Daily.md", "folder": None,
        "description": "",
    }
    text = run("templates", "list", str(sample)).output
    assert "People I met" in text and "vault: Templates/Daily.md" in text


def test_a_vault_file_of_the_same_name_overrides_the_builtin(sample, run):
    (sample / "Templates" / "contact.md").write_text(
        "---\ntype: person\ncity:\nsource: my own template\n---\nHola, {{title}} ({{date:D/M}})\n",
        encoding="utf-8",
    )
    rows = {r["name"]: r for r in json.loads(run("templates", "list", str(sample), "--json").output)}
    assert rows["Contact"]["source"] == "vault"
    assert rows["Contact"]["path"] == "Templates/contact.md"
    assert run("new", "contact", "Bea Ruiz", str(sample), "--city", "Cádiz").exit_code == 0
    text = (sample / "People" / "Bea Ruiz.md").read_text(encoding="utf-8")
    assert text == "---\ntype: person\ncity: Cádiz\nsource: my own template\n---\nHola, Bea Ruiz (29/11)\n"


def test_install_copies_the_templates_and_keeps_the_users(sample, run):
    daily = (sample / "Templates" / "Daily.md").read_bytes()
    before = snapshot(sample)
    dry = run("templates", "install", str(sample), "--dry-run")
    assert dry.exit_code == 0 and "+++ b/Templates/Contact.md" in dry.output
    assert snapshot(sample) == before
    result = run("templates", "install", str(sample))
    assert result.exit_code == 0, result.output
    folder = resources.files("vinculo.default_plugins") / "templates"
    for name, file in zip(BUILTIN, ("contact", "meeting", "one-to-one", "people-i-met"),
                          strict=True):
        installed = (sample / "Templates" / f"{name}.md").read_bytes()
        assert installed == (folder / f"{file}.md").read_bytes()
    assert (sample / "Templates" / "Daily.md").read_bytes() == daily
    # Installed files are the vault's own now: a second install keeps them, edits included.
    (sample / "Templates" / "Meeting.md").write_text("mine\n", encoding="utf-8")
    after = snapshot(sample)
    again = run("templates", "install", str(sample))
    assert again.exit_code == 0 and again.output.count("kept ") == 4
    assert snapshot(sample) == after
    # …and vinculo reads them, not the built-ins.
    rows = {r["name"]: r for r in json.loads(run("templates", "list", str(sample), "--json").output)}
    assert rows["Meeting"]["source"] == "vault"


def test_install_json_says_what_it_wrote_and_what_it_kept(vault, write, run):
    write("Templates/Meeting.md", "mine\n")
    dry = json.loads(run("templates", "install", str(vault), "--dry-run", "--json").output)
    assert dry["dry_run"] is True and dry["written"] == [] and dry["kept"] == ["Templates/Meeting.md"]
    assert sorted(dry["reasons"]) == sorted(f"Templates/{n}.md" for n in BUILTIN if n != "Meeting")
    done = json.loads(run("templates", "install", str(vault), "--json").output)
    assert sorted(done["written"]) == sorted(dry["reasons"]) and done["journal_id"]
    assert (vault / "Templates" / "Meeting.md").read_text(encoding="utf-8") == "mine\n"


def test_install_goes_to_the_templates_folder_obsidian_uses(vault, write, run):
    write(".obsidian/templates.json", '{"folder": "Plantillas/"}')
    assert run("templates", "install", str(vault)).exit_code == 0
    assert sorted(p.name for p in (vault / "Plantillas").iterdir()) == sorted(
        f"{n}.md" for n in BUILTIN
    )
    # The templates folder is never read as notes: no contact appears from the installed file.
    assert json.loads(run("contacts", str(vault), "--json").output) == []


def test_templates_from_the_hook_can_be_read_without_the_cli(sample):
    pm = get_plugin_manager()
    found = available_templates(sample, load_config(sample), pm)
    assert {a.template.name for a in found.values()} >= set(BUILTIN)
    assert found["contact"].template.folder == "people"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Ana García", "Ana García"),
        ("AC/DC: live #1?", "AC DC live 1"),
        ('  .hidden "quoted" [[x]] a|b ^c  ', 'hidden quoted x a b c'),
        ("Cafe\u0301 con Encar", "Café con Encar"),  # decomposed input becomes NFC
        ("con", "con (note)"),
        ("trailing dots...", "trailing dots"),
    ],
)
def test_safe_filename(title, expected):
    assert safe_filename(title) == expected


def test_safe_filename_refuses_a_title_with_nothing_left():
    with pytest.raises(ValueError, match="no usable characters"):
        safe_filename(" /:*? ")


def test_safe_filename_trims_long_titles_on_a_character_boundary():
    name = safe_filename("ñ" * 300)
    assert len(name.encode("utf-8")) <= 180 and set(name) == {"ñ"}


@given(st.text(min_size=1, max_size=400))
@example(".*.0")  # a dot left in front once the forbidden characters are gone
def test_safe_filename_never_yields_a_forbidden_name(title):
    try:
        name = safe_filename(title)
    except ValueError:
        assert not re.sub(r'[/\\:*?"<>|#^\[\]\s.\x00-\x1f\x7f]', "", title)
        return
    assert name and not name.startswith(".") and name == name.strip()
    assert not set(name) & set('/\\:*?"<>|#^[]')
    assert len(name.encode("utf-8")) <= 180
