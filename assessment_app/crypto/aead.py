"""AES-256-GCM for single stored values.

Wire format (version 1)::

    0x01 | key_id (16 bytes) | nonce (12 bytes) | ciphertext || tag (16 bytes)

The associated data binds the value to where it lives:
``b"aa1|" + table + b"|" + column + b"|" + row_id + b"|" + key_id``.
A ciphertext copied into another row or column, or with any bit flipped, fails to
authenticate and raises :class:`~assessment_app.errors.IntegrityError` for that value alone.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from assessment_app.errors import IntegrityError

FORMAT_VERSION = 1
KEY_ID_LEN = 16
NONCE_LEN = 12
TAG_LEN = 16
HEADER_LEN = 1 + KEY_ID_LEN + NONCE_LEN


def associated_data(table: str, column: str, row_id: str, key_id: bytes) -> bytes:
    for part in (table, column, row_id):
        if "|" in part:
            raise ValueError("table, column and row id must not contain '|'")
    return b"aa1|" + f"{table}|{column}|{row_id}|".encode() + key_id


@dataclass(frozen=True)
class Sealed:
    """Parsed header of a stored ciphertext (no secrets)."""

    version: int
    key_id: bytes

    @classmethod
    def parse(cls, blob: bytes) -> Sealed:
        if len(blob) < HEADER_LEN + TAG_LEN:
            raise ValueError("ciphertext too short")
        return cls(version=blob[0], key_id=bytes(blob[1 : 1 + KEY_ID_LEN]))

    @staticmethod
    def parse_key_id(blob: bytes) -> bytes | None:
        blob = bytes(blob)
        return blob[1 : 1 + KEY_ID_LEN] if len(blob) >= HEADER_LEN + TAG_LEN else None


class KeyRing:
    """The data keys a signed-in session can use, by key id, and the current one for writing."""

    def __init__(self, keys: dict[bytes, bytes], current_key_id: bytes) -> None:
        if current_key_id not in keys:
            raise ValueError("current key id not among the keys")
        for key_id, key in keys.items():
            if len(key_id) != KEY_ID_LEN or len(key) != 32:
                raise ValueError("data keys are 32 bytes with 16-byte ids")
        self._ciphers = {key_id: AESGCM(key) for key_id, key in keys.items()}
        self.current_key_id = current_key_id

    @property
    def key_ids(self) -> set[bytes]:
        return set(self._ciphers)

    def seal(self, table: str, column: str, row_id: str, plaintext: bytes) -> bytes:
        key_id = self.current_key_id
        nonce = os.urandom(NONCE_LEN)
        aad = associated_data(table, column, row_id, key_id)
        body = self._ciphers[key_id].encrypt(nonce, plaintext, aad)
        return bytes([FORMAT_VERSION]) + key_id + nonce + body

    def open(self, table: str, column: str, row_id: str, blob: bytes) -> bytes:
        blob = bytes(blob)
        try:
            header = Sealed.parse(blob)
        except ValueError:
            raise IntegrityError(table, column, row_id) from None
        cipher = self._ciphers.get(header.key_id)
        if header.version != FORMAT_VERSION or cipher is None:
            raise IntegrityError(table, column, row_id)
        nonce = blob[1 + KEY_ID_LEN : HEADER_LEN]
        aad = associated_data(table, column, row_id, header.key_id)
        try:
            return cipher.decrypt(nonce, blob[HEADER_LEN:], aad)
        except InvalidTag:
            raise IntegrityError(table, column, row_id) from None

    # JSON helpers: every structured value is stored as compact UTF-8 JSON.
    def seal_json(self, table: str, column: str, row_id: str, value: object) -> bytes:
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        return self.seal(table, column, row_id, data.encode())

    def open_json(self, table: str, column: str, row_id: str, blob: bytes) -> object:
        raw = self.open(table, column, row_id, blob)
        try:
            return json.loads(raw.decode())
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise IntegrityError(table, column, row_id) from None

    def is_current(self, blob: bytes) -> bool:
        try:
            return Sealed.parse(bytes(blob)).key_id == self.current_key_id
        except ValueError:
            return False
