"""The watcher's life cycle: lock, initial sync, observer, batches, rescans, shutdown.

One watcher per vault: it holds the watch lock for its whole life, so a second ``watch``
refuses; it takes the writer lock only while it writes a pass, so a command that writes
(``sync``, ``new``, ``run snooze``…) waits a moment at most, and its change reaches the
watcher like any save. Events are only hints (see :mod:`vinculo.watch.events`); lost ones are
expected, so the vault is also rescanned periodically, after observer errors and after an
inotify queue overflow. When the system's inotify watch limit is reached the watcher says so
and falls back to polling.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import errno
import gc
import logging
import os
import queue
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pluggy
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from vinculo.config import Config, load_config, read_config
from vinculo.config_check import validate
from vinculo.model import Diagnostic
from vinculo.plugin_host import get_plugin_manager
from vinculo.sync_service import SyncService
from vinculo.vault import ALWAYS_IGNORED_DIRS, iter_markdown
from vinculo.watch.debounce import Batch, Debouncer
from vinculo.watch.events import note_rel, touched
from vinculo.watch.incremental import LiveIndex, Update
from vinculo.watch.log import ActionLog
from vinculo.writeback.journal import one_undo

if TYPE_CHECKING:
    pass

LIMIT_ERRNOS = {errno.ENOSPC, errno.EMFILE}
T = TypeVar("T")
WRITE_WAIT = 120.0  # seconds a pass waits for a command that holds the writer lock


@dataclass
class BatchResult:
    """What one pass did: for logs, for tests (``Watcher.results``) and for benchmarks."""

    kind: str  # "initial", "batch", "rescan", "reload", "files" (the dashboard, coalesced)
    touched: set[str] = field(default_factory=set)
    changed: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    ours: list[str] = field(default_factory=list)  # touched, but bytes we wrote (or unchanged)
    written: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    started: float = 0.0  # monotonic
    finished: float = 0.0


def settle_memory() -> None:
    """Collect once, then freeze what survives, after a pass that built the index afresh.

    A watcher lives for days with the cycle collector on, and its index of a 10,000-note vault
    is a few hundred thousand objects that live as long as it does. Each full collection
    walked all of them — 0.1–0.2 s, a handful of times an hour — and landed inside whichever
    save's pass was running, over the 100 ms a save may take. Frozen objects are left out of
    every collection (reference counting still frees them); the index a reload replaces is
    unfrozen first, so the collector can still reclaim its cycles. For a process of the
    watcher's own only: freezing is process-wide."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def is_watch_limit(exc: BaseException) -> bool:
    """True when the OS refused more inotify watches or instances."""
    return isinstance(exc, OSError) and exc.errno in LIMIT_ERRNOS


def inotify_exhausted(folder: Path) -> bool:
    """True on Linux when not one more inotify watch (or instance) can be had right now."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fd = libc.inotify_init1(os.O_CLOEXEC)
    except (OSError, AttributeError):
        return False
    if fd < 0:
        return ctypes.get_errno() == errno.EMFILE
    try:
        wd = libc.inotify_add_watch(fd, os.fsencode(folder), 0x00000100)  # IN_CREATE
        return wd < 0 and ctypes.get_errno() == errno.ENOSPC
    finally:
        os.close(fd)


def watch_limit_message(exc: OSError) -> str:
    key = "max_user_instances" if exc.errno == errno.EMFILE else "max_user_watches"
    current = ""
    with contextlib.suppress(OSError):
        current = f" (now {Path(f'/proc/sys/fs/inotify/{key}').read_text().strip()})"
    return (
        f"the system's inotify limit is reached: fs.inotify.{key}{current}; "
        f"falling back to polling. To raise it: sudo sysctl fs.inotify.{key}=524288"
    )


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: Watcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.watcher._on_event(event)


class _OverflowHandler(logging.Handler):
    """watchdog reports a kernel queue overflow only as a log record: turn it into a rescan."""

    def __init__(self, watcher: Watcher) -> None:
        super().__init__(logging.WARNING)
        self.watcher = watcher

    def emit(self, record: logging.LogRecord) -> None:
        if "overflow" in record.getMessage().lower():
            self.watcher.request_rescan("events were lost (inotify queue overflow)")


class Watcher:
    """Keep a vault's links, histories and managed blocks current while it is edited.

    In-process use (tests, benchmarks)::

        watcher = Watcher(vault, quiet=0.3)
        watcher.start()          # lock, initial sync, observer
        ...                      # edit files; each pass lands in watcher.results
        watcher.stop()           # finishes the pass in flight, releases the lock
    """

    def __init__(
        self,
        vault: Path,
        *,
        pm: pluggy.PluginManager | None = None,
        config: Config | None = None,
        today: Callable[[], dt.date] | None = None,
        quiet: float = 0.3,
        max_wait: float = 10.0,
        rescan_every: float = 600.0,
        poll_interval: float = 2.0,
        polling: bool = False,
        observe: bool = True,
        log: Callable[..., None] | None = None,
        keep_results: bool = True,
        settle_memory: bool = False,
    ) -> None:
        self.vault = Path(vault).resolve()
        self.config = config or load_config(self.vault)
        self.pm = pm or get_plugin_manager(blocked=self.config.disabled_plugins)
        self.service = SyncService(self.vault, self.config, self.pm)
        self.today = today or dt.date.today
        self.debouncer = Debouncer(quiet=quiet, max_wait=max_wait)
        self.rescan_every = rescan_every
        self.poll_interval = poll_interval
        self.polling = polling
        self.observe = observe
        self.log = log or ActionLog()
        # Every pass, for tests and benchmarks; a long-running service keeps none.
        self.results: queue.Queue[BatchResult] = queue.Queue()
        self.keep_results = keep_results
        # The process is the watcher's own (``vinculo watch``): see :func:`settle_memory`.
        self.settle_memory = settle_memory
        self.live: LiveIndex | None = None
        self.mode = "none"
        self._observer: Any = None
        self._overflow = _OverflowHandler(self)
        self._stack = contextlib.ExitStack()
        self._stop = threading.Event()
        self._worker: threading.Thread | None = None
        self._stats: dict[str, tuple[int, int]] = {}
        self._next_rescan = 0.0
        self._rebuild_at: float | None = None  # after a failed pass: rebuild from disk then
        self._backoff = 0.0
        self._busy = threading.Lock()
        # The whole files plugins keep (the dashboard) after a pass that changed a contact:
        # written once saves have been quiet this long (at most ``max_wait`` after the first),
        # so a save's own notes are written first and a burst rewrites the dashboard once.
        self._files_due: float | None = None
        self._files_first = 0.0
        self._reports: list[Any] = []  # the WriteReports of the pass in flight (after_sync's)

    # --- life cycle ----------------------------------------------------------------------

    def start(self) -> None:
        """Take the watch lock (LockError if another watcher has it), sync once, then watch."""
        from vinculo.writeback import vault_lock, watch_lock

        self._stack.enter_context(watch_lock(self.vault))
        try:
            with vault_lock(self.vault, wait=WRITE_WAIT):  # never a writing command's temp file
                self._sweep_temps()
            self._stats = self._walk()
            # The first pass runs before the observer starts: with no thread running it may
            # fork workers, and its own thousands of writes wake no event handler. A save made
            # meanwhile is caught by the rescan queued below (its stat differs from the walk's).
            self._initial_sync()
            if self.observe:
                self._start_observer()
                self.debouncer.add(rescan=True)
            self._next_rescan = time.monotonic() + self.rescan_every
            self._worker = threading.Thread(target=self._run, name="vinculo-watch", daemon=True)
            self._worker.start()
        except BaseException:
            self._stop_observer()
            self._stack.close()
            raise
        self.log("watching", f"{self.vault} ({self.mode})", vault=str(self.vault), mode=self.mode)

    def stop(self) -> None:
        """Stop watching; the pass in flight finishes first, then the dashboard if one is
        due; the lock is released."""
        self._stop.set()
        self.debouncer.close()
        if self._worker is not None:
            self._worker.join()
        if self._files_due is not None:
            self.write_files()
        self._stop_observer()
        self._stack.close()

    def request_stop(self) -> None:
        """Ask the watcher to stop (safe from a signal handler); :meth:`wait` then returns."""
        self._stop.set()
        self.debouncer.close()

    def idle(self) -> bool:
        """True when no event is waiting, no pass is running and no dashboard is due."""
        return (not self.debouncer.pending() and not self._busy.locked()
                and self._files_due is None)

    def with_index(self, read: Callable[[Any], T]) -> T | None:
        """``read(index)`` on the current whole-vault index, between passes (never during
        one); None before the first sync or after a failed pass. For work on the side of the
        watcher, such as the daily digest: ``read`` must not keep the index."""
        with self._busy:
            return read(self.live.index) if self.live is not None else None

    def request_rescan(self, why: str) -> None:
        self.log("rescan", why, reason=why)
        self.debouncer.add(rescan=True)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until :meth:`stop` is called (or ``timeout``); True when stopped."""
        return self._stop.wait(timeout)

    # --- observer ------------------------------------------------------------------------

    def _start_observer(self) -> None:
        if not self.polling:
            try:
                self._schedule(Observer())
                if inotify_exhausted(self.vault):
                    # watchdog skips sub-folders it cannot watch without a word: if not one
                    # more watch fits, some folders may be unwatched, so poll instead.
                    self._stop_observer()
                    raise OSError(errno.ENOSPC, "inotify watch limit reached")
                self.mode = "inotify" if sys.platform.startswith("linux") else "native"
                return
            except OSError as exc:
                if not is_watch_limit(exc):
                    raise
                self.log("fallback", watch_limit_message(exc), errno=exc.errno)
        self._schedule(PollingObserver(timeout=self.poll_interval))
        self.mode = "polling"

    def _schedule(self, observer: Any) -> None:
        observer.schedule(_Handler(self), str(self.vault), recursive=True)
        try:
            observer.start()
        except BaseException:
            with contextlib.suppress(Exception):
                observer.stop()
            raise
        self._observer = observer
        logging.getLogger("watchdog").addHandler(self._overflow)

    def _stop_observer(self) -> None:
        logging.getLogger("watchdog").removeHandler(self._overflow)
        observer, self._observer = self._observer, None
        if observer is not None:
            with contextlib.suppress(Exception):
                observer.stop()
                observer.join(timeout=10)

    def _observer_healthy(self) -> bool:
        observer = self._observer
        if observer is None:
            return not self.observe
        return observer.is_alive() and all(e.is_alive() for e in observer.emitters)

    def _on_event(self, event: FileSystemEvent) -> None:
        touch = touched(event, self.vault, self.config)
        if touch:
            self.debouncer.add(touch.rels, rescan=touch.rescan, reload=touch.reload)

    # --- the worker ----------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stop.is_set():
            wait = 1.0
            if self.rescan_every > 0:
                wait = max(0.0, min(wait, self._next_rescan - time.monotonic()))
            if self._files_due is not None:
                wait = max(0.0, min(wait, self._files_due - time.monotonic()))
            batch = self.debouncer.take(timeout=wait)
            if self._stop.is_set():
                break
            if self.observe and not self._observer_healthy():
                self.log("error", "the file observer stopped; restarting it and rescanning")
                self._stop_observer()
                try:
                    self._start_observer()
                except OSError as exc:
                    self.log("error", f"cannot watch the vault: {exc}")
                batch = batch or Batch()
                batch.rescan = True
            if self._rebuild_at is not None:
                if time.monotonic() < self._rebuild_at:
                    continue  # events wait in the debouncer; the rebuild reads everything
                batch = Batch(reload=True)
            if batch is None and self.rescan_every > 0 and time.monotonic() >= self._next_rescan:
                batch = Batch(rescan=True)
            if batch is None and self.live is not None and self.today() != self.live.today:
                batch = Batch()
            if batch is not None:
                self.process(batch)
            now = time.monotonic()
            if self._files_due is not None and now >= self._files_due:
                if self.debouncer.pending() and now < self._files_first + self.debouncer.max_wait:
                    self._files_due = now + self.debouncer.quiet  # saves still coming
                else:
                    self.write_files()

    def write_files(self) -> BatchResult:
        """The coalesced pass: the whole files plugins keep (the dashboard), planned from
        the whole index as it is now, written in one batch."""
        with self._busy:
            result = BatchResult(kind="files", started=time.monotonic())
            self._files_due = None
            try:
                if self.live is not None:
                    self.service.before()
                    with one_undo():  # a pass and its follow-up: one step of undo
                        self._write(Update(), result, follow_up=False, files="now")
            except Exception as exc:  # one bad pass must never stop the watcher
                self._failed(result, exc)
            result.finished = time.monotonic()
            if result.written:
                ms = (result.finished - result.started) * 1000
                self.log("pass", f"{len(result.written)} written in {ms:.0f} ms",
                         changed=[], deleted=[], written=result.written, ms=round(ms, 1))
            self._publish(result)
            return result

    def _files_later(self) -> None:
        """Ask for the coalesced files pass after the next quiet period."""
        now = time.monotonic()
        if self._files_due is None:
            self._files_first = now
        cap = self._files_first + self.debouncer.max_wait
        self._files_due = min(now + self.debouncer.quiet, max(cap, now))

    def process(self, batch: Batch) -> BatchResult:
        """One pass: re-read what the batch touched, recompute, write what changed."""
        with self._busy:
            kind = "reload" if batch.reload else "rescan" if batch.rescan else "batch"
            result = BatchResult(kind=kind, touched=set(batch.rels), started=time.monotonic())
            try:
                if self.live is None or batch.reload:
                    self._reload(result)
                else:
                    self._process(batch, result)
                self._backoff, self._rebuild_at = 0.0, None
            except Exception as exc:  # one bad pass must never stop the watcher
                self._failed(result, exc)
            result.finished = time.monotonic()
            if result.changed or result.deleted or result.written:
                ms = (result.finished - result.started) * 1000
                self.log(
                    "pass",
                    f"{len(result.changed)} changed, {len(result.deleted)} deleted, "
                    f"{len(result.written)} written in {ms:.0f} ms",
                    changed=result.changed, deleted=result.deleted, written=result.written,
                    ms=round(ms, 1),
                )
            self._publish(result)
            return result

    def _process(self, batch: Batch, result: BatchResult) -> None:
        assert self.live is not None
        if batch.rescan:
            self._next_rescan = time.monotonic() + self.rescan_every
        rels = set(batch.rels)
        if batch.rescan:
            current = self._walk()
            rels |= {r for r, s in current.items() if self._stats.get(r) != s}
            rels |= set(self._stats) - set(current)
            self._stats = current
        fired: list[bool] = []

        def before() -> None:  # before_sync: before the pass reads a note, as sync does
            if not fired:
                fired.append(True)
                self.service.before()

        update = self.live.update(rels, before_read=before)
        for rel in [*update.changed, *update.unchanged]:
            self._remember_stat(rel)
        for rel in update.deleted:
            self._stats.pop(rel, None)
        today = self.today()
        if today != self.live.today:
            self.log("day", f"a new day ({today}): recomputing every stage and suggestion")
            before()
            day = self.live.new_day(today)
            update.everything = True
            update.contacts |= day.contacts
        result.changed, result.deleted, result.ours = update.changed, update.deleted, update.unchanged
        result.diagnostics = update.diagnostics
        for rel in update.deleted:
            self.log("deleted", rel, note=rel)
        for diagnostic in update.diagnostics:
            self.log("problem", str(diagnostic), note=diagnostic.path, severity=diagnostic.severity)
        if update.empty:
            if fired:  # a touched file that was no note after all: the hooks stay paired
                self._after_sync(result)
            return
        with one_undo():  # a pass and its follow-up: one step of undo
            self._write(update, result, files="later")

    def _publish(self, result: BatchResult) -> None:
        if self.keep_results:
            self.results.put(result)

    def _reload(self, result: BatchResult) -> None:
        """Settings changed, or a pass failed: read everything again."""
        self.live = None
        self.config = read_config(self.vault)
        # Every section at once, the plugins' too: a wrong value fails this pass (logged,
        # nothing written).
        validate(self.config, self.pm, warn=lambda w: self.log("config", f"warning: {w}"))
        self.service = SyncService(self.vault, self.config, self.pm)
        self._stats = self._walk()
        self._full_sync(result)

    def _initial_sync(self) -> None:
        result = BatchResult(kind="initial", started=time.monotonic())
        try:
            self._full_sync(result)
        except Exception as exc:
            self._failed(result, exc)
        result.finished = time.monotonic()
        self._publish(result)

    def _failed(self, result: BatchResult, exc: Exception) -> None:
        """A pass failed (a plugin error, an unreadable setting…): say so, keep watching, and
        rebuild everything from disk later — after 5 s, then 10, 20… up to the rescan period,
        so a persistent error never turns into a busy loop."""
        from vinculo.errors import VinculoError

        # The user's to fix (a wrong setting, a lock): its one line; else a bug: its class too.
        result.error = str(exc) if isinstance(exc, VinculoError) else f"{type(exc).__name__}: {exc}"
        self._backoff = min(max(self._backoff * 2, 5.0), max(self.rescan_every, 60.0))
        self._rebuild_at = time.monotonic() + self._backoff
        self.log("error", f"{result.error}; rebuilding from disk in {self._backoff:.0f} s",
                 error=result.error, retry_seconds=self._backoff)

    def _full_sync(self, result: BatchResult) -> None:
        self.service.before()  # before any note is read, as sync does
        live = LiveIndex(self.vault, self.config, self.pm, self.today())
        live.load()
        self.live = live
        result.diagnostics = [d for d in self.live.index.scan.diagnostics if d.severity != "info"]
        for diagnostic in result.diagnostics:
            self.log("problem", str(diagnostic), note=diagnostic.path, severity=diagnostic.severity)
        with one_undo():  # a pass and its follow-up: one step of undo
            self._write(Update(everything=True), result)
        self.log(
            "synced",
            f"{len(self.live.notes)} notes, {len(self.live.index.contacts)} contacts, "
            f"{len(result.written)} written",
            notes=len(self.live.notes), contacts=len(self.live.index.contacts),
            written=len(result.written),
        )
        if self.settle_memory:
            settle_memory()

    def _write(self, update: Update, result: BatchResult, follow_up: bool = True,
               files: str = "with") -> None:
        """Plan the affected notes and write them through the sync service (the same plan,
        rule and write path as ``vinculo sync``), firing ``after_sync`` at the end of each
        pass (its caller fired ``before_sync`` before the pass read anything).

        A written note can change histories (a link written into an event's line): those
        contacts are recomputed, and whatever that changes is written in one follow-up, so
        the vault ends as a full sync would leave it; so are the notes whose edits a plugin's
        whole file superseded. ``files``: the whole files plugins keep, planned from the whole
        index, are written "with" these notes when a contact changed, "later" (a coalesced
        pass after the next quiet period, see :meth:`write_files`), or "now" (only them)."""
        assert self.live is not None
        top = follow_up or files == "now"  # a pass of its own, not a follow-up
        if top:
            self._reports = []
        view = self.live.view(update)
        whole = None
        wanted = files == "now" or update.everything or update.contacts or update.deleted
        if wanted and files == "later":
            self._files_later()
        elif wanted:
            whole = self.live.index  # whole files (the dashboard) from the whole index
        done = self.service.write_pass(view, whole, notes=files != "now", lock_wait=WRITE_WAIT)
        plan, report = done.plan, done.report
        self._reports.append(report)
        for diagnostic in plan.diagnostics:
            self.log("problem", str(diagnostic), note=diagnostic.path, severity=diagnostic.severity)
        result.diagnostics.extend(plan.diagnostics)
        written = list(report.written)
        touched: set[str] = set()
        after = {c.rel: c for c in plan.changes}
        touched |= self.live.wrote({rel: after[rel].after for rel in written})
        for rel in written:
            self._remember_stat(rel)
            self.log("wrote", f"{rel} ({after[rel].reason})" if after[rel].reason else rel,
                     note=rel, reason=after[rel].reason)
        for rel, why in report.skipped:
            self.log("skipped", f"{rel}: {why}", note=rel, reason=why)
        result.skipped.extend(report.skipped)
        self.live.settled(view, set(after), set(written))
        known = set(result.written)  # a follow-up may write the dashboard again: list it once
        result.written.extend(rel for rel in written if rel not in known)
        superseded = sorted(plan.superseded & set(written))
        if (touched or superseded) and follow_up:
            again = self.live.replan(touched)
            again.changed = superseded  # planned again on top of the plugin's bytes
            self._write(again, result, follow_up=False,
                        files="later" if files == "later" else "with")
        if top:
            self._after_sync(result)

    def _after_sync(self, result: BatchResult) -> None:
        """``after_sync`` with the same report ``vinculo sync --json`` prints as summary,
        for this pass (computed only when a plugin listens)."""
        reports, self._reports = self._reports, []
        if self.live is None or not self.pm.hook.after_sync.get_hookimpls():
            return
        from vinculo.sync_service import summary_of
        from vinculo.writeback import WriteReport

        reasons: dict[str, str] = {}
        for one in reports:  # a file written twice (the dashboard, then a link): both reasons
            for rel, why in one.reasons.items():
                first = reasons.get(rel)
                reasons[rel] = why if not first or first == why else f"{first}, {why}"
        report = WriteReport(written=list(result.written), skipped=list(result.skipped),
                             diff="".join(one.diff for one in reports), reasons=reasons,
                             journal_id=next((r.journal_id for r in reports if r.journal_id),
                                             None))
        # Not a full pass: the live index re-read only the notes the batch changed.
        self.service.after(summary_of(self.live.index, report, result.diagnostics,
                                      dry_run=False, full_pass=False, mode="watch"))

    # --- the vault on disk ---------------------------------------------------------------

    def _walk(self) -> dict[str, tuple[int, int]]:
        """Every note's (mtime, size): a rescan compares these to find what events missed."""
        out: dict[str, tuple[int, int]] = {}
        for path, rel in iter_markdown(self.vault, self.config):
            if note_rel(self.vault, str(path), self.config) is None:
                continue
            with contextlib.suppress(OSError):
                st = path.stat()
                out[rel] = (st.st_mtime_ns, st.st_size)
        return out

    def _remember_stat(self, rel: str) -> None:
        """A file we just wrote: the next rescan need not re-read it."""
        try:
            st = (self.vault / rel).stat()
        except OSError:
            self._stats.pop(rel, None)
            return
        self._stats[rel] = (st.st_mtime_ns, st.st_size)

    def _sweep_temps(self) -> None:
        """Remove temp files a killed writer left behind (ours only, by their suffix)."""
        try:
            from vinculo.writeback.apply.atomic import sweep_temps
        except ImportError:  # pragma: no cover
            return
        for folder, dirs, _files in os.walk(self.vault):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d not in ALWAYS_IGNORED_DIRS]
            for path in sweep_temps(Path(folder)):
                self.log("cleaned", f"left-over temp file {path.name}", file=path.name)
