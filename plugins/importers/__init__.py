"""Importers: contacts, events and message logs from other tools' exports."""
