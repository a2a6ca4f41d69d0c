"""Run one command as a child process and report its wall time, processor time and peak
resident memory.

Peak memory comes from ``os.wait4``: the kernel's own maximum resident set size of that one
child, so nothing samples or guesses.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_mb: float
    returncode: int
    stdout: str
    cpu_seconds: float = 0.0  # user + system, the command's workers included




def measure(cmd: list[str], env: dict[str, str] | None = None, cwd: str | None = None) -> Measured:
    """Wall-clock seconds and peak RSS (MB) of ``cmd``; stdout kept, stderr discarded."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=cwd, text=True
    )
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS
    return Measured(elapsed, usage.ru_maxrss / scale, proc.returncode, out,
                    usage.ru_utime + usage.ru_stime)


def best_of(n: int, cmd: list[str], env: dict[str, str] | None = None) -> Measured:
    """The fastest of ``n`` runs (the least disturbed by a shared, noisy machine)."""
    runs = [measure(cmd, env) for _ in range(n)]
    return min(runs, key=lambda m: m.seconds)
