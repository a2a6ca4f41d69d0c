"""One error family, one handler: a failure the user can act on is one line (and a hint),
never a traceback; Ctrl-C is one line and 130; a bug keeps its traceback and says whom to
tell; a plugin that cannot load is named, with the way to run without it."""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
import vinculo.default_plugins
from conftest import install_plugin, person, snapshot
from test_watch import people, start, wait_for  # noqa: F401  (fixtures)

import vinculo
from vinculo.cli import cli
from vinculo.errors import VinculoError

# Exception classes that may stay outside the family, each with its reason. Empty: every
# exception vinculo defines is one a user can act on, so it is a VinculoError.
OUTSIDE_THE_FAMILY: dict[str, str] = {}


def _modules() -> Iterator[str]:
    for package in (vinculo, vinculo.default_plugins):
        yield package.__name__
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
            if not info.name.endswith("__main__"):  # running it is the command line itself
                yield info.name


def test_every_exception_class_of_vinculo_and_its_plugins_is_a_vinculo_error():
    outside = []
    seen = 0
    for name in _modules():
        module = importlib.import_module(name)
        for cls_name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != name or not issubclass(cls, BaseException):
                continue  # defined elsewhere (imported), or not an exception
            seen += 1
            if not issubclass(cls, VinculoError) and f"{name}.{cls_name}" not in OUTSIDE_THE_FAMILY:
                outside.append(f"{name}.{cls_name}")
    assert seen >= 15, "the walk found too few exception classes: is it walking the packages?"
    assert outside == [], f"exception classes outside vinculo.errors.VinculoError: {outside}"


def test_old_import_paths_still_name_the_same_classes():
    """Plugins and tests import the errors from where they lived; those names still work."""
    from vinculo import errors
    from vinculo.cli import VinculoError as from_cli
    from vinculo.config import ConfigError
    from vinculo.writeback import BlockError, LockError, WriteBackError

    assert from_cli is errors.VinculoError
    assert WriteBackError is errors.WriteBackError and BlockError is errors.BlockError
    assert issubclass(LockError, errors.BusyError) and issubclass(LockError, WriteBackError)
    assert issubclass(ConfigError, errors.ConfigurationError) and issubclass(ConfigError, ValueError)


# --- the handler, through the real command line ----------------------------------------


@pytest.fixture
def commands_plugin(tmp_path, monkeypatch):
    """An installed plugin with commands that fail in each way the handler tells apart."""
    site = install_plugin(tmp_path / "site", "vinculo_failing", '''
        import click
        from vinculo import hookspecs
        from vinculo.errors import InputError, ServiceError

        @hookspecs.hookimpl
        def register_commands(cli):
            @cli.command("fail-input")
            def fail_input():
                raise InputError("no contact matches 'Xavi'", hint="see: vinculo contacts")

            @cli.command("fail-service")
            def fail_service():
                raise ServiceError("smtp.example.org refused the login", exit_code=3)

            @cli.command("fail-multiline")
            def fail_multiline():
                raise InputError("first part\\nsecond part")

            @cli.command("interrupt")
            def interrupt():
                raise KeyboardInterrupt

            @cli.command("bug")
            def bug():
                {}["missing"]
        ''')
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    yield site
    sys.modules.pop("vinculo_failing", None)


def test_a_vinculo_error_is_one_line_with_its_hint_and_its_exit_status(commands_plugin, run):
    result = run("fail-input")
    assert result.exit_code == 1
    assert result.stderr == "vinculo: no contact matches 'Xavi'\nhint: see: vinculo contacts\n"
    assert result.stdout == ""
    service = run("fail-service")
    assert service.exit_code == 3
    assert service.stderr == "vinculo: smtp.example.org refused the login\n"
    assert run("fail-multiline").stderr == "vinculo: first part second part\n"


def test_vinculo_debug_shows_the_traceback_of_a_vinculo_error_too(commands_plugin, run,
                                                                  monkeypatch):
    monkeypatch.setenv("VINCULO_DEBUG", "1")
    result = run("fail-input")
    assert result.exit_code == 1
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert "vinculo.errors.InputError: no contact matches 'Xavi'" in result.stderr
    assert result.stderr.endswith("vinculo: no contact matches 'Xavi'\nhint: see: vinculo contacts\n")


def test_ctrl_c_is_one_line_and_status_130(commands_plugin, run):
    result = run("interrupt")
    assert result.exit_code == 130
    assert result.stderr == "vinculo: interrupted\n"


def test_click_usage_errors_are_click_s_own(run):
    result = run("sync", "--no-such-option")
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: ") and " sync [OPTIONS] [VAULT]" in result.stderr
    assert "Error: No such option '--no-such-option'" in result.stderr


def _vinculo(*args: str, site: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    path = [str(site)] if site else []
    environ = {**os.environ, "PYTHONPATH": os.pathsep.join([*path, *sys.path]), **env}
    return subprocess.run([sys.executable, "-m", "vinculo", *args], env=environ,
                          capture_output=True, text=True, timeout=120, check=False)


def test_a_bug_keeps_its_traceback_and_names_the_plugin_to_report_it_to(commands_plugin):
    result = _vinculo("bug", site=commands_plugin)
    assert result.returncode == 1
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert "KeyError: 'missing'" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "vinculo: unexpected error in the plugin 'vinculo_failing': please report it to the "
        "plugin's author with the traceback above; `vinculo --block-plugin vinculo_failing …` "
        "runs without it")
    # The same command's user error, in the real script: one line, no traceback.
    user = _vinculo("fail-input", site=commands_plugin)
    assert (user.returncode, user.stderr) == (
        1, "vinculo: no contact matches 'Xavi'\nhint: see: vinculo contacts\n")


def test_a_plugin_that_cannot_load_is_named_with_the_way_to_run_without_it(
        tmp_path, monkeypatch, run, vault):
    site = install_plugin(tmp_path / "site", "vinculo_broken", "import no_such_module_here\n")
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    result = run("scan", str(vault))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "vinculo: the plugin 'vinculo_broken' cannot be loaded: No module named "
        "'no_such_module_here'",
        "hint: run without it: vinculo --block-plugin vinculo_broken … (or "
        "$VINCULO_BLOCK_PLUGINS); VINCULO_DEBUG=1 shows its traceback",
    ]
    assert run("--block-plugin", "vinculo_broken", "scan", str(vault)).exit_code == 0


# --- a vault another vinculo holds -------------------------------------------------------

HOLD = """
import pathlib, sys, time
from vinculo.writeback import vault_lock
with vault_lock(pathlib.Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(120)
"""


@pytest.fixture
def locked(vault: Path) -> Iterator[subprocess.Popen[str]]:
    """The vault's writer lock, held by a real other process."""
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(vault)], stdout=subprocess.PIPE,
                             text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert child.stdout is not None and child.stdout.readline().strip() == "locked"
    yield child
    child.kill()
    child.wait()
    child.stdout.close()


@pytest.mark.parametrize("args", [
    ("new", "contact", "Marta Quintana", "VAULT"),
    ("new", "meeting", "Café", "VAULT", "--with", "Ana Soto"),
    ("templates", "install", "VAULT"),
])
def test_a_locked_vault_is_one_line_and_nothing_written(vault, write, run, locked, args,
                                                        monkeypatch):
    monkeypatch.setenv("VINCULO_LOCK_WAIT", "0")  # refuse at once: no "waiting…" line
    person(write, "Ana Soto")
    before = snapshot(vault)
    result = run(*(str(vault) if a == "VAULT" else a for a in args))
    assert result.exit_code == 1
    assert result.stderr == (
        f"vinculo: another vinculo process (pid {locked.pid}) is writing to this vault\n")
    assert "Traceback" not in result.output
    assert snapshot(vault) == before


# --- bad input to every command ----------------------------------------------------------

# Each command's arguments besides VAULT (a command added without an entry fails the test
# below: add it here). None: the command takes no vault.
ARGS: dict[str, tuple[str, ...] | None] = {
    "brief": ("Ana",), "commands": None, "config check": (), "config keys": None, "contacts": (), "dashboard": (), "digest": (),
    "doctor": (), "export calendar": (), "export vcard": (), "import": ("vcard", "x.vcf"),
    "link": (), "new contact": ("Ana",), "new meeting": ("Café",),
    "new note": ("Meeting", "Café"), "palette": (), "plugins": None, "run": ("snooze",),
    "scan": (), "service install": ("--no-enable", "--unit-dir", "UNITS"),
    "service uninstall": ("--no-enable", "--unit-dir", "UNITS"), "suggest": (), "sync": (),
    "templates install": (), "templates list": (), "undo": (), "watch": ("--once-idle",),
    "who": (),
}
# Commands not run on a locked vault, and why.
NOT_ON_A_LOCKED_VAULT = {
    "watch": "a watcher waits for the writer rather than refusing: it is a long-lived process",
    "service install": "it writes a service file outside the vault, and reads no lock",
    "service uninstall": "it removes service files outside the vault, and reads no lock",
}


def _leaf_commands() -> list[str]:
    ctx = click.Context(cli, obj={})
    out: list[str] = []

    def walk(group: click.Group, prefix: str) -> None:
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            if isinstance(command, click.Group):
                walk(command, f"{prefix}{name} ")
            else:
                out.append(f"{prefix}{name}")

    walk(cli, "")
    return out


def test_the_bad_input_table_names_every_command():
    assert sorted(_leaf_commands()) == sorted(ARGS)


def _bad_vaults(tmp_path: Path) -> dict[str, Path]:
    missing = tmp_path / "no-such-vault"
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder\n")
    out = {"missing vault": missing, "a file instead of a folder": a_file}
    for kind, make in {
        "vinculo.toml that is not UTF-8": lambda p: p.write_bytes(b"\xff\xfe\x00[folders]"),
        "vinculo.toml that is not TOML": lambda p: p.write_text("[folders\npeople = 1\n"),
        "vinculo.toml that is a folder": lambda p: p.mkdir(),
    }.items():
        root = tmp_path / kind.replace(" ", "-")
        (root / ".obsidian").mkdir(parents=True)
        make(root / "vinculo.toml")
        out[kind] = root
    return out


@pytest.mark.parametrize("command", sorted(c for c, a in ARGS.items() if a is not None))
def test_no_command_answers_bad_input_with_a_traceback(command, tmp_path, run, vault, write,
                                                        monkeypatch):
    units = tmp_path / "units"
    args = [str(units) if a == "UNITS" else a for a in ARGS[command] or ()]
    cases = _bad_vaults(tmp_path)
    for kind, root in cases.items():
        result = run(*command.split(), *args[:_vault_at(command)], str(root),
                     *args[_vault_at(command):])
        assert result.exit_code != 0, f"{command} on a {kind}: {result.output}"
        assert "Traceback" not in result.output, f"{command} on a {kind}: {result.output}"
        lines = result.stderr.splitlines()
        if result.exit_code == 1:  # vinculo's own refusal: one line (and perhaps a hint)
            assert 1 <= len(lines) <= 2 and lines[0].startswith("vinculo: "), (
                f"{command} on a {kind}: {result.stderr}")
        else:  # click's usage error (a file where a folder is wanted): its own words
            assert result.exit_code == 2 and result.stderr.startswith("Usage: "), result.stderr
    if command in NOT_ON_A_LOCKED_VAULT:
        return
    person(write, "Ana Soto")
    monkeypatch.setenv("VINCULO_LOCK_WAIT", "0")
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(vault)], stdout=subprocess.PIPE,
                             text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        result = run(*command.split(), *args[:_vault_at(command)], str(vault),
                     *args[_vault_at(command):])
    finally:
        child.kill()
        child.wait()
        child.stdout.close()  # type: ignore[union-attr]
    assert "Traceback" not in result.output, f"{command} on a locked vault: {result.output}"
    if result.exit_code != 0:  # a command that only reads may well succeed
        assert len(result.stderr.splitlines()) <= 2, result.stderr
        assert result.stderr.startswith("vinculo: "), result.stderr


def _vault_at(command: str) -> int:
    """Where VAULT goes among the command's arguments: after its positional ones."""
    return {"brief": 1, "import": 2, "new contact": 1, "new meeting": 1, "new note": 2,
            "run": 1}.get(command, 0)


# --- the watcher ---------------------------------------------------------------------------


def test_the_watcher_logs_a_vinculo_error_as_its_one_line(vault, start, write):  # noqa: F811
    """A vinculo.toml broken while the watcher runs: the pass fails with the error's own
    line (no class name in front), and the watcher keeps watching."""
    watcher = start()
    write("vinculo.toml", "[folders\npeople = 1\n")
    wait_for(lambda: any(a == "error" for a, _m in watcher.logs), watcher=watcher)
    message = next(m for a, m in watcher.logs if a == "error")
    assert message.startswith("vinculo.toml: Expected ']' at the end of a table declaration"), message
    write("vinculo.toml", "")  # fixed: the watcher picks up again
    wait_for(lambda: [a for a, _m in watcher.logs].count("synced") >= 2, watcher=watcher)
