"""``vinculo watch`` and ``vinculo service``: the background watcher and running it at login."""

from __future__ import annotations

import datetime as dt
import gc
import signal
import sys
from pathlib import Path
from typing import Any

import click

from vinculo.config_schema import Section, Setting
from vinculo.hookspecs import hookimpl


@hookimpl
def register_commands(cli: click.Group) -> None:
    from vinculo.command_api import echo_json, json_option, vault_argument
    from vinculo.errors import VaultError

    @cli.command()
    @vault_argument
    @click.option("--quiet-ms", type=click.IntRange(0), default=None, metavar="N",
                  help="Wait until the vault has been quiet this long before a pass "
                       "[default: watch.quiet_ms or 300].")
    @click.option("--rescan-minutes", type=click.FloatRange(0), default=None, metavar="N",
                  help="Rescan the whole vault this often to catch lost events; 0 turns it off "
                       "[default: watch.rescan_minutes or 10].")
    @click.option("--polling", is_flag=True,
                  help="Poll the disk instead of using the system's file events (network "
                       "drives, or when the inotify watch limit is reached).")
    @click.option("--log-format", type=click.Choice(["text", "json"]), default="text",
                  show_default=True, help="One line per action; json for machines.")
    @click.option("--once-idle", is_flag=True,
                  help="Sync, process the events that arrive, and exit once the vault has been "
                       "idle for a quiet period (for scripts and tests).")
    @click.option("--digest-at", "digest_at", metavar="HH:MM", default=None,
                  help="Mail the day's digest once a day from this time on (SMTP settings in "
                       "[digest]; see `vinculo digest --help`) [default: digest.at].")
    @click.pass_context
    def watch(ctx: click.Context, vault: Path | None, quiet_ms: int | None,
              rescan_minutes: float | None, polling: bool, log_format: str,
              once_idle: bool, digest_at: str | None) -> None:
        """Sync once, then keep the vault current on every save.

        Each saved note is re-read and only what it affects is recomputed (its mentions, the
        contacts it mentions, their managed blocks), then written through the safe write path.
        Editors' atomic saves, temp and swap files, sync-conflict copies and the vault's ignore
        rules are handled; saves in quick succession become one pass after a quiet period;
        vinculo's own writes never trigger work. Only one watcher per vault; other commands
        that write (sync, new, run, import, undo) wait for the pass in flight, then write.

        Ctrl-C (SIGINT) or SIGTERM finishes the write in flight and exits 0.

        \b
        Settings in vinculo.toml:
          [watch]
          quiet_ms = 300         # the quiet period
          rescan_minutes = 10    # periodic full rescan
          poll_seconds = 2       # polling interval when polling
          [digest]
          at = "08:00"           # as --digest-at: mail the digest every morning
          [calendar]
          path = "vinculo/vinculo.ics"   # keep this calendar feed current
        """
        from vinculo.command_api import Session
        from vinculo.watch import Watcher
        from vinculo.watch.log import ActionLog
        from vinculo.writeback import LockError, set_wait_notice

        gc.enable()  # a long-lived process: the one-shot commands' setting (cli.main) is not for it
        session = Session(ctx, vault, writes=True)
        config = session.config
        quiet = (quiet_ms if quiet_ms is not None else _setting(config, "quiet_ms", 300)) / 1000
        minutes = rescan_minutes if rescan_minutes is not None else _setting(
            config, "rescan_minutes", 10)
        # A date given with --today / $VINCULO_TODAY stays; otherwise the watcher follows the clock.
        fixed_today = ctx.find_root().params.get("today")
        today = (lambda: session.today) if fixed_today else dt.date.today
        log = ActionLog(log_format)
        daily = _daily_digest(session, digest_at, log)
        watcher = Watcher(
            session.vault, pm=session.pm, config=config, today=today, quiet=quiet,
            rescan_every=minutes * 60, poll_interval=_setting(config, "poll_seconds", 2),
            polling=polling, log=log, keep_results=False, settle_memory=True,
        )

        def _stop(signum: int, _frame: Any) -> None:
            watcher.log("stopping", f"{signal.Signals(signum).name}: finishing the write in flight")
            watcher.request_stop()

        # A pass that finds a command writing waits for it: the log says so.
        set_wait_notice(lambda message: watcher.log("waiting", message))
        previous = {s: signal.signal(s, _stop) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            try:
                watcher.start()
            except LockError as exc:
                raise LockError(f"{exc}; only one watcher per vault") from None

            def tick() -> None:
                if daily is not None:
                    from vinculo.digest.compose import build_digest

                    day = today()
                    # Only from an index of that day: at midnight the watcher may not have
                    # moved to the new day yet, and yesterday's digest is not today's.
                    daily.tick(day, lambda: watcher.with_index(
                        lambda index: build_digest(index) if index.today == day else None))

            tick()
            if once_idle:
                while not watcher.wait(quiet + 0.5):
                    if watcher.idle():
                        break
            else:
                while not watcher.wait(30 if daily is not None else 3600):
                    tick()
        finally:
            watcher.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        watcher.log("stopped", str(session.vault))

    @cli.group()
    def service() -> None:
        """Run 'vinculo watch' at login: a systemd user unit on Linux, a launchd agent on macOS.

        \b
          vinculo service install ~/Notes     write the unit and enable it
          vinculo service uninstall ~/Notes   disable and remove it
          vinculo service uninstall           every vault's service
        """

    @service.command("install")
    @vault_argument
    @click.option("--unit-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
                  help="Write the unit here instead of the service manager's folder "
                       "($XDG_CONFIG_HOME/systemd/user or ~/Library/LaunchAgents).")
    @click.option("--platform", "platform_", type=click.Choice(["systemd", "launchd"]),
                  default=None, help="Which service manager [default: this system's].")
    @click.option("--no-enable", is_flag=True,
                  help="Only write the file; print the commands that would enable it.")
    @json_option
    def install(vault: Path | None, unit_dir: Path | None, platform_: str | None,
                no_enable: bool, as_json: bool) -> None:
        """Generate the service for VAULT and enable it, so the watcher runs at login."""
        from vinculo.command_api import looks_like_vault
        from vinculo.watch import service as svc

        root = (vault or Path.cwd()).resolve()
        if not root.is_dir():
            raise VaultError(f"vault not found: {root}")
        if not looks_like_vault(root):  # the service's watcher would refuse it at every login
            raise VaultError(f"{root} does not look like a vault: no .obsidian/ folder and no "
                             "vinculo.toml; create vinculo.toml in it first")
        from vinculo.config import load_config

        load_config(root)  # nor could it start with a vinculo.toml it cannot read
        platform = platform_ or svc.default_platform()
        made = svc.service_file(root, platform, svc.unit_dir(platform, unit_dir))
        made.path.parent.mkdir(parents=True, exist_ok=True)
        made.path.write_text(made.content, encoding="utf-8")
        enabled = _switch(made.enable, run=not no_enable and unit_dir is None)
        if as_json:
            echo_json({"vault": str(root), "platform": platform, "unit": str(made.path),
                       "enable": enabled})
            return
        click.echo(f"wrote {made.path}")
        _print_switch(enabled, "enable")

    @service.command("uninstall")
    @vault_argument
    @click.option("--unit-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
                  help="Look for units here instead of the service manager's folder.")
    @click.option("--platform", "platform_", type=click.Choice(["systemd", "launchd"]),
                  default=None, help="Which service manager [default: this system's].")
    @click.option("--no-disable", "no_disable", is_flag=True,
                  help="Only remove the file; print the commands that would disable it.")
    @json_option
    def uninstall(vault: Path | None, unit_dir: Path | None, platform_: str | None,
                  no_disable: bool, as_json: bool) -> None:
        """Remove the service of VAULT (of every vault when VAULT is not given)."""
        from vinculo.watch import service as svc

        platform = platform_ or svc.default_platform()
        folder = svc.unit_dir(platform, unit_dir)
        removed = []
        for path in svc.installed(platform, folder, vault.resolve() if vault else None):
            disabled = _switch(svc.disable_commands(platform, path),
                               run=not no_disable and unit_dir is None)
            path.unlink()
            removed.append({"unit": str(path), "disable": disabled})
            if not as_json:
                _print_switch(disabled, "disable")
                click.echo(f"removed {path}")
        if as_json:
            echo_json({"platform": platform, "folder": str(folder), "removed": removed})
        elif not removed:
            click.echo(f"no vinculo service found in {folder}")


def _daily_digest(session: Any, digest_at: str | None, log: Any) -> Any:
    """The daily digest the watcher sends (None when neither --digest-at nor [digest] at is
    set); wrong settings stop ``watch`` before it starts, with one line."""
    from vinculo.errors import ConfigurationError, InputError

    at_text = digest_at if digest_at is not None else session.config.get("digest.at")
    if at_text is None:
        return None
    from vinculo.digest import schedule
    from vinculo.digest.deliver import DailyDigest
    from vinculo.digest.mail import MailError, mail_settings

    try:
        at = schedule.parse_time(str(at_text))
    except ValueError as exc:
        where = "--digest-at" if digest_at is not None else "vinculo.toml: [digest] at"
        wrong = InputError if digest_at is not None else ConfigurationError
        raise wrong(f"{where}: {exc}") from None
    try:
        settings = mail_settings(session.config)
    except MailError as exc:
        raise MailError(f"{exc}; needed to mail the digest") from None
    send_empty = session.config.get("digest.send_empty", False) is True
    return DailyDigest(session.vault, at, settings, log, send_empty=send_empty)


def _setting(config: Any, key: str, default: float) -> float:
    """A number from the ``[watch]`` section; a wrong value is one clear error, not a trace."""
    from vinculo.errors import ConfigurationError

    value = config.get(f"watch.{key}", default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ConfigurationError(f"vinculo.toml: [watch] {key} must be a number >= 0, not {value!r}")
    return float(value)


def _switch(commands: list[list[str]], *, run: bool) -> dict[str, Any]:
    """Run the service manager's commands when asked and available; else say what to run:
    ``{"ran": [{"command", "ok", "error"}], "to_run": [command], "missing": tool or None}``.

    Never run with ``--unit-dir`` (a folder the service manager does not read) or
    ``--no-enable``, so tests and dry runs never touch the user's services.
    """
    import shlex
    import shutil
    import subprocess

    tool = commands[0][0]
    if run and shutil.which(tool):
        ran = []
        for command in commands:
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            ran.append({"command": shlex.join(command), "ok": done.returncode == 0,
                        "error": (done.stderr or done.stdout).strip() if done.returncode else None})
        return {"ran": ran, "to_run": [], "missing": None}
    return {"ran": [], "to_run": [shlex.join(c) for c in commands], "missing": tool if run else None}


def _print_switch(outcome: dict[str, Any], verb: str) -> None:
    for done in outcome["ran"]:
        click.echo(f"ran: {done['command']}" + ("" if done["ok"] else f" (failed: {done['error']})"))
    if outcome["to_run"]:
        why = f" ({outcome['missing']} not found)" if outcome["missing"] else ""
        click.echo(f"to {verb} it{why}, run:")
        for command in outcome["to_run"]:
            click.echo(f"  {command}")
    sys.stdout.flush()


@hookimpl
def register_settings() -> list[Section]:
    return [Section("watch", (
        Setting("quiet_ms", "number", 300, "quiet time before a pass", minimum=0),
        Setting("rescan_minutes", "number", 10, "a full pass this often", minimum=0),
        Setting("poll_seconds", "number", 2, "polling interval when polling", minimum=0),
    ))]
