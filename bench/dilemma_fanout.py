"""The weekly dilemma posted to 500 channels at once, with chat.postMessage rate-limited as Slack does it.

    python -m bench.dilemma_fanout [--channels 500] [--per-minute 600] [--burst 20] [--postgres-url URL]

500 channels share one schedule time; the clock (`tick`, as `standards-bot clock` runs it) posts every one
through the outbox. Slack allows about one message per second per channel, with short bursts, and a
workspace-wide cap of several hundred a minute; with one post per channel only the workspace cap binds, so
the simulator limits chat.postMessage workspace-wide (token bucket: --per-minute, --burst) and answers 429
with Retry-After. Every channel must get its post exactly once; the total time is printed next to the floor
that the limit implies, and must stay within twice the floor plus 30 s. Exits 1 if a bound is missed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bench.servers import BOT_TOKEN, fresh_database
from bot.clock import tick
from bot.deps import Deps
from bot.sandbox.simulator.server import SlackSimulator
from bot.services.dilemmas.schedule_spec import ScheduleSpec
from bot.services.dilemmas.schedules import next_due, save_schedule
from bot.settings import Settings
from bot.wiring import register_all
from storage.migrate import upgrade
from storage.models import OutboxMessage

TEAM = "TBENCHFAN"


def run(database_url: str, channels: int, per_minute: float, burst: int) -> dict[str, float]:
    with SlackSimulator(bot_token=BOT_TOKEN, team_id=TEAM) as sim:
        ids = [f"CFAN{n:05d}" for n in range(channels)]
        for channel_id in ids:
            sim.add_channel(channel_id, channel_id.lower())
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            SLACK_BOT_TOKEN=BOT_TOKEN,
            SLACK_API_URL=sim.api_url,
            DATABASE_URL=database_url,
            STANDARDS_BOT_SECRET_KEY="0b7e3c9f1a5d48e2b6c0f4a8d2e6b1c5f9a3d7e1b5c9f3a7d1e5b9c3f7a1d5e9",
        )
        deps = Deps.from_settings(settings)
        register_all(deps.features)
        upgrade(deps.db.engine)
        now = datetime.now(UTC)
        with deps.db.unit_of_work() as session:
            for channel_id in ids:
                spec = ScheduleSpec(channel_id=channel_id, weekday="mon", hour=9, minute=0, timezone="Europe/London")
                schedule, _ = save_schedule(session, TEAM, spec, now)
            due = next_due(session, schedule)
        assert due is not None
        sim.rate_limit("chat.postMessage", per_second=per_minute / 60, burst=burst)
        started = time.perf_counter()
        at = due
        while True:
            tick(deps, at)
            with deps.db.unit_of_work() as session:
                pending = session.scalar(
                    select(func.count()).where(
                        OutboxMessage.status == "pending", OutboxMessage.purpose == "dilemma-post"
                    )
                )
            if not pending:
                break
            time.sleep(0.5)
            at = max(at, datetime.now(UTC)) + timedelta(seconds=1)
        total = time.perf_counter() - started
        with deps.db.unit_of_work() as session:
            failed = session.scalar(select(func.count()).where(OutboxMessage.status == "failed"))
        deps.close()
        per_channel = Counter(len(sim.messages(channel_id)) for channel_id in ids)
        posts = sim.calls_to("chat.postMessage")
    return {
        "total": total,
        "exactly_once": float(per_channel[1]),
        "sent": float(sum(1 for c in posts if c.ok)),
        "limited": float(sum(1 for c in posts if c.error == "ratelimited")),
        "failed": float(failed or 0),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--channels", type=int, default=500)
    parser.add_argument("--per-minute", type=float, default=600.0, help="workspace-wide chat.postMessage cap")
    parser.add_argument("--burst", type=int, default=20)
    parser.add_argument("--postgres-url", default=os.environ.get("STANDARDS_BOT_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    floor = max(0.0, (args.channels - args.burst) / (args.per_minute / 60))
    bound = 2 * floor + 30
    backends = ["sqlite"] + (["postgresql"] if args.postgres_url else [])
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for backend in backends:
            with fresh_database(backend, args.postgres_url, tmp) as database_url:
                results[backend] = run(database_url, args.channels, args.per_minute, args.burst)

    print(
        f"one weekly dilemma to {args.channels} channels; chat.postMessage limited to {args.per_minute:g}/min "
        f"workspace-wide, burst {args.burst}"
    )
    print(f"{'backend':<12}{'total s':>9}{'floor s':>9}{'ratio':>7}{'posts/s':>9}{'once':>6}{'429s':>6}{'failed':>8}")
    failed = False
    for backend, r in results.items():
        ratio = r["total"] / floor if floor else float("inf")
        print(
            f"{backend:<12}{r['total']:>9.1f}{floor:>9.1f}{ratio:>7.2f}{args.channels / r['total']:>9.1f}"
            f"{int(r['exactly_once']):>6}{int(r['limited']):>6}{int(r['failed']):>8}"
        )
        if r["exactly_once"] != args.channels or r["sent"] != args.channels or r["failed"]:
            print(f"FAIL {backend}: {int(r['exactly_once'])} of {args.channels} channels got exactly one post")
            failed = True
        if r["total"] > bound:
            print(f"FAIL {backend}: {r['total']:.1f} s is beyond the bound of {bound:.1f} s")
            failed = True
    print(f"bounds: every channel exactly once; total within {bound:.0f} s:", "MISSED" if failed else "met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
