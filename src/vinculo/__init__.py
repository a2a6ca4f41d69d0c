"""vinculo: a personal relationship manager for Obsidian-style Markdown vaults.

Kept import-free so that ``vinculo --version`` starts fast.
"""

__version__ = "0.1.0"
