"""Importers: bring the people and meetings people already have elsewhere into the vault.

An importer is a plugin contribution (the ``register_importers`` hook) that turns one file into
decisions (:class:`Action`: create, merge, skip-with-reason); :func:`run_import` applies them
through the safe write path. Person importers share :class:`PeoplePlanner`, so matching and
"fill empty properties only" behave the same for every source.
"""

from vinculo.importing.base import Action, ImportContext, Importer, ImportFileError
from vinculo.importing.people import PeoplePlanner, PersonRecord
from vinculo.importing.runner import ImportResult, available_importers, build_context, run_import

__all__ = [
    "Action",
    "ImportContext",
    "ImportFileError",
    "ImportResult",
    "Importer",
    "PeoplePlanner",
    "PersonRecord",
    "available_importers",
    "build_context",
    "run_import",
]
