"""Acknowledgement latency of the production web server, next to a bare Bolt app served the same way.

    python -m bench.ack_latency [--kind draw|vote|help] [--requests 600] [--in-flight 25 50]
                                [--database-url URL] [--text TEXT] [--repeat N]

Both servers run under gunicorn with the same workers and threads, against the Slack simulator (in a process
of its own). The bare app only acknowledges. The bot does the whole request: a card draw (`/ethicard` with no
text, one person each, in 40 channels) is a transaction on the channel's deck, answered in the acknowledgement;
a vote click (one person each, on one open dilemma) is recorded before its acknowledgement, and its private
confirmation follows it (each run waits for every confirmation to reach the simulator, so that their work is
counted in the run's CPU, and says how long after the last acknowledgement the last one came). Bounds: the
bot's p99 within 1.5x of the bare app's, and its throughput at least 0.9x. Both apps are measured in the same
run, one after the other, for each number in flight; with --repeat N, N times (each time with fresh servers),
and the bounds are judged on the median of the N ratios, as runs on a small machine vary by a fifth or more from
one to the next.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from bench import cpu
from bench.servers import ROOT, percentile, serve
from bot.sandbox.simulator.signing import sign

SIGNING_SECRET = "bench-signing-secret"
TEAM = "T0STANDARDS"
P99_BOUND = 1.5
THROUGHPUT_BOUND = 0.9
CHANNELS = 40
ANSWERS_WAIT = 30.0
Body = Callable[[int, str], tuple[str, str]]


@dataclass
class Simulator:
    api_url: str
    counts_url: str  # how many Web API calls and response_url posts it has had
    response_urls: list[str]


def _server(which: str, env: dict[str, str]) -> AbstractContextManager[str]:
    return serve(["bench.serve", which], env, f"the {which} server")


@contextmanager
def _simulator(count: int, tmp: Path) -> Iterator[Simulator]:
    """The simulator runs in its own process: in this one it would compete with the load for the GIL."""
    path = tmp / "sim.txt"
    process = subprocess.Popen([sys.executable, "-m", "bench.sim_process", str(count), str(path)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while not path.exists():
            if time.monotonic() > deadline:
                raise RuntimeError("the simulator did not start")
            time.sleep(0.1)
        api_url, *urls = path.read_text().splitlines()
        yield Simulator(api_url, api_url.removesuffix("api/") + "counts", urls)
    finally:
        process.terminate()
        process.wait(timeout=30)


def command_body(text: str) -> Body:
    def body(n: int, response_url: str) -> tuple[str, str]:
        fields = {
            "token": "x", "team_id": TEAM, "channel_id": f"CBENCH{n % CHANNELS:04d}", "channel_name": "bench",
            "user_id": f"UBENCH{n:05d}", "user_name": "bench", "command": "/ethicard", "text": text,
            "api_app_id": "ABENCH", "response_url": response_url, "trigger_id": f"{n}.bench",
        }  # fmt: skip
        return urllib.parse.urlencode(fields), "application/x-www-form-urlencoded"

    return body


def vote_body(post_id: int) -> Body:
    def body(n: int, response_url: str) -> tuple[str, str]:
        option = "ABC"[n % 3]
        payload = {
            "type": "block_actions",
            "user": {"id": f"UVOTER{n:05d}", "username": "bench", "name": "bench", "team_id": TEAM},
            "api_app_id": "ABENCH", "token": "x", "trigger_id": f"{n}.bench", "team": {"id": TEAM, "domain": "b"},
            "container": {"type": "message", "message_ts": "1.0", "channel_id": "CBENCH0000", "is_ephemeral": False},
            "channel": {"id": "CBENCH0000", "name": "bench"},
            "response_url": response_url,
            "actions": [
                {"type": "button", "action_id": f"dilemma_vote_{option}", "block_id": f"dilemma-vote-{post_id}",
                 "value": str(post_id), "text": {"type": "plain_text", "text": option}, "action_ts": "1.0"}
            ],
            "state": {"values": {}},
        }  # fmt: skip
        return urllib.parse.urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded"

    return body


@dataclass
class Run:
    latencies: list[float]
    wall: float
    cpu_ms: dict[str, float]  # CPU per request by group of processes (bench.cpu)
    answers_after: float | None  # seconds from the last acknowledgement to the last answer posted after one

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies)

    @property
    def p99(self) -> float:
        return percentile(self.latencies, 0.99)

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.wall


def _responses_posted(counts_url: str) -> int:
    return int(requests.get(counts_url, timeout=10).json()["responses"])


def _fire(
    url: str, response_urls: list[str], first: int, total: int, in_flight: int, body: Body, sim: Simulator, answers: int
) -> Run:
    """`total` requests, `in_flight` at a time; then waits for the `answers` that follow the acknowledgements
    (posted to response URLs), so that their work is counted with the run's and does not spill into the next."""
    local = threading.local()
    latencies: list[float] = []
    lock = threading.Lock()

    def one(n: int) -> None:
        session = getattr(local, "session", None)
        if session is None:
            session = local.session = requests.Session()
        data, content_type = body(first + n, response_urls[n])
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": sign(SIGNING_SECRET, timestamp, data),
        }
        started = time.perf_counter()
        response = session.post(url, data=data.encode(), headers=headers, timeout=30)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code}")
        with lock:
            latencies.append(elapsed)

    posted_before = _responses_posted(sim.counts_url)
    used = cpu.by_group()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=in_flight) as pool:
        list(pool.map(one, range(total)))
    wall = time.perf_counter() - started
    answers_after = None
    if answers:
        while _responses_posted(sim.counts_url) < posted_before + answers:
            if time.perf_counter() - started - wall > ANSWERS_WAIT:
                raise RuntimeError(f"{answers} answers were expected after the acknowledgements; not all came")
            time.sleep(0.005)
        answers_after = time.perf_counter() - started - wall
    return Run(latencies, wall, cpu.per_request(used, cpu.by_group(), total), answers_after)


def _cpu_text(cpu_ms: dict[str, float]) -> str:
    shown = [f"{group} {cpu_ms[group]:.2f}" for group in ("load", "server", "simulator", "database") if group in cpu_ms]
    return ", ".join(shown) + (f"; all {sum(cpu_ms.values()):.2f}" if shown else "")


def _open_post(env: dict[str, str]) -> int:
    """An open dilemma in the bench channel, made through the bot's own service (its post stays in the outbox)."""
    command = [sys.executable, "-m", "bench.open_post", TEAM, "CBENCH0000"]
    done = subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return int(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kind", choices=("draw", "vote", "help"), default="draw")
    parser.add_argument("--text", default=None, help="the /ethicard argument (overrides --kind with a command)")
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--in-flight", type=int, nargs="+", default=[25, 50])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--repeat", type=int, default=1, help="runs of both apps for each number in flight")
    args = parser.parse_args()

    warm = 100
    per_run = warm + args.requests
    needed = 2 * per_run * len(args.in_flight) * args.repeat + 10
    failed = False
    with tempfile.TemporaryDirectory() as tmp, _simulator(needed, Path(tmp)) as sim:
        urls = sim.response_urls
        database_url = args.database_url or f"sqlite:///{tmp}/bench.db"
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "STANDARDS_BOT_", "DATABASE_URL"))},
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": database_url,
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": sim.api_url,
            "STANDARDS_BOT_SECRET_KEY": "0b7e3c9f1a5d48e2b6c0f4a8d2e6b1c5f9a3d7e1b5c9f3a7d1e5b9c3f7a1d5e9",
            "WEB_CONCURRENCY": "2",
        }
        subprocess.run([sys.executable, "-m", "bot.cli", "migrate"], env=env, cwd=ROOT, check=True, capture_output=True)
        if args.text is not None:
            body, what = command_body(args.text), f"/ethicard {args.text!r}"
        elif args.kind == "vote":
            body, what = vote_body(_open_post(env)), "vote clicks on one dilemma"
        else:
            text = "" if args.kind == "draw" else "help"
            body, what = command_body(text), "card draws" if args.kind == "draw" else "/ethicard help"
        # A vote's private confirmation follows its acknowledgement, one post each; a draw is answered in it.
        answered_after = args.text is None and args.kind == "vote"
        backend = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
        print(f"{what}, {args.requests} requests from as many people, gunicorn gthread 2x16, {backend}")
        print(f"{'in flight':<10}{'server':<8}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'req/s':>8}   CPU ms per request")
        first = 0
        for in_flight in args.in_flight:
            ratios: list[tuple[float, float]] = []
            for _ in range(args.repeat):
                runs: dict[str, Run] = {}
                for which in ("bare", "bot"):
                    with _server(which, env) as url:
                        answers = int(answered_after and which == "bot")
                        _fire(url, urls[:warm], first, warm, in_flight, body, sim, answers * warm)
                        first += warm
                        runs[which] = _fire(
                            url, urls[warm:per_run], first, args.requests, in_flight, body, sim, answers * args.requests
                        )
                        first += args.requests
                        urls = urls[per_run:]
                for which, run in runs.items():
                    print(
                        f"{in_flight:<10}{which:<8}{run.p50 * 1000:>9.1f}{run.p99 * 1000:>9.1f}"
                        f"{max(run.latencies) * 1000:>9.1f}{run.rate:>8.0f}   {_cpu_text(run.cpu_ms)}"
                    )
                    if run.answers_after is not None:
                        print(
                            f"{'':<10}{'':<8}every confirmation posted {run.answers_after * 1000:.0f} ms after the "
                            f"last acknowledgement ({args.requests / (run.wall + run.answers_after):.0f} answered/s)"
                        )
                p99 = runs["bot"].p99 / runs["bare"].p99
                rate = runs["bot"].rate / runs["bare"].rate
                slow = sum(1 for value in runs["bot"].latencies if value >= 3.0)
                ratios.append((p99, rate))
                print(
                    f"{'':<10}bot/bare p99 x{p99:.2f} (bound x{P99_BOUND}), throughput x{rate:.2f} "
                    f"(bound x{THROUGHPUT_BOUND}), acknowledgements at or over 3 s: {slow}"
                )
                failed |= slow > 0
            p99 = statistics.median(ratio for ratio, _ in ratios)
            rate = statistics.median(ratio for _, ratio in ratios)
            if args.repeat > 1:
                print(f"{'':<10}median of {args.repeat}: p99 x{p99:.2f}, throughput x{rate:.2f}")
            failed |= p99 > P99_BOUND or rate < THROUGHPUT_BOUND
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
