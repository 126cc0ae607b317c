"""`/ambassador export`: the roster as a CSV file in the admin's direct messages. The caller has checked that the
person is an admin."""

from __future__ import annotations

from slack_bolt import Respond

from bot.csvfile import csv_text
from bot.deps import Deps
from bot.services.ambassadors.exports import RosterRow, roster_rows
from bot.texts import ambassadors as ambassador_texts
from bot.texts import exports as texts
from handlers.common import CommandText
from handlers.files import send_csv
from storage.models import utcnow


def _cells(row: RosterRow) -> list[object]:
    return [
        row.status, row.user, row.department, row.role, row.standards_manager, texts.cell_day(row.joined),
        texts.cell_day(row.induction_due), texts.cell_day(row.inducted), texts.cell_day(row.left),
        texts.cell_day(row.applied), ambassador_texts.ROSTER_STAGES.get(row.stage, ""),
        "" if row.cpd_this_year is None else row.cpd_this_year,
        "" if row.meetings_met is None else row.meetings_met,
        "" if row.meetings_months is None else row.meetings_months,
    ]  # fmt: skip


def export(deps: Deps, respond: Respond, team_id: str, user_id: str, parsed: CommandText) -> None:
    with deps.db.unit_of_work() as session:
        rows = roster_rows(session, deps, team_id=team_id, now=utcnow())
    send_csv(
        deps, respond, team_id=team_id, user_id=user_id, filename=texts.ROSTER_FILE, title=texts.ROSTER_TITLE,
        comment=texts.ROSTER_COMMENT, content=csv_text(texts.ROSTER_HEADER, map(_cells, rows)),
        sent=texts.ROSTER_SENT, purpose="ambassador roster export",
    )  # fmt: skip
