"""`/cpd export <event>`: who answered an event and who attended, as a CSV file in the admin's direct messages.
The caller has checked that the person is an admin."""

from __future__ import annotations

from slack_bolt import Respond

from bot.csvfile import csv_text
from bot.deps import Deps
from bot.services.cpd import events
from bot.services.cpd.exports import AttendanceRow, attendance
from bot.texts import cpd as cpd_texts
from bot.texts import exports as texts
from handlers.common import private
from handlers.files import send_csv


def export(deps: Deps, respond: Respond, team_id: str, user_id: str, ref: str) -> None:
    if not ref.strip():
        private(respond, texts.NEEDS_EVENT)
        return
    event_id = events.event_ref(ref)
    with deps.db.unit_of_work() as session:
        found = attendance(session, team_id, event_id) if event_id is not None else None
    if found is None:
        private(respond, cpd_texts.unknown_event(ref.strip()[:40]))
        return
    tz = deps.settings.tz

    def cells(row: AttendanceRow) -> list[object]:
        answered, checked_in = texts.cell_time(row.answered_at, tz), texts.cell_time(row.checked_in_at, tz)
        return [row.user, texts.ANSWERS.get(row.answer, row.answer), answered, texts.yes_no(row.attended), checked_in]

    send_csv(
        deps, respond, team_id=team_id, user_id=user_id, filename=texts.attendance_file(found.event_id),
        title=texts.attendance_title(found.event_id, found.title),
        comment=texts.attendance_comment(found.event_id, texts.cell_time(found.starts_at, tz),
                                         found.status == "cancelled"),
        content=csv_text(texts.ATTENDANCE_HEADER, map(cells, found.rows)),
        sent=texts.ATTENDANCE_SENT, purpose="cpd attendance export",
    )  # fmt: skip
