"""What Slack's answers mean to the outbox: errors another try will not mend, errors that mean a call's purpose is
already met, and the short description kept with a message that failed."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError, SlackRequestError

# Errors that another try will not mend: the message is marked failed at once, for an admin to see.
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found", "not_in_channel", "is_archived", "invalid_blocks", "invalid_arguments",
        "msg_too_long", "no_text", "user_not_found", "user_not_in_channel", "account_inactive",
        "invalid_auth", "not_authed", "token_revoked", "message_not_found", "cant_update_message",
        "restricted_action", "missing_scope", "cannot_dm_bot", "user_disabled", "invalid_ts", "cant_invite",
        "cant_invite_self", "method_not_supported_for_channel_type",
    }
)  # fmt: skip


# Errors that mean the call's purpose is already met (the person is in the channel, the message is gone):
# counted as sent.
ALREADY_DONE = {
    "conversations.invite": frozenset({"already_in_channel"}),
    "chat.delete": frozenset({"message_not_found"}),  # someone deleted it already
}


def describe(exc: Exception) -> tuple[str, int | None]:
    if isinstance(exc, SlackApiError):
        response = exc.response
        if response.status_code == 429:
            return "ratelimited", int(response.headers.get("Retry-After", response.headers.get("retry-after", 30)))
        error = response.get("error") if isinstance(response.data, dict) else None
        return str(error or f"HTTP {response.status_code}"), None
    if isinstance(exc, SlackRequestError | OSError):
        return f"{type(exc).__name__}: could not reach Slack", None
    return f"{type(exc).__name__} while preparing the message", None
