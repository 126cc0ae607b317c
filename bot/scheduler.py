"""APScheduler drives the clock: one tick a minute, at the top of the minute, plus one at start to catch up."""

from __future__ import annotations

import logging

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot import outbox
from bot.clock import tick
from bot.deps import Deps
from bot.wiring import register_all

log = logging.getLogger(__name__)

# How often the clock sends what has become due between ticks, and for how long each round may go on.
DELIVERY_EVERY = 2
DELIVERY_ROUND = 10.0


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


def _safe_delivery(deps: Deps) -> None:
    """Between ticks, send what has become due (a message postponed by a rate limit, a follow-up of a hook)."""
    try:
        report = outbox.deliver_due(deps, budget=DELIVERY_ROUND)
    except Exception:  # the database may be briefly unreachable; the next round tries again
        log.exception("delivery round failed")
        return
    if report.sent or report.failed:
        log.info("delivery round: delivered %d, %d failed, %d left", report.sent, report.failed, report.left)


def _add_jobs(scheduler: BaseScheduler, deps: Deps) -> None:
    register_all(deps.features)
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
    scheduler.add_job(
        _safe_delivery,
        IntervalTrigger(seconds=DELIVERY_EVERY),
        args=[deps],
        id="delivery",
        coalesce=True,
        max_instances=1,
    )


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
