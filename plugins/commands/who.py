"""``vinculo who``: people queries on the command line and in the palette ("who do I know
in Lisbon?"). The matching lives in :mod:`vinculo.who`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from vinculo.hookspecs import hookimpl
from vinculo.model import CommandContext, PaletteCommand, Param
from vinculo.text import plural


def _stages(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    from vinculo.who import stage_name

    try:
        return tuple(stage_name(v) for v in values)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@hookimpl
def register_commands(cli: click.Group) -> None:
    from vinculo.command_api import Session, echo_json, json_option, vault_argument

    @cli.command()
    @vault_argument
    @click.option("--city", multiple=True, metavar="X", help="Where they live (repeat: any of).")
    @click.option("--company", multiple=True, metavar="X", help="Where they work.")
    @click.option("--stage", multiple=True, metavar="S", callback=_stages,
                  help="radar, online, voice, in_person or dormant.")
    @click.option("--tag", multiple=True, metavar="T",
                  help="A tag of their note (`work` also finds `work/acme`).")
    @click.option("--met-via", "met_via", multiple=True, metavar="X",
                  help="How you met (met_via: conference, LinkedIn, a friend's name…).")
    @click.option("--in", "anywhere", multiple=True, metavar="X",
                  help="Any of city, company, role, tag or how you met.")
    @click.option("--due", is_flag=True, help="Only people with a step due this week.")
    @click.option("--drifting", is_flag=True,
                  help="Only people whose last real contact is older than their cadence.")
    @json_option
    @click.pass_context
    def who(ctx: click.Context, vault: Path | None, city: tuple[str, ...],
            company: tuple[str, ...], stage: tuple[str, ...], tag: tuple[str, ...],
            met_via: tuple[str, ...], anywhere: tuple[str, ...], due: bool, drifting: bool,
            as_json: bool) -> None:
        """Who do you know in a city, at a company, from a conference — and who is due or
        drifting. Values match without accents or case, as one word of a longer value, and
        despite a small typo ("lisboa" finds Lisbon).

        \b
        Examples:
          vinculo who ~/Notes --city lisbon
          vinculo who ~/Notes --company acme --stage voice
          vinculo who ~/Notes --met-via conference --drifting
          vinculo who ~/Notes --tag work --due --json | jq -r '.people[].name'
        """
        from vinculo.who import Query, who_rows

        query = Query(cities=city, companies=company, stages=stage, tags=tag, met_via=met_via,
                      anywhere=anywhere, due=due, drifting=drifting)
        index = Session(ctx, vault).index()
        rows = who_rows(index, query)
        if as_json:
            echo_json({"today": index.today.isoformat(), "query": query.describe(),
                       "people": rows})
            return
        _table(rows, query.describe(), index.today.isoformat())


def _table(rows: list[dict[str, Any]], asked: str, today: str) -> None:
    from rich.table import Table

    from vinculo.command_api import console

    out = console()
    if not rows:
        out.print(f"Nobody found ({asked}).", markup=False)
        return
    table = Table(title=f"{plural(len(rows), 'person', 'people')} · {asked}",
                  title_justify="left")
    for column in ("name", "city", "company", "stage", "last contact", "next step"):
        table.add_column(column, no_wrap=column in ("stage", "last contact", "next step"))
    for row in rows:
        step = row["next_step"]
        late = step is not None and step["due"] < today
        table.add_row(row["name"], row["city"] or "", row["company"] or "", row["stage"],
                      row["last_contact"] or "—",
                      (f"[red]{step['kind']} {step['due']}[/red]" if late
                       else f"{step['kind']} {step['due']}") if step else "—")
    out.print(table)
    out.print("[dim]The next steps with their why: vinculo suggest VAULT · --json for every field[/dim]")


# --- the palette -----------------------------------------------------------------------------


def who_do_i_know(ctx: CommandContext, params: dict[str, str]) -> str:
    """People whose city, company, role, tags or met_via match, with their next step."""
    from vinculo.pipeline import build_index
    from vinculo.who import Query, who_rows

    place = (params.get("in") or "").strip()
    query = Query(anywhere=(place,) if place else ())
    rows = who_rows(build_index(ctx.vault, ctx.config, ctx.pm, ctx.today), query)
    if not rows:
        return f"Nobody found in {place!r}." if place else "No contacts yet."
    lines = [plural(len(rows), "person", "people") + (f" in {place}:" if place else ":")]
    for row in rows:
        where = " · ".join(v for v in (row["city"], row["company"], row["stage"]) if v)
        step = row["next_step"]
        lines.append(f"- {row['name']} ({where})"
                     + (f": {step['text']}, {step['due']}" if step else ""))
        lines.append(f"  {row['url']}")
    return "\n".join(lines)


@hookimpl
def register_palette_commands() -> list[PaletteCommand]:
    return [PaletteCommand(
        "who-do-i-know", "Who do I know in…",
        "People by city, company, role, tag or how you met (no accents or exact case needed).",
        who_do_i_know, (Param("in", "In, at or from (city, company, tag…)", required=False),),
    )]
