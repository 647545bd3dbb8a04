"""The app icon: one hand-drawn SVG, rendered PNGs at every size the desktops use, and a
multi-size Windows .ico."""

from __future__ import annotations

from io import BytesIO

from PIL import Image, ImageChops, ImageStat
from PySide6.QtSvg import QSvgRenderer

from tests.installer.conftest import REPO, load_script

make_icons = load_script("icons/make_icons.py")
ICONS = REPO / "resources" / "icons"


def test_svg_source_is_valid_and_square(qapp):
    renderer = QSvgRenderer(str(ICONS / "assessment-app.svg"))
    assert renderer.isValid()
    size = renderer.defaultSize()
    assert size.width() == size.height() == 256


def test_pngs_exist_at_every_size():
    for size in make_icons.PNG_SIZES:
        with Image.open(make_icons.png_path(size)) as image:
            assert image.format == "PNG"
            assert image.size == (size, size)
            assert image.mode == "RGBA"
            # rounded corners: a transparent corner, an opaque middle
            assert image.getpixel((0, 0))[3] == 0
            assert image.getpixel((size // 2, size // 2))[3] == 255


def test_ico_holds_the_windows_sizes():
    with Image.open(make_icons.ico_path()) as image:
        assert image.format == "ICO"
        assert {s for s, _ in image.info["sizes"]} == set(make_icons.ICO_SIZES)


def test_rendering_matches_the_committed_pngs(qapp):
    """The PNGs are renderings of the SVG, not separately edited art."""
    rendered = make_icons.render_png(64)
    with (
        Image.open(BytesIO(rendered)) as fresh,
        Image.open(make_icons.png_path(64)) as stored,
    ):
        diff = ImageChops.difference(fresh.convert("RGBA"), stored.convert("RGBA"))
        assert max(ImageStat.Stat(diff).mean) < 2  # the same picture, allowing rounding
