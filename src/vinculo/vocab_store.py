"""The compiled vocabularies, kept between runs in the state folder.

Compiling the built-in vocabularies (lemmas expanded into every reported form, phrases
analysed and joined into a few large alternations) takes the regular-expression compiler
about half a second — in every process, workers included, even when one changed note is all
there is to read. What it produces is a program of integers for the matching engine: the
same vocabulary always gives the same program. So the first run stores the programs, keyed
by the vocabulary's content, the Python version, the engine's version and this code's own
source; later runs load them (a few hundredths of a second) instead of compiling.

Best effort: without a usable state folder, with ``$VINCULO_NO_CACHE``, or when anything
stored does not load, the vocabularies are compiled as before. The file holds numbers and
strings only (JSON), never code.
"""

from __future__ import annotations

# The engine behind ``re``: a program of integers, compiled once, loaded later.
import _sre  # type: ignore[import-not-found]  # CPython's engine ships no stubs
import binascii
import hashlib
import json
import os
import re
import sys
from array import array
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    from re import _compiler, _parser  # type: ignore[attr-defined]  # typeshed omits them
else:  # Python 3.10: the same modules under older names
    import sre_compile as _compiler
    import sre_parse as _parser

FORMAT = 2  # 2: programs as base64 words
FOLDER = "vocabularies"
_CACHE_ENV = "VINCULO_NO_CACHE"

# Every pattern compiled through :func:`compile_pattern` in this process: source → program.
_programs: dict[str, list[Any]] = {}


def compile_pattern(source: str) -> re.Pattern[str]:
    """``re.compile(source)``, keeping the program so that :func:`save` can store it.
    Raises ``re.error`` as ``re.compile`` does."""
    try:
        parsed = _parser.parse(source, 0)
        code = _compiler._code(parsed, 0)
        state = parsed.state
        groupindex = dict(state.groupdict)
        indexgroup: list[str | None] = [None] * state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        # plain ints (the compiler names its opcodes): JSON and pickle alike carry them
        program = [int(state.flags), list(map(int, code)), state.groups - 1, groupindex,
                   indexgroup]
        pattern = _load_pattern(source, program)
    except re.error:
        raise
    except Exception:  # another Python's internals: compile as usual, store nothing
        return re.compile(source)
    _programs[source] = program
    return pattern


def _load_pattern(source: str, program: list[Any]) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = program
    return _sre.compile(source, flags, code, groups, dict(groupindex), tuple(indexgroup))


def _fingerprint() -> str:
    """What a stored program depends on besides the phrases: this Python and its engine,
    vinculo's version and the source of the modules that turn phrases into patterns."""
    from importlib.util import find_spec

    from vinculo.version import __version__

    digest = hashlib.sha256()
    digest.update(f"{FORMAT}|{sys.version}|{_sre.MAGIC}|{__version__}".encode())
    # Found, not imported (a module renamed or missing is skipped, never an error).
    for name in _SOURCES:
        try:
            spec = find_spec(name)
            if spec is not None and spec.origin:
                digest.update(Path(spec.origin).read_bytes())
        except (ImportError, ValueError, OSError):
            digest.update(name.encode())
    try:  # a plugin's new verb is looked up in simplemma's dictionaries: which copy of it
        # (found, not imported: importing it costs more than the whole store saves)
        spec = find_spec("simplemma")
        if spec is not None and spec.origin:
            stat = os.stat(spec.origin)
            digest.update(f"{spec.origin}|{stat.st_mtime_ns}|{stat.st_size}".encode())
    except (ImportError, OSError, ValueError):
        pass
    return digest.hexdigest()


# The modules that turn phrases into patterns.
_SOURCES = ("vinculo.history", "vinculo.lemmas", "vinculo.phrase_search", "vinculo.text",
            "vinculo.verb_forms", "vinculo.vocab_store")

_fingerprint_memo: list[str] = []


def _path(key: Any) -> Path | None:
    """Where the programs of vocabularies ``key`` are kept; None when not to keep them."""
    if os.environ.get(_CACHE_ENV):
        return None
    try:
        from vinculo.state_folder import state_root

        root = state_root()
    except Exception:  # an unusable $VINCULO_STATE_DIR: compile as before
        return None
    if not _fingerprint_memo:
        _fingerprint_memo.append(_fingerprint())
    digest = hashlib.sha256(f"{_fingerprint_memo[0]}|{key!r}".encode()).hexdigest()[:32]
    return root / FOLDER / f"{digest}.json"


def pattern_tree(pattern: re.Pattern[str] | None) -> Any:
    """``pattern`` as JSON-ready data (its source and program, the program's integers as
    one base64 string of 32-bit words: JSON decodes a list of half a million numbers ten times
    slower than that string); KeyError when it was not compiled through
    :func:`compile_pattern` (then there is nothing to store)."""
    if pattern is None:
        return None
    program = _programs.get(pattern.pattern)
    if program is None:
        raise KeyError(pattern.pattern)
    words = array("I")
    if words.itemsize == 4:  # the engine's words (elsewhere: the list, as before)
        words.fromlist(program[1])
        program = [program[0], binascii.b2a_base64(words.tobytes(), newline=False).decode(),
                   *program[2:]]
    return [pattern.pattern, program]


def pattern_from(tree: Any) -> re.Pattern[str] | None:
    """The pattern :func:`pattern_tree` described, loaded without compiling."""
    if tree is None:
        return None
    source, program = tree
    if isinstance(program[1], str):
        words = array("I")
        words.frombytes(binascii.a2b_base64(program[1]))
        program = [program[0], words.tolist(), *program[2:]]
    pattern = _load_pattern(source, program)
    _programs[source] = program
    return pattern


def save(key: Any, tree: Any) -> None:
    """Store ``tree`` (JSON-ready data built with :func:`pattern_tree`) for vocabularies
    ``key`` (best effort; called when :func:`load` found nothing usable, so a damaged file is
    replaced)."""
    path = _path(key)
    if path is None:
        return
    import tempfile  # here: it loads shutil and random, which loading programs never needs

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent,
                                         prefix=".tmp-", suffix=".json", delete=False) as out:
            # one string from the C encoder: json.dump to a file encodes in Python, 5× slower
            out.write(json.dumps(tree, separators=(",", ":")))
        os.replace(out.name, path)  # whole or not at all, whoever writes it at the same time
    except (OSError, TypeError, ValueError):
        return


def stored(key: Any) -> bool:
    """Whether programs are kept for vocabularies ``key`` (:func:`load` would likely find
    them: a look at the file, not a read)."""
    path = _path(key)
    return path is not None and path.is_file()


def load(key: Any) -> Any:
    """The data stored for vocabularies ``key``, or None (then compile them)."""
    path = _path(key)
    if path is None:
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
