"""What every listener, duty and delivery needs, built once per process from the settings."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from slack_sdk import WebClient
from slack_sdk.http_retry import HttpRequest, HttpResponse, RetryState
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from bot import logging_policy
from bot.batches import Batches
from bot.crypto import Keyring
from bot.features import SESSION_KEY, Features
from bot.response_urls import ResponsePoster
from bot.settings import Settings
from dilemmas.loader import Content, load_content
from storage.db import Database

if TYPE_CHECKING:
    from bot.services.messages import Messages

log = logging.getLogger(__name__)

# Tests and operators without a key (content checks, migrations) still get a working keyring.
_UNSET_KEY = "standards-bot-key-not-configured"
# Outbox messages handed over by busy listeners are sent by this many threads per process: enough to keep up,
# few enough that they never crowd out the threads that acknowledge Slack within its 3 seconds.
DELIVERY_THREADS = 4


class ShortRateLimitWaits(RateLimitErrorRetryHandler):
    """Waits out a rate limit only when Slack asks for a short pause. A longer Retry-After is left to the caller:
    the outbox then keeps the message and sends it when it is due, so no thread (and no `tick`) sleeps for it."""

    def __init__(self, max_retry_count: int, max_wait: float) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.max_wait = max_wait

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is None or response.status_code != 429:
            return False
        waits = [value for key, values in response.headers.items() if key.lower() == "retry-after" for value in values]
        try:
            wait = float(waits[0]) if waits else 1.0
        except ValueError:
            return False
        return wait <= self.max_wait


def make_slack_client(settings: Settings, *, rate_limit_retries: int = 3, max_wait: float = 2.0) -> WebClient:
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return WebClient(
        token=token,
        base_url=settings.slack_api_url,
        timeout=15,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            ShortRateLimitWaits(max_retry_count=rate_limit_retries, max_wait=max_wait),
        ],
    )


def view_layer() -> Messages:
    """The view layer's modules, as the services' `messages` declare them."""
    # Imported here: the view layer imports the services' rules, and the services import this module.
    from bot.blocks import ambassadors as ambassador_blocks
    from bot.blocks import cards as card_blocks
    from bot.blocks import concern_cases as case_blocks
    from bot.blocks import concerns as concern_blocks
    from bot.blocks import cpd as cpd_blocks
    from bot.blocks import dilemmas as dilemma_blocks
    from bot.services.messages import Messages
    from bot.texts import ambassador_applications as ambassador_texts
    from bot.texts import cards as card_texts
    from bot.texts import concerns as concern_texts
    from bot.texts import cpd as cpd_texts
    from bot.texts import dilemmas as dilemma_texts
    from bot.texts import impact as impact_texts

    return Messages(
        ambassador_blocks=ambassador_blocks,
        ambassador_texts=ambassador_texts,
        card_blocks=card_blocks,
        card_texts=card_texts,
        concern_blocks=concern_blocks,
        case_blocks=case_blocks,
        concern_texts=concern_texts,
        cpd_blocks=cpd_blocks,
        cpd_texts=cpd_texts,
        dilemma_blocks=dilemma_blocks,
        dilemma_texts=dilemma_texts,
        impact_texts=impact_texts,
    )


@dataclass
class Deps:
    settings: Settings
    db: Database
    slack: WebClient
    keyring: Keyring
    # The words and Block Kit the services queue with their changes: the view layer, given here at start-up.
    messages: Messages
    _content: Content | None = field(default=None, repr=False)
    # Filled at start-up by bot.wiring.register_all: what each feature adds to the clock, the outbox, the report
    # and the Home tab.
    features: Features = field(default_factory=Features, repr=False)
    # What this process has learned and keeps in memory only (limits on tries, the case channel's verdict).
    state: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.db.session_info[SESSION_KEY] = self.features

    @classmethod
    def from_settings(cls, settings: Settings, *, content: Content | None = None) -> Deps:
        logging_policy.install()
        secret = settings.secret_key.get_secret_value() if settings.secret_key else _UNSET_KEY
        return cls(
            settings=settings,
            db=Database(settings.database_url),
            slack=make_slack_client(settings),
            keyring=Keyring(secret, [key.get_secret_value() for key in settings.previous_secret_keys]),
            messages=view_layer(),
            _content=content,
        )

    @cached_property
    def content(self) -> Content:
        if self._content is None:
            self._content = load_content(self.settings.content_dir, self.settings.signposts)
        return self._content

    @cached_property
    def batches(self) -> Batches:
        """Work on a busy row done for many of this process's requests at once (bot.batches)."""
        return Batches()

    @cached_property
    def responses(self) -> ResponsePoster:
        """Posts answers to response URLs, over kept-alive connections."""
        return ResponsePoster()

    @cached_property
    def delivery(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(max_workers=DELIVERY_THREADS, thread_name_prefix="delivery")

    def close(self) -> None:
        if "delivery" in self.__dict__:
            self.delivery.shutdown(wait=True)
        if "responses" in self.__dict__:
            self.responses.close()
        self.db.dispose()
