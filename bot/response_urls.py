"""Answers posted to Slack's response URLs over kept-alive connections.

Bolt's `respond` opens a new connection (with Slack, a new TLS session too) for every answer. A vote's private
confirmation is one answer per click, so this poster keeps its connections in a pool (urllib3's, which threads
may share) and reuses them. Like Bolt's, it makes one attempt: an answer is a courtesy that follows a recorded
change, and a second attempt after a lost reply could show the person the same answer twice.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

import urllib3

log = logging.getLogger(__name__)

# The fields of a response_url message, as Bolt's respond sends them.
MESSAGE_FIELDS = (
    "text", "blocks", "attachments", "response_type", "replace_original", "delete_original", "unfurl_links",
    "unfurl_media", "thread_ts", "metadata",
)  # fmt: skip


class ResponsePoster:
    def __init__(self, *, timeout: float = 10.0, proxy: str | None = None) -> None:
        self._timeout = urllib3.Timeout(connect=timeout, read=timeout)
        self._pool: urllib3.PoolManager = (
            urllib3.ProxyManager(proxy, maxsize=8) if proxy else urllib3.PoolManager(num_pools=4, maxsize=8)
        )

    def post(self, url: str, **reply: Any) -> int:
        """Post one answer; Slack's status (an error status is logged, as Bolt's respond leaves it unraised)."""
        body = json.dumps(message(reply)).encode()
        response = self._pool.request(
            "POST", url, body=body, headers={"Content-Type": "application/json;charset=utf-8"},
            timeout=self._timeout, retries=False,
        )  # fmt: skip
        if response.status >= 400:
            log.warning("a response_url post was answered %s", response.status)  # the URL holds a token: not logged
        return response.status

    def close(self) -> None:
        self._pool.clear()


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
