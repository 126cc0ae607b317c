"""`standards-bot web` as operators run it (gunicorn, its own processes), started and stopped by a test."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import IO

import requests

from tests.support.cli import ROOT


@dataclass
class WebServer:
    process: subprocess.Popen[bytes]
    base: str
    log: IO[bytes]

    def log_tail(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-3000:]

    @property
    def events_url(self) -> str:
        return f"{self.base}/slack/events"

    def kill_group(self) -> None:
        """SIGKILL the master and every worker at once, as a crash or an out-of-memory kill would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.log.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill_group()
        self.log.close()


def start_web(env: dict[str, str], port: int, *, wait: float = 60) -> WebServer:
    """Start the server in a process group of its own and wait until /healthz answers 200."""
    # The server's log goes to a file, not a pipe: a pipe nobody reads fills up and stops the server.
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by WebServer.stop or kill_group
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "web"],
        env={**env, "PORT": str(port), "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log,
        start_new_session=True,
    )
    server = WebServer(process, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + wait
    while (left := deadline - time.monotonic()) > 0:
        if process.poll() is not None:
            raise AssertionError("standards-bot web stopped: " + server.log_tail())
        try:
            if requests.get(f"{server.base}/healthz", timeout=min(2.0, left)).status_code == 200:
                return server
        # While the workers start, the socket already takes connections: an attempt may be refused, time out in
        # the queue, or be cut short; each is one more try until the deadline, not a failure.
        except requests.RequestException:
            pass
        time.sleep(0.05)
    tail = server.log_tail()
    server.kill_group()
    raise AssertionError(f"standards-bot web did not answer /healthz in time: {tail}")
