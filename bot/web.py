"""The WSGI application: POST /slack/events for Slack, GET /healthz for load balancers."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterable
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from sqlalchemy.orm import configure_mappers

from bot import request_guard
from bot.deps import Deps
from bot.services.concerns import case_channel
from bot.slack_requests import SlackRequests
from storage.prepared import compile_all

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"

StartResponse = Callable[..., Any]


class WebApp:
    """Routes the two endpoints; everything else is 404."""

    def __init__(self, app: App, deps: Deps) -> None:
        self.bolt = SlackRequests(app, path=EVENTS_PATH)
        self.deps = deps
        case_channel.check_at_start(deps)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == HEALTH_PATH and environ.get("REQUEST_METHOD") in {"GET", "HEAD"}:
            return self._health(start_response)
        if environ.get("REQUEST_METHOD") == "POST" and (refusal := request_guard.check(environ)) is not None:
            return refusal(start_response)
        return self.bolt(environ, start_response)

    def _health(self, start_response: StartResponse) -> Iterable[bytes]:
        healthy = self.deps.db.ping()
        body = json.dumps({"status": "ok" if healthy else "unavailable", "database": healthy}).encode()
        status = "200 OK" if healthy else "503 Service Unavailable"
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]


def create_web_app(deps: Deps) -> WebApp:
    from bot.app import create_app

    web = WebApp(create_app(deps), deps)
    warm_up(deps)
    return web


def warm_up(deps: Deps) -> None:
    """What a process would otherwise do in its first requests, each time holding up the others: read the content,
    set up the ORM's mappings and compile the hot paths' statements for this database."""
    deps.content  # noqa: B018 (a cached property, read for its loading)
    configure_mappers()
    compile_all(deps.db.engine.dialect)


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    # Connections waiting to be accepted: socketserver's default of 5 is short for the bursts of clicks the
    # sandbox and the tests send (gunicorn, in production, keeps 2048).
    request_queue_size = 128


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # a request log would repeat, per request, what the bot's own log says


def free_port() -> int:
    """A loopback port free just now, for a server started in a process of its own (the tests and benchmarks)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_in_thread(app: WebApp, name: str) -> tuple[WSGIServer, threading.Thread]:
    """The app on a free loopback port, one thread per request, in a thread of its own: for the sandbox and the
    tests, where gunicorn's processes would only get in the way (production runs `standards-bot web`)."""
    server = make_server("127.0.0.1", 0, app, server_class=_ThreadingServer, handler_class=_QuietHandler)
    # The loop notices a shutdown only when it polls: at the default half second, every stop would wait that long.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, name=name, daemon=True)
    thread.start()
    return server, thread
