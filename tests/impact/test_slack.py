"""The impact report over real HTTP: `/standards report` and `/standards export` for a period, the admin's Home
glance and its buttons; the files sent open as PNG, CSV and XLSX; a non-admin gets none of it."""

from __future__ import annotations

import csv
import io
import json
import time
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from openpyxl import load_workbook
from PIL import Image

from bot import charts
from bot.blocks import impact as blocks
from bot.sandbox.simulator.server import SlackSimulator
from storage.models import utcnow
from storage.models.dilemmas import DilemmaPost
from storage.models.impact import CardMonthTally, ChannelDepartment
from tests.impact import dataset
from tests.support.harness import ADMIN, TEAM_ID, BotHarness

OFFICER = "UOFFICER01"
CHANNEL = "CTEAM00001"


@pytest.fixture
def seeded(bot: BotHarness, sim: SlackSimulator) -> BotHarness:
    sim.add_user(OFFICER, "pc.jones")
    sim.add_channel(CHANNEL, "response-team-a", members=[OFFICER, ADMIN])
    with bot.deps.db.unit_of_work() as session:
        dataset.seed(session)
    return bot


def _files(sim: SlackSimulator, count: int, *, suffix: str) -> list[dict[str, Any]]:
    def found() -> list[dict[str, Any]] | None:
        files = [f for f in sim.files() if f["name"].endswith(suffix)]
        return files if len(files) >= count else None

    # Drawing the charts takes a second or two of CPU, more on a busy machine: allow for it.
    return sim.wait_for(found, timeout=20.0, what=f"{count} {suffix} files")


def _same(cell: str) -> str | float:
    """A number as a number (a spreadsheet keeps 2.0 as 2), anything else as its text."""
    try:
        return float(cell)
    except ValueError:
        return cell


def _forged_click(bot: BotHarness, user: str, action_id: str) -> Any:
    """A signed click on a button this user was never shown, as someone crafting requests could send."""
    action = {"type": "button", "action_id": action_id, "block_id": "forged", "value": "month", "action_ts": "1.0"}
    payload = {
        "type": "block_actions", "user": {"id": user, "username": "someone", "team_id": TEAM_ID},
        "team": {"id": TEAM_ID, "domain": "standards"}, "api_app_id": "A0STANDARDS", "token": "x",
        "trigger_id": "1.2.forged", "container": {"type": "view", "view_id": "V0FORGED"}, "actions": [action],
    }  # fmt: skip
    return bot.driver.send(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")


def _text(content: Any) -> str:
    return content.decode() if isinstance(content, bytes) else content


def test_the_report_for_a_period_gives_the_figures_privately_and_the_charts_as_png(
    seeded: BotHarness, sim: SlackSimulator
) -> None:
    answer = seeded.driver.command(ADMIN, "/standards", "report 2026-10", channel=CHANNEL).wait_response()
    text = str(answer["blocks"])
    assert answer["response_type"] == "ephemeral"
    assert "Impact report: October 2026" in text
    assert "Responses: *16* (September 2026: fewer than 5)" in text
    assert "Agreement with the panel's view: *56%*" in text
    assert "Concerns received: *9*" in text
    assert "Confidence on the topic after (out of 5): *4.0*" in text
    assert "Confidentiality: 70% / fewer than 5" in text
    assert "Ethics cards" in text  # what the report showed before is still there
    pictures = _files(sim, len(charts.CHARTS), suffix=".png")
    for picture in pictures:
        assert picture["channel"].startswith("D")  # a direct message, never the channel
        image = Image.open(io.BytesIO(picture["content"]))
        assert image.format == "PNG"
        assert image.size == charts.SIZE == (800, 450)
    assert not sim.messages(CHANNEL)


def test_a_period_that_cannot_be_read_is_answered_with_how_to_write_one(
    seeded: BotHarness, sim: SlackSimulator
) -> None:
    answer = seeded.driver.command(ADMIN, "/standards", "report last-tuesday", channel=CHANNEL).wait_response()
    assert "could not read that period" in answer["text"]
    assert not sim.files()


def test_the_export_opens_as_csv_and_as_xlsx_with_the_same_numbers(seeded: BotHarness, sim: SlackSimulator) -> None:
    answer = seeded.driver.command(ADMIN, "/standards", "export 2026-10-01 2026-10-31", channel=CHANNEL).wait_response()
    assert "direct message" in answer["text"]
    (table,) = _files(sim, 1, suffix=".xlsx")
    (sheet,) = [f for f in _files(sim, 2, suffix=".csv") if f["name"].startswith("standards-impact")]
    rows = list(csv.reader(io.StringIO(_text(sheet["content"]))))
    book = load_workbook(io.BytesIO(table["content"]), read_only=True)
    cells = [["" if cell is None else str(cell) for cell in row] for row in book["Figures"].iter_rows(values_only=True)]
    assert [[_same(cell) for cell in row] for row in rows] == [[_same(cell) for cell in row] for row in cells]
    assert rows[0] == ["family", "figure", "row", "period", "value", "unit", "note"]
    by_key = {(row[1], row[2], row[3]): (row[4], row[6]) for row in rows[1:]}
    assert by_key[("Responses", "", "October 2026")] == ("16", "")
    assert by_key[("Responses", "", "September 2026")] == ("", "fewer than 5")
    assert by_key[("Concerns by category", "Bullying", "October 2026")] == ("5", "")
    assert by_key[("Concerns by category", "Corruption or misuse of systems", "October 2026")] == ("", "fewer than 5")
    headline = {row[1]: row[2:4] for row in book["Headlines"].iter_rows(min_row=5, values_only=True)}
    assert headline["Concerns received"] == (9, "fewer than 5")
    for secret in (*(f"UR{n}" for n in range(1, 7)), "UC1", OFFICER):
        assert secret not in _text(sheet["content"])


def test_an_admins_home_shows_this_month_at_a_glance_with_buttons_that_send_the_report_and_files(
    seeded: BotHarness, sim: SlackSimulator
) -> None:
    start = utcnow().astimezone(seeded.deps.settings.tz).replace(day=1, hour=0, minute=5)
    with seeded.deps.db.unit_of_work() as session:
        session.add(
            DilemmaPost(
                team_id=TEAM_ID, channel_id=CHANNEL, dilemma_id=dataset.COFFEE, caused_by="schedule", status="closed",
                opened_at=start, closes_at=start + timedelta(days=1), closed_at=start + timedelta(days=1),
                member_count=20, voters=12, comments=0, tally={"D": 9, "A": 3},  # the panel chose D
            )
        )  # fmt: skip
    seeded.driver.open_home(ADMIN)
    home = sim.wait_for(lambda: sim.home(ADMIN), what="the admin's Home tab")
    text = str(home["blocks"])
    assert "This month at a glance" in text
    assert "*Responses*\\n12" in text
    assert "*Agreement with the panel's view*\\n75%" in text
    seeded.driver.click(ADMIN, view=home, text="Full report with charts")
    report = sim.wait_for(
        lambda: [m for m in sim.dms(ADMIN) if "Impact report" in str(m)], timeout=20.0, what="the report DM"
    )
    assert "Responses: *12*" in str(report[0]["blocks"])
    _files(sim, len(charts.CHARTS), suffix=".png")
    seeded.driver.click(ADMIN, view=home, text="Export CSV and XLSX")
    _files(sim, 1, suffix=".xlsx")


@pytest.mark.parametrize("form", ["report 2026-10", "export 2026-10"])
def test_a_non_admin_gets_none_of_it(seeded: BotHarness, sim: SlackSimulator, form: str) -> None:
    answer = seeded.driver.command(OFFICER, "/standards", form, channel=CHANNEL).wait_response()
    assert "Only the standards team" in answer["text"]
    assert "16" not in str(answer)
    seeded.driver.open_home(OFFICER)
    home = sim.wait_for(lambda: sim.home(OFFICER), what="the officer's Home tab")
    assert "at a glance" not in str(home)
    for action_id in (blocks.REPORT_ACTION, blocks.EXPORT_ACTION):  # the Home buttons' clicks, forged
        assert _forged_click(seeded, OFFICER, action_id).status == 200
    time.sleep(1.0)  # what the listener would have sent by now
    assert not sim.files()
    assert not sim.dms(OFFICER)


def test_card_draws_hands_and_shares_are_counted_by_month_for_the_report(
    seeded: BotHarness, sim: SlackSimulator
) -> None:
    seeded.driver.command(OFFICER, "/ethicard", "hearts", channel=CHANNEL).wait_response()
    hand = seeded.driver.command(OFFICER, "/ethicard", "hand 3", channel=CHANNEL).wait_response()
    assert "hand" in str(hand).lower()
    month = utcnow().strftime("%Y-%m")
    rows = seeded.rows(CardMonthTally, CardMonthTally.month == month)
    assert sum(row.draws for row in rows) == 4  # one card, then a hand of three
    assert {row.suit: row.hands for row in rows}["*"] == 1
    assert next(row for row in rows if row.suit == "hearts").draws >= 1


def test_an_admin_gives_a_channel_its_department_and_the_report_counts_it_there(
    seeded: BotHarness, sim: SlackSimulator
) -> None:
    text = f'department <#{dataset.CHANNEL_2}|cid-team> "Roads Policing"'
    answer = seeded.driver.command(ADMIN, "/standards", text, channel=CHANNEL).wait_response()
    assert "*Roads Policing*" in answer["text"]
    [row] = seeded.rows(ChannelDepartment, ChannelDepartment.channel_id == dataset.CHANNEL_2)
    assert (row.department, row.set_by) == ("Roads Policing", ADMIN)
    listed = seeded.driver.command(ADMIN, "/standards", "department", channel=CHANNEL).wait_response()
    assert f"<#{dataset.CHANNEL_2}>: Roads Policing" in listed["text"]
    report = seeded.driver.command(ADMIN, "/standards", "report 2026-10", channel=CHANNEL).wait_response()
    assert "• Roads Policing: 1 / 6 / 60% / fewer than 5" in str(report["blocks"])
    refused = seeded.driver.command(OFFICER, "/standards", f"department <#{CHANNEL}> CID", channel=CHANNEL)
    assert "Only the standards team" in refused.wait_response()["text"]
    assert not seeded.rows(ChannelDepartment, ChannelDepartment.channel_id == CHANNEL)
