"""One chat (WhatsApp, Telegram) counted per sender and day before it is known who the
user is: a chat export names its senders, not which of them is you."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from vinculo.importing.messagelog import text_line
from vinculo.importing.messages import Party, PartyMatcher, Tally
from vinculo.importing.names import name_key


@dataclass
class _Said:
    count: int
    line: int
    texts: list[str]


class ChatLog:
    """One conversation (a WhatsApp or Telegram chat) counted per sender and day, before it
    is known which sender is the user: that is decided at its end (see :meth:`finish`)."""

    def __init__(self, source: str, title: str, with_text: bool) -> None:
        self.source = source  # "WhatsApp", "Telegram"
        self.title = title  # the other person, or the group's name; "" when unknown
        self.with_text = with_text
        self.said: dict[tuple[str, Any], _Said] = {}  # (sender, day key) → counts
        self.parties: dict[str, Party] = {}
        self.group = False
        self.me: set[str] = set()  # senders the export itself says are the user
        self.last: _Said | None = None
        self.messages = 0

    def add(self, sender: str, party: Party, day: Any, line: int, time: str = "",
            text: str = "", me: bool = False) -> None:
        self.parties.setdefault(sender, party)
        if me:
            self.me.add(sender)
        said = self.said.get((sender, day))
        if said is None:
            said = self.said[(sender, day)] = _Said(0, line, [])
        said.count += 1
        self.messages += 1
        if self.with_text:
            said.texts.append(f"{time}\x00{text}")
        self.last = said

    def more_text(self, text: str) -> None:
        """A continuation line of the last message (a message written on several lines)."""
        if self.with_text and self.last is not None and self.last.texts:
            self.last.texts[-1] += " " + text

    def who_is_me(self, names: list[str], matcher: PartyMatcher) -> set[str]:
        """The user's senders: said by the export, named in ``[me] names``, or, in a chat of
        two, the one who is not the person the chat is with."""
        wanted = {name_key(n) for n in names}
        mine = set(self.me) | {s for s, p in self.parties.items()
                               if name_key(p.name) and name_key(p.name) in wanted}
        if mine or self.group:
            return mine
        senders = list(self.parties)
        title = name_key(self.title)
        if title:
            others = [s for s in senders if name_key(self.parties[s].name) != title]
            if len(others) == 1 and len(senders) == 2:
                return set(others)
            if len(senders) == 1 and others:
                return set(others)
            return set()
        if len(senders) == 2:
            known = [s for s in senders if matcher.find(self.parties[s])[0] is not None]
            if len(known) == 1:
                return {s for s in senders if s not in known}
        return set()

    def finish(self, tally: Tally, matcher: PartyMatcher, names: list[str],
               day_of: Any = None) -> None:
        """Hand the chat to ``tally``: in a chat of two, what the user said is sent to the
        other person and what they said is received; in a group, each member's messages are
        received from them and the user's messages that day are counted as sent to each
        member who wrote that day."""
        mine = self.who_is_me(names, matcher)
        convert = day_of or (lambda key: key)
        days: dict[tuple[str, dt.date], _Said] = {}
        for (sender, key), said in self.said.items():
            day = convert(key)
            if day is None:
                continue
            known = days.get((sender, day))
            if known is None:
                days[(sender, day)] = said
            else:
                known.count += said.count
                known.texts += said.texts
                known.line = min(known.line, said.line)
        if self.group:
            label = f'{self.source} group "{self.title}"' if self.title else f"{self.source} group"
            my_days: dict[dt.date, _Said] = {d: s for (who, d), s in days.items() if who in mine}
            for (sender, day), said in days.items():
                if sender in mine:
                    continue
                me_said = my_days.get(day)
                texts = self._texts(said, "←", sender)
                if me_said is not None:
                    texts = sorted(texts + self._texts(me_said, "→", ""), key=_time)
                tally.add_counts(self.parties[sender], day, label, said.line,
                                 me_said.count if me_said else 0, said.count, _untimed(texts))
            return
        others = [s for s in self.parties if s not in mine]
        if len(others) == 1:
            other = self.parties[others[0]]
        elif self.title:
            other = Party(self.title)
        else:
            for (sender, day), said in days.items():  # cannot tell: each sender on their own
                tally.add_counts(self.parties[sender], day, self.source, said.line, 0,
                                 said.count, _untimed(self._texts(said, "←", "")))
            return
        per_day: dict[dt.date, list[Any]] = {}
        for (sender, day), said in days.items():
            slot = per_day.setdefault(day, [0, 0, said.line, []])
            out = sender in mine
            slot[0 if out else 1] += said.count
            slot[2] = min(slot[2], said.line)
            slot[3] += self._texts(said, "→" if out else "←", "")
        for day, (sent, received, line, texts) in per_day.items():
            tally.add_counts(other, day, self.source, line, sent, received,
                             _untimed(sorted(texts, key=_time)))

    def _texts(self, said: _Said, arrow: str, sender: str) -> list[str]:
        """The texts as log lines, each behind its HH:MM and a NUL for sorting by time."""
        out = []
        for item in said.texts:
            time, _, text = item.partition("\x00")
            out.append(f"{time}\x00{text_line(time, arrow, sender, text)}")
        return out


def _time(text: str) -> str:
    """The HH:MM a text was sent at: a stable sort on it keeps a minute's messages in order."""
    return text.partition("\x00")[0]


def _untimed(texts: list[str]) -> list[str]:
    return [t.partition("\x00")[2] for t in texts]
