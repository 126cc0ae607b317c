"""Acknowledgement latency of the production web server, next to a bare Bolt app served the same way.

    python -m bench.ack_latency [--requests 2000] [--in-flight 50] [--text help] [--database-url URL]

Both servers run under gunicorn with the same workers and threads, against the Slack simulator (in a process
of its own). The bot handles `/ethicard <text>` fully, through every middleware and listener; the bare app
only acknowledges. By default the command is `/ethicard help`, answered in the acknowledgement, which measures
what the bot's own machinery adds (bound: p99 within 1.5x of the bare app's). `--text ""` measures a card
draw, which acknowledges first and then does its database work and answers through response_url.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import requests

from bench.servers import ROOT, percentile, serve
from bot.simulator.signing import sign

SIGNING_SECRET = "bench-signing-secret"
BOUND = 1.5


def _server(which: str, env: dict[str, str]) -> AbstractContextManager[str]:
    return serve(["bench.serve", which], env, f"the {which} server")


@contextmanager
def _simulator(count: int, tmp: Path) -> Iterator[tuple[str, list[str]]]:
    """The simulator runs in its own process: in this one it would compete with the load for the GIL."""
    path = tmp / "sim.txt"
    process = subprocess.Popen([sys.executable, "-m", "bench.sim_process", str(count), str(path)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 30
        while not path.exists():
            if time.monotonic() > deadline:
                raise RuntimeError("the simulator did not start")
            time.sleep(0.1)
        api_url, *urls = path.read_text().splitlines()
        yield api_url, urls
    finally:
        process.terminate()
        process.wait(timeout=30)


def _fire(url: str, response_urls: list[str], total: int, in_flight: int, text: str) -> list[float]:
    local = threading.local()
    latencies: list[float] = []
    lock = threading.Lock()

    def one(n: int) -> None:
        session = getattr(local, "session", None)
        if session is None:
            session = local.session = requests.Session()
        body = urllib.parse.urlencode(
            {
                "token": "x",
                "team_id": "T0STANDARDS",
                "channel_id": f"CBENCH{n % 20:04d}",
                "channel_name": "bench",
                "user_id": f"UBENCH{n:05d}",
                "user_name": "bench",
                "command": "/ethicard",
                "text": text,
                "api_app_id": "ABENCH",
                "response_url": response_urls[n],
                "trigger_id": f"{n}.bench",
            }
        )
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": sign(SIGNING_SECRET, timestamp, body),
        }
        started = time.perf_counter()
        response = session.post(url, data=body.encode(), headers=headers, timeout=30)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code}")
        with lock:
            latencies.append(elapsed)

    with ThreadPoolExecutor(max_workers=in_flight) as pool:
        list(pool.map(one, range(total)))
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--in-flight", type=int, default=50)
    parser.add_argument("--text", default="help", help='the /ethicard argument ("" for a card draw)')
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    needed = 2 * (args.requests + 100)
    with tempfile.TemporaryDirectory() as tmp, _simulator(needed, Path(tmp)) as (api_url, urls):
        database_url = args.database_url or f"sqlite:///{tmp}/bench.db"
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "STANDARDS_BOT_", "DATABASE_URL"))},
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": database_url,
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": api_url,
            "STANDARDS_BOT_SECRET_KEY": "0b7e3c9f1a5d48e2b6c0f4a8d2e6b1c5f9a3d7e1b5c9f3a7d1e5b9c3f7a1d5e9",
            "WEB_CONCURRENCY": "2",
        }
        subprocess.run([sys.executable, "-m", "bot.cli", "migrate"], env=env, cwd=ROOT, check=True, capture_output=True)
        results: dict[str, list[float]] = {}
        for which in ("bare", "bot"):
            with _server(which, env) as url:
                _fire(url, urls[:100], 100, args.in_flight, args.text)  # warm up
                urls = urls[100:]
                started = time.perf_counter()
                results[which] = _fire(url, urls[: args.requests], args.requests, args.in_flight, args.text)
                urls = urls[args.requests :]
                results[which + "_wall"] = [time.perf_counter() - started]

    print(f"{args.requests} signed /ethicard commands, {args.in_flight} in flight, gunicorn gthread 2x16")
    print(f"{'server':<8}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}{'req/s':>10}")
    for which in ("bare", "bot"):
        values = results[which]
        rate = len(values) / results[which + "_wall"][0]
        print(
            f"{which:<8}{statistics.median(values) * 1000:>10.1f}{percentile(values, 0.99) * 1000:>10.1f}"
            f"{max(values) * 1000:>10.1f}{rate:>10.0f}"
        )
    ratio_p50 = statistics.median(results["bot"]) / statistics.median(results["bare"])
    ratio_p99 = percentile(results["bot"], 0.99) / percentile(results["bare"], 0.99)
    print(f"bot/bare  p50 x{ratio_p50:.2f}  p99 x{ratio_p99:.2f}  (bound: p99 within x{BOUND})")
    slow = sum(1 for value in results["bot"] if value >= 3.0)
    print(f"bot acknowledgements at or over 3 s: {slow}")
    return 0 if ratio_p99 <= BOUND and slow == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
