"""A first deployment as a Procfile platform (Heroku and the like) makes it, on a throwaway PostgreSQL.

The platform finds requirements.txt and .python-version, sets DATABASE_URL=postgres://…, runs the Procfile's
release line, then starts its web and clock lines; the simulator stands in for Slack, and a signed command must
be answered by the web process from the database the release line migrated.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url

from bot.sandbox.simulator.driver import SlackDriver
from bot.sandbox.simulator.server import SlackSimulator
from bot.web import free_port
from storage.models.cards import CardTally
from tests.support.databases import PostgresDatabases
from tests.support.harness import BOT_TOKEN, SECRET_KEY, SIGNING_SECRET

pytestmark = [pytest.mark.postgres_only, pytest.mark.slow, pytest.mark.serial]

ROOT = Path(__file__).resolve().parent.parent
USER = "UOFFICER01"
CHANNEL = "CTEAM00001"


def _procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(tuple(part.strip() for part in line.split(":", 1)) for line in lines if line.strip())  # type: ignore[misc]


def _start(command: str, env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    # A platform runs each line with a shell, in its own process group so that it can stop the whole of it.
    return subprocess.Popen(  # noqa: S602 - the Procfile's own line, as the platform runs it
        command, shell=True, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip


_OUTPUTS: dict[int, str] = {}


def _stop(process: subprocess.Popen[str]) -> str:
    """Stop a process started from the Procfile (the whole group, as a platform does) and return what it printed."""
    if process.pid in _OUTPUTS:
        return _OUTPUTS[process.pid]
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        output, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate(timeout=10)
    _OUTPUTS[process.pid] = output
    return output


@pytest.fixture
def platform_database(postgres_databases: PostgresDatabases) -> str:
    """An empty database, named the way Heroku Postgres, Render and others name it: postgres://…"""
    url = make_url(postgres_databases.empty())
    return url.set(drivername="postgres").render_as_string(hide_password=False)


@pytest.fixture
def platform_env(platform_database: str, sim: SlackSimulator) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "STANDARDS_BOT_", "DATABASE_URL"))}
    return {
        **clean,
        # The platform puts the installed app's commands first on PATH, as an install of requirements.txt does.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{clean.get('PATH', '')}",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": platform_database,
        "PORT": str(free_port()),
        "WEB_CONCURRENCY": "2",
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": sim.api_url,
        "STANDARDS_BOT_SECRET_KEY": SECRET_KEY,
    }


def test_the_platform_finds_a_python_app_with_a_lock_and_a_python_version() -> None:
    requirements = (ROOT / "requirements.txt").read_text().splitlines()
    assert "." in requirements  # installing the lock installs the bot, and so the standards-bot command
    assert (ROOT / ".python-version").read_text().strip()
    assert set(_procfile()) == {"release", "web", "clock"}
    assert (Path(sys.executable).parent / "standards-bot").exists(), "the standards-bot command is not installed"


@pytest.fixture
def deployed(platform_env: dict[str, str], tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    # The lines run in an empty directory so that a developer's own .env cannot add settings the platform lacks.
    procfile = _procfile()
    release = subprocess.run(  # noqa: S602 - the Procfile's own line, as the platform runs it
        procfile["release"], shell=True, env=platform_env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert release.returncode == 0, release.stdout + release.stderr
    assert "Warning" not in release.stdout + release.stderr
    web = _start(procfile["web"], platform_env, tmp_path)
    clock = _start(procfile["clock"], platform_env, tmp_path)
    base = f"http://127.0.0.1:{platform_env['PORT']}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert web.poll() is None, "the web process stopped: " + _stop(web)[-3000:]
            try:
                if requests.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except requests.RequestException:  # not listening yet, or still starting its workers
                time.sleep(0.2)
        else:
            pytest.fail("the web process did not answer /healthz: " + _stop(web)[-3000:])
        yield f"{base}/slack/events", clock
    finally:
        outputs = {"web": _stop(web), "clock": _stop(clock)}
        for name, output in outputs.items():
            assert "Traceback" not in output, f"{name}: {output[-3000:]}"
            assert "Warning" not in output, f"{name}: {output[-3000:]}"


def test_release_then_web_and_clock_from_the_procfile_answer_a_signed_command(
    deployed: tuple[str, subprocess.Popen[str]], sim: SlackSimulator, platform_database: str
) -> None:
    url, clock = deployed
    sim.add_user(USER, "pc.jones")
    sim.add_channel(CHANNEL, "response-team-a", members=[USER])
    driver = SlackDriver(url, SIGNING_SECRET, sim)

    helped = driver.command(USER, "/ethicard", "help", channel=CHANNEL)
    assert helped.status == 200
    assert "/ethicard hand 3" in helped.wait_response()["text"]
    drawn = driver.command(USER, "/ethicard", "", channel=CHANNEL)
    assert drawn.status == 200
    assert drawn.elapsed < 3.0
    assert drawn.wait_response(timeout=10).get("blocks")
    assert driver.command(USER, "/ethicard", "help", channel=CHANNEL, bad_signature=True).status == 401

    engine = create_engine(make_url(platform_database).set(drivername="postgresql+psycopg"))
    try:
        with engine.connect() as connection:
            assert connection.execute(select(func.sum(CardTally.draws))).scalar_one() == 1
    finally:
        engine.dispose()
    assert clock.poll() is None, "the clock process stopped"
    clocked = _stop(clock)
    assert "clock started" in clocked
    assert "tick failed" not in clocked
