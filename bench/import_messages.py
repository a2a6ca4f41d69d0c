"""Message import throughput: messages per second and peak memory of ``vinculo import``.

Generates a vault of contacts, a WhatsApp group chat export, an mbox and a Telegram account
export (sizes below; Telegram as many messages as WhatsApp, in 50 chats), then
runs the real CLI on each in a fresh process, several times: wall time, messages per second
and the process's peak resident memory (``wait4``'s ``ru_maxrss``). A file twice as large is
measured too: with streaming, peak memory should not grow with the file.

    python bench/import_messages.py [--whatsapp 100000] [--mbox 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ME = "Marta Ruiz"
MY_MAIL = "marta@home.example"
WORDS = ("hola qué tal nos vemos mañana café reunión gracias perfecto vale genial ok see you "
         "tomorrow lunch call me later thanks great sounds good").split()


def make_vault(root: Path, contacts: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """``contacts`` contact notes with a phone and an e-mail; their (name, phone, mail)."""
    people = []
    (root / "People").mkdir(parents=True)
    for i in range(contacts):
        name = f"Persona{i:04d} Apellido{rng.randrange(1000):03d}"
        phone = f"+34 6{i:08d}"
        mail = f"p{i}@example.com"
        (root / "People" / f"{name}.md").write_text(
            f"---\ntype: person\nphone: {phone}\nemail: {mail}\n---\n# {name}\n", encoding="utf-8")
        people.append((name, phone, mail))
    (root / "vinculo.toml").write_text(
        f'[me]\nnames = ["{ME}"]\nemails = ["{MY_MAIL}"]\n', encoding="utf-8")
    return people


def make_whatsapp(path: Path, messages: int, people: list[tuple[str, str, str]],
                  rng: random.Random) -> None:
    """An iOS-style group chat: system lines, multi-line messages, media, strangers."""
    members = [p[0] for p in people[:40]] + ["+44 7700 900123", "Someone Unknown", ME]
    moment = dt.datetime(2023, 1, 1, 8, 0)
    step = dt.timedelta(days=3 * 365) / messages
    with path.open("w", encoding="utf-8") as out:
        out.write("[01/01/23, 08:00:00] Grupo: \u200eMessages and calls are end-to-end encrypted."
                  " No one outside of this chat, not even WhatsApp, can read or listen to them.\n")
        out.write("[01/01/23, 08:00:00] Grupo: \u200eMarta Ruiz created group “Grupo”\n")
        for _ in range(messages):
            moment += step
            sender = rng.choice(members)
            text = " ".join(rng.choices(WORDS, k=rng.randint(2, 14)))
            if rng.random() < 0.03:
                text = "\u200eimage omitted"
            out.write(f"[{moment:%d/%m/%y, %H:%M:%S}] {sender}: {text}\n")
            if rng.random() < 0.05:
                out.write(" ".join(rng.choices(WORDS, k=6)) + "\n")


def make_mbox(path: Path, mails: int, people: list[tuple[str, str, str]],
              rng: random.Random) -> None:
    moment = dt.datetime(2023, 1, 1, 8, 0, tzinfo=dt.timezone.utc)
    step = dt.timedelta(days=3 * 365) / mails
    with path.open("w", encoding="utf-8") as out:
        for n in range(mails):
            moment += step
            name, _, mail = rng.choice(people[:200] + [("Stranger", "", "x@else.example")])
            mine = rng.random() < 0.5
            sender, to = (f"{ME} <{MY_MAIL}>", f"{name} <{mail}>") if mine else (
                f"{name} <{mail}>", f"{ME} <{MY_MAIL}>")
            body = "\n".join(" ".join(rng.choices(WORDS, k=12)) for _ in range(rng.randint(3, 40)))
            out.write(f"From {mail} {moment:%a %b %d %H:%M:%S %Y}\nFrom: {sender}\nTo: {to}\n"
                      f"Date: {moment:%a, %d %b %Y %H:%M:%S %z}\nSubject: asunto {n}\n"
                      f"Message-ID: <{n}@bench.example>\n\n{body}\n\n")


def make_telegram(path: Path, messages: int, people: list[tuple[str, str, str]],
                  rng: random.Random) -> None:
    """A whole-account Telegram export: one personal chat per contact, messages spread.
    Written piece by piece: a bench process grown large would show in its children's peak
    memory (a forked child counts the parent's pages until it execs)."""
    import json

    moment = dt.datetime(2023, 1, 1, 8, 0)
    step = dt.timedelta(days=3 * 365) / messages
    per_chat = max(1, messages // 50)
    with path.open("w", encoding="utf-8") as out:
        me = json.dumps({"user_id": 1, "first_name": ME}, ensure_ascii=False)
        out.write(f'{{"personal_information": {me},\n "chats": {{"list": [\n')
        for c, (name, _, _) in enumerate(people[:50]):
            out.write(",\n" if c else "")
            out.write(json.dumps({"name": name, "type": "personal_chat", "id": c + 2},
                                 ensure_ascii=False)[:-1] + ', "messages": [\n')
            for i in range(per_chat):
                moment += step
                mine = rng.random() < 0.5
                item = {"id": c * per_chat + i, "type": "message", "date": moment.isoformat(),
                        "from": ME if mine else name, "from_id": "user1" if mine else f"user{c + 2}",
                        "text": " ".join(rng.choices(WORDS, k=rng.randint(2, 14)))}
                out.write((",\n" if i else "") + json.dumps(item, ensure_ascii=False))
            out.write("\n]}")
        out.write("\n]}}\n")


def measure(args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, processor seconds (user + system: steadier on a shared machine) and peak
    resident MB of one command, in its own process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{proc.stderr.read().decode() if proc.stderr else ''}")
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return wall, usage.ru_utime + usage.ru_stime, peak


def bench(label: str, importer: str, source: Path, vault: Path, count: int, repeat: int,
          env: dict[str, str]) -> None:
    cli = [sys.executable, "-m", "vinculo", "import", importer, str(source), str(vault), "--json"]
    runs = [measure([*cli, "--dry-run"], env) for _ in range(repeat)]
    walls = [w for w, _, _ in runs]
    cpus = [c for _, c, _ in runs]
    peaks = [p for _, _, p in runs]
    median = statistics.median(walls)
    cpu = statistics.median(cpus)
    print(f"| {label} | {count:,} | {source.stat().st_size / 1e6:.1f} MB | {median:.2f} s "
          f"({min(walls):.2f}–{max(walls):.2f}) | {cpu:.2f} s ({min(cpus):.2f}–{max(cpus):.2f}) "
          f"| {count / median:,.0f} | {statistics.median(peaks):.0f} MB "
          f"({min(peaks):.0f}–{max(peaks):.0f}) |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--whatsapp", type=int, default=100_000)
    parser.add_argument("--mbox", type=int, default=20_000)
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(18)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        vault = root / "vault"
        people = make_vault(vault, args.contacts, rng)
        env = {**os.environ, "VINCULO_STATE_DIR": str(root / "state")}
        files = []
        for factor in (1, 2):
            chat = root / f"WhatsApp Chat - Grupo x{factor}.txt"
            make_whatsapp(chat, args.whatsapp * factor, people, rng)
            box = root / f"mail x{factor}.mbox"
            make_mbox(box, args.mbox * factor, people, rng)
            telegram = root / f"result x{factor}.json"
            make_telegram(telegram, args.whatsapp * factor, people, rng)
            files.append((factor, chat, box, telegram))
        print(f"vault: {args.contacts} contacts; each figure: median of {args.repeat} runs of the "
              "CLI in a fresh process (--dry-run: every decision, no fsync), min–max in brackets")
        print("| file | messages | size | wall | processor | messages/s (wall) | peak RSS |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for factor, chat, box, telegram in files:
            bench(f"WhatsApp group chat x{factor}", "whatsapp", chat, vault,
                  args.whatsapp * factor, args.repeat, env)
            bench(f"mbox x{factor}", "mbox", box, vault, args.mbox * factor, args.repeat, env)
            count = (args.whatsapp * factor // 50) * 50
            bench(f"Telegram account x{factor}", "telegram", telegram, vault, count, args.repeat,
                  env)
        wall, _, peak = measure([sys.executable, "-m", "vinculo", "import", "whatsapp",
                              str(files[0][1]), str(vault), "--json"], env)
        print(f"\nwriting run (WhatsApp x1, {len(people[:40])} contact notes written, fsynced): "
              f"{wall:.2f} s, peak {peak:.0f} MB")
        base_wall, _, base_peak = measure([sys.executable, "-m", "vinculo", "contacts", str(vault),
                                        "--json"], env)
        print(f"for scale, `vinculo contacts` on the same vault: {base_wall:.2f} s, "
              f"peak {base_peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
