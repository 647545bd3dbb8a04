"""Use cases of administration: users, providers, keys, the audit trail, retention, backups,
rollback checks and case transfer.

These are batch or account operations with transaction boundaries of their own (a key
rotation commits in batches so it can resume; a retention run deletes case by case), so this
section hands them the signed-in context; the screens and commands still reach them only here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from assessment_app import accounts, audit
from assessment_app.context import Context
from assessment_app.errors import AccessDeniedError
from assessment_app.records import contacts, providers
from assessment_app.records.contacts import UnitContact, WorkerContact
from assessment_app.records.providers import ProviderFields, ProviderInfo
from assessment_app.settings import load_provider_managers
from assessment_app.workspace.workspace import retrying

if TYPE_CHECKING:
    from assessment_app.keys_admin import MasterRotationResult, RotationResult
    from assessment_app.lifecycle.anchor import RollbackStatus
    from assessment_app.lifecycle.backup import BackupInfo, Progress
    from assessment_app.lifecycle.retention import RetentionPlan, RetentionResult
    from assessment_app.lifecycle.settings import RetentionSettings
    from assessment_app.lifecycle.state import StateStore
    from assessment_app.server.transfer import ExportResult, ImportResult
    from assessment_app.workspace.workspace import Workspace


class AdminUseCases:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    @property
    def ctx(self) -> Context:
        self.ws._check_thread()
        self.ws._check_password_changed()
        return self.ws.ctx

    # --- users --------------------------------------------------------------------------------
    def list_users(self) -> list[accounts.UserInfo]:
        return accounts.list_users(self.ctx)

    def add_user(
        self,
        username: str,
        password: str,
        role: str,
        *,
        unit: str | None = None,
        display_name: str | None = None,
        temporary: bool = True,
    ) -> accounts.UserInfo:
        """Add a user; the password the administrator chose is temporary unless they say
        otherwise: the user must pick their own at the first sign-in."""
        return accounts.add_user(
            self.ctx,
            username,
            password,
            role,
            unit=unit,
            display_name=display_name,
            temporary=temporary,
        )

    def set_user_active(self, username: str, active: bool) -> None:
        accounts.set_user_active(self.ctx, username, active)

    def has_key(self, username: str) -> bool:
        from assessment_app.server import users_admin

        return users_admin.has_key(self.ctx, username)

    def remove_user(
        self, username: str, *, rotate: bool = False, new_recovery_key: bool | None = None
    ) -> MasterRotationResult | None:
        """Remove the user's key and disable the account; ``rotate``: replace the master key
        and every key under it too (a copy of their old key wrap then opens nothing), and
        with ``new_recovery_key`` the recovery key (None: when the user is an administrator)."""
        from assessment_app.server import users_admin

        return users_admin.remove_user(
            self.ctx, username, rotate=rotate, new_recovery_key=new_recovery_key
        )

    def reset_user(self, username: str, new_password: str) -> None:
        from assessment_app.server import users_admin

        users_admin.reset_user(self.ctx, username, new_password)

    def verify_password(self, password: str, *, purpose: str = "unlock") -> None:
        self.ws._check_thread()
        accounts.verify_password(self.ws.ctx, password, purpose=purpose)

    @property
    def must_change_password(self) -> bool:
        """Signed in with a temporary password: every other use case refuses until
        :meth:`change_password` has run."""
        return self.ws.ctx.must_change_password

    def change_password(self, old_password: str, new_password: str) -> None:
        """The signed-in user's own password: the old one is checked, the master key is
        wrapped again for the new one (the old wrap goes), audited."""
        self.ws._check_thread()
        accounts.change_password(self.ws.ctx, old_password, new_password)

    def sign_out(self) -> None:
        self.ws.ctx.sign_out()

    # --- providers ----------------------------------------------------------------------------
    @retrying
    def providers(self, *, include_inactive: bool = False) -> list[ProviderInfo]:
        """The register: the active providers, or all of them (retired ones too)."""
        with self.ws.read() as uow:
            return providers.list_providers(uow, include_inactive=include_inactive)

    @retrying
    def provider(self, *, provider_id: str | None = None, name: str | None = None) -> ProviderInfo:
        with self.ws.read() as uow:
            return providers.get_provider(uow, provider_id=provider_id, name=name)

    def may_manage_providers(self) -> bool:
        """Administrators, and the roles the installation names in ``provider_managers``."""
        return self.ctx.role in load_provider_managers()

    def _require_provider_manager(self) -> None:
        if not self.may_manage_providers():
            raise AccessDeniedError(
                "Only administrators (and the roles named in the installation's "
                "provider_managers setting) may change the provider register.",
                "Bara administratörer (och de roller som installationens inställning "
                "provider_managers anger) får ändra utförarregistret.",
            )

    @retrying
    def add_provider(
        self,
        name: str,
        *,
        org_number: str = "",
        contact_person: str = "",
        phone: str = "",
        email: str = "",
        procured_for: str = "",
        contract_from: date | None = None,
        contract_to: date | None = None,
    ) -> ProviderInfo:
        self._require_provider_manager()
        with self.ws.write() as uow:
            return providers.add_provider(
                uow,
                name,
                org_number=org_number,
                contact_person=contact_person,
                phone=phone,
                email=email,
                procured_for=procured_for,
                contract_from=contract_from,
                contract_to=contract_to,
            )

    @retrying
    def edit_provider(
        self, provider_id: str, expected_version: int, fields: ProviderFields
    ) -> ProviderInfo:
        """Save the form; a change someone else saved meanwhile is a StaleEditError."""
        self._require_provider_manager()
        with self.ws.write() as uow:
            return providers.edit_provider(uow, provider_id, expected_version, fields)

    @retrying
    def retire_provider(
        self, provider_id: str, expected_version: int, *, on: date | None = None, reason: str = ""
    ) -> ProviderInfo:
        self._require_provider_manager()
        with self.ws.write() as uow:
            return providers.retire_provider(
                uow, provider_id, expected_version, on=on, reason=reason
            )

    @retrying
    def reactivate_provider(self, provider_id: str, expected_version: int) -> ProviderInfo:
        self._require_provider_manager()
        with self.ws.write() as uow:
            return providers.reactivate_provider(uow, provider_id, expected_version)

    # --- keys and the audit trail -------------------------------------------------------------
    def rotate_keys(self) -> RotationResult:
        from assessment_app.keys_admin import rotate_data_key

        return rotate_data_key(self.ctx)

    def rotate_master_key(
        self, *, resume_only: bool = False, new_recovery_key: bool = False
    ) -> MasterRotationResult:
        """A new master key and new keys under it (finishes a rotation that was cut off)."""
        from assessment_app.keys_admin import rotate_master_key

        return rotate_master_key(
            self.ctx, resume_only=resume_only, new_recovery_key=new_recovery_key
        )

    def key_rotation_running(self) -> bool:
        from assessment_app.keys_admin import running_rotation

        return running_rotation(self.ctx) is not None

    def verify_audit(self) -> audit.VerifyResult:
        ctx = self.ctx
        with ctx.db.read_session() as session:
            return audit.verify(session, ctx.keys.audit_key, ctx.keys.audit_history)

    # --- retention ----------------------------------------------------------------------------
    def plan_retention(
        self,
        as_of: date,
        settings: RetentionSettings | None = None,
        *,
        progress: Progress | None = None,
    ) -> RetentionPlan:
        from assessment_app.lifecycle import retention

        return retention.plan_retention(self.ctx, as_of, settings, progress=progress)

    def apply_retention(
        self,
        plan: RetentionPlan,
        *,
        today: date | None = None,
        progress: Progress | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> RetentionResult:
        from assessment_app.lifecycle import retention

        return retention.apply_retention(
            self.ctx, plan, today=today, progress=progress, should_stop=should_stop
        )

    # --- backups and rollback -----------------------------------------------------------------
    def backup(
        self,
        out: Path,
        *,
        overwrite: bool = False,
        progress: Progress | None = None,
        store: StateStore | None = None,
    ) -> BackupInfo:
        from assessment_app.lifecycle.backup import create_backup

        return create_backup(self.ctx, out, overwrite=overwrite, progress=progress, store=store)

    def check_rollback(self, store: StateStore | None = None) -> RollbackStatus:
        from assessment_app.lifecycle.anchor import check_rollback

        return check_rollback(self.ctx, store)

    def record_head(self, store: StateStore | None = None) -> RollbackStatus:
        from assessment_app.lifecycle.anchor import record_head

        return record_head(self.ctx, store)

    def accept_rollback(self, store: StateStore | None = None) -> RollbackStatus:
        from assessment_app.lifecycle.anchor import accept_rollback

        return accept_rollback(self.ctx, store)

    # --- moving a case ------------------------------------------------------------------------
    def export_case(self, case_ref: str, out: Path, passphrase: str) -> ExportResult:
        from assessment_app.server.transfer import export_case_bundle

        return export_case_bundle(self.ctx, case_ref, out, passphrase)

    def import_case(self, path: Path, passphrase: str) -> ImportResult:
        from assessment_app.server.transfer import import_case_bundle

        return import_case_bundle(self.ctx, path, passphrase)

    def close_transferred(self, case_ref: str) -> None:
        from assessment_app.server.transfer import close_transferred

        with self.ws.write() as uow:
            close_transferred(uow, case_ref)

    # --- contact details printed on the plans -------------------------------------------------
    def my_contact(self) -> WorkerContact:
        """The signed-in user's own work phone and e-mail."""
        with self.ws.read() as uow:
            return contacts.my_contact(uow)

    def set_my_contact(self, *, phone: str = "", email: str = "") -> WorkerContact:
        with self.ws.write() as uow:
            return contacts.set_my_contact(uow, phone=phone, email=email)

    def user_contact(self, username: str) -> WorkerContact:
        """A user's work phone and e-mail (administrators)."""
        with self.ws.read() as uow:
            return contacts.user_contact(uow, username)

    def set_user_contact(self, username: str, *, phone: str = "", email: str = "") -> WorkerContact:
        """An administrator sets a user's work phone and e-mail, printed on their cases' plans
        (audited; blank clears them)."""
        with self.ws.write() as uow:
            return contacts.set_user_contact(uow, username, phone=phone, email=email)

    def unit_contact(self, unit_id: str | None = None) -> UnitContact | None:
        """A unit's phone, e-mail and visiting address (the user's own unit by default)."""
        with self.ws.read() as uow:
            return contacts.unit_contact(uow, unit_id)

    def unit_contacts(self) -> list[UnitContact]:
        """Every active unit's contact details (administrators)."""
        with self.ws.read() as uow:
            return contacts.list_unit_contacts(uow)

    def set_unit_contact(
        self, unit_id: str, *, phone: str = "", email: str = "", visiting_address: str = ""
    ) -> UnitContact:
        """An administrator sets a unit's contact details."""
        with self.ws.write() as uow:
            return contacts.set_unit_contact(
                uow, unit_id, phone=phone, email=email, visiting_address=visiting_address
            )
