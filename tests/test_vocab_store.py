"""The compiled vocabularies are kept between runs (vinculo.vocab_store): a run loads what
an earlier one compiled and reads every sentence the same; a damaged file is compiled again."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from vinculo import history, vocab_store
from vinculo.history import gather_vocabularies, vocabulary_key
from vinculo.plugin_host import get_plugin_manager
from vinculo.text import fold

SENTENCES = [
    "Llamé a · ayer", "Sent · a message about the flat", "tengo que llamar a ·",
    "Lunch with · was cancelled, so we did a quick call instead", "· me contestó al correo",
    "Caught up with · on the phone", "Almorzamos con · en Triana", "nothing to see here",
]


def _reads(matcher: history.VocabularyMatcher) -> list[tuple]:
    out = []
    for sentence in SENTENCES:
        text = fold(sentence)
        out.append((matcher.first_event(text), matcher.intent_start(text),
                    sorted(matcher.direction_marks(text))))
    return out


def test_stored_vocabularies_read_as_the_compiled_ones():
    key = vocabulary_key(gather_vocabularies(get_plugin_manager()))
    compiled = history._build(key)
    assert vocab_store.load(key) is None  # nothing stored yet
    vocab_store.save(key, history._matcher_tree(compiled))
    stored = vocab_store.load(key)
    assert stored is not None
    assert _reads(history._matcher_from(stored)) == _reads(compiled)
    assert _reads(compiled)[0][0] is not None  # the sentences do hold events


def test_a_damaged_store_is_compiled_again_and_replaced():
    key = vocabulary_key(gather_vocabularies(get_plugin_manager()))
    compiled = history._build(key)
    vocab_store.save(key, history._matcher_tree(compiled))
    path = vocab_store._path(key)
    assert path is not None and path.exists()
    path.write_text('{"events": [["call", ["x", [0, [1, 2, 3], 0, {}, [null]]]]]}',
                    encoding="utf-8")
    again = history._compile.__wrapped__(key)  # what a new process does (no memory of it)
    assert _reads(again) == _reads(compiled)
    assert _reads(history._matcher_from(vocab_store.load(key))) == _reads(compiled)  # replaced


def test_a_run_stores_them_and_the_next_run_reads_the_same(vault, write):
    write("People/Ana Torres.md", "---\ntype: person\n---\n")
    write("Daily/2026-11-20.md", "Almorcé con Ana Torres\n\nTried to call Ana Torres, no answer\n")
    state = Path(os.environ["VINCULO_STATE_DIR"])
    command = [sys.executable, "-m", "vinculo", "contacts", str(vault), "--json"]

    def contacts() -> list:
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    first = contacts()
    stored = sorted((state / vocab_store.FOLDER).glob("*.json"))
    assert len(stored) == 2  # the vocabularies' matcher and the interactions plugin's cues
    assert contacts() == first
    for path in stored:
        path.write_text("not json", encoding="utf-8")
    # the note changes (a blank line more), so the next run reads it again
    write("Daily/2026-11-20.md", "Almorcé con Ana Torres\n\nTried to call Ana Torres, no answer\n\n")
    assert contacts() == first  # compiled again
    trees = [json.loads(path.read_text(encoding="utf-8")) for path in stored]  # and stored again
    assert any("events" in tree for tree in trees) and any("companion" in tree for tree in trees)


CUE_SENTENCES = [
    # a companion after a past of mine; a topic; a leading clause; someone else's report; later
    ("Grabbed a bite with Ana Torres", True), ("Emailed the landlord about Ana Torres", False),
    ("Estuve toda la tarde con Ana Torres", True), ("Según Luis, Ana Torres llamó", False),
    ("Lunch with Ana Torres next Friday", False),
]


def _cue_reads(vault: Path, write) -> list[bool]:
    from vinculo.config import load_config
    from vinculo.pipeline import build_index

    write("People/Ana Torres.md", "---\ntype: person\n---\n")
    out = []
    for i, (sentence, _) in enumerate(CUE_SENTENCES, 10):
        write(f"Daily/2026-11-{i}.md", sentence + "\n")
    index = build_index(vault, load_config(vault), get_plugin_manager(), dt.date(2026, 11, 30),
                        cache=False)
    days = {i.note for i in index.histories["Ana Torres"].interactions}
    for i, _ in enumerate(CUE_SENTENCES, 10):
        out.append(f"Daily/2026-11-{i}.md" in days)
    return out


def test_stored_cues_read_as_the_compiled_ones(vault, write):
    """The interactions plugin's participation cues are kept in the same store: loaded, they
    read every sentence as the compiled ones, and a damaged file is compiled again."""
    from vinculo.default_plugins.interactions import participation

    def forget() -> None:  # what a new process knows of them: nothing
        participation._last = None
        participation._compile.cache_clear()

    forget()
    compiled = _cue_reads(vault, write)
    assert compiled == [want for _, want in CUE_SENTENCES]
    stored = [p for p in (Path(os.environ["VINCULO_STATE_DIR"]) / vocab_store.FOLDER).glob("*.json")
              if "companion" in json.loads(p.read_text(encoding="utf-8"))]
    assert len(stored) == 1
    forget()
    assert _cue_reads(vault, write) == compiled  # loaded
    stored[0].write_text('{"companion": ["pattern", ["x", [0]]]}', encoding="utf-8")
    forget()
    assert _cue_reads(vault, write) == compiled  # damaged: compiled again


def test_the_workers_read_with_the_vocabularies_compiled_once_in_the_parent():
    """A sync compiles the vocabularies once, in the parent, and its workers load them from
    what it sends: they read every sentence the same, and a worker whose vocabularies differ
    compiles its own instead of taking someone else's."""
    import pickle

    vocabularies = gather_vocabularies(get_plugin_manager())
    compiled = history._build(vocabulary_key(vocabularies))
    shared = pickle.loads(pickle.dumps(history.shared_matcher(vocabularies)))  # as sent
    history._last = None
    history.adopt_matcher(vocabularies, shared)
    adopted = history.compile_vocabularies(vocabularies)
    assert adopted is not compiled and _reads(adopted) == _reads(compiled)

    fewer = vocabularies[:1]
    history._last = None
    history.adopt_matcher(fewer, shared)
    assert history._last is None  # not theirs: compiled when first needed
    assert history.compile_vocabularies(fewer).event_finder != adopted.event_finder
