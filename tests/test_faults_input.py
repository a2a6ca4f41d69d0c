"""Bad input gives one line naming the problem, never a traceback; and a sync never writes
what the next run would refuse to read."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import snapshot


def vinculo(*args: str, env: dict[str, str] | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vinculo", *args], capture_output=True,
                          text=True, timeout=120, env=env, cwd=cwd, check=False)


@pytest.mark.parametrize("setting, says", [
    ('[ignore]\nmax_note_bytes = "big"\n', "[ignore] max_note_bytes must be a whole number"),
    ("[ignore]\nmax_note_bytes = -1\n", "[ignore] max_note_bytes must be a whole number"),
    ("[ignore]\npaths = 5\n", "[ignore] paths must be a list"),
    ('[ignore]\npaths = "Archive"\n', "[ignore] paths must be a list"),
    ('[plugins]\ndisabled = "pacing"\n', "[plugins] disabled must be a list"),
    ("ignore = 3\n", "[ignore] must be a table"),
    ("[properties]\nwrite = 1\n", "[properties] write must be true or false"),
])
@pytest.mark.parametrize("command", ["scan", "sync"])
def test_a_setting_of_the_wrong_type_is_one_line_naming_it(vault, write, setting, says, command):
    write("vinculo.toml", setting)
    write("People/Ana.md", "---\ntype: person\n---\n")
    result = vinculo(command, str(vault))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("vinculo: vinculo.toml: ") and says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_sync_never_writes_a_note_past_max_note_bytes(vault, write, run):
    write("vinculo.toml", "[ignore]\nmax_note_bytes = 3000\n")
    write("People/Rodrigo Sanz.md", "---\ntype: person\n---\n")
    path = write("Notes/many.md", "Rodrigo Sanz.\n" * 200)  # 2,800 bytes; linked, 6,000+
    small = write("Notes/one.md", "Vi a Rodrigo Sanz.\n")
    before = path.read_bytes()
    result = run("sync", str(vault))
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == before and "[[Rodrigo Sanz]]" in small.read_text()
    lines = [line for line in result.output.splitlines() if "Notes/many.md" in line]
    assert len(lines) == 1 and "past ignore.max_note_bytes (3,000): not written" in lines[0]
    again = snapshot(vault)
    assert run("sync", str(vault)).exit_code == 0 and snapshot(vault) == again
