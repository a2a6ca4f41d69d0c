"""People from any source into contact notes: match, fill the gaps, or create.

Every person importer (LinkedIn, vCard, …) turns its rows into :class:`PersonRecord` and hands
them to :class:`PeoplePlanner`, so matching and merging behave the same whatever the source.
A record matches an existing contact by profile URL, then e-mail, then a fuzzy name (folded,
high threshold); a near miss is never merged (merging the wrong person is worse than a
duplicate the user can see): it is created, and the report names the contact it resembles. A merge only fills properties that are empty: what
the user wrote is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vinculo.importing.base import Action, ImportContext
from vinculo.importing.names import email_key, name_key, safe_title, url_key
from vinculo.importing.notes import new_contact_note, unique_rel
from vinculo.importing.writing import fill_properties
from vinculo.model import Contact, Note
from vinculo.notes import parse_note
from vinculo.writeback.errors import PropertyError

# Properties a person importer may fill, in the order a new note lists them.
PERSON_KEYS = (
    "aliases", "company", "role", "city", "met_via", "connected", "birthday", "email", "phone",
    "linkedin",
)
MERGE_SCORE = 97  # folded names this close are the same person (a typo in a long name)
DOUBT_SCORE = 85  # this close but below MERGE_SCORE: reported, not merged


@dataclass
class PersonRecord:
    """One person as another system knows them; ``line`` is where the row starts."""

    name: str
    line: int
    properties: dict[str, Any] = field(default_factory=dict)
    emails: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)


def is_empty(value: Any) -> bool:
    """True when a property holds nothing a person wrote: missing, null, blank or empty list."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | dict | set):
        return not any(not is_empty(v) for v in (value.values() if isinstance(value, dict) else value))
    return False


def property_values(value: Any) -> list[str]:
    """A property's values as strings, whether it holds one value or a list (empty ones dropped)."""
    if is_empty(value):
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if not is_empty(v)]
    return [str(value)]


@dataclass
class _Match:
    contact: Contact | None
    how: str = ""
    doubt: str = ""


class ContactMatcher:
    """Finds the contact a record is about, by URL, e-mail, then fuzzy folded name."""

    def __init__(self, contacts: dict[str, Contact]) -> None:
        self.by_url: dict[str, Contact] = {}
        self.by_email: dict[str, Contact] = {}
        self.by_name: dict[str, Contact] = {}
        self.sorted_names: list[str] = []  # by_name keys with their words sorted, for rapidfuzz
        self.by_sorted: dict[str, str] = {}
        for contact in contacts.values():
            self.add(contact)

    def add(self, contact: Contact) -> None:
        props = contact.properties
        for url in property_values(props.get("linkedin")) + property_values(props.get("url")):
            self.by_url.setdefault(url_key(url), contact)
        for mail in property_values(props.get("email")) + property_values(props.get("emails")):
            self.by_email.setdefault(email_key(mail), contact)
        for name in [contact.name, *contact.aliases]:
            key = name_key(name)
            if key and key not in self.by_name:
                self.by_name[key] = contact
                words = " ".join(sorted(key.split()))
                if words not in self.by_sorted:
                    self.by_sorted[words] = key
                    self.sorted_names.append(words)

    def find(self, record: PersonRecord) -> _Match:
        for url in record.urls:
            if url_key(url) in self.by_url:
                return _Match(self.by_url[url_key(url)], "profile URL")
        for mail in record.emails:
            if email_key(mail) in self.by_email:
                return _Match(self.by_email[email_key(mail)], "e-mail")
        key = name_key(record.name)
        if not key or not self.by_name:
            return _Match(None)
        if key in self.by_name:
            return _Match(self.by_name[key], "name")
        from rapidfuzz import fuzz, process  # here: every command loads this module

        # token_sort_ratio with the words sorted once per contact instead of once per pair.
        words = " ".join(sorted(key.split()))
        best = process.extractOne(words, self.sorted_names, scorer=fuzz.ratio,
                                  score_cutoff=DOUBT_SCORE)
        if best and best[1] >= MERGE_SCORE:
            return _Match(self.by_name[self.by_sorted[best[0]]], f"similar name ({best[1]:.0f}%)")
        if best:
            other = self.by_name[self.by_sorted[best[0]]]
            return _Match(None, doubt=f"looks like [[{other.name}]] ({best[1]:.0f}% similar)")
        return _Match(None)


class PeoplePlanner:
    """Turns person records into actions, remembering what this run already planned, so a
    person listed twice in one file is created once and a contact matched twice is merged
    on top of the first merge."""

    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx
        self.matcher = ContactMatcher(ctx.contacts)
        self.planned: dict[str, Note] = {}  # rel → the note as this run leaves it
        self.created: dict[str, int] = {}  # rel → line that created it
        self.taken = {n.rel.casefold() for n in ctx.notes}

    def plan(self, record: PersonRecord) -> Action:
        match = self.matcher.find(record)
        if match.contact is None:
            return self._create(record, match.doubt)
        return self._merge(record, match)

    def _props(self, record: PersonRecord) -> dict[str, Any]:
        return {k: record.properties[k] for k in PERSON_KEYS
                if k in record.properties and not is_empty(record.properties[k])}

    def _create(self, record: PersonRecord, doubt: str = "") -> Action:
        """A new contact note. A near miss on the name is created too, with the doubt in its
        reason: a duplicate the user can see and merge beats a person silently left out."""
        title = safe_title(record.name)
        rel = unique_rel(self.ctx.config.people_folder, title, self.taken)
        self.taken.add(rel.casefold())
        props = self._props(record)
        text = new_contact_note(title, props, self.ctx)
        self.created[rel] = record.line
        # Only for matching the rest of the file: a later row for this person is reported as
        # a duplicate of this line, never merged into a note that does not exist yet.
        stub = Note(path=self.ctx.vault / rel, rel=rel, raw=b"", text="", frontmatter=props,
                    body_start=0)
        self.matcher.add(Contact(note=stub, name=title, aliases=property_values(props.get("aliases")),
                                 properties=props))
        reason = f"new contact; {doubt}: not merged, merge by hand if the same" if doubt \
            else "new contact"
        return Action("create", record.name, reason, record.line, rel, None, text)

    def _merge(self, record: PersonRecord, match: _Match) -> Action:
        contact = match.contact
        assert contact is not None
        rel = contact.rel
        if rel in self.created:
            return Action("skip", record.name,
                          f"same person as line {self.created[rel]} ({match.how})", record.line, rel)
        note = self.planned.get(rel, contact.note)
        if not note.readable or not note.frontmatter_ok:
            problem = next((d.message for d in note.diagnostics), "its properties cannot be read")
            return Action("skip", record.name,
                          f"matches [[{contact.name}]] but {problem}", record.line,
                          rel)
        fills = {k: v for k, v in self._props(record).items() if is_empty(note.frontmatter.get(k))}
        if not fills:
            return Action("skip", record.name,
                          f"already in [[{contact.name}]] ({match.how}), nothing new", record.line, rel)
        try:
            after = fill_properties(note, fills)
        except PropertyError as exc:  # e.g. a key written twice: the note is left as it is
            return Action("skip", record.name, f"matches [[{contact.name}]] but {exc}",
                          record.line, rel)
        merged = parse_note(contact.note.path, rel, after)
        self.planned[rel] = merged
        # The e-mail or profile URL just filled now identifies this contact for later rows.
        self.matcher.add(Contact(note=merged, name=contact.name, aliases=contact.aliases,
                                 properties=merged.frontmatter))
        return Action("merge", record.name, f"matched by {match.how}", record.line, rel,
                      contact.note.raw, after, tuple(fills))

