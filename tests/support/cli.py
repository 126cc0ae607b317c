"""Run the real `standards-bot` command against a test's database and simulator, as an operator would."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from bot import netguard
from tests.support.harness import BOT_TOKEN, BotHarness

ROOT = Path(__file__).resolve().parents[2]


def cli_env(bot: BotHarness) -> dict[str, str]:
    """The environment of the bot under test, without anything of the developer's own."""
    settings = bot.settings
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "STANDARDS_BOT_", "DATABASE_URL"))}
    env = {
        **clean,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": settings.database_url,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_API_URL": bot.sim.api_url,
        "STANDARDS_BOT_SECRET_KEY": settings.secret_key.get_secret_value() if settings.secret_key else "",
        "STANDARDS_BOT_PREVIOUS_SECRET_KEYS": ",".join(key.get_secret_value() for key in settings.previous_secret_keys),
        "STANDARDS_BOT_ADMINS": ",".join(sorted(settings.admins)),
        "STANDARDS_BOT_TIMEZONE": settings.timezone,
        # The test's guard against Slack calls inside a transaction holds in the command's process too.
        netguard.ENV_VAR: os.environ.get(netguard.ENV_VAR, ""),
    }
    if settings.case_channel:
        env["STANDARDS_BOT_CASE_CHANNEL"] = settings.case_channel
    if settings.ambassadors_channel:
        env["STANDARDS_BOT_AMBASSADORS_CHANNEL"] = settings.ambassadors_channel
    return env


def run_cli(bot: BotHarness, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env=cli_env(bot), cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def tick_at(bot: BotHarness, at: datetime) -> subprocess.CompletedProcess[str]:
    """`standards-bot tick --at <at>`; fails the test on a non-zero exit."""
    done = run_cli(bot, "tick", "--at", at.isoformat())
    assert done.returncode == 0, done.stderr
    return done
