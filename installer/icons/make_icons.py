"""Render the app icon from its SVG source into the PNG sizes the desktops need and a
multi-size Windows .ico.

    python installer/icons/make_icons.py            # writes resources/icons/*.png and .ico
    python installer/icons/make_icons.py --check    # exit 1 if a file is missing or stale

The SVG (``resources/icons/assessment-app.svg``) is the only hand-edited source; the PNG and
ICO files are committed so that a build needs no SVG renderer.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ICON_DIR = REPO / "resources" / "icons"
SVG = ICON_DIR / "assessment-app.svg"
BASENAME = "assessment-app"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_path(size: int) -> Path:
    return ICON_DIR / f"{BASENAME}-{size}.png"


def ico_path() -> Path:
    return ICON_DIR / f"{BASENAME}.ico"


def render_png(size: int) -> bytes:
    """The SVG rendered at ``size`` x ``size`` pixels as PNG bytes (Qt's SVG renderer)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    from PIL import Image

    largest = Image.open(io.BytesIO(pngs[max(ICO_SIZES)]))
    out = io.BytesIO()
    largest.save(out, format="ICO", sizes=[(s, s) for s in ICO_SIZES])
    return out.getvalue()


def expected_files() -> dict[Path, bytes]:
    pngs = {size: render_png(size) for size in PNG_SIZES}
    files = {png_path(size): data for size, data in pngs.items()}
    files[ico_path()] = ico_bytes(pngs)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check, write nothing")
    args = parser.parse_args(argv)
    stale = []
    for path, data in expected_files().items():
        if args.check:
            if not path.exists() or path.stat().st_size == 0:
                stale.append(path)
            continue
        path.write_bytes(data)
        print(f"wrote {path.relative_to(REPO)} ({len(data)} bytes)")
    if stale:
        for path in stale:
            print(f"missing: {path.relative_to(REPO)} (run installer/icons/make_icons.py)")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
