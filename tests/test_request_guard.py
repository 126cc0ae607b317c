"""Bad input over real HTTP: each malformed or oversized body gets 400 or 413 before any parsing, with no traceback;
slow clients trickling their bodies are cut off, so /healthz still answers on the production server."""

from __future__ import annotations

import logging
import socket
import threading
import time
from urllib.parse import quote, urlsplit

import pytest
import requests

from bot.request_guard import BODY_SECONDS, MAX_BODY_BYTES
from bot.sandbox.simulator.server import SlackSimulator
from bot.sandbox.simulator.signing import signed_headers
from tests.support.harness import SIGNING_SECRET, BotHarness
from tests.test_e2e_foundation import production_server  # noqa: F401 - the fixture

FORM = "application/x-www-form-urlencoded"
SLASH = "token=x&team_id=T0STANDARDS&user_id=UOFFICER01&command=%2Fethicard&text=help&response_url=http%3A%2F%2Fx"


def _post(url: str, body: bytes, content_type: str = FORM, *, signed: bool = True) -> requests.Response:
    headers = signed_headers(SIGNING_SECRET, int(time.time()), body, content_type) if signed else {}
    headers["Content-Type"] = content_type
    return requests.post(url, data=body, headers=headers, timeout=10)


BAD_BODIES = {
    "raw bytes that are not UTF-8": (b"command=%2Fconcern&text=\xff\xfe\xfa", FORM),
    "percent-encoded bytes that are not UTF-8": (SLASH.replace("text=help", "text=%FF%FE").encode(), FORM),
    "a payload that is not JSON": (b"payload=%7Bnot+json", FORM),
    "a payload that is JSON but not an object": (b"payload=%5B1%2C2%5D", FORM),
    "a broken form": (b"payload&&==&%", FORM),
    "JSON that is not an object": (b'["event_callback"]', "application/json"),
    "JSON cut short": (b'{"type": "event_callback", "event": {', "application/json"),
    "JSON that is not UTF-8": (b'{"type": "\xc3\x28"}', "application/json"),
    "another content type": (b"<xml/>", "text/xml"),
}


@pytest.mark.parametrize("case", sorted(BAD_BODIES))
@pytest.mark.parametrize("signed", [True, False])
def test_a_malformed_body_gets_400_before_parsing_and_no_traceback(
    bot: BotHarness, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str], case: str, signed: bool
) -> None:
    body, content_type = BAD_BODIES[case]
    caplog.set_level(logging.DEBUG)
    response = _post(bot.url, body, content_type, signed=signed)
    assert response.status_code == 400, response.text
    assert set(response.json()) == {"error"}
    assert "Traceback" not in response.text + caplog.text + "".join(capfd.readouterr())
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert bot.sim.calls == []  # nothing was acted on
    assert _post(bot.url, SLASH.encode()).status_code == 200  # and the next good request is served


def test_a_body_over_the_limit_gets_413_without_being_read(bot: BotHarness) -> None:
    body = b"payload=" + b"a" * MAX_BODY_BYTES
    response = _post(bot.url, body)
    assert response.status_code == 413
    assert str(MAX_BODY_BYTES) in response.json()["error"]


def test_a_body_without_a_length_gets_400(bot: BotHarness) -> None:
    parts = urlsplit(bot.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=5) as conn:
        conn.sendall(
            f"POST {parts.path} HTTP/1.1\r\nHost: x\r\nContent-Type: {FORM}\r\nConnection: close\r\n\r\n".encode()
        )
        conn.shutdown(socket.SHUT_WR)
        answer = conn.recv(4096).decode()
    assert answer.startswith("HTTP/1.")
    assert " 400 " in answer.splitlines()[0]


def _trickle(base: str, stop: threading.Event, answers: list[str]) -> None:
    parts = urlsplit(base)
    body = b"command=" + quote("/ethicard").encode() + b"&text=" + b"x" * 500
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=30) as conn:
            head = (
                f"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: {FORM}\r\nContent-Length: {len(body)}\r\n\r\n"
            )
            conn.sendall(head.encode() + body[:10])
            for byte in body[10:]:
                if stop.is_set():
                    break
                conn.sendall(bytes([byte]))
                time.sleep(0.5)
                conn.settimeout(0.01)
                try:
                    if received := conn.recv(4096):
                        answers.append(received.decode(errors="replace").splitlines()[0])
                        return
                except (TimeoutError, BlockingIOError):
                    pass
                finally:
                    conn.settimeout(30)
    except OSError:
        answers.append("closed")


@pytest.mark.slow
@pytest.mark.serial
def test_slow_clients_trickling_their_bodies_do_not_starve_health(
    production_server: str,  # noqa: F811 - the fixture
    sim: SlackSimulator,
) -> None:
    base = production_server.removesuffix("/slack/events")
    stop, answers = threading.Event(), []
    clients = [threading.Thread(target=_trickle, args=(base, stop, answers), daemon=True) for _ in range(40)]
    try:
        for client in clients:
            client.start()
        # More slow clients than a worker has threads, all still trickling: those queued behind the first ones get
        # their turn (and their deadline) when the first are cut.
        time.sleep(2 * BODY_SECONDS + 1.5)
        started = time.monotonic()
        health = requests.get(f"{base}/healthz", timeout=10)
        assert health.status_code == 200
        assert time.monotonic() - started < 3.0
        deadline = time.monotonic() + 10
        while len(answers) < len(clients) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(answers) == len(clients)
        assert all(" 408 " in answer or answer == "closed" for answer in answers), answers
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=5)
