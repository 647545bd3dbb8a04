"""The key hierarchy.

- One random *master key* per database. It is stored only wrapped: once per user under a key
  derived from that user's password (Argon2id), and once under the *recovery key* shown at
  ``init``.
- *Data keys* (AES-256-GCM, one active at a time), the *index key* (blind indexes) and the
  *audit key* (audit chain MAC) are random keys stored wrapped under the master key. Rotating
  the data key adds a new one; old ones stay readable until every value is re-encrypted.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from assessment_app.crypto import kdf
from assessment_app.crypto.kdf import KdfParams
from assessment_app.errors import IntegrityError, WrongPasswordError, WrongRecoveryKeyError

# What a damaged key row (parameters that are not JSON, a blob of the wrong length ...) raises
# on the way to the cipher: reported as damage to that row, never a traceback.
_DAMAGED_ROW = (ValueError, TypeError, KeyError, AttributeError, OverflowError)

NONCE_LEN = 12
RECOVERY_KEY_BYTES = 20  # 160 bits: 32 base32 characters


def random_key() -> bytes:
    return os.urandom(32)


def new_key_id() -> bytes:
    return os.urandom(16)


def _seal(kek: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_LEN)
    return nonce + AESGCM(kek).encrypt(nonce, plaintext, aad)


def _open(kek: bytes, blob: bytes, aad: bytes) -> bytes:
    blob = bytes(blob)
    return AESGCM(kek).decrypt(blob[:NONCE_LEN], blob[NONCE_LEN:], aad)


# --- password wraps -------------------------------------------------------------------------


def wrap_for_password(master_key: bytes, password: str, wrap_id: str) -> tuple[str, bytes]:
    """Returns (kdf parameters as JSON, wrapped master key)."""
    params = kdf.new_params()
    kek = kdf.derive(password, params)
    return json.dumps(params.to_json()), _seal(kek, master_key, b"mk|password|" + wrap_id.encode())


def unwrap_with_password(password: str, kdf_json: str, wrapped: bytes, wrap_id: str) -> bytes:
    try:
        params = KdfParams.from_json(json.loads(kdf_json))
        kek = kdf.derive(password, params)
    except _DAMAGED_ROW:
        raise IntegrityError("key_wraps", "kdf", str(wrap_id)) from None
    try:
        return _open(kek, wrapped, b"mk|password|" + wrap_id.encode())
    except _DAMAGED_ROW:
        raise IntegrityError("key_wraps", "wrapped", str(wrap_id)) from None
    except InvalidTag:
        raise WrongPasswordError(
            "Wrong user name or password.", "Fel användarnamn eller lösenord."
        ) from None


# --- recovery key ---------------------------------------------------------------------------


def new_recovery_key() -> bytes:
    return os.urandom(RECOVERY_KEY_BYTES)


def format_recovery_key(raw: bytes) -> str:
    text = base64.b32encode(raw).decode().rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    cleaned = re.sub(r"[\s\-]", "", text).upper()
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except (ValueError, binascii.Error):
        raise WrongRecoveryKeyError(
            "That is not a recovery key (it should look like ABCD-EFGH-...).",
            "Det där är ingen återställningsnyckel (den ser ut som ABCD-EFGH-...).",
        ) from None
    if len(raw) != RECOVERY_KEY_BYTES:
        raise WrongRecoveryKeyError(
            "The recovery key is incomplete.", "Återställningsnyckeln är ofullständig."
        )
    return raw


def _recovery_kek(raw: bytes, salt: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"assessment-app recovery")
    return hkdf.derive(raw)


def wrap_for_recovery(master_key: bytes, raw: bytes, wrap_id: str) -> tuple[str, bytes]:
    salt = os.urandom(16)
    kek = _recovery_kek(raw, salt)
    params = json.dumps({"algorithm": "hkdf-sha256", "salt": salt.hex()})
    return params, _seal(kek, master_key, b"mk|recovery|" + wrap_id.encode())


def unwrap_with_recovery(raw: bytes, params_json: str, wrapped: bytes, wrap_id: str) -> bytes:
    try:
        params = json.loads(params_json)
        kek = _recovery_kek(raw, bytes.fromhex(params["salt"]))
    except _DAMAGED_ROW:
        raise IntegrityError("key_wraps", "kdf", str(wrap_id)) from None
    try:
        return _open(kek, wrapped, b"mk|recovery|" + wrap_id.encode())
    except _DAMAGED_ROW:
        raise IntegrityError("key_wraps", "wrapped", str(wrap_id)) from None
    except InvalidTag:
        raise WrongRecoveryKeyError(
            "The recovery key does not match this database.",
            "Återställningsnyckeln hör inte till den här databasen.",
        ) from None


# --- keys under the master key --------------------------------------------------------------


def wrap_subkey(master_key: bytes, purpose: str, key_id: str, key: bytes) -> bytes:
    return _seal(master_key, key, f"subkey|{purpose}|{key_id}".encode())


def unwrap_subkey(master_key: bytes, purpose: str, key_id: str, wrapped: bytes) -> bytes:
    try:
        return _open(master_key, wrapped, f"subkey|{purpose}|{key_id}".encode())
    except (*_DAMAGED_ROW, InvalidTag):
        raise IntegrityError("data_keys", "wrapped", str(key_id)) from None
