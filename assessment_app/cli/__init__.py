"""The ``assessment-app`` command line for administrators, scripts and tests.

``main`` (the entry point), ``commands/`` (one module per command group, each registering its
own parser; the registry is ``commands/__init__.py``) and ``common`` (what the command modules
share). The desktop app is found through the ``assessment_app.frontends`` entry point.
"""
