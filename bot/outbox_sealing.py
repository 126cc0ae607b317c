"""Sealed outbox payloads: encrypted at rest with the row's ID, team and method as associated data, so a sealed
payload copied into another row does not open there."""

from __future__ import annotations

import base64
import json
from typing import Any

from bot.crypto import Keyring
from storage.models import OutboxMessage

SEALED = "_sealed"  # sealed before rows were bound: still opened, and bound by `standards-bot rekey`
SEALED_TO_ROW = "_sealed_row"
PURPOSE = "outbox"
# The error kept on a sealed row that no configured key opens, and shown to admins.
UNOPENABLE = "sealed with {key}, which is not configured: list it in STANDARDS_BOT_PREVIOUS_SECRET_KEYS, then Retry"


def _row_context(message: OutboxMessage) -> str:
    return f"outbox:{message.id}:{message.team_id}:{message.method}"


def seal_payload(keyring: Keyring, message: OutboxMessage, payload: dict[str, Any]) -> dict[str, Any]:
    """The payload encrypted with the row's ID, team and method as associated data: it opens in no other row."""
    sealed = keyring.encrypt(PURPOSE, json.dumps(payload), context=_row_context(message))
    return {SEALED_TO_ROW: base64.b64encode(sealed).decode()}


def sealed_blob(message: OutboxMessage) -> bytes | None:
    stored = message.payload or {}
    value = stored.get(SEALED_TO_ROW) or stored.get(SEALED)
    return base64.b64decode(value) if value else None


def open_payload(keyring: Keyring, message: OutboxMessage) -> dict[str, Any]:
    """The payload as sent; raises DecryptionError if it is sealed and no configured key opens it."""
    stored = message.payload or {}
    if SEALED_TO_ROW in stored:
        blob = base64.b64decode(stored[SEALED_TO_ROW])
        return dict(json.loads(keyring.decrypt(PURPOSE, blob, context=_row_context(message))))
    if SEALED in stored:  # sealed before rows were bound; `standards-bot rekey` binds them
        return dict(json.loads(keyring.decrypt(PURPOSE, base64.b64decode(stored[SEALED]))))
    return dict(stored)


def is_unopenable(message: OutboxMessage) -> bool:
    """True for a row that failed because no configured key opened it (a retry needs the key, not time)."""
    return (message.last_error or "").startswith(UNOPENABLE.partition("{")[0])
