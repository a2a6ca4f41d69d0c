"""The vault's language for what vinculo writes: suggestions, whys, blocks, the dashboard.

``[ui] language`` (``es`` or ``en``) decides; without it, the language the vault's notes are
written in, detected from the lines its events were read from (:func:`detect`), and English
when they do not say so clearly. Every text is written in English in the code and looked up
here (:func:`t`): a language is one more catalogue.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from vinculo.config import Config
from vinculo.text import fold, plural

LANGUAGES = ("en", "es")

ES: dict[str, str] = {
    # no_cold_pitch
    "Light touch with {name}: {what} (no pitch)": "Toque ligero con {name}: {what} (sin vender nada)",
    "comment on or share their work": "comenta o comparte algo suyo",
    "pick up on “{topic}” ({date})": "retoma “{topic}” ({date})",
    "connected {date} ({age} ago)": "conectasteis el {date} (hace {age})",
    "no connection date": "sin fecha de conexión",
    "no interaction yet": "aún sin interacción",
    "{count} online interaction(s)": "{count} interacción(es) online",
    ": younger than {limit} days, so no pitch, call or meeting yet":
        ": menos de {limit} días, así que aún nada de vender, llamar ni quedar",
    # virtual_to_physical
    "Propose a call to {name}": "Propón una llamada a {name}",
    "online only since {date}: {parts}, never a call; last {last} ({channel}) {link}":
        "solo online desde el {date}: {parts}, ninguna llamada; la última el {last} ({channel}) {link}",
    "Meet {name} in person{place}": "Queda en persona con {name}{place}",
    "{calls}, never met in person; last call {date} {link}":
        "{calls}, nunca en persona; última llamada el {date} {link}",
    " in {city}": " en {city}",
    " in {city}, when you travel there": " en {city}, cuando viajes allí",
    # cadence
    "See {name} again{place}": "Vuelve a ver a {name}{place}",
    "last in person {date} {link}; last real contact {last}; {rule}":
        "en persona por última vez el {date} {link}; último contacto real el {last}; {rule}",
    "every {days} days": "cada {days} días",
    # in-person clock
    "Meet {name} in person again{place}": "Vuelve a quedar en persona con {name}{place}",
    "last met {date} {link}; {then}; meet every {days} days":
        "os visteis por última vez el {date} {link}; {then}; en persona cada {days} días",
    "since then {kept}, last {last} {link}": "desde entonces {kept}, lo último el {last} {link}",
    "nothing since": "nada desde entonces",
    # reconnect
    "Reconnect with {name}: {step}": "Reconecta con {name}: {step}",
    "a call to catch up": "una llamada para poneros al día",
    "a message to catch up": "un mensaje para poneros al día",
    "a light online touch ({what})": "un toque ligero online ({what})",
    "no interaction for {days} days; last {date} ({channel}) {link}; the relationship had reached {rung}":
        "{days} días sin interacción; la última el {date} ({channel}) {link}; la relación había "
        "llegado a {rung}",
    # birthdays and dates
    "Call {name}: birthday on {day}": "Llama a {name}: cumpleaños el {day}",
    "Send a birthday message to {name}: birthday on {day}":
        "Manda un mensaje a {name}: cumpleaños el {day}",
    "birthday property: {day}": "propiedad birthday: {day}",
    "Call {name}: {label} on {day}": "Llama a {name}: {label} el {day}",
    "Send a message to {name}: {label} on {day}": "Manda un mensaje a {name}: {label} el {day}",
    "{where} property: {label} {day}": "propiedad {where}: {label} {day}",
    # reciprocity
    "{parts} since {date}, no reply: give them room":
        "{parts} desde el {date}, sin respuesta: dale espacio",
    "Light touch with {name}, no ask{about}": "Toque ligero con {name}, sin pedir nada{about}",
    "{held}; last {date} ({channel}) {link}; at most a light touch from {quiet}":
        "{held}; lo último el {date} ({channel}) {link}; como mucho un toque ligero desde el {quiet}",
    # drift
    "Check in with {name}": "Escribe a {name} para saber qué tal",
    "drifting: {drift}; last {channel} {link}": "alejándose: {drift}; lo último ({channel}) {link}",
    "last real contact {date}; usually every {days} days, drifting after {maximum}":
        "último contacto real el {date}; lo habitual, cada {days} días; alejándose pasados {maximum}",
    "last real contact {date}; every {days} days for their tier, drifting after {maximum}":
        "último contacto real el {date}; cada {days} días por su nivel; alejándose pasados {maximum}",
    # pacing
    "; due {due} by the ladder, planned for {day}": "; tocaba el {due}, planificado para el {day}",
    "; also to see in {city} this week: {others}": "; también por ver en {city} esta semana: {others}",
    # block
    "why": "por qué",
    "Planned: {what} on {date} {link}": "Previsto: {what} el {date} {link}",
    "Drifting: {drift}": "Alejándose: {drift}",
    "Open: {text} {link}": "Pendiente: {text} {link}",
    "**Done**": "**Hecho**",
    "online": "online",
    "a message": "un mensaje",
    "a call": "una llamada",
    "in person": "en persona",
    # dashboard
    "*Week of {date}. Written by vinculo: edits inside this block are replaced on the next run.*":
        "*Semana del {date}. Lo escribe vinculo: lo que edites dentro de este bloque se "
        "reemplaza en la próxima pasada.*",
    "This week ({count})": "Esta semana ({count})",
    "Nothing due this week.": "Nada pendiente esta semana.",
    "overdue since {date}": "atrasado desde el {date}",
    "One trip, several people": "Un viaje, varias personas",
    "Already planned ({count})": "Ya previsto ({count})",
    "Drifting ({count})": "Alejándose ({count})",
    "Open loops ({count})": "Pendientes ({count})",
    "Contacts by stage": "Contactos por etapa",
    "last contact {date}": "último contacto {date}",
    "Radar": "Radar", "Online": "Online", "Voice": "Voz", "In person": "En persona",
    "Dormant": "Dormido",
    "a light, personal touch": "un toque ligero y personal",
    "nurture, then propose a call": "cuida la relación, luego propón una llamada",
    "propose meeting in person": "propón quedar en persona",
    "keep the cadence": "mantén la cadencia",
    "reconnect, one rung lower": "reconecta, un peldaño más abajo",
    # brief
    "last contact: {last} · in person: {met} · their last reply: {reply}":
        "último contacto: {last} · en persona: {met} · su última respuesta: {reply}",
    "drifting: last real contact {date}, usually every {days} days":
        "alejándose: último contacto real el {date}, lo habitual cada {days} días",
    "Calls": "Llamadas", "Messages": "Mensajes",
    "you": "tú", "they": "ella/él", "both": "ambos",
    "Open loops": "Pendientes", "Planned": "Previsto", "Last talked about": "De qué hablasteis",
    "Next steps": "Próximos pasos", "due {date}": "para el {date}",
    "voice": "voz", "dormant": "dormido", "radar": "radar",
}

# Nouns counted in whys: (singular, plural) per language.
NOUNS_ES = {
    "message": ("mensaje", "mensajes"), "call": ("llamada", "llamadas"),
    "social interaction": ("interacción online", "interacciones online"),
    "online interaction": ("interacción online", "interacciones online"),
    "day": ("día", "días"),
}
CHANNELS_ES = {"social": "online", "message": "mensaje", "call": "llamada", "in_person": "en persona"}
RUNGS_ES = {"radar": "el radar", "online": "online", "voice": "la voz", "in_person": "en persona"}
MONTHS_ES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
             "septiembre", "octubre", "noviembre", "diciembre")


def language(config: Config) -> str:
    """``es`` or ``en``: ``[ui] language``, else the language detected from the notes."""
    chosen = config.get("ui.language")
    if isinstance(chosen, str) and chosen.strip().lower()[:2] in LANGUAGES:
        return chosen.strip().lower()[:2]
    detected = getattr(config, "detected_language", None)
    return detected if detected in LANGUAGES else "en"


def t(config: Config, template: str, /, **values: Any) -> str:
    """``template`` (English) in the vault's language, with ``values`` filled in."""
    if language(config) == "es":
        template = ES.get(template, template)
    return template.format(**values) if values else template


def count(config: Config, n: int, noun: str) -> str:
    """"3 messages" / "3 mensajes"."""
    if language(config) == "es" and noun in NOUNS_ES:
        one, many = NOUNS_ES[noun]
        return plural(n, one, many)
    return plural(n, noun)


def join(config: Config, parts: list[str]) -> str:
    return (" y " if language(config) == "es" else " and ").join(parts)


def channel(config: Config, name: str) -> str:
    """A channel as a why names it: ``call`` / ``llamada``."""
    return CHANNELS_ES.get(name, name) if language(config) == "es" else name


def rung(config: Config, stage: str) -> str:
    return RUNGS_ES.get(stage, stage) if language(config) == "es" else stage.replace("_", " ")


def day_month(config: Config, day: dt.date, short: bool = True) -> str:
    """"12 Dec" / "12 December", "12 dic" / "12 de diciembre"."""
    if language(config) == "es":
        month = MONTHS_ES[day.month - 1]
        return f"{day.day:02d} {month[:3]}" if short else f"{day.day:02d} de {month}"
    return day.strftime("%d %b" if short else "%d %B")


# --- detection ------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z]+")
_ES_WORDS = frozenset("con de del la el los las que por para y me le se una un su sus lo al "
                      "hablamos quedamos llame escribi nos mensaje llamada cafe comida cena "
                      "sobre pero muy".split())
_EN_WORDS = frozenset("with the and to of my for about a an on her his their had was we "
                      "called met coffee lunch dinner wrote messaged call".split())


def detect(lines: Iterable[str], minimum: int = 12, share: float = 2 / 3) -> str | None:
    """The language most of ``lines`` are written in, when at least ``minimum`` lines say
    so and ``share`` of them agree; else None (too little to go by)."""
    votes = {"es": 0, "en": 0}
    for line in lines:
        words = _WORD.findall(fold(line))
        es = sum(w in _ES_WORDS for w in words)
        en = sum(w in _EN_WORDS for w in words)
        if es != en:
            votes["es" if es > en else "en"] += 1
    total = votes["es"] + votes["en"]
    if total < minimum:
        return None
    best = max(votes, key=lambda k: votes[k])
    return best if votes[best] >= share * total else None
