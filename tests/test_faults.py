"""Fault and bad-input suite: on real files, the user's bytes always survive.

Bad notes are left byte-identical with a diagnostic, inside a memory cap and a timeout (the
limits of a subprocess, not timings asserted); races, read-only notes, unwritable folders, a
full disk and hard kills leave every note exactly its old or its new bytes.
"""

from __future__ import annotations

import importlib
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import install_plugin, snapshot
from test_writeback_sync import ANA, PLUGIN, block_plugin  # noqa: F401  (fixture)

from vinculo.hookspecs import hookimpl
from vinculo.writeback import FileChange, apply_changes, undo_last
from vinculo.writeback.apply.atomic import TEMP_SUFFIX

MEMORY_CAP = 768 * 2**20


def temps(root: Path) -> list[Path]:
    return [p for p in root.rglob(f"*{TEMP_SUFFIX}")]


def install_site(tmp_path: Path) -> Path:
    """The test renderer plugin, importable by a child process through PYTHONPATH."""
    site = tmp_path / "site"
    if not site.exists():
        install_plugin(site, "vinculo_testblock", PLUGIN)
    return site


def child_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(install_site(tmp_path)), *sys.path])
    return env


def capped(*limits: tuple[int, int]):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        for kind, value in limits:
            resource.setrlimit(kind, (value, value))
    return apply


def run_cli(tmp_path: Path, *args: str, limits=(), timeout: float = 120) -> subprocess.CompletedProcess:
    """The real ``vinculo`` in a child process, under resource limits."""
    return subprocess.run(
        [sys.executable, "-m", "vinculo", *args], capture_output=True, text=True,
        env=child_env(tmp_path), preexec_fn=capped(*limits), timeout=timeout,
    )


def alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


BAD_NOTES: dict[str, bytes] = {
    "People/Invalid.md": b"---\ntype: person\nbad: [unclosed\n---\nVi a Ana.\n",
    "People/Duplicate.md": b"---\ntype: person\ntype: person\n---\nVi a Ana.\n",
    "People/Bomb.md": ("---\ntype: person\n" + alias_bomb() + "---\nVi a Ana.\n").encode(),
    "People/Deep.md": ("---\ntype: person\nx: " + "[" * 5000 + "]" * 5000 + "\n---\nVi a Ana.\n").encode(),
    "People/Nested.md": ("---\ntype: person\n" + "".join(f"{' ' * i}k{i}:\n" for i in range(3000)) + "---\n").encode(),
    "People/Huge.md": ("---\ntype: person\n" + "filler: " + "x" * 10_000_000 + "\n---\nVi a Ana.\n").encode(),
    "People/Latin1.md": "---\ntype: person\n---\nVi a Ana en Cádiz.\n".encode("latin-1"),
    "People/Utf16.md": "---\ntype: person\n---\nVi a Ana.\n".encode("utf-16"),
    "People/Binary.md": bytes(range(256)) * 64,
    "Daily/Bad link.md": b"Vi a Ana.\n\xc3\x28 broken UTF-8\n",
    "People/Fence.md": b"---\ntype: person\n---\n```\n<!-- vinculo:start -->\n```\nVi a Ana.\n",
    "People/Merged.md": (
        b"---\ntype: person\n---\n<!-- vinculo:start -->\na\n<!-- vinculo:end -->\n"
        b"<!-- vinculo:start -->\nb\n<!-- vinculo:end -->\n"
    ),
    "People/Open.md": b"---\ntype: person\n---\n<!-- vinculo:start -->\nVi a Ana.\n",
}


def test_bad_notes_are_left_untouched_with_a_diagnostic_within_bounds(tmp_path, vault, write):
    write("People/Ana.md", ANA)
    for rel, data in BAD_NOTES.items():
        write(rel, data)
    write("vinculo.toml", "[ignore]\nmax_note_bytes = 50_000_000\n")
    before = snapshot(vault)
    result = run_cli(
        tmp_path, "sync", str(vault), "--json", limits=[(resource.RLIMIT_AS, MEMORY_CAP)]
    )
    assert result.returncode == 0, result.stderr
    after = snapshot(vault)
    for rel in BAD_NOTES:
        assert after[str(Path(rel))] == before[str(Path(rel))], rel
    assert after[str(Path("People/Ana.md"))] != before[str(Path("People/Ana.md"))]
    summary = json.loads(result.stdout)["summary"]
    said = "\n".join(summary["diagnostics"] + summary["write"]["diagnostics"])
    for rel in BAD_NOTES:
        assert rel in said, f"no diagnostic for {rel}"
    assert not temps(vault)


def test_a_huge_note_over_the_size_limit_is_skipped_not_read(tmp_path, vault, write):
    write("People/Ana.md", ANA)
    write("People/Huge.md", BAD_NOTES["People/Huge.md"])
    before = snapshot(vault)
    result = run_cli(tmp_path, "sync", str(vault), limits=[(resource.RLIMIT_AS, MEMORY_CAP)])
    assert result.returncode == 0, result.stderr
    assert snapshot(vault)["People/Huge.md"] == before["People/Huge.md"]


# --- races ---------------------------------------------------------------------------------


def test_a_note_changed_between_read_and_write_keeps_the_users_bytes(vault, write):
    path = write("People/Ana.md", ANA)
    stale = FileChange("People/Ana.md", ANA.encode(), ANA.encode() + b"vinculo\n")
    path.write_bytes(b"the user saved this\n")
    report = apply_changes(vault, [stale])
    assert report.written == [] and "changed since it was read" in report.skipped[0][1]
    assert path.read_bytes() == b"the user saved this\n"
    assert not temps(vault)


def test_sync_rereads_and_retries_when_the_user_saves_during_the_run(
    vault, write, run, block_plugin, monkeypatch  # noqa: F811
):
    path = write("People/Ana.md", ANA)
    original_render = block_plugin.render_block
    saved = []

    def render_while_user_saves(contact, suggestions, history, config):
        if not saved:  # the user saves once, after vinculo read the note
            saved.append(True)
            path.write_bytes(path.read_bytes() + b"typed by the user\n")
        return original_render(contact, suggestions, history, config)

    monkeypatch.setattr(block_plugin, "render_block", hookimpl(render_while_user_saves))
    result = run("sync", str(vault))
    assert result.exit_code == 0
    text = path.read_bytes()
    assert b"typed by the user\n" in text and b"- [ ] call Ana" in text
    assert "wrote People/Ana.md" in result.output


def test_a_note_deleted_before_the_write_is_not_recreated(vault, write):
    path = write("a.md", "x")
    path.unlink()
    report = apply_changes(vault, [FileChange("a.md", b"x", b"y")])
    assert report.written == [] and not path.exists()


# --- permissions -----------------------------------------------------------------------------


def test_a_read_only_note_is_left_untouched_with_a_clear_message(vault, write, run, block_plugin):  # noqa: F811
    path = write("People/Ana.md", ANA)
    path.chmod(0o444)
    result = run("sync", str(vault))
    assert result.exit_code == 0
    assert "skipped People/Ana.md: is read-only: left untouched" in result.output
    assert path.read_bytes() == ANA.encode() and (path.stat().st_mode & 0o777) == 0o444


def _make_unwritable(folder: Path) -> None:
    folder.chmod(0o555)
    probe = folder / ".probe"
    try:
        probe.write_bytes(b"")
    except OSError:
        return
    probe.unlink()
    if shutil.which("chattr") and subprocess.run(["chattr", "+i", str(folder)]).returncode == 0:
        return
    folder.chmod(0o755)
    pytest.skip("cannot make a folder unwritable here (root without chattr)")


def test_an_unwritable_folder_leaves_the_original_and_says_why(vault, write, run, block_plugin):  # noqa: F811
    path = write("People/Ana.md", ANA)
    _make_unwritable(vault / "People")
    try:
        result = run("sync", str(vault))
    finally:
        subprocess.run(["chattr", "-i", str(vault / "People")], capture_output=True)
        (vault / "People").chmod(0o755)
    assert result.exit_code == 0
    assert "skipped People/Ana.md: cannot write: Permission denied" in result.output or (
        "skipped People/Ana.md: cannot write: Operation not permitted" in result.output
    )
    assert path.read_bytes() == ANA.encode()
    assert not temps(vault)


# --- disk full -------------------------------------------------------------------------------

DISK_FULL = """
import json, sys
from pathlib import Path
from vinculo.writeback import FileChange, apply_changes, undo_last
vault = Path(sys.argv[1])
old = (vault / "note.md").read_bytes()
report = apply_changes(vault, [FileChange("note.md", old, old + b"y" * 200_000)])
print(json.dumps(report.to_json()))
"""


def test_disk_full_leaves_the_original_and_no_temp_file(tmp_path, vault, write):
    """A real write failure: the child may not grow any file past 64 KiB (RLIMIT_FSIZE)."""
    path = write("note.md", "x" * 1000 + "\n")
    result = subprocess.run(
        [sys.executable, "-c", DISK_FULL, str(vault)], capture_output=True, text=True,
        env=child_env(tmp_path), preexec_fn=capped((resource.RLIMIT_FSIZE, 64 * 1024)),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["written"] == []
    assert report["skipped"][0]["why"] == "cannot write: File too large"
    assert path.read_bytes() == b"x" * 1000 + b"\n"
    assert not temps(vault)


def test_a_full_tmpfs_leaves_the_original_and_no_temp_file(tmp_path):
    """The same on a real full file system, where one can be mounted (root on Linux)."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", str(mount)], capture_output=True
    ).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        note = mount / "note.md"
        note.write_bytes(b"old\n")
        report = apply_changes(mount, [FileChange("note.md", b"old\n", b"z" * 400_000)])
        assert report.written == [] and "No space left" in report.skipped[0][1]
        assert note.read_bytes() == b"old\n"
        assert not temps(mount)
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


# --- hard kills ------------------------------------------------------------------------------


def flip(data: bytes) -> bytes:
    return data.replace(b"old", b"new") if b"old" in data else data.replace(b"new", b"old")


def _killed_writer(vault: Path, changes: list[FileChange], delay: float) -> int:
    """Fork a real writer process and SIGKILL it after ``delay`` seconds; its exit status."""
    pid = os.fork()
    if pid == 0:  # the child: write, then leave without any Python clean-up
        try:
            apply_changes(vault, changes)
        finally:
            os._exit(0)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    return os.waitpid(pid, 0)[1]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkill_at_random_points_leaves_every_note_old_or_new(vault):
    rng = random.Random(20261129)
    for n in range(8):
        body = f"note {n} old\n".encode() + bytes(rng.randrange(97, 123) for _ in range(30_000))
        (vault / f"n{n:02}.md").write_bytes(body)

    def batch() -> tuple[dict[str, bytes], list[FileChange]]:
        states = {p.name: p.read_bytes() for p in vault.glob("*.md")}
        return states, [FileChange(name, data, flip(data)) for name, data in sorted(states.items())]

    # How long an uninterrupted forked writer takes here (the quickest of three: the first
    # also loads the write path's modules): the kills are spread over that window.
    windows = []
    for _ in range(3):
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            try:
                apply_changes(vault, batch()[1])
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        windows.append(time.perf_counter() - start)
    window = min(windows)
    kills = 0
    outcomes = {"none": 0, "mid-batch": 0, "whole": 0, "temp left": 0}
    while kills < 100:
        states, changes = batch()
        status = _killed_writer(vault, changes, rng.uniform(0, window * 1.3))
        kills += os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        now = {p.name: p.read_bytes() for p in vault.glob("*.md")}
        assert sorted(now) == sorted(states)
        for name, data in now.items():
            assert data in (states[name], flip(states[name])), name
        flips = sum(now[name] != states[name] for name in now)
        outcomes["mid-batch" if 0 < flips < len(now) else "whole" if flips else "none"] += 1
        outcomes["temp left"] += bool(temps(vault))
    print(f"kills: {kills}, window {window * 1000:.1f} ms, outcomes {outcomes}")
    # The kills did land while writing (between two files, or inside one), not only before
    # or after.
    assert outcomes["mid-batch"] + outcomes["temp left"] >= 5, outcomes
    # The next writer sweeps what the killed ones left, and the journal still undoes.
    states, changes = batch()
    report = apply_changes(vault, changes)
    assert sorted(report.written) == sorted(states) and not temps(vault)
    undone = undo_last(vault)
    assert sorted(undone.restored) == sorted(states)
    assert {p.name: p.read_bytes() for p in vault.glob("*.md")} == states


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_killed_large_batch_leaves_every_note_old_or_new_and_undo_takes_it_back(vault):
    """A batch large enough for the group commit (every temp file, one flush, the renames),
    killed at random points: each note old or new, and ``undo`` right after the kill (no
    other writer in between) restores every note exactly. The 100-kill run of a real first
    sync is ``bench/kill_first_sync.py``."""
    from vinculo.writeback.apply.atomic import GROUP_FLUSH_MIN

    rng = random.Random(7)
    (vault / "Daily").mkdir()
    for n in range(GROUP_FLUSH_MIN * 3):
        body = f"note {n} old\n".encode() + bytes(rng.randrange(97, 123) for _ in range(2_000))
        (vault / "Daily" / f"n{n:03}.md").write_bytes(body)
    old = {p.name: p.read_bytes() for p in (vault / "Daily").glob("*.md")}
    changes = [FileChange(f"Daily/{name}", data, flip(data)) for name, data in sorted(old.items())]
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            apply_changes(vault, changes)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    window = time.perf_counter() - start
    assert undo_last(vault).restored and not temps(vault)
    partial = 0
    for _ in range(12):
        _killed_writer(vault, changes, rng.uniform(window * 0.2, window * 1.1))
        now = {p.name: p.read_bytes() for p in (vault / "Daily").glob("*.md")}
        assert sorted(now) == sorted(old)
        assert all(data in (old[name], flip(old[name])) for name, data in now.items())
        partial += 0 < sum(now[name] != old[name] for name in now) < len(now)
        undo_last(vault)
        assert {p.name: p.read_bytes() for p in (vault / "Daily").glob("*.md")} == old
        assert not temps(vault)
    print(f"window {window * 1000:.0f} ms, {partial} kill(s) between two renames")


def test_lone_carriage_returns_around_code_and_tables_are_read_not_a_crash(vault, write, run):
    write("People/Ana Soto.md", "---\ntype: person\n---\n")
    note = vault / "Notes" / "old mac.md"
    note.parent.mkdir()
    # Old Mac line ends: markdown-it reads a lone "\r" as a line break.
    note.write_bytes(b"Vi a Ana Soto.\n\n\r\r\n~~~\rcode\r~~~\r\r    more\r|a|b|\r|---|---|\n")
    result = run("link", str(vault), "--json")
    assert result.exit_code == 0, result.output
    assert "Ana Soto" in result.output


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_a_note_deleted_or_saved_after_the_last_look_is_never_overwritten(tmp_path):
    from vinculo.errors import ChangedError
    from vinculo.writeback.apply.atomic import _swap_in

    note, ours = tmp_path / "note.md", tmp_path / ".note.md.tmp"
    ours.write_bytes(b"vinculo's edit")  # the user deleted the note after our last look
    with pytest.raises(ChangedError, match="deleted"):
        _swap_in(ours, note, b"what we read")
    assert not note.exists()

    note.write_bytes(b"the user's new save")  # the user saved after our last look
    ours.write_bytes(b"vinculo's edit")
    with pytest.raises(ChangedError, match="changed"):
        _swap_in(ours, note, b"what we read")
    assert note.read_bytes() == b"the user's new save"

    ours.write_bytes(b"vinculo's edit")  # nobody touched it: the edit lands
    _swap_in(ours, note, b"the user's new save")
    assert note.read_bytes() == b"vinculo's edit"
    assert ours.read_bytes() == b"the user's new save"  # left for the caller to remove


def test_a_note_a_plugin_fails_on_gets_a_diagnostic_and_the_rest_is_synced(
        tmp_path, vault, write, run, monkeypatch):
    site = install_plugin(tmp_path / "site", "vinculo_fragile", '''
        from vinculo.hookspecs import hookimpl

        @hookimpl
        def extract_interactions(note, mentions, contacts, config, vocabularies):
            if "EXPLODE" in note.text:
                raise ValueError("this plugin cannot read tables of contents")
            return []
    ''')
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    try:
        write("People/Ana Soto.md", "---\ntype: person\n---\n")
        write("Daily/2026-11-20.md", "Called Ana Soto about the trip.\n")
        write("Notes/toc.md", "EXPLODE — a note the plugin trips on, naming Ana Soto.\n")
        result = run("sync", str(vault), "--json")
        assert result.exit_code == 0, result.output
        report = json.loads(result.output)
        problems = json.dumps(report)
        assert "Notes/toc.md" in problems and "cannot read tables of contents" in problems
        assert "[[Ana Soto]]" in (vault / "Daily/2026-11-20.md").read_text()
        assert "2026-11-20" in (vault / "People/Ana Soto.md").read_text()
        # The same note, the same plugin: the next run (from the cache) says so again.
        again = json.dumps(json.loads(run("sync", str(vault), "--json").output))
        assert "cannot read tables of contents" in again
    finally:
        sys.modules.pop("vinculo_fragile", None)
