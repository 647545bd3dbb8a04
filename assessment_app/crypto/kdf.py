"""Argon2id password-based key derivation.

Parameters are stored with the salt in every wrap so they can be raised later without
breaking existing wraps. ``calibrate`` picks the iteration count that takes about
``target_ms`` on this machine (about half a second by default).

``ASSESSMENT_KDF_TARGET_MS`` lowers the target for test runs; the memory cost and the
iteration count never go below the floors below, so even then the KDF stays Argon2id with
real memory hardness.
"""

from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass
from functools import lru_cache

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

DEFAULT_TARGET_MS = 500
MEMORY_KIB = 64 * 1024
MIN_MEMORY_KIB = 8 * 1024
LANES = 4
MAX_ITERATIONS = 20


@dataclass(frozen=True)
class KdfParams:
    salt: bytes
    iterations: int
    memory_kib: int
    lanes: int
    algorithm: str = "argon2id"

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["salt"] = self.salt.hex()
        return data

    @classmethod
    def from_json(cls, data: dict[str, object]) -> KdfParams:
        algorithm = str(data.get("algorithm", "argon2id"))
        if algorithm != "argon2id":
            raise ValueError(f"unsupported KDF {algorithm!r}")
        return cls(
            salt=bytes.fromhex(str(data["salt"])),
            iterations=int(str(data["iterations"])),
            memory_kib=int(str(data["memory_kib"])),
            lanes=int(str(data["lanes"])),
        )


def derive(password: str, params: KdfParams) -> bytes:
    kdf = Argon2id(
        salt=params.salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(password.encode("utf-8"))


def target_ms() -> int:
    raw = os.environ.get("ASSESSMENT_KDF_TARGET_MS")
    if raw:
        try:
            return max(1, int(raw))
        except ValueError:
            pass
    return DEFAULT_TARGET_MS


@lru_cache(maxsize=4)
def _calibrated(target: int) -> tuple[int, int]:
    memory = MEMORY_KIB if target >= 100 else MIN_MEMORY_KIB
    probe = KdfParams(salt=b"\0" * 16, iterations=1, memory_kib=memory, lanes=LANES)
    start = time.perf_counter()
    derive("calibration", probe)
    one = max((time.perf_counter() - start) * 1000, 0.01)
    iterations = max(1, min(MAX_ITERATIONS, round(target / one)))
    return iterations, memory


def new_params() -> KdfParams:
    iterations, memory = _calibrated(target_ms())
    return KdfParams(salt=os.urandom(16), iterations=iterations, memory_kib=memory, lanes=LANES)
