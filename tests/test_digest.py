"""``vinculo digest``: what it says, in four formats, and mailed to a real SMTP server on
localhost (aiosmtpd), once a day from the watcher."""

from __future__ import annotations

import email
import email.policy
import json
import socket
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.conftest import snapshot


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"


def _only_me(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        b"me@example.org", b"s3cret")
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(),
                            authenticator=_only_me, auth_require_tls=False)
    controller.start()
    yield inbox, controller.port
    controller.stop()


def _mail_settings(write, port: int, extra: str = "") -> None:
    write("vinculo.toml", f"""[digest]
host = "127.0.0.1"
port = {port}
security = "none"
user = "me@example.org"
to = ["me@example.org", "also@example.org"]
timeout = 5
{extra}""")


@pytest.fixture
def people(vault: Path, write) -> Path:
    """Two close friends in Lisbon last seen in September (drifting, to see again: one trip),
    a birthday today, another in three days, a lunch planned for Wednesday, a call due soon."""
    write("People/Ana Lima.md", "---\ntype: person\ncity: Lisbon\ntier: close\nbirthday: 1986-11-29\n---\n")
    write("People/Bruno Costa.md", "---\ntype: person\ncity: Lisbon\ntier: close\n---\n")
    write("People/Carla Dias.md", "---\ntype: person\ncity: Madrid\nbirthday: 12-02\n---\n")
    write("People/Dan & Poe.md", "---\ntype: person\nconnected: 2026-08-01\n---\n")
    write("Daily/2026-09-01.md", "Had coffee with [[Ana Lima]] and [[Bruno Costa]].\n")
    write("Daily/2026-11-20.md", "Called [[Carla Dias]] about the workshop.\n")
    write("Daily/2026-12-02.md", "Lunch with [[Carla Dias]] at noon.\n")
    write("Daily/2026-10-01.md", "Messaged [[Dan & Poe]] about his post.\n")
    return vault


def test_the_day_digest_says_steps_with_why_drift_birthdays_and_trips(people, run):
    result = run("digest", str(people))
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("vinculo · Sun 29 Nov: ")
    assert "See Ana Lima again in Lisbon" in out and "See Bruno Costa again in Lisbon" in out
    assert "why: last in person 2026-09-01 (Daily/2026-09-01); last real contact" in out  # wikilinks made readable
    assert "Lisbon: Ana Lima, Bruno Costa" in out  # one trip, several people
    assert "2026-11-29  Ana Lima (turns 40)" in out
    assert "Carla Dias" not in out.split("Birthdays")[1].split("\n\n")[0]  # 2 Dec: not today
    drifting = out.split("Drifting (2)")[1]
    assert ("Ana Lima: last real contact 2026-09-01; every 30 days for their tier, drifting after 60"
            in drifting)
    assert "Carla" not in drifting  # called nine days ago
    assert "Planned" not in out  # Wednesday's lunch is not today


def test_the_week_digest_reaches_seven_days_ahead(people, run):
    data = json.loads(run("digest", str(people), "--week", "--json").output)
    assert data["scope"] == "week" and data["until"] == "2026-12-06"
    assert [b["contact"] for b in data["birthdays"]] == ["Ana Lima", "Carla Dias"]
    assert data["birthdays"][1] == {**data["birthdays"][1], "date": "2026-12-02", "turns": None}
    assert [(p["contact"], p["date"], p["channel"]) for p in data["planned"]] == [
        ("Carla Dias", "2026-12-02", "in_person")]
    day = json.loads(run("digest", str(people), "--json").output)
    assert len(day["steps"]) < len(data["steps"]) or day["steps"] == data["steps"]
    assert all(s["due"] <= "2026-11-29" for s in day["steps"])
    assert data["cities"] == {"Lisbon": ["Ana Lima", "Bruno Costa"]}
    assert data["steps"][0]["url"].startswith("obsidian://open?vault=vault&file=People%2F")


def test_markdown_links_the_vault_and_html_escapes_everything(people, run):
    markdown = run("digest", str(people), "--week", "-f", "markdown").output
    assert markdown.startswith("# vinculo · Sun 29 Nov (week): ")
    assert "[[People/Ana Lima|Ana Lima]]" in markdown
    assert "- **2026-12-02** · [[People/Carla Dias|Carla Dias]] — in person [[Daily/2026-12-02|2026-12-02]]" in markdown
    page = run("digest", str(people), "--week", "--format", "html").output
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</body></html>")
    assert "Dan & Poe" not in page and "Dan &amp; Poe" in page
    assert 'href="obsidian://open?vault=vault&amp;file=People%2FAna%20Lima"' in page


def test_the_digest_writes_nothing(people, run):
    before = snapshot(people)
    for args in ((), ("--week", "--json"), ("-f", "html")):
        assert run("digest", str(people), *args).exit_code == 0
    assert snapshot(people) == before


def test_send_mails_text_and_html_to_a_real_smtp_server(people, write, run, smtp, monkeypatch):
    inbox, port = smtp
    _mail_settings(write, port)
    monkeypatch.setenv("VINCULO_SMTP_PASSWORD", "s3cret")
    result = run("digest", str(people), "--send")
    assert result.exit_code == 0, result.output
    assert "sent to me@example.org, also@example.org" in result.output
    [message] = inbox.messages
    assert inbox.recipients == [["me@example.org", "also@example.org"]]
    assert message["Subject"].startswith("vinculo · Sun 29 Nov: ")
    assert message["From"] == "me@example.org"
    text = message.get_body(("plain",)).get_content()
    page = message.get_body(("html",)).get_content()
    assert "See Ana Lima again in Lisbon" in text and "Lisbon: Ana Lima, Bruno Costa" in text
    assert "Ana Lima</a>" in page and "Dan &amp; Poe" in page


def test_a_refused_login_is_one_line_and_nothing_is_sent(people, write, run, smtp, monkeypatch):
    inbox, port = smtp
    _mail_settings(write, port)
    monkeypatch.setenv("VINCULO_SMTP_PASSWORD", "wrong")
    result = run("digest", str(people), "--send")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"vinculo: digest not sent: 127.0.0.1:{port} refused the login of me@example.org: "
        "535 5.7.8 Authentication credentials invalid"]
    assert inbox.messages == []


def test_an_unreachable_server_is_one_line(people, write, run, monkeypatch):
    monkeypatch.setenv("VINCULO_SMTP_PASSWORD", "s3cret")
    port = _free_port()  # nothing listens there
    _mail_settings(write, port)
    result = run("digest", str(people), "--send")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"vinculo: digest not sent: cannot reach the SMTP server 127.0.0.1:{port}: "
        "Connection refused"]
    text = (people / "vinculo.toml").read_text().replace('"127.0.0.1"', '"smtp.nowhere.invalid"')
    write("vinculo.toml", text)
    [line] = run("digest", str(people), "--send").output.strip().splitlines()
    assert line.startswith("vinculo: digest not sent: cannot find the SMTP server "
                           "smtp.nowhere.invalid: ")


def test_mail_settings_are_checked_before_anything_else(people, write, run):
    write("vinculo.toml", '[digest]\nhost = "smtp.example.org"\nto = "me@example.org"\n'
                          'password = "hunter2"\n')
    result = run("digest", str(people), "--send")
    assert result.exit_code == 1
    assert "do not put the SMTP password in the vault" in result.output
    write("vinculo.toml", '[digest]\nto = "me@example.org"\n')
    result = run("digest", str(people), "--send")
    assert result.output.strip() == ("vinculo: vinculo.toml: [digest] host is not set "
                                     "(the SMTP server to send through)")
    write("vinculo.toml", '[digest]\nhost = "h"\nto = "me@example.org"\nuser = "me"\n')
    result = run("digest", str(people), "--send")
    assert "no SMTP password for me: set $VINCULO_SMTP_PASSWORD" in result.output


def _watch(run, vault: Path, *extra: str):
    return run("watch", str(vault), "--once-idle", "--quiet-ms", "50", "--rescan-minutes", "0",
               "--digest-at", "00:00", *extra)


def test_watch_sends_the_digest_once_a_day_even_across_restarts(people, write, run, smtp,
                                                                monkeypatch):
    inbox, port = smtp
    _mail_settings(write, port)
    monkeypatch.setenv("VINCULO_SMTP_PASSWORD", "s3cret")
    first = _watch(run, people)
    assert first.exit_code == 0, first.output
    assert "digest   sent to me@example.org, also@example.org: vinculo · Sun 29 Nov" in first.output
    assert len(inbox.messages) == 1
    again = _watch(run, people)  # a restart the same day
    assert again.exit_code == 0 and "digest   sent" not in again.output
    assert len(inbox.messages) == 1
    monkeypatch.setenv("VINCULO_TODAY", "2026-11-30")  # the next morning
    assert "digest   sent" in _watch(run, people).output
    assert len(inbox.messages) == 2 and "Mon 30 Nov" in inbox.messages[1]["Subject"]


def test_watch_keeps_a_failed_digest_for_the_next_try(people, write, run, smtp, monkeypatch):
    inbox, port = smtp
    _mail_settings(write, port)
    monkeypatch.setenv("VINCULO_SMTP_PASSWORD", "wrong")
    failed = _watch(run, people)
    assert failed.exit_code == 0  # the watcher goes on
    assert "digest not sent: " in failed.output and "refused the login" in failed.output
    assert inbox.messages == []
    monkeypatch.setenv("VINCULO_SMTP_PASSWORD", "s3cret")
    assert "digest   sent" in _watch(run, people).output  # not marked as sent: sent now
    assert len(inbox.messages) == 1


def test_watch_refuses_a_wrong_digest_time_or_missing_settings(people, write, run):
    result = run("watch", str(people), "--once-idle", "--digest-at", "8am")
    assert result.exit_code == 1
    assert result.output.strip() == "vinculo: --digest-at: '8am' is not a time of day like 08:00"
    result = run("watch", str(people), "--once-idle", "--digest-at", "08:00")
    assert result.exit_code == 1 and "[digest] host is not set" in result.output


def test_the_hour_decides_and_a_sent_day_is_not_sent_again():
    import datetime as dt

    from vinculo.digest.schedule import is_due

    day = dt.date(2026, 11, 29)
    at = dt.time(8, 0)
    assert not is_due(dt.datetime(2026, 11, 29, 7, 59), at, day, None)
    assert is_due(dt.datetime(2026, 11, 29, 8, 0), at, day, None)
    assert is_due(dt.datetime(2026, 11, 29, 21, 0), at, day, dt.date(2026, 11, 28))
    assert not is_due(dt.datetime(2026, 11, 29, 21, 0), at, day, day)


def test_the_sample_vault_digest(sample, run):
    data = json.loads(run("digest", str(sample), "--week", "--json").output)
    assert data["today"] == "2026-11-29"
    assert {s["contact"] for s in data["steps"]} >= {"Rodrigo Sanz", "Tom Whitaker"}
    # The digest's drifting people are the ones the ladder flags (contacts --json), no others.
    flagged = {c["name"] for c in json.loads(run("contacts", str(sample), "--json").output)
               if c["drift"]}
    assert {d["contact"] for d in data["drifting"]} == flagged


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, as a self-hosted mail server has."""
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    return cert, key


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_starttls_and_ssl_with_the_servers_own_certificate(people, write, run, certificate,
                                                           monkeypatch, security):
    import ssl

    cert, key = certificate
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    inbox = Inbox()
    tls = ({"tls_context": server_context, "require_starttls": True} if security == "starttls"
           # aiosmtpd counts only STARTTLS as TLS for AUTH; the socket here is TLS from the start
           else {"ssl_context": server_context, "auth_require_tls": False})
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(),
                            authenticator=_only_me, **tls)
    controller.start()
    try:
        monkeypatch.setenv("VINCULO_SMTP_PASSWORD", "s3cret")
        settings = f'[digest]\nhost = "127.0.0.1"\nport = {controller.port}\nsecurity = "{security}"\n' \
                   'user = "me@example.org"\nto = "me@example.org"\ntimeout = 5\n'
        write("vinculo.toml", settings)
        untrusted = run("digest", str(people), "--send")
        assert untrusted.exit_code == 1
        assert "the server's certificate is not trusted" in untrusted.output
        assert "set [digest] cafile" in untrusted.output and inbox.messages == []
        write("vinculo.toml", settings + f'cafile = "{cert}"\n')
        result = run("digest", str(people), "--send")
        assert result.exit_code == 0, result.output
        assert len(inbox.messages) == 1
    finally:
        controller.stop()


def test_the_password_may_come_from_the_system_keyring(people, write, run, smtp, monkeypatch):
    import sys
    import types

    inbox, port = smtp
    _mail_settings(write, port)
    monkeypatch.delenv("VINCULO_SMTP_PASSWORD", raising=False)
    asked = []

    def get_password(service, user):  # what the keyring package answers for a stored secret
        asked.append((service, user))
        return "s3cret"

    monkeypatch.setitem(sys.modules, "keyring", types.SimpleNamespace(get_password=get_password))
    result = run("digest", str(people), "--send")
    assert result.exit_code == 0, result.output
    assert asked == [("vinculo-smtp", "me@example.org")] and len(inbox.messages) == 1


def test_watch_mails_no_empty_digest_unless_asked(vault, write, run, smtp, monkeypatch):
    inbox, port = smtp
    write("People/Eva Prato.md", "---\ntype: person\nsnooze_until: 2027-01-01\n---\n")
    _mail_settings(write, port)
    monkeypatch.setenv("VINCULO_SMTP_PASSWORD", "s3cret")
    quiet = _watch(run, vault)
    assert "digest   nothing due today: no mail" in quiet.output and inbox.messages == []
    assert " digest " not in _watch(run, vault).output  # the day is done
    monkeypatch.setenv("VINCULO_TODAY", "2026-11-30")
    _mail_settings(write, port, "send_empty = true\n")
    assert "digest   sent" in _watch(run, vault).output
    assert "Nothing due." in inbox.messages[0].get_body(("plain",)).get_content()


def test_a_killed_and_restarted_watcher_process_does_not_send_twice(people, write, smtp,
                                                                   monkeypatch, tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    inbox, port = smtp
    _mail_settings(write, port)
    env = {**os.environ, "VINCULO_SMTP_PASSWORD": "s3cret"}

    def watcher(name: str) -> tuple[subprocess.Popen, Path]:
        log = tmp_path / name
        proc = subprocess.Popen(
            [sys.executable, "-m", "vinculo", "watch", str(people), "--quiet-ms", "100",
             "--rescan-minutes", "0", "--digest-at", "00:00"],
            env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
        return proc, log

    def wait_for(log: Path, needle: str) -> None:
        deadline = time.monotonic() + 60
        while needle not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert needle in log.read_text(), log.read_text()

    first, log = watcher("first.log")
    try:
        wait_for(log, "digest   sent")
    finally:
        first.send_signal(signal.SIGKILL)  # no goodbye: the day was recorded before sending
        first.wait(30)
    assert len(inbox.messages) == 1
    second, log = watcher("second.log")
    try:
        wait_for(log, "watching")
        time.sleep(1.0)  # the digest check runs right after the start
    finally:
        second.send_signal(signal.SIGTERM)
        assert second.wait(30) == 0
    assert " digest " not in log.read_text() and len(inbox.messages) == 1
