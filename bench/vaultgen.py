"""Generate realistic vaults of any size, with the ground truth of every planted mention.

Contacts are drawn with Faker in Spanish (Spain, Mexico), English (UK, US), Portuguese
(Brazil, Portugal) and French: accents, double surnames with particles, compound given names.
The generator forces the hard cases in: nicknames, first names several contacts share, names
that are common words (Rosa, Paz, Victoria, Will…), near-miss people who are not contacts, and
names inside protected regions (code, links, URLs, e-mail addresses, HTML, comments, tags,
frontmatter).

Every planted mention is recorded with its file, character offsets into the note's text, the
text as written, its target contact (or null when no link is correct) and its category::

    exact alias case accent possessive typo first_name first_surname      (target: a contact)
    ambiguous other_person common_word protected                          (target: null)

Usage: ``python bench/vaultgen.py OUT --notes 300 --contacts 60 --seed 1``
(writes OUT/vault/ and OUT/truth.json).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

from faker import Faker
from rapidfuzz import process
from rapidfuzz.distance import OSA

LOCALES = ["es_ES", "es_MX", "en_GB", "en_US", "pt_BR", "pt_PT", "fr_FR"]
DOUBLE_SURNAME = {"es_ES": 0.9, "es_MX": 0.8, "pt_BR": 0.4, "pt_PT": 0.5}
NICKNAMES = {
    "Encarnación": "Encar", "José": "Pepe", "Francisco": "Paco", "Guillermo": "Guille",
    "Rodrigo": "Rodri", "Alejandro": "Álex", "Dolores": "Lola", "Concepción": "Concha",
    "Ignacio": "Nacho", "Manuel": "Manolo", "Jesús": "Chus", "Mercedes": "Merche",
    "Elizabeth": "Liz", "Katherine": "Kate", "Thomas": "Tommy", "Jennifer": "Jen",
    "Christopher": "Chris", "Margaret": "Maggie", "Alexander": "Sasha", "Frédéric": "Fred",
    "Guilherme": "Gui", "Antônio": "Toninho", "Eduardo": "Dudu",
}
# Given names that are everyday words, with a sentence that uses the word in lowercase.
COMMON = {
    "Rosa": "Compré una rosa roja para la mesa.",
    "Paz": "Necesito un poco de paz esta semana.",
    "Victoria": "Fue una victoria clara del equipo.",
    "Pilar": "El pilar del puente sigue en obras.",
    "Luz": "Se fue la luz toda la tarde.",
    "Will": "I will send the slides later.",
    "Grace": "She handled the delay with grace and humour.",
    "Hope": "I hope the venue is confirmed soon.",
    "Mark": "Please mark the date in the calendar.",
}
FILLER = {
    "es": [
        "Hoy ha sido un día tranquilo en la oficina.",
        "Revisé el presupuesto del taller y faltan dos partidas.",
        "Llovió toda la mañana, así que trabajé desde casa.",
        "Tengo que cerrar la propuesta antes del viernes.",
        "La reunión de equipo se alargó más de la cuenta.",
        "Preparé las diapositivas para la charla de la semana que viene.",
        "Escribí un borrador para el blog sobre marca personal.",
        "Pendiente: actualizar el perfil y ordenar los contactos.",
    ],
    "en": [
        "Quiet day, mostly admin and email.",
        "Worked on the workshop budget; two items are missing.",
        "It rained all morning, so I stayed at home.",
        "The team meeting ran long again.",
        "Drafted a post about personal branding.",
        "To do: tidy up the contact list and the profile.",
        "Finished the slides for next week's talk.",
    ],
}
MENTION = {
    "es": [
        "Comí con {n} en el centro.", "Llamé a {n} para hablar del proyecto.",
        "{n} me escribió por la mañana.", "Quedé con {n} para tomar un café.",
        "Mandé un mensaje a {n} sobre la propuesta.", "Tengo que llamar a {n} la semana que viene.",
        "Hoy vi a {n} en la oficina.", "Según {n}, el taller irá bien.",
    ],
    "en": [
        "Had coffee with {n} near the office.", "{n} sent me the draft.",
        "Called {n} about the workshop.", "Met {n} at the conference.",
        "Need to email {n} tomorrow.", "Lunch with {n}, good chat.",
    ],
}
POSSESSIVE = ["Read {n}{a}s notes on the budget.", "{n}{a}s talk was the best of the day."]
OTHER = {"es": "{n} vino también, pero no es del grupo.", "en": "{n} came along too, a friend of a friend."}
WEIGHTS = {
    "exact": 12, "alias": 8, "case": 8, "accent": 8, "possessive": 6, "typo": 10,
    "first_name": 10, "first_surname": 8, "ambiguous": 5, "other_person": 8,
    "common_word": 5, "protected": 12,
}
PROTECTED_FORMS = [
    "inline_code", "fence", "indented", "url", "email", "html", "comment", "tag", "mdlink",
    "wikilink", "embed",
]  # and "frontmatter", planted in the note's header


def fold(text: str) -> str:
    return "".join(
        unicodedata.normalize("NFD", c)[0].lower() if not c.isascii() else c.lower() for c in text
    )


def strip_accents(text: str) -> str:
    return "".join(unicodedata.normalize("NFD", c)[0] for c in text)


@dataclass
class Person:
    given: str
    surnames: list[str]
    locale: str
    aliases: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return " ".join([self.given, *self.surnames])

    @property
    def first(self) -> str:
        return self.given.split()[0]

    @property
    def first_surname(self) -> str:
        return f"{self.given} {self.surnames[0]}"

    @property
    def lang(self) -> str:
        return "es" if self.locale.startswith(("es", "pt")) else "en"


@dataclass
class Planted:
    file: str
    start: int
    end: int
    surface: str
    target: str | None
    category: str
    form: str = ""


class Builder:
    """A note's text, piece by piece, recording where each planted name lands."""

    def __init__(self, rel: str) -> None:
        self.rel = rel
        self.parts: list[str] = []
        self.size = 0
        self.planted: list[Planted] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def plant(self, template: str, surface: str, target: str | None, category: str,
              form: str = "", **extra: str) -> None:
        before, after = template.split("{n}", 1)
        before, after = before.format(**extra), after.format(**extra)
        self.add(before)
        self.planted.append(Planted(self.rel, self.size, self.size + len(surface), surface,
                                    target, category, form))
        self.add(surface)
        self.add(after)

    @property
    def text(self) -> str:
        return "".join(self.parts)


class Generator:
    def __init__(self, contacts: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fakers = {loc: Faker(loc) for loc in LOCALES}
        for i, f in enumerate(self.fakers.values()):
            f.seed_instance(seed * 100 + i)
        self.people = self._people(contacts)
        self._index()

    # --- contacts ------------------------------------------------------------------------

    def _person(self, locale: str, given: str | None = None) -> Person:
        fake = self.fakers[locale]
        given = given or fake.first_name()
        count = 2 if self.rng.random() < DOUBLE_SURNAME.get(locale, 0.0) else 1
        surnames = []
        while len(surnames) < count:
            last = fake.last_name()
            if last not in surnames and " " not in last.replace("da ", "").replace("de ", ""):
                surnames.append(last)
        return Person(given, surnames, locale)

    def _people(self, count: int) -> list[Person]:
        people: list[Person] = []
        titles: set[str] = set()
        firsts = [fold(g) for g in [*NICKNAMES, *COMMON]]

        def add(person: Person) -> bool:
            key = fold(person.title)
            if key in titles or fold(person.first) in {fold(p) for p in NICKNAMES.values()}:
                return False
            titles.add(key)
            people.append(person)
            return True

        nick_names = list(NICKNAMES)
        self.rng.shuffle(nick_names)
        common_names = list(COMMON)
        self.rng.shuffle(common_names)
        forced = [(n, "nick") for n in nick_names[: max(2, count // 6)]]
        forced += [(n, "common") for n in common_names[: max(2, count // 20)]]
        for given, why in forced:
            locale = "en_GB" if given in ("Elizabeth", "Katherine", "Thomas", "Jennifer",
                                          "Christopher", "Margaret", "Alexander", "Will",
                                          "Grace", "Hope", "Mark") else "es_ES"
            locale = "pt_BR" if given in ("Guilherme", "Antônio", "Eduardo") else locale
            locale = "fr_FR" if given == "Frédéric" else locale
            person = self._person(locale, given)
            if why == "nick":
                person.aliases.append(NICKNAMES[given])
            add(person)
        while len(people) < count:
            locale = LOCALES[len(people) % len(LOCALES)]
            person = self._person(locale)
            if fold(person.first) in firsts[: len(NICKNAMES)]:
                continue
            add(person)
        # Shared first names: about one contact in twelve takes another's given name.
        for _ in range(max(1, count // 12)):
            a, b = self.rng.sample(range(len(people)), 2)
            if people[a].aliases or people[b].aliases or people[a].given in COMMON:
                continue
            clone = Person(people[a].given, people[b].surnames, people[b].locale)
            if fold(clone.title) not in titles:
                titles.discard(fold(people[b].title))
                titles.add(fold(clone.title))
                people[b] = clone
        return people

    def _index(self) -> None:
        first_count: dict[str, int] = {}
        for p in self.people:
            first_count[fold(p.first)] = first_count.get(fold(p.first), 0) + 1
        self.shared_first = {k for k, v in first_count.items() if v > 1}
        self.unique_first = [p for p in self.people if first_count[fold(p.first)] == 1
                             and p.given not in COMMON and len(p.given.split()) == 1]
        self.doubles = [p for p in self.people if len(p.surnames) >= 2
                        and first_count[fold(p.first)] == 1]
        self.with_alias = [p for p in self.people if p.aliases]
        self.accented = [p for p in self.people if strip_accents(p.title) != p.title]
        self.common = [p for p in self.people if p.given in COMMON]
        self.ambiguous = sorted({p.first for p in self.people if fold(p.first) in self.shared_first})
        # Every folded way a contact may be written: near-misses must stay clear of these.
        self.variants = sorted({fold(v) for p in self.people
                                for v in (p.title, p.first_surname, *p.aliases)})
        self.surnames = {fold(s) for p in self.people for s in p.surnames}
        self.all_firsts = {fold(p.first) for p in self.people} | {fold(a) for p in self.people
                                                                 for a in p.aliases}

    def _far(self, text: str, distance: int = 2) -> bool:
        """True when ``text`` is more than ``distance`` edits from every contact's names."""
        found = process.extractOne(fold(text), self.variants, scorer=OSA.distance,
                                   score_cutoff=distance)
        return found is None

    # --- mentions ------------------------------------------------------------------------

    def _typo(self, name: str) -> str | None:
        letters = [i for i, c in enumerate(name) if c.isalpha() and i > 0]
        for _ in range(20):
            i = self.rng.choice(letters)
            kind = self.rng.choice(["swap", "drop", "extra", "wrong"])
            if name[i].isupper() or (i + 1 < len(name) and name[i + 1].isupper()):
                continue  # a typo keeps each word's capital, as most typos do
            if kind == "swap" and i + 1 < len(name) and name[i + 1].isalpha() \
                    and fold(name[i]) != fold(name[i + 1]):
                out = name[:i] + name[i + 1] + name[i] + name[i + 2:]
            elif kind == "drop" and name[i - 1] != " " and i + 1 < len(name) and name[i + 1] != " ":
                out = name[:i] + name[i + 1:]
            elif kind == "extra":
                out = name[:i] + name[i] + name[i:]
            elif kind == "wrong":
                out = name[:i] + self.rng.choice("aeioulnrst") + name[i + 1:]
                if name[i].isupper():
                    continue
            else:
                continue
            if OSA.distance(fold(out), fold(name)) != 1 or out == name:
                continue
            others = [v for v in self.variants if v != fold(name)]
            near = process.extractOne(fold(out), others, scorer=OSA.distance, score_cutoff=1)
            if near is None:
                return out
        return None

    def _other_person(self, lang: str) -> str:
        for _ in range(50):
            fake = self.fakers[self.rng.choice(LOCALES)]
            style = self.rng.random()
            if style < 0.4 and self.unique_first:  # a contact's first name, another surname
                given = self.rng.choice(self.unique_first).first
                name = f"{given} {fake.last_name()}"
            elif style < 0.7:  # another first name, a contact's surname
                surname = self.rng.choice(self.people).surnames[0]
                given = fake.first_name().split()[0]
                if fold(given) in self.all_firsts:
                    continue
                name = f"{given} {surname}"
            else:
                given = fake.first_name().split()[0]
                if fold(given) in self.all_firsts:
                    continue
                name = f"{given} {fake.last_name()}"
            last = name.split()[-1]
            if fold(last) in self.surnames and style < 0.4:
                continue
            if self._far(name):
                return name
        return "Zebedeo Quiñonero"

    def _mention(self, b: Builder, category: str, lang: str) -> bool:
        rng = self.rng
        template = rng.choice(MENTION[lang])
        if category == "exact":
            p = rng.choice(self.people)
            b.plant(template, p.title, p.title, category)
        elif category == "alias" and self.with_alias:
            p = rng.choice(self.with_alias)
            b.plant(template, rng.choice(p.aliases), p.title, category)
        elif category == "case":
            p = rng.choice(self.people)
            surface = p.title.lower() if rng.random() < 0.7 else p.title.upper()
            b.plant(template, surface, p.title, category)
        elif category == "accent" and self.accented:
            p = rng.choice(self.accented)
            b.plant(template, strip_accents(p.title), p.title, category)
        elif category == "possessive":
            p = rng.choice(self.people)
            b.plant(rng.choice(POSSESSIVE), p.title, p.title, category, a=rng.choice("'’"))
        elif category == "typo":
            p = rng.choice(self.people)
            typo = self._typo(p.title)
            if typo is None:
                return False
            b.plant(template, typo, p.title, category)
        elif category == "first_name" and self.unique_first:
            p = rng.choice(self.unique_first)
            b.plant(template, p.first, p.title, category)
        elif category == "first_surname" and self.doubles:
            p = rng.choice(self.doubles)
            b.plant(template, p.first_surname, p.title, category)
        elif category == "ambiguous" and self.ambiguous:
            b.plant(template, rng.choice(self.ambiguous), None, category)
        elif category == "other_person":
            b.plant(OTHER[lang], self._other_person(lang), None, category)
        elif category == "common_word" and self.common:
            p = rng.choice(self.common)
            sentence = COMMON[p.given]
            word = p.given.lower()
            i = sentence.index(f" {word} ") + 1
            b.plant(sentence[:i] + "{n}" + sentence[i + len(word):], word, None, category)
        else:
            return False
        b.add(" ")
        return True

    def _protected(self, b: Builder, form: str) -> None:
        p = self.rng.choice(self.people)
        name = p.title
        slug = "-".join(fold(name).split())
        forms = {
            "inline_code": "El fichero `{n}.vcf` está listo.",
            "html": "Nota: <span class=\"who\">{n}</span> confirmó.",
            "comment": "Recordatorio %%{n} prefiere los martes%% hecho.",
            "mdlink": "Ver [{n}](https://example.org/{slug}) en la web.",
            "wikilink": "Ver [[Proyecto con {n}]] para el plan.",
            "embed": "![[Foto de {n}.png]]",
        }
        if form == "url":
            surface = "-".join(name.split())
            b.plant("Perfil: https://www.linkedin.com/in/{n}/ guardado.", surface, None,
                    "protected", form)
        elif form == "email":
            surface = f"{slug.replace('-', '.')}@example.org"
            b.plant("Correo: {n} respondió.", surface, None, "protected", form)
        elif form == "tag":
            surface = "-".join(name.split())
            b.plant("Seguimiento #{n} pendiente.", surface, None, "protected", form)
        elif form in ("fence", "indented"):
            # After a blank line that closes any list: indented text under a list item is a
            # continuation paragraph, not code (CommonMark), so it starts a fresh block.
            b.add("\n\n#### Notas\n\n")
            if form == "fence":
                b.plant("```text\nHola {n}, te escribo por el taller.\n```\n\n", name, None,
                        "protected", form)
            else:
                b.plant("    contacto = \"{n}\"\n\n", name, None, "protected", form)
            return
        else:
            b.plant(forms[form], name, None, "protected", form, slug=slug)
        b.add(" ")

    # --- notes ---------------------------------------------------------------------------

    def note(self, rel: str, date: dt.date, mentions: int) -> Builder:
        b = Builder(rel)
        lang = self.rng.choice(["es", "es", "en"])
        b.add(f"---\ndate: {date.isoformat()}\n")
        if self.rng.random() < 0.15:
            p = self.rng.choice(self.people)
            b.plant("with: \"{n}\"\n", p.title, None, "protected", "frontmatter")
        b.add("tags: [daily]\n---\n")
        b.add(f"# {date.isoformat()}\n\n")
        categories = self.rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()), k=mentions)
        if self.rng.random() < 0.08:
            p = self.rng.choice(self.people)
            b.add("| persona | tema |\n| --- | --- |\n")
            b.plant("| {n} | presupuesto |\n\n", p.title, p.title, "exact", "table")
        for i, category in enumerate(categories):
            if i % 3 == 0:
                b.add(self.rng.choice(FILLER[lang]) + " ")
            if category == "protected":
                self._protected(b, self.rng.choice(PROTECTED_FORMS))
            elif not self._mention(b, category, lang):
                b.add(self.rng.choice(FILLER[lang]) + " ")
            if i % 4 == 3:
                b.add("\n\n- " if self.rng.random() >= 0.7 else "\n\n")
        b.add(self.rng.choice(FILLER[lang]) + "\n")
        return b

    def contact_note(self, p: Person) -> str:
        aliases = f"aliases: [{', '.join(p.aliases)}]\n" if p.aliases else ""
        return (f"---\ntype: person\n{aliases}city: {self.fakers[p.locale].city()}\n---\n"
                f"# {p.title}\n\nNotas sobre {p.title}.\n")


LAST_DAY = dt.date(2026, 11, 29)  # VINCULO_TODAY in bench/perf.py and the Makefile


def generate(out: Path, notes: int, contacts: int, seed: int = 1) -> dict:
    """Write ``out/vault`` and ``out/truth.json``; return the truth."""
    gen = Generator(contacts, seed)
    vault = out / "vault"
    if vault.exists():
        shutil.rmtree(vault)
    (vault / "People").mkdir(parents=True)
    (vault / ".obsidian").mkdir()  # a vault, as vinculo's writing commands ask
    for p in gen.people:
        (vault / "People" / f"{p.title}.md").write_text(gen.contact_note(p), encoding="utf-8")
    planted: list[Planted] = []
    # One note a day up to the benches' today: every event is in the past (one dated later
    # would be a plan, and count for nothing).
    start = LAST_DAY - dt.timedelta(days=notes - contacts - 1)
    for i in range(notes - contacts):
        date = start + dt.timedelta(days=i)
        folder = "Daily" if i % 10 else "Meetings"
        rel = f"{folder}/{date.isoformat()}.md"
        b = gen.note(rel, date, gen.rng.randint(3, 9))
        path = vault / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(b.text, encoding="utf-8", newline="")
        planted += b.planted
    truth = {
        "notes": notes, "contacts": contacts, "seed": seed,
        "people": [{"title": p.title, "aliases": p.aliases, "locale": p.locale}
                   for p in gen.people],
        "mentions": [asdict(m) for m in planted],
    }
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1),
                                    encoding="utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for vault/ and truth.json")
    parser.add_argument("--notes", type=int, default=300, help="notes in all (contacts included)")
    parser.add_argument("--contacts", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    truth = generate(args.out, args.notes, args.contacts, args.seed)
    print(f"{args.out / 'vault'}: {args.notes} notes, {args.contacts} contacts, "
          f"{len(truth['mentions'])} planted mentions")


if __name__ == "__main__":
    main()
