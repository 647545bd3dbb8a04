"""The one credential service over the OS keyring.

It holds what must not sit in files: server database passwords and a per-installation
secret. Only real OS backends are accepted (Secret Service, Windows Credential Manager,
macOS Keychain, KWallet). When none is available, callers get
:class:`~assessment_app.errors.KeyringUnavailableError` with a plain explanation and go on
with password-only protection; a secret is never written to a plaintext file instead.
"""

from __future__ import annotations

import base64
import importlib
import logging
import os
import sys

from keyring.backend import KeyringBackend
from keyring.errors import KeyringError
from sqlalchemy.engine import URL, make_url

from assessment_app.errors import KeyringUnavailableError

log = logging.getLogger(__name__)

SERVICE = "assessment-app"
INSTALLATION_SECRET = "installation-secret"  # noqa: S105 - a keyring entry name

ALLOWED_MODULES = (
    "keyring.backends.SecretService",
    "keyring.backends.Windows",
    "keyring.backends.macOS",
    "keyring.backends.kwallet",
    "keyring.backends.libsecret",
)
DENIED_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


def platform_backend() -> KeyringBackend:
    """The keyring backend for this platform, made directly.

    keyring's own discovery imports every installed backend to rate it; on Linux the macOS
    backend's import alone runs ``ctypes.util.find_library``, which starts ``gcc`` several times
    per command. Here only the allow-listed backends of this platform are loaded, in order of
    preference. A backend chosen by configuration (``PYTHON_KEYRING_BACKEND``) or set by the
    program (``keyring.set_keyring``, e.g. in tests) is used as it is.
    """
    import keyring.core

    if os.environ.get("PYTHON_KEYRING_BACKEND") or keyring.core._keyring_backend is not None:
        return keyring.get_keyring()
    candidates: list[tuple[str, str]]
    if sys.platform == "win32":
        candidates = [("keyring.backends.Windows", "WinVaultKeyring")]
    elif sys.platform == "darwin":
        candidates = [("keyring.backends.macOS", "Keyring")]
    else:
        candidates = [
            ("keyring.backends.SecretService", "Keyring"),
            ("keyring.backends.libsecret", "Keyring"),
            ("keyring.backends.kwallet", "DBusKeyring"),
        ]
    for module_name, class_name in candidates:
        try:
            module = importlib.import_module(module_name)
            cls = getattr(module, class_name)
            if cls.priority > 0:  # "viable": its libraries and service are there
                backend: KeyringBackend = cls()
                return backend
        except Exception as error:  # a backend that cannot load is simply not available
            log.info("keyring backend %s unavailable: %s", module_name, type(error).__name__)
    from keyring.backends.fail import Keyring as FailKeyring

    return FailKeyring()  # type: ignore[no-untyped-call]


def _unavailable(detail: str) -> KeyringUnavailableError:
    return KeyringUnavailableError(
        f"No secure OS keyring is available ({detail}). The app keeps working with your "
        "password only; the server password must then be typed at each sign-in. On Linux, "
        "install and unlock GNOME Keyring or KWallet.",
        f"Ingen säker nyckelring i operativsystemet är tillgänglig ({detail}). Appen fungerar "
        "med bara ditt lösenord; serverlösenordet får då skrivas vid varje inloggning. "
        "På Linux: installera och lås upp GNOME-nyckelringen eller KWallet.",
    )


class CredentialStore:
    def __init__(
        self, backend: KeyringBackend | None = None, *, allow_any_backend: bool = False
    ) -> None:
        self.backend = backend or platform_backend()
        self.allow_any_backend = allow_any_backend

    def _backends(self) -> list[KeyringBackend]:
        inner = getattr(self.backend, "backends", None)  # the chainer wraps real backends
        return list(inner) if inner else [self.backend]

    def check(self) -> None:
        """Raise a clear error unless a secure backend is in use."""
        if self.allow_any_backend:
            return
        backends = self._backends()
        modules = [type(b).__module__ for b in backends]
        if not backends or any(m.startswith(DENIED_MODULES) for m in modules):
            raise _unavailable("no backend")
        if not any(m.startswith(ALLOWED_MODULES) for m in modules):
            raise _unavailable(f"backend {type(self.backend).__name__} is not trusted")

    @property
    def available(self) -> bool:
        try:
            self.check()
        except KeyringUnavailableError:
            return False
        return True

    def _get(self, name: str) -> str | None:
        self.check()
        try:
            return self.backend.get_password(SERVICE, name)
        except KeyringError as exc:  # locked collection, D-Bus gone, ...
            raise _unavailable(type(exc).__name__) from None

    def _set(self, name: str, value: str) -> None:
        self.check()
        try:
            self.backend.set_password(SERVICE, name, value)
        except KeyringError as exc:
            raise _unavailable(type(exc).__name__) from None

    def _delete(self, name: str) -> None:
        self.check()
        try:
            self.backend.delete_password(SERVICE, name)
        except KeyringError:
            log.info("nothing to delete in the keyring")

    # --- server database passwords ---------------------------------------------------------
    @staticmethod
    def server_key(url: str | URL) -> str:
        parsed = make_url(url) if isinstance(url, str) else url
        bare = parsed.set(password=None)
        return "db:" + bare.render_as_string(hide_password=True)

    def get_server_password(self, url: str | URL) -> str | None:
        return self._get(self.server_key(url))

    def set_server_password(self, url: str | URL, password: str) -> None:
        self._set(self.server_key(url), password)

    def delete_server_password(self, url: str | URL) -> None:
        self._delete(self.server_key(url))

    def resolve_server_url(self, url: str | URL) -> URL:
        """Add the stored password to a server URL that has none (SQLite URLs pass through)."""
        parsed = make_url(url) if isinstance(url, str) else url
        if parsed.get_backend_name() == "sqlite" or parsed.password:
            return parsed
        password = self.get_server_password(parsed)
        return parsed.set(password=password) if password else parsed

    # --- per-installation secret ------------------------------------------------------------
    def installation_secret(self) -> bytes:
        """A random 32-byte secret for this installation, created on first use."""
        stored = self._get(INSTALLATION_SECRET)
        if stored:
            return base64.b64decode(stored)
        secret = os.urandom(32)
        self._set(INSTALLATION_SECRET, base64.b64encode(secret).decode())
        return secret
