"""Keys: every ciphertext names its key, previous keys still read, and older ciphertext without an ID stays readable."""

from __future__ import annotations

import os
import secrets

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from bot.crypto import DecryptionError, Keyring, key_weakness

KEY_1 = secrets.token_hex(32)
KEY_2 = secrets.token_hex(32)


def test_every_ciphertext_carries_the_id_of_the_key_that_wrote_it() -> None:
    keyring = Keyring(KEY_1)
    blob = keyring.encrypt("case-text", "what happened", context="case:1:text")
    assert keyring.key_id_of(blob) == keyring.key_id
    assert len(keyring.key_id) == 8
    assert keyring.key_id != Keyring(KEY_2).key_id
    assert keyring.decrypt("case-text", blob, context="case:1:text") == "what happened"


def test_a_previous_key_reads_but_never_writes() -> None:
    old = Keyring(KEY_1).encrypt("case-text", "old words", context="c")
    rotated = Keyring(KEY_2, [KEY_1])
    assert rotated.decrypt("case-text", old, context="c") == "old words"
    assert not rotated.is_current(old)
    assert rotated.is_current(rotated.encrypt("case-text", "new", context="c"))
    with pytest.raises(DecryptionError, match="not configured"):
        Keyring(KEY_2).decrypt("case-text", old, context="c")


def test_the_context_and_purpose_bind_a_ciphertext_to_its_place() -> None:
    keyring = Keyring(KEY_1)
    blob = keyring.encrypt("outbox", "payload", context="outbox:1")
    with pytest.raises(DecryptionError):
        keyring.decrypt("outbox", blob, context="outbox:2")
    with pytest.raises(DecryptionError):
        keyring.decrypt("case-text", blob, context="outbox:1")


def test_ciphertext_written_before_key_ids_is_read_by_whichever_key_made_it() -> None:
    # The first format: 0x01, a nonce, then AES-GCM under the purpose's HKDF key, with no key ID.
    from bot.crypto import _Key

    nonce = os.urandom(12)
    legacy = b"\x01" + nonce + AESGCM(_Key(KEY_1).derive("relay")).encrypt(nonce, b"U0REPORTER", b"case:4")
    assert Keyring(KEY_1).decrypt("relay", legacy, context="case:4") == "U0REPORTER"
    assert Keyring(KEY_2, [KEY_1]).decrypt("relay", legacy, context="case:4") == "U0REPORTER"
    assert Keyring(KEY_1).key_id_of(legacy) is None
    with pytest.raises(DecryptionError):
        Keyring(KEY_2).decrypt("relay", legacy, context="case:4")


def test_pseudonyms_and_digests_under_every_key_start_with_the_current_one() -> None:
    rotated = Keyring(KEY_2, [KEY_1])
    salt = b"s" * 16
    assert rotated.pseudonyms(salt, "U1") == [rotated.pseudonym(salt, "U1"), Keyring(KEY_1).pseudonym(salt, "U1")]
    assert rotated.digests("p", "v")[1] == Keyring(KEY_1).digest("p", "v")


# Named ids: each process of a parallel run draws its own random keys, and must still collect the same tests.
@pytest.mark.parametrize(
    "good",
    [secrets.token_hex(32), secrets.token_urlsafe(32), secrets.token_hex(64)],
    ids=["hex-32-bytes", "urlsafe-32-bytes", "hex-64-bytes"],
)
def test_random_keys_of_256_bits_are_good(good: str) -> None:
    assert key_weakness(good) is None


@pytest.mark.parametrize(
    "weak",
    ["", "x" * 16, secrets.token_hex(16), "a" * 64, "0123456789abcdef" * 4, "my police force secret 2026!"],
    ids=["empty", "one-letter-16", "hex-16-bytes", "one-letter-64", "a-repeated-run", "a-passphrase"],
)
def test_short_repetitive_or_passphrase_keys_are_weak(weak: str) -> None:
    assert key_weakness(weak) is not None
