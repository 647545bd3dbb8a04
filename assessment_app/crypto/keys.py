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
import hashlib
import hmac
import json
import os
import re

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from assessment_app.crypto import kdf
from assessment_app.crypto.kdf import KdfParams
from assessment_app.errors import (
    DamagedKeyWrapError,
    IntegrityError,
    WrongPasswordError,
    WrongRecoveryKeyError,
)

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


WRAPPED_LEN = NONCE_LEN + 32 + 16  # nonce, master key, GCM tag


def _check_value(kek: bytes, wrap_id: str) -> str:
    """A short MAC of the wrap id under the password-derived key, kept beside the KDF
    parameters. It tells a wrong password (the check differs) from a damaged wrap (the check
    matches but the wrap does not open). Guessing a password against it costs the same Argon2id
    derivation as against the wrap itself."""
    return hmac.new(kek, b"password-check|" + wrap_id.encode(), hashlib.sha256).hexdigest()[:32]


def wrap_for_password(master_key: bytes, password: str, wrap_id: str) -> tuple[str, bytes]:
    """Returns (kdf parameters and check value as JSON, wrapped master key)."""
    params = kdf.new_params()
    kek = kdf.derive(password, params)
    data = {**params.to_json(), "check": _check_value(kek, wrap_id)}
    return json.dumps(data), _seal(kek, master_key, b"mk|password|" + wrap_id.encode())


def _wrong() -> WrongPasswordError:
    return WrongPasswordError("Wrong user name or password.", "Fel användarnamn eller lösenord.")


def _damaged() -> DamagedKeyWrapError:
    return DamagedKeyWrapError(
        "The password was right, but this account's stored key is damaged and does not open. "
        "This is not a wrong password and does not count towards locking the account. An "
        "administrator can set a new password (the records are not lost), or restore a backup.",
        "Lösenordet stämmer, men kontots lagrade nyckel är skadad och går inte att öppna. Det "
        "är inte fel lösenord och räknas inte mot att kontot låses. En administratör kan sätta "
        "ett nytt lösenord (uppgifterna är inte förlorade), eller återställa en säkerhetskopia.",
    )


def unwrap_and_check(
    password: str, kdf_json: str, wrapped: bytes, wrap_id: str
) -> tuple[bytes, str | None]:
    """The master key, and the wrap's KDF JSON with a check value added when it had none (to
    be stored, so later damage is told from a wrong password), else None.

    Raises :class:`WrongPasswordError` for a wrong password and :class:`DamagedKeyWrapError`
    for a wrap that is malformed, or does not open although the password passed its check."""
    try:
        data = json.loads(kdf_json)
        params = KdfParams.from_json(data)
        check = data.get("check")
    except _DAMAGED_ROW:
        raise _damaged() from None
    if (
        not isinstance(wrapped, bytes | bytearray | memoryview)
        or len(bytes(wrapped)) != WRAPPED_LEN
    ):
        raise _damaged()
    try:
        kek = kdf.derive(password, params)
    except _DAMAGED_ROW:
        raise _damaged() from None
    expected = _check_value(kek, wrap_id)
    if isinstance(check, str) and not hmac.compare_digest(check, expected):
        raise _wrong()
    try:
        master_key = _open(kek, wrapped, b"mk|password|" + wrap_id.encode())
    except InvalidTag:
        raise (_damaged() if isinstance(check, str) else _wrong()) from None
    upgraded = None if isinstance(check, str) else json.dumps({**data, "check": expected})
    return master_key, upgraded


def unwrap_with_password(password: str, kdf_json: str, wrapped: bytes, wrap_id: str) -> bytes:
    return unwrap_and_check(password, kdf_json, wrapped, wrap_id)[0]


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
