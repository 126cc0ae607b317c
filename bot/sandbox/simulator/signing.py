"""Request signing as Slack does it: HMAC-SHA256 over ``v0:{timestamp}:{body}`` with the app's signing secret."""

from __future__ import annotations

import hashlib
import hmac

VERSION = "v0"


def _text(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8")


def sign(secret: str, timestamp: int | str, body: str | bytes) -> str:
    """The ``X-Slack-Signature`` value for ``body`` sent at ``timestamp`` (seconds since the epoch)."""
    base = _text(f"{VERSION}:{timestamp}:") + _text(body)
    digest = hmac.new(_text(secret), base, hashlib.sha256).hexdigest()
    return f"{VERSION}={digest}"


def verify(secret: str, timestamp: int | str, body: str | bytes, signature: str) -> bool:
    """Whether ``signature`` is the right one for this body and timestamp (constant-time comparison)."""
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


def signed_headers(secret: str, timestamp: int | str, body: str | bytes, content_type: str) -> dict[str, str]:
    """The headers Slack sends with every request to an app."""
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(timestamp),
        "X-Slack-Signature": sign(secret, timestamp, body),
    }
