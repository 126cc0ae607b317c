"""Bad input stops at the door: a request body is read whole, within a size and a time limit, and checked to be
UTF-8 and well formed before Bolt parses anything. What fails gets 400, 408 or 413 and a short plain answer, never a
traceback; what passes reaches Bolt as a buffer, so nothing downstream reads from the client again, together with
the body as parsed here (PARSED_BODY), so that it is not parsed twice (bot.slack_requests).
"""

from __future__ import annotations

import io
import json
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from storage.alarms import Alarms

# Slack's largest requests (a modal's state, a message's blocks) are well under this.
MAX_BODY_BYTES = 1024 * 1024
# A client that has not sent its whole body by then is cut off, so slow clients cannot hold every worker thread
# for long. Slack sends a few kilobytes at once and wants its answer within 3 seconds, so a body slower than this
# could not be answered in time anyway. Clients queued behind a full pool get their turn, and their deadline,
# when a thread frees: N slow clients on T threads hold the pool for about N/T times this.
BODY_SECONDS = 2.0

StartResponse = Callable[..., Any]
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
# Where a checked body is left in the WSGI environment, read as Slack means it: an interaction's payload object,
# a command's fields, or an event's JSON object.
PARSED_BODY = "standards_bot.parsed_body"


@dataclass(frozen=True)
class Refusal:
    status: str
    reason: str

    def __call__(self, start_response: StartResponse) -> Iterable[bytes]:
        body = json.dumps({"error": self.reason}).encode()
        headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
        start_response(self.status, headers)
        return [body]


def check(environ: dict[str, Any], *, max_bytes: int = MAX_BODY_BYTES, seconds: float = BODY_SECONDS) -> Refusal | None:
    """Read and check the body of a POST; on success it is put back as a buffer for the app to read."""
    length_text = str(environ.get("CONTENT_LENGTH") or "").strip()
    if not length_text.isdigit():
        return Refusal("400 Bad Request", "a request body needs a Content-Length")
    length = int(length_text)
    if length > max_bytes:
        return Refusal("413 Content Too Large", f"a request body may be at most {max_bytes} bytes")
    with _body_deadline(environ.get("gunicorn.socket"), seconds) as expired:
        try:
            body = environ["wsgi.input"].read(length) if length else b""
        except (OSError, ValueError):
            body = b""
    if len(body) != length:
        if expired():
            return Refusal("408 Request Timeout", f"the request body did not arrive within {seconds:g} seconds")
        return Refusal("400 Bad Request", "the request body ended before its Content-Length")
    parsed = _parsed(body, str(environ.get("CONTENT_TYPE") or ""))
    if isinstance(parsed, str):
        return Refusal("400 Bad Request", parsed)
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(length)
    environ[PARSED_BODY] = parsed
    return None


def _parsed(body: bytes, content_type: str) -> dict[str, Any] | str:
    """The body as Slack means it, or what is wrong with it."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "the request body is not UTF-8"
    kind = content_type.split(";")[0].strip().lower()
    if kind == FORM:
        try:
            # A repeated field keeps its last value, as Bolt reads it.
            fields = dict(parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text), errors="strict"))
        except (ValueError, UnicodeDecodeError):
            return "the form is malformed"
        if "payload" not in fields:
            return fields
        payload = _object(fields["payload"])
        return payload if payload is not None else "the form's payload is not a JSON object"
    if kind == JSON:
        found = _object(text)
        return found if found is not None else "the body is not a JSON object"
    return "the content type is neither a form nor JSON"


def _object(text: str) -> dict[str, Any] | None:
    try:
        found = json.loads(text)
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


_BODY_DEADLINES = Alarms("body-deadlines")


@contextmanager
def _body_deadline(sock: socket.socket | None, seconds: float) -> Iterator[Callable[[], bool]]:
    """Shut the reading side of the client's socket if its body has not arrived in time: that wakes the worker
    thread blocked on a client that trickles its body (a per-read timeout would not: each byte resets it).
    Yields whether it was cut."""
    cut = [False]
    if sock is None:  # not under gunicorn (a test server): nothing to cut
        yield lambda: cut[0]
        return

    def shut() -> None:
        cut[0] = True
        with suppress(OSError):  # already closed by the client
            sock.shutdown(socket.SHUT_RD)

    alarm = _BODY_DEADLINES.set(time.monotonic() + seconds, shut)
    try:
        yield lambda: cut[0]
    finally:
        _BODY_DEADLINES.call_off(alarm)
