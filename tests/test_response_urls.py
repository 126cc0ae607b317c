"""Answers posted to response URLs by the bot's own poster: what Slack receives, and the no-Slack-in-a-transaction
guard covering it as it covers Bolt's respond."""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from bot import netguard
from bot.response_urls import ResponsePoster, message
from bot.sandbox.simulator.server import SlackSimulator
from storage.db import Database


def test_answers_arrive_as_slack_takes_them(sim: SlackSimulator) -> None:
    poster = ResponsePoster(timeout=5)
    first, second = sim.new_response_url(user="U1", channel="C1"), sim.new_response_url(user="U2", channel="C1")
    try:
        assert poster.post(first, text="Your vote is recorded.", response_type="ephemeral") == 200
        blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*B*"}}]
        assert poster.post(second, text="Changed", blocks=blocks, replace_original=False, thread_ts=None) == 200
    finally:
        poster.close()
    posted = [post.payload for post in sim.responses]
    assert posted[0] == {"text": "Your vote is recorded.", "response_type": "ephemeral"}
    assert posted[1] == {"text": "Changed", "blocks": blocks, "replace_original": False}  # unset fields left out


def test_block_kit_models_are_sent_as_json() -> None:
    from slack_sdk.models.blocks import DividerBlock

    assert message({"text": "x", "blocks": [DividerBlock()], "unfurl_links": None}) == {
        "text": "x",
        "blocks": [{"type": "divider"}],
    }


def test_the_guard_refuses_an_answer_inside_a_transaction(sim: SlackSimulator, tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path}/guard.db")
    poster = ResponsePoster(timeout=5)
    url = sim.new_response_url(user="U1", channel="C1")
    try:
        with pytest.raises(netguard.NetworkCallInTransaction), db.unit_of_work():
            poster.post(url, text="too early")
    finally:
        poster.close()
        db.dispose()
    found = netguard.take_violations()  # taken here, so that the suite's own check does not fail this test
    assert len(found) == 1
    assert "a response_url post inside a database transaction" in found[0]
    assert sim.responses == []


class _Receiver(BaseHTTPRequestHandler):
    """Takes answers and notes the connection each came on; with `closes_when_idle`, closes the connection after
    answering as if it stayed open, as Slack does to a connection left idle."""

    protocol_version = "HTTP/1.1"
    closes_when_idle = False
    received: ClassVar[list[tuple[int, bytes]]] = []

    def do_POST(self) -> None:
        self.received.append((self.client_address[1], self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")
        self.close_connection = self.closes_when_idle

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def _receiver(*, closes_when_idle: bool, tls: ssl.SSLContext | None = None) -> Iterator[str]:
    _Receiver.received, _Receiver.closes_when_idle = [], closes_when_idle
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"{'https://localhost' if tls else 'http://127.0.0.1'}:{server.server_port}/response/x"
    finally:
        server.shutdown()
        server.server_close()


def test_a_connection_closed_while_idle_is_replaced_and_each_answer_is_sent_once() -> None:
    poster = ResponsePoster(timeout=5)
    with _receiver(closes_when_idle=True) as url:
        try:
            statuses = []
            for n in range(3):
                statuses.append(poster.post(url, text=f"answer {n}"))
                time.sleep(0.2)  # idle: the server's close reaches the poster before its next answer
        finally:
            poster.close()
    assert statuses == [200, 200, 200]
    assert [body for _, body in _Receiver.received] == [
        b'{"text": "answer 0"}', b'{"text": "answer 1"}', b'{"text": "answer 2"}'
    ]  # fmt: skip
    assert len({port for port, _ in _Receiver.received}) == 3  # a fresh connection each time


def test_each_thread_keeps_its_connection_alive_between_answers() -> None:
    poster = ResponsePoster(timeout=5)
    with _receiver(closes_when_idle=False) as url:
        try:
            threads = [
                threading.Thread(target=lambda: [poster.post(url, text="Recorded.") for _ in range(10)])
                for _ in range(2)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            poster.close()
    assert len(_Receiver.received) == 20
    assert len({port for port, _ in _Receiver.received}) == 2  # one connection per thread, for its ten answers


def test_answers_go_over_https_to_a_certificate_it_trusts_and_never_to_one_it_does_not(tmp_path: Path) -> None:
    certificate, key = _self_signed(tmp_path)
    trusted = ssl.create_default_context(cafile=str(certificate))
    serving = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    serving.load_cert_chain(certificate, key)
    with _receiver(closes_when_idle=False, tls=serving) as url:
        assert url.startswith("https://localhost:")
        poster, stranger = ResponsePoster(timeout=5, tls=trusted), ResponsePoster(timeout=5)
        try:
            assert poster.post(url, text="over TLS") == 200
            assert poster.post(url, text="again") == 200
            with pytest.raises(ssl.SSLCertVerificationError):
                stranger.post(url, text="not to a stranger")
        finally:
            poster.close()
            stranger.close()
    assert [body for _, body in _Receiver.received] == [b'{"text": "over TLS"}', b'{"text": "again"}']
    assert len({port for port, _ in _Receiver.received}) == 1  # kept alive over TLS too


def _self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for localhost, signed by its own key, and the key (PEM files)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    certificate_file, key_file = directory / "cert.pem", directory / "key.pem"
    certificate_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return certificate_file, key_file
