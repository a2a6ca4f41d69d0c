"""Once a day, exactly once: when ``vinculo watch --digest-at HH:MM`` last sent the digest.

The day of the last digest sent is kept in the vault's state folder (outside the vault), so a
watcher restarted after the hour does not send it again, and one started later in the day
sends the day's digest it missed. The day is claimed *before* sending and given back if the
send fails: a crash in the middle loses one digest rather than sending it twice.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from vinculo.state_folder import inside_vault, state_dir
from vinculo.writeback.apply.atomic import write_durably

STATE_FILE = "digest.json"
_HH_MM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_time(text: str) -> dt.time:
    """``"08:00"`` → 08:00; ValueError with a readable message otherwise."""
    match = _HH_MM.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a time of day like 08:00")
    return dt.time(int(match[1]), int(match[2]))


def _path(vault: Path) -> Path:
    return state_dir(vault) / STATE_FILE


def last_sent(vault: Path) -> dt.date | None:
    """The day of the last digest sent for this vault (None: never, or unreadable)."""
    try:
        data = json.loads(_path(vault).read_text(encoding="utf-8"))
        return dt.date.fromisoformat(str(data["last_sent"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _store(vault: Path, day: dt.date | None) -> None:
    if inside_vault(vault):
        raise OSError("the state folder is inside the vault; set $VINCULO_STATE_DIR elsewhere")
    path = _path(vault)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_durably(path, json.dumps({"last_sent": day.isoformat() if day else None}).encode())


def is_due(now: dt.datetime, at: dt.time, today: dt.date, last: dt.date | None) -> bool:
    """True once ``at`` has passed today and today's digest has not been sent."""
    return (last is None or last < today) and now.time() >= at


def claim(vault: Path, today: dt.date) -> dt.date | None:
    """Record ``today`` as sent; returns the previous day, to :func:`release` on failure."""
    previous = last_sent(vault)
    _store(vault, today)
    return previous


def release(vault: Path, previous: dt.date | None) -> None:
    """The send failed: forget the claim, so the next try sends it."""
    _store(vault, previous)
