"""Putting a digest in the mailbox: once from ``vinculo digest --send``, daily from the
watcher (:class:`DailyDigest`)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vinculo.digest import schedule
from vinculo.digest.compose import is_empty
from vinculo.digest.mail import MailError, MailSettings, build_message, send
from vinculo.digest.render import render_html, render_text, title

RETRY_SECONDS = 300.0  # after a failed send
NOT_READY_SECONDS = 30.0  # when the watcher has no index of today yet


def mail_digest(digest: dict[str, Any], settings: MailSettings) -> list[str]:
    """Mail ``digest`` (plain text and HTML); returns recipients refused while others got it.
    Raises :class:`~vinculo.digest.mail.MailError`."""
    message = build_message(title(digest), render_text(digest), render_html(digest), settings)
    return send(message, settings)


class DailyDigest:
    """The watcher's daily digest: :meth:`tick` sends it when the hour has passed and today's
    has not gone yet (kept in the state folder, see :mod:`.schedule`); after a failure it
    waits ``retry`` seconds before trying again."""

    def __init__(self, vault: Path, at: dt.time, settings: MailSettings,
                 log: Callable[..., None], *, send_empty: bool = False,
                 retry: float = RETRY_SECONDS,
                 now: Callable[[], dt.datetime] = dt.datetime.now) -> None:
        self.vault, self.at, self.settings, self.log = vault, at, settings, log
        self.send_empty, self.retry, self.now = send_empty, retry, now
        self._next_try = 0.0

    def tick(self, today: dt.date, compose: Callable[[], dict[str, Any] | None]) -> bool:
        """Send today's digest if it is due; True when it was sent now."""
        if time.monotonic() < self._next_try:
            return False
        if not schedule.is_due(self.now(), self.at, today, schedule.last_sent(self.vault)):
            return False
        digest = compose()
        if digest is None:  # no index of today yet (a failed pass, a new day): soon again
            self._next_try = time.monotonic() + NOT_READY_SECONDS
            return False
        try:
            previous = schedule.claim(self.vault, today)
        except OSError as exc:
            self.log("error", f"digest not sent: cannot record it ({exc})")
            self._next_try = time.monotonic() + self.retry
            return False
        if is_empty(digest) and not self.send_empty:
            self.log("digest", "nothing due today: no mail ([digest] send_empty = true sends "
                     "it anyway)", day=today.isoformat(), sent=False)
            return False
        try:
            refused = mail_digest(digest, self.settings)
        except MailError as exc:
            schedule.release(self.vault, previous)
            self._next_try = time.monotonic() + self.retry
            self.log("error", f"digest not sent: {exc}; trying again in {self.retry:.0f} s",
                     error=str(exc), retry_seconds=self.retry)
            return False
        to = ", ".join(self.settings.to)
        self.log("digest", f"sent to {to}: {title(digest)}", to=list(self.settings.to),
                 steps=len(digest["steps"]), day=today.isoformat())
        if refused:
            self.log("problem", f"digest: {self.settings.where} refused {', '.join(refused)}")
        return True
