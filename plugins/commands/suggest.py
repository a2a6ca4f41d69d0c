"""``vinculo suggest``: who to see this week, and why — and, with ``--apply``, write it back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from vinculo.hookspecs import hookimpl
from vinculo.model import suggestion_order


def suggestion_rows(index: Any, week: bool) -> list[dict[str, Any]]:
    """The ranked list (due date, then priority): the schema of ``suggest --json``."""
    from vinculo.default_plugins.outputs.dashboard import week_actions

    pool = week_actions(index) if week else sorted(
        (s for items in index.suggestions.values() for s in items),
        key=suggestion_order,
    )
    return [
        {
            "contact": s.contact, "path": index.contacts[s.contact].rel,
            "stage": index.histories[s.contact].stage, "kind": s.kind,
            "due": s.due.isoformat(), "overdue": s.due < index.today, "text": s.text,
            "why": s.why, "evidence": s.evidence, "city": index.contacts[s.contact].properties.get("city"),
        }
        for s in pool
    ]


def _apply(service: Any, index: Any, dry_run: bool) -> Any:
    """The same pass as ``vinculo sync`` (links, blocks, properties, plugins' whole files
    such as the dashboard; the same hooks, retries and rule), over the index already built
    (``before_sync`` fired before it was)."""
    result = service.apply(index, dry_run=dry_run, before=False)
    return result.report, result.diagnostics


@hookimpl
def register_commands(cli: click.Group) -> None:
    from vinculo.command_api import (
        Session,
        console,
        echo_json,
        esc,
        json_option,
        vault_argument,
    )

    @cli.command()
    @vault_argument
    @click.option("--week", is_flag=True, help="Only what is due within the next 7 days (and overdue).")
    @click.option("--apply", "apply_", is_flag=True,
                  help="Write each contact's block, properties, the dashboard and the people base.")
    @click.option("--dry-run", is_flag=True,
                  help="With --apply: print the exact diff it would write; write nothing.")
    @json_option
    @click.pass_context
    def suggest(ctx: click.Context, vault: Path | None, week: bool, apply_: bool, dry_run: bool,
                as_json: bool) -> None:
        """Who to see, call or write to, ranked by due date — each with its reason.

        \b
        Each line: due date, person, the next step on the ladder, and why (dates, channel and
        the note the evidence came from). Thresholds live in vinculo.toml under [ladder].
        With --apply, each contact note's vinculo block gets the list as Obsidian Tasks
        items (`- [ ] … #vinculo/<kind> 📅 date`); ticked items are kept as a dated log.

        \b
        Examples:
          vinculo suggest VAULT --week
          vinculo suggest VAULT --json | jq '.suggestions[] | select(.kind == "call")'
          vinculo suggest VAULT --apply --dry-run
          vinculo suggest VAULT --apply
        """
        from rich.text import Text

        from vinculo.city_groups import city_groups
        from vinculo.obsidian import print_indented, readable_links

        if dry_run and not apply_:
            raise click.UsageError("--dry-run shows what --apply would write: give both")
        session = Session(ctx, vault, writes=apply_)
        service = None
        if apply_:
            from vinculo.sync_service import SyncService

            service = SyncService(session.vault, session.config, session.pm)
            service.before(dry_run)  # before the vault is read, as sync does
        index = session.index()
        rows = suggestion_rows(index, week)
        pool = [s for items in index.suggestions.values() for s in items]
        cities = city_groups(pool, index.contacts, index.today, index.config)
        report = None
        if service is not None:
            report, diagnostics = _apply(service, index, dry_run)
            for diagnostic in diagnostics:
                click.echo(f"warning: {diagnostic}", err=True)
        if as_json:
            data: dict[str, Any] = {
                "today": index.today.isoformat(), "suggestions": rows,
                "cities": {city: [s.contact for s in members] for city, members in cities.items()},
            }
            if report is not None:
                data["write"] = {**report.to_json(), "dry_run": dry_run}
            echo_json(data)
            return
        out = console()
        scope = "this week" if week else "all open suggestions"
        out.print(f"[bold]{len(rows)} suggestion(s), {scope}[/bold] (today {index.today.isoformat()})")
        for city, members in cities.items():
            out.print(f"  [cyan]{esc(city)}[/cyan]: {len(members)} people to see in person this week — "
                      + esc(", ".join(s.contact for s in members)))
        for row in rows:
            due = dt.date.fromisoformat(row["due"])
            head = Text("  ")
            head.append(row["due"], style="red" if due < index.today else "")
            head.append("  ")
            head.append(row["contact"], style="bold")
            head.append(f" ({row['stage']}, {row['kind']})", style="dim")
            out.print(head)
            # Wrapped lines stay under their item; links read as their text (clickable where
            # the terminal supports hyperlinks), not as raw [[Daily/…|…]].
            print_indented(out, readable_links(row["text"], session.vault), 6)
            why = Text("why: ") + readable_links(row["why"], session.vault)
            why.stylize("dim")
            print_indented(out, why, 6)
        if report is not None and dry_run:
            click.echo(report.diff, nl=False)
            out.print(f"would write {len(report.reasons)} file(s)")
        elif report is not None:
            for rel in report.written:
                reason = report.reasons.get(rel)
                out.print(esc(f"wrote {rel}" + (f" ({reason})" if reason else "")))
            for rel, why in report.skipped:
                out.print(f"[yellow]skipped {esc(rel)}: {esc(why)}[/yellow]")
