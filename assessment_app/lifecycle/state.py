"""This installation's lifecycle state: audit-head anchors per database, and backups made.

One small JSON file in the user data folder. Each anchor (the highest sealed audit entry this
installation has seen in a database: its sequence number and MAC) is authenticated with an
HMAC keyed by the per-installation secret in the OS keyring, so editing the file to hide a
rollback is noticed. Without a trusted keyring the anchor is stored without that protection
(``protected: false``) and still catches an accidental restore of an old copy.

The file holds ids, numbers, dates and file paths; never case content or names.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from assessment_app.config import data_dir
from assessment_app.credentials import CredentialStore
from assessment_app.errors import KeyringUnavailableError

log = logging.getLogger(__name__)

FORMAT = "assessment-app/lifecycle-state/1"
FILE_NAME = "lifecycle-state.json"
MAX_BACKUP_RECORDS = 100


@dataclass(frozen=True)
class Anchor:
    database_id: str
    seq: int
    mac: str
    updated_at: str
    protected: bool
    authentic: bool | None  # True/False when checked with the secret; None: could not check


@dataclass(frozen=True)
class BackupRecord:
    database_id: str
    db_path: str
    file: str
    at: datetime
    sha256: str
    seq: int


class StateStore:
    """Reads and writes the state file; pass ``path`` and ``credentials`` in tests."""

    def __init__(
        self, path: Path | None = None, credentials: CredentialStore | None = None
    ) -> None:
        self.path = path or data_dir() / FILE_NAME
        self.credentials = credentials or CredentialStore()
        self._secret: bytes | None = None
        self._secret_checked = False
        self.unreadable = False

    # --- secret ----------------------------------------------------------------------------
    def secret(self) -> bytes | None:
        """The installation secret, or None when no trusted keyring is available."""
        if not self._secret_checked:
            self._secret_checked = True
            try:
                self._secret = self.credentials.installation_secret()
            except KeyringUnavailableError:
                log.info("no trusted keyring: the rollback anchor is kept without protection")
                self._secret = None
        return self._secret

    @staticmethod
    def _anchor_mac(secret: bytes, database_id: str, seq: int, mac: str) -> str:
        payload = f"anchor\x1f{database_id}\x1f{seq}\x1f{mac}".encode()
        return hmac.new(secret, payload, hashlib.sha256).hexdigest()

    # --- file ------------------------------------------------------------------------------
    def _read(self) -> dict[str, Any]:
        self.unreadable = False
        empty: dict[str, Any] = {"format": FORMAT, "anchors": {}, "backups": []}
        if not self.path.exists():
            return empty
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            self.unreadable = True
            return empty
        if (
            not isinstance(data, dict)
            or data.get("format") != FORMAT
            or not isinstance(data.get("anchors"), dict)
            or not isinstance(data.get("backups"), list)
        ):
            self.unreadable = True
            return empty
        return data

    def _write(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=self.path.parent, prefix=".", suffix=".tmp")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=1, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise

    # --- anchors ---------------------------------------------------------------------------
    def anchor(self, database_id: str) -> Anchor | None:
        entry = self._read()["anchors"].get(database_id)
        if not isinstance(entry, dict):
            return None
        try:
            seq = int(entry["seq"])
            mac = str(entry["mac"])
        except (KeyError, TypeError, ValueError):
            return Anchor(database_id, 0, "", "", False, False)
        stored = entry.get("hmac")
        secret = self.secret()
        authentic: bool | None = None
        if secret is not None:
            expected = self._anchor_mac(secret, database_id, seq, mac)
            authentic = isinstance(stored, str) and hmac.compare_digest(stored, expected)
        return Anchor(
            database_id, seq, mac, str(entry.get("updated_at", "")), bool(stored), authentic
        )

    def set_anchor(self, database_id: str, seq: int, mac: str, now: datetime) -> bool:
        """Store the anchor; returns whether it is protected by the keyring secret."""
        data = self._read()
        secret = self.secret()
        data["anchors"][database_id] = {
            "seq": seq,
            "mac": mac,
            "updated_at": now.isoformat(timespec="seconds"),
            "hmac": self._anchor_mac(secret, database_id, seq, mac) if secret else None,
        }
        self._write(data)
        return secret is not None

    # --- backups ---------------------------------------------------------------------------
    def add_backup(self, record: BackupRecord) -> None:
        data = self._read()
        backups = [b for b in data["backups"] if isinstance(b, dict)]
        backups.append(
            {
                "database_id": record.database_id,
                "db_path": record.db_path,
                "file": record.file,
                "at": record.at.isoformat(timespec="seconds"),
                "sha256": record.sha256,
                "seq": record.seq,
            }
        )
        data["backups"] = backups[-MAX_BACKUP_RECORDS:]
        self._write(data)

    def backups(self) -> list[BackupRecord]:
        result = []
        for b in self._read()["backups"]:
            try:
                result.append(
                    BackupRecord(
                        str(b["database_id"]),
                        str(b["db_path"]),
                        str(b["file"]),
                        datetime.fromisoformat(str(b["at"])),
                        str(b["sha256"]),
                        int(b["seq"]),
                    )
                )
            except (KeyError, TypeError, ValueError):
                continue
        return result
