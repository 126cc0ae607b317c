"""How the driver reaches the app: a body POSTed over real HTTP, signed as Slack signs it, and the app's answer."""

from __future__ import annotations

import copy
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests

from bot.sandbox.simulator.server import SlackSimulator
from bot.sandbox.simulator.signing import signed_headers
from bot.sandbox.simulator.workspace import APP_ID, User

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


@dataclass
class Result:
    """The app's HTTP answer to one request, and where to look for what it does next."""

    status: int
    body: Any
    elapsed: float
    headers: dict[str, str] = field(default_factory=dict)
    response_url: str | None = None
    trigger_id: str | None = None
    errors: dict[str, str] | None = None
    _waiter: Callable[[float], dict[str, Any]] | None = field(default=None, repr=False)

    @property
    def response_action(self) -> str | None:
        return self.body.get("response_action") if isinstance(self.body, dict) else None

    def wait_response(self, timeout: float = 5.0) -> dict[str, Any]:
        """The first reply the app sent for this request: a post to its response_url or a chat.postEphemeral."""
        if self._waiter is None:
            raise AssertionError("this request had no response_url")
        return self._waiter(timeout)


class SignedTransport:
    """The app's URL and signing secret, and the simulated workspace whose people the requests come from."""

    def __init__(self, app_url: str, signing_secret: str, sim: SlackSimulator, *, team_domain: str = "standards"):
        self.app_url = app_url
        self.signing_secret = signing_secret
        self.sim = sim
        self.team_domain = team_domain
        self.api_app_id = APP_ID
        self.verification_token = "sim-verification-token"  # noqa: S105 - legacy field Slack still sends

    def send(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: int | None = None,
        bad_signature: bool = False,
        retry_num: int | None = None,
        retry_reason: str | None = None,
    ) -> Result:
        """POST a body to the app signed as Slack signs it (``bad_signature`` and ``timestamp`` forge it)."""
        stamp = int(time.time()) if timestamp is None else int(timestamp)
        headers = signed_headers(self.signing_secret, stamp, body, content_type)
        if bad_signature:
            headers["X-Slack-Signature"] = "v0=" + secrets.token_hex(32)
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = retry_reason or "http_timeout"
        started = time.monotonic()
        response = requests.post(self.app_url, data=body.encode("utf-8"), headers=headers, timeout=10)
        elapsed = time.monotonic() - started
        try:
            parsed: Any = response.json() if response.content else None
        except ValueError:
            parsed = response.text
        return Result(response.status_code, parsed, elapsed, dict(response.headers))

    def _user(self, user_id: str) -> User:
        with self.sim.lock:
            user = self.sim.ws.users.get(user_id)
        if user is None:
            raise AssertionError(f"user {user_id!r} is not in the simulated workspace; sim.add_user() it first")
        return user

    def _who(self, user: User) -> dict[str, Any]:
        return {"id": user.id, "username": user.name, "name": user.name, "team_id": self.sim.team_id}

    def _team(self) -> dict[str, str]:
        return {"id": self.sim.team_id, "domain": self.team_domain}

    def _waiter(self, url: str, user: str, channel: str | None) -> Callable[[float], dict[str, Any]]:
        url_id = url.rsplit("/", 1)[-1]
        with self.sim.lock:
            seen = len(self.sim.ws.ephemerals)

        def first() -> dict[str, Any] | None:
            with self.sim.lock:
                for post in self.sim.sink.posts:
                    if post.response_url_id == url_id and post.status == 200:
                        return copy.deepcopy(post.payload)
                for ephemeral in self.sim.ws.ephemerals[seen:]:
                    if ephemeral.via == "chat.postEphemeral" and (ephemeral.user, ephemeral.channel) == (user, channel):
                        return ephemeral.to_api()
            return None

        return lambda timeout: self.sim.wait_for(first, timeout, what=f"a reply for {user} in {channel}")
