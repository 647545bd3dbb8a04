"""User administration for administrators: the list of users with their units, adding a user,
disabling and enabling an account, removing a user's key, setting a new password, and a
user's work phone and e-mail (printed on the plans of their cases).

Administrators see no case content (core access rule); this is their main screen.

``UsersPage(services, parent)`` reads the list in the background when it is built (it shows
"Hämtar …" meanwhile); every change runs in the background (``ws.admin``) with the buttons
disabled until the answer is in, then the list is read again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessment_app import accounts
from assessment_app.accounts import UserInfo
from assessment_app.context import ROLES
from assessment_app.errors import AppError, ValidationError
from assessment_app.records.contacts import WorkerContact, clean_email, clean_phone
from ui.cases import labels
from ui.messages import error_message
from ui.services import Services
from ui.tasks import run_task
from ui.widgets.banner import Banner
from ui.widgets.loader import Loader


@dataclass(frozen=True)
class UserRow:
    user: UserInfo
    can_unlock: bool  # the user still has a key (not removed)


@dataclass(frozen=True)
class UserList:
    rows: list[UserRow]
    rotation_running: bool  # a master-key rotation was cut off and waits to be finished


class NewPasswordDialog(QDialog):
    """A new password for a user, typed twice (the administrator tells it to them)."""

    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nytt lösenord för {user}").format(user=username))
        self.setMinimumWidth(420)
        text = QLabel(
            self.tr(
                "Det gamla lösenordet slutar fungera. Kontot aktiveras och användaren kan låsa "
                "upp databasen med det nya lösenordet. Be användaren byta det vid första "
                "inloggningen."
            ),
            self,
        )
        text.setWordWrap(True)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.banner = Banner(self, "error")
        form = QFormLayout()
        form.addRow(
            self.tr("&Nytt lösenord (minst {n} tecken):").format(n=accounts.MIN_PASSWORD_LENGTH),
            self.password,
        )
        form.addRow(self.tr("&Upprepa:"), self.repeat)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Spara lösenordet"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)

    def _check(self) -> None:
        try:
            accounts.validate_password(self.password.text())
            if self.password.text() != self.repeat.text():
                raise ValidationError("passwords differ", self.tr("Lösenorden är inte likadana."))
        except AppError as error:
            self.banner.show_message(error_message(error), "error")
            return
        self.accept()


class UserContactDialog(QDialog):
    """A user's work phone and e-mail, as printed on the plans of their cases; checked here
    (a phone number with letters is said in the banner), saved by the page."""

    def __init__(
        self, username: str, contact: WorkerContact, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Kontaktuppgifter för {user}").format(user=username))
        self.setMinimumWidth(420)
        text = QLabel(
            self.tr(
                "Skrivs ut på handlingsplanerna i användarens ärenden, så att den enskilde och "
                "utförarna kan nå handläggaren. Lämna tomt det som inte ska stå med."
            ),
            self,
        )
        text.setWordWrap(True)
        self.phone = QLineEdit(contact.phone, self)
        self.phone.setPlaceholderText(self.tr("till exempel 08-123 456 78"))
        self.email = QLineEdit(contact.email, self)
        self.email.setPlaceholderText(self.tr("till exempel fornamn.efternamn@kommun.se"))
        self.banner = Banner(self, "error")
        form = QFormLayout()
        form.addRow(self.tr("&Telefon:"), self.phone)
        form.addRow(self.tr("&E-post:"), self.email)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Spara"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)

    def _check(self) -> None:
        try:
            clean_phone(self.phone.text())
            clean_email(self.email.text())
        except AppError as error:
            self.banner.show_message(error_message(error), "error")
            return
        self.accept()


class UsersPage(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.own_username = services.ctx.username  # the signed-in administrator
        self.users: list[UserInfo] = []
        self.can_unlock: dict[str, bool] = {}
        self.busy = False  # a change is being saved
        admin = services.ws.admin

        def fetch() -> UserList:
            rows = []
            for u in admin.list_users():
                try:
                    key = admin.has_key(u.username)
                except AppError:
                    key = False
                rows.append(UserRow(u, key))
            return UserList(rows, admin.key_rotation_running())

        self.loader = Loader(self, fetch, self._loaded, self._failed)
        self.confirmation: QMessageBox | None = None
        self.rotate_check: QCheckBox | None = None
        self.recovery_check: QCheckBox | None = None
        self.recovery_box: QMessageBox | None = None
        self.password_dialog: NewPasswordDialog | None = None
        heading = QLabel(
            self.tr(
                "<h2>Användare</h2><p>Administratörer hanterar konton och ser inga ärenden.</p>"
            ),
            self,
        )
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Användarnamn"),
                self.tr("Namn"),
                self.tr("Roll"),
                self.tr("Enhet"),
                self.tr("Aktiv"),
                self.tr("Kan låsa upp"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.disable_button = QPushButton(self.tr("S&täng av"), self)
        self.enable_button = QPushButton(self.tr("Akti&vera"), self)
        self.reset_button = QPushButton(self.tr("Nytt &lösenord …"), self)
        self.remove_button = QPushButton(self.tr("&Ta bort …"), self)
        self.contact_button = QPushButton(self.tr("&Kontaktuppgifter …"), self)
        self.contact_button.clicked.connect(self.ask_contact)
        self.contact_dialog: UserContactDialog | None = None
        # A key rotation that was cut off (see keys_admin.rotate_master_key): finish it here.
        self.resume_button = QPushButton(self.tr("&Slutför nyckelbytet"), self)
        self.resume_button.clicked.connect(self.resume_rotation)
        self.resume_button.hide()
        self.disable_button.clicked.connect(lambda: self.set_active(False))
        self.enable_button.clicked.connect(lambda: self.set_active(True))
        self.reset_button.clicked.connect(self.ask_new_password)
        self.remove_button.clicked.connect(self.ask_remove)
        actions = QHBoxLayout()
        actions.addWidget(self.disable_button)
        actions.addWidget(self.enable_button)
        actions.addWidget(self.reset_button)
        actions.addWidget(self.remove_button)
        actions.addWidget(self.contact_button)
        actions.addWidget(self.resume_button)
        actions.addStretch(1)

        self.username = QLineEdit(self)
        self.display_name = QLineEdit(self)
        self.role = QComboBox(self)
        for code in ROLES:
            self.role.addItem(labels.role(code), code)
        self.unit = QComboBox(self)
        self.unit.setEditable(True)
        self.unit.setAccessibleName(self.tr("Enhet"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = QPushButton(self.tr("&Lägg till användaren"), self)
        self.add_button.clicked.connect(self.add_user)
        self.banner = Banner(self, "error")
        self.status = QLabel(self)
        box = QGroupBox(self.tr("Ny användare"), self)
        form = QFormLayout(box)
        form.addRow(self.tr("&Användarnamn:"), self.username)
        form.addRow(self.tr("&Namn:"), self.display_name)
        form.addRow(self.tr("&Roll:"), self.role)
        form.addRow(self.tr("&Enhet:"), self.unit)
        form.addRow(self.tr("&Tillfälligt lösenord:"), self.password)
        form.addRow("", self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(actions)
        layout.addWidget(self.banner)
        layout.addWidget(box)
        self._update_buttons()
        self.reload()

    # --- the list -----------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self.loader.loading

    def reload(self) -> None:
        """Read the users again in the background."""
        self.status.setText(self.tr("Hämtar …"))
        self.status.show()
        self.loader.reload()

    def _failed(self, error: BaseException) -> None:
        self.status.hide()
        self.banner.show_message(error_message(error), "error")

    def _loaded(self, loaded: UserList) -> None:
        self.status.hide()
        rows = loaded.rows
        self.resume_button.setVisible(loaded.rotation_running)
        if loaded.rotation_running:
            self.banner.show_message(
                self.tr(
                    "Ett nyckelbyte avbröts innan det var klart. Bara administratörer kan "
                    "logga in tills det är slutfört: tryck på Slutför nyckelbytet."
                ),
                "error",
            )
        selected = self.selected_username()
        self.users = [r.user for r in rows]
        self.can_unlock = {r.user.username: r.can_unlock for r in rows}
        self.table.setRowCount(len(self.users))
        for row, u in enumerate(self.users):
            can_unlock = self.can_unlock[u.username]
            values = [
                u.username,
                u.display_name or "",
                labels.role(u.role),
                u.unit or "",
                self.tr("Ja") if u.active else self.tr("Nej"),
                self.tr("Ja") if can_unlock else self.tr("Nej – borttagen"),
            ]
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if u.username == selected:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        units = sorted({u.unit for u in self.users if u.unit})
        typed = self.unit.currentText()
        self.unit.clear()
        self.unit.addItems(units)
        self.unit.setEditText(typed)
        self._update_buttons()

    def selected_username(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return item.text() if item is not None else None

    def select(self, username: str) -> None:
        for row, u in enumerate(self.users):
            if u.username == username:
                self.table.selectRow(row)
                return

    def _selected_user(self) -> UserInfo | None:
        name = self.selected_username()
        return next((u for u in self.users if u.username == name), None)

    def _update_buttons(self) -> None:
        user = None if self.busy else self._selected_user()
        own = user is not None and user.username == self.own_username
        self.disable_button.setEnabled(user is not None and user.active and not own)
        self.enable_button.setEnabled(user is not None and not user.active)
        self.reset_button.setEnabled(user is not None)
        self.remove_button.setEnabled(user is not None and not own)
        self.contact_button.setEnabled(user is not None)
        self.add_button.setEnabled(not self.busy)
        self.resume_button.setEnabled(not self.busy)

    def _run(
        self,
        action: Callable[[], object],
        done: str | Callable[[object], str],
        then: Callable[[], None] | None = None,
    ) -> None:
        """Run a change in the background; say what happened (``done``, or made from the
        result) and read the list again."""
        if self.busy:
            return
        self.busy = True
        self._update_buttons()

        def succeeded(result: object) -> None:
            self.busy = False
            self.banner.show_message(done if isinstance(done, str) else done(result), "success")
            if then is not None:
                then()
            self.reload()
            self._update_buttons()

        def failed(error: BaseException) -> None:
            self.busy = False
            self.banner.show_message(error_message(error), "error")
            self._update_buttons()

        run_task(action, succeeded, failed, owner=self)

    # --- actions ------------------------------------------------------------------------------
    def set_active(self, active: bool) -> None:
        user = self._selected_user()
        if user is None:
            return
        if active and not self.can_unlock.get(user.username, False):
            self.banner.show_message(
                self.tr(
                    "{user} är borttagen och kan inte låsa upp databasen. Ge användaren ett nytt "
                    "lösenord i stället (Nytt lösenord …); då aktiveras kontot också."
                ).format(user=user.username),
                "warning",
            )
            return
        admin, name = self.services.ws.admin, user.username
        self._run(
            lambda: admin.set_user_active(name, active),
            (
                self.tr("{user} är aktiverad igen.")
                if active
                else self.tr("{user} är avstängd och kan inte logga in.")
            ).format(user=name),
        )

    def ask_remove(self) -> None:
        user = self._selected_user()
        if user is None:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Ta bort användaren"))
        box.setText(self.tr("Ta bort {user}?").format(user=user.username))
        box.setInformativeText(
            self.tr(
                "Användarens nyckel tas bort och kontot stängs av: {user} kan inte längre låsa "
                "upp databasen, inte ens med rätt lösenord. Ärenden och loggar som användaren "
                "har skapat finns kvar. En session som är öppen just nu fortsätter tills den "
                "avslutas. Kontot kan bara öppnas igen genom att en administratör ger det ett "
                "nytt lösenord."
            ).format(user=user.username)
            + "\n\n"
            + self.tr(
                "Byts nycklarna, öppnar en kopia av användarens nyckel (i en gammal "
                "säkerhetskopia) inte längre databasen."
            )
        )
        # short: a check box in a message box does not wrap its text
        rotate = QCheckBox(self.tr("Byt också nycklarna (rekommenderas när någon slutar)"))
        box.setCheckBox(rotate)
        self.rotate_check = rotate
        remove = box.addButton(self.tr("Ta bort"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Avbryt"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(QMessageBox.StandardButton.NoButton)
        # A second check box under the first (a message box holds one of its own): a new
        # recovery key too; ticked for an administrator, who usually knows the recovery key.
        recovery = QCheckBox(self.tr("Ny återställningsnyckel också"), box)
        recovery.setToolTip(
            self.tr("Den gamla återställningsnyckeln slutar fungera; den nya visas en gång.")
        )
        recovery.setChecked(user.role == "administrator")
        recovery.setEnabled(False)
        rotate.toggled.connect(recovery.setEnabled)
        layout = box.layout()
        if isinstance(layout, QGridLayout):
            position: tuple[int, int, int, int] = layout.getItemPosition(  # type: ignore[assignment]
                layout.indexOf(rotate)
            )
            layout.addWidget(recovery, position[0] + 1, position[1])
        self.recovery_check = recovery
        name = user.username

        def answered() -> None:
            if box.clickedButton() is remove:
                self.remove(
                    name,
                    rotate=rotate.isChecked(),
                    new_recovery_key=rotate.isChecked() and recovery.isChecked(),
                )

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        self.confirmation = box
        box.open()

    def remove(
        self, username: str, *, rotate: bool = False, new_recovery_key: bool = False
    ) -> None:
        admin = self.services.ws.admin
        if not rotate:
            self._run(
                lambda: admin.remove_user(username),
                self.tr("{user} är borttagen och kan inte längre låsa upp databasen.").format(
                    user=username
                ),
            )
            return
        self._run(
            lambda: admin.remove_user(username, rotate=True, new_recovery_key=new_recovery_key),
            self._rotated_text(
                self.tr(
                    "{user} är borttagen och alla nycklar är utbytta. De andra användarna får "
                    "de nya nycklarna vid nästa inloggning; den som är inloggad nu behöver "
                    "logga in igen."
                ).format(user=username)
            ),
        )

    def _rotated_text(self, head: str) -> Callable[[object], str]:
        """The message after a key rotation: ``head``, who needs a new password, and a new
        recovery key shown once in a box of its own."""

        def text(result: object) -> str:
            parts = [head]
            needs_reset = getattr(result, "needs_reset", ())
            if needs_reset:
                parts.append(
                    self.tr("Behöver ett nytt lösenord: {users}.").format(
                        users=", ".join(needs_reset)
                    )
                )
            recovery = getattr(result, "recovery_key", None)
            if recovery:
                self.show_recovery_key(str(recovery))
            return " ".join(parts)

        return text

    def show_recovery_key(self, key: str) -> None:
        """A new recovery key after a key rotation: shown once, selectable."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Ny återställningsnyckel"))
        box.setText(key)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setInformativeText(
            self.tr(
                "Den gamla återställningsnyckeln fungerar inte längre. Skriv ner den nya och "
                "förvara den säkert: den visas bara nu."
            )
        )
        box.finished.connect(box.deleteLater)
        self.recovery_box = box
        box.open()

    def resume_rotation(self) -> None:
        admin = self.services.ws.admin
        self._run(
            lambda: admin.rotate_master_key(resume_only=True),
            self._rotated_text(
                self.tr("Nyckelbytet är slutfört. De andra användarna kan logga in igen.")
            ),
        )

    def ask_new_password(self) -> None:
        user = self._selected_user()
        if user is None:
            return
        dialog = NewPasswordDialog(user.username, self)
        name = user.username
        dialog.accepted.connect(lambda: self.reset_password(name, dialog.password.text()))
        dialog.finished.connect(dialog.deleteLater)
        self.password_dialog = dialog
        dialog.open()

    def reset_password(self, username: str, password: str) -> None:
        admin = self.services.ws.admin
        self._run(
            lambda: admin.reset_user(username, password),
            self.tr("{user} har fått ett nytt lösenord och kontot är aktivt.").format(
                user=username
            ),
        )

    def ask_contact(self) -> None:
        """Read the selected user's work phone and e-mail, then show them to change."""
        user = self._selected_user()
        if user is None or self.busy:
            return
        admin, name = self.services.ws.admin, user.username
        self.busy = True
        self._update_buttons()

        def read(contact: WorkerContact) -> None:
            self.busy = False
            self._update_buttons()
            dialog = UserContactDialog(name, contact, self)
            dialog.accepted.connect(
                lambda: self.set_contact(name, dialog.phone.text(), dialog.email.text())
            )
            dialog.finished.connect(dialog.deleteLater)
            self.contact_dialog = dialog
            dialog.open()

        def failed(error: BaseException) -> None:
            self.busy = False
            self.banner.show_message(error_message(error), "error")
            self._update_buttons()

        run_task(lambda: admin.user_contact(name), read, failed, owner=self)

    def set_contact(self, username: str, phone: str, email: str) -> None:
        admin = self.services.ws.admin
        self._run(
            lambda: admin.set_user_contact(username, phone=phone, email=email),
            self.tr("Kontaktuppgifterna för {user} är sparade.").format(user=username),
        )

    def add_user(self) -> None:
        admin = self.services.ws.admin
        username, password = self.username.text(), self.password.text()
        role = self.role.currentData()
        unit = self.unit.currentText().strip() or None
        display_name = self.display_name.text().strip() or None

        def added() -> None:
            for field in (self.username, self.display_name, self.password):
                field.clear()

        self._run(
            lambda: admin.add_user(username, password, role, unit=unit, display_name=display_name),
            self.tr(
                "Användaren {name} är tillagd. Lösenordet är tillfälligt: {name} väljer ett "
                "eget vid första inloggningen."
            ).format(name=username.strip()),
            added,
        )
