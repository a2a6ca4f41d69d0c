"""What a command loads before it answers: a settled sync (the most common run, from cron or
before opening the vault) answers without loading what only reading or writing a note needs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import age, child_env

from vinculo.text import lazy_pattern

# Run `vinculo sync VAULT --quiet` in this child, then say which of these it loaded.
CHILD = """
import json, os, runpy, sys
sys.argv = ["vinculo", "sync", sys.argv[1], "--quiet"]
try:
    runpy.run_module("vinculo", run_name="__main__")
except SystemExit as exc:
    assert not exc.code, exc.code
heavy = ("yaml", "frontmatter", "vinculo.pipeline", "vinculo.linking", "ahocorasick",
         "importlib.metadata", "importlib.resources", "zipfile", "shutil", "tempfile",
         *(("filelock",) if os.name == "posix" else ()))
print(json.dumps([name for name in heavy if name in sys.modules]))
"""


def loaded_by_a_sync(vault: Path) -> list[str]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(vault)], env=child_env(),
                         capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout.splitlines()[-1])


def test_a_settled_sync_loads_neither_the_yaml_parser_nor_the_linker(sample, run):
    assert run("sync", str(sample)).exit_code == 0
    age(sample)
    assert run("sync", str(sample)).exit_code == 0  # nothing left to write: the memo is kept
    assert loaded_by_a_sync(sample) == []
    # A note saved since: read again, so the linker is built (and what a note needs loaded).
    daily = sample / "Daily" / "2026-11-25.md"
    daily.write_text(daily.read_text(encoding="utf-8") + "\nA quiet day.\n", encoding="utf-8")
    age(daily)
    assert {"vinculo.pipeline", "vinculo.linking"} <= set(loaded_by_a_sync(sample))


@pytest.mark.parametrize("flags", [0, re.IGNORECASE | re.MULTILINE])
def test_a_lazy_pattern_answers_as_the_compiled_one(flags):
    source = r"^(\w+) met (?P<who>[A-Z]\w+)"
    text = "ana met Luis\nLUIS met Ana\nnobody"
    lazy, compiled = lazy_pattern(source, flags), re.compile(source, flags)
    assert lazy.pattern == compiled.pattern and lazy.flags == compiled.flags
    assert [m.groups() for m in lazy.finditer(text)] == [
        m.groups() for m in compiled.finditer(text)]
    assert lazy.sub(r"\g<who>", text) == compiled.sub(r"\g<who>", text)
    assert lazy.search(text, 3) is None or lazy.search(text, 3).span() == compiled.search(
        text, 3).span()
    assert lazy.groupindex == compiled.groupindex and lazy.split(text) == compiled.split(text)


def test_a_module_level_lazy_pattern_is_the_compiled_pattern_after_its_first_use():
    module: dict[str, object] = {}
    exec("from vinculo.text import lazy_pattern\nWORD = lazy_pattern(r'\\w+')\n", module)
    assert not isinstance(module["WORD"], re.Pattern)  # not compiled on import
    assert module["WORD"].findall("ana, luis") == ["ana", "luis"]  # type: ignore[attr-defined]
    assert isinstance(module["WORD"], re.Pattern)  # later calls: the compiled pattern's cost
