"""`standards-bot report` and `export`: the impact report as a PDF or as files.

They need only DATABASE_URL (and the content), never a Slack token."""

from __future__ import annotations

import argparse
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, union

from bot.settings import ConfigError, load_settings
from storage.models import utcnow


def add_commands(commands: Any) -> None:
    """Add the subcommands to the `standards-bot` parser's subparsers."""
    for name, help_text, out_help, handler in (
        ("report", "the board-ready impact summary for a period, as a PDF", "the PDF file to write", _report),
        ("export", "the period's figures as CSV and XLSX files", "the directory to write them in", _export),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument(
            "--from", dest="start", default=None, help="first day or month, e.g. 2026-10-01 or 2026-10"
        )
        command.add_argument("--to", dest="end", default=None, help="last day or month, included (default: as --from)")
        command.add_argument("--out", required=True, type=Path, help=out_help)
        command.add_argument("--team", default=None, help="the Slack team ID, when the database serves several")
        command.set_defaults(handler=handler)
    demo = commands.add_parser("demo", help="fill the database with a year of a demo force, to try the reports on")
    demo.add_argument("--team", default="TDEMOFORCE", help="the Slack team ID to give the demo data")
    demo.add_argument("--seed", type=int, default=2026, help="the random seed, so that a run can be repeated")
    demo.add_argument("--months", type=int, default=12, help="how many full months before this one to fill")
    demo.set_defaults(handler=_demo)


def _open(args: argparse.Namespace) -> tuple[Any, Any, Any]:
    """The database (brought up to date checked), the content and the period the arguments name."""
    from bot.services.impact.period import PeriodError, parse
    from dilemmas.loader import load_content
    from storage.db import Database
    from storage.migrate import is_up_to_date

    settings = load_settings()
    words = [word for word in (args.start, args.end) if word]
    if args.end and not args.start:
        raise ConfigError("--to needs --from: give the first day or month of the period too.")
    today = utcnow().astimezone(settings.tz).date()
    try:
        period = parse(words, today, settings.tz)
    except PeriodError:
        raise ConfigError(
            f"{' '.join(words)!r} is not a period: use days such as 2026-10-01 or months such as 2026-10."
        ) from None
    db = Database(settings.database_url)
    if not is_up_to_date(db.engine):
        db.dispose()
        raise ConfigError("the database schema is not up to date: run `standards-bot migrate` first.")
    return db, load_content(settings.content_dir), period


def _team(session: Any, wanted: str | None) -> str:
    from storage.models.concerns import ConcernCase
    from storage.models.cpd import CpdEvent
    from storage.models.dilemmas import DilemmaPost
    from storage.models.impact import CardMonthTally

    if wanted:
        return wanted
    found = sorted(
        session.scalars(
            union(*(select(table.team_id) for table in (DilemmaPost, ConcernCase, CpdEvent, CardMonthTally)))
        )
    )
    if len(found) != 1:
        raise ConfigError(
            f"the database holds {len(found)} workspaces ({', '.join(found) or 'none'}): choose one with --team."
        )
    return str(found[0])


def _build(args: argparse.Namespace) -> Any:
    from dataclasses import replace

    from bot.services.dilemmas import bank
    from bot.services.impact import report as impact
    from bot.texts import impact as texts
    from dilemmas.concerns_config import load_config

    db, content, period = _open(args)
    labels = load_config(load_settings().content_dir).label
    try:
        with db.unit_of_work() as session:
            team_id = _team(session, args.team)
            content = replace(content, dilemmas=bank.shown_with(session, content.dilemmas, team_id))
            return impact.build(session, team_id, content, period, utcnow(), labels, texts=texts)
    finally:
        db.dispose()


def _report(args: argparse.Namespace) -> int:
    from bot import pdf

    report = _build(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(pdf.summary_pdf(report, datetime.now().date()))
    print(f"standards-bot: wrote the impact summary for {report.period_label} to {args.out}.")
    return 0


def _export(args: argparse.Namespace) -> int:
    from bot.services.impact import exports
    from bot.texts import impact as texts

    report = _build(args)
    args.out.mkdir(parents=True, exist_ok=True)
    stem = f"standards-impact-{report.period_label.lower().replace(' ', '-')}"
    (args.out / f"{stem}.csv").write_text(exports.to_csv(report, texts), encoding="utf-8")
    (args.out / f"{stem}.xlsx").write_bytes(exports.to_xlsx(report, texts))
    print(f"standards-bot: wrote {stem}.csv and {stem}.xlsx to {args.out}.")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from bot.demo import fill

    logging.getLogger("bot.services").setLevel(logging.WARNING)  # not a line for each of the demo's concerns
    print(f"standards-bot: {fill(load_settings(), team_id=args.team, seed=args.seed, months=args.months)}")
    return 0
