"""Words for the CSV files the standards team asks for: the roster and an event's attendance."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

ROSTER_HEADER = (
    "status", "Slack member ID", "department", "role", "standards manager (Slack member ID)", "joined",
    "induction due", "inducted", "left", "applied", "application stage", "CPD events this year",
    "months with a meeting", "months counted",
)  # fmt: skip
ROSTER_FILE, ROSTER_TITLE = "standards-ambassadors.csv", "Standards ambassadors (roster)"
ROSTER_COMMENT = "The standards ambassadors' roster, as you asked with `/ambassador export`."
ROSTER_SENT = "The roster is on its way to you as a CSV file in a direct message from Standards Bot."

ATTENDANCE_HEADER = ("Slack member ID", "answer", "answered at", "attended", "checked in at")
ANSWERS = {"going": "going", "waiting": "waiting list", "maybe": "maybe", "cant": "can't go"}
NEEDS_EVENT = "Say which event, for example `/cpd export 12`."
ATTENDANCE_SENT = "The attendance is on its way to you as a CSV file in a direct message from Standards Bot."


def attendance_file(event_id: int) -> str:
    return f"cpd-event-{event_id}-attendance.csv"


def attendance_title(event_id: int, title: str) -> str:
    return f"Event #{event_id} attendance: {title}"[:200]


def attendance_comment(event_id: int, starts: str, cancelled: bool) -> str:
    note = " The event was cancelled." if cancelled else ""
    return f"Who answered event #{event_id} ({starts}) and who attended, as you asked with `/cpd export`.{note}"


def cell_day(value: date | None) -> str:
    return value.isoformat() if value else ""


def cell_time(value: datetime | None, tz: ZoneInfo) -> str:
    """A time as the organisation's clocks showed it."""
    return f"{value.astimezone(tz):%Y-%m-%d %H:%M}" if value else ""


def yes_no(value: bool) -> str:
    return "yes" if value else "no"
