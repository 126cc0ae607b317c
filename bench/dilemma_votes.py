"""1,000 vote clicks from 1,000 different people on one dilemma, 50 in flight, against the production server.

    python -m bench.dilemma_votes [--clicks 1000] [--in-flight 50] [--postgres-url URL]

`standards-bot web` (gunicorn, threaded workers) serves the bot; the Slack simulator plays Slack. Every click
must be acknowledged within 3 s, every voter must get a private confirmation, and after `standards-bot tick`
closes the post the count must be exactly the number of clicks. Runs on SQLite, and on PostgreSQL when a URL
is given (--postgres-url or STANDARDS_BOT_TEST_POSTGRES_URL). Exits 1 if a bound is missed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine, select
from sqlalchemy.engine import make_url

from bench.servers import (
    ACK_BOUND,
    ADMIN,
    BOT_TOKEN,
    SIGNING_SECRET,
    bot_env,
    cli,
    fresh_database,
    percentile,
    web_server,
)
from bot.sandbox.simulator.driver import SlackDriver
from bot.sandbox.simulator.server import SlackSimulator
from storage.models.dilemmas import DilemmaPost

CHANNEL = "CBENCHVOTE"


def run(backend: str, database_url: str, clicks: int, in_flight: int) -> dict[str, float]:
    with SlackSimulator(bot_token=BOT_TOKEN) as sim:
        voters = [f"UVOTE{n:05d}" for n in range(clicks)]
        sim.add_user(ADMIN, "standards.lead", is_admin=True)
        for voter in voters:
            sim.add_user(voter, voter.lower())
        sim.add_channel(CHANNEL, "bench-team", members=[ADMIN, *voters])
        env = bot_env(sim, database_url)
        cli(env, "migrate")
        with web_server(env) as url:
            driver = SlackDriver(url, SIGNING_SECRET, sim)
            driver.command(ADMIN, "/dilemma", "post otp-a-word-over-coffee", channel=CHANNEL)
            post = sim.wait_for(lambda: sim.messages(CHANNEL), timeout=30, what="the dilemma")[0]
            options = "ABCD"

            def click(n: int) -> float:
                result = driver.click(voters[n], message=post, action_id=f"dilemma_vote_{options[n % 4]}")
                if result.status != 200:
                    raise RuntimeError(f"HTTP {result.status}")
                return result.elapsed

            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=in_flight) as pool:
                latencies = list(pool.map(click, range(clicks)))
            acked = time.perf_counter() - started

            def confirmed() -> int:
                return sum(1 for p in sim.responses if "recorded anonymously" in str(p.payload.get("text")))

            sim.wait_for(lambda: confirmed() >= clicks, timeout=300, what="every private confirmation")
            handled = time.perf_counter() - started
        cli(env, "tick", "--at", (datetime.now(UTC) + timedelta(days=8)).isoformat())
        engine = create_engine(make_url(database_url).set(drivername=_driver(database_url)))
        with engine.connect() as connection:
            row = connection.execute(select(DilemmaPost.voters, DilemmaPost.tally)).one()
        engine.dispose()
        reveal = sim.thread(CHANNEL, post["ts"])[-1]
    return {
        "clicks": clicks,
        "acked_s": acked,
        "handled_s": handled,
        "p50": percentile(latencies, 0.5),
        "p99": percentile(latencies, 0.99),
        "max": max(latencies),
        "voters": float(row.voters or 0),
        "tally": float(sum((row.tally or {}).values())),
        "revealed": float(f"{clicks} responses" in str(reveal.get("blocks"))),
    }


def _driver(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgresql+psycopg"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clicks", type=int, default=1000)
    parser.add_argument("--in-flight", type=int, default=50)
    parser.add_argument("--postgres-url", default=os.environ.get("STANDARDS_BOT_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    backends = ["sqlite"] + (["postgresql"] if args.postgres_url else [])
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for backend in backends:
            with fresh_database(backend, args.postgres_url, tmp) as database_url:
                results[backend] = run(backend, database_url, args.clicks, args.in_flight)

    print(f"{args.clicks} vote clicks from {args.clicks} people on one post, {args.in_flight} in flight, gunicorn 2x16")
    print(
        f"{'backend':<12}{'ack p50 ms':>12}{'ack p99 ms':>12}{'max ms':>10}"
        f"{'clicks/s':>10}{'handled/s':>11}{'count':>7}"
    )
    failed = False
    for backend, r in results.items():
        print(
            f"{backend:<12}{r['p50'] * 1000:>12.1f}{r['p99'] * 1000:>12.1f}{r['max'] * 1000:>10.1f}"
            f"{r['clicks'] / r['acked_s']:>10.1f}{r['clicks'] / r['handled_s']:>11.1f}{int(r['voters']):>7}"
        )
        if r["max"] > ACK_BOUND:
            print(f"FAIL {backend}: a click waited {r['max']:.2f} s for its acknowledgement (bound {ACK_BOUND} s)")
            failed = True
        if not (r["voters"] == r["tally"] == args.clicks and r["revealed"]):
            print(
                f"FAIL {backend}: counted {int(r['voters'])} voters ({int(r['tally'])} in the tally), not {args.clicks}"
            )
            failed = True
    print(
        "bounds: every acknowledgement within 3 s; exactly one vote per person at close:", "MISSED" if failed else "met"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
