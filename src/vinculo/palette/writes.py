"""Commands write through the one safe write path, and say what they did in one line."""

from __future__ import annotations

from vinculo.model import CommandContext
from vinculo.palette.registry import CommandError


def write(ctx: CommandContext, changes: list, done: str) -> str:
    """Apply ``changes`` (``vinculo.writeback.FileChange``) honouring ``ctx.dry_run``.

    Returns ``done`` after a real write, or the exact diff under ``--dry-run``; raises
    CommandError with the reason when a file could not be written (it is left as it was).
    """
    from vinculo.writeback import apply_changes

    report = apply_changes(ctx.vault, changes, dry_run=ctx.dry_run, pm=ctx.pm)
    if report.skipped:
        rel, why = report.skipped[0]
        raise CommandError(f"{rel}: {why}")
    if ctx.dry_run:
        return (report.diff.rstrip("\n") + "\n(dry run: nothing written)").lstrip("\n")
    return done
