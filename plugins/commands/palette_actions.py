"""The built-in palette commands: log an interaction, who to see this week, link mentions in
one note, new contact, new meeting, snooze a contact, open the dashboard note.

Each is an ordinary plugin contribution (``register_palette_commands``); every write goes
through the safe write path and honours ``--dry-run``.
"""

from __future__ import annotations

import datetime as dt
import shlex

from vinculo.config_schema import Section, Setting
from vinculo.hookspecs import hookimpl
from vinculo.model import CHANNELS, CommandContext, PaletteCommand, Param, suggestion_order
from vinculo.name_lookup import resolve_contact
from vinculo.obsidian import note_line, open_url
from vinculo.palette import CommandError, write
from vinculo.palette.daily import append_under_heading, daily_rel, log_heading, new_daily_text
from vinculo.vault import read_note

# How a logged interaction reads in the daily note: phrases the vocabulary plugins read as
# events of that channel, so the next sync counts the line like one typed by hand.
LOG_PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "social": "Commented on a post by {link}",
        "message": "Messaged {link}",
        "call": "Called {link}",
        "in_person": "Met {link} in person",
    },
    "es": {
        "social": "Le comenté un post a {link}",
        "message": "Le escribí a {link}",
        "call": "Llamé a {link}",
        "in_person": "Quedé con {link} en persona",
    },
}


def _now(ctx: CommandContext) -> dt.datetime:
    return dt.datetime.combine(ctx.today, dt.datetime.now().time().replace(microsecond=0))


def _contacts(ctx: CommandContext) -> dict:
    from vinculo.newnotes import vault_contacts

    return vault_contacts(ctx.vault, ctx.config, ctx.pm)


def _person(ctx: CommandContext, query: str, contacts: dict | None = None) -> str:
    """The contact ``query`` names; AmbiguousName or NameNotFound (one line each) if not one."""
    return resolve_contact(query, contacts if contacts is not None else _contacts(ctx))


def _read(ctx: CommandContext, rel: str):
    """The note at ``rel`` read as every stage reads notes (size limit, symlinks), or None."""
    path = ctx.vault / rel
    return read_note(ctx.vault, path, rel, ctx.config) if path.exists() else None


# --- handlers ----------------------------------------------------------------------------------


def log_interaction(ctx: CommandContext, params: dict[str, str]) -> str:
    """Append "Called [[Ana García]]" (in the vault's language) to that day's daily note."""
    from vinculo.linking import contact_link
    from vinculo.newnotes import vault_people
    from vinculo.writeback import FileChange, to_bytes

    contacts, paths = vault_people(ctx.vault, ctx.config, ctx.pm)
    name = _person(ctx, params["person"], contacts)
    day = dt.date.fromisoformat(params["date"])
    if day > ctx.today:
        raise CommandError(f"{day.isoformat()} has not happened yet: log what did happen")
    language = str(ctx.config.get("palette.language", "en"))
    phrases = LOG_PHRASES.get(language, LOG_PHRASES["en"])
    line = "- " + phrases[params["channel"]].format(link=contact_link(name, paths))
    if params.get("what"):
        line += ": " + " ".join(params["what"].split())  # one line, whatever was pasted
    rel = daily_rel(ctx.config, day)
    note = _read(ctx, rel)
    heading = log_heading(ctx.config)
    if note is None:
        text = new_daily_text(ctx.vault, ctx.config, day, _now(ctx))
        change = FileChange(rel, None, append_under_heading(text, heading, line).encode("utf-8"),
                            reason="log interaction")
    else:
        if not note.readable:
            raise CommandError(f"{rel}: {note.diagnostics[0].message}")
        after = to_bytes(note, append_under_heading(note.text, heading, line))
        change = FileChange(rel, note.raw, after, reason="log interaction")
    return write(ctx, [change], f"Logged in {note_line(ctx.vault, rel)}\n{line}")


def who_to_see(ctx: CommandContext, params: dict[str, str]) -> str:
    """Suggestions due within the next days, soonest first, each with its why."""
    from vinculo.pipeline import build_index

    try:
        days = int(params.get("days") or 7)
    except ValueError:
        raise CommandError(f"days must be a whole number, not {params['days']!r}") from None
    index = build_index(ctx.vault, ctx.config, ctx.pm, ctx.today)
    horizon = ctx.today + dt.timedelta(days=days)
    due = sorted(
        (s for batch in index.suggestions.values() for s in batch if s.due <= horizon),
        key=suggestion_order,
    )
    if not due:
        return f"Nobody is due in the next {days} days."
    lines = [f"Due by {horizon.isoformat()}:"]
    for s in due:
        rel = index.contacts[s.contact].rel if s.contact in index.contacts else None
        lines.append(f"- {s.due.isoformat()}  {s.contact}: {s.text} (why: {s.why})")
        if rel:
            lines.append(f"  {open_url(ctx.vault, rel)}")
    return "\n".join(lines)


def link_mentions(ctx: CommandContext, params: dict[str, str]) -> str:
    """Turn the confident mentions of people in one note into [[links]]."""
    from vinculo.contacts import build_contacts
    from vinculo.linking import link_paths, link_spans
    from vinculo.mentions import find_mentions
    from vinculo.vault import scan_vault
    from vinculo.writeback import FileChange, replace_spans

    rel = params["note"]
    scan = scan_vault(ctx.vault, ctx.config)  # every note: contacts may live anywhere
    note = scan.by_rel().get(rel)
    if note is None:
        raise CommandError(f"{rel} is not read as a note (ignored folder or not Markdown)")
    if not note.readable:
        raise CommandError(f"{rel}: {note.diagnostics[0].message}")
    contacts = build_contacts(scan.notes, ctx.pm, ctx.config)
    paths = link_paths((n.rel for n in scan.notes), contacts)
    mentions = find_mentions([note], contacts, ctx.pm, ctx.config, paths).get(rel, [])
    spans = link_spans(note, mentions, ctx.config, paths)
    if not spans:
        return f"Nothing to link in {note_line(ctx.vault, rel)}"
    change = FileChange(rel, note.raw, replace_spans(note, spans), reason=f"{len(spans)} links")
    return write(ctx, [change], f"Linked {len(spans)} mention(s) in {note_line(ctx.vault, rel)}")


def new_contact(ctx: CommandContext, params: dict[str, str]) -> str:
    """A contact note from the Contact template, with the properties given."""
    from vinculo.newnotes import NearDuplicate
    from vinculo.newnotes import new_contact as make
    from vinculo.writeback import FileChange

    props = {k: params.get(k) for k in ("city", "company", "met_via")}
    try:
        note = make(ctx.vault, ctx.config, ctx.pm, params["name"], _now(ctx), props)
    except NearDuplicate as exc:
        raise CommandError(f"{exc}; to create it anyway: vinculo new contact "
                           f"{shlex.quote(params['name'])} {shlex.quote(str(ctx.vault))} --force"
                           ) from None
    done = write(ctx, [FileChange(note.rel, None, note.data, reason="new contact")],
                 f"Created {note_line(ctx.vault, note.rel)}")
    return "\n".join([*(f"warning: {w}" for w in note.warnings), done])


def new_meeting(ctx: CommandContext, params: dict[str, str]) -> str:
    """A meeting note with its attendees (comma-separated names, fuzzy) as [[links]]."""
    from vinculo.newnotes import new_meeting as make
    from vinculo.writeback import FileChange

    contacts = _contacts(ctx)
    names = [n.strip() for n in params.get("with", "").split(",") if n.strip()]
    attendees = [_person(ctx, n, contacts) for n in names]
    note = make(ctx.vault, ctx.config, ctx.pm, params["title"], attendees, _now(ctx))
    return write(ctx, [FileChange(note.rel, None, note.data, reason="new meeting")],
                 f"Created {note_line(ctx.vault, note.rel)}")


def snooze(ctx: CommandContext, params: dict[str, str]) -> str:
    """Set ``snooze_until`` on a contact: no suggestions for them until that day."""
    from vinculo.writeback import FileChange, WriteBackError, set_properties

    contacts = _contacts(ctx)
    name = _person(ctx, params["person"], contacts)
    until = dt.date.fromisoformat(params["until"])
    if until <= ctx.today:
        raise CommandError(f"snooze until a day after today ({ctx.today.isoformat()})")
    note = contacts[name].note
    try:
        after = set_properties(note, {"snooze_until": until})
    except WriteBackError as exc:
        raise CommandError(f"{note.rel}: {exc}") from None
    if after == note.raw:
        return f"{name} is already snoozed until {until.isoformat()}."
    change = FileChange(note.rel, note.raw, after, reason="snooze")
    return write(ctx, [change], f"Snoozed {name} until {until.isoformat()}: "
                                f"{note_line(ctx.vault, note.rel)}")


def open_dashboard(ctx: CommandContext, params: dict[str, str]) -> str:
    """The dashboard note's obsidian:// URL (a click opens it in Obsidian)."""
    rel = ctx.config.folder("dashboard") or "vinculo/Dashboard.md"
    rel = rel if rel.endswith(".md") else rel + ".md"
    line = f"Dashboard: {note_line(ctx.vault, rel)}"
    if not (ctx.vault / rel).is_file():
        line += "\n(not written yet: vinculo sync writes it)"
    return line


PERSON = Param("person", "Who", kind="person")
COMMANDS = (
    PaletteCommand(
        "log-interaction", "Log an interaction",
        "Append a call, message, online touch or meeting with someone to that day's daily note.",
        log_interaction,
        (PERSON, Param("channel", "Channel", choices=CHANNELS),
         Param("date", "When", default="today", kind="date"),
         Param("what", "What about", required=False)),
    ),
    PaletteCommand(
        "who-to-see", "Who to see this week",
        "The next steps due in the coming days, soonest first, each with its reason.",
        who_to_see, (Param("days", "How many days ahead", required=False, default="7"),),
    ),
    PaletteCommand(
        "link-mentions", "Link mentions in this note",
        "Turn the confident mentions of people in one note into [[links]].",
        link_mentions, (Param("note", "Note", kind="note"),),
    ),
    PaletteCommand(
        "new-contact", "New contact",
        "Create a contact note from the Contact template (warns about near-duplicates).",
        new_contact,
        (Param("name", "Name"), Param("city", "City", required=False),
         Param("company", "Company", required=False),
         Param("met_via", "Met via", required=False)),
    ),
    PaletteCommand(
        "new-meeting", "New meeting",
        "Create a meeting note with its attendees as [[links]].",
        new_meeting,
        (Param("title", "Title"), Param("with", "With (names, comma-separated)", required=False)),
    ),
    PaletteCommand(
        "snooze", "Snooze a contact",
        "No suggestions for someone until a date (sets snooze_until in their note).",
        snooze, (PERSON, Param("until", "Until", default="+30d", kind="date")),
    ),
    PaletteCommand(
        "open-dashboard", "Open the dashboard note",
        "Print the obsidian:// link of the dashboard note.",
        open_dashboard,
    ),
)


@hookimpl
def register_palette_commands() -> list[PaletteCommand]:
    return list(COMMANDS)


@hookimpl
def register_settings() -> list[Section]:
    return [Section("palette", (
        Setting("language", "text", "en", "the language interactions are logged in"),))]
