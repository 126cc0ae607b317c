"""The time to build the year's impact report for the demo force, on SQLite and on PostgreSQL.

    python -m bench.impact_report [--months 12] [--runs 3] [--postgres-url URL]

Each backend gets a fresh database filled by `standards-bot demo`'s generator (a 3,000-person force with 40
team channels and 160 ambassadors, through the bot's services). Then, for the months filled, it times the
figures alone (every measure, this period and the one before, with the trends), the four PNG charts, the
two-page PDF, and the CSV and XLSX. Goals: under 2 s for the figures, under 10 s with the charts and the PDF.
PostgreSQL is included when a server URL is given (--postgres-url or STANDARDS_BOT_TEST_POSTGRES_URL).
Exits 1 if a goal is missed.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.servers import fresh_database
from bot import charts, pdf
from bot.demo import fill
from bot.services.impact import exports
from bot.services.impact import report as impact
from bot.services.impact.period import Period, add_months
from bot.settings import Settings
from bot.texts import impact as texts
from dilemmas.concerns_config import load_config
from dilemmas.loader import load_content
from storage.db import Database

TEAM = "TDEMOFORCE"
FIGURES_GOAL, WHOLE_GOAL = 2.0, 10.0


def _timed(runs: int, work: Callable[[], Any]) -> tuple[float, Any]:
    """The median of `runs` timings (seconds), and the last result."""
    timings, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), result


def run(backend: str, database_url: str, months: int, runs: int, samples: Path | None = None) -> bool:
    key = "5c1d9e3a7f2b4c8e0a6d1f5b9c3e7a2d4f8b0c6e1a5d9f3b7c2e6a0d4f8b1c5e"
    settings = Settings(_env_file=None, DATABASE_URL=database_url, STANDARDS_BOT_SECRET_KEY=key)
    started = time.perf_counter()
    summary = fill(settings, team_id=TEAM, seed=2026, months=months)
    print(f"{backend}: demo force in {time.perf_counter() - started:.0f} s: {summary}")
    content, labels = load_content(), load_config(None).label
    period = Period(summary.first_day, summary.end_day, settings.tz)
    db = Database(database_url)
    now = datetime.now(UTC)

    def figures() -> impact.ImpactReport:
        with db.unit_of_work() as session:
            return impact.build(session, TEAM, content, period, now, labels, texts=texts)

    try:
        figures_s, report = _timed(runs, figures)
        charts_s, _ = _timed(runs, lambda: charts.all_png(report))
        pdf_s, document = _timed(runs, lambda: pdf.summary_pdf(report, now.date()))
        files_s, _ = _timed(runs, lambda: (exports.to_csv(report, texts), exports.to_xlsx(report, texts)))
        if samples is not None:  # the pictures the README shows: the last quarter against the one before
            quarter = Period(add_months(period.end, -3), period.end, settings.tz)
            with db.unit_of_work() as session:
                shown = impact.build(session, TEAM, content, quarter, now, labels, texts=texts)
            samples.mkdir(parents=True, exist_ok=True)
            (samples / "impact-chart.png").write_bytes(charts.png(charts.CHARTS[1], shown))
            (samples / "impact-summary-page1.png").write_bytes(pdf.page_png(shown, now.date()))
    finally:
        db.dispose()
    whole = figures_s + charts_s + pdf_s
    print(
        f"{backend}: {report.period_label} ({len(report.tables)} tables, {len(report.headlines)} headline figures): "
        f"figures {figures_s:.2f} s (goal {FIGURES_GOAL:.0f} s); charts {charts_s:.2f} s; PDF {pdf_s:.2f} s "
        f"({len(document) // 1024} KB); figures + charts + PDF {whole:.2f} s (goal {WHOLE_GOAL:.0f} s); "
        f"CSV and XLSX {files_s:.2f} s; median of {runs}"
    )
    return figures_s < FIGURES_GOAL and whole < WHOLE_GOAL


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres-url", default=os.environ.get("STANDARDS_BOT_TEST_POSTGRES_URL"))
    parser.add_argument("--samples", type=Path, default=None, help="write a chart and the PDF's first page here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    backends = ["sqlite"] + (["postgresql"] if args.postgres_url else [])
    met = True
    with tempfile.TemporaryDirectory() as tmp:
        for backend in backends:
            with fresh_database(backend, args.postgres_url, tmp) as database_url:
                samples = args.samples if backend == "sqlite" else None
                met = run(backend, database_url, args.months, args.runs, samples) and met
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
