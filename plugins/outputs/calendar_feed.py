"""``vinculo export calendar``: the relationship calendar as an ``.ics`` feed; with
``[calendar] path`` set, every sync and the watcher keep that file current, through the safe
write path like every file vinculo writes in the vault. The feed itself is
:mod:`vinculo.calendar_feed`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from vinculo.config import Config
from vinculo.config_schema import Section, Setting
from vinculo.hookspecs import hookimpl
from vinculo.writeback import FileChange

if TYPE_CHECKING:
    from vinculo.pipeline import Index


@hookimpl
def plan_files(index: Index, config: Config) -> list[FileChange]:
    """The feed at ``[calendar] path``, when set and when its bytes would change."""
    from vinculo.calendar_feed import calendar_bytes, feed_path

    rel = feed_path(config)
    if rel is None:
        return []
    path = index.vault / rel
    before = path.read_bytes() if path.is_file() else None
    after = calendar_bytes(index)
    return [] if after == before else [FileChange(rel, before, after, "calendar feed")]


@hookimpl
def owned_files(config: Config) -> list[str]:
    from vinculo.calendar_feed import feed_path

    rel = feed_path(config)
    return [rel] if rel else []


@hookimpl
def plans_from_contacts(config: Config) -> bool:
    return True  # contacts, histories and suggestions only: a logged event can be replayed


@hookimpl
def register_commands(cli: click.Group) -> None:
    from vinculo.default_plugins.commands.importing import export_group

    from vinculo.command_api import Session, deliver_export, output_option, vault_argument

    @export_group(cli).command("calendar")
    @vault_argument
    @output_option
    @click.option("--weeks", type=click.IntRange(1, 52), default=None,
                  help="How far ahead steps and plans reach [default: calendar.weeks or 4].")
    @click.pass_context
    def calendar(ctx: click.Context, vault: Path | None, output: Path | None,
                 weeks: int | None) -> None:
        """The next weeks' steps, planned calls and meetings, and birthdays as an .ics
        calendar (RFC 5545) that any calendar app imports or subscribes to.

        \b
        Each step is an all-day event on its due day (an overdue one on today) with its why
        and an obsidian:// link to the contact's note; birthdays repeat every year. UIDs are
        stable, so a calendar that reloads the file moves events instead of duplicating them,
        and an export with nothing changed is byte-identical.

        \b
        Examples:
          vinculo export calendar ~/Notes -o ~/vinculo.ics
          vinculo export calendar ~/Notes --weeks 8 > vinculo.ics

        \b
        To keep a feed current on every sync and while `vinculo watch` runs:
          [calendar]
          path = "vinculo/vinculo.ics"   # inside the vault
          weeks = 4
        """
        from vinculo.calendar_feed import calendar_bytes, feed_path

        session = Session(ctx, vault)
        configured = session.config.get("calendar.path")
        if configured and feed_path(session.config) is None:
            click.echo("warning: vinculo.toml: [calendar] path must be a file inside the vault "
                       f"and not a note ({configured!r}); it is not kept current", err=True)
        index = session.index()
        data = calendar_bytes(index, weeks)
        deliver_export(session, output, data, "calendar feed",
                       f"{data.count(b'BEGIN:VEVENT')} events")


@hookimpl
def register_settings() -> list[Section]:
    return [Section("calendar", (
        Setting("path", "text", None, "the .ics feed sync keeps current (inside the vault)"),
        Setting("weeks", "int", 4, "how far ahead the feed reaches", minimum=1),
    ))]
