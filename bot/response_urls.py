"""Answers posted to Slack's response URLs over kept-alive connections.

Bolt's `respond` opens a new connection (with Slack, a new TLS session too) for every answer. A vote's private
confirmation is one answer per click, so this poster keeps one connection per host in each thread that posts,
and reuses it, over the standard library's HTTP client: through urllib3's pool, a vote's confirmation cost the
bot's process about a third more CPU. The client writes a request's headers and its body apart, so Nagle's
algorithm is turned off on each connection (as urllib3 does), or the body could wait for the acknowledgement of
the headers.

Like Bolt's, it makes one attempt: an answer is a courtesy that follows a recorded change, and a second attempt
after a lost reply could show the person the same answer twice. A kept-alive connection that Slack has closed
while it was idle is noticed before the answer is sent, and a fresh one is opened instead; that is not a retry.
"""

from __future__ import annotations

import http.client
import json
import logging
import select
import socket
import ssl
import threading
from collections.abc import Mapping
from typing import Any, cast
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

# The fields of a response_url message, as Bolt's respond sends them.
MESSAGE_FIELDS = (
    "text", "blocks", "attachments", "response_type", "replace_original", "delete_original", "unfurl_links",
    "unfurl_media", "thread_ts", "metadata",
)  # fmt: skip
HEADERS = {"Content-Type": "application/json;charset=utf-8"}

Origin = tuple[str, str, int]  # scheme, host, port


class ResponsePoster:
    def __init__(self, *, timeout: float = 10.0, tls: ssl.SSLContext | None = None) -> None:
        """`tls`: whom to trust over https (by default the system's certificate authorities, with certificates and
        host names checked, as urllib3 does)."""
        self._timeout = timeout
        self._tls = tls or ssl.create_default_context()
        self._local = threading.local()
        self._every: set[http.client.HTTPConnection] = set()  # for close(), whichever thread opened them
        self._lock = threading.Lock()

    def post(self, url: str, **reply: Any) -> int:
        """Post one answer; Slack's status (an error status is logged, as Bolt's respond leaves it unraised)."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ValueError("a response URL is an http or https address")
        origin = (parts.scheme, parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        body = json.dumps(message(reply)).encode()
        connection = self._connection(origin)
        try:
            if connection.sock is None:  # new, or closed by the client after the server asked it to
                connection.connect()
                cast(socket.socket, connection.sock).setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            connection.request("POST", target or "/", body=body, headers=HEADERS)
            response = connection.getresponse()
            response.read()  # read to its end, so that the connection can carry the next answer
        except Exception:
            self._forget(origin, connection)  # its state is unknown: the next answer opens another
            raise
        if response.status >= 400:
            log.warning("a response_url post was answered %s", response.status)  # the URL holds a token: not logged
        return response.status

    def close(self) -> None:
        with self._lock:
            every, self._every = self._every, set()
        for connection in every:
            connection.close()

    def _connection(self, origin: Origin) -> http.client.HTTPConnection:
        mine: dict[Origin, http.client.HTTPConnection] = self._local.__dict__.setdefault("connections", {})
        connection = mine.get(origin)
        if connection is not None and _dropped(connection):
            self._forget(origin, connection)
            connection = None
        if connection is None:
            scheme, host, port = origin
            if scheme == "https":
                connection = http.client.HTTPSConnection(host, port, timeout=self._timeout, context=self._tls)
            else:
                connection = http.client.HTTPConnection(host, port, timeout=self._timeout)
            mine[origin] = connection
            with self._lock:
                self._every.add(connection)
        return connection

    def _forget(self, origin: Origin, connection: http.client.HTTPConnection) -> None:
        mine: dict[Origin, http.client.HTTPConnection] = self._local.__dict__.get("connections", {})
        if mine.get(origin) is connection:
            del mine[origin]
        with self._lock:
            self._every.discard(connection)
        connection.close()


def _dropped(connection: http.client.HTTPConnection) -> bool:
    """Whether an idle kept-alive connection was closed by the other side (it is then readable: an end of file,
    or bytes nobody asked for)."""
    sock = connection.sock
    if sock is None:
        return False  # not connected (or closed after a last answer): it connects when it sends
    poller = select.poll()
    poller.register(sock, select.POLLIN)
    return bool(poller.poll(0))


def message(reply: Mapping[str, Any]) -> dict[str, Any]:
    """The answer's fields as JSON can carry them (Block Kit models become dicts); unset fields left out."""
    found: dict[str, Any] = {}
    for name in MESSAGE_FIELDS:
        value = reply.get(name)
        if value is None:
            continue
        if isinstance(value, list | tuple):
            value = [item.to_dict() if hasattr(item, "to_dict") else item for item in value]
        found[name] = value
    return found
