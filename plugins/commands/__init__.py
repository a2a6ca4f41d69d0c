"""Command-line and command-palette commands contributed by built-in plugins."""
