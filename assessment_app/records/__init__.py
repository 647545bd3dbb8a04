"""Record services: every read and write of case content goes through these functions.

Each takes the signed-in :class:`~assessment_app.context.Context`, applies the access rules
in the query itself (:mod:`.access`), seals and opens values, and audits what it does.
"""
