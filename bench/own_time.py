"""``python bench/own_time.py ARGS``: run ``vinculo ARGS`` in this process and, as it exits,
write its own processor time (user + system) to the file ``$VINCULO_BENCH_OWN_TIME``.

The processor time ``bench/measure.py`` reads counts the command's worker processes too; with
this process's own share beside it, a bench tells the parent's work (reading the vault, the
contacts, the vocabularies, histories, the plan, the memo) from the workers' (analysing the
notes). The forked workers leave without running exit handlers, and are skipped anyway.
"""

from __future__ import annotations

import atexit
import os
import resource
import runpy
import sys

_PARENT = os.getpid()


def _write() -> None:
    path = os.environ.get("VINCULO_BENCH_OWN_TIME")
    if path and os.getpid() == _PARENT:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        with open(path, "w", encoding="utf-8") as out:
            out.write(f"{usage.ru_utime + usage.ru_stime}\n")


if __name__ == "__main__":
    # This folder is not vinculo's: the code under test comes from PYTHONPATH or the install.
    if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
        sys.path.pop(0)
    atexit.register(_write)
    sys.argv = ["vinculo", *sys.argv[1:]]
    runpy.run_module("vinculo", run_name="__main__", alter_sys=True)
