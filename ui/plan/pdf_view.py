"""Showing and printing a rendered plan PDF inside the app.

The bytes stay in memory: they are loaded into Qt's PDF module from a QBuffer, never from a
temporary file, so no personal data is left on disk by a preview or a print.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QPointF, QRectF, QSize, Signal
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

MAX_PRINT_DPI = 300  # enough for text; a 1200 dpi A4 page would be a half-gigabyte image
ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
FIT_WIDTH = 0.0  # the zoom chooser's value for "fit to width"


class LoadedPdf(QObject):
    """A PDF held in memory: the document and the buffer it reads from (kept alive together)."""

    def __init__(self, data: bytes, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(data))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self.buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            raise ValueError(f"the PDF could not be read ({self.document.error().name})")

    def page_count(self) -> int:
        return int(self.document.pageCount())


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint every page of ``document`` onto ``printer``, each scaled to fit the printable
    area; return the number of pages printed. (The print dialog is the caller's business, so
    this can print to a PDF file in a test.)"""
    pages = document.pageCount()
    if pages <= 0:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        area = printer.pageRect(QPrinter.Unit.DevicePixel)
        for page in range(pages):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(page, size)
            scale = min(area.width() / size.width(), area.height() / size.height())
            width, height = size.width() * scale, size.height() * scale
            target = QRectF((area.width() - width) / 2, (area.height() - height) / 2, width, height)
            painter.drawImage(target, image)
    finally:
        painter.end()
    return pages


class PdfPreviewDialog(QDialog):
    """The exact PDF, page by page, with page navigation, zoom, print and save."""

    print_requested = Signal()
    save_requested = Signal()

    def __init__(self, pdf: LoadedPdf, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf = pdf
        pdf.setParent(self)
        self.setWindowTitle(title)
        self.setProperty("restore_after_lock", True)  # hidden, not closed, by the screen lock
        self.resize(900, 1000)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setDocument(pdf.document)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.previous_button = QPushButton(self.tr("◀ &Föregående sida"), self)
        self.next_button = QPushButton(self.tr("&Nästa sida ▶"), self)
        self.page = QSpinBox(self)
        self.page.setRange(1, max(1, pdf.page_count()))
        self.page.setAccessibleName(self.tr("Sida"))
        self.page_total = QLabel(self.tr("av {n}").format(n=pdf.page_count()), self)
        self.zoom = QComboBox(self)
        self.zoom.setAccessibleName(self.tr("Zoom"))
        self.zoom.addItem(self.tr("Anpassa till bredden"), FIT_WIDTH)
        for step in ZOOM_STEPS:
            self.zoom.addItem(f"{round(step * 100)} %", step)
        self.zoom_out_button = QPushButton("−", self)
        self.zoom_out_button.setAccessibleName(self.tr("Zooma ut"))
        self.zoom_in_button = QPushButton("+", self)
        self.zoom_in_button.setAccessibleName(self.tr("Zooma in"))
        for button in (self.zoom_out_button, self.zoom_in_button):
            button.setMaximumWidth(40)
            button.setToolTip(button.accessibleName())
        self.print_button = QPushButton(self.tr("Skriv &ut …"), self)
        self.save_button = QPushButton(self.tr("Spara som &PDF …"), self)
        self.close_button = QPushButton(self.tr("S&täng"), self)
        self.close_button.setDefault(True)

        nav = QHBoxLayout()
        nav.addWidget(self.previous_button)
        nav.addWidget(QLabel(self.tr("Sida"), self))
        nav.addWidget(self.page)
        nav.addWidget(self.page_total)
        nav.addWidget(self.next_button)
        nav.addStretch(1)
        nav.addWidget(self.zoom_out_button)
        nav.addWidget(self.zoom)
        nav.addWidget(self.zoom_in_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(nav)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        navigator = self.view.pageNavigator()
        navigator.currentPageChanged.connect(self._page_shown)
        self.page.valueChanged.connect(lambda n: self.go_to_page(n - 1))
        self.previous_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.zoom.currentIndexChanged.connect(self._zoom_chosen)
        self.zoom_in_button.clicked.connect(lambda: self.step_zoom(1))
        self.zoom_out_button.clicked.connect(lambda: self.step_zoom(-1))
        self.print_button.clicked.connect(self.print_requested)
        self.save_button.clicked.connect(self.save_requested)
        self.close_button.clicked.connect(self.accept)
        QShortcut(QKeySequence(QKeySequence.StandardKey.ZoomIn), self, lambda: self.step_zoom(1))
        QShortcut(QKeySequence(QKeySequence.StandardKey.ZoomOut), self, lambda: self.step_zoom(-1))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.print_requested.emit)
        self._page_shown(0)

    # --- pages --------------------------------------------------------------------------
    def page_count(self) -> int:
        return self.pdf.page_count()

    def current_page(self) -> int:
        return int(self.view.pageNavigator().currentPage())

    def go_to_page(self, page: int) -> None:
        if 0 <= page < self.page_count() and page != self.current_page():
            self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def _page_shown(self, page: int) -> None:
        self.page.blockSignals(True)
        self.page.setValue(page + 1)
        self.page.blockSignals(False)
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < self.page_count() - 1)

    # --- zoom ---------------------------------------------------------------------------
    def _zoom_chosen(self, _index: int) -> None:
        factor = float(self.zoom.currentData())
        if factor == FIT_WIDTH:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(factor)

    def step_zoom(self, direction: int) -> None:
        custom = self.view.zoomMode() == QPdfView.ZoomMode.Custom
        current = self.view.zoomFactor() if custom else 1.0
        steps = [s for s in ZOOM_STEPS if (s > current if direction > 0 else s < current)]
        if not steps:
            return
        target = min(steps) if direction > 0 else max(steps)
        self.zoom.setCurrentIndex(self.zoom.findData(target))
