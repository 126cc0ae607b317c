"""The standards team's side: drives, the roster within Slack's limits, coverage, headcounts, inductions and leavers,
the report and the Home tab; and everyone else gets help or a plain refusal."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.sandbox.simulator.blockkit import validate_message_blocks
from bot.services.ambassadors.drives import close_at
from bot.texts.common import ADMINS_ONLY
from storage.models.ambassadors import Ambassador, RecruitmentDrive
from storage.models.cpd import CpdEvent, CpdRsvp
from tests.ambassadors.conftest import (
    APPLICANT,
    LINE,
    LONDON,
    OUTSIDER,
    SECOND,
    apply,
    dm_with,
    open_drive,
    press,
    says,
    texts_of,
    today,
)
from tests.support.harness import ADMIN, TEAM_ID, BotHarness


def _seed(bot: BotHarness, people: list[tuple[str, str]], joined: date, *, cpd_for: str | None = None) -> None:
    """Ambassadors already on the roster: (user ID, department)."""
    with bot.deps.db.unit_of_work() as session:
        for user, department in people:
            session.add(
                Ambassador(
                    team_id=TEAM_ID, user_id=user, department=department, role="PC", standards_manager_id=ADMIN,
                    status="active", joined_on=joined, induction_due_on=joined + timedelta(days=28),
                )
            )  # fmt: skip
        if cpd_for:
            event = CpdEvent(
                team_id=TEAM_ID, title="Ethics in custody", topic="other", duration_minutes=60, place="Room 4",
                created_by=ADMIN, starts_at=datetime(today().year, 1, 1, 12, tzinfo=LONDON),
            )  # fmt: skip
            session.add(event)
            session.flush()
            session.add(CpdRsvp(team_id=TEAM_ID, event_id=event.id, user_id=cpd_for, answer="going", attended=True))


def _blocks_of(bot: BotHarness, text: str) -> list[dict]:
    result = bot.driver.command(ADMIN, "/ambassador", text)
    assert result.elapsed < 3
    return result.wait_response()["blocks"]


def test_others_are_refused_admin_forms_and_any_text_gets_help(amb_bot: BotHarness) -> None:
    for text in ("list", "coverage", "drive open 2030-01-01", "drive", "headcount Custody 5", f"left <@{SECOND}>"):
        assert says(amb_bot, text, user=OUTSIDER) == ADMINS_ONLY, text
    for text in ("<!channel>", "🙂" * 50, "x" * 3000, "token=x&user_id=U1", "drive sideways", "status"):
        answer = says(amb_bot, text, user=OUTSIDER if text != "drive sideways" else ADMIN)
        assert "does not know" in answer
        assert "`/ambassador apply`" in answer
        assert "<!channel>" not in answer
    assert "`/ambassador coverage`" in says(amb_bot, "help", user=OUTSIDER)


def test_the_roster_shows_everyone_within_slacks_limits(amb_bot: BotHarness) -> None:
    long_ago = today() - timedelta(days=60)
    many = [(f"UMANY{n:05d}", ["Response Policing", "Custody", "Contact Centre"][n % 3]) for n in range(230)]
    _seed(amb_bot, many, long_ago, cpd_for="UMANY00001")
    open_drive(amb_bot)
    apply(amb_bot, APPLICANT, department="Roads <!here> Policing")
    assert "was inducted on" in says(amb_bot, "inducted <@UMANY00002|pc.two>")
    assert "already recorded as inducted" in says(amb_bot, "inducted <@UMANY00002|pc.two>")
    assert "left the ambassador scheme" in says(amb_bot, "left <@UMANY00003>")
    assert "is not an active standards ambassador" in says(amb_bot, "left <@UMANY00003>")
    assert "Name the person with an @-mention" in says(amb_bot, "inducted someone")

    blocks = _blocks_of(amb_bot, "list")
    assert validate_message_blocks(blocks) == []
    assert len(blocks) <= 50
    shown = "\n".join(texts_of({"blocks": [block]}) for block in blocks)
    assert "*Active (229)*" in shown
    assert "*Applying (1)*" in shown
    assert "*Left (1)*" in shown
    assert "<@UMANY00001> · Custody · PC" in shown
    assert "*induction overdue*" in shown
    assert "CPD 1/6" in shown
    assert f"<@UMANY00002> · Contact Centre · PC · joined {long_ago.day} {long_ago:%b %Y} · inducted" in shown
    assert f"<@{APPLICANT}> · Roads &lt;!here&gt; Policing · PC · applied" in shown
    assert "waiting for both managers" in shown
    assert "<@UMANY00003> · Response Policing · PC · joined" in shown
    assert shown.index("*Active") < shown.index("*Applying") < shown.index("*Left")


def test_coverage_puts_the_thinnest_departments_first(amb_bot: BotHarness) -> None:
    for department, number in (("Response Policing", "1,200"), ("Custody", "300"), ("Dog Unit", "40"),
                               ("Contact Centre", "500"), ("Old Name", "10")):  # fmt: skip
        assert "is now" in says(amb_bot, f"headcount {department} {number}")
    assert "has been removed" in says(amb_bot, "headcount old  NAME 0")
    assert "Give the department and then the number" in says(amb_bot, "headcount Custody lots")
    listed = says(amb_bot, "headcount")
    assert "Response Policing: 1,200" in listed
    assert "Old Name" not in listed
    people = [(f"URESP{n:05d}", "response  POLICING ") for n in range(6)]
    people += [("UCUST00001", "Custody"), ("UFIRE00001", "Firearms"), ("UFIRE00002", "firearms")]
    _seed(amb_bot, people, today())

    lines = [line for line in says(amb_bot, "coverage").split("\n") if line.startswith("• ")]
    assert lines == [
        "• *Contact Centre*: 0 ambassadors for 500 staff (0.00 per 100 staff)",
        "• *Dog Unit*: 0 ambassadors for 40 staff (0.00 per 100 staff)",
        "• *Custody*: 1 ambassador for 300 staff (0.33 per 100 staff)",
        "• *Response Policing*: 6 ambassadors for 1,200 staff (0.50 per 100 staff)",
        "• *Firearms*: 2 ambassadors (headcount not set)",
    ]


def test_drives_open_once_close_by_hand_or_by_the_clock_and_admins_hear_the_count(amb_bot: BotHarness) -> None:
    assert "No recruitment drive has been opened yet" in says(amb_bot, "drive")
    assert "That day has passed" in says(amb_bot, f"drive open {today() - timedelta(days=1):%Y-%m-%d}")
    assert "Give the last day for applications as a date" in says(amb_bot, "drive open 2027-02-30")
    closes = open_drive(amb_bot, days=3)
    assert "already open" in says(amb_bot, f"drive open {closes + timedelta(days=9):%Y-%m-%d}")
    apply(amb_bot, APPLICANT)
    assert "1 application so far" in says(amb_bot, "drive")

    midnight = close_at(amb_bot.deps, closes)
    assert midnight.astimezone(LONDON).time().hour == 0
    assert midnight.astimezone(LONDON).date() == closes + timedelta(days=1)
    amb_bot.tick(midnight - timedelta(minutes=1))
    assert [d.status for d in amb_bot.rows(RecruitmentDrive)] == ["open"]
    amb_bot.tick(midnight)
    [drive] = amb_bot.rows(RecruitmentDrive)
    assert (drive.status, drive.closed_by) == ("closed", None)
    dm_with(amb_bot, ADMIN, "has closed: 1 application")
    press(amb_bot, LINE, dm_with(amb_bot, LINE, "would like to be a standards ambassador"), "Approve")
    dm_with(amb_bot, APPLICANT, "has approved your application")  # applications in progress carry on
    assert "No recruitment drive is open" in says(amb_bot, "drive close")
    assert "The last one ran from" in says(amb_bot, "drive")

    open_drive(amb_bot, days=0)  # a new drive may open; closing it by hand counts its applications
    assert "closed: 0 applications" in says(amb_bot, "drive close")
    assert "closed just now" in says(amb_bot, "", user=SECOND)


def test_the_report_counts_and_the_home_tab_shows_each_persons_standing(amb_bot: BotHarness) -> None:
    _seed(amb_bot, [(SECOND, "Custody")], today(), cpd_for=SECOND)
    open_drive(amb_bot)
    report = amb_bot.driver.command(ADMIN, "/standards", "report").wait_response()
    assert "*Standards ambassadors*\n1 active (1 awaiting induction), 0 left" in texts_of(report)

    amb_bot.driver.open_home(SECOND)
    home = amb_bot.sim.wait_for(lambda: amb_bot.sim.home(SECOND), what="the Home tab")
    assert "You have been a standards ambassador since" in texts_of(home)
    assert "CPD this year:* 1 of 6 events" in texts_of(home)

    amb_bot.driver.open_home(OUTSIDER)
    home = amb_bot.sim.wait_for(lambda: amb_bot.sim.home(OUTSIDER), what="the Home tab")
    assert "Applications are open until the end of" in texts_of(home)
    before = len(amb_bot.sim.calls_to("views.open"))
    amb_bot.driver.click(OUTSIDER, view=home["id"], text="Apply to be an ambassador")
    amb_bot.sim.wait_for(lambda: len(amb_bot.sim.calls_to("views.open")) > before, what="the form from the Home tab")
    assert amb_bot.sim.views_for(OUTSIDER)[-1]["callback_id"] == "ambassador.apply"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    verb=st.sampled_from(["", "drive open", "drive", "headcount", "inducted", "left", "list", "apply", "coverage"]),
    rest=st.text(max_size=200),
)
def test_an_admin_typing_anything_after_a_form_gets_a_private_answer(amb_bot: BotHarness, verb: str, rest: str) -> None:
    result = amb_bot.driver.command(ADMIN, "/ambassador", f"{verb} {rest}".strip())
    assert result.status == 200
    if verb in ("", "apply") and not rest.strip():
        return  # this opens the form (or says no drive is open)
    answer = result.wait_response()
    assert answer["response_type"] == "ephemeral"
    assert "<!channel>" not in str(answer)
