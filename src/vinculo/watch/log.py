"""One readable line per action: text for people, ``--log-format json`` for machines."""

from __future__ import annotations

import datetime as dt
import json
import sys
import threading
from typing import Any, TextIO


class ActionLog:
    """Writes ``action`` lines with their fields; thread-safe, flushed line by line."""

    def __init__(self, fmt: str = "text", stream: TextIO | None = None) -> None:
        self.fmt = fmt
        self.stream = stream
        self._lock = threading.Lock()

    def __call__(self, action: str, message: str = "", **fields: Any) -> None:
        stream = self.stream or sys.stdout
        now = dt.datetime.now().astimezone()
        if self.fmt == "json":
            line = json.dumps(
                {"time": now.isoformat(timespec="milliseconds"), "action": action,
                 "message": message, **fields},
                ensure_ascii=False, default=str,
            )
        else:
            line = f"{now:%Y-%m-%d %H:%M:%S} {action:<8} {message}".rstrip()
        with self._lock:
            try:
                stream.write(line + "\n")
                stream.flush()
            except (OSError, ValueError):
                pass  # a closed pipe must never stop the watcher
