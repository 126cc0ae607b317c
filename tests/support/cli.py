"""Run the real `standards-bot` command against a test's database and simulator, as an operator would."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from tests.support.harness import ADMIN, BOT_TOKEN, SECRET_KEY, BotHarness

ROOT = Path(__file__).resolve().parents[2]


def run_cli(bot: BotHarness, *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "STANDARDS_BOT_", "DATABASE_URL"))}
    env = {
        **clean,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": bot.settings.database_url,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_API_URL": bot.sim.api_url,
        "STANDARDS_BOT_SECRET_KEY": SECRET_KEY,
        "STANDARDS_BOT_ADMINS": ADMIN,
        "STANDARDS_BOT_TIMEZONE": bot.settings.timezone,
    }
    if bot.settings.ambassadors_channel:
        env["STANDARDS_BOT_AMBASSADORS_CHANNEL"] = bot.settings.ambassadors_channel
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def tick_at(bot: BotHarness, at: datetime) -> str:
    """`standards-bot tick --at <at>`; fails the test on a non-zero exit."""
    done = run_cli(bot, "tick", "--at", at.isoformat())
    assert done.returncode == 0, done.stderr
    return done.stdout
