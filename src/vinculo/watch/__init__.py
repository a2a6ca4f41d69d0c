"""The background watcher: react to every save, safely, without loops or lost events.

Public API: :class:`Watcher` (``start()``/``stop()``, ``results`` queue of passes),
:class:`LiveIndex` (the in-memory, incrementally updated index) and the service helpers in
:mod:`vinculo.watch.service`.
"""

from vinculo.watch.debounce import Batch, Debouncer
from vinculo.watch.events import Touch, note_rel, temp_file_reason, touched
from vinculo.watch.incremental import LiveIndex, Update
from vinculo.watch.watcher import BatchResult, Watcher, is_watch_limit

__all__ = [
    "Batch", "BatchResult", "Debouncer", "LiveIndex", "Touch", "Update", "Watcher",
    "is_watch_limit", "note_rel", "temp_file_reason", "touched",
]
