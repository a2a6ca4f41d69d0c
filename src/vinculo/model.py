"""The data that flows through the pipeline, one way: scan → parse → contacts → mentions →
interactions → stages → suggestions → write-back.

Plain dataclasses with no behaviour beyond small conveniences, so plugins can build and read
them without importing anything else of ours.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any, Literal

__all__ = [
    "CHANNELS", "DIRECTIONS", "STAGES", "Channel", "CommandContext", "Contact", "Diagnostic",
    "Direction", "Drift", "History", "Interaction", "Mention", "NameVariant", "Note", "OpenLoop",
    "PaletteCommand", "Param", "Severity", "Stage", "Suggestion", "Template", "Vocabulary",
    "own_contact",
]

Severity = Literal["info", "warning", "error"]
Channel = Literal["social", "message", "call", "in_person"]
# Who moved: "out" (I wrote, I called), "in" (they wrote, they called), "both" (a meeting, a
# conversation, a reply). Unknown direction reads as "both": it holds nothing back.
Direction = Literal["out", "in", "both"]
DIRECTIONS: tuple[Direction, ...] = ("out", "in", "both")
CHANNELS: tuple[Channel, ...] = ("social", "message", "call", "in_person")
Stage = Literal["radar", "online", "voice", "in_person", "dormant"]
STAGES: tuple[Stage, ...] = ("radar", "online", "voice", "in_person", "dormant")


@dataclass(frozen=True)
class Diagnostic:
    """A problem in one note: reported to the user, never fatal to a run."""

    path: str  # relative to the vault, forward slashes
    message: str
    severity: Severity = "warning"
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class Note:
    """One Markdown file of the vault, read once.

    ``text`` is the decoded file (BOM removed, line endings as written). ``body_start`` is the
    character offset in ``text`` where the body begins (0 when there is no frontmatter), so
    every offset a later stage computes on ``text`` maps straight back to the file.
    """

    path: Path  # absolute
    rel: str  # relative to the vault, forward slashes
    raw: bytes
    text: str
    frontmatter: dict[str, Any]
    body_start: int
    has_bom: bool = False
    frontmatter_span: tuple[int, int] | None = None  # (start, end) of the YAML text in ``text``
    frontmatter_ok: bool = True  # False when the frontmatter exists but could not be read
    date: dt.date | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.path.stem

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def readable(self) -> bool:
        """False for binary, undecodable or oversized files: never analysed, never written."""
        return not any(d.severity == "error" for d in self.diagnostics)


@dataclass
class Contact:
    """A person: a contact note plus the properties vinculo reads from it."""

    note: Note
    name: str
    aliases: list[str] = field(default_factory=list)
    properties: dict[str, Any] = field(default_factory=dict)

    @property
    def rel(self) -> str:
        return self.note.rel


def own_contact(note: Note, contacts: dict[str, Contact]) -> Contact | None:
    """The contact whose own note ``note`` is, else None: contacts are keyed by their note's
    title, and another note with the same title (in another folder) is not theirs."""
    contact = contacts.get(note.title)
    return contact if contact is not None and contact.rel == note.rel else None


@dataclass(frozen=True)
class NameVariant:
    """One way a contact may be written, and how sure a match on it makes us.

    ``kind`` says where it comes from (``title``, ``alias``, ``first_name``, ``first_surname``,
    ``nickname`` or a plugin's own word); ``confident`` variants become links, the others only
    suggestions.
    """

    text: str
    kind: str
    confident: bool = True


@dataclass(frozen=True)
class Mention:
    """A place in a note where a contact is (probably) written."""

    note: str  # rel path of the note
    start: int  # character offsets into Note.text
    end: int
    surface: str  # the text as written
    target: str  # the contact's name (note title)
    level: Literal["link", "suggest"]
    reason: str  # e.g. "exact", "alias", "accent", "typo", "first_name", "ambiguous"
    line: int = 0
    candidates: tuple[str, ...] = ()  # for ambiguous mentions
    linked: bool = False  # already an explicit [[link]] in the note


@dataclass(frozen=True)
class Interaction:
    """A dated event with a contact through one channel: the evidence for every suggestion."""

    contact: str  # contact name
    date: dt.date
    channel: Channel
    note: str  # rel path of the note it came from
    line: int = 0
    text: str = ""
    confidence: Literal["link", "suggest"] = "link"
    direction: Direction = "both"
    # True for an event that may not have happened yet: an empty meeting note made for today
    # counts once its day has passed (or it gets content); until then it is a plan.
    tentative: bool = False


@dataclass(frozen=True)
class Drift:
    """A contact whose silence is past the band of their own usual gap."""

    usual_gap: int  # days between real interactions, as usual (median), or the tier's cadence
    ideal: int  # silence up to this is their rhythm
    maximum: int  # past this, the contact is drifting
    silence: int  # days since the last real interaction
    last: dt.date  # the last real interaction
    basis: str  # "history" (their own gaps) or "tier" (too little history: the tier's cadence)

    def describe(self, config: Any = None) -> str:
        """One line a person can check, the same every day of the drift: "last real contact
        2026-10-17; usually every 7 days, drifting after 14" (in the vault's language when
        given its ``config``)."""
        from vinculo.i18n import t

        text = ("last real contact {date}; usually every {days} days, drifting after {maximum}"
                if self.basis == "history" else
                "last real contact {date}; every {days} days for their tier, drifting after "
                "{maximum}")
        values = {"date": self.last.isoformat(), "days": self.usual_gap, "maximum": self.maximum}
        return t(config, text, **values) if config is not None else text.format(**values)

    def as_json(self) -> dict[str, object]:
        return {"usual_gap": self.usual_gap, "ideal": self.ideal, "maximum": self.maximum,
                "silence": self.silence, "last": self.last.isoformat(), "basis": self.basis}


@dataclass(frozen=True)
class OpenLoop:
    """An unchecked task somewhere in the vault that mentions a contact: something owed."""

    contact: str
    note: str  # rel path of the note the task lives in (tick it there)
    line: int  # 1-based
    text: str  # the task's text, as written


_date_of = attrgetter("date")  # an event's date: the histories' first and last, in C


@dataclass
class History:
    """Everything vinculo knows about one contact's relationship, derived from interactions."""

    contact: str
    interactions: list[Interaction] = field(default_factory=list)
    stage: Stage = "radar"
    # Events written for a day after today (a lunch in next Friday's daily note): plans, in
    # order. They are not evidence yet, so they are not in ``interactions``.
    planned: list[Interaction] = field(default_factory=list)
    # Unchecked tasks anywhere that mention them ("send Ana the article"), by note and line.
    open_loops: list[OpenLoop] = field(default_factory=list)
    # Silent well past their own usual gap (see vinculo.rhythm.is_drifting), set with the stage.
    drift: Drift | None = None

    def last(self, *channels: Channel) -> Interaction | None:
        """The latest event (of these channels, when given); the first of equals."""
        pool = (self.interactions if not channels
                else [i for i in self.interactions if i.channel in channels])
        return max(pool, key=_date_of) if pool else None

    @property
    def last_contact(self) -> dt.date | None:
        return max(map(_date_of, self.interactions), default=None)

    @property
    def last_in_person(self) -> dt.date | None:
        return max((i.date for i in self.interactions if i.channel == "in_person"), default=None)

    @property
    def first_contact(self) -> dt.date | None:
        return min(map(_date_of, self.interactions), default=None)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {c: 0 for c in CHANNELS}
        for i in self.interactions:
            out[i.channel] += 1
        return out

    def direction_counts(self) -> dict[str, dict[str, int]]:
        """Per channel, how many days went each way: ``{"message": {"out": 3, "in": 0, …}}``."""
        out: dict[str, dict[str, int]] = {c: {d: 0 for d in DIRECTIONS} for c in CHANNELS}
        for i in self.interactions:
            out[i.channel][i.direction] += 1
        return out

    @property
    def last_reply(self) -> dt.date | None:
        """The last day they moved too (``in`` or ``both``): an answer, a call, a meeting."""
        return max((i.date for i in self.interactions if i.direction != "out"), default=None)


@dataclass(frozen=True)
class Suggestion:
    """One next action for one contact, with the reason a person can check."""

    contact: str
    kind: str  # e.g. "call", "meet", "touch", "reconnect", "birthday", "cadence"
    due: dt.date
    text: str
    why: str
    evidence: str | None = None  # rel path of the note the evidence came from
    priority: int = 50  # lower comes first


def suggestion_order(s: Suggestion) -> tuple[dt.date, int, str, str]:
    """The one order suggestions are shown in, everywhere (contact blocks, the dashboard,
    ``suggest``, the digest, the palette): soonest first, then priority, then contact and
    kind so equal ones never swap between runs. Use as ``sorted(pool, key=suggestion_order)``."""
    return (s.due, s.priority, s.contact, s.kind)


@dataclass(frozen=True)
class Template:
    """A note template in Obsidian's Templates syntax ({{title}}, {{date}}, {{time}})."""

    name: str
    body: str
    description: str = ""
    folder: str | None = None  # where notes made from it go by default


@dataclass(frozen=True)
class Param:
    """One parameter of a palette command."""

    name: str
    prompt: str
    required: bool = True
    default: str | None = None
    choices: tuple[str, ...] = ()
    kind: str = "text"  # "text", "person", "note" or "date": how the palette helps to fill it


@dataclass(frozen=True)
class PaletteCommand:
    """A command for the command palette (and ``vinculo run``), contributed by a plugin."""

    id: str
    title: str
    description: str
    handler: Any  # Callable[[CommandContext, dict[str, str]], str | None]
    params: tuple[Param, ...] = ()


@dataclass
class CommandContext:
    """What a palette command's handler gets besides its parameters: where and when it runs.

    ``config`` is a :class:`vinculo.config.Config`, ``pm`` the plugin manager; ``note`` is the
    vault-relative path of the note the command was run on (``--note``), if any; a handler that
    writes must honour ``dry_run`` (``vinculo.palette.write`` does).
    """

    vault: Path
    config: Any
    pm: Any
    today: dt.date
    note: str | None = None
    dry_run: bool = False


@dataclass(frozen=True)
class Vocabulary:
    """Words of one language that mark events per channel, and words that mark intentions.

    ``events`` maps a channel to phrases ("llamé a", "had coffee with"); ``intents`` are
    phrases that turn a line into a plan, not an event ("tengo que", "need to").

    ``directions`` (optional) maps a direction to phrases that say who moved, searched in an
    event's clause: ``in`` ("me escribió", "called me", "got a message from"), ``out`` ("le
    escribí", "llamé"), ``both`` ("hablamos", "we"). A vocabulary without them still reads
    events; their direction then comes from word order (see ``plugins/interactions/reader.py``).

    ``tasks`` (optional) maps a channel to phrases read only at the start of a ticked task,
    where an instruction reports what was done: "- [x] Llamar a Sergio" is a call
    (``{"call": ("llamar a",)}``); the same words anywhere else are a to-do, not an event.

    Who takes part (all optional; phrases over folded text, like the others):
    ``topics`` are words after which a name is what the clause is about, not a party to it
    ("about", "sobre": "Emailed the landlord about Ana"); ``companions`` are words after which
    a name is someone the writer did something with ("with", "con"), and ``done`` patterns
    match a verb that reports something the writer did, matched on the lowercase clause with
    its accents ("\\w+ed", "\\w+[éí]"). A clause with no event phrase whose verb is ``done``
    by the writer (no other subject before it) and whose contact is a companion is a meeting,
    or a call or a message when the clause names that medium ("Grabbed a bite with Ana",
    "Estuve toda la tarde con Ana"). ``habitual`` patterns match a verb form, in an event
    phrase, that tells a habit or a background rather than that day's event (the Spanish
    imperfect: "cenaba con Ana", "siempre jugábamos con Ana").

    Tense and voice of the whole clause (optional, folded text): ``later`` phrases place a
    meeting or a call after the note's day ("next Friday", "para el jueves", "al martes"):
    when one follows the event with nothing in between that starts another part of the
    sentence ("to", "and", "para" + infinitive…), the clause is a plan ("Booked a table with
    Ana next Friday", "Hemos quedado con Ana para el jueves"); ``hearsay`` phrases open what
    someone else reports ("apparently", "told me", "según Ana,", "me dijo que"): a name after
    one is someone in their story, not a party to an event of mine; ``long_ago`` phrases
    ("back in 2011", "years ago", "en el 74") tell a memory, not the day's event, when they
    stand before the event or right after it.

    ``subject_verbs`` (optional, folded text): patterns for the word right after a name that
    makes the name the subject of a verb of its own ("could", "to", "reports", "quiere"): an
    event phrase later in the clause is then in that person's statement ("Ben reports the
    goal met", "Altan to implement …", "so Ben could take a break, DM to Jack"), not an event
    of mine with them — unless the writer comes in between ("Ana is in town and we had lunch").

    ``leads`` (optional, folded text): the words that open a leading clause of time or
    concession ("while", "although", "aunque", "despues de que"). Up to its comma, such a
    clause is another part of the sentence: its background, its plan or its failure is not the
    event told after it ("Aunque el turno fue un caos, alcancé a tomarme un café con Ana").

    ``achieved`` (optional, folded text): what makes an instruction after it (a ``tasks``
    phrase) something done: an achievement ("managed to", "finally got to") or how it felt
    ("great to", "so nice to"): "Managed to call Ana", "Lovely to see Ana". Anchor a phrase
    with ``^`` when only the clause's start may hold it.
    The verb's form (optional, one word, lowercase with its accents, like ``done``):
    ``future`` patterns match a form that tells a plan ("llamaré", "saldré"): a clause whose
    only verb is one is no event, even with no event phrase ("Saldré con Ana"); ``their_past``
    patterns match a past of someone other than the writer ("salió", "llamaron", "hizo"): a
    clause whose head holds one is their act, not an entry of mine ("Me salió un recuerdo con
    Ana"), and, after "me", their act on me.

    ``word_lists`` (optional) are named lists of folded word beginnings (stems: "recomend"
    stands for "recomendé", "recomendó"…) that the reader's shapes consult; a plugin adds
    to a list by naming it. ``not_on_me``: someone's verbs on me that are no time spent
    together (a feeling, money, a thing done about me elsewhere: "me gustó", "me pagó");
    ``not_with_them``: the writer's verbs on someone that need no meeting ("recomendé a",
    "voté a"); ``for_them``: the writer's acts done for someone rather than with them
    ("le compré", "le reservé"); ``only_present``: first persons plural that are only a
    present or a state ("estamos", "vivimos"); ``negations``: words that deny the verb after
    them ("no", "nunca"); ``figures``: what follows "me hizo", "me dio" as a figure of
    speech, not a thing done ("gracia", "pena"); ``attitudes``: what follows "le llevé",
    "le di" as an attitude, not a thing given ("la contraria", "la razón"); ``go_betweens``:
    what names who carried a message ("a través de"); ``settling``: what someone comes to do
    that is no visit ("vino a vivir"); ``made_things``: a thing someone posts or makes, that
    a later pronoun stands for ("un TikTok"); ``message_tries``: an attempt to write
    ("escribirle"); ``social_media``, ``message_media``: the medium a clause names when its
    event is read from its structure ("en Instagram", "mensajitos").
    """

    language: str
    events: dict[str, tuple[str, ...]]
    intents: tuple[str, ...] = ()
    directions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    tasks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    topics: tuple[str, ...] = ()
    companions: tuple[str, ...] = ()
    done: tuple[str, ...] = ()
    habitual: tuple[str, ...] = ()
    later: tuple[str, ...] = ()
    hearsay: tuple[str, ...] = ()
    long_ago: tuple[str, ...] = ()
    subject_verbs: tuple[str, ...] = ()
    leads: tuple[str, ...] = ()
    achieved: tuple[str, ...] = ()
    future: tuple[str, ...] = ()
    their_past: tuple[str, ...] = ()
    word_lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
