"""`standards-bot report` writes the two-page PDF and `standards-bot export` the CSV and XLSX, from the database
alone; a period it cannot read is one plain sentence and exit status 2."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select

from storage.db import Database
from storage.models import Duty, OutboxMessage
from storage.models.dilemmas import DilemmaPost
from tests.support.cli import ROOT


def standards_bot(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "STANDARDS_BOT_", "DATABASE_URL"))}
    env = {**clean, "PYTHONPATH": str(ROOT), "DATABASE_URL": database_url, "STANDARDS_BOT_TIMEZONE": "Europe/London"}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def _same(cell: object) -> object:
    """A number as a number, whether the CSV's text or the workbook's cell; an empty cell as empty text."""
    if cell is None:
        return ""
    try:
        return float(str(cell))
    except ValueError:
        return cell


def test_the_pdf_has_two_pages_with_the_figures_the_trend_and_the_rule(seeded_url: str, tmp_path: Path) -> None:
    out = tmp_path / "board" / "october.pdf"
    done = standards_bot(seeded_url, "report", "--from", "2026-10-01", "--to", "2026-10-31", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "October 2026" in done.stdout
    reader = PdfReader(out)
    assert len(reader.pages) == 2
    first = " ".join(reader.pages[0].extract_text().split())
    assert "impact summary" in first
    assert "This period: October 2026. Period before: September 2026." in first
    assert "Concerns received 9 fewer than 5" in first
    assert "Card draws 16 30 -14 (-47%)" in first  # the trend: 30 in September
    assert "Confidence on the topic before (out of 5) 2.8" in first
    assert "Confidence on the topic after (out of 5) 4.0" in first
    assert "Any figure from fewer than 5 people is shown as" in first
    second = " ".join(reader.pages[1].extract_text().split())
    for title in ("Dilemma responses by month", "by Standard", "Concerns received by month", "CPD events attended"):
        assert title in second


def test_the_export_writes_a_csv_and_an_xlsx_with_the_same_rows(seeded_url: str, tmp_path: Path) -> None:
    done = standards_bot(seeded_url, "export", "--from", "2026-10", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO((tmp_path / "standards-impact-october-2026.csv").read_text())))
    book = load_workbook(tmp_path / "standards-impact-october-2026.xlsx", read_only=True)
    sheet = [list(row) for row in book["Figures"].iter_rows(values_only=True)]
    assert len(rows) == len(sheet) > 100
    assert [[_same(cell) for cell in row] for row in rows] == [[_same(cell) for cell in row] for row in sheet]
    assert ["Weekly dilemmas", "Responses", "", "October 2026", "16", "count", ""] in rows


def test_a_period_it_cannot_read_is_one_sentence_and_status_2(seeded_url: str, tmp_path: Path) -> None:
    done = standards_bot(seeded_url, "export", "--from", "last-month", "--out", str(tmp_path))
    assert done.returncode == 2
    assert "is not a period" in done.stderr
    assert "Traceback" not in done.stderr
    assert not list(tmp_path.iterdir())


@pytest.mark.slow
def test_the_demo_fills_a_month_of_the_force_through_the_services_and_leaves_nothing_to_send(
    database_url: str, tmp_path: Path
) -> None:
    done = standards_bot(database_url, "demo", "--months", "1", "--seed", "7")
    assert done.returncode == 0, done.stderr
    assert "160 dilemma posts" in done.stdout  # 40 channels, a post a week
    db = Database(database_url)
    with db.unit_of_work() as session:
        teams = set(session.scalars(select(DilemmaPost.team_id)))
        left = (
            session.scalar(select(func.count()).select_from(OutboxMessage)),
            session.scalar(select(func.count()).select_from(Duty)),
        )
        closed = session.scalar(select(func.count()).where(DilemmaPost.status == "closed"))
        votes = session.scalar(select(func.sum(DilemmaPost.voters)))
    db.dispose()
    assert teams == {"TDEMOFORCE"}
    assert left == (0, 0)  # nothing queued for Slack, no duty left to run
    assert closed == 160
    assert f"with {votes} votes" in done.stdout
    month = (datetime.now(UTC).astimezone(ZoneInfo("Europe/London")).replace(day=1) - timedelta(days=1)).strftime(
        "%Y-%m"
    )
    export = standards_bot(database_url, "export", "--from", month, "--out", str(tmp_path))
    assert export.returncode == 0, export.stderr
    rows = list(csv.reader(io.StringIO(next(tmp_path.glob("*.csv")).read_text())))
    posted = next(row for row in rows if row[1] == "Dilemmas posted" and row[4] and row[3] != "month")
    assert posted[4] == "160"
    again = standards_bot(database_url, "demo", "--months", "1")
    assert again.returncode == 2
    assert "already holds demo data" in again.stderr
