"""The outbox: Web API calls that must reach Slack, written with the change that causes them, then delivered.

Delivery claims a row with a short lease (so two processes never send it at once), sends it, and
records the result. Rate limits wait for Retry-After; other failures back off; a call that still
fails is marked failed, kept with its error for admins, and admins are alerted. Nothing is dropped.
"""

from __future__ import annotations

import base64
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from slack_sdk.errors import SlackApiError, SlackRequestError
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.crypto import DecryptionError, Keyring
from bot.features import features_of
from bot.outbox_claim import claim
from bot.outbox_errors import ALREADY_DONE, PERMANENT_ERRORS, describe
from bot.outbox_failed import QUESTIONS
from bot.outbox_sealing import UNOPENABLE, open_payload, seal_payload, sealed_blob
from storage.models import OutboxMessage, utcnow

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


# A hook (on_sent or on_failed) may return the ids of messages it enqueued that should go out at once. Each
# feature adds its hooks and recipient resolvers to Features (bot/features.py).
Hook = Callable[[Session, OutboxMessage, "Deps"], Iterable[int] | None]
Resolver = Callable[["Deps", dict[str, Any]], str]
# What Slack answered to the message whose on_sent hook is running (hooks must not call Slack themselves:
# they run inside a transaction, so one that needs an answer from Slack queues the call and reads it here).
_SENT_RESPONSE: ContextVar[dict[str, Any] | None] = ContextVar("outbox_sent_response", default=None)


def sent_response() -> dict[str, Any]:
    """In an on_sent hook: the data of Slack's answer to the message just sent."""
    return dict(_SENT_RESPONSE.get() or {})


def enqueue(
    session: Session,
    *,
    team_id: str,
    method: str,
    payload: dict[str, Any],
    purpose: str = "",
    refs: dict[str, int] | None = None,
    on_sent: str | None = None,
    on_failed: str | None = None,
    hook_args: dict[str, Any] | None = None,
    not_before: datetime | None = None,
    seal_with: Keyring | None = None,
    flush: bool = True,
) -> OutboxMessage:
    """Add a call to the outbox in the caller's transaction. `refs` fills payload fields from earlier sends:
    {"thread_ts": id} takes that message's ts; {"ts": id} takes its ts and channel (to update it).
    `seal_with` encrypts the whole payload at rest (confidential text), opened only to send it. With
    `flush=False` the row is written (and has its ID) only at the session's next flush."""
    hooks = features_of(session).hooks
    for name in (on_sent, on_failed):
        if name is not None and name not in hooks:
            raise KeyError(f"no outbox hook named {name!r}")
    message = OutboxMessage(
        team_id=team_id,
        method=method,
        payload={} if seal_with is not None else payload,
        purpose=purpose,
        refs=refs or {},
        on_sent=on_sent,
        on_failed=on_failed,
        hook_args=hook_args or {},
        status="pending",
        attempts=0,
        next_attempt_at=not_before or utcnow(),
    )
    session.add(message)
    if flush or seal_with is not None:
        session.flush()
    if seal_with is not None:
        message.payload = seal_payload(seal_with, message, payload)  # sealed to its row, so it needs the row's ID
        session.flush()
    return message


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    postponed: int = 0
    left: int = 0  # not tried because the round's time was spent


def deliver_due(
    deps: Deps, *, now: datetime | None = None, only: list[int] | None = None, budget: float | None = None
) -> DeliveryReport:
    """Send every pending message that is due (or just `only` those), oldest first. With a `budget` (seconds),
    no new message is started once it is spent: the rest stay pending for the next round."""
    report = DeliveryReport()
    stop_at = None if budget is None else time.monotonic() + budget
    cutoff = max(now or utcnow(), utcnow())
    with deps.db.unit_of_work() as session:
        query = (
            select(OutboxMessage.id)
            .where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= cutoff)
            .order_by(OutboxMessage.id)
            .limit(2000)
        )
        if only is not None:
            query = query.where(OutboxMessage.id.in_(only))
        ids = list(session.scalars(query))
    _deliver_ids(deps, ids, cutoff, report, stop_at)
    if report.failed:
        # A final failure alerts the admins; send those alerts now rather than at the next tick.
        with deps.db.unit_of_work() as session:
            alerts = list(
                session.scalars(
                    select(OutboxMessage.id).where(
                        OutboxMessage.status == "pending",
                        OutboxMessage.purpose == "admin-alert",
                        OutboxMessage.id.not_in(ids),
                    )
                )
            )
        _deliver_ids(deps, alerts, max(cutoff, utcnow()), DeliveryReport(), stop_at)
    return report


def deliver_soon(deps: Deps, ids: list[int]) -> None:
    """Send these messages from the process's few delivery threads, so the caller (a listener under load) is
    free at once. They are already in the database: if the process stops first, the clock sends them."""
    if ids:
        deps.delivery.submit(_deliver_quietly, deps, list(ids))


def _deliver_quietly(deps: Deps, ids: list[int]) -> None:
    try:
        deliver_due(deps, only=ids)
    except Exception:  # nothing is lost (the rows stay pending for the clock), but say so
        log.exception("outbox messages %s could not be delivered now; the clock will retry", ids)


def _deliver_ids(
    deps: Deps, ids: list[int], cutoff: datetime, report: DeliveryReport, stop_at: float | None = None
) -> None:
    queue = deque((message_id, cutoff) for message_id in ids)
    while queue:
        if stop_at is not None and time.monotonic() >= stop_at:
            report.left += len(queue)
            return
        message_id, due_by = queue.popleft()
        outcome, follow_ups = _deliver_one(deps, message_id, due_by)
        queue.extend((follow_up, max(cutoff, utcnow())) for follow_up in follow_ups)  # due since just now
        if outcome == "sent":
            report.sent += 1
        elif outcome == "failed":
            report.failed += 1
        elif outcome == "postponed":
            report.postponed += 1


def _deliver_one(deps: Deps, message_id: int, cutoff: datetime) -> tuple[str, list[int]]:
    """Send one message; returns the outcome and the follow-ups its hook asks to send at once."""
    message = claim(deps, message_id, cutoff)
    if message is None:
        return "skipped", []
    try:
        payload = open_payload(deps.keyring, message)
    except DecryptionError as exc:
        return _unopenable(deps, message, exc)
    resolved = _resolve_refs(deps, message, payload)
    if resolved != "ok":
        return _release(deps, message, resolved)
    data: dict[str, Any] = {}
    try:
        channel, ts, data = _send(deps, message.method, payload)
    except SlackApiError as exc:
        if describe(exc)[0] not in ALREADY_DONE.get(message.method, ()):
            return _record_failure(deps, message, exc)
        channel, ts = payload.get("channel"), None
    except (SlackRequestError, OSError) as exc:
        return _record_failure(deps, message, exc)
    except Exception as exc:  # a fault of ours (a resolver, a payload): keep the message, count the try
        log.exception("outbox message %s could not be prepared", message.id)
        return _record_failure(deps, message, exc)
    follow_ups: list[int] = []
    with deps.db.unit_of_work() as session:
        row = session.get(OutboxMessage, message.id)
        assert row is not None
        row.status, row.sent_at, row.lease_until = "sent", utcnow(), None
        row.result_channel, row.result_ts = channel, ts
        row.last_error = None
        if row.on_sent:
            token = _SENT_RESPONSE.set(data)
            try:
                follow_ups = list(deps.features.hooks[row.on_sent](session, row, deps) or ())
            finally:
                _SENT_RESPONSE.reset(token)
    return "sent", follow_ups


def _resolve_refs(deps: Deps, message: OutboxMessage, payload: dict[str, Any]) -> str:
    if not message.refs:
        return "ok"
    with deps.db.unit_of_work() as session:
        for field_name, ref_id in message.refs.items():
            parent = session.get(OutboxMessage, ref_id)
            if parent is None or parent.status == "failed":
                return "parent-failed"
            if parent.status != "sent":
                return "parent-pending"
            payload[field_name] = parent.result_ts
            if field_name == "ts":
                payload["channel"] = parent.result_channel
    return "ok"


def _release(deps: Deps, message: OutboxMessage, reason: str) -> tuple[str, list[int]]:
    with deps.db.unit_of_work() as session:
        row = session.get(OutboxMessage, message.id)
        assert row is not None
        row.lease_until = None
        if reason == "parent-pending":
            row.attempts -= 1  # waiting for the message it refers to is not a failed try
            row.next_attempt_at = utcnow() + timedelta(seconds=2)
            return "postponed", []
        row.status, row.last_error = "failed", "the message it refers to could not be delivered"
        return "failed", _after_final_failure(session, row, deps)


def _unopenable(deps: Deps, message: OutboxMessage, exc: DecryptionError) -> tuple[str, list[int]]:
    """No configured key opens the row: another try will not mend that, so it fails now, kept, and admins hear of it
    while the rest of the outbox goes on."""
    blob = sealed_blob(message)
    key_id = deps.keyring.key_id_of(blob) if blob else None
    log.warning("outbox message %s (%s) cannot be opened: %s", message.id, message.purpose, exc)
    with deps.db.unit_of_work() as session:
        row = session.get(OutboxMessage, message.id)
        assert row is not None
        row.lease_until, row.status = None, "failed"
        row.last_error = UNOPENABLE.format(key=f"key {key_id}" if key_id else "a key from before key IDs")
        return "failed", _after_final_failure(session, row, deps)


def _send(deps: Deps, method: str, payload: dict[str, Any]) -> tuple[str | None, str | None, dict[str, Any]]:
    client = deps.slack
    if "recipient" in payload:
        reference = payload.pop("recipient")
        payload["user"] = deps.features.resolvers[reference["resolver"]](deps, reference)
    if method in {"dm.post", "dm.upload"}:
        opened = client.conversations_open(users=payload.pop("user"))
        payload["channel"] = opened["channel"]["id"]
        method = "chat.postMessage" if method == "dm.post" else "files.upload_v2"
    if method == "files.upload_v2":
        client.files_upload_v2(**_with_file_bytes(payload))
        return payload.get("channel"), None, {}
    response = client.api_call(method, json=payload)
    data = response.data if isinstance(response.data, dict) else {}
    channel = data.get("channel") or payload.get("channel")
    if isinstance(channel, dict):  # conversations.* methods answer with the whole channel object
        channel = channel.get("id")
    return channel, data.get("ts") or data.get("message_ts"), data


def file_upload(filename: str, title: str, content: str | bytes) -> dict[str, Any]:
    """One file of a DM upload, as the payload keeps it: text as it is, bytes as base64 (the payload is JSON)."""
    if isinstance(content, bytes):
        return {"filename": filename, "title": title, "content_base64": base64.b64encode(content).decode()}
    return {"filename": filename, "title": title, "content": content}


def enqueue_dm_upload(
    session: Session, *, team_id: str, user_id: str, purpose: str, comment: str, files: list[dict[str, Any]]
) -> OutboxMessage:
    """Files (made by file_upload) sent to one person by direct message, with a comment."""
    payload = {"user": user_id, "file_uploads": files, "initial_comment": comment}
    return enqueue(session, team_id=team_id, method="dm.upload", purpose=purpose, payload=payload)


def _with_file_bytes(payload: dict[str, Any]) -> dict[str, Any]:
    """Binary files (a chart, a spreadsheet) are kept in the JSON payload as base64 under `content_base64`."""
    for item in [payload, *payload.get("file_uploads", [])]:
        if "content_base64" in item:
            item["content"] = base64.b64decode(item.pop("content_base64"))
    return payload


def _record_failure(deps: Deps, message: OutboxMessage, exc: Exception) -> tuple[str, list[int]]:
    error, retry_after = describe(exc)
    log.warning("outbox message %s (%s, %s) failed: %s", message.id, message.method, message.purpose, error)
    with deps.db.unit_of_work() as session:
        row = session.get(OutboxMessage, message.id)
        assert row is not None
        row.lease_until, row.last_error = None, error
        if error == "ratelimited":
            row.attempts -= 1  # Slack asked us to wait, not to give up: a rate limit is not a failed try
        if error in PERMANENT_ERRORS or row.attempts >= MAX_ATTEMPTS:
            row.status = "failed"
            return "failed", _after_final_failure(session, row, deps)
        delay = retry_after if retry_after is not None else min(30 * 2 ** (row.attempts - 1), 3600)
        row.next_attempt_at = utcnow() + timedelta(seconds=delay)
        return "postponed", []


def _after_final_failure(session: Session, row: OutboxMessage, deps: Deps) -> list[int]:
    """Run the on_failed hook and alert the admins; returns the hook's follow-ups, to be sent at once."""
    follow_ups = list(deps.features.hooks[row.on_failed](session, row, deps) or ()) if row.on_failed else []
    if row.purpose == "admin-alert" or row.method in QUESTIONS:
        return follow_ups  # an undeliverable alert stays visible in /standards report; no alert about alerts
    for admin in sorted(deps.settings.admins):
        enqueue(
            session,
            team_id=row.team_id,
            method="dm.post",
            purpose="admin-alert",
            payload={
                "user": admin,
                "text": (
                    f":warning: A message from Standards Bot could not be delivered ({row.purpose or row.method}): "
                    f"`{row.last_error}`. It is kept and listed in `/standards report`; nothing has been deleted."
                ),
            },
        )
    return follow_ups
