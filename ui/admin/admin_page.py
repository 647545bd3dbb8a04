"""The administrator's main screen: users, retention (gallring) and the provider register."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.admin.providers_page import ProvidersPage
from ui.admin.retention_page import RetentionPage
from ui.admin.users_page import UsersPage
from ui.services import Services
from ui.stats.page import StatsPage


class AdminPage(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget(self)
        self.users = UsersPage(services, self)
        self.retention = RetentionPage(services, self)
        self.providers = ProvidersPage(services, self)
        self.tabs.addTab(self.users, self.tr("&Användare"))
        self.tabs.addTab(self.retention, self.tr("&Gallring"))
        self.tabs.addTab(self.providers, self.tr("U&tförare"))
        self.stats = StatsPage(services, self)
        self.tabs.addTab(self.stats, self.tr("&Statistik"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
