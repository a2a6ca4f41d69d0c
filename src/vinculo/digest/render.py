"""A digest (the dict of :func:`vinculo.digest.compose.build_digest`) as text, Markdown or
HTML. Deterministic: the same digest gives the same bytes. Text reads well in a terminal and
as an e-mail's plain part; Markdown links with ``[[wikilinks]]`` so it can be pasted into the
vault; HTML links each person to their note with ``obsidian://`` URLs for the e-mail."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from vinculo.history import plan_words, wikilink
from vinculo.text import plural


def _day(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%a %d %b")


def title(digest: dict[str, Any]) -> str:
    """The heading and e-mail subject: "vinculo · Sun 29 Nov: 3 steps, 1 birthday"."""
    when = _day(digest["today"]) + ("" if digest["scope"] == "day" else " (week)")
    parts = [plural(len(digest["steps"]), "step")]
    for key, one, many in (("birthdays", "birthday", None), ("planned", "plan", None),
                           ("drifting", "drifting", "drifting")):
        if digest[key]:
            parts.append(plural(len(digest[key]), one, many))
    return f"vinculo · {when}: {', '.join(parts)}"


_WIKILINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")


def unlinked(text: str) -> str:
    """A why without its ``[[wikilinks]]``: each becomes the note's path in brackets
    ("last in person 2026-09-01 (Daily/2026-09-01)")."""
    return _WIKILINK.sub(lambda m: f"({m[1]})", text)


def _when(step: dict[str, Any]) -> str:
    return f"overdue since {step['due']}" if step["overdue"] else step["due"]


def _turns(birthday: dict[str, Any]) -> str:
    return f" (turns {birthday['turns']})" if birthday["turns"] else ""


def render_text(digest: dict[str, Any]) -> str:
    lines = [title(digest), ""]
    lines.append(f"Steps ({len(digest['steps'])})")
    if not digest["steps"]:
        lines.append("  Nothing due." if digest["scope"] == "day" else "  Nothing due this week.")
    for step in digest["steps"]:
        lines.append(f"  {_when(step)}  {step['contact']}: {step['text']}")
        lines.append(f"      why: {unlinked(step['why'])}")
    if digest["cities"]:
        lines += ["", "One trip, several people"]
        lines += [f"  {city}: {', '.join(names)}" for city, names in digest["cities"].items()]
    if digest["birthdays"]:
        lines += ["", f"Birthdays ({len(digest['birthdays'])})"]
        lines += [f"  {b['date']}  {b['contact']}{_turns(b)}" for b in digest["birthdays"]]
    if digest["planned"]:
        lines += ["", f"Planned ({len(digest['planned'])})"]
        lines += [f"  {p['date']}  {p['contact']}: {plan_words(p['channel'])} ({p['note']})"
                  for p in digest["planned"]]
    if digest["drifting"]:
        lines += ["", f"Drifting ({len(digest['drifting'])})"]
        lines += [f"  {d['contact']}: {d['why']}" for d in digest["drifting"]]
    return "\n".join(lines) + "\n"


def render_markdown(digest: dict[str, Any]) -> str:
    lines = [f"# {title(digest)}", "", f"## Steps ({len(digest['steps'])})", ""]
    if not digest["steps"]:
        lines.append("Nothing due.")
    for step in digest["steps"]:
        lines.append(f"- **{_when(step)}** · {wikilink(step['path'])} — {step['text']} "
                     f"`{step['kind']}`")
        lines.append(f"    - why: {step['why']}")
    if digest["cities"]:
        lines += ["", "## One trip, several people", ""]
        lines += [f"- {city}: {', '.join(names)}" for city, names in digest["cities"].items()]
    if digest["birthdays"]:
        lines += ["", f"## Birthdays ({len(digest['birthdays'])})", ""]
        lines += [f"- **{b['date']}** · {wikilink(b['path'])}{_turns(b)}"
                  for b in digest["birthdays"]]
    if digest["planned"]:
        lines += ["", f"## Planned ({len(digest['planned'])})", ""]
        lines += [f"- **{p['date']}** · {wikilink(p['path'])} — {plan_words(p['channel'])} "
                  f"{wikilink(p['note'])}" for p in digest["planned"]]
    if digest["drifting"]:
        lines += ["", f"## Drifting ({len(digest['drifting'])})", ""]
        lines += [f"- {wikilink(d['path'])}: {d['why']}" for d in digest["drifting"]]
    return "\n".join(lines) + "\n"


def _a(url: str, label: str) -> str:
    return f'<a href="{html.escape(url)}">{html.escape(label)}</a>'


def render_html(digest: dict[str, Any]) -> str:
    e = html.escape
    out = ["<!DOCTYPE html>", '<html><head><meta charset="utf-8">',
           f"<title>{e(title(digest))}</title></head>",
           '<body style="font-family: sans-serif; line-height: 1.4">',
           f"<h1>{e(title(digest))}</h1>", f"<h2>Steps ({len(digest['steps'])})</h2>"]
    if not digest["steps"]:
        out.append("<p>Nothing due.</p>")
    else:
        out.append("<ul>")
        for step in digest["steps"]:
            colour = ' style="color: #b00"' if step["overdue"] else ""
            out.append(f"<li><b{colour}>{e(_when(step))}</b> · {_a(step['url'], step['contact'])}"
                       f" — {e(step['text'])}<br><small>why: {e(unlinked(step['why']))}</small></li>")
        out.append("</ul>")
    if digest["cities"]:
        out += ["<h2>One trip, several people</h2>", "<ul>"]
        out += [f"<li>{e(city)}: {e(', '.join(names))}</li>"
                for city, names in digest["cities"].items()]
        out.append("</ul>")
    if digest["birthdays"]:
        out += [f"<h2>Birthdays ({len(digest['birthdays'])})</h2>", "<ul>"]
        out += [f"<li><b>{e(b['date'])}</b> · {_a(b['url'], b['contact'])}{e(_turns(b))}</li>"
                for b in digest["birthdays"]]
        out.append("</ul>")
    if digest["planned"]:
        out += [f"<h2>Planned ({len(digest['planned'])})</h2>", "<ul>"]
        out += [f"<li><b>{e(p['date'])}</b> · {_a(p['url'], p['contact'])} — "
                f"{e(plan_words(p['channel']))} ({_a(p['note_url'], p['note'])})</li>"
                for p in digest["planned"]]
        out.append("</ul>")
    if digest["drifting"]:
        out += [f"<h2>Drifting ({len(digest['drifting'])})</h2>", "<ul>"]
        out += [f"<li>{_a(d['url'], d['contact'])}: {e(d['why'])}</li>"
                for d in digest["drifting"]]
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


RENDERERS = {"text": render_text, "markdown": render_markdown, "html": render_html}
