"""Run the watcher at login: a systemd user unit on Linux, a launchd agent on macOS.

Generating the file is pure and testable; enabling it (``systemctl --user`` / ``launchctl``) is
a separate step the command runs only when asked and when the tool exists, so tests and dry
runs never touch the user's service manager.
"""

from __future__ import annotations

import hashlib
import os
import plistlib
import re
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

UNIT_PREFIX = "vinculo-watch-"
AGENT_PREFIX = "org.vinculo.watch."


@dataclass(frozen=True)
class ServiceFile:
    """One generated service definition and the commands that switch it on or off."""

    path: Path
    content: str
    enable: list[list[str]]
    disable: list[list[str]]


def default_platform() -> str:
    return "launchd" if sys.platform == "darwin" else "systemd"


def service_id(vault: Path) -> str:
    """A stable, readable id per vault: its folder name plus a short hash of its full path."""
    resolved = str(vault.resolve())
    slug = re.sub(r"[^A-Za-z0-9]+", "-", vault.resolve().name).strip("-").lower() or "vault"
    return f"{slug[:40]}-{hashlib.sha256(resolved.encode()).hexdigest()[:8]}"


def unit_dir(platform: str, override: Path | None = None) -> Path:
    """Where the service manager looks: ``$XDG_CONFIG_HOME/systemd/user`` or
    ``~/Library/LaunchAgents``, unless ``override`` is given."""
    if override is not None:
        return override
    if platform == "launchd":
        return Path.home() / "Library" / "LaunchAgents"
    config_home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config_home) / "systemd" / "user"


def watch_command(vault: Path, extra: list[str] | None = None) -> list[str]:
    """The command the service runs: this Python, this vinculo, this vault."""
    return [sys.executable, "-m", "vinculo", "watch", str(vault.resolve()), *(extra or [])]


def systemd_unit(vault: Path, directory: Path, extra: list[str] | None = None) -> ServiceFile:
    name = f"{UNIT_PREFIX}{service_id(vault)}.service"
    command = " ".join(shlex.quote(part) for part in watch_command(vault, extra))
    content = (
        "[Unit]\n"
        f"Description=vinculo watcher for {vault.resolve()}\n"
        "After=default.target\n"
        "\n"
        "[Service]\n"
        "Type=simple\n"
        f"ExecStart={command}\n"
        "Restart=on-failure\n"
        "RestartSec=5\n"
        "KillSignal=SIGTERM\n"
        "TimeoutStopSec=30\n"
        "\n"
        "[Install]\n"
        "WantedBy=default.target\n"
    )
    return ServiceFile(
        path=directory / name,
        content=content,
        enable=[["systemctl", "--user", "daemon-reload"],
                ["systemctl", "--user", "enable", "--now", name]],
        disable=[["systemctl", "--user", "disable", "--now", name],
                 ["systemctl", "--user", "daemon-reload"]],
    )


def launchd_agent(vault: Path, directory: Path, extra: list[str] | None = None) -> ServiceFile:
    label = f"{AGENT_PREFIX}{service_id(vault)}"
    path = directory / f"{label}.plist"
    logs = Path.home() / "Library" / "Logs" / f"{label}.log"
    data = {
        "Label": label,
        "ProgramArguments": watch_command(vault, extra),
        "RunAtLoad": True,
        "KeepAlive": {"SuccessfulExit": False},
        "ProcessType": "Background",
        "StandardOutPath": str(logs),
        "StandardErrorPath": str(logs),
    }
    content = plistlib.dumps(data).decode("utf-8")
    return ServiceFile(
        path=path,
        content=content,
        enable=[["launchctl", "load", "-w", str(path)]],
        disable=[["launchctl", "unload", "-w", str(path)]],
    )


def service_file(
    vault: Path, platform: str, directory: Path, extra: list[str] | None = None
) -> ServiceFile:
    """The service definition for ``vault`` on ``platform`` (``systemd`` or ``launchd``)."""
    build = launchd_agent if platform == "launchd" else systemd_unit
    return build(vault, directory, extra)


def installed(platform: str, directory: Path, vault: Path | None = None) -> list[Path]:
    """Service files vinculo generated in ``directory`` (only ``vault``'s when given)."""
    if not directory.is_dir():
        return []
    if platform == "launchd":
        prefix, suffix = AGENT_PREFIX, ".plist"
    else:
        prefix, suffix = UNIT_PREFIX, ".service"
    if vault is not None:
        return [p for p in [directory / f"{prefix}{service_id(vault)}{suffix}"] if p.exists()]
    return sorted(p for p in directory.iterdir() if p.name.startswith(prefix) and p.name.endswith(suffix))


def disable_commands(platform: str, path: Path) -> list[list[str]]:
    if platform == "launchd":
        return [["launchctl", "unload", "-w", str(path)]]
    return [["systemctl", "--user", "disable", "--now", path.name],
            ["systemctl", "--user", "daemon-reload"]]
