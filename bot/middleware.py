"""Global Bolt middleware: hand listeners their dependencies, and drop Slack's retries of events already taken."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext, BoltRequest, BoltResponse
from sqlalchemy.exc import IntegrityError

from bot.deps import Deps
from storage.models import SeenEvent

log = logging.getLogger(__name__)


def inject_deps(deps: Deps) -> Callable[..., Any]:
    def middleware(context: BoltContext, next: Callable[[], BoltResponse]) -> BoltResponse:
        context["deps"] = deps
        return next()

    return middleware


def drop_repeated_events(deps: Deps) -> Callable[..., Any]:
    """Record each event_id in the database, so a retry is ignored by whichever web process receives it."""

    def middleware(body: dict[str, Any], request: BoltRequest, next: Callable[[], BoltResponse]) -> BoltResponse:
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if not event_id:
            return next()
        team_id = str(body.get("team_id") or "")
        try:
            with deps.db.unit_of_work() as session:
                session.add(SeenEvent(team_id=team_id, event_id=str(event_id)))
        except IntegrityError:
            retry = request.headers.get("x-slack-retry-num", ["?"])[0]
            log.info("event %s already taken; ignoring delivery (retry %s)", event_id, retry)
            return BoltResponse(status=200, body="")
        return next()

    return middleware


def deps_of(context: BoltContext) -> Deps:
    deps = context.get("deps")
    if not isinstance(deps, Deps):
        raise RuntimeError("the deps middleware did not run")
    return deps
