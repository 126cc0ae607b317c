"""How a request from Slack is answered: the work first, then the acknowledgement, then the follow-ups.

An acknowledgement is a promise: Slack shows the person that their click or form went through. So a listener
runs in the request's own thread (Bolt's process_before_response) and does its database work, in short
transactions, before the HTTP response leaves. Whatever the listener then says to Slack is held back until the
response has gone:

- a slash command's first private answer rides in the acknowledgement itself (no second round trip);
- any other answer (response_url posts, forms to open, outbox deliveries) is a *follow-up*, run after the
  response on the process's delivery threads, in the order the listener asked for them.

The database gets a bounded wait (REQUEST_DEADLINE): if it cannot take the work in time, the acknowledgement
says plainly that nothing was recorded (see `bot.app`). The time of an action is when its request arrived.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from slack_bolt import BoltContext, BoltResponse

from bot.texts import common
from storage.models import utcnow

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger(__name__)

# Slack gives up on an acknowledgement after 3 s. The database work of a request must be done well before,
# leaving room for the network and the answer itself.
REQUEST_DEADLINE = 2.0
ACK_BODY_FIELDS = ("text", "blocks", "attachments", "response_type", "unfurl_links", "unfurl_media")


class FollowUps:
    """What a listener asked to send to Slack, held until its acknowledgement has been returned."""

    def __init__(self, respond: Callable[..., Any] | None) -> None:
        self._respond = respond
        self._calls: list[Callable[[], Any]] = []

    def set_fault_answer(self, respond: Callable[..., Any] | None) -> None:
        self._respond = respond

    def add(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self._calls.append(partial(fn, *args, **kwargs))

    def __bool__(self) -> bool:
        return bool(self._calls)

    def run(self) -> None:
        for call in self._calls:
            try:
                call()
            except Exception:  # one failed follow-up must not stop the others; the person is told once
                log.exception("a follow-up to Slack failed")
                self._tell_fault()

    def _tell_fault(self) -> None:
        if self._respond is None:
            return
        try:
            self._respond(text=common.FAULT, response_type="ephemeral", replace_original=False)
        except Exception:  # the answer is a courtesy; the fault is already logged
            log.exception("could not tell the person about the fault")
        self._respond = None


class HeldRespond:
    """Stands in for Bolt's `respond`: a command's first answer goes into its acknowledgement; the rest wait."""

    def __init__(self, context: BoltContext, follow_ups: FollowUps, *, is_command: bool) -> None:
        self._context, self._follow_ups, self._is_command = context, follow_ups, is_command
        self._real = _poster(context) if context.response_url else None
        self._answered = False
        self._sent = False

    def after(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Call `fn` once the acknowledgement has gone (at once if it already has)."""
        if self._sent:
            fn(*args, **kwargs)
        else:
            self._follow_ups.add(fn, *args, **kwargs)

    def acknowledged(self) -> None:
        """The acknowledgement has gone: from now on (in follow-ups) answers go straight to response_url."""
        self._sent = True

    def __call__(self, **reply: Any) -> None:
        if self._sent:
            if self._real is not None:
                self._real(**reply)
            return
        ack = self._context.ack
        if self._is_command and not self._answered and ack is not None and _empty(ack.response):
            self._answered = True
            ack(**{name: value for name, value in reply.items() if name in ACK_BODY_FIELDS})
            return
        if self._real is None:
            log.warning("an answer was dropped: the request has no response_url")
            return
        self._follow_ups.add(self._real, **reply)


def _poster(context: BoltContext) -> Callable[..., Any]:
    """Answers to this request's response_url, over the process's kept-alive connections (bot.response_urls)
    when it has them, else by Bolt's own respond."""
    url, deps = context.response_url, context.get("deps")
    poster = getattr(deps, "responses", None)
    if url is None or poster is None:
        respond = context.respond
        assert respond is not None
        return respond
    return partial(poster.post, url)


def _empty(response: BoltResponse | None) -> bool:
    return response is None or not response.body


class RequestScope:
    """One request's arrival time and follow-ups, from the moment Bolt is handed it until it has answered."""

    def __init__(self) -> None:
        self.arrived_at = utcnow()
        self.follow_ups = FollowUps(None)
        self.held: HeldRespond | None = None

    def answered(self, deps: Deps) -> None:
        """The acknowledgement is on its way: release what was held back."""
        if self.held is not None:
            self.held.acknowledged()
        if self.follow_ups:
            deps.delivery.submit(self.follow_ups.run)


_SCOPE: ContextVar[RequestScope | None] = ContextVar("request_scope", default=None)


@contextmanager
def request_scope(deps: Deps) -> Iterator[RequestScope]:
    """Around Bolt's dispatch of one request (HTTP or Socket Mode): the work inside has a bounded wait for the
    database; the follow-ups start when the block ends, that is once the acknowledgement is ready."""
    scope = RequestScope()
    token = _SCOPE.set(scope)
    try:
        with deps.db.deadline(REQUEST_DEADLINE):
            yield scope
    finally:
        _SCOPE.reset(token)
        scope.answered(deps)


def hold_answers(body: dict[str, Any], context: BoltContext) -> None:
    """Gives listeners the request's arrival time, and a `respond` that holds answers back (called by the app's
    middleware, bot.middleware.PrepareRequest)."""
    scope = _SCOPE.get()
    if scope is None:  # dispatched without a scope (a test of a listener alone): answer as Bolt would
        return
    context["arrived_at"] = scope.arrived_at
    context["follow_ups"] = scope.follow_ups
    if context.response_url:
        scope.follow_ups.set_fault_answer(_poster(context))
    scope.held = HeldRespond(context, scope.follow_ups, is_command="command" in body)
    context["respond"] = scope.held


def arrived_at(context: BoltContext) -> datetime:
    """When the request reached the bot: the time its action counts at (a vote before the close counts)."""
    found = context.get("arrived_at")
    return found if isinstance(found, datetime) else utcnow()


def after_ack(context: BoltContext, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Call `fn` once the acknowledgement has gone (at once when outside a request, as in tests of handlers)."""
    follow_ups = context.get("follow_ups")
    if isinstance(follow_ups, FollowUps):
        follow_ups.add(fn, *args, **kwargs)
    else:
        fn(*args, **kwargs)
