"""The built-in note templates: a contact, a meeting, a one-to-one, a "people I met" section.

The bodies are the Markdown files beside this module, in Obsidian's Templates syntax, so
``vinculo templates install`` can copy them into the vault for Obsidian's own Templates plugin.
"""

from __future__ import annotations

from vinculo.hookspecs import hookimpl
from vinculo.model import Template

# (template name, file, description, default folder setting)
BUILTINS: tuple[tuple[str, str, str, str | None], ...] = (
    ("Contact", "contact.md", "A person: who they are, how you met, what matters to them.",
     "people"),
    ("Meeting", "meeting.md", "A meeting with its attendees as [[links]], notes, follow-ups.",
     "meetings"),
    ("One-to-one", "one-to-one.md", "A one-to-one with one person: since last time, next steps.",
     "meetings"),
    ("People I met", "people-i-met.md",
     "A section for the daily note: one line per person you met, called or wrote to.", None),
)


def _read(file: str) -> str:
    from importlib import resources  # here: most commands never read a template

    return (resources.files(__name__) / file).read_text(encoding="utf-8")


@hookimpl
def register_templates() -> list[Template]:
    return [
        Template(name=name, body=_read(file), description=description, folder=folder)
        for name, file, description, folder in BUILTINS
    ]
