"""The page's HTTP server, on loopback: the static page, its JSON API, and the files the bot shared."""

from __future__ import annotations

import json
import logging
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, urlsplit

from bot.sandbox import actions, people, state

if TYPE_CHECKING:
    from bot.sandbox.runner import Sandbox

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
MAX_BODY = 64 * 1024
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]"}


def _post_routes(box: Sandbox) -> dict[str, Any]:
    return {
        "/api/send": lambda user, r: actions.send_text(box, user, str(r.get("channel")), str(r.get("text") or ""),
                                                       r.get("thread")),
        "/api/action": lambda user, r: actions.act(box, user, r),
        "/api/submit": lambda user, r: actions.submit(box, user, str(r.get("view_id")), dict(r.get("values") or {})),
        "/api/close": lambda user, r: actions.close(box, user, str(r.get("view_id"))),
        "/api/home": lambda user, r: actions.open_home(box, user),
        "/api/clock": lambda user, r: actions.move_clock(box, r),
    }  # fmt: skip


class PageServer:
    def __init__(self, box: Sandbox, port: int, host: str = "127.0.0.1") -> None:
        self.box = box
        self.httpd = ThreadingHTTPServer((host, port), _handler_for(box, _post_routes(box)))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="sandbox-page", daemon=True)

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    def start(self) -> PageServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.thread.is_alive():  # shutdown() waits for serve_forever, so only when it runs
            self.httpd.shutdown()
            self.thread.join(timeout=5)
        self.httpd.server_close()


def _handler_for(box: Sandbox, routes: dict[str, Any]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "StandardsBotSandbox/1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _loopback_host(self) -> bool:
            # Refuse other host names, so a web page elsewhere cannot reach the sandbox by rebinding DNS.
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
            return host in LOOPBACK_HOSTS

        def do_GET(self) -> None:
            if not self._loopback_host():
                return self._send(403, b"forbidden", "text/plain")
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            if parts.path == "/":
                return self._static("index.html")
            if parts.path.startswith("/static/"):
                return self._static(parts.path.removeprefix("/static/"))
            if parts.path == "/api/state":
                user = self._user(query.get("user"))
                snapshot = state.snapshot(box, user, query.get("channel") or None, query.get("thread") or None)
                return self._json(200, snapshot)
            if parts.path.startswith("/files/"):
                return self._file(parts.path.removeprefix("/files/"))
            if parts.path == "/healthz":
                return self._json(200, {"status": "ok"})
            return self._send(404, b"not found", "text/plain")

        def do_POST(self) -> None:
            if not self._loopback_host():
                return self._send(403, b"forbidden", "text/plain")
            # A JSON body only: a form on another site cannot send one without the browser asking first.
            if not (self.headers.get("Content-Type") or "").startswith("application/json"):
                return self._json(415, {"ok": False, "error": "Send JSON."})
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                return self._json(413, {"ok": False, "error": "That is too much to send at once."})
            route = routes.get(urlsplit(self.path).path)
            if route is None:
                return self._json(404, {"ok": False, "error": "No such action."})
            try:
                request = json.loads(self.rfile.read(length) or b"{}")
                if not isinstance(request, dict):
                    raise ValueError("not an object")
                answer = route(self._user(request.get("user")), request)
            except (actions.Refused, AssertionError, ValueError) as exc:
                return self._json(400, {"ok": False, "error": str(exc).splitlines()[0]})
            except Exception:
                log.exception("the sandbox could not do %s", self.path)
                return self._json(500, {"ok": False, "error": "The sandbox failed; its log says why."})
            return self._json(200, answer)

        def _user(self, user: Any) -> str:
            return user if isinstance(user, str) and people.person(user) else people.ADMIN.id

        def _static(self, name: str) -> None:
            path = (STATIC / name).resolve()
            if STATIC.resolve() not in path.parents or not path.is_file():
                return self._send(404, b"not found", "text/plain")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            self._send(200, path.read_bytes(), f"{kind}; charset=utf-8" if kind.startswith("text/") or
                       kind.endswith("javascript") else kind)  # fmt: skip

        def _file(self, file_id: str) -> None:
            with box.sim.lock:
                upload = box.sim.ws.files.get(file_id)
                content = upload.content if upload is not None and upload.shared else None
                name = upload.filename if upload is not None else ""
            if content is None:
                return self._send(404, b"not found", "text/plain")
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            disposition = f"attachment; filename*=UTF-8''{quote(name)}"
            self._send(200, content, kind, {"Content-Disposition": disposition})

        def _json(self, status: int, body: dict[str, Any]) -> None:
            self._send(status, json.dumps(body, default=str).encode(), "application/json; charset=utf-8")

        def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: https:")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    return Handler
