"""Before you meet: one page about one person, from the vault.

Who they are (their properties), the last interactions by channel with their lines, what you
owe them (open loops), what is planned, what they shared or you talked about last, the next
steps. ``vinculo brief NAME`` prints it (``--json`` for scripts; ``--into NOTE`` writes it into
a meeting note through the safe write path), and the palette has it as "Brief before a
meeting".

Written into a note, the brief is a folded callout between ``<!-- vinculo:brief:start -->``
and ``<!-- vinculo:brief:end -->``: running it again replaces it, the rest of the note is
untouched, and, being a quote, none of its lines is read as an event or an open loop.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from vinculo.config import Config
from vinculo.history import plan_words, wikilink
from vinculo.i18n import t
from vinculo.linking import link_text
from vinculo.model import CHANNELS, Interaction
from vinculo.rhythm import topic_of

if TYPE_CHECKING:
    from vinculo.pipeline import Index

PER_CHANNEL = 3
TOPICS = 5
PROPERTIES = ("company", "role", "city", "met_via", "connected", "birthday", "tier", "cadence",
              "meet_every", "dates")
START, END = "<!-- vinculo:brief:start -->", "<!-- vinculo:brief:end -->"


def _value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_value(v) for v in value]
    return value


def _event(i: Interaction) -> dict[str, Any]:
    return {"date": i.date.isoformat(), "channel": i.channel, "direction": i.direction,
            "note": i.note, "line": i.line, "text": topic_of(i, 200)}


def brief_data(index: Index, name: str) -> dict[str, Any]:
    """Everything the brief shows about ``name`` (a contact of ``index``), as plain data: the
    schema of ``vinculo brief --json``."""
    contact, history = index.contacts[name], index.histories[name]
    props = {k: _value(contact.properties[k]) for k in PROPERTIES
             if contact.properties.get(k) not in (None, "", [])}
    by_channel = {
        channel: [_event(i) for i in reversed(history.interactions) if i.channel == channel]
        [:PER_CHANNEL]
        for channel in CHANNELS
    }
    topics: list[dict[str, str]] = []
    for i in reversed(history.interactions):
        topic = topic_of(i)
        if topic and topic not in [t["text"] for t in topics]:
            topics.append({"date": i.date.isoformat(), "text": topic, "note": i.note})
        if len(topics) == TOPICS:
            break
    return {
        "name": name, "path": contact.rel, "link_target": index.links.target(name),
        "aliases": list(contact.aliases),
        "properties": props, "stage": history.stage,
        "last_contact": _iso(history.last_contact), "last_in_person": _iso(history.last_in_person),
        "last_reply": _iso(history.last_reply),
        "drift": history.drift.as_json() if history.drift else None,
        "counts": history.counts(), "directions": history.direction_counts(),
        "last_by_channel": {c: v for c, v in by_channel.items() if v},
        "talked_about": topics,
        "open_loops": [{"text": lp.text, "note": lp.note, "line": lp.line}
                       for lp in history.open_loops],
        "planned": [{"date": p.date.isoformat(), "channel": p.channel, "note": p.note}
                    for p in history.planned],
        "next_steps": [{"kind": s.kind, "due": s.due.isoformat(), "text": s.text, "why": s.why}
                       for s in index.suggestions.get(name, [])],
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


CHANNEL_TITLES = {"in_person": "In person", "call": "Calls", "message": "Messages",
                  "social": "Online"}
WAYS = {"out": "you", "in": "they", "both": "both"}


def render_brief(data: dict[str, Any], config: Config) -> str:
    """The brief as Markdown lines, in the vault's language."""
    def say(template: str, /, **values: Any) -> str:
        return t(config, template, **values)

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.append(f"- {say(title)}:")
            lines.extend(f"    - {item}" for item in items)

    lines = [f"**{data['name']}** · {say(STAGE_WORDS[data['stage']])}"
             + (f" · aka {', '.join(data['aliases'])}" if data["aliases"] else "")]
    for key, value in data["properties"].items():
        shown = ", ".join(f"{k} {v}" for k, v in value.items()) if isinstance(value, dict) else value
        lines.append(f"- {key.replace('_', ' ')}: {shown}")
    lines.append("- " + say("last contact: {last} · in person: {met} · their last reply: {reply}",
                            last=data["last_contact"] or "—", met=data["last_in_person"] or "—",
                            reply=data["last_reply"] or "—"))
    if data["drift"]:
        drift = data["drift"]
        lines.append("- " + say("drifting: last real contact {date}, usually every {days} days",
                                date=drift["last"], days=drift["usual_gap"]))
    for channel in ("in_person", "call", "message", "social"):
        section(CHANNEL_TITLES[channel],
                [f"{e['date']} ({say(WAYS[e['direction']])}) {e['text']} {wikilink(e['note'])}"
                 for e in data["last_by_channel"].get(channel, [])])
    section("Open loops", [f"{lp['text']} {wikilink(lp['note'])}" for lp in data["open_loops"]])
    section("Planned", [f"{p['date']} {say(plan_words(p['channel']))} {wikilink(p['note'])}"
                        for p in data["planned"]])
    section("Last talked about", [f"{x['date']}: {x['text']}" for x in data["talked_about"]])
    section("Next steps", [f"{s['text']} ({say('due {date}', date=s['due'])})"
                           for s in data["next_steps"]])
    return "\n".join(lines) + "\n"


STAGE_WORDS = {"radar": "radar", "online": "online", "voice": "voice", "in_person": "in person",
               "dormant": "dormant"}


def brief_section(data: dict[str, Any], today: dt.date, config: Config) -> str:
    """The brief as a folded callout between its markers, for a meeting note."""
    body = render_brief(data, config).splitlines()
    link = link_text(data.get("link_target") or data["name"], data["name"])
    head = f"> [!abstract]- Brief: {link} ({today.isoformat()})"
    return "\n".join([START, head, *(f"> {line}" if line else ">" for line in body), END]) + "\n"


def with_brief(text: str, section: str) -> str:
    """``text`` with its brief replaced by ``section`` (or ``section`` appended at the end)."""
    start = text.find(START)
    end = text.find(END, start) if start >= 0 else -1
    if start >= 0 and end >= 0:
        tail = end + len(END)
        if text[tail:tail + 2] == "\r\n":
            tail += 2
        elif text[tail:tail + 1] == "\n":
            tail += 1
        return text[:start] + section + text[tail:]
    if text and not text.endswith("\n"):
        text += "\n"
    return text + ("\n" if text.strip() else "") + section
