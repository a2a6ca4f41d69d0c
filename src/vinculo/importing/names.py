"""Names from other systems made safe for a vault: file names and comparable name keys."""

from __future__ import annotations

import re
import unicodedata

from vinculo.text import fold

_SPACES = re.compile(r"\s+")


def clean_text(value: object) -> str:
    """A field from an export as one tidy line: NFC, no control characters, single spaces."""
    text = unicodedata.normalize("NFC", str(value or ""))
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    return _SPACES.sub(" ", text).strip()


def safe_title(name: str) -> str:
    """A note title any file system and Obsidian accept, as close to ``name`` as possible
    (the templates' own rule), never empty."""
    from vinculo.templates import safe_filename

    try:
        return safe_filename(clean_text(name))
    except ValueError:
        return "Unnamed"


def name_key(name: str) -> str:
    """A comparable form of a person's name, blind to case, accents and punctuation:
    "Miguel Ángel  Ruiz-Soto" → "miguel angel ruiz soto"."""
    folded = fold(clean_text(name))
    return _SPACES.sub(" ", re.sub(r"[^\w]+", " ", folded)).strip()


def email_key(value: str) -> str:
    """An e-mail address for comparison: trimmed, lowercase, no ``mailto:``."""
    text = clean_text(value).lower()
    return text[7:] if text.startswith("mailto:") else text


def url_key(value: str) -> str:
    """A profile URL for comparison: no scheme, no ``www.``, no query, no trailing slash, so
    ``https://www.linkedin.com/in/ana/`` and ``linkedin.com/in/ana`` are the same person."""
    text = clean_text(value).lower()
    text = re.sub(r"^[a-z]+://", "", text)
    text = re.sub(r"^(www\.|[a-z]{2}\.)(?=linkedin\.com)", "", text)
    text = text.split("?", 1)[0].split("#", 1)[0]
    return text.rstrip("/")
