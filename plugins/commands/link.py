"""``vinculo link``: list every mention of a contact, and link the confident ones.

A dry run by default: it lists each mention (file, line, text, target, confidence) and the
exact diff ``--apply`` would write. ``--apply`` writes only through the safe write path
(:func:`vinculo.writeback.apply_changes`: compare-and-swap, atomic replace, undo journal).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import click

from vinculo.hookspecs import hookimpl


def _select(notes: list[Any], vault: Path, wanted: str | None) -> list[Any]:
    """The notes to link: all of them, or the one ``--note`` names (vault-relative or not)."""
    if not wanted:
        return [n for n in notes if n.readable]
    path = Path(wanted)
    candidates = {wanted.replace("\\", "/").strip("/")}
    with contextlib.suppress(ValueError):
        candidates.add((path if path.is_absolute() else Path.cwd() / path).resolve()
                       .relative_to(vault).as_posix())
    chosen = [n for n in notes if n.rel in candidates]
    if not chosen:
        from vinculo.errors import InputError

        raise InputError(f"no such note in the vault: {wanted}")
    if not chosen[0].readable:
        from vinculo.errors import VaultError

        raise VaultError(f"{chosen[0].rel}: {chosen[0].diagnostics[0].message}")
    return chosen


def _mention_row(mention: Any) -> dict[str, Any]:
    return {
        "path": mention.note,
        "line": mention.line,
        "start": mention.start,
        "end": mention.end,
        "text": mention.surface,
        "target": mention.target or None,
        "candidates": list(mention.candidates),
        "level": mention.level,
        "reason": mention.reason,
    }


def plan_links(session: Any, note_arg: str | None) -> tuple[list[Any], list[Any]]:
    """The unlinked mentions of the selected notes, and the FileChanges linking them."""
    from vinculo.contacts import build_contacts
    from vinculo.linking import link_paths, link_spans
    from vinculo.mentions import find_mentions
    from vinculo.vault import scan_vault
    from vinculo.writeback import FileChange, replace_spans

    scan = scan_vault(session.vault, session.config)
    contacts = build_contacts(scan.notes, session.pm, session.config)
    notes = _select(scan.notes, session.vault, note_arg)
    paths = link_paths((n.rel for n in scan.notes), contacts)
    found = find_mentions(notes, contacts, session.pm, session.config, paths)
    mentions: list[Any] = []
    changes: list[Any] = []
    for note in notes:
        here = found.get(note.rel, [])
        mentions += [m for m in here if not m.linked]
        spans = link_spans(note, here, session.config, paths)
        if spans:
            after = replace_spans(note, spans)
            if after != note.raw:
                label = "link" if len(spans) == 1 else "links"
                changes.append(FileChange(note.rel, note.raw, after, f"{len(spans)} {label}"))
    return mentions, changes


@hookimpl
def register_commands(cli: click.Group) -> None:
    from vinculo.command_api import Session, echo_json, json_option, quiet_option, vault_argument

    @cli.command(name="link")
    @vault_argument
    @click.option("--apply", "apply_", is_flag=True,
                  help="Write the confident links (level 'link'). Without it, nothing is written.")
    @click.option("--note", "note_arg", metavar="PATH",
                  help="Only this note (a path inside the vault).")
    @json_option
    @quiet_option
    @click.pass_context
    def link(ctx: click.Context, vault: Path | None, apply_: bool, note_arg: str | None,
             as_json: bool, quiet: bool) -> None:
        """Find every mention of your contacts; link the confident ones.

        Names are found also without accents, in any case (names of two or more words), as
        an alias or nickname, with a one-letter typo, with a possessive ('s), or as a first
        name (or first name and first surname) that names one contact only.

        \b
        Levels:
          link      written as [[Title|text as written]] by --apply and by sync
          suggest   listed only: a name several contacts share, a doubtful typo,
                    a one-word name written in lowercase ("called jorge")

        Never inside frontmatter, code, existing links, URLs, e-mail addresses, HTML,
        %%comments%%, tags or block ids, and never in the contact's own note.

        \b
        Examples:
          vinculo link VAULT                 list mentions and the diff --apply would write
          vinculo link VAULT --apply         write the links (undo: vinculo undo)
          vinculo link VAULT --note Daily/2026-11-20.md --json
        """
        from vinculo.writeback import apply_changes, unified_diff

        session = Session(ctx, vault, writes=apply_)
        from vinculo import progress

        if as_json or not progress.wanted(quiet):  # a spinner only on a terminal, unasked
            mentions, changes = plan_links(session, note_arg)
        else:
            from rich.console import Console

            with Console(stderr=True).status("Finding mentions…"):
                mentions, changes = plan_links(session, note_arg)
        report = None
        if apply_ and changes:
            report = apply_changes(session.vault, changes, pm=session.pm)
        diff = unified_diff(changes)
        if as_json:
            echo_json({
                "mentions": [_mention_row(m) for m in mentions],
                "changes": [{"path": c.rel, "reason": c.reason} for c in changes],
                "diff": diff,
                "applied": apply_,
                "written": report.written if report else [],
                "skipped": [{"path": p, "why": w} for p, w in report.skipped] if report else [],
            })
            return
        _print(mentions, changes, diff, report, apply_)


def _print(mentions: list[Any], changes: list[Any], diff: str, report: Any, applied: bool) -> None:
    links = [m for m in mentions if m.level == "link"]
    suggestions = [m for m in mentions if m.level == "suggest"]
    for mention in mentions:
        target = mention.target or " or ".join(mention.candidates)
        color = "green" if mention.level == "link" else "yellow"
        click.echo(
            f"{mention.note}:{mention.line}  {mention.surface!r} → {target}  "
            + click.style(mention.level, fg=color) + f" ({mention.reason})"
        )
    click.echo(f"{len(links)} link(s) in {len(changes)} note(s), {len(suggestions)} suggestion(s).")
    if report is not None:
        for rel in report.written:
            click.echo(f"linked {rel}")
        for rel, why in report.skipped:
            click.echo(click.style("skipped ", fg="yellow") + f"{rel}: {why}")
        return
    if diff:
        click.echo(diff, nl=not diff.endswith("\n"))
    if changes and not applied:
        click.echo("Dry run: nothing written. Run again with --apply to write these links.")
