"""Generate vaults whose ground truth is every interaction: who, when, through which channel —
and every line that names a person without being an event.

Contacts are drawn with Faker (Spanish and English locales). Daily notes hold events in both
languages and all four channels, mixed with the traps: intentions ("tengo que llamar a…",
"need to call…"), unchecked tasks, quotes, embeds, cancellations, fenced code and comments
that use the same event words, and plain mentions. Meeting notes give events to their
attendees; undated project notes hold events with a date written on the line; contact notes
keep their own dated log. People are written as ``[[links]]``, ``[[Title|First]]`` aliases or
plain full names, so the score also depends a little on the linker.

``generate(root, contacts=200, days=400, seed=7)`` writes the vault and returns the truth::

    {"today": "2026-11-29",
     "events": [{"contact", "date", "channel", "note", "line"}],
     "non_events": [{"contact", "note", "line", "kind"}]}
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from faker import Faker

TODAY = dt.date(2026, 11, 29)
TOPICS = ["the workshop", "the podcast", "the mentoring network", "the newsletter", "pricing"]
PLACES = ["Lavapiés", "Gràcia", "Soho", "Triana", "Chamberí", "the office"]

EVENTS: dict[str, dict[str, list[str]]] = {
    "en": {
        "social": ["{n} liked my post about {t}", "{n} commented on my article about {t}",
                   "Shared {n}'s post on {t}"],
        "message": ["E-mailed {n} about {t}", "WhatsApp with {n} about {t}",
                    "Got a message from {n} about {t}", "Replied to {n}'s e-mail about {t}"],
        "call": ["Called {n} to talk about {t}", "Video call with {n}", "Zoom with {n} about {t}",
                 "Caught up with {n} over the phone"],
        "in_person": ["Had coffee with {n} in {p}", "Lunch with {n} in {p}",
                      "Met {n} at the meetup in {p}", "Grabbed a beer with {n} in {p}"],
    },
    "es": {
        "social": ["{n} comentó mi post sobre {t}", "Compartí el artículo de {n}",
                   "{n} compartió mi post"],
        "message": ["{n} me escribió por LinkedIn", "Le mandé un email a {n} sobre {t}",
                    "WhatsApp con {n} sobre {t}", "Respondí al correo de {n}"],
        "call": ["Llamé a {n} para hablar de {t}", "Videollamada con {n}", "{n} me llamó por {t}",
                 "Hablé por teléfono con {n}"],
        "in_person": ["Café con {n} en {p}", "Comida con {n} en {p}", "Cena con {n} en {p}",
                      "Desayuné con {n} en {p}", "Estuve con {n} en {p}"],
    },
}
TRAPS: dict[str, list[str]] = {
    "intent": ["Need to call {n} about {t}", "Should have coffee with {n} next week",
               "Want to e-mail {n} about {t}", "Tengo que llamar a {n}",
               "Pendiente: comida con {n}", "Me gustaría tomar un café con {n}",
               "No pude llamar a {n}"],
    "open_task": ["- [ ] Call {n}", "- [ ] Café con {n}", "- [ ] Lunch with {n} in {p}",
                  "- [ ] Llamé a {n}"],
    "quote": ["> Had coffee with {n}, says the book", "> Comida con {n} en {p}"],
    "cancelled": ["Comida con {n} cancelada", "Lunch with {n} was cancelled"],
    "mention": ["{n} writes a great newsletter", "Leí el último post de {n}"],
}
PROTECTED = ["```\ncall with {n}\n```", "%% café con {n} %%", "<!-- lunch with {n} -->",
             "![[{title}]] café"]
MEETING_CHANNELS = {"call": ["call", "zoom", "video"], "in_person": ["in_person", "presencial"]}


def _names(fake_es: Faker, fake_en: Faker, count: int) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    firsts: set[str] = set()
    while len(out) < count:
        fake = fake_es if len(out) % 2 else fake_en
        name = f"{fake.first_name()} {fake.last_name()}"
        first = name.split()[0]
        # Unique titles and unique first names keep the truth unambiguous.
        if name in seen or first in firsts or "'" in name:
            continue
        seen.add(name)
        firsts.add(first)
        out.append(name)
    return out


def _written(rng: random.Random, name: str) -> str:
    roll = rng.random()
    if roll < 0.5:
        return f"[[{name}]]"
    if roll < 0.8:
        return f"[[{name}|{name.split()[0]}]]"
    return name


def generate(root: Path, contacts: int = 200, days: int = 400, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    fake_es, fake_en = Faker("es_ES"), Faker("en_GB")
    fake_es.seed_instance(seed)
    fake_en.seed_instance(seed + 1)
    names = _names(fake_es, fake_en, contacts)
    truth: dict[str, Any] = {"today": TODAY.isoformat(), "events": [], "non_events": []}
    logs: dict[str, list[str]] = {n: [] for n in names}

    def event(name: str, day: dt.date, channel: str, rel: str, line: int) -> None:
        truth["events"].append({"contact": name, "date": day.isoformat(), "channel": channel,
                                "note": rel, "line": line})

    for offset in range(days, 0, -1):
        day = TODAY - dt.timedelta(days=offset)
        if rng.random() < 0.15:
            continue
        rel = f"Daily/{day.isoformat()}.md"
        lines = ["## Notes", ""]
        for _ in range(rng.randint(2, 6)):
            name = rng.choice(names)
            lang = rng.choice(["en", "es"])
            roll = rng.random()
            if roll < 0.55:
                channel = rng.choice(list(EVENTS[lang]))
                text = rng.choice(EVENTS[lang][channel])
                checked = rng.random() < 0.1
                lines.append(("- [x] " if checked else "- ") + text.format(
                    n=_written(rng, name), t=rng.choice(TOPICS), p=rng.choice(PLACES)))
                event(name, day, channel, rel, len(lines))
            elif roll < 0.9:
                kind = rng.choice(list(TRAPS))
                text = rng.choice(TRAPS[kind]).format(
                    n=_written(rng, name), t=rng.choice(TOPICS), p=rng.choice(PLACES))
                lines.append(text if text.startswith(("- [", ">")) else f"- {text}")
                truth["non_events"].append({"contact": name, "note": rel, "line": len(lines),
                                            "kind": kind})
            else:
                text = rng.choice(PROTECTED).format(n=_written(rng, name), title=name)
                lines.append("")
                for part in text.split("\n"):
                    lines.append(part)
                    truth["non_events"].append({"contact": name, "note": rel,
                                                "line": len(lines), "kind": "protected"})
                lines.append("")
        _write(root / rel, "\n".join(lines) + "\n")

        if rng.random() < 0.12:  # a meeting note
            attendees = rng.sample(names, rng.randint(1, 3))
            channel = rng.choice(list(MEETING_CHANNELS))
            declared = rng.choice(MEETING_CHANNELS[channel])
            mrel = f"Meetings/{day.isoformat()} {rng.choice(TOPICS).title()}.md"
            links = ", ".join(f'"[[{a}]]"' for a in attendees)
            _write(root / mrel, f"---\ndate: {day.isoformat()}\nattendees: [{links}]\n"
                                f"channel: {declared}\n---\n# Meeting\n\nAgenda and notes.\n")
            for a in attendees:
                event(a, day, channel, mrel, 1)

        if rng.random() < 0.05:  # a contact's own dated log line
            name = rng.choice(names)
            logs[name].append(f"- {day.isoformat()}: café con ella en {rng.choice(PLACES)}")
            event(name, day, "in_person", f"People/{name}.md", 0)

    # Undated project notes: the date is written on the line.
    for i in range(max(1, days // 40)):
        rel = f"Projects/Project {i}.md"
        lines = ["# Project", ""]
        for _ in range(5):
            name = rng.choice(names)
            day = TODAY - dt.timedelta(days=rng.randint(1, days))
            lines.append(f"- {day.isoformat()}: Called {_written(rng, name)} about the budget")
            event(name, day, "call", rel, len(lines))
        _write(root / rel, "\n".join(lines) + "\n")

    for name in names:
        body = "\n".join(logs[name])
        _write(root / f"People/{name}.md",
               f"---\ntype: person\nconnected: 2024-01-01\n---\n# {name}\n\n{body}\n")
    (root / "vinculo.toml").write_text('[ladder]\n', encoding="utf-8")
    return truth


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/vaults/history")
    data = generate(target)
    (target.parent / f"{target.name}.truth.json").write_text(json.dumps(data, indent=1))
    print(f"{target}: {len(data['events'])} events, {len(data['non_events'])} traps")
