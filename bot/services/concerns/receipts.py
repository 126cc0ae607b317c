"""Receipt codes: a random lookup part kept plainly, and a secret part kept only as an argon2id hash.

The code uses Crockford's base-32 alphabet (no I, L, O or U), so it can be read aloud and typed back; when read
back, O is taken as 0 and I or L as 1. 5 lookup characters plus 15 secret ones give 100 random bits, 75 of them
behind argon2.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LOOKUP_CHARS = 5
SECRET_CHARS = 15
GROUP = 4
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})

# OWASP's suggested argon2id cost: about 20-40 ms a check, slow enough to make guessing hopeless.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
_DUMMY_HASH = _HASHER.hash(secrets.token_hex(16))


@dataclass(frozen=True)
class Receipt:
    lookup: str
    secret: str

    @property
    def code(self) -> str:
        raw = self.lookup + self.secret
        return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def new_receipt() -> Receipt:
    def draw(count: int) -> str:
        return "".join(secrets.choice(ALPHABET) for _ in range(count))

    return Receipt(lookup=draw(LOOKUP_CHARS), secret=draw(SECRET_CHARS))


def parse(code: str) -> Receipt | None:
    """The receipt a person typed (any case, spaces or dashes); None if it cannot be one."""
    cleaned = "".join(code.split()).replace("-", "").upper().translate(_READ_AS)
    if len(cleaned) != LOOKUP_CHARS + SECRET_CHARS or any(char not in ALPHABET for char in cleaned):
        return None
    return Receipt(lookup=cleaned[:LOOKUP_CHARS], secret=cleaned[LOOKUP_CHARS:])


def hash_secret(secret: str) -> str:
    return _HASHER.hash(secret)


def verify(stored_hash: str | None, secret: str) -> bool:
    """True if `secret` matches; with no stored hash, spend the same work on a dummy so timing tells nothing."""
    try:
        return _HASHER.verify(stored_hash or _DUMMY_HASH, secret) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
