"""A guard against talking to Slack while a database transaction is open.

A transaction that waits on the network holds its locks (on SQLite, the whole database) for as long as
Slack takes, a rate limit's Retry-After included, and every other writer queues behind it. The rule is:
read what is needed from Slack before the transaction, or queue the call in the outbox after it.

The guard is off in production. The test suite turns it on for every test (and, through the environment
variable, for every process a test starts): a Web API call or a response_url post made inside a unit of
work then raises, and is remembered so that the test fails even when the call was made on a server thread.
"""

from __future__ import annotations

import os
import threading
import traceback
from collections.abc import Callable
from typing import Any

from slack_sdk.web.base_client import BaseClient
from slack_sdk.webhook.client import WebhookClient

from bot.response_urls import ResponsePoster
from storage.db import in_unit_of_work

ENV_VAR = "STANDARDS_BOT_NETWORK_GUARD"

_violations: list[str] = []
_lock = threading.Lock()
_installed = False


class NetworkCallInTransaction(RuntimeError):
    """Slack was called while this thread had a database transaction open."""


def _check(what: str) -> None:
    if in_unit_of_work():
        stack = "".join(traceback.format_stack(limit=12)[:-2])
        with _lock:
            _violations.append(f"{what} inside a database transaction\n{stack}")
        raise NetworkCallInTransaction(f"{what} was called inside a database transaction")


def _guarded(what: str, original: Callable[..., Any]) -> Callable[..., Any]:
    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        _check(what)
        return original(self, *args, **kwargs)

    return call


def install() -> None:
    """Refuse network calls inside units of work from now on, in this process."""
    global _installed
    if _installed:
        return
    BaseClient.api_call = _guarded("a Slack Web API call", BaseClient.api_call)  # type: ignore[method-assign]
    WebhookClient.send_dict = _guarded("a response_url post", WebhookClient.send_dict)  # type: ignore[method-assign]
    ResponsePoster.post = _guarded("a response_url post", ResponsePoster.post)  # type: ignore[method-assign]
    _installed = True


def install_if_asked() -> None:
    if os.environ.get(ENV_VAR) == "1":
        install()


def take_violations() -> list[str]:
    with _lock:
        found = list(_violations)
        _violations.clear()
    return found
