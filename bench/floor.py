"""The floor: read every note of a vault and parse its frontmatter with python-frontmatter.

Nothing that reads a vault can be much faster than this; vinculo's cold sync is compared
to it as a ratio.
"""

from __future__ import annotations

import os
import sys

import frontmatter


def main(vault: str) -> None:
    count = 0
    for folder, dirs, files in os.walk(vault):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.endswith(".md"):
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    frontmatter.loads(handle.read())
                count += 1
    print(count)


if __name__ == "__main__":
    main(sys.argv[1])
