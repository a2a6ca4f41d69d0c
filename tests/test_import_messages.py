"""``vinculo import mbox|telegram|linkedin-messages``: mail and chats as message history."""

from __future__ import annotations

import datetime as dt
import json

from vinculo.config import load_config
from vinculo.pipeline import build_index
from vinculo.plugin_host import get_plugin_manager

ANA = ("---\ntype: person\nemail: ana@civica.example\nphone: +34 612 345 678\n"
       "linkedin: https://www.linkedin.com/in/anagarcia\n---\n# Ana García\n")
RODRIGO = "---\ntype: person\naliases: Rodri\n---\n# Rodrigo Sanz\n"
TOM = "---\ntype: person\nemail: tom@example.com\n---\n# Tom Whitaker\n"
ME = 'names = ["Marta Ruiz"]\nemails = ["marta@home.example", "Marta@Work.example"]\n'


def _vault(write, me: str = ME) -> None:
    write("People/Ana García.md", ANA)
    write("People/Rodrigo Sanz.md", RODRIGO)
    write("People/Tom Whitaker.md", TOM)
    write("vinculo.toml", "[me]\n" + me)


def _import(run, name, path, vault, *extra):
    result = run("import", name, str(path), str(vault), "--json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _log(vault, name) -> list[str]:
    text = (vault / f"People/{name}.md").read_text(encoding="utf-8")
    start = text.find("```vinculo-messages")
    return text[start:].splitlines()[1:-1] if start >= 0 else []


# --- mbox -------------------------------------------------------------------------------------

def _mail(sender, to, date, subject, extra="", body="Hola", ident=None):
    ident = ident or f"<{abs(hash((sender, to, date, subject)))}@mail.example>"
    return (f"From {sender.split('<')[-1].rstrip('>')} Thu Nov 20 09:14:05 2025\n"
            f"From: {sender}\nTo: {to}\nDate: {date}\nSubject: {subject}\n"
            f"Message-ID: {ident}\n{extra}\n{body}\n\n")


MBOX = (
    _mail("Ana García <ana@civica.example>", "Marta Ruiz <marta@home.example>",
          "Thu, 20 Nov 2025 09:14:05 +0100", "=?utf-8?q?Caf=C3=A9?= el jueves", ident="<a1@x>")
    + _mail("Marta Ruiz <marta@work.example>",
            "ana@civica.example, Tom <TOM@example.com>, Someone <someone@else.example>",
            "Thu, 20 Nov 2025 18:00:00 +0100", "Re: Café el jueves")
    + _mail("Ana García <ana@civica.example>", "marta@home.example",
            "Thu, 20 Nov 2025 09:14:05 +0100", "Café el jueves (copy in another label)",
            ident="<a1@x>")
    + _mail("News <news@shop.example>", "marta@home.example", "Fri, 21 Nov 2025 08:00:00 +0000",
            "Offers", extra="List-Id: <offers.shop.example>\n")
    + _mail("Tom <tom@example.com>", "marta@home.example", "not a date", "Broken")
    + "From tom@example.com Sat Nov 22 10:00:00 2025\nFrom: Tom <tom@example.com>\nTo: marta@h"
)


def test_mbox_direction_comes_from_my_addresses(run, vault, write, tmp_path):
    _vault(write)
    box = tmp_path / "All mail.mbox"
    box.write_text(MBOX, encoding="utf-8")
    report = _import(run, "mbox", box, vault)
    assert _log(vault, "Ana García") == ["2025-11-20 · e-mail · 1 sent, 1 received"]
    assert _log(vault, "Tom Whitaker") == ["2025-11-20 · e-mail · 1 sent, 0 received"]
    skipped = {a["label"]: a["reason"] for a in report["actions"] if a["action"] == "skip"}
    assert skipped["Someone (someone@else.example)"] == "no contact matches (1 mail)"
    assert skipped["Broken"] == "no readable Date: header"
    assert not any("news@" in label for label in skipped)  # a mailing list is no person
    assert _import(run, "mbox", box, vault)["merged"] == 0


def test_mbox_two_addresses_of_one_contact_add_up(run, vault, write, tmp_path):
    _vault(write)
    box = tmp_path / "mail.mbox"
    box.write_text(
        _mail("Ana García <ana@civica.example>", "marta@home.example",
              "Thu, 20 Nov 2025 09:00:00 +0100", "one")
        + _mail("Ana García <ana.personal@home.example>", "marta@home.example",
                "Thu, 20 Nov 2025 10:00:00 +0100", "two"), encoding="utf-8")  # raw UTF-8 name
    _import(run, "mbox", box, vault)
    assert _log(vault, "Ana García") == ["2025-11-20 · e-mail · 0 sent, 2 received"]


def test_mbox_with_text_keeps_the_subject_only(run, vault, write, tmp_path):
    _vault(write)
    box = tmp_path / "mail.mbox"
    box.write_text(MBOX, encoding="utf-8")
    _import(run, "mbox", box, vault, "--with-text")
    log = _log(vault, "Ana García")
    assert "    09:14 ← Café el jueves" in log
    assert not any("Hola" in line for line in log)


def test_mbox_without_my_addresses_says_what_to_set(run, vault, write, tmp_path):
    _vault(write, me='names = ["Marta"]\n')
    box = tmp_path / "mail.mbox"
    box.write_text(MBOX, encoding="utf-8")
    result = run("import", "mbox", str(box), str(vault))
    assert result.exit_code == 1
    assert "[me] emails" in result.stderr


# --- Telegram ---------------------------------------------------------------------------------

def _message(ident, date, sender, sender_id, text):
    return {"id": ident, "type": "message", "date": date, "date_unixtime": "0", "from": sender,
            "from_id": sender_id, "text": text, "text_entities": []}


FULL_EXPORT = {
    "about": "Here is the data you requested.",
    "personal_information": {"user_id": 1, "first_name": "Marta", "last_name": "R.",
                             "phone_number": "+34 600 000 000"},
    "contacts": {"about": "", "list": [
        {"user_id": 22, "first_name": "Anita", "last_name": "", "phone_number": "+34612345678",
         "date": "2024-01-01T00:00:00"}]},
    "chats": {"about": "", "list": [
        {"name": "Anita", "type": "personal_chat", "id": 22, "messages": [
            {"id": 1, "type": "service", "date": "2025-11-19T10:00:00", "actor": "Anita",
             "actor_id": "user22", "action": "phone_call", "duration_seconds": 60},
            _message(2, "2025-11-20T09:14:05", "Anita", "user22", "¿Café?"),
            _message(3, "2025-11-20T09:15:00", "Marta R.", "user1",
                     ["Sí, ", {"type": "bold", "text": "el jueves"}]),
        ]},
        {"name": "Вечеринка", "type": "private_supergroup", "id": 33, "messages": [
            _message(4, "2025-11-21T20:00:00", "Rodri", "user44", "Привет всем"),
            _message(5, "2025-11-21T20:01:00", "Marta R.", "user1", "¡Hola!"),
            _message(6, "2025-11-21T20:02:00", "Ivan Petrov", "user55", "Здравствуйте"),
            _message(8, "yesterday", "Ivan Petrov", "user55", "?"),
        ]},
        {"name": "News", "type": "public_channel", "id": 44, "messages": [
            _message(7, "2025-11-21T20:00:00", "News", "channel44", "Breaking"),
        ]},
    ]},
}


def test_telegram_full_export_by_phone_and_groups(run, vault, write, tmp_path):
    _vault(write)
    export = tmp_path / "result.json"
    export.write_text(json.dumps(FULL_EXPORT, ensure_ascii=False, indent=1), encoding="utf-8")
    report = _import(run, "telegram", export, vault, "--with-text")
    assert _log(vault, "Ana García") == ["2025-11-20 · Telegram · 1 sent, 1 received",
                                         "    09:14 ← ¿Café?", "    09:15 → Sí, el jueves"]
    assert _log(vault, "Rodrigo Sanz")[0] == \
        '2025-11-21 · Telegram group "Вечеринка" · 1 sent, 1 received'
    skipped = [(a["label"], a["reason"]) for a in report["actions"] if a["action"] == "skip"]
    # The channel is not a person; the stranger is listed; a message without a date is told.
    assert skipped == [("Ivan Petrov", "no contact matches (2 messages)"),  # his and mine
                       ("message 8", "no readable date in chat 'Вечеринка'")]


def test_telegram_single_chat_export_and_a_truncated_file(run, vault, write, tmp_path):
    _vault(write)
    chat = {"name": "Tom Whitaker", "type": "personal_chat", "id": 9, "messages": [
        _message(1, "2025-11-20T09:14:05", "Tom Whitaker", "user9", "Lunch?"),
        _message(2, "2025-11-22T09:14:05", "Marta Ruiz", "user1", "Yes"),
        _message(3, "2025-11-23T09:14:05", "Tom Whitaker", "user9", "See you"),
    ]}
    text = json.dumps(chat, indent=1)
    export = tmp_path / "result.json"
    export.write_text(text[: text.index('"id": 3')], encoding="utf-8")  # cut mid-message
    report = _import(run, "telegram", export, vault)
    assert _log(vault, "Tom Whitaker") == ["2025-11-20 · Telegram · 0 sent, 1 received",
                                           "2025-11-22 · Telegram · 1 sent, 0 received"]
    assert any("file cut short" in a["reason"] for a in report["actions"])


def test_telegram_refuses_a_file_that_is_not_json(run, vault, write, tmp_path):
    _vault(write)
    export = tmp_path / "result.json"
    export.write_text("<html>not json</html>")
    result = run("import", "telegram", str(export), str(vault))
    assert result.exit_code == 1 and "result.json" in result.stderr


# --- LinkedIn messages ------------------------------------------------------------------------

HEADER = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
          "DATE,SUBJECT,CONTENT,FOLDER\n")
MARTA = "https://www.linkedin.com/in/martaruiz"
ANA_URL = "https://www.linkedin.com/in/anagarcia"
TOM_URL = "https://www.linkedin.com/in/tomw"


def test_linkedin_messages_find_me_and_match_by_profile_url(run, vault, write, tmp_path):
    _vault(write, me='\n[importers.linkedin-messages]\ntimezone = "UTC"\n')  # no [me] names
    csv_file = tmp_path / "messages.csv"
    csv_file.write_text(
        HEADER
        + f'c1,,Ana G.,{ANA_URL},Marta Ruiz,{MARTA},2025-11-20 09:14:05 UTC,,"Hola Marta,\n'
          'una pregunta",INBOX\n'
        + f"c1,,Marta Ruiz,{MARTA},Ana G.,{ANA_URL},2025-11-20 10:00:00 UTC,,Claro,INBOX\n"
        + f"c2,,Marta Ruiz,{MARTA},Tom Whitaker,{TOM_URL},2025-11-21 10:00:00 UTC,,Hi,INBOX\n"
        + f'c5,Taller,Marta Ruiz,{MARTA},"Tom Whitaker,Ana G.","{TOM_URL},{ANA_URL}",'
          "2025-11-24 10:00:00 UTC,,¿Os viene bien el jueves?,INBOX\n"
        + f"c3,,Recruiter X,https://www.linkedin.com/in/rx,Marta Ruiz,{MARTA},"
          "2025-11-22 10:00:00 UTC,,Job!,INBOX\n"
        + f"c3,,Recruiter X,https://www.linkedin.com/in/rx,Marta Ruiz,{MARTA},"
          "yesterday,,Job?,INBOX\n"
        + f'c4,,Tom Whitaker,{TOM_URL},Marta Ruiz,{MARTA},2025-11-23 10:00:00 UTC,,"cut sh',
        encoding="utf-8")
    report = _import(run, "linkedin-messages", csv_file, vault)
    assert _log(vault, "Ana García") == ["2025-11-20 · LinkedIn · 1 sent, 1 received",
                                         "2025-11-24 · LinkedIn · 1 sent, 0 received"]
    assert _log(vault, "Tom Whitaker") == ["2025-11-21 · LinkedIn · 1 sent, 0 received",
                                           "2025-11-24 · LinkedIn · 1 sent, 0 received"]
    reasons = {a["label"]: a["reason"] for a in report["actions"] if a["action"] == "skip"}
    assert reasons["Recruiter X (linkedin.com/in/rx)"].startswith("no contact matches")
    assert any("unreadable date" in r for r in reasons.values())
    assert any("cut short" in r for r in reasons.values())
    again = _import(run, "linkedin-messages", csv_file, vault)
    assert again["merged"] == 0


def test_linkedin_times_are_dated_where_the_user_lives(run, vault, write, tmp_path):
    _vault(write, me='names = ["Marta Ruiz"]\n\n[importers.linkedin-messages]\n'
                     'timezone = "Europe/Madrid"\n')
    csv_file = tmp_path / "messages.csv"
    csv_file.write_text(HEADER + f"c1,,Ana G.,{ANA_URL},Marta Ruiz,{MARTA},"
                                 "2025-11-20 23:30:00 UTC,,Buenas noches,INBOX\n", encoding="utf-8")
    _import(run, "linkedin-messages", csv_file, vault)
    assert _log(vault, "Ana García") == ["2025-11-21 · LinkedIn · 0 sent, 1 received"]


def test_linkedin_messages_refuses_the_connections_file(run, vault, write, tmp_path):
    _vault(write)
    csv_file = tmp_path / "Connections.csv"
    csv_file.write_text("First Name,Last Name,URL\nAna,García,x\n")
    result = run("import", "linkedin-messages", str(csv_file), str(vault))
    assert result.exit_code == 1 and "messages.csv" in result.stderr


# --- the examples shipped in the sample vault --------------------------------------------------

SAMPLE_EXPORTS = [
    ("whatsapp", "WhatsApp Chat - Rodrigo Sanz.txt", {"Rodrigo Sanz": [
        "2026-11-02 · WhatsApp · 2 sent, 2 received", "2026-11-09 · WhatsApp · 0 sent, 1 received",
        "2026-11-16 · WhatsApp · 1 sent, 0 received"]}),
    ("telegram", "result.json", {"Inês Carvalho": [
        "2026-11-19 · Telegram · 1 sent, 1 received", "2026-11-22 · Telegram · 0 sent, 1 received"]}),
    ("mbox", "mail.mbox", {"Tom Whitaker": ["2026-11-10 · e-mail · 1 sent, 1 received"],
                           "Ana García": ["2026-11-10 · e-mail · 1 sent, 0 received",
                                          "2026-11-12 · e-mail · 0 sent, 1 received"]}),
    ("linkedin-messages", "messages.csv", {"Ana García": [
        "2025-11-18 · LinkedIn · 0 sent, 1 received", "2025-11-19 · LinkedIn · 1 sent, 0 received"]}),
]


def test_the_sample_exports_import_into_the_sample_cast(run, sample):
    for name, file, expected in SAMPLE_EXPORTS:
        report = _import(run, name, sample / "Imports" / file, sample)
        for person, lines in expected.items():
            assert [line for line in _log(sample, person) if line in lines] == lines, (name, person)
        again = _import(run, name, sample / "Imports" / file, sample)
        assert again["merged"] == 0, name
        if name == "linkedin-messages":
            assert [a["label"] for a in report["actions"] if a["action"] == "skip"] == [
                "Javier Ortiz (linkedin.com/in/javier-ortiz-demo)"]
    # The history now knows Rodrigo wrote first and the last message was the user's.
    pm = get_plugin_manager()
    index = build_index(sample, load_config(sample), pm, dt.date(2026, 11, 29), cache=False)
    logged = [(i.date.isoformat(), i.direction) for i in index.histories["Rodrigo Sanz"].interactions
              if i.note == "People/Rodrigo Sanz.md" and i.channel == "message"]
    assert sorted(logged) == [("2026-11-02", "both"), ("2026-11-09", "in"), ("2026-11-16", "out")]
