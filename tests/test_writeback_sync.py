"""The sync command's write step and undo, end to end on real files through the real CLI."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import install_plugin, snapshot

from vinculo.writeback import FileChange, WriteReport, apply_changes, unified_diff

PLUGIN = '''
from vinculo import hookspecs

WRITES = []

@hookspecs.hookimpl
def render_block(contact, suggestions, history, config):
    return f"- [ ] call {contact.name} #vinculo/call\\n"

@hookspecs.hookimpl
def contact_properties(contact, history, config):
    return {"vinculo_stage": history.stage, "not_ours": 1}

@hookspecs.hookimpl
def after_write(vault, rel, before, after):
    WRITES.append((rel, before, after))
'''


@pytest.fixture
def block_plugin(tmp_path, monkeypatch):
    """A small third-party plugin that renders a block and one property, installed as pip
    would install it (the built-in renderers are another module's job)."""
    site = install_plugin(tmp_path / "site", "vinculo_testblock", PLUGIN)
    monkeypatch.syspath_prepend(str(site))
    # These tests watch the notes' write path; the dashboard's whole files have their own
    # tests (test_suggest.py, test_sync_whole_vault.py).
    monkeypatch.setenv("VINCULO_BLOCK_PLUGINS", "dashboard")
    importlib.invalidate_caches()
    yield importlib.import_module("vinculo_testblock")
    sys.modules.pop("vinculo_testblock", None)


ANA = "---\ntype: person\ncity: Madrid  # home\nanswer: no\n---\r\n# Ana\r\n\r\nnotas\r\n"


def test_sync_writes_block_and_property_and_a_second_run_changes_nothing(
    vault, write, run, block_plugin
):
    write("People/Ana.md", ANA)
    result = run("sync", str(vault))
    assert result.exit_code == 0, result.output
    assert "wrote People/Ana.md (suggestions block, 1 property)" in result.output
    text = (vault / "People/Ana.md").read_bytes().decode()
    assert text.startswith("---\ntype: person\ncity: Madrid  # home\nanswer: no\nvinculo_stage: radar\n---\r\n")
    assert "<!-- vinculo:start -->\r\n- [ ] call Ana #vinculo/call\r\n<!-- vinculo:end -->\r\n" in text
    assert "not_ours" not in text and "not namespaced" in result.output
    assert [w[0] for w in block_plugin.WRITES] == ["People/Ana.md"]
    assert block_plugin.WRITES[0][1] == ANA.encode()
    before = snapshot(vault)
    again = run("sync", str(vault))
    assert "wrote 0 file(s)" in again.output and snapshot(vault) == before


def test_dry_run_prints_the_exact_diff_the_real_run_writes(vault, write, run, block_plugin):
    write("People/Ana.md", ANA)
    write("People/Rodrigo.md", "---\ntype: person\n---\nsin salto final")
    original = snapshot(vault)
    dry = run("sync", str(vault), "--dry-run")
    assert dry.exit_code == 0 and snapshot(vault) == original
    assert dry.stdout.startswith("--- a/People/")
    report = json.loads(run("sync", str(vault), "--json").output)["summary"]["write"]
    assert report["diff"].encode() == dry.stdout_bytes
    changes = [
        FileChange(rel, original[rel], (vault / rel).read_bytes())
        for rel in report["written"]
    ]
    assert unified_diff(changes).encode() == dry.stdout_bytes


def test_undo_restores_bytes_and_mode_exactly(vault, write, run, block_plugin):
    path = write("People/Ana.md", ANA)
    os.chmod(path, 0o640)
    original = snapshot(vault)
    assert run("sync", str(vault)).exit_code == 0
    assert snapshot(vault) != original
    assert (path.stat().st_mode & 0o777) == 0o640  # the write kept the mode
    os.chmod(path, 0o600)  # undo puts back the mode too, not only the bytes
    undo = run("undo", str(vault))
    assert undo.exit_code == 0 and "restored People/Ana.md" in undo.output
    assert snapshot(vault) == original and (path.stat().st_mode & 0o777) == 0o640
    assert "Nothing to undo" in run("undo", str(vault)).output


def test_undo_leaves_a_file_changed_since_and_says_so(vault, write, run, block_plugin):
    path = write("People/Ana.md", ANA)
    write("People/Rodrigo.md", "---\ntype: person\n---\n")
    run("sync", str(vault))
    path.write_bytes(path.read_bytes() + b"user line\n")
    mine = path.read_bytes()
    result = run("undo", str(vault))
    assert "left People/Ana.md: changed since vinculo wrote it" in result.output
    assert "restored People/Rodrigo.md" in result.output
    assert path.read_bytes() == mine
    assert (vault / "People/Rodrigo.md").read_bytes() == b"---\ntype: person\n---\n"


def test_undo_dry_run_changes_nothing(vault, write, run, block_plugin):
    write("People/Ana.md", ANA)
    run("sync", str(vault))
    synced = snapshot(vault)
    result = run("undo", str(vault), "--dry-run")
    assert "would restore People/Ana.md" in result.output and snapshot(vault) == synced


def test_apply_changes_creates_new_files_and_refuses_to_overwrite(vault, write):
    report = apply_changes(vault, [FileChange("People/New/Eva.md", None, b"# Eva\n", "new contact")])
    assert isinstance(report, WriteReport)
    assert report.written == ["People/New/Eva.md"] and report.journal_id
    assert (vault / "People/New/Eva.md").read_bytes() == b"# Eva\n"
    again = apply_changes(vault, [FileChange("People/New/Eva.md", None, b"other\n")])
    assert again.written == [] and "already exists" in again.skipped[0][1]
    assert (vault / "People/New/Eva.md").read_bytes() == b"# Eva\n"


@pytest.mark.parametrize("rel", ["../outside.md", "/etc/passwd", "a/../../x.md", ""])
def test_paths_outside_the_vault_are_refused(vault, rel):
    report = apply_changes(vault, [FileChange(rel, None, b"x")])
    assert report.written == [] and "not a path inside the vault" in report.skipped[0][1]
    assert not (vault.parent / "outside.md").exists()


def test_nothing_is_journaled_or_written_when_bytes_are_equal(vault, write):
    write("a.md", "same")
    report = apply_changes(vault, [FileChange("a.md", b"same", b"same")])
    assert report.written == [] and report.skipped == [] and report.journal_id is None


def test_state_lives_outside_the_vault(vault, write, run, block_plugin):
    write("People/Ana.md", ANA)
    run("sync", str(vault))
    assert sorted(snapshot(vault)) == [str(Path("People/Ana.md"))]
    state = Path(os.environ["VINCULO_STATE_DIR"])
    assert list(state.rglob("originals.bin"))


def test_plugin_text_is_dedented_python():
    compile(textwrap.dedent(PLUGIN), "plugin", "exec")


BLOCK = "## vinculo{e}<!-- vinculo:start -->{e}- [ ] call Ana #vinculo/call{e}<!-- vinculo:end -->{e}"
LF, CRLF = BLOCK.format(e="\n"), BLOCK.format(e="\r\n")
ZOO = {  # note as written → the exact bytes after a sync (one property, one block)
    "crlf, bom, no final newline": (
        "\ufeff---\r\ntype: person\r\nanswer: no\r\n---\r\nbody",
        "\ufeff---\r\ntype: person\r\nanswer: no\r\nvinculo_stage: radar\r\n---\r\nbody\r\n\r\n" + CRLF,
    ),
    "mixed endings": (
        "---\ntype: person\r\nzip: 0123\n---\r\n# Ana\n\r\ntext\r\n",
        "---\ntype: person\r\nzip: 0123\nvinculo_stage: radar\n---\r\n# Ana\n\r\ntext\r\n\r\n" + CRLF,
    ),
    "comments, quoting, indentation, dates, links": (
        "---\n# who\ntype: 'person'  # yes\ntime: 10:00\nborn: 1990-01-02\n"
        "friend: [[Antonio]]\nlist:\n    - 'a'\n    - \"b\"\n---\n",
        "---\n# who\ntype: 'person'  # yes\ntime: 10:00\nborn: 1990-01-02\n"
        "friend: [[Antonio]]\nlist:\n    - 'a'\n    - \"b\"\nvinculo_stage: radar\n---\n" + LF,
    ),
    "no frontmatter": (
        "# Ana\n\nsolo cuerpo\n",
        "---\nvinculo_stage: radar\n---\n# Ana\n\nsolo cuerpo\n\n" + LF,
    ),
    "empty frontmatter": ("---\n---\nhola\n", "---\nvinculo_stage: radar\n---\nhola\n\n" + LF),
    "empty file": ("", "---\nvinculo_stage: radar\n---\n" + LF),
}


@pytest.mark.parametrize("case", ZOO)
def test_frontmatter_zoo_on_disk_changes_only_the_edited_spans(vault, write, run, block_plugin, case):
    original, expected = ZOO[case]
    path = write("People/Ana.md", original)
    assert run("sync", str(vault)).exit_code == 0
    assert path.read_bytes() == expected.encode("utf-8")
    assert run("sync", str(vault)).exit_code == 0 and path.read_bytes() == expected.encode()


@pytest.mark.skipif(not shutil.which("patch"), reason="needs the patch tool")
def test_dry_run_diff_applied_by_patch_gives_the_real_run(tmp_path, vault, write, run, block_plugin):
    """The diff is a real patch: applied to a copy, it yields exactly what sync writes."""
    write("People/Ana García.md", ANA)
    write("People/Sin salto.md", "\ufeff---\r\ntype: person\r\n---\r\nfin")
    copy = tmp_path / "copy"
    shutil.copytree(vault, copy)
    dry = run("sync", str(vault), "--dry-run")
    (tmp_path / "sync.diff").write_bytes(dry.stdout_bytes)
    assert run("sync", str(vault)).exit_code == 0
    subprocess.run(
        ["patch", "-p1", "-s", "--binary", "-i", str(tmp_path / "sync.diff")], cwd=copy, check=True
    )
    assert snapshot(copy) == snapshot(vault)


def test_undo_removes_a_file_vinculo_created_and_steps_back_batch_by_batch(vault, write, run):
    write("a.md", "one\n")
    apply_changes(vault, [FileChange("a.md", b"one\n", b"two\n")])
    apply_changes(vault, [FileChange("a.md", b"two\n", b"three\n"), FileChange("new.md", None, b"n\n")])
    assert "deleted new.md" in run("undo", str(vault)).output
    assert not (vault / "new.md").exists() and (vault / "a.md").read_bytes() == b"two\n"
    assert json.loads(run("undo", str(vault), "--json").output)["restored"] == ["a.md"]
    assert (vault / "a.md").read_bytes() == b"one\n"
    assert "Nothing to undo" in run("undo", str(vault)).output


def test_sync_json_reports_the_write(vault, write, run, block_plugin):
    write("People/Ana.md", ANA)
    write("People/Broken.md", "---\ntype: person\n---\n<!-- vinculo:start -->\n")
    data = json.loads(run("sync", str(vault), "--json").output)["summary"]["write"]
    assert data["written"] == ["People/Ana.md"] and data["journal_id"]
    assert data["dry_run"] is False and data["diff"].startswith("--- a/People/Ana.md")
    assert any("People/Broken.md" in d and "no end marker" in d for d in data["diagnostics"])


def test_undo_refuses_a_damaged_journal_copy_and_leaves_the_file(vault, write, run):
    write("a.md", "one\n")
    report = apply_changes(vault, [FileChange("a.md", b"one\n", b"two\n")])
    pack = next(Path(os.environ["VINCULO_STATE_DIR"]).rglob("originals.bin"))
    assert report.journal_id in str(pack)
    pack.write_bytes(b"ONE\n")
    result = run("undo", str(vault))
    assert "left a.md: the journal copy of a.md is damaged" in result.output
    assert (vault / "a.md").read_bytes() == b"two\n"


def test_properties_can_be_turned_off_and_dry_run_calls_no_write_hook(vault, write, run, block_plugin):
    write("People/Ana.md", ANA)
    write("vinculo.toml", "[properties]\nwrite = false\n")
    assert run("sync", str(vault), "--dry-run").exit_code == 0
    assert block_plugin.WRITES == []
    result = run("sync", str(vault))
    assert "wrote People/Ana.md (suggestions block)" in result.output
    text = (vault / "People/Ana.md").read_text(encoding="utf-8")
    assert "vinculo_stage" not in text and "- [ ] call Ana" in text
    assert [w[0] for w in block_plugin.WRITES] == ["People/Ana.md"]
