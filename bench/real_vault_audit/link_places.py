"""Where every link ``vinculo link`` would write on a vault sits: the places no link may go.

    python bench/real_vault_audit/link_places.py VAULT [VAULT ...] [--vinculo vinculo] [--show]

Runs ``vinculo link VAULT --json`` (it writes nothing) and looks at every mention at level
``link`` — the whole run, not a sample — in the note as written:

- its text is a function word (``src/vinculo/data/function_words.txt`` or a short list of
  articles, pronouns and prepositions written here again, so the check does not only agree
  with the linker);
- it is on a heading line (ATX ``#``, also inside a quote or callout, or a setext heading);
- it is inside math: a ``$$…$$`` block, or inline ``$…$`` as Obsidian reads it (no space after
  the opening ``$`` nor before the closing one, which is not followed by a digit); a looser
  count, any odd number of unescaped ``$`` before it on its line, lists prices too
  ("$5 … Ana … $10") and is there to be read by hand;
- it is in a Dataview inline-field key: before the ``::`` of ``Key:: value``, ``[Key:: v]``
  or ``(Key:: v)``.

Prints one row of counts per vault; ``--show`` also lists each hit (path, line, text) on the
terminal to be read by hand. Only the counts belong in the committed audit: the vaults' text is
not ours to copy.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Closed-class words of English, Spanish, Portuguese, French and German, written here on purpose.
OWN_FUNCTION_WORDS = set(
    """
    a an the and or but nor so yet if then than that this these those there here of in on at by
    for from to with without into onto over under about after before since until while as is
    are was were be been being am do does did have has had will would shall should can could may
    might must not no yes i me my mine you your yours he him his she her hers it its we us our
    ours they them their theirs who whom whose which what when where why how all any some each
    every both either neither other another such own same very too also just only
    el la los las lo un una unos unas y e o u pero ni que de del al en con sin por para sobre
    entre hasta desde hacia según yo tú él ella nosotros vosotros ellos ellas me te se nos os le
    les mi mis tu tus su sus es son fue era ser estar está están muy más menos ya no sí como
    cuando donde quien o os as um uma uns umas em no na nos nas do da dos das ao aos pelo pela
    com sem mas eu ele ela eles elas você le la les un une des du de et ou mais donc car ni que
    qui quoi dont où je tu il elle nous vous ils elles ce cet cette ces mon ma mes ton ta tes son
    sa ses au aux en dans sur sous avec sans pour par der die das den dem des ein eine einer
    eines einem einen und oder aber doch ich du er sie es wir ihr im am zum zur vom mit ohne für
    von zu auf aus bei nach über unter vor ist sind war
    """.split()
)
ATX = re.compile(r"^(?:\s{0,3}>\s?)*\s{0,3}#{1,6}(?:\s|$)")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-{2,})\s*$")
NOT_PARAGRAPH = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|>|\||#|$)")
DOLLAR = re.compile(r"(?<!\\)\$")


def fold(word: str) -> str:
    """Lowercase without accents, as the word lists are written."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def function_words() -> set[str]:
    path = ROOT / "src" / "vinculo" / "data" / "function_words.txt"
    listed = {w.strip() for w in path.read_text(encoding="utf-8").splitlines()
              if w.strip() and not w.startswith("#")}
    return {fold(w) for w in listed | OWN_FUNCTION_WORDS}


def on_heading(lines: list[str], index: int) -> bool:
    """True when line ``index`` (0-based) is an ATX heading or the text of a setext heading."""
    line = lines[index]
    if ATX.match(line):
        return True
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return bool(SETEXT_UNDERLINE.match(following)) and not NOT_PARAGRAPH.match(line)


def math_spans(text: str) -> list[tuple[int, int]]:
    """``$$…$$`` blocks and Obsidian-style inline ``$…$`` spans, as character ranges."""
    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"(?<!\\)\$\$(.+?)(?<!\\)\$\$", text, re.DOTALL):
        spans.append((match.start(), match.end()))
    masked = list(text)
    for start, end in spans:
        masked[start:end] = " " * (end - start)
    flat = "".join(masked)
    inline = re.compile(r"(?<![\\$])\$(?=\S)([^$\n]*?\S)(?<!\\)\$(?!\d)")
    spans += [(m.start(), m.end()) for m in inline.finditer(flat)]
    return spans


def loosely_in_dollars(line: str, column: int) -> bool:
    """An odd number of unescaped ``$`` before ``column`` on its line."""
    return len(DOLLAR.findall(line[:column])) % 2 == 1


def in_field_key(line: str, start: int, end: int) -> bool:
    """The span [start, end) of ``line`` lies in a Dataview inline-field key."""
    for match in re.finditer("::", line):
        colon = match.start()
        if end > colon:
            continue
        opened = max(line.rfind("[", 0, colon), line.rfind("(", 0, colon))
        closed = max(line.rfind("]", 0, colon), line.rfind(")", 0, colon))
        if opened > closed and opened >= 0:
            key_start = opened + 1
        else:
            content = re.match(r"^\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+)?(?:\[.\]\s+)?", line)
            key_start = content.end() if content else 0
        if start >= key_start:
            return True
    return False


def check(vault: Path, vinculo: str, show: bool) -> Counter[str]:
    done = subprocess.run([vinculo, "link", str(vault), "--json"], capture_output=True,
                          text=True, check=True)
    mentions = [m for m in json.loads(done.stdout)["mentions"] if m["level"] == "link"]
    words = function_words()
    counts: Counter[str] = Counter()
    notes: dict[str, tuple[str, list[str], list[tuple[int, int]]]] = {}
    for m in mentions:
        counts["links"] += 1
        path = m["path"]
        if path not in notes:
            note = (vault / path).read_text(encoding="utf-8")
            notes[path] = (note, note.split("\n"), math_spans(note))
        text, lines, spans = notes[path]
        assert text[m["start"]:m["end"]] == m["text"], (path, m["line"])
        line_start = text.rfind("\n", 0, m["start"]) + 1
        line_end = text.find("\n", m["end"])
        line = text[line_start:len(text) if line_end < 0 else line_end]
        index = text.count("\n", 0, m["start"])
        hits = []
        if fold(m["text"]) in words:
            hits.append("function word")
        if on_heading(lines, index):
            hits.append("heading")
        if any(a <= m["start"] and m["end"] <= b for a, b in spans):
            hits.append("math")
        if loosely_in_dollars(line, m["start"] - line_start):
            hits.append("between $ (loose)")
        if in_field_key(line, m["start"] - line_start, m["end"] - line_start):
            hits.append("inline-field key")
        for hit in hits:
            counts[hit] += 1
            if show:
                print(f"  {hit}: {path}:{m['line']} {m['text']!r}")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("vaults", type=Path, nargs="+")
    parser.add_argument("--vinculo", default="vinculo")
    parser.add_argument("--show", action="store_true", help="list every hit (path, line, text)")
    args = parser.parse_args()
    keys = ["function word", "heading", "math", "inline-field key", "between $ (loose)"]
    print(f"{'vault':<16} {'links':>6} " + " ".join(f"{k:>17}" for k in keys))
    for vault in args.vaults:
        counts = check(vault, args.vinculo, args.show)
        print(f"{vault.name:<16} {counts['links']:>6} "
              + " ".join(f"{counts[k]:>17}" for k in keys))


if __name__ == "__main__":
    main()
