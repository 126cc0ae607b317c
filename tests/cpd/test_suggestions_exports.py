"""CPD topics ambassadors suggest, counted for the standards team; and the CSV files the standards team asks for:
an event's attendance (`/cpd export`) and the roster (`/ambassador export`), sent to the admin's direct messages."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any

from bot.csvfile import csv_text
from bot.texts.common import ADMINS_ONLY
from storage.models.ambassadors import Ambassador
from storage.models.cpd import CpdSuggestion
from tests.cpd.conftest import ASHA, BEN, CARYS, DEV, announcement, create_event, in_days, rsvp
from tests.support.harness import ADMIN, TEAM_ID, BotHarness


def _ambassadors(bot: BotHarness, *users: str) -> None:
    joined = date.today() - timedelta(days=90)
    with bot.deps.db.unit_of_work() as session:
        for user in users:
            session.add(
                Ambassador(
                    team_id=TEAM_ID, user_id=user, department="=HYPERLINK(\"http://x\")", role="PC",
                    standards_manager_id=ADMIN, status="active", joined_on=joined,
                    induction_due_on=joined + timedelta(days=28),
                )
            )  # fmt: skip


def _says(bot: BotHarness, user: str, text: str, command: str = "/cpd") -> str:
    result = bot.driver.command(user, command, text)
    assert result.status == 200
    answer = result.wait_response()
    assert answer["response_type"] == "ephemeral"
    return str(answer.get("text") or "") + "\n" + str(answer.get("blocks") or "")


def _csv_in_dm(bot: BotHarness, user: str, name: str) -> list[list[str]]:
    channel = bot.sim.open_im(user)
    found = bot.sim.wait_for(lambda: [f for f in bot.sim.files(channel) if f["name"] == name], what=name)
    content = found[0]["content"]
    text = content.decode() if isinstance(content, bytes) else str(content)
    return list(csv.reader(io.StringIO(text)))


def test_ambassadors_suggest_topics_and_the_team_sees_them_counted(cpd_bot: BotHarness) -> None:
    _ambassadors(cpd_bot, ASHA, BEN, CARYS)
    assert "Only standards ambassadors can suggest" in _says(cpd_bot, DEV, "suggest Vetting")
    assert "Say what you would like" in _says(cpd_bot, ASHA, "suggest")
    assert "your suggestion is with the standards team" in _says(cpd_bot, ASHA, "suggest Social media <!channel>")
    assert "your suggestion is with the standards team" in _says(cpd_bot, BEN, "suggest  SOCIAL   MEDIA <!channel>")
    assert "your suggestion is with the standards team" in _says(cpd_bot, CARYS, "suggest social media <!channel>")
    assert "your suggestion is with the standards team" in _says(cpd_bot, CARYS, "suggest Gifts and hospitality")
    assert "already suggested that topic" in _says(cpd_bot, BEN, "suggest social media <!CHANNEL>")
    assert len(cpd_bot.rows(CpdSuggestion)) == 4

    assert _says(cpd_bot, DEV, "suggestions").startswith(ADMINS_ONLY)
    listed = _says(cpd_bot, ADMIN, "suggestions")
    assert "4 suggestions of 2 topics" in listed
    assert "• Social media &lt;!channel&gt;: 3 people" in listed
    assert "• Gifts and hospitality: 1 person" in listed
    assert "<!channel>" not in listed
    assert listed.index("Social media") < listed.index("Gifts and hospitality")

    report = _says(cpd_bot, ADMIN, "report", command="/standards")
    assert "4 topic suggestions from ambassadors, 2 different topics" in report
    assert "Social media &lt;!channel&gt; (3), Gifts and hospitality (1)" in report
    assert "UCARYS" not in report


def test_the_attendance_and_the_roster_arrive_as_csv_files_in_the_admins_dm(cpd_bot: BotHarness) -> None:
    _ambassadors(cpd_bot, ASHA, BEN)
    event = create_event(cpd_bot, in_days(3), capacity="1")
    message = announcement(cpd_bot, event.id)
    rsvp(cpd_bot, ASHA, message, "Going")
    rsvp(cpd_bot, BEN, message, "Going")  # the place is taken: the waiting list
    rsvp(cpd_bot, CARYS, message, "Can't go")

    assert _says(cpd_bot, DEV, f"export {event.id}").startswith(ADMINS_ONLY)
    assert _says(cpd_bot, DEV, "export", command="/ambassador").startswith(ADMINS_ONLY)
    assert "on its way to you as a CSV file" in _says(cpd_bot, ADMIN, f"export #{event.id}")
    rows = _csv_in_dm(cpd_bot, ADMIN, f"cpd-event-{event.id}-attendance.csv")
    assert rows[0] == ["Slack member ID", "answer", "answered at", "attended", "checked in at"]
    assert [(r[0], r[1], r[3]) for r in rows[1:]] == [
        (ASHA, "going", "no"), (BEN, "waiting list", "no"), (CARYS, "can't go", "no"),
    ]  # fmt: skip
    assert "There is no event `99999`" in _says(cpd_bot, ADMIN, "export 99999")
    assert "Say which event" in _says(cpd_bot, ADMIN, "export")

    assert "roster is on its way" in _says(cpd_bot, ADMIN, "export", command="/ambassador")
    roster = _csv_in_dm(cpd_bot, ADMIN, "standards-ambassadors.csv")
    assert roster[0][:4] == ["status", "Slack member ID", "department", "role"]
    by_user: dict[str, Any] = {row[1]: row for row in roster[1:]}
    assert set(by_user) == {ASHA, BEN}
    assert by_user[ASHA][0] == "active"
    assert by_user[ASHA][2] == '\'=HYPERLINK("http://x")'  # a formula in a cell is shown as text
    assert by_user[ASHA][4] == ADMIN
    assert by_user[ASHA][-2] == "0"  # no meetings yet
    assert by_user[ASHA][-1] in ("3", "4")  # the months since joining, this one included
    csv_files = [f for f in cpd_bot.sim.files() if f["name"].endswith(".csv")]
    assert [f["channels"] for f in csv_files] == [[cpd_bot.sim.open_im(ADMIN)]] * 2


def test_a_csv_cell_that_a_spreadsheet_would_run_is_shown_as_text() -> None:
    text = csv_text(["name", "note"], [["=SUM(A1:A9)", "+44 121"], ["-1", "@here"], ["Plain", "a=b"]])
    assert list(csv.reader(io.StringIO(text))) == [
        ["name", "note"], ["'=SUM(A1:A9)", "'+44 121"], ["'-1", "'@here"], ["Plain", "a=b"],
    ]  # fmt: skip
