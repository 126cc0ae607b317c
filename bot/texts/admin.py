"""Words for /standards."""

from __future__ import annotations

HELP = (
    "*`/standards`* is for the standards team.\n"
    "• `/standards report [from] [to]` the figures for a period (last month by default, or `2026-10`, "
    "`2026-07 2026-09`, `2026-10-01 2026-10-15`) against the period before, with charts in a direct message, "
    "and anything that could not be delivered\n"
    "• `/standards export [from] [to]` the same figures as CSV and XLSX files, sent to you privately\n"
    "• `/standards department #channel <department>` counts a team channel's dilemma figures for a department\n"
    "• `/standards settings` the current configuration (never the secrets)\n"
    "• `/standards help` this help"
)
REPORT_TITLE = "Standards Bot report"
NO_PROBLEMS = ":white_check_mark: Everything the bot had to send has been delivered."
PROBLEMS_INTRO = ":warning: These could not be delivered. They are kept; press Retry once the cause is fixed."
RETRY = "Retry"
RETRIED = "Queued again for delivery: it will be sent within a minute."
NOT_RETRIED = "That message is no longer waiting to be retried."
EXPORT_SENT = "The CSV and XLSX files are on their way to you in a direct message from the bot."
EXPORT_COMMENT = "Standards Bot: anonymous counts (no names or user IDs)."
NOT_SET = "not set"


def settings_lines(values: dict[str, str]) -> str:
    return "\n".join(f"• `{name}`: {value}" for name, value in values.items())
