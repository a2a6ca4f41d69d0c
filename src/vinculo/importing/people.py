"""People from any source into contact notes: match, fill the gaps, or create.

Every person importer (LinkedIn, vCard, …) turns its rows into :class:`PersonRecord` and hands
them to :class:`PeoplePlanner`, so matching and merging behave the same whatever the source.
A record matches an existing contact by profile URL, then e-mail, then its name (folded; a typo
at most, words in the same order), never when an e-mail or profile URL of both disagree; a
near miss is never merged (merging the wrong person is worse than a
duplicate the user can see): it is created, and the report names the contact it resembles. A merge only fills properties that are empty: what
the user wrote is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vinculo.errors import PropertyError
from vinculo.importing.base import Action, ImportContext
from vinculo.importing.names import email_key, name_key, safe_title, url_key
from vinculo.importing.notes import new_contact_note, unique_rel
from vinculo.importing.writing import fill_properties
from vinculo.model import Contact, Note
from vinculo.notes import parse_note

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


def _phone_key(value: str) -> str:
    digits = "".join(c for c in value if c.isdigit())
    return digits[-9:] if len(digits) >= 6 else ""  # the national number, without +34 / 0034


def _ids(props: dict[str, Any]) -> dict[str, set[str]]:
    """The identifiers a contact's properties hold, by kind."""
    return {
        "e-mail": {email_key(m) for m in property_values(props.get("email")) + property_values(props.get("emails"))},
        "profile URL": {url_key(u) for u in property_values(props.get("linkedin")) + property_values(props.get("url"))},
    }


def _conflict(record: PersonRecord, contact: Contact) -> str:
    """The kind of identifier both have and do not share ("e-mail"), or "": a different
    e-mail or profile URL wins over a similar, even equal, name."""
    theirs = _ids(contact.properties)
    ours = {"e-mail": {email_key(m) for m in record.emails}, "profile URL": {url_key(u) for u in record.urls}}
    for kind, values in ours.items():
        if values and theirs[kind] and not values & theirs[kind]:
            return kind
    return ""


def _blocks(key: str) -> set[str]:
    """Buckets a name is filed under, so a record is compared with the few contacts that may
    be near it, never with all of them: each pair of its words' first three letters (one
    typo leaves most pairs intact), or the one word's."""
    heads = sorted({w[:3] for w in key.split()})
    if len(heads) == 1:
        return {heads[0]}
    return {f"{a} {b}" for i, a in enumerate(heads) for b in heads[i + 1:]}


class ContactMatcher:
    """Finds the contact a record is about, by URL, e-mail, then folded name.

    A name merges only when it is the same name, or the same words in the same order with a
    typo, and no identifier of the record disagrees with the contact's: the same words in
    another order ("Ibáñez Navarro" / "Navarro Ibáñez") are another person until the user
    says otherwise (the report names the look-alike)."""

    def __init__(self, contacts: dict[str, Contact]) -> None:
        self.by_url: dict[str, Contact] = {}
        self.by_email: dict[str, Contact] = {}
        self.by_phone: dict[str, Contact] = {}
        self.by_name: dict[str, list[Contact]] = {}
        self.buckets: dict[str, list[str]] = {}  # _blocks → name keys filed there
        for contact in contacts.values():
            self.add(contact)

    def add(self, contact: Contact) -> None:
        props = contact.properties
        for url in property_values(props.get("linkedin")) + property_values(props.get("url")):
            self.by_url.setdefault(url_key(url), contact)
        for mail in property_values(props.get("email")) + property_values(props.get("emails")):
            self.by_email.setdefault(email_key(mail), contact)
        for phone in property_values(props.get("phone")):
            if _phone_key(phone):
                self.by_phone.setdefault(_phone_key(phone), contact)
        for name in [contact.name, *contact.aliases]:
            key = name_key(name)
            if not key:
                continue
            if key not in self.by_name:
                for block in _blocks(key):
                    self.buckets.setdefault(block, []).append(key)
            owners = self.by_name.setdefault(key, [])
            if contact not in owners:
                owners.append(contact)

    def find(self, record: PersonRecord) -> _Match:
        for url in record.urls:
            if url_key(url) in self.by_url:
                return _Match(self.by_url[url_key(url)], "profile URL")
        for mail in record.emails:
            if email_key(mail) in self.by_email:
                return _Match(self.by_email[email_key(mail)], "e-mail")
        key = name_key(record.name)
        if not key:  # no name to go by ("////"): its phone, else nothing, says who it is
            for phone in property_values(record.properties.get("phone")):
                if _phone_key(phone) in self.by_phone:
                    return _Match(self.by_phone[_phone_key(phone)], "phone")
            return _Match(None)
        doubt = ""
        for contact in self.by_name.get(key, []):
            kind = _conflict(record, contact)
            if not kind:
                return _Match(contact, "name")
            doubt = f"same name as [[{contact.name}]] but another {kind}"
        if doubt:
            return _Match(None, doubt=doubt)
        return self._similar(record, key)

    def _similar(self, record: PersonRecord, key: str) -> _Match:
        from rapidfuzz import fuzz  # here: every command loads this module

        candidates = {k for block in _blocks(key) for k in self.buckets.get(block, ())}
        best, best_score = "", 0.0
        look, look_score = "", 0.0
        for other in sorted(candidates):
            score = fuzz.ratio(key, other)  # in order: a typo, not a reordering
            if score > best_score:
                best, best_score = other, score
            loose = fuzz.token_sort_ratio(key, other)
            if loose > look_score:
                look, look_score = other, loose
        if best_score >= MERGE_SCORE:
            for contact in self.by_name[best]:
                kind = _conflict(record, contact)
                if not kind:
                    return _Match(contact, f"similar name ({best_score:.0f}%)")
                return _Match(None, doubt=f"looks like [[{contact.name}]] but has another {kind}")
        if look_score >= DOUBT_SCORE:
            similar = self.by_name[look][0]
            how = "the same words in another order" if look_score == 100 else \
                f"{look_score:.0f}% similar"
            return _Match(None, doubt=f"looks like [[{similar.name}]] ({how})")
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
        if not name_key(record.name) and not (record.emails or record.urls or property_values(
                record.properties.get("phone"))):
            # Nothing to know them by next time: each re-import would add another "Unnamed".
            return Action("skip", record.name or "(no name)",
                          "no name, e-mail, phone or profile URL to know them by", record.line)
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

