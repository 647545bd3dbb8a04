"""The key hierarchy.

- One random *master key* per database. It is stored only wrapped: once per user under a key
  derived from that user's password (Argon2id), and once under the *recovery key* shown at
  ``init``.
- *Data keys* (AES-256-GCM, one active at a time), the *index key* (blind indexes) and the
  *audit key* (audit chain MAC) are random keys stored wrapped under the master key. Rotating
  the data key adds a new one; old ones stay readable until every value is re-encrypted.
- Every wrap also carries an X25519 key pair (the private key sealed like the master key), so
  a *new* master key can be sealed to the remaining users and the recovery wrap when someone
  leaves (``keys_admin.rotate_master_key``); each opens theirs at the next sign-in.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import re
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from assessment_app.crypto import kdf
from assessment_app.crypto.kdf import KdfParams
from assessment_app.errors import (
    DamagedKeyWrapError,
    IntegrityError,
    WrongPasswordError,
    WrongRecoveryKeyError,
    key_substitution,
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


# --- key pairs: a new master key for a principal whose password the administrator lacks ----
# Every password wrap and the recovery wrap carry an X25519 key pair: the public key plain, the
# private key sealed under the same password- (or recovery-) derived key as the master key, with
# its own associated data. Replacing the master key seals the new one to each public key
# (``sealed_master``); the owner's next sign-in opens it with the private key and wraps it under
# their password again.

PUBLIC_KEY_LEN = 32
SEALED_LEN = PUBLIC_KEY_LEN + NONCE_LEN + 32 + 16  # ephemeral public key, nonce, key, tag


def _private_aad(kind: str, wrap_id: str) -> bytes:
    return f"sk|{kind}|{wrap_id}".encode()


def _master_aad(kind: str, wrap_id: str) -> bytes:
    return f"mk|{kind}|{wrap_id}".encode()


def new_key_pair(kek: bytes, kind: str, wrap_id: str) -> tuple[bytes, bytes]:
    """(public key, private key sealed under ``kek``) for a wrap of ``kind`` (password,
    recovery)."""
    private = X25519PrivateKey.generate()
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return public, _seal(kek, raw, _private_aad(kind, wrap_id))


def wrap_master(kek: bytes, master_key: bytes, kind: str, wrap_id: str) -> bytes:
    return _seal(kek, master_key, _master_aad(kind, wrap_id))


def _sealed_key(shared: bytes, eph_public: bytes, public: bytes) -> bytes:
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=eph_public + public,
        info=b"assessment-app sealed master key",
    )
    return hkdf.derive(shared)


def seal_to_public(public: bytes, master_key: bytes, wrap_id: str) -> bytes:
    """The master key sealed to a wrap's public key (ephemeral X25519, HKDF, AES-GCM)."""
    eph = X25519PrivateKey.generate()
    eph_public = eph.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    shared = eph.exchange(X25519PublicKey.from_public_bytes(bytes(public)))
    key = _sealed_key(shared, eph_public, bytes(public))
    return eph_public + _seal(key, master_key, b"mk|sealed|" + wrap_id.encode())


def open_sealed(
    kek: bytes,
    kind: str,
    wrap_id: str,
    private_enc: bytes,
    sealed: bytes,
    expected_public: bytes | None = None,
) -> bytes:
    """The master key sealed to this wrap's public key, opened with its private key (itself
    opened with ``kek``). Raises InvalidTag when ``kek`` does not open the private key,
    KeySubstitutionError when the stored public key (``expected_public``) is not the private
    key's own (someone swapped it before a rotation) and ValueError/TypeError for a malformed
    row."""
    raw = _open(kek, bytes(private_enc), _private_aad(kind, wrap_id))
    private = X25519PrivateKey.from_private_bytes(raw)
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    if expected_public is not None and bytes(expected_public) != public:
        raise key_substitution()
    sealed = bytes(sealed)
    if len(sealed) != SEALED_LEN:
        raise ValueError("sealed master key of the wrong length")
    eph_public = sealed[:PUBLIC_KEY_LEN]
    shared = private.exchange(X25519PublicKey.from_public_bytes(eph_public))
    key = _sealed_key(shared, eph_public, public)
    return _open(key, sealed[PUBLIC_KEY_LEN:], b"mk|sealed|" + wrap_id.encode())


@dataclass(frozen=True)
class NewWrap:
    """A new wrap's stored values: KDF parameters (JSON), the wrapped master key, the key pair."""

    kdf: str
    wrapped: bytes
    public_key: bytes
    private_enc: bytes


def new_password_wrap(master_key: bytes, password: str, wrap_id: str) -> NewWrap:
    params = kdf.new_params()
    kek = kdf.derive(password, params)
    data = {**params.to_json(), "check": _check_value(kek, wrap_id)}
    public, private_enc = new_key_pair(kek, "password", wrap_id)
    return NewWrap(
        json.dumps(data), wrap_master(kek, master_key, "password", wrap_id), public, private_enc
    )


def new_recovery_wrap(master_key: bytes, raw: bytes, wrap_id: str) -> NewWrap:
    salt = os.urandom(16)
    kek = _recovery_kek(raw, salt)
    params = json.dumps({"algorithm": "hkdf-sha256", "salt": salt.hex()})
    public, private_enc = new_key_pair(kek, "recovery", wrap_id)
    return NewWrap(params, wrap_master(kek, master_key, "recovery", wrap_id), public, private_enc)


@dataclass(frozen=True)
class OpenedWrap:
    """A password or recovery wrap opened: the master key, and what to store on the row (None:
    leave as it is): the KDF JSON with a check value added, a key pair made now, the master key
    wrapped under the password again in place of a sealed one."""

    master_key: bytes = field(repr=False)  # never in a repr, a log line or a traceback
    kdf: str | None = None
    public_key: bytes | None = None
    private_enc: bytes | None = None
    wrapped: bytes | None = None

    def changes(self) -> dict[str, object]:
        """The row's new values; ``sealed_master`` is cleared once the key is wrapped again."""
        out: dict[str, object] = {}
        if self.kdf is not None:
            out["kdf"] = self.kdf
        if self.public_key is not None:
            out["public_key"] = self.public_key
            out["private_enc"] = self.private_enc
        if self.wrapped is not None:
            out["wrapped"] = self.wrapped
            out["sealed_master"] = None
        return out


def _finish_open(
    kek: bytes,
    kind: str,
    wrap_id: str,
    wrapped: bytes | None,
    public_key: bytes | None,
    private_enc: bytes | None,
    sealed_master: bytes | None,
    bad: Exception,
) -> tuple[bytes, bytes | None, bytes | None, bytes | None]:
    """(master key, new public key, new sealed private key, master key wrapped again)."""
    rewrapped = None
    if sealed_master is not None:
        if private_enc is None:
            raise bad
        try:
            master_key = open_sealed(
                kek, kind, wrap_id, private_enc, sealed_master, expected_public=public_key
            )
        except InvalidTag:
            raise bad from None
        except _DAMAGED_ROW:
            raise _damaged() from None
        rewrapped = wrap_master(kek, master_key, kind, wrap_id)
    else:
        if not isinstance(wrapped, bytes | bytearray | memoryview) or len(bytes(wrapped)) != (
            WRAPPED_LEN
        ):
            raise _damaged()
        try:
            master_key = _open(kek, bytes(wrapped), _master_aad(kind, wrap_id))
        except InvalidTag:
            raise bad from None
    public = private = None
    if public_key is None:
        public, private = new_key_pair(kek, kind, wrap_id)
    return master_key, public, private, rewrapped


def open_password_wrap(
    password: str,
    kdf_json: str,
    wrapped: bytes | None,
    wrap_id: str,
    *,
    public_key: bytes | None = None,
    private_enc: bytes | None = None,
    sealed_master: bytes | None = None,
) -> OpenedWrap:
    """Like :func:`unwrap_and_check`, for a wrap that may hold its master key sealed to its key
    pair (after a master-key rotation) and may lack a key pair (made now)."""
    try:
        data = json.loads(kdf_json)
        params = KdfParams.from_json(data)
        check = data.get("check")
        kek = kdf.derive(password, params)
    except _DAMAGED_ROW:
        raise _damaged() from None
    expected = _check_value(kek, wrap_id)
    if isinstance(check, str) and not hmac.compare_digest(check, expected):
        raise _wrong()
    bad = _damaged() if isinstance(check, str) else _wrong()
    master_key, public, private, rewrapped = _finish_open(
        kek, "password", wrap_id, wrapped, public_key, private_enc, sealed_master, bad
    )
    upgraded = None if isinstance(check, str) else json.dumps({**data, "check": expected})
    return OpenedWrap(master_key, upgraded, public, private, rewrapped)


def open_recovery_wrap(
    raw: bytes,
    params_json: str,
    wrapped: bytes | None,
    wrap_id: str,
    *,
    public_key: bytes | None = None,
    private_enc: bytes | None = None,
    sealed_master: bytes | None = None,
) -> OpenedWrap:
    try:
        params = json.loads(params_json)
        kek = _recovery_kek(raw, bytes.fromhex(params["salt"]))
    except _DAMAGED_ROW:
        raise IntegrityError("key_wraps", "kdf", str(wrap_id)) from None
    wrong = WrongRecoveryKeyError(
        "The recovery key does not match this database.",
        "Återställningsnyckeln hör inte till den här databasen.",
    )
    try:
        master_key, public, private, rewrapped = _finish_open(
            kek, "recovery", wrap_id, wrapped, public_key, private_enc, sealed_master, wrong
        )
    except DamagedKeyWrapError:
        raise IntegrityError("key_wraps", "wrapped", str(wrap_id)) from None
    return OpenedWrap(master_key, None, public, private, rewrapped)
