"""``vinculo digest``: the morning (or weekly) digest in the terminal, as a file, or mailed.

What it holds is :func:`vinculo.digest.compose.build_digest`; how it reads is
:mod:`vinculo.digest.render`; ``--send`` mails it through ``[digest]``'s SMTP server
(:mod:`vinculo.digest.mail`). ``vinculo watch --digest-at 08:00`` sends it once a day.
"""

from __future__ import annotations

from pathlib import Path

import click

from vinculo.config_schema import Section, Setting
from vinculo.hookspecs import hookimpl

FORMATS = ("text", "markdown", "html", "json")


@hookimpl
def register_commands(cli: click.Group) -> None:
    from vinculo.command_api import Session, echo_json, vault_argument

    @cli.command()
    @vault_argument
    @click.option("--day", "scope", flag_value="day", default=True,
                  help="Today's steps (and overdue ones), birthdays and plans [default].")
    @click.option("--week", "scope", flag_value="week",
                  help="The same for the next 7 days ([ladder] lookahead_days).")
    @click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text",
                  show_default=True, help="How to print it.")
    @click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
    @click.option("--send", is_flag=True,
                  help="Mail it (plain text and HTML) through the [digest] SMTP settings.")
    @click.pass_context
    def digest(ctx: click.Context, vault: Path | None, scope: str, fmt: str, as_json: bool,
               send: bool) -> None:
        """Your relationships in one read: the steps due with their why, who is drifting,
        birthdays, calls and meetings already planned, cities with several people to see.

        \b
        Examples:
          vinculo digest ~/Notes                 this morning's digest
          vinculo digest ~/Notes --week -f markdown > week.md
          vinculo digest ~/Notes --json | jq '.steps[] | .contact'
          vinculo digest ~/Notes --send          mail it now
          vinculo watch ~/Notes --digest-at 08:00   mail it every morning

        \b
        Mail settings in vinculo.toml (the password never goes in the vault):
          [digest]
          host = "smtp.example.org"
          port = 587                 # 465 for ssl
          security = "starttls"      # starttls, ssl or none
          user = "me@example.org"
          from = "me@example.org"
          to = ["me@example.org"]
          password_env = "VINCULO_SMTP_PASSWORD"   # else: keyring set vinculo-smtp USER
        """
        from vinculo.digest.compose import build_digest
        from vinculo.digest.render import RENDERERS, title

        session = Session(ctx, vault)
        settings = None
        if send:  # wrong settings stop the command before the vault is read
            from vinculo.digest.mail import mail_settings

            settings = mail_settings(session.config)
        data = build_digest(session.index(), scope)  # type: ignore[arg-type]  # --day/--week
        if settings is not None:
            from vinculo.digest.deliver import mail_digest
            from vinculo.digest.mail import MailError

            try:
                refused = mail_digest(data, settings)
            except MailError as exc:
                raise MailError(f"digest not sent: {exc}") from None
            for address in refused:
                click.echo(f"warning: {settings.where} refused {address}", err=True)
            click.echo(f"sent to {', '.join(settings.to)}: {title(data)}", err=True)
            return
        if as_json or fmt == "json":
            echo_json(data)
            return
        click.echo(RENDERERS[fmt](data), nl=False)


@hookimpl
def register_settings() -> list[Section]:
    return [Section("digest", (
        Setting("host", "text", None, "the SMTP server"),
        Setting("port", "int", None, "587 (starttls), 465 (ssl)", minimum=1, maximum=65535),
        Setting("security", "text", None, "starttls, ssl or none",
                choices=("starttls", "ssl", "none")),
        Setting("to", "any", None, "who receives the digest (one address or a list)"),
        Setting("from", "text", None, "the sender (default: user, else the first of to)"),
        Setting("user", "text", None, "the SMTP login"),
        Setting("password_env", "text", "VINCULO_SMTP_PASSWORD", "the variable holding the password"),
        Setting("password", "any", None, "refused: never in the vault"),
        Setting("timeout", "number", 20, "seconds", minimum=0),
        Setting("cafile", "text", None, "certificates to trust"),
        Setting("at", "text", None, 'the watcher mails the digest at this time ("08:00")'),
        Setting("send_empty", "bool", False, "mail a digest with nothing in it too"),
    ), "mailing the digest")]
