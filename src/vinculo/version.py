"""The version, in a module of its own so the lowest layers can name it without importing
the package's plugin-author façade."""

__version__ = "0.1.0"
