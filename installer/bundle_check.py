"""``assessment-app --bundle-check``: check, inside a built app, that everything PyInstaller
cannot see by itself made it into the bundle.

Each check loads the part the way the app does (resources through ``resource_path``, migrations
from files, keyring backends through entry points, database dialects by URL, fonts through
reportlab, Qt modules and plugins, the desktop front end through its entry point). It prints one
line per check and exits 0 only when all pass.
Read-only: it opens no database and touches no user file, so IT can run it on a client too.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from importlib import metadata

KEYRING_BACKENDS = {"SecretService", "Windows", "macOS", "KWallet", "libsecret"}
PLATFORM_KEYRING = {
    "linux": "keyring.backends.SecretService",
    "win32": "keyring.backends.Windows",
    "darwin": "keyring.backends.macOS",
}
QT_MODULES = ("QtWidgets", "QtPrintSupport", "QtPdf", "QtPdfWidgets", "QtSvg")
IMAGE_FORMATS = {"png", "jpg", "svg", "ico"}


def check_frozen() -> str:
    root = getattr(sys, "_MEIPASS", None)
    if not root:
        raise RuntimeError("not running from a PyInstaller build")
    return str(root)


def check_resources() -> str:
    from assessment_app.resources import resource_path

    wanted = {
        "templates": "*.yaml",
        "instruments": "*.yaml",
        "fonts": "DejaVuSans*.ttf",
        "translations": "assessment_app_*.qm",
        "icons": "assessment-app-*.png",
    }
    counts = []
    for folder, pattern in wanted.items():
        found = sorted(resource_path(folder).glob(pattern))
        if not found:
            raise RuntimeError(f"resources/{folder}/{pattern} is missing")
        counts.append(f"{folder}={len(found)}")
    from ui.about import licences_dir  # the folder the About dialog points people to

    licences = licences_dir()
    for name in ("LGPL-3.0.txt", "GPL-3.0.txt"):
        if not (licences / name).is_file():
            raise RuntimeError(f"{name} is missing from {licences}")
    counts.append(f"licence files={sum(1 for p in licences.rglob('*') if p.is_file())}")
    return ", ".join(counts)


def check_migrations() -> str:
    from assessment_app.db import engine

    return f"head revision {engine.head_revision()} from {engine.MIGRATIONS_DIR}"


def check_keyring() -> str:
    import keyring.backend

    names = {ep.name for ep in metadata.entry_points(group="keyring.backends")}
    missing = KEYRING_BACKENDS - names
    if missing:
        raise RuntimeError(f"keyring entry points missing: {sorted(missing)}")
    module = PLATFORM_KEYRING.get(sys.platform)
    if module:
        importlib.import_module(module)
    viable = sorted(type(b).__module__ for b in keyring.backend.get_all_keyring())
    return f"entry points {sorted(names)}; usable here: {viable or 'none'}"


def check_database_drivers() -> str:
    import psycopg
    import pymysql
    from sqlalchemy import create_engine

    impl = psycopg.pq.__impl__
    if impl not in ("binary", "c"):
        raise RuntimeError(f"psycopg runs on its {impl} implementation, not the bundled libpq")
    dialects = []
    for url in (
        "sqlite://",
        "postgresql+psycopg://check@127.0.0.1/check",
        "mysql+pymysql://check@127.0.0.1/check",
    ):
        engine = create_engine(url)  # loads the dialect and driver; connects to nothing
        dialects.append(f"{engine.dialect.name}+{engine.dialect.driver}")
        engine.dispose()
    return f"psycopg {psycopg.__version__} ({impl}), PyMySQL {pymysql.__version__}; {dialects}"


def check_pdf_fonts() -> str:
    import io

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph

    from assessment_app.pdf import scripts
    from assessment_app.pdf.fonts import register_fonts

    fonts = register_fonts()
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.setFont(fonts.regular, 12)
    pdf.drawString(72, 720, "Kartläggning åäö ÅÄÖ")
    # The fallback faces: Arabic, Chinese and an emoji, each from its bundled font.
    sample = Paragraph(
        scripts.markup("\u0645\u062d\u0645\u062f \u738b \U0001f600"),
        ParagraphStyle("check", fontName=fonts.regular),
    )
    sample.wrapOn(pdf, 400, 100)
    sample.drawOn(pdf, 72, 680)
    pdf.save()
    faces = (fonts.regular, scripts.ARABIC, scripts.CJK, scripts.EMOJI)
    for face in faces:
        if face.encode() not in out.getvalue():
            raise RuntimeError(f"the {face} font was not embedded")
    return f"{fonts.regular}, {fonts.bold}, {fonts.italic}, {', '.join(faces[1:])} embed"


def check_templates() -> str:
    from assessment_app.templates.loader import default_registry

    templates = default_registry().all()
    if not templates:
        raise RuntimeError("no interview template found")
    return ", ".join(f"{t.id} v{t.version}" for t in templates)


def check_qt() -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for name in QT_MODULES:
        importlib.import_module(f"PySide6.{name}")
    from PySide6.QtCore import QTranslator
    from PySide6.QtGui import QImageReader
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from assessment_app.resources import resource_path

    app = QApplication.instance() or QApplication(sys.argv[:1])
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    if not formats >= IMAGE_FORMATS:
        raise RuntimeError(f"image formats missing: {sorted(IMAGE_FORMATS - formats)}")
    translator = QTranslator()
    if not translator.load(str(resource_path("translations", "assessment_app_en.qm"))):
        raise RuntimeError("the English translation does not load")
    QPrinter()
    platform = app.platformName()
    return f"{', '.join(QT_MODULES)}; platform {platform}; images {sorted(formats)}"


def check_frontend() -> str:
    """``assessment-app`` starts the desktop app through the ``desktop`` entry point of
    ``assessment_app.frontends`` (pyproject.toml), so our package metadata must be bundled."""
    from assessment_app.cli.main import DESKTOP_FRONTEND, FRONTENDS_GROUP

    found = [e for e in metadata.entry_points(group=FRONTENDS_GROUP) if e.name == DESKTOP_FRONTEND]
    if not found:
        raise RuntimeError(
            f"no {DESKTOP_FRONTEND!r} entry point in {FRONTENDS_GROUP}: the package metadata is "
            "missing or older than pyproject.toml (pip install -e . before building)"
        )
    run = found[0].load()  # an ImportError here names the missing module
    if not callable(run):
        raise RuntimeError(f"{found[0].value} is not callable")
    return f"{DESKTOP_FRONTEND} = {found[0].value}"


CHECKS: list[tuple[str, Callable[[], str]]] = [
    ("frozen build", check_frozen),
    ("bundled resources", check_resources),
    ("database migrations", check_migrations),
    ("keyring backends", check_keyring),
    ("database drivers", check_database_drivers),
    ("PDF fonts", check_pdf_fonts),
    ("interview templates", check_templates),
    ("Qt modules and plugins", check_qt),
    ("desktop front end", check_frontend),
]


def main() -> int:
    failed = 0
    for name, check in CHECKS:
        try:
            detail = check()
        except Exception as error:  # report every failing part, then fail once
            failed += 1
            print(f"FAIL {name}: {type(error).__name__}: {error}", flush=True)
        else:
            print(f"ok   {name}: {detail}", flush=True)
    print(f"bundle check: {len(CHECKS) - failed} passed, {failed} failed", flush=True)
    return 1 if failed else 0
