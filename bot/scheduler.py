"""APScheduler drives the clock: one tick a minute, at the top of the minute, plus one at start to catch up."""

from __future__ import annotations

import logging

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger

import bot.services  # noqa: F401 - registers every duty and outbox hook
from bot.clock import tick
from bot.deps import Deps

log = logging.getLogger(__name__)


def _safe_tick(deps: Deps) -> None:
    try:
        report = tick(deps)
    except Exception:  # the database may be briefly unreachable; the next minute tries again
        log.exception("tick failed")
        return
    if report.ran or report.failed or report.delivery.sent or report.delivery.failed:
        log.info(
            "tick: ran %d duties, %d failed; delivered %d, %d failed",
            len(report.ran), len(report.failed), report.delivery.sent, report.delivery.failed,
        )  # fmt: skip


def _add_jobs(scheduler: BaseScheduler, deps: Deps) -> None:
    scheduler.add_job(
        _safe_tick,
        CronTrigger(second=0, timezone="UTC"),
        args=[deps],
        id="tick",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=50,
    )
    scheduler.add_job(_safe_tick, args=[deps], id="catch-up")  # runs once, straight away


def start_in_background(deps: Deps) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(timezone="UTC")
    _add_jobs(scheduler, deps)
    scheduler.start()
    return scheduler


def run_forever(deps: Deps) -> None:
    scheduler = BlockingScheduler(timezone="UTC")
    _add_jobs(scheduler, deps)
    log.info("clock started: ticking every minute")
    scheduler.start()
