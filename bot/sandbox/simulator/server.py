"""SlackSimulator: a Slack workspace over loopback HTTP, for slack_sdk's WebClient(base_url=sim.api_url)."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlsplit

from bot.sandbox.simulator import api_chat, api_conversations, api_files, api_views
from bot.sandbox.simulator.api_common import ApiError, Context, Handler
from bot.sandbox.simulator.faults import Faults
from bot.sandbox.simulator.queries import Queries
from bot.sandbox.simulator.records import ApiCall, ResponsePost
from bot.sandbox.simulator.responses import ResponseSink
from bot.sandbox.simulator.workspace import Channel, User, Workspace

T = TypeVar("T")

METHODS: dict[str, Handler] = {
    **api_chat.METHODS,
    **api_conversations.METHODS,
    **api_files.METHODS,
    **api_views.METHODS,
}
JSON_ARGS = ("blocks", "attachments", "view", "files")


class SlackSimulator(Queries):
    """A fake Slack: Web API, response_url sink, file uploads; state, recording, waiting and fault injection."""

    def __init__(
        self,
        bot_token: str = "xoxb-test-token",  # noqa: S107 - a fixture value, not a secret
        team_id: str = "T0STANDARDS",
        bot_user_id: str = "U0STDBOT",
    ) -> None:
        self.bot_token = bot_token
        self.team_id = team_id
        self.bot_user_id = bot_user_id
        self.ws = Workspace(team_id, bot_user_id)
        self.lock = self.ws.lock
        self.calls: list[ApiCall] = []
        self.faults = Faults()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._ctx: Context | None = None
        self._sink: ResponseSink | None = None

    # lifecycle -------------------------------------------------------------------------------------------------
    def start(self) -> SlackSimulator:
        if self._httpd is not None:
            return self
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        httpd.daemon_threads = True
        self._httpd = httpd
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        self._ctx = Context(self.ws, base)
        self._sink = ResponseSink(self.ws, base)
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="slack-simulator", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None

    def __enter__(self) -> SlackSimulator:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        return self.ctx.base_url

    @property
    def api_url(self) -> str:
        return f"{self.base_url}api/"

    @property
    def ctx(self) -> Context:
        if self._ctx is None:
            raise RuntimeError("the simulator is not started")
        return self._ctx

    @property
    def sink(self) -> ResponseSink:
        if self._sink is None:
            raise RuntimeError("the simulator is not started")
        return self._sink

    # workspace set-up ------------------------------------------------------------------------------------------
    def add_user(
        self, user_id: str, name: str, *, is_admin: bool = False, deleted: bool = False, tz: str = "Europe/London"
    ) -> None:
        with self.lock:
            self.ws.add_user(User(user_id, name, is_admin=is_admin, deleted=deleted, tz=tz))

    def add_channel(
        self,
        channel_id: str,
        name: str,
        *,
        members: list[str] | tuple[str, ...] = (),
        is_private: bool = False,
        bot_is_member: bool = True,
        is_archived: bool = False,
    ) -> None:
        with self.lock:
            unknown = [m for m in members if m not in self.ws.users]
            if unknown:
                raise ValueError(f"add these users before the channel: {unknown}")
            self.ws.add_channel(Channel(channel_id, name, list(members), is_private, bot_is_member, is_archived))

    def set_bot_membership(self, channel_id: str, is_member: bool) -> None:
        with self.lock:
            self.ws.channels[channel_id].bot_is_member = is_member

    def archive(self, channel_id: str) -> None:
        with self.lock:
            self.ws.channels[channel_id].is_archived = True

    def open_im(self, user_id: str) -> str:
        """The id of the bot's DM channel with this user, opening it if needed."""
        with self.lock:
            return self.ws.open_im(user_id).id

    def issue_trigger(self, user_id: str, *, issued_at: float | None = None) -> str:
        """A trigger_id as an interaction would carry it; ``issued_at`` (monotonic) lets tests age it."""
        with self.lock:
            return api_views.issue_trigger(self.ctx, user_id, issued_at)

    def new_response_url(self, **target: Any) -> str:
        """A response_url on this simulator (keywords: user, channel, source, origin, message_ts, ...)."""
        with self.lock:
            return self.sink.new_url(**target)

    @property
    def responses(self) -> list[ResponsePost]:
        with self.lock:
            return list(self.sink.posts)

    # faults ----------------------------------------------------------------------------------------------------
    def fail_next(self, method: str, error: str = "ratelimited", times: int = 1, retry_after: int = 1) -> None:
        with self.lock:
            self.faults.fail_next(method, error, times, retry_after)

    def rate_limit(self, method: str, per_second: float, burst: int = 1, per_channel: bool = False) -> None:
        with self.lock:
            self.faults.rate_limit(method, per_second, burst, per_channel)

    def clear_faults(self) -> None:
        with self.lock:
            self.faults.clear()

    # waiting ---------------------------------------------------------------------------------------------------
    def wait_for(self, predicate: Callable[[], T | None], timeout: float = 5.0, what: str = "the condition") -> T:
        """Poll until ``predicate()`` is truthy and return its value; else fail with the recent calls."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() >= deadline:
                with self.lock:
                    recent = [c.summary() for c in self.calls[-10:]]
                lines = "\n  ".join(recent) or "(no Web API calls)"
                raise AssertionError(f"timed out after {timeout}s waiting for {what}; recent calls:\n  {lines}")
            time.sleep(0.01)

    # HTTP entry points (called by the request handler) ---------------------------------------------------------
    def handle_api(
        self, method: str, args: dict[str, Any], token: str | None
    ) -> tuple[int, dict[str, Any], int | None]:
        """Run one Web API call; returns (HTTP status, JSON body, Retry-After seconds or None)."""
        for name in JSON_ARGS:
            if isinstance(args.get(name), str):
                with contextlib.suppress(ValueError):  # the method reports its own format error
                    args[name] = json.loads(args[name])
        token = token or args.pop("token", None)
        args.pop("token", None)
        with self.lock:
            status, retry_after = 200, None
            if method not in METHODS:
                body = ApiError("unknown_method").to_json()
            elif not token:
                body = ApiError("not_authed").to_json()
            elif token != self.bot_token:
                body = ApiError("invalid_auth").to_json()
            else:
                fault = self.faults.take(method, args)
                if fault is not None:
                    status, retry_after = fault.http_status, fault.retry_after
                    body = ApiError(fault.error).to_json()
                else:
                    try:
                        body = METHODS[method](self.ctx, args)
                    except ApiError as error:
                        body = error.to_json()
            self.calls.append(ApiCall(method, args, time.monotonic(), bool(body.get("ok")), body.get("error")))
        return status, body, retry_after

    def handle_upload(self, file_id: str, body: bytes, content_type: str) -> tuple[int, str]:
        with self.lock:
            return api_files.receive_upload(self.ctx, file_id, body, content_type)

    def handle_response(self, url_id: str, payload: Any) -> tuple[int, str]:
        with self.lock:
            return self.sink.receive(url_id, payload)

    def counts(self) -> dict[str, int]:
        """How many Web API calls and response_url posts have arrived: for a process that drives the simulator
        from outside (a benchmark waiting for every answer to land)."""
        with self.lock:
            return {"api_calls": len(self.calls), "responses": len(self.sink.posts)}


def _handler_for(sim: SlackSimulator) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "SlackSimulator/1"
        # Connections are kept alive between requests, as Slack's are (every answer states its length); one left
        # idle this long is closed.
        protocol_version = "HTTP/1.1"
        timeout = 30
        # Each answer goes out at once. With Nagle's algorithm, an answer's body (a second, small write after its
        # headers) waited for the client's delayed acknowledgement of the headers on a kept-alive connection:
        # about 40 ms an answer, which Slack's own answers do not take.
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            self._dispatch(b"")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self._dispatch(self.rfile.read(length) if length else b"")

        def _dispatch(self, raw: bytes) -> None:
            parts = urlsplit(self.path)
            route, _, rest = parts.path.lstrip("/").partition("/")
            content_type = self.headers.get("Content-Type") or ""
            if route == "api":
                args: dict[str, Any] = dict(parse_qsl(parts.query, keep_blank_values=True))
                args.update(_decode_body(raw, content_type))
                auth = self.headers.get("Authorization") or ""
                token = auth[7:].strip() if auth.lower().startswith("bearer ") else None
                status, body, retry_after = sim.handle_api(rest, args, token)
                headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
                self._send(status, json.dumps(body).encode(), "application/json; charset=utf-8", headers)
            elif route == "counts" and self.command == "GET":
                self._send(200, json.dumps(sim.counts()).encode(), "application/json; charset=utf-8")
            elif route == "upload" and self.command == "POST":
                status, text = sim.handle_upload(rest, raw, content_type)
                self._send(status, text.encode(), "text/plain")
            elif route == "response" and self.command == "POST":
                try:
                    payload = json.loads(raw or b"null")
                except ValueError:
                    payload = None
                status, text = sim.handle_response(rest, payload)
                self._send(status, text.encode(), "text/plain")
            else:
                self._send(404, b"not found", "text/plain")

        def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    return Handler


def _decode_body(raw: bytes, content_type: str) -> dict[str, Any]:
    if not raw:
        return {}
    if content_type.startswith("application/json"):
        try:
            data = json.loads(raw)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}
    return dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
