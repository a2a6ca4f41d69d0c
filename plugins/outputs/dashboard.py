"""The dashboard: one note with this week's actions and everyone by stage, and a Bases table.

``[folders] dashboard`` (``vinculo/Dashboard.md``) holds a managed block (the same markers as
contact notes; text outside it is yours) with this week's actions, the cities with several
people to see, what is already planned this week, who is drifting from their own rhythm, the
open loops (unchecked tasks that name someone, linked to where they live), a Mermaid diagram of the ladder (Obsidian
renders it natively) and the people of each stage. Next to it, ``[folders] base`` (``vinculo/People.base``) is an Obsidian Bases
table of contacts with vinculo's properties; it is created once and then left to you.

Both are contributed through the ``plan_files`` hook, so every whole-vault plan writes them
through the safe write path (``vinculo sync``, ``vinculo suggest --apply``); ``vinculo
dashboard VAULT`` prints the dashboard without writing anything. Blocking this plugin
(``--block-plugin dashboard``) or ``[dashboard] write = false`` turns both off.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import pluggy

from vinculo.city_groups import city_groups
from vinculo.config import Config
from vinculo.config_schema import Section, Setting
from vinculo.history import lookahead, plan_words, wikilink
from vinculo.hookspecs import hookimpl
from vinculo.i18n import t
from vinculo.model import STAGES, Interaction, OpenLoop, Suggestion, suggestion_order
from vinculo.writeback import BlockError, FileChange
from vinculo.writeback.compose.block import block_text, find_block

if TYPE_CHECKING:
    from vinculo.pipeline import Index

STAGE_LABELS = {"radar": "Radar", "online": "Online", "voice": "Voice", "in_person": "In person",
                "dormant": "Dormant"}
STAGE_HINTS = {
    "radar": "a light, personal touch",
    "online": "nurture, then propose a call",
    "voice": "propose meeting in person",
    "in_person": "keep the cadence",
    "dormant": "reconnect, one rung lower",
}


def dashboard_path(config: Config) -> str:
    return str(config.get("folders.dashboard", "vinculo/Dashboard.md")).strip("/")


def base_path(config: Config) -> str:
    default = str(Path(dashboard_path(config)).parent / "People.base").lstrip("./") or "People.base"
    return str(config.get("folders.base", default)).strip("/")


def week_actions(index: Index) -> list[Suggestion]:
    """Every suggestion due within ``lookahead_days`` (7) of today, overdue included."""
    horizon = lookahead(index.config, index.today)
    pool = [s for items in index.suggestions.values() for s in items if s.due <= horizon]
    return sorted(pool, key=suggestion_order)


def week_plans(index: Index) -> list[Interaction]:
    """Events already planned (written for a later day) within ``lookahead_days`` (7)."""
    horizon = lookahead(index.config, index.today)
    pool = [p for history in index.histories.values() for p in history.planned
            if p.date <= horizon]
    return sorted(pool, key=lambda p: (p.date, p.contact, p.channel))


def drifting(index: Index) -> list[str]:
    """Contacts drifting from their own rhythm (:func:`vinculo.rhythm.is_drifting`), the
    longest silence first."""
    found = [(h.drift.silence, name) for name, h in index.histories.items()
             if h.drift is not None and name in index.contacts]
    return [name for _, name in sorted(found, key=lambda p: (-p[0], p[1].casefold()))]


def open_loops(index: Index) -> list[OpenLoop]:
    """Every open loop (unchecked tasks naming a contact), by contact, then where it lives."""
    return [loop for name in sorted(index.histories, key=str.casefold)
            if name in index.contacts for loop in index.histories[name].open_loops]


def _mermaid(counts: dict[str, int], config: Config) -> list[str]:
    def node(stage: str) -> str:
        return f'{stage}["{t(config, STAGE_LABELS[stage])} · {counts.get(stage, 0)}"]'

    return [
        "```mermaid",
        "flowchart LR",
        f"  {node('radar')} -->|touch| {node('online')}",
        f"  online -->|call| {node('voice')}",
        f"  voice -->|meet| {node('in_person')}",
        "  in_person -->|cadence| in_person",
        f"  {node('dormant')} -.->|reconnect| online",
        "```",
    ]


def contacts_by_stage(index: Index) -> dict[str, list[str]]:
    """Every contact's name under its rung of the ladder, by name."""
    by_stage: dict[str, list[str]] = {stage: [] for stage in STAGES}
    for name in sorted(index.contacts, key=str.casefold):
        history = index.histories.get(name)
        if history is not None:
            by_stage.setdefault(history.stage, []).append(name)
    return by_stage


def dashboard_data(index: Index) -> dict[str, Any]:
    """What the dashboard shows, as data: the schema of ``vinculo dashboard --json``."""
    today = index.today
    actions = week_actions(index)

    def last_contact(name: str) -> str | None:
        when = index.histories[name].last_contact
        return when.isoformat() if when else None

    return {
        "path": dashboard_path(index.config),
        "today": today.isoformat(),
        "week": [
            {"contact": s.contact, "path": index.contacts[s.contact].rel, "kind": s.kind,
             "due": s.due.isoformat(), "overdue": s.due < today, "text": s.text, "why": s.why}
            for s in actions
        ],
        "planned": [
            {"contact": p.contact, "path": index.contacts[p.contact].rel, "date": p.date.isoformat(),
             "channel": p.channel, "note": p.note}
            for p in week_plans(index)
        ],
        "drifting": [
            {"contact": name, "path": index.contacts[name].rel,
             **drift.as_json()}
            for name in drifting(index) if (drift := index.histories[name].drift) is not None
        ],
        "open_loops": [
            {"contact": loop.contact, "path": index.contacts[loop.contact].rel,
             "text": loop.text, "note": loop.note, "line": loop.line}
            for loop in open_loops(index)
        ],
        "trips": {city: [s.contact for s in members] for city, members
                  in city_groups(actions, index.contacts, today, index.config).items()},
        "stages": {
            stage: [{"name": name, "path": index.contacts[name].rel,
                     "last_contact": last_contact(name)} for name in names]
            for stage, names in contacts_by_stage(index).items()
        },
    }


def render_dashboard(index: Index) -> str:
    """The dashboard block's Markdown (deterministic: same index, same bytes)."""
    today = index.today
    config = index.config
    actions = week_actions(index)
    lines = [t(config, "*Week of {date}. Written by vinculo: edits inside this block are "
                       "replaced on the next run.*", date=today.isoformat()), "",
             "## " + t(config, "This week ({count})", count=len(actions)), ""]
    if not actions:
        lines.append(t(config, "Nothing due this week."))
    for s in actions:
        when = (t(config, "overdue since {date}", date=s.due.isoformat()) if s.due < today
                else s.due.isoformat())
        lines.append(f"- **{when}** · {wikilink(index.contacts[s.contact].rel)} — {s.text} "
                     f"`{s.kind}`")
        lines.append(f"    - {t(config, 'why')}: {s.why}")
    groups = city_groups(actions, index.contacts, today, index.config)
    if groups:
        lines += ["", "### " + t(config, "One trip, several people"), ""]
        for city, members in groups.items():
            people = ", ".join(wikilink(index.contacts[m.contact].rel) for m in members)
            lines.append(f"- {city}: {people}")
    plans = week_plans(index)
    if plans:
        lines += ["", "### " + t(config, "Already planned ({count})", count=len(plans)), ""]
        lines += [f"- **{p.date.isoformat()}** · {wikilink(index.contacts[p.contact].rel)} — "
                  f"{t(config, plan_words(p.channel))} {wikilink(p.note)}" for p in plans]
    drift = drifting(index)
    if drift:
        lines += ["", "### " + t(config, "Drifting ({count})", count=len(drift)), ""]
        lines += [f"- {wikilink(index.contacts[name].rel)} · "
                  f"{found.describe(config)}" for name in drift
                  if (found := index.histories[name].drift) is not None]
    loops = open_loops(index)
    if loops:
        lines += ["", "### " + t(config, "Open loops ({count})", count=len(loops)), ""]
        lines += [f"- {wikilink(index.contacts[loop.contact].rel)} — {loop.text} "
                  f"{wikilink(loop.note)}" for loop in loops]
    by_stage = contacts_by_stage(index)
    counts = {stage: len(names) for stage, names in by_stage.items()}
    lines += ["", "## " + t(config, "Contacts by stage"), "", *_mermaid(counts, config)]
    for stage in STAGES:
        names = by_stage.get(stage, [])
        lines += ["", f"### {t(config, STAGE_LABELS[stage])} ({len(names)}): "
                      f"{t(config, STAGE_HINTS[stage])}", ""]
        for name in names:
            seen = index.histories[name].last_contact
            last = seen.isoformat() if seen else "—"
            lines.append(f"- {wikilink(index.contacts[name].rel)} · "
                         + t(config, "last contact {date}", date=last))
    return "\n".join(lines) + "\n"


def render_base(config: Config) -> str:
    """An Obsidian Bases file: contacts (as vinculo recognises them) with vinculo's properties."""
    prefix = str(config.get("properties.prefix", "vinculo_"))
    names = {"last_contact": "last_contact", "last_in_person": "last_in_person", "stage": "stage",
             **(config.get("properties.names", {}) or {})}
    type_key = str(config.get("contacts.type_key", "type"))
    rules = [f'{type_key} == "{t}"' for t in config.get("contacts.types", [])]
    rules += [f'file.hasTag("{t}")' for t in config.get("contacts.tags", [])]
    if config.people_folder:
        rules.append(f'file.inFolder("{config.people_folder}")')
    stage, last, met = (f"{prefix}{names[k]}" for k in ("stage", "last_contact", "last_in_person"))
    columns = ["file.name", stage, last, met, "city", "tier", "company"]
    out = ["# People, as vinculo sees them. Created once by vinculo; yours to change.",
           "filters:", "  or:"]
    out += [f"    - {_yaml_str(rule)}" for rule in rules]
    out += ["properties:"]
    for key, label in ((stage, "Stage"), (last, "Last contact"), (met, "Last in person")):
        out += [f"  {key}:", f"    displayName: {_yaml_str(label)}"]
    out += ["views:", "  - type: table", "    name: People", "    order:"]
    out += [f"      - {c}" for c in columns]
    out += ["    sort:", f"      - property: {last}", "        direction: DESC"]
    out += ["  - type: table", "    name: By stage", "    groupBy:", f"      property: {stage}",
            "      direction: ASC", "    order:"]
    out += [f"      - {c}" for c in columns]
    return "\n".join(out) + "\n"


def _yaml_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def without_markers(content: str, config: Config) -> str:
    """``content`` with every block marker made inert (``<`` as ``&lt;``): a contact named
    ``<!-- vinculo:end -->`` must not end the dashboard's block in the middle of a line."""
    for key, default in (("block.start", "<!-- vinculo:start -->"),
                         ("block.end", "<!-- vinculo:end -->")):
        marker = str(config.get(key, default))
        if marker and marker in content:
            content = content.replace(marker, marker.replace("<", "&lt;", 1) if "<" in marker
                                      else marker.replace("-", "&#45;", 1))
    return content


def dashboard_changes(index: Index, pm: pluggy.PluginManager | None = None) -> list[FileChange]:
    """The dashboard note and the Bases file, as changes for ``apply_changes`` (none when the
    plugin is blocked or ``[dashboard] write`` is false, or when nothing would change)."""
    config = index.config
    if pm is not None and pm.get_plugin("dashboard") is None:
        return []
    if not config.get("dashboard.write", True):
        return []
    changes: list[FileChange] = []
    rel = dashboard_path(config)
    path = index.vault / rel
    if not index.contacts and not path.exists():
        return []  # no people yet: no empty dashboard and base to clutter the vault
    content = without_markers(render_dashboard(index), config)
    if path.exists():
        before = path.read_bytes()
        try:
            text = before.decode("utf-8")
            find_block(text, 0, config)
        except (UnicodeDecodeError, BlockError):
            return changes  # not ours to repair: the write path never guesses
        after = block_text(text, 0, content, config).encode("utf-8")
        if after != before:
            changes.append(FileChange(rel, before, after, "dashboard"))
    else:
        start = str(config.get("block.start", "<!-- vinculo:start -->"))
        end = str(config.get("block.end", "<!-- vinculo:end -->"))
        text = f"# People to see\n\n{start}\n{content}{end}\n"
        try:
            span = find_block(text, 0, config)
        except BlockError:
            span = None
        if span is not None and text[span.content_start:span.content_end] == content:
            changes.append(FileChange(rel, None, text.encode("utf-8"), "dashboard"))
    base = base_path(config)
    if not (index.vault / base).exists():
        changes.append(FileChange(base, None, render_base(config).encode("utf-8"), "people base"))
    return changes


@hookimpl
def plan_files(index: Index, config: Config) -> list[FileChange]:
    """The dashboard and the people base, in every whole-vault plan (sync, suggest --apply)."""
    return dashboard_changes(index)


@hookimpl
def owned_files(config: Config) -> list[str]:
    return [dashboard_path(config), base_path(config)]


@hookimpl
def plans_from_contacts(config: Config) -> bool:
    return True  # contacts, histories and suggestions only: a logged event can be replayed


@hookimpl
def register_commands(cli: click.Group) -> None:
    from vinculo.command_api import Session, echo_json, json_option, vault_argument

    @cli.command()
    @vault_argument
    @json_option
    @click.pass_context
    def dashboard(ctx: click.Context, vault: Path | None, as_json: bool) -> None:
        """Print the dashboard note's content (this week's actions, everyone by stage, the
        Mermaid ladder) without writing it; `vinculo sync VAULT` writes it.

        \b
        Examples:
          vinculo dashboard VAULT
          vinculo dashboard VAULT --json | jq '.week[] | select(.overdue)'
        """
        index = Session(ctx, vault).index()
        if as_json:
            echo_json(dashboard_data(index))
            return
        click.echo(render_dashboard(index), nl=False)


@hookimpl
def register_settings() -> list[Section]:
    return [Section("dashboard", (
        Setting("write", "bool", True, "false: sync leaves the dashboard and the base alone"),))]
