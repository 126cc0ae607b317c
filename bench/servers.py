"""What the benchmarks share: the bot's settings, a fresh database, the CLI and the web server started and
awaited on a free loopback port, and a percentile."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.web import free_port

if TYPE_CHECKING:
    from bot.sandbox.simulator.server import SlackSimulator

ROOT = Path(__file__).resolve().parent.parent
SIGNING_SECRET = "bench-signing-secret"
BOT_TOKEN = "xoxb-bench"
ADMIN = "UBENCHADMIN"
ACK_BOUND = 3.0


@contextmanager
def serve(module_args: list[str], env: dict[str, str], what: str) -> Iterator[str]:
    """`python -m <module_args>` with PORT set to a free port; yields the events URL once it listens."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", *module_args],
        env={**env, "PORT": str(port)},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        else:
            raise RuntimeError(f"{what} did not start")
        time.sleep(1.0)  # let every worker finish loading
        yield f"http://127.0.0.1:{port}/slack/events"
    finally:
        process.terminate()
        process.wait(timeout=30)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def bot_env(sim: SlackSimulator, database_url: str, **extra: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "STANDARDS_BOT_", "DATABASE_URL"))}
    return {
        **clean,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": sim.api_url,
        "STANDARDS_BOT_SECRET_KEY": "0b7e3c9f1a5d48e2b6c0f4a8d2e6b1c5f9a3d7e1b5c9f3a7d1e5b9c3f7a1d5e9",
        "STANDARDS_BOT_ADMINS": ADMIN,
        "WEB_CONCURRENCY": "2",
        **extra,
    }


def cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=900
    )
    if done.returncode != 0:
        raise RuntimeError(f"standards-bot {' '.join(args)} failed: {done.stderr[-2000:]}")
    return done.stdout


@contextmanager
def fresh_database(backend: str, postgres_url: str | None, tmp: str) -> Iterator[str]:
    """A new, empty database for one run; a PostgreSQL one is dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp}/bench-{uuid.uuid4().hex[:8]}.db"
        return
    assert postgres_url is not None
    admin = make_url(postgres_url).set(drivername="postgresql+psycopg")
    name = f"sb_bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def web_server(env: dict[str, str]) -> AbstractContextManager[str]:
    """`standards-bot web` on a free port, until the block ends."""
    return serve(["bot.cli", "web"], env, "standards-bot web")
