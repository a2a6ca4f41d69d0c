"""Properties of linking that must hold for any text: offsets survive blanking, the visible
text never changes, and linking twice is linking once."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from vinculo.config import Config
from vinculo.history import gather_vocabularies
from vinculo.linking import Linker, analyse, link_spans
from vinculo.linking.linker import gather_variants
from vinculo.linking.matcher import Hit, Matcher
from vinculo.model import Contact, Note
from vinculo.notes import parse_note
from vinculo.plugin_host import get_plugin_manager
from vinculo.text import fold
from vinculo.writeback import replace_spans

PIECES = [
    "Ana García", "ana garcia", "Ana", "Luis", "Encar", "Rosa", "rosa", "Ana Gracía",
    "`code Ana`", "[[Ana García|Ana]]", "https://x.org/Ana", "a@b.co", "#Ana", "%%Ana%%",
    "<b>Ana</b>", "\n```\nAna García\n```\n", "\n    Ana García\n", "| Ana García | x |\n",
    "'s", "’s", " ", ", ", ". ", "\n", "\n\n", "- ", "> ", "Banana", "Anaís", "—", "\r\n",
]
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def contacts(tmp_root):
    out = {}
    for name, aliases in (("Ana García", []), ("Encarnación Ruiz", ["Encar"]),
                          ("Rosa Martínez", []), ("Luis Pérez", []), ("Luis Gómez", [])):
        note = Note(path=tmp_root / f"People/{name}.md", rel=f"People/{name}.md", raw=b"",
                    text="", frontmatter={"type": "person"}, body_start=0)
        out[name] = Contact(note=note, name=name, aliases=aliases)
    return out


@settings(max_examples=300, deadline=None)
@given(texts)
def test_blanking_keeps_offsets_and_lines(text):
    layout = analyse(text, 0)
    assert len(layout.blanked) == len(layout.opaque) == len(text)
    assert [i for i, c in enumerate(layout.blanked) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]


@settings(max_examples=300, deadline=None)
@given(texts)
@example("Ana%%Ana%%ana garcia")  # a lowercase full name is the name, not everyday prose
def test_linking_keeps_visible_text_and_is_idempotent(tmp_path_factory, text):
    root = tmp_path_factory.getbasetemp()
    config = Config(vault=root)
    pm = get_plugin_manager()
    people = contacts(root)
    linker = Linker(people, gather_variants(people, pm, config), config)
    note = parse_note(root / "n.md", "n.md", text.encode())
    spans = link_spans(note, linker.mentions(note), config)
    after = replace_spans(note, spans).decode()
    shown = re.sub(r"\[\[([^\]|\\]+)(?:\\?\|([^\]]*))?\]\]", lambda m: m.group(2) or m.group(1),
                   after)
    original = re.sub(r"\[\[([^\]|\\]+)(?:\\?\|([^\]]*))?\]\]",
                      lambda m: m.group(2) or m.group(1), text)
    assert shown == original
    again = parse_note(root / "n.md", "n.md", after.encode())
    assert link_spans(again, linker.mentions(again), config) == []


ADDRESS_PIECES = [
    "https://x.org/Ana", "www.ana.es", "mailto:ana@b.co", "a@b.co", "ana.garcia@x.org", "Ana",
    "ftp://h/Ana García", " ", "\n", "\n\n", "- ", "(", ")", "<", "[", "'", "#Ana", "^id",
]
address_texts = st.lists(st.sampled_from(ADDRESS_PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(address_texts)
@example("a@b.co\nhttps://x.org/Ana\nAna\nwww.ana.es\n" * 3)  # triggers alternate line by line
def test_every_address_is_protected_on_whichever_line_it_stands(text):
    """Addresses are searched only on the lines that hold their trigger ("://", "@"...):
    in a long note every one of them is still blanked, as a search of the whole text finds
    them."""
    blanked = analyse(text, 0).blanked
    for pattern in (
        r"[a-zA-Z](?<!\w.)(?:[a-zA-Z0-9+.-]{1,20}://|(?<=w)ww\.|(?<=m)ailto:)[^\s<>\[\]\"'`]+",
        r"[\w.+-](?<![\w.+-].)[\w.+-]*@[\w-]+(?:\.[\w-]+)+",
    ):
        for match in re.finditer(pattern, text):
            assert not blanked[match.start():match.end()].strip(), (match.group(), blanked)


class _EveryPlace(Matcher):
    """The typo search read literally: every capitalised word of the whole text near a
    name's first word, in text order, skipping the places inside a name already taken or a
    typo'd name found before (what the matcher does gap by gap between the taken names)."""

    def _fuzzy(self, text, folded, taken, first=0):
        busy = bytearray(len(text) + 1)
        for s, e in taken:
            busy[s:e] = b"\x01" * (e - s)
        places = []
        for match in re.finditer(r"(?<!\w)[^\W\d_a-z]\w*", text[: len(text)]):
            if match.start() < first or not match.group()[0].isupper():
                continue
            candidates = self._near(fold(match.group()))
            if candidates:
                places.append((match.start(), candidates))
        hits = []
        for start, candidates in places:
            if busy[start]:
                continue
            candidates = [c for c in candidates
                          if OSA.distance(folded[start:start + c[2]], c[1]) <= c[6]]
            if not candidates:
                continue
            tokens = [m.span() for m in re.finditer(r"\w+", folded[start:])][:self.max_words + 1]
            tokens = [(s + start, e + start) for s, e in tokens]
            best = self._best_window(text, folded, tokens, candidates)
            if best is None or any(busy[start:best[0]]):
                continue
            end, distance, matched = best
            targets = tuple(dict.fromkeys(t for e in matched for t in e.targets))
            sure = distance == 1 and len(targets) == 1 and all(e.confident for e in matched)
            hits.append(Hit(start, end, targets, "link" if sure else "suggest",
                            "typo" if sure else ("ambiguous" if len(targets) > 1 else "fuzzy")))
            busy[start:end] = b"\x01" * (end - start)
        return hits


TYPO_PIECES = [
    "Ana García", "Ana Gracía", "Ana Garcí", "Ana Garcias", "AnaGarcía", "Luis Perez", "Luis Perz",
    "Lusi Pérez", "Luis Gómez", "Luis Gomes", "Rosa Martinze", "Rosa", "Encarnacion Ruis",
    "Marta Luis", "Marta Luisq", "Luisq", "Pérez", "Luisa", "García", " ", "  ", "\n", ", ",
    ". ", "_", "__", "-", "x", "Ó", "[[Ana García]]",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TYPO_PIECES), max_size=14).map("".join))
@example("Ana Gracía Luis Perz__Ana García Lusi Pérez-x")
@example("Marta Luis Pérez")  # a typo'd name would run into a name taken
@example("Marta Luisq Pérez")  # a typo'd name holds the start of another
def test_typo_search_between_taken_names_finds_what_a_search_of_every_place_finds(
        tmp_path_factory, text):
    root = tmp_path_factory.getbasetemp()
    config = Config(vault=root)
    people = contacts(root)
    # A name whose second word is near another's first ("Marta Luis Pérez"): a typo'd name
    # may overlap a name taken, or hold the start of another.
    people["Marta Luisa"] = Contact(note=people["Ana García"].note, name="Marta Luisa")
    linker = Linker(people, gather_variants(people, get_plugin_manager(), config), config)
    literal = _EveryPlace(linker.matcher.entries)
    layout = analyse(text, 0)
    assert linker.matcher.scan(layout.blanked, layout.opaque) == literal.scan(
        layout.blanked, layout.opaque)


class _AlwaysLaidOut(Matcher):
    def may_find(self, text, start=0):
        return True


LONG_PIECES = [
    "Ana García", "Ana Gracía", "ana garcia", "Encar", "rosa", "Luis", "Lusi Pérez", "Ana's",
    "`Ana García`", "\n```\nAna García\n```\n", "\n    Luis Pérez\n", "https://x.org/Ana",
    "<b>Rosa Martínez</b>", "%%Ana%%", "<!-- Ana -->", "#Ana", "$Ana$", "Ana:: 1\n",
    "\n## Ana García\n", "| Ana García | x |\n|---|---|\n", "_Ana_", "x-Ana", "Banana",
    "Encarnacoin Ruzi", " ", "\n", ". ", "Called ", "Met ", "(", ")", "\n\nsequenceDiagram\nAna->>Luis: hi\n\n",
]
FILLER = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 40  # no name in it


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LONG_PIECES), max_size=12).map(lambda p: FILLER + "".join(p)))
@example(FILLER + "`Ana García` https://x.org/Ana <!-- Ana -->")  # names only where protected
@example(FILLER + "Encarnacoin Ruzi")  # only a typo'd name
@example(FILLER + "called ana")  # only a name in lowercase
def test_a_long_note_searched_before_its_layout_gives_the_same_mentions(tmp_path_factory, text):
    root = tmp_path_factory.getbasetemp()
    config = Config(vault=root)
    people = contacts(root)
    linker = Linker(people, gather_variants(people, get_plugin_manager(), config), config,
                    vocabularies=gather_vocabularies(get_plugin_manager()))
    laid_out = Linker(people, gather_variants(people, get_plugin_manager(), config), config,
                      vocabularies=gather_vocabularies(get_plugin_manager()))
    laid_out.matcher.__class__ = _AlwaysLaidOut
    for body in (text, "---\ntype: note\n---\n" + text):
        note = parse_note(root / "n.md", "n.md", body.encode())
        assert linker.mentions(note) == laid_out.mentions(note)
