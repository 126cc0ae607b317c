"""Keys derived from STANDARDS_BOT_SECRET_KEY: encryption at rest, relay links and keyed pseudonyms.

Each purpose gets its own key (HKDF), so a key used for one thing can never decrypt another. Every ciphertext
names the key that made it (a short key ID), so that after a rotation the previous keys, listed in
STANDARDS_BOT_PREVIOUS_SECRET_KEYS, still open what they wrote until `standards-bot rekey` re-encrypts it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_NONCE_BYTES = 12
_KEY_ID_BYTES = 4
# Format 1 (before key IDs): 0x01 + nonce + sealed. Format 2: 0x02 + key ID + nonce + sealed.
_LEGACY = b"\x01"
_VERSION = b"\x02"

# A good key is at least 32 random bytes, written as hex (64 characters) or base64 (43 or more).
_HEX = re.compile(r"^[0-9a-fA-F]+$")
_BASE64 = re.compile(r"^[A-Za-z0-9+/_-]+=*$")
MIN_KEY_BITS = 256


class DecryptionError(Exception):
    """Ciphertext that these keys cannot open (another key, or tampered)."""


def key_weakness(secret: str) -> str | None:
    """Why `secret` is not a good key, in a few words; None when it is one.

    Only the shape can be checked, not how the key was made: hex or base64 of at least 256 bits, with the variety
    random bytes always have. A passphrase is refused: HKDF does not slow down guessing the way a password hash does.
    """
    if _HEX.match(secret):
        bits, variety = 4 * len(secret), 8
    elif _BASE64.match(secret):
        bits, variety = 6 * len(secret.rstrip("=")), 16
    else:
        return "it is not hex or base64, so it looks like a passphrase"
    if bits < MIN_KEY_BITS:
        return f"it holds at most {bits} bits, fewer than {MIN_KEY_BITS}"
    if len(set(secret)) < variety or _repeats(secret):
        return "it repeats itself, so it was not made at random"
    return None


def _repeats(text: str) -> bool:
    size = len(text)
    return any(text == (text[:period] * (size // period + 1))[:size] for period in range(1, size // 2 + 1))


class _Key:
    """One master key: its ID and the subkeys derived from it, one per purpose."""

    def __init__(self, secret: str) -> None:
        self.master = secret.encode("utf-8")
        self._cache: dict[str, bytes] = {}
        self.key_id = self.derive("key-id")[:_KEY_ID_BYTES]

    def derive(self, purpose: str) -> bytes:
        if purpose not in self._cache:
            hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"standards-bot", info=purpose.encode())
            self._cache[purpose] = hkdf.derive(self.master)
        return self._cache[purpose]


class Keyring:
    """The current key, which writes, and the previous keys, which only read."""

    def __init__(self, secret_key: str, previous: Sequence[str] = ()) -> None:
        if not secret_key:
            raise ValueError("the secret key is empty")
        self._current = _Key(secret_key)
        self._keys = [self._current] + [_Key(secret) for secret in previous if secret and secret != secret_key]
        self._by_id = {key.key_id: key for key in reversed(self._keys)}

    @property
    def key_id(self) -> str:
        """The current key's ID, as operators see it (eight hex digits)."""
        return self._current.key_id.hex()

    @property
    def key_ids(self) -> list[str]:
        return [key.key_id.hex() for key in self._keys]

    def encrypt(self, purpose: str, plaintext: str, *, context: str = "") -> bytes:
        """AES-256-GCM with a random nonce under the current key; `context` binds the ciphertext to its row."""
        nonce = os.urandom(_NONCE_BYTES)
        sealed = AESGCM(self._current.derive(purpose)).encrypt(nonce, plaintext.encode("utf-8"), context.encode())
        return _VERSION + self._current.key_id + nonce + sealed

    def decrypt(self, purpose: str, blob: bytes, *, context: str = "") -> str:
        if blob[:1] == _VERSION:
            key_id, rest = blob[1 : 1 + _KEY_ID_BYTES], blob[1 + _KEY_ID_BYTES :]
            key = self._by_id.get(key_id)
            if key is None:
                raise DecryptionError(f"ciphertext made with key {key_id.hex()}, which is not configured")
            return _open(key, purpose, rest, context)
        if blob[:1] == _LEGACY:
            # Written before key IDs: try the current key, then each previous key.
            for key in self._keys:
                try:
                    return _open(key, purpose, blob[1:], context)
                except DecryptionError:
                    continue
            raise DecryptionError("ciphertext without a key ID that no configured key opens")
        raise DecryptionError("unknown ciphertext format")

    def key_id_of(self, blob: bytes) -> str | None:
        """The ID of the key that wrote `blob`; None for ciphertext written before key IDs."""
        return blob[1 : 1 + _KEY_ID_BYTES].hex() if blob[:1] == _VERSION else None

    def is_current(self, blob: bytes) -> bool:
        return self.key_id_of(blob) == self.key_id

    def pseudonym(self, salt: bytes, user_id: str, *, kind: str = "") -> str:
        """A keyed pseudonym: stable for one salt, unlinkable once the salt is destroyed. Each `kind` gives another
        pseudonym for the same person and salt, so that (say) their vote and their comments are not linked."""
        return _pseudonym(self._current, salt, _subject(user_id, kind))

    def pseudonyms(self, salt: bytes, user_id: str, *, kind: str = "") -> list[str]:
        """The pseudonym under every configured key, current first: what may already be stored for this salt."""
        return [_pseudonym(key, salt, _subject(user_id, kind)) for key in self._keys]

    def digest(self, purpose: str, value: str) -> str:
        """A keyed, deterministic digest for looking rows up without storing the value."""
        return hmac.new(self._current.derive(purpose), value.encode(), hashlib.sha256).hexdigest()

    def digests(self, purpose: str, value: str) -> list[str]:
        """The digest under every configured key, current first."""
        return [hmac.new(key.derive(purpose), value.encode(), hashlib.sha256).hexdigest() for key in self._keys]


def _open(key: _Key, purpose: str, nonce_and_sealed: bytes, context: str) -> str:
    nonce, sealed = nonce_and_sealed[:_NONCE_BYTES], nonce_and_sealed[_NONCE_BYTES:]
    try:
        return AESGCM(key.derive(purpose)).decrypt(nonce, sealed, context.encode()).decode("utf-8")
    except InvalidTag as exc:
        raise DecryptionError("ciphertext cannot be opened with this key") from exc


def _subject(user_id: str, kind: str) -> str:
    return f"{kind}\x00{user_id}" if kind else user_id  # Slack IDs hold no NUL, so kinds cannot collide


def _pseudonym(key: _Key, salt: bytes, user_id: str) -> str:
    return hmac.new(key.derive("pseudonym") + salt, user_id.encode(), hashlib.sha256).hexdigest()


def new_salt() -> bytes:
    return secrets.token_bytes(16)
