"""``vinculo import whatsapp``: chat exports as message history, end to end through the CLI."""

from __future__ import annotations

import datetime as dt
import json
import zipfile

from vinculo.config import load_config
from vinculo.pipeline import build_index
from vinculo.plugin_host import get_plugin_manager

ANA = "---\ntype: person\nphone: +34 612 345 678\n---\n# Ana García\n\nMet at the congress.\n"
RODRIGO = "---\ntype: person\naliases: Rodri\n---\n# Rodrigo Sanz\n"
TOM = "---\ntype: person\nemail: tom@example.com\n---\n# Tom Whitaker\n"

IOS_DMY = (
    "[20/11/25, 09:14:05] Ana García: \u200eMessages and calls are end-to-end encrypted. No one "
    "outside of this chat, not even WhatsApp, can read or listen to them.\n"
    "[20/11/25, 09:14:05] Ana García: ¿Café el jueves? #ideas [[Proyecto]]\n"
    "[20/11/25, 09:20:11] Marta: ¡Sí! A las 10\n"
    "en el de siempre\n"
    "[21/11/25, 21:41:05] Ana García: \u200eimage omitted\n"
    "[23/11/25, 08:02:00] Marta: Gracias por ayer\n"
)


def _vault(write, vault, me: str = "Marta") -> None:
    write("People/Ana García.md", ANA)
    write("People/Rodrigo Sanz.md", RODRIGO)
    write("People/Tom Whitaker.md", TOM)
    write("vinculo.toml", f'[me]\nnames = ["{me}"]\n')


def _import(run, path, vault, *extra):
    result = run("import", "whatsapp", str(path), str(vault), "--json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _log(vault, name="Ana García") -> str:
    text = (vault / f"People/{name}.md").read_text(encoding="utf-8")
    return text[text.find("```vinculo-messages"):] if "```vinculo-messages" in text else ""


def _history(vault, name):
    pm = get_plugin_manager()
    index = build_index(vault, load_config(vault), pm, dt.date(2026, 11, 29), cache=False)
    return index.histories[name].interactions


def test_ios_chat_becomes_one_line_per_day_without_the_text(run, vault, write, tmp_path):
    _vault(write, vault)
    chat = tmp_path / "WhatsApp Chat - Ana García.txt"
    chat.write_text(IOS_DMY, encoding="utf-8")
    report = _import(run, chat, vault)
    assert report["merged"] == 1
    assert _log(vault).splitlines() == [
        "```vinculo-messages",
        "2025-11-20 · WhatsApp · 1 sent, 1 received",
        "2025-11-21 · WhatsApp · 0 sent, 1 received",
        "2025-11-23 · WhatsApp · 1 sent, 0 received",
        "```",
    ]
    note = (vault / "People/Ana García.md").read_text(encoding="utf-8")
    assert note.startswith(ANA)  # nothing the user wrote moved
    assert "Café" not in note and "Proyecto" not in note


def test_the_log_is_read_back_once_per_day_with_its_direction(run, vault, write, tmp_path):
    _vault(write, vault)
    chat = tmp_path / "WhatsApp Chat - Ana García.txt"
    chat.write_text(IOS_DMY, encoding="utf-8")
    _import(run, chat, vault)
    found = [(i.date.isoformat(), i.channel, i.direction) for i in _history(vault, "Ana García")
             if i.note == "People/Ana García.md"]
    assert sorted(found) == [("2025-11-20", "message", "both"), ("2025-11-21", "message", "in"),
                             ("2025-11-23", "message", "out")]


def test_importing_again_adds_nothing(run, vault, write, tmp_path):
    _vault(write, vault)
    chat = tmp_path / "WhatsApp Chat - Ana García.txt"
    chat.write_text(IOS_DMY, encoding="utf-8")
    _import(run, chat, vault)
    before = (vault / "People/Ana García.md").read_bytes()
    again = _import(run, chat, vault)
    assert again["merged"] == 0
    assert (vault / "People/Ana García.md").read_bytes() == before
    # A later export of the same chat adds the new day and updates the day that grew.
    chat.write_text(IOS_DMY + "[23/11/25, 09:00:00] Ana García: ¡A ti!\n"
                    "[24/11/25, 10:00:00] Ana García: Hola\n", encoding="utf-8")
    _import(run, chat, vault)
    assert "2025-11-23 · WhatsApp · 1 sent, 1 received" in _log(vault)
    assert "2025-11-24 · WhatsApp · 0 sent, 1 received" in _log(vault)
    assert _log(vault).count("2025-11-23") == 1
    # An older, shorter export of the chat, or one without the texts, takes nothing away.
    grown = (vault / "People/Ana García.md").read_bytes()
    chat.write_text(IOS_DMY, encoding="utf-8")  # 2025-11-23 had one message then
    assert _import(run, chat, vault)["merged"] == 0
    assert (vault / "People/Ana García.md").read_bytes() == grown


def test_an_import_without_text_keeps_the_text_already_logged(run, vault, write, tmp_path):
    _vault(write, vault)
    chat = tmp_path / "WhatsApp Chat - Ana García.txt"
    chat.write_text(IOS_DMY, encoding="utf-8")
    _import(run, chat, vault, "--with-text")
    before = (vault / "People/Ana García.md").read_bytes()
    assert _import(run, chat, vault)["merged"] == 0
    assert (vault / "People/Ana García.md").read_bytes() == before


def test_dry_run_writes_nothing(run, vault, write, tmp_path):
    _vault(write, vault)
    chat = tmp_path / "WhatsApp Chat - Ana García.txt"
    chat.write_text(IOS_DMY, encoding="utf-8")
    before = (vault / "People/Ana García.md").read_bytes()
    report = _import(run, chat, vault, "--dry-run")
    assert report["dry_run"] and report["merged"] == 1
    assert (vault / "People/Ana García.md").read_bytes() == before


def test_with_text_keeps_the_messages_inert(run, vault, write, tmp_path):
    _vault(write, vault)
    chat = tmp_path / "WhatsApp Chat - Ana García.txt"
    chat.write_text(IOS_DMY + "[24/11/25, 10:00:00] Ana García: ```\n- [ ] not a task\n",
                    encoding="utf-8")
    _import(run, chat, vault, "--with-text")
    log = _log(vault)
    assert "    09:14 ← ¿Café el jueves? #ideas [[Proyecto]]" in log
    assert "    09:20 → ¡Sí! A las 10 en el de siempre" in log
    assert "    10:00 ← ''' - [ ] not a task" in log
    assert log.rstrip().endswith("```") and log.count("```") == 2
    # Nothing inside the log is linked, tagged or counted as a task by vinculo.
    run("sync", str(vault))
    assert "[[Proyecto]]" in _log(vault) and "[[Ana García" not in _log(vault)


def test_android_month_first_12_hour_clock_matches_by_phone(run, vault, write, tmp_path):
    _vault(write, vault, me="Me")
    chat = tmp_path / "WhatsApp Chat with +34 612 34 56 78.txt"
    chat.write_text(
        "11/20/25, 9:14\u202fPM - Messages and calls are end-to-end encrypted. No one outside of "
        "this chat, not even WhatsApp, can read or listen to them. Tap to learn more.\n"
        "11/20/25, 9:14\u202fPM - +34 612 34 56 78: Are you in town?\n"
        "11/20/25, 11:02\u202fPM - Me: Yes! Lunch?\n"
        "12/02/25, 10:00\u202fAM - +34 612 34 56 78: <Media omitted>\n",
        encoding="utf-8")
    report = _import(run, chat, vault)
    assert report["merged"] == 1
    assert "by phone" in report["actions"][0]["reason"]
    assert _log(vault).splitlines()[1:3] == ["2025-11-20 · WhatsApp · 1 sent, 1 received",
                                            "2025-12-02 · WhatsApp · 0 sent, 1 received"]


def test_spanish_android_group_counts_each_member_and_lists_strangers(run, vault, write,
                                                                      tmp_path):
    _vault(write, vault, me="Marta")
    chat = tmp_path / "Chat de WhatsApp con Cena de antiguos.txt"
    chat.write_text(
        "3/12/25, 9:01 p. m. - Los mensajes y las llamadas están cifrados de extremo a extremo.\n"
        "3/12/25, 9:01 p. m. - Marta creó el grupo \"Cena de antiguos\"\n"
        "3/12/25, 9:02 p. m. - Marta añadió a Rodri y a Ana García\n"
        "3/12/25, 9:05 p. m. - Rodri: ¿Qué día os va bien?\n"
        "3/12/25, 9:06 p. m. - Ana García: El 13\n"
        "3/12/25, 9:07 p. m. - Marta: Hecho, el 13 de diciembre\n"
        "14/12/25, 10:00 a. m. - Lola Desconocida: ¡Qué buena cena!\n"
        "14/12/25, 10:03 a. m. - Rodri salió\n",
        encoding="utf-8")
    report = _import(run, chat, vault)
    assert report["merged"] == 2
    label = 'WhatsApp group "Cena de antiguos"'
    assert f"2025-12-03 · {label} · 1 sent, 1 received" in _log(vault, "Rodrigo Sanz")
    assert f"2025-12-03 · {label} · 1 sent, 1 received" in _log(vault, "Ana García")
    strangers = [a for a in report["actions"] if a["action"] == "skip"]
    assert [(a["label"], a["reason"]) for a in strangers] == [
        ("Lola Desconocida", "no contact matches (1 message)")]


def test_broken_lines_foreign_bytes_and_a_truncated_file(run, vault, write, tmp_path):
    _vault(write, vault)
    chat = tmp_path / "WhatsApp Chat - Ana García.txt"
    chat.write_bytes(
        b"garbage before the chat\n"
        + IOS_DMY.encode()
        + b"[24/11/25, 10:00:00] Ana Garc\xeda: caf\xe9\n"
        + "[25/11/25, 10:00:00] Ana García: cortado a la mit".encode())
    report = _import(run, chat, vault)
    skipped = {(a["line"], a["reason"]) for a in report["actions"] if a["action"] == "skip"}
    assert (1, "not a WhatsApp message line") in skipped
    assert any(line == 8 and "not UTF-8" in reason for line, reason in skipped)
    assert "2025-11-25 · WhatsApp · 0 sent, 1 received" in _log(vault)
    assert "2025-11-24" not in _log(vault)


def test_a_zip_with_media_is_accepted(run, vault, write, tmp_path):
    _vault(write, vault)
    archive = tmp_path / "WhatsApp Chat - Ana García.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("_chat.txt", IOS_DMY)
        zf.writestr("00000012-PHOTO-2025-11-21-21-41-05.jpg", b"\xff\xd8\xff\xe0 not really")
    report = _import(run, archive, vault)
    assert report["merged"] == 1
    assert "2025-11-21 · WhatsApp · 0 sent, 1 received" in _log(vault)


def test_a_file_that_is_no_chat_is_refused_in_one_line(run, vault, write, tmp_path):
    _vault(write, vault)
    other = tmp_path / "notes.txt"
    other.write_text("just some notes\nnothing else\n")
    result = run("import", "whatsapp", str(other), str(vault))
    assert result.exit_code == 1
    assert "no WhatsApp message lines" in result.stderr


def test_dates_that_cannot_say_their_order_are_read_from_how_they_run(run, vault, write,
                                                                     tmp_path):
    _vault(write, vault)
    chat = tmp_path / "WhatsApp Chat - Ana García.txt"
    chat.write_text("".join(f"{d}, 10:00 - Ana García: hola\n"
                            for d in ("1/2/26", "1/5/26", "1/9/26", "2/1/26")), encoding="utf-8")
    _import(run, chat, vault)
    days = [line.split(" · ")[0] for line in _log(vault).splitlines()[1:-1]]
    assert days == ["2026-01-02", "2026-01-05", "2026-01-09", "2026-02-01"]  # month first


def test_year_first_dates_and_a_spanish_system_line_with_a_colon(run, vault, write, tmp_path):
    _vault(write, vault)
    chat = tmp_path / "WhatsApp Chat - Ana García.txt"
    chat.write_text("2026-03-07, 10:00 - Ana García: hola\n"
                    '2026-03-08, 10:00 - Cambiaste el asunto de "Cena: viernes" a "Cena"\n',
                    encoding="utf-8")
    report = _import(run, chat, vault)
    assert _log(vault).splitlines()[1:-1] == ["2026-03-07 · WhatsApp · 0 sent, 1 received"]
    assert [a["action"] for a in report["actions"]] == ["merge"]


def test_crlf_and_bom_of_the_contact_note_are_kept_and_the_log_is_replaced_in_place(
        run, vault, write, tmp_path):
    _vault(write, vault)
    note = ("\ufeff---\r\ntype: person\r\n---\r\n# Ana García\r\n\r\n## Messages\r\n\r\n"
            "```vinculo-messages\r\n2025-11-01 · WhatsApp · 1 sent, 0 received\r\n```\r\n\r\n"
            "## Later notes\r\nkept\r\n")
    write("People/Ana García.md", note.encode("utf-8"))
    chat = tmp_path / "WhatsApp Chat - Ana García.txt"
    chat.write_text(IOS_DMY, encoding="utf-8")
    _import(run, chat, vault)
    after = (vault / "People/Ana García.md").read_bytes()
    assert after.startswith(b"\xef\xbb\xbf---\r\ntype: person\r\n")
    assert after.endswith(b"```\r\n\r\n## Later notes\r\nkept\r\n")
    assert b"\r\n2025-11-01 \xc2\xb7 WhatsApp \xc2\xb7 1 sent, 0 received\r\n2025-11-20" in after
    assert after.count(b"\n") == after.count(b"\r\n") and after.count(b"```vinculo") == 1


def test_a_message_import_is_undone_exactly(run, vault, write, tmp_path):
    _vault(write, vault)
    chat = tmp_path / "WhatsApp Chat - Ana García.txt"
    chat.write_text(IOS_DMY, encoding="utf-8")
    before = (vault / "People/Ana García.md").read_bytes()
    _import(run, chat, vault)
    assert (vault / "People/Ana García.md").read_bytes() != before
    assert run("undo", str(vault)).exit_code == 0
    assert (vault / "People/Ana García.md").read_bytes() == before


def test_a_large_chat_imports_completely_and_keeps_stdout_clean(run, vault, write, tmp_path):
    _vault(write, vault)
    chat = tmp_path / "WhatsApp Chat - Ana García.txt"
    start = dt.date(2024, 1, 1)
    with chat.open("w", encoding="utf-8") as out:
        for n in range(30_000):
            day = start + dt.timedelta(days=n // 50)
            who = "Marta" if n % 3 == 0 else "Ana García"
            out.write(f"[{day:%d/%m/%y}, 10:{n % 60:02d}:00] {who}: mensaje {n}\n")
    report = _import(run, chat, vault)  # JSON parses: no progress bar on stdout
    assert report["merged"] == 1
    log = _log(vault).splitlines()[1:-1]
    assert len(log) == 600
    assert sum(int(line.split(" · ")[2].split()[0]) for line in log) == 10_000  # sent
    assert log[0] == "2024-01-01 · WhatsApp · 17 sent, 33 received"
