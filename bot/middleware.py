"""The app's global Bolt middleware: dependencies and held answers for listeners, and Slack's retries of events
dropped."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware
from sqlalchemy.exc import IntegrityError

from bot.acknowledge import hold_answers
from bot.deps import Deps
from storage.models import SeenEvent

log = logging.getLogger(__name__)


class PrepareRequest(Middleware):
    """The app's one global middleware: hands listeners their dependencies and a `respond` that holds answers
    back until the acknowledgement (bot.acknowledge), and drops Slack's retries of events already taken. A
    Middleware object rather than a function: Bolt calls it as it is, where it would build every argument a
    function could ask for (two dozen objects) on every request."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse | None:
        body, context = req.body, req.context
        context["deps"] = self.deps
        hold_answers(body, context)
        if body.get("type") == "event_callback" and _already_taken(self.deps, body, req):
            return BoltResponse(status=200, body="")
        return next()


def _already_taken(deps: Deps, body: dict[str, Any], request: BoltRequest) -> bool:
    """Record each event_id in the database, so a retry is ignored by whichever web process receives it."""
    event_id = body.get("event_id")
    if not event_id:
        return False
    try:
        with deps.db.unit_of_work() as session:
            session.add(SeenEvent(team_id=str(body.get("team_id") or ""), event_id=str(event_id)))
    except IntegrityError:
        retry = request.headers.get("x-slack-retry-num", ["?"])[0]
        log.info("event %s already taken; ignoring delivery (retry %s)", event_id, retry)
        return True
    return False


def deps_of(context: BoltContext) -> Deps:
    deps = context.get("deps")
    if not isinstance(deps, Deps):
        raise RuntimeError("the deps middleware did not run")
    return deps
