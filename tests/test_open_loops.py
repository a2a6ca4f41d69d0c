"""Open loops: unchecked tasks anywhere that name a contact, in their block and the dashboard."""

from __future__ import annotations

import json

from conftest import snapshot


def person(write, name: str, body: str = "") -> None:
    write(f"People/{name}.md", f"---\ntype: person\n---\n{body}")


def test_an_unchecked_task_naming_someone_is_listed_in_their_block_and_the_dashboard(
        vault, write, run):
    person(write, "Ana García")
    person(write, "Rodrigo Sanz")
    person(write, "Lucía Gómez")
    write("Daily/2026-11-20.md", "- [ ] send [[Ana García]] the article\n"
                                 "- [ ] pendiente: presentar a Rodrigo Sanz a Lucía Gómez\n"
                                 "- [x] call Ana García back\n"
                                 "- Ana García liked my post\n")
    write("Projects/Blog.md", "## Ideas\n\n- [ ] ask Ana García about her talk\n")
    assert run("sync", str(vault)).exit_code == 0
    ana = (vault / "People/Ana García.md").read_text(encoding="utf-8")
    assert "- Open: send Ana García the article [[Daily/2026-11-20|2026-11-20]]" in ana
    assert "- Open: ask Ana García about her talk [[Projects/Blog|Blog]]" in ana
    assert "call Ana García back" not in ana  # ticked: done
    rodrigo = (vault / "People/Rodrigo Sanz.md").read_text(encoding="utf-8")
    lucia = (vault / "People/Lucía Gómez.md").read_text(encoding="utf-8")
    assert "- Open: pendiente: presentar a Rodrigo Sanz a Lucía Gómez" in rodrigo
    assert "- Open: pendiente: presentar a Rodrigo Sanz a Lucía Gómez" in lucia
    dashboard = (vault / "vinculo/Dashboard.md").read_text(encoding="utf-8")
    assert "### Open loops (4)" in dashboard
    row = next(r for r in json.loads(run("contacts", str(vault), "--json").output)
               if r["name"] == "Ana García")
    assert row["open_loops"] == [
        {"text": "send Ana García the article", "note": "Daily/2026-11-20.md", "line": 1},
        {"text": "ask Ana García about her talk", "note": "Projects/Blog.md", "line": 3},
    ]
    # A second sync changes nothing.
    before = snapshot(vault)
    run("sync", str(vault))
    assert snapshot(vault) == before
    # Ticking the task where it lives closes the loop.
    write("Projects/Blog.md", "## Ideas\n\n- [x] ask Ana García about her talk\n")
    run("sync", str(vault))
    ana = (vault / "People/Ana García.md").read_text(encoding="utf-8")
    assert "about her talk" not in ana and "the article" in ana


def test_a_contacts_own_tasks_are_theirs_and_vinculos_own_suggestions_are_not_loops(
        vault, write, run):
    person(write, "Ana García", "Notes.\n\n- [ ] lend her the book\n")
    write("Daily/2026-11-20.md", "- intention: [ ] not a task Ana García\n")
    run("sync", str(vault))
    rows = json.loads(run("contacts", str(vault), "--json").output)
    assert [loop["text"] for loop in rows[0]["open_loops"]] == ["lend her the book"]
    # The managed block's own tasks (a touch for a contact on the radar) are not loops.
    text = (vault / "People/Ana García.md").read_text(encoding="utf-8")
    assert "#vinculo/touch" in text
    assert "- Open: lend her the book" in text
