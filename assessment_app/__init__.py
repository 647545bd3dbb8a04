"""Qt-free core of the assessment app: records, storage, crypto, accounts, audit, templates, PDF.

Nothing in this package may import PySide6; ``tests/test_architecture.py`` enforces it.
"""

APP_NAME = "assessment-app"


def __getattr__(name: str) -> str:
    # Read lazily: importlib.metadata costs tens of milliseconds at start-up.
    if name == "__version__":
        from importlib import metadata

        try:
            version = metadata.version(APP_NAME)
        except metadata.PackageNotFoundError:  # a source tree that was never installed
            version = "0.0.0+source"
        globals()["__version__"] = version
        return version
    raise AttributeError(name)
