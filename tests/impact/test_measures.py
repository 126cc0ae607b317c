"""The report's figures for October 2026 on the fixed dataset, each worked out by hand in the comments."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from bot.services.impact import report as impact
from bot.services.impact.figures import ImpactReport
from bot.services.impact.period import Period
from bot.texts import impact as texts
from bot.texts.impact import show
from dilemmas.loader import Content
from tests.impact.dataset import CHANNEL_1, CHANNEL_2, NOW
from tests.support.harness import TEAM_ID

LONDON = ZoneInfo("Europe/London")
OCTOBER = Period(date(2026, 10, 1), date(2026, 11, 1), LONDON)


@pytest.fixture
def report(session: Session, content: Content) -> ImpactReport:
    return impact.build(session, TEAM_ID, content, OCTOBER, NOW, texts=texts)


def figures(report: ImpactReport) -> dict[str, tuple[str, str]]:
    return {item.key: (show(item.current), show(item.previous)) for item in report.headlines}


def table(report: ImpactReport, key: str) -> dict[str, list[str]]:
    return {row.label: [show(value) for value in row.values] for row in report.table(key).rows}


def test_the_period_is_compared_with_the_month_before(report: ImpactReport) -> None:
    assert (report.period_label, report.previous_label) == ("October 2026", "September 2026")


def test_dilemma_figures(report: ImpactReport) -> None:
    shown = figures(report)
    assert shown["posts"] == ("3", "1")  # two closed and one open in October; one in September
    assert shown["responses"] == ("16", "fewer than 5")  # 10 + 6; September's 4
    assert shown["participation"] == ("53%", "fewer than 5")  # 16 of 20 + 10 members
    assert shown["comments"] == ("5", "fewer than 5")  # 3 + 2; none in September
    assert shown["agreement"] == ("56%", "fewer than 5")  # 7 chose D on coffee, 2 chose C on best man: 9 of 16


def test_agreement_with_the_panel_by_standard_principle_and_topic(report: ImpactReport) -> None:
    by_standard = table(report, "agreement_by_standard")
    assert by_standard["Confidentiality"] == ["70%", "fewer than 5"]  # coffee only: 7 of 10
    assert by_standard["Duties and responsibilities"] == ["56%", "fewer than 5"]  # both: 9 of 16
    assert by_standard["Honesty and integrity"][0] == "fewer than 5"  # best man: 2 of 6 agreed
    by_principle = table(report, "agreement_by_principle")
    assert by_principle["Respect and empathy"][0] == "70%"
    assert by_principle["Public service"][0] == "fewer than 5"
    assert table(report, "agreement_by_topic")["Investigations"][0] == "70%"


def test_dilemmas_by_channel_and_department(report: ImpactReport) -> None:
    by_channel = table(report, "by_channel")
    assert by_channel[f"<#{CHANNEL_1}>"] == ["2", "10", "50%", "70%"]  # 10 of 20 members; 7 of 10 agreed
    assert by_channel[f"<#{CHANNEL_2}>"] == ["1", "6", "60%", "fewer than 5"]  # 6 of 10; 2 agreed
    assert by_channel["Total"][:2] == ["3", "16"]
    assert table(report, "by_department")["CID"] == ["1", "6", "60%", "fewer than 5"]


def test_card_figures(report: ImpactReport) -> None:
    shown = figures(report)
    assert shown["draws"] == ("16", "30")  # 12 hearts + 4 spades; 30 clubs in September
    assert shown["shares"] == ("fewer than 5", "fewer than 5")  # 3 + 1
    by_suit = table(report, "cards_by_suit")
    assert by_suit["Hearts: The Individual in the Profession"][0] == "12"
    assert (
        by_suit["Spades: Protecting the Profession"][0]
        == by_suit["Clubs: Society and the Profession"][0]
        == ("fewer than 5")
    )
    assert by_suit["Total"] == ["16", "30"]


def test_concern_figures(report: ImpactReport) -> None:
    shown = figures(report)
    assert shown["concerns"] == ("9", "fewer than 5")  # 8 cases and 1 counted after its purge
    assert shown["ack_median"] == ("2.0", "–")  # 1, 1, 1, 2, 3, 5, 8 days
    assert shown["ack_on_time"] == ("75%", "–")  # 6 within 7 days of the 8 due (one never acknowledged)
    assert shown["feedback_median"] == ("fewer than 5", "–")  # only 2 have had feedback
    assert shown["came_back"] == ("fewer than 5", "–")  # 1 of the 2 reporters sent a reply
    by_category = table(report, "concerns_by_category")
    assert by_category["bullying"] == ["5", "fewer than 5"]
    assert by_category["corruption"][0] == by_category["other"][0] == "fewer than 5"
    assert by_category["Total"] == ["9", "fewer than 5"]
    by_contact = table(report, "concerns_by_contact")
    assert by_contact["Without your name, with replies through the bot"][0] == "5"
    assert by_contact["Total"][0] == "8"


def test_ambassador_and_cpd_figures(report: ImpactReport) -> None:
    shown = figures(report)
    assert shown["ambassadors"] == ("13", "12")  # 6 + 5 + 2 on 31 October; one left and one joined since September
    assert shown["inducted"] == ("fewer than 5", "–")  # 1 of the 2 due in October
    assert shown["events"] == ("2", "1")  # the cancelled one is not counted
    assert shown["attendance"] == ("73%", "fewer than 5")  # 5 of 6 and 3 of 5 who answered Going: 8 of 11
    assert shown["walk_ins"] == ("fewer than 5", "fewer than 5")
    assert shown["rating"] == ("4.3", "–")  # 4, 5, 5, 3, 4 and 5: 26 / 6
    assert shown["confidence_before"] == ("2.8", "–")  # 2, 3, 3, 4, 2, 3: 17 / 6
    assert shown["confidence_after"] == ("4.0", "–")  # 4, 4, 5, 4, 3: 20 / 5
    coverage = table(report, "coverage")
    assert coverage["Response"] == ["3.0", "3.0"]  # 6 of 200 staff, per 100
    # CID's 5 of 100 would be 5.0, but with it and Response's rate, 13 - 6 - 5 would give Custody's 2 away.
    assert coverage["CID"] == ["withheld", "fewer than 5"]
    assert coverage["Custody"] == ["fewer than 5", "fewer than 5"]
    answers = table(report, "cpd_answers")
    assert answers["Going"][0] == "11"
    assert answers["Total"][0] == "14"
    distribution = table(report, "cpd_distribution")
    assert distribution["0"][0] == "7"  # 13 ambassadors: 7 attended none, 3 one, 3 two
    assert distribution["1"][0] == distribution["2"][0] == "fewer than 5"
    assert distribution["Total"][0] == "13"


def test_the_monthly_trends_end_with_the_period(report: ImpactReport) -> None:
    responses = report.trends["responses"]
    assert len(responses) == 12
    assert responses[-1].month == "2026-10"
    assert show(responses[-1].value) == "16"
    assert show(report.trends["concerns"][-1].value) == "9"
    assert [show(point.value) for point in report.trends["card draws"][-2:]] == ["30", "16"]


def test_no_departments_ambassadors_can_be_worked_out_from_the_rates_and_the_roster(report: ImpactReport) -> None:
    headcounts = {"Response": 200, "CID": 100, "Custody": 50}
    roster = report.headline("ambassadors").current.number
    rates = {row.label: row.values[0] for row in report.table("coverage").rows}
    worked_out = sum((value.number or 0) * headcounts[name] / 100 for name, value in rates.items() if value.shown)
    hidden = [name for name, value in rates.items() if not value.shown]
    assert roster == 13
    assert worked_out == 6  # Response's 3.0 per 100 of 200
    assert hidden == ["CID", "Custody"]  # the 7 left could be 5 + 2, 6 + 1 or 7 + 0: neither is pinned down


def test_channels_with_no_department_are_a_row_so_departments_add_up_to_the_channels(
    session: Session, content: Content
) -> None:
    from bot.services.impact import departments

    departments.set_department(session, team_id=TEAM_ID, channel_id=CHANNEL_2, department="", set_by="U1", now=NOW)
    report = impact.build(session, TEAM_ID, content, OCTOBER, NOW, texts=texts)
    by_department = table(report, "by_department")
    assert by_department["Response"][:2] == ["2", "10"]
    assert by_department["No department given"][:2] == ["1", "6"]
    assert by_department["Total"][:2] == table(report, "by_channel")["Total"][:2] == ["3", "16"]


def test_the_months_of_a_longer_period_are_protected_with_its_headline(session: Session, content: Content) -> None:
    quarter = impact.build(
        session, TEAM_ID, content, Period(date(2026, 8, 1), date(2026, 11, 1), LONDON), NOW, texts=texts
    )
    assert show(quarter.headline("concerns").current) == "9"
    concerns = [show(point.value) for point in quarter.trends["concerns"][-3:]]
    assert concerns == ["fewer than 5", "fewer than 5", "withheld"]  # else 9 - 9 would show August and September
    draws = [show(point.value) for point in quarter.trends["card draws"][-3:]]
    assert draws == ["fewer than 5", "30", "withheld"]  # 46 - 30 - 16 would give August's 0 away
    assert show(quarter.headline("draws").current) == "46"


def test_the_glance_leaves_the_trends_out_and_keeps_the_same_figures(
    session: Session, content: Content, report: ImpactReport
) -> None:
    glance = impact.build(session, TEAM_ID, content, OCTOBER, NOW, texts=texts, trends=False)
    assert glance.trends == {}
    assert figures(glance) == figures(report)
