"""Keys derived from STANDARDS_BOT_SECRET_KEY: encryption at rest, relay links and keyed pseudonyms.

Each purpose gets its own key (HKDF), so a key used for one thing can never decrypt another.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_NONCE_BYTES = 12
_VERSION = b"\x01"


class DecryptionError(Exception):
    """Ciphertext that this key cannot open (another key, or tampered)."""


class Keyring:
    def __init__(self, secret_key: str) -> None:
        if len(secret_key) < 16:
            raise ValueError("the secret key must be at least 16 characters long")
        self._master = secret_key.encode("utf-8")
        self._cache: dict[str, bytes] = {}

    def _key(self, purpose: str) -> bytes:
        if purpose not in self._cache:
            hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"standards-bot", info=purpose.encode())
            self._cache[purpose] = hkdf.derive(self._master)
        return self._cache[purpose]

    def encrypt(self, purpose: str, plaintext: str, *, context: str = "") -> bytes:
        """AES-256-GCM with a random nonce; `context` binds the ciphertext to its row."""
        nonce = os.urandom(_NONCE_BYTES)
        sealed = AESGCM(self._key(purpose)).encrypt(nonce, plaintext.encode("utf-8"), context.encode())
        return _VERSION + nonce + sealed

    def decrypt(self, purpose: str, blob: bytes, *, context: str = "") -> str:
        if not blob or blob[:1] != _VERSION:
            raise DecryptionError("unknown ciphertext format")
        nonce, sealed = blob[1 : 1 + _NONCE_BYTES], blob[1 + _NONCE_BYTES :]
        try:
            return AESGCM(self._key(purpose)).decrypt(nonce, sealed, context.encode()).decode("utf-8")
        except InvalidTag as exc:
            raise DecryptionError("ciphertext cannot be opened with this key") from exc

    def pseudonym(self, salt: bytes, user_id: str) -> str:
        """A keyed pseudonym: stable for one salt, unlinkable once the salt is destroyed."""
        return hmac.new(self._key("pseudonym") + salt, user_id.encode(), hashlib.sha256).hexdigest()

    def digest(self, purpose: str, value: str) -> str:
        """A keyed, deterministic digest for looking rows up without storing the value."""
        return hmac.new(self._key(purpose), value.encode(), hashlib.sha256).hexdigest()


def new_salt() -> bytes:
    return secrets.token_bytes(16)
