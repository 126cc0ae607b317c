"""Requests from Slack read as Slack meant them.

Bolt tells an interaction (a form body with one `payload` field of JSON) from a slash command by looking for
the word "payload" anywhere in the body. So a command whose text, channel name or user name holds that word
was read as an empty interaction, matched no listener and went unanswered. Here a form body is read by its
fields: it is an interaction only when it has a `payload` field. Under the web app the request guard has already
read the body so (bot.request_guard.PARSED_BODY), and it is not parsed a second time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qsl

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.context import BoltContext
from slack_bolt.request.internals import build_context

from bot.request_guard import PARSED_BODY

FORM = "application/x-www-form-urlencoded"


def read_request(
    raw_body: str, query: str, headers: dict[str, str | Sequence[str]], parsed: dict[str, Any] | None = None
) -> BoltRequest:
    if parsed is not None:
        request = BoltRequest(body="", query=query, headers=headers)
        request.raw_body, request.body = raw_body, parsed  # the signature is checked against the raw body
        request.context = build_context(BoltContext({}), parsed)
        return request
    request = BoltRequest(body=raw_body, query=query, headers=headers)
    if request.content_type == FORM and not raw_body.lstrip().startswith("{"):
        fields = dict(parse_qsl(raw_body, keep_blank_values=True))
        if "payload" not in fields and "payload" in raw_body:
            request.body = fields
            request.context = build_context(BoltContext({}), fields)
    return request


class SlackRequests(SlackRequestHandler):
    """Bolt's WSGI adapter, reading each form body by its fields (see the module's docstring)."""

    def dispatch(self, request: WsgiHttpRequest) -> BoltResponse:
        headers = request.get_headers()
        parsed = request.environ.get(PARSED_BODY)
        return self.app.dispatch(read_request(request.get_body(), request.query_string, headers, parsed))
