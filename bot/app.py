"""The app factory: a Bolt App wired to the settings, the database and every feature's listeners."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from typing import Any, cast

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.error import BoltUnhandledRequestError
from slack_bolt.listener_matcher import ListenerMatcher
from slack_bolt.listener_matcher.builtins import BuiltinListenerMatcher
from slack_sdk.webhook import WebhookClient
from sqlalchemy.exc import DBAPIError

from bot.acknowledge import request_scope
from bot.deps import Deps
from bot.middleware import PrepareRequest
from bot.texts import common
from bot.wiring import register_all
from storage.db import UNAVAILABLE_ERRORS

log = logging.getLogger(__name__)

# How long the answer "not recorded" may take to reach Slack before the acknowledgement (REQUEST_DEADLINE + this
# stays under Slack's 3 s).
TELL_NOW_TIMEOUT = 0.6
# Nothing of the request was written: the database could not take it in time or be reached (UNAVAILABLE_ERRORS),
# or the driver refused a statement.
NOT_RECORDED_ERRORS = (*UNAVAILABLE_ERRORS, DBAPIError)


class StandardsApp(App):
    """Bolt's App, with each request dispatched inside its scope (bot.acknowledge): the listener's database work
    is done, within a bounded wait, before the acknowledgement; what it says to Slack afterwards follows it."""

    def __init__(self, deps: Deps, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.deps = deps

    def dispatch(self, req: BoltRequest) -> BoltResponse:
        with request_scope(self.deps):
            return super().dispatch(req)

    def _register_listener(
        self, functions: Sequence[Callable[..., Any]], primary_matcher: ListenerMatcher, *args: Any, **kwargs: Any
    ) -> Any:
        return super()._register_listener(functions, BodyMatcher.lighter(primary_matcher), *args, **kwargs)


# Bolt's tests of a button's listener (`app.action`): on a block_actions body they read only the first action's
# action ID and block ID.
_BUTTON_TESTS = frozenset({"action.<locals>.func", "block_action.<locals>.func"})
# A button's listener remembers its answer for this many (action ID, block ID) pairs, then starts again.
KNOWN_BUTTONS = 4096


class BodyMatcher(ListenerMatcher):
    """Bolt's own test of a listener's constraint (its command, action ID, callback ID or event type), given the
    request's body alone. Bolt tries every listener in turn, and its matcher first builds all the arguments a
    listener could take (ack, say, respond, client and twenty more) to pass the one it reads: with 68 listeners, a
    vote click spent more on being matched than on being recorded.

    A button click is still tried against every button's listener, each of which reads the click's action again;
    so a button's listener remembers, for each action ID and block ID it has seen, whether it matched."""

    def __init__(self, test: Callable[[dict[str, Any]], bool], *, by_button: bool = False) -> None:
        self.test = test
        self._by_button = by_button
        self._known: dict[tuple[str | None, str | None], bool] = {}

    @classmethod
    def lighter(cls, matcher: ListenerMatcher) -> ListenerMatcher:
        if isinstance(matcher, BuiltinListenerMatcher) and list(matcher.arg_names) == ["body"]:
            by_button = getattr(matcher.func, "__qualname__", "") in _BUTTON_TESTS
            return cls(matcher.func, by_button=by_button)  # type: ignore[arg-type]
        return matcher

    def matches(self, req: BoltRequest, resp: BoltResponse) -> bool:
        body = req.body
        key = _button_of(body) if self._by_button else None
        if key is None:
            return bool(self.test(body))
        known = self._known.get(key)
        if known is None:
            if len(self._known) >= KNOWN_BUTTONS:
                self._known.clear()
            known = self._known[key] = bool(self.test(body))
        return known


def _button_of(body: dict[str, Any]) -> tuple[str | None, str | None] | None:
    """A block_actions body's first action, as (action ID, block ID); None for any other body, or a malformed one."""
    if body.get("type") != "block_actions":
        return None
    actions = body.get("actions")
    first = actions[0] if isinstance(actions, list) and actions else None
    if not isinstance(first, dict):
        return None
    action_id, block_id = first.get("action_id"), first.get("block_id")
    if not isinstance(action_id, str | None) or not isinstance(block_id, str | None):
        return None
    return action_id, block_id


def create_app(deps: Deps) -> App:
    settings = deps.settings
    signing_secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else None
    app = StandardsApp(
        deps,
        client=deps.slack,
        signing_secret=signing_secret or "socket-mode-does-not-sign",
        request_verification_enabled=signing_secret is not None,
        token_verification_enabled=False,
        raise_error_for_unhandled_request=True,
        # Listeners run in the request's thread and acknowledge when their database work is done: an
        # acknowledgement is only sent for what is recorded (bot.acknowledge).
        process_before_response=True,
    )
    app.use(PrepareRequest(deps))
    app.error(_answer_errors)

    register_all(deps.features, app)
    return app


def _answer_errors(error: Exception, body: dict[str, Any], respond: Any, logger: logging.Logger) -> BoltResponse:
    """Log the fault; tell the person privately, in plain words; never show Slack an error."""
    if isinstance(error, BoltUnhandledRequestError):
        # Link buttons and other elements we do not act on still send a request; acknowledge quietly.
        return BoltResponse(status=200, body="")
    not_recorded = isinstance(error, NOT_RECORDED_ERRORS)
    if not_recorded:
        # No parameters in the log: they may hold what a person wrote.
        logger.warning("a %s request was not recorded: %s", _kind(body), type(error).__name__)
    else:
        logger.exception("listener failed for a %s request", _kind(body))
    words = common.NOT_RECORDED if not_recorded else common.FAULT
    if body.get("type") == "view_submission":
        return _form_error(body, words)
    if body.get("command"):
        answer = {"response_type": "ephemeral", "text": words}
        return BoltResponse(status=200, body=json.dumps(answer), headers={"content-type": "application/json"})
    if body.get("response_url"):
        _tell_now(str(body["response_url"]), words) if not_recorded else _tell_later(respond, words)
    return BoltResponse(status=200, body="")


def _tell_now(response_url: str, words: str) -> None:
    """A click that was not recorded is told so before its acknowledgement leaves, so that no crash in between can
    leave the person believing it went through (Slack shows nothing of a button's acknowledgement itself)."""
    try:
        # slack_sdk annotates the timeout as an int, but hands it to urllib, which takes fractions of a second
        WebhookClient(response_url, timeout=cast(int, TELL_NOW_TIMEOUT)).send(
            text=words, response_type="ephemeral", replace_original=False
        )
    except Exception:  # the acknowledgement must still go in time; the fault is logged
        log.exception("could not tell the person that their click was not recorded")


def _tell_later(respond: Any, words: str) -> None:
    if respond is not None:
        respond(text=words, response_type="ephemeral", replace_original=False)


def _kind(body: dict[str, Any]) -> str:
    return str(body.get("type") or ("slash command" if body.get("command") else "unknown"))


def _form_error(body: dict[str, Any], words: str) -> BoltResponse:
    """A form that could not be saved stays open, with what the person wrote, and says why beside a field."""
    view = body.get("view") or {}
    inputs = [block.get("block_id") for block in view.get("blocks") or [] if block.get("type") == "input"]
    if not inputs:
        return BoltResponse(status=200, body="")
    answer = {"response_action": "errors", "errors": {inputs[0]: words}}
    return BoltResponse(status=200, body=json.dumps(answer), headers={"content-type": "application/json"})
