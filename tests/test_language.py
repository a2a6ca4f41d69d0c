"""The vault's language: suggestions, whys, blocks and the dashboard in Spanish or English."""

from __future__ import annotations

import datetime as dt
import json

from conftest import snapshot

from vinculo.i18n import detect


def _spanish_vault(write) -> None:
    write("People/Lucía Fernández.md", "---\ntype: person\ncity: Sevilla\n---\n")
    write("People/Rodrigo Sanz.md", "---\ntype: person\nconnected: 2026-05-01\n---\n")
    write("Daily/2026-04-18.md", "- Cena con [[Lucía Fernández]] en Triana\n")
    day = dt.date(2026, 5, 2)
    for _ in range(12):
        write(f"Daily/{day.isoformat()}.md",
              "- Hablamos por WhatsApp con [[Lucía Fernández]] de la mudanza\n")
        day += dt.timedelta(days=14)
    write("Daily/2026-10-12.md", "- Le escribí a [[Rodrigo Sanz]] por lo del taller\n")
    write("Daily/2026-10-26.md", "- Le mandé un mensaje a [[Rodrigo Sanz]]\n")
    write("Daily/2026-11-09.md", "- Le escribí a [[Rodrigo Sanz]] otra vez\n")
    write("Daily/2026-11-20.md", "- [ ] mandarle a Lucía Fernández el artículo\n")


def test_a_vault_written_in_spanish_gets_its_suggestions_blocks_and_dashboard_in_spanish(
        vault, write, run):
    _spanish_vault(write)
    assert run("sync", str(vault)).exit_code == 0
    lucia = (vault / "People/Lucía Fernández.md").read_text(encoding="utf-8")
    assert "- [ ] Vuelve a quedar en persona con Lucía Fernández en Sevilla #vinculo/meet_again" in lucia
    assert "    - por qué: os visteis por última vez el 2026-04-18" in lucia
    assert "- Pendiente: mandarle a Lucía Fernández el artículo [[Daily/2026-11-20|2026-11-20]]" in lucia
    rodrigo = (vault / "People/Rodrigo Sanz.md").read_text(encoding="utf-8")
    assert "Toque ligero con Rodrigo Sanz, sin pedir nada" in rodrigo
    assert "3 mensajes desde el 2026-10-12, sin respuesta: dale espacio" in rodrigo
    dashboard = (vault / "vinculo/Dashboard.md").read_text(encoding="utf-8")
    assert "## Esta semana (" in dashboard and "### Pendientes (1)" in dashboard
    assert "## Contactos por etapa" in dashboard
    before = snapshot(vault)
    run("sync", str(vault))
    assert snapshot(vault) == before
    brief = run("brief", "lucía", str(vault)).output
    assert brief.startswith("**Lucía Fernández** · en persona\n")
    assert "- Pendientes:\n    - mandarle a Lucía Fernández el artículo" in brief


def test_the_language_setting_wins_over_the_notes(vault, write, run):
    _spanish_vault(write)
    write("vinculo.toml", '[ui]\nlanguage = "en"\n')
    run("sync", str(vault))
    lucia = (vault / "People/Lucía Fernández.md").read_text(encoding="utf-8")
    assert "- [ ] Meet Lucía Fernández in person again in Sevilla #vinculo/meet_again" in lucia
    assert "- Open: mandarle a Lucía Fernández el artículo" in lucia
    suggestions = json.loads(run("suggest", str(vault), "--json").output)["suggestions"]
    assert any("3 messages since 2026-10-12, no reply: give them room" in s["why"]
               for s in suggestions)


def test_detection_needs_a_clear_majority_of_enough_lines():
    spanish = ["Café con Ana en el centro", "Llamé a Rodrigo por lo del piso"] * 6
    english = ["Had coffee with Ana at the station", "Called Rodrigo about the flat"] * 6
    assert detect(spanish) == "es" and detect(english) == "en"
    assert detect(spanish[:4]) is None  # too little to go by: English
    assert detect(spanish + english) is None  # mixed: English
