"""The PySide6 desktop front end. The core (``assessment_app``) never imports from here."""
