"""The ``assessment-app`` command line for administrators, scripts and tests."""
