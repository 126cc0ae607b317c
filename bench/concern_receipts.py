"""Receipt checks take the same time whether the case exists or not; a concern is acknowledged well within 3 s.

    python -m bench.concern_receipts [--checks 40] [--concerns 30]

Part 1 times `find_by_receipt` for a right code, a wrong secret on a real lookup, an unknown lookup and a
malformed code, side by side, with each one's ratio to the right code (near 1.0 means timing says nothing).
Part 2 raises concerns through the real app over HTTP (SQLite, the Slack simulator playing Slack) and reports
how long the form's submission takes to be answered with the receipt, and how long `/concern status` takes.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine

from bot.sandbox.simulator.server import SlackSimulator
from bot.services.concerns import receipts as concern_receipts
from bot.services.concerns import reporter as concerns
from dilemmas.loader import load_content
from storage.migrate import upgrade
from tests.support.harness import ADMIN, BOT_TOKEN, TEAM_ID, start_bot

REPORTER = "UBENCHREP1"
CASES = "GBENCHCASE"


def _times(fn: Callable[[], object], count: int) -> list[float]:
    out = []
    for _ in range(count):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def _row(name: str, values: list[float], baseline: float) -> str:
    median = statistics.median(values)
    p95 = sorted(values)[int(len(values) * 0.95) - 1]
    return f"{name:<28}{median:>10.1f}{p95:>10.1f}{max(values):>10.1f}{median / baseline:>9.2f}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--checks", type=int, default=40)
    parser.add_argument("--concerns", type=int, default=30)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder, SlackSimulator(bot_token=BOT_TOKEN, team_id=TEAM_ID) as sim:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        engine = create_engine(url)
        upgrade(engine)
        engine.dispose()
        sim.add_user(ADMIN, "admin")
        sim.add_user(REPORTER, "reporter")
        sim.add_channel(CASES, "cases", members=[ADMIN], is_private=True)
        bot = start_bot(url, sim, load_content(), STANDARDS_BOT_CASE_CHANNEL=CASES)
        try:
            submit_ms, codes = [], []
            for number in range(args.concerns):
                trigger = bot.driver.command(REPORTER, "/concern", "")
                form = sim.wait_for(lambda: sim.views_for(REPORTER)[-1:], what="form")[0]
                result = bot.driver.submit(
                    REPORTER, form, {"category": "bullying", "what_happened": f"bench concern {number}"}
                )
                submit_ms.append(result.elapsed * 1000)
                assert trigger.status == 200
                assert result.response_action == "update"
                shown = sim.view(form["id"]) or {}
                text = str(shown.get("blocks"))
                codes.append(text.split("```")[1])
                bot.driver.close(REPORTER, shown)
            status_ms = [
                bot.driver.command(REPORTER, "/concern", f"status {codes[0]}").elapsed * 1000 for _ in range(10)
            ]

            code = codes[0]
            right = concern_receipts.parse(code)
            assert right is not None
            wrong_secret = right.lookup + "0" * concern_receipts.SECRET_CHARS
            unknown = "ZZZZZ" + right.secret

            def check(candidate: str) -> Callable[[], object]:
                def run() -> object:
                    return concerns.find_by_receipt(bot.deps, TEAM_ID, candidate)

                return run

            results = {
                "right code": _times(check(code), args.checks),
                "wrong secret, real lookup": _times(check(wrong_secret), args.checks),
                "unknown lookup": _times(check(unknown), args.checks),
                "malformed code": _times(check("hello"), args.checks),
            }
        finally:
            bot.close()

    baseline = statistics.median(results["right code"])
    print(f"Receipt checks ({args.checks} each), milliseconds")
    print(f"{'case':<28}{'median':>10}{'p95':>10}{'max':>10}{'ratio':>9}")
    for name, values in results.items():
        print(_row(name, values, baseline))
    print()
    print(f"Over HTTP ({args.concerns} concerns), milliseconds until Slack gets the answer")
    print(f"{'request':<28}{'median':>10}{'p95':>10}{'max':>10}{'bound':>9}")
    for name, values in (("form submitted -> receipt", submit_ms), ("/concern status", status_ms)):
        median, p95 = statistics.median(values), sorted(values)[int(len(values) * 0.95) - 1]
        print(f"{name:<28}{median:>10.1f}{p95:>10.1f}{max(values):>10.1f}{'3000':>9}")
    return 0 if max(submit_ms + status_ms) < 3000 else 1


if __name__ == "__main__":
    raise SystemExit(main())
