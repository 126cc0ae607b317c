"""Card draws per second from the channel decks: one person, many at once in one channel, many channels.

    python -m bench.card_draws [--draws 1040] [--threads 8] [--database-url URL]

Each draw is one transaction that locks the channel's deck, takes the next card and counts it. Draws in one
channel queue on that lock by design (so two people never get the same card); draws in different channels
need not. The run also checks the claim: whole passes through a channel's deck hold every card equally often.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import create_engine

from bot.services import cards
from dilemmas.deck import CardKey
from storage.db import Database
from storage.migrate import upgrade

TEAM = "TBENCH"


def _database(url: str | None, folder: Path) -> Database:
    url = url or f"sqlite:///{folder / 'bench.db'}"
    engine = create_engine(url)
    upgrade(engine)
    engine.dispose()
    return Database(url)


def _one_draw(db: Database, channel: str) -> tuple[str, CardKey, float]:
    started = time.perf_counter()
    with db.transaction() as connection:
        card = cards.draw(connection, team_id=TEAM, channel_id=channel).card
    return channel, card, time.perf_counter() - started


def _run(db: Database, draws: int, threads: int, channel_of: Callable[[int], str]) -> dict[str, float]:
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(lambda i: _one_draw(db, channel_of(i)), range(draws)))
    elapsed = time.perf_counter() - started
    by_channel: dict[str, list[CardKey]] = defaultdict(list)
    for channel, card, _ in results:
        by_channel[channel].append(card)
    for channel, drawn in by_channel.items():
        # Whole passes through a deck hold every card equally often; two draws of one card in a pass would not.
        counts = Counter(drawn)
        if len(drawn) % 52 == 0 and (len(counts) != 52 or len(set(counts.values())) != 1):
            raise SystemExit(f"a card repeated within one pass of the deck in {channel}")
    latencies = sorted(latency for _, _, latency in results)
    return {
        "per_second": draws / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=1040, help="a multiple of 52 checks whole passes")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = _database(args.database_url, Path(folder))
        try:
            runs = {
                "one person, one channel": _run(db, args.draws, 1, lambda i: "CSOLO"),
                f"{args.threads} at once, one channel": _run(db, args.draws, args.threads, lambda i: "CSHARED"),
                f"{args.threads} at once, {args.threads} channels": _run(
                    db, args.draws, args.threads, lambda i: f"CMANY{i % args.threads}"
                ),
            }
        finally:
            db.dispose()
    base = runs["one person, one channel"]["per_second"]
    print(f"backend: {db.engine.dialect.name}, {args.draws} draws per run, no card repeated within a pass")
    print(f"{'run':<28}{'draws/s':>10}{'ratio':>8}{'p50 ms':>9}{'p99 ms':>9}")
    for name, figures in runs.items():
        print(
            f"{name:<28}{figures['per_second']:>10.0f}{figures['per_second'] / base:>8.2f}"
            f"{figures['p50_ms']:>9.1f}{figures['p99_ms']:>9.1f}"
        )


if __name__ == "__main__":
    main()
