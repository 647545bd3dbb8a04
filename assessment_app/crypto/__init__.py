"""Encryption of stored values and the key hierarchy.

- :mod:`.aead`: AES-256-GCM sealing of one value, bound to table, column and row.
- :mod:`.kdf`: Argon2id key derivation from passwords, tuned and stored with the salt.
- :mod:`.keys`: the master key, its wraps (per user and recovery) and the data keys it protects.
- :mod:`.blind_index`: keyed lookup tokens for personnummer and name search.
"""

from assessment_app.crypto.aead import KeyRing, Sealed
from assessment_app.crypto.kdf import KdfParams

__all__ = ["KdfParams", "KeyRing", "Sealed"]
