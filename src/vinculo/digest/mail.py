"""Mailing the digest over SMTP, configured in ``[digest]`` of ``vinculo.toml``.

The password is never read from the vault (a vault is synced and shared; a secret in it
leaks): it comes from an environment variable (``password_env``, by default
``VINCULO_SMTP_PASSWORD``), else from the system keyring when the ``keyring`` package is
installed (service ``vinculo-smtp``, the SMTP user as the name). Every failure is one
:class:`MailError` with a one-line message; nothing is marked as sent unless the server
accepted the message.
"""

from __future__ import annotations

import os
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from vinculo.config import Config
from vinculo.errors import ServiceError

PASSWORD_ENV = "VINCULO_SMTP_PASSWORD"
KEYRING_SERVICE = "vinculo-smtp"
SECURITY = ("starttls", "ssl", "none")


class MailError(ServiceError):
    """The digest could not be mailed (settings, connection, login, refusal): one line."""


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    security: str
    sender: str
    to: tuple[str, ...]
    user: str | None = None
    password_env: str = PASSWORD_ENV
    timeout: float = 20.0
    cafile: str | None = None  # a certificate authority to trust (a self-hosted server's)

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"


def _addresses(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        return ()
    return tuple(str(v).strip() for v in value if str(v).strip())


def mail_settings(config: Config) -> MailSettings:
    """``[digest]`` settings, checked: a missing or wrong one is a MailError naming it."""
    section = config.get("digest", {}) or {}
    if not isinstance(section, dict):
        raise MailError("vinculo.toml: [digest] must be a table")
    if "password" in section:
        raise MailError("vinculo.toml: do not put the SMTP password in the vault; set "
                        f"${section.get('password_env', PASSWORD_ENV)} or the system keyring")
    host = section.get("host")
    if not isinstance(host, str) or not host.strip():
        raise MailError("vinculo.toml: [digest] host is not set (the SMTP server to send through)")
    security = str(section.get("security", "")).lower() or None
    port = section.get("port")
    if port is None:
        port = {"ssl": 465, "none": 25}.get(security or "", 587)
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise MailError(f"vinculo.toml: [digest] port must be a number from 1 to 65535, not {port!r}")
    security = security or ("ssl" if port == 465 else "starttls")
    if security not in SECURITY:
        raise MailError(f"vinculo.toml: [digest] security must be one of {', '.join(SECURITY)}, "
                        f"not {security!r}")
    to = _addresses(section.get("to"))
    if not to:
        raise MailError("vinculo.toml: [digest] to is not set (who receives the digest)")
    user = section.get("user")
    sender = section.get("from") or user or to[0]
    timeout = section.get("timeout", 20)
    cafile = section.get("cafile")
    cafile = os.path.expanduser(cafile) if isinstance(cafile, str) else cafile
    if cafile is not None and not (isinstance(cafile, str) and os.path.isfile(cafile)):
        raise MailError(f"vinculo.toml: [digest] cafile is not a readable file: {cafile!r}")
    return MailSettings(
        host=host.strip(), port=port, security=security, sender=str(sender), to=to,
        user=str(user) if user else None,
        password_env=str(section.get("password_env", PASSWORD_ENV)),
        timeout=float(timeout) if isinstance(timeout, int | float) else 20.0,
        cafile=cafile,
    )


def password(settings: MailSettings) -> str | None:
    """The SMTP password: the environment variable, else the keyring (when installed)."""
    value = os.environ.get(settings.password_env)
    if value:
        return value
    if settings.user is None:
        return None
    try:
        import keyring
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, settings.user)
    except Exception:  # a locked or absent keyring backend: same as no password
        return None


def build_message(subject: str, text: str, html: str, settings: MailSettings) -> EmailMessage:
    """A multipart/alternative message: the plain text, and HTML for mail clients."""
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.to)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain="vinculo.local")
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message


def send(message: EmailMessage, settings: MailSettings) -> list[str]:
    """Hand ``message`` to the SMTP server; raise MailError (one line) when it is not taken.
    Returns the recipients the server refused while taking it for the others (sent, then)."""
    secret = password(settings)
    if settings.user and secret is None:
        raise MailError(f"no SMTP password for {settings.user}: set ${settings.password_env} "
                        f"(or `keyring set {KEYRING_SERVICE} {settings.user}`)")
    try:
        if settings.security == "ssl":
            server: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout,
                context=ssl.create_default_context(cafile=settings.cafile))
        else:
            server = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with server:
            if settings.security == "starttls":
                server.starttls(context=ssl.create_default_context(cafile=settings.cafile))
            if settings.user:
                server.login(settings.user, secret or "")
            refused = server.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(f"{settings.where} refused the login of {settings.user}: "
                        f"{_reply(exc.smtp_code, exc.smtp_error)}") from None
    except smtplib.SMTPNotSupportedError as exc:
        raise MailError(f"{settings.where}: {exc} (check [digest] security)") from None
    except smtplib.SMTPRecipientsRefused as exc:
        who = ", ".join(sorted(exc.recipients))
        raise MailError(f"{settings.where} refused every recipient ({who})") from None
    except smtplib.SMTPResponseException as exc:
        raise MailError(f"{settings.where} refused the digest: "
                        f"{_reply(exc.smtp_code, exc.smtp_error)}") from None
    except ssl.SSLCertVerificationError as exc:
        raise MailError(f"{settings.where}: the server's certificate is not trusted "
                        f"({exc.verify_message}); set [digest] cafile for a private "
                        "certificate authority") from None
    except (smtplib.SMTPException, ssl.SSLError) as exc:
        raise MailError(f"{settings.where}: {exc}") from None
    except socket.gaierror as exc:
        raise MailError(f"cannot find the SMTP server {settings.host}: {exc.strerror}") from None
    except TimeoutError:
        raise MailError(f"cannot reach the SMTP server {settings.where}: timed out "
                        f"after {settings.timeout:g} s") from None
    except OSError as exc:
        raise MailError(f"cannot reach the SMTP server {settings.where}: "
                        f"{exc.strerror or exc}") from None
    return sorted(refused)


def _reply(code: int, error: bytes | str) -> str:
    text = error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error)
    return f"{code} {' '.join(text.split())}"
