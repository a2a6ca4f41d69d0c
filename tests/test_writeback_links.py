"""Symlinks and hard links: the documented policy (docs/writeback.md) holds on real files.

A note that is a symlink is never written through; its target, when inside the vault, is a
note of its own and is written under its own name. Nothing is written through a symlinked
folder or outside the vault. A hard-linked note is not written, so its names never diverge.
"""

from __future__ import annotations

import os

import pytest
from conftest import snapshot
from test_writeback_sync import ANA, block_plugin  # noqa: F401  (fixture)

from vinculo.writeback import FileChange, apply_changes

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")


def test_symlinked_note_is_not_written_through_but_its_target_is(vault, write, run, block_plugin):  # noqa: F811
    target = write("People/Ana.md", ANA)
    link = vault / "Ana shortcut.md"
    link.symlink_to(os.path.join("People", "Ana.md"))
    result = run("sync", str(vault))
    assert result.exit_code == 0
    assert "wrote People/Ana.md" in result.output
    assert "skipped Ana shortcut.md: is a symbolic link" in result.output
    assert link.is_symlink() and os.readlink(link) == os.path.join("People", "Ana.md")
    assert b"<!-- vinculo:start -->" in target.read_bytes()


def test_symlink_out_of_the_vault_is_neither_read_nor_written(tmp_path, vault, write, run, block_plugin):  # noqa: F811
    outside = tmp_path / "outside.md"
    outside.write_bytes(ANA.encode())
    (vault / "People").mkdir()
    (vault / "People" / "Eve.md").symlink_to(outside)
    result = run("sync", str(vault), "--json")
    assert "symlink to a file outside the vault" in result.output
    report = apply_changes(vault, [FileChange("People/Eve.md", ANA.encode(), b"pwned\n")])
    assert report.written == [] and "symbolic link" in report.skipped[0][1]
    assert outside.read_bytes() == ANA.encode()


def test_nothing_is_written_through_a_symlinked_folder(tmp_path, vault):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "note.md").write_bytes(b"mine\n")
    (vault / "Linked").symlink_to(elsewhere, target_is_directory=True)
    report = apply_changes(vault, [FileChange("Linked/note.md", b"mine\n", b"changed\n")])
    assert report.written == [] and "folder is a symbolic link" in report.skipped[0][1]
    new = apply_changes(vault, [FileChange("Linked/new.md", None, b"x\n")])
    assert new.written == [] and not (elsewhere / "new.md").exists()
    assert (elsewhere / "note.md").read_bytes() == b"mine\n"


def test_hard_linked_note_is_left_with_a_message(tmp_path, vault, write, run, block_plugin):  # noqa: F811
    note = write("People/Ana.md", ANA)
    twin = tmp_path / "backup-of-ana.md"
    os.link(note, twin)
    before = snapshot(vault)
    result = run("sync", str(vault))
    assert "skipped People/Ana.md: has 2 hard links: not written" in result.output
    assert snapshot(vault) == before and twin.read_bytes() == ANA.encode()
    assert os.stat(note).st_ino == os.stat(twin).st_ino
