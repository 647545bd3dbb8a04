"""Anonymised statistics of a unit, computed in the app where the keys are (the server holds
only ciphertext): :mod:`.compute` reads and counts, :mod:`.disclosure` suppresses small and
derivable cells, :mod:`.model` is the plain result, :mod:`.export` and :mod:`.pdf` write it.
The use cases are ``ws.stats`` (:mod:`assessment_app.workspace.stats`)."""

from assessment_app.stats.model import Radar, Report, Row, Section, Shown, Table

__all__ = ["Radar", "Report", "Row", "Section", "Shown", "Table"]
