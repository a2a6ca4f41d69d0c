"""``--json`` output: compact when a script reads it from a pipe, indented on a terminal."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path


def test_piped_json_is_compact_and_whole(sample: Path, run) -> None:
    result = run("contacts", str(sample), "--json")
    assert result.exit_code == 0
    assert result.output.count("\n") == 1  # one line, then the newline
    rows = json.loads(result.output)
    assert {"name", "stage"} <= set(rows[0])


def test_json_on_a_terminal_is_indented(sample: Path) -> None:
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "120"}
    with subprocess.Popen([sys.executable, "-m", "vinculo", "contacts", str(sample), "--json"],
                          stdout=follower, stderr=subprocess.PIPE, env=env) as proc:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the command is done
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait(timeout=60) == 0, proc.stderr.read() if proc.stderr else ""
    os.close(leader)
    text = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    assert text.startswith("[\n  {\n")
    assert json.loads(text)[0]["name"]
