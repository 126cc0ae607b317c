"""The app factory: a Bolt App wired to the settings, the database and every feature's listeners."""

from __future__ import annotations

import logging
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.error import BoltUnhandledRequestError

from bot.deps import Deps
from bot.middleware import drop_repeated_events, inject_deps
from bot.texts import common

log = logging.getLogger(__name__)


def create_app(deps: Deps, *, listener_executor: Executor | None = None) -> App:
    settings = deps.settings
    signing_secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else None
    app = App(
        client=deps.slack,
        signing_secret=signing_secret or "socket-mode-does-not-sign",
        request_verification_enabled=signing_secret is not None,
        token_verification_enabled=False,
        raise_error_for_unhandled_request=True,
        process_before_response=False,
        # Acknowledgements run on this pool too: make it large enough that an ack never queues behind
        # listeners that are waiting on the database or on Slack (Bolt's default is about six threads).
        listener_executor=listener_executor or ThreadPoolExecutor(max_workers=64, thread_name_prefix="listener"),
    )
    app.use(inject_deps(deps))
    app.use(drop_repeated_events(deps))
    app.error(_answer_errors)

    import bot.services  # noqa: F401 - registers duties and outbox hooks
    import handlers  # imported here so that importing bot.app stays cheap for the CLI

    handlers.register_all(app)
    return app


def _answer_errors(error: Exception, body: dict[str, Any], respond: Any, logger: logging.Logger) -> BoltResponse | None:
    """Log the fault; tell the person privately, in plain words; never show Slack an error."""
    if isinstance(error, BoltUnhandledRequestError):
        # Link buttons and other elements we do not act on still send a request; acknowledge quietly.
        return BoltResponse(status=200, body="")
    logger.exception("listener failed for a %s request", body.get("type") or "slash command")
    if respond is not None and body.get("response_url"):
        try:
            respond(text=common.FAULT, response_type="ephemeral", replace_original=False)
        except Exception:  # the answer is a courtesy; the fault is already logged
            logger.exception("could not tell the person about the fault")
    return None
