"""Keyed lookup tokens (blind indexes) so encrypted values can be found without decrypting.

Tokens are HMAC-SHA256 under the index key, which is separate from the data keys, with a
domain prefix per kind so a name token can never equal a personnummer token.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata

MIN_PREFIX = 3
MAX_PREFIX = 8


def token(index_key: bytes, kind: str, value: str) -> bytes:
    return hmac.new(index_key, f"{kind}\x1f{value}".encode(), hashlib.sha256).digest()[:16]


def normalise_name_part(part: str) -> str:
    """NFKC (full-width and other compatibility forms folded), case folded, letters and
    digits only: a name typed in different ways is found as one."""
    part = unicodedata.normalize("NFKC", part).casefold().strip()
    return re.sub(r"[^\w]", "", part)


def name_parts(name: str) -> list[str]:
    return [p for p in (normalise_name_part(x) for x in re.split(r"[\s\-]+", name)) if p]


def name_tokens(index_key: bytes, name: str) -> set[bytes]:
    """Tokens for every name part and its prefixes of 3 to 8 characters."""
    tokens: set[bytes] = set()
    for part in name_parts(name):
        tokens.add(token(index_key, "name", part))
        for length in range(MIN_PREFIX, min(MAX_PREFIX, len(part)) + 1):
            tokens.add(token(index_key, "name", part[:length]))
    return tokens


def name_query_tokens(index_key: bytes, query: str) -> list[bytes]:
    """One token per query word (a word longer than the prefix limit is matched whole)."""
    return [token(index_key, "name", part) for part in name_parts(query) if len(part) >= 2]
