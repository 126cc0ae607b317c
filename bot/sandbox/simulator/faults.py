"""Fault injection: scripted failures and token-bucket rate limits, as Slack answers them."""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Fault:
    """An answer to give instead of running the method."""

    error: str
    retry_after: int | None = None  # seconds; set for HTTP 429 answers

    @property
    def http_status(self) -> int:
        return 429 if self.retry_after is not None else 200


@dataclass
class _Scripted:
    error: str
    remaining: int
    retry_after: int


@dataclass
class _Bucket:
    per_second: float
    burst: int
    per_channel: bool
    tokens: dict[str, float]
    updated: dict[str, float]


class Faults:
    """Not thread-safe on its own: the simulator calls it with its lock held."""

    def __init__(self) -> None:
        self._scripted: dict[str, deque[_Scripted]] = {}
        self._buckets: dict[str, _Bucket] = {}

    def fail_next(self, method: str, error: str, times: int, retry_after: int) -> None:
        if times < 1:
            raise ValueError("times must be at least 1")
        self._scripted.setdefault(method, deque()).append(_Scripted(error, times, retry_after))

    def rate_limit(self, method: str, per_second: float, burst: int, per_channel: bool) -> None:
        if per_second <= 0 or burst < 1:
            raise ValueError("per_second must be positive and burst at least 1")
        self._buckets[method] = _Bucket(per_second, burst, per_channel, {}, {})

    def clear(self) -> None:
        self._scripted.clear()
        self._buckets.clear()

    def take(self, method: str, args: dict[str, Any], now: float | None = None) -> Fault | None:
        """The fault for this call, if any; consumes a scripted failure or a token from the bucket."""
        queue = self._scripted.get(method)
        if queue:
            scripted = queue[0]
            scripted.remaining -= 1
            if scripted.remaining <= 0:
                queue.popleft()
            if scripted.error == "ratelimited":
                return Fault("ratelimited", max(0, int(scripted.retry_after)))
            return Fault(scripted.error)
        bucket = self._buckets.get(method)
        if bucket is None:
            return None
        now = time.monotonic() if now is None else now
        key = str(args.get("channel") or args.get("channel_id") or "") if bucket.per_channel else "*"
        tokens = bucket.tokens.get(key, float(bucket.burst))
        elapsed = now - bucket.updated.get(key, now)
        tokens = min(float(bucket.burst), tokens + elapsed * bucket.per_second)
        bucket.updated[key] = now
        if tokens >= 1.0:
            bucket.tokens[key] = tokens - 1.0
            return None
        bucket.tokens[key] = tokens
        wait = (1.0 - tokens) / bucket.per_second
        return Fault("ratelimited", max(1, math.ceil(wait)))
