"""The application form: only during a drive, once per drive, and every bad value an inline error that keeps it open."""

from __future__ import annotations

from bot.services.ambassadors import applications
from bot.texts import ambassador_applications as application_texts
from storage.models import utcnow
from storage.models.ambassadors import AmbassadorApplication
from tests.ambassadors.conftest import (
    APPLICANT,
    LINE,
    SECOND,
    STANDARDS,
    apply,
    fill,
    open_drive,
    open_form,
    says,
    texts_of,
)
from tests.support.harness import TEAM_ID, BotHarness


def _input_types(form: dict) -> dict[str, str]:
    return {b["block_id"]: b["element"]["type"] for b in form["blocks"] if b["type"] == "input"}


def test_with_no_drive_open_applying_is_refused_plainly_and_no_form_opens(amb_bot: BotHarness) -> None:
    for text in ("", "apply"):
        answer = says(amb_bot, text, user=APPLICANT)
        assert "Applications to be a standards ambassador are closed just now" in answer
        assert "standards team announces each recruitment drive" in answer
    assert amb_bot.sim.views_for(APPLICANT) == []


def test_bad_values_are_inline_errors_that_keep_the_form_open(amb_bot: BotHarness) -> None:
    closes = open_drive(amb_bot)
    form = open_form(amb_bot, APPLICANT)
    assert _input_types(form) == {
        "department": "plain_text_input",  # no headcounts yet, so no list to choose from
        "role": "plain_text_input",
        "line_manager": "users_select",
        "standards_manager": "users_select",
        "statement": "plain_text_input",
    }
    hint = next(b["hint"]["text"] for b in form["blocks"] if b.get("block_id") == "statement")
    assert "at least 400 words" in hint
    assert f"{closes.day} {closes:%b %Y}" in texts_of(form)
    manager = next(b["hint"]["text"] for b in form["blocks"] if b.get("block_id") == "standards_manager")
    assert manager.startswith("A senior leader in your area or department")  # the department's contact there
    assert "professional standards department's contact" in manager

    cases = [
        (fill(words=312), {"statement": "312 words; at least 400 are needed."}),
        (fill(text="   "), {"statement": "0 words; at least 400 are needed."}),
        (fill(line=APPLICANT), {"line_manager": application_texts.ERROR_SELF_MANAGER}),
        (fill(standards=LINE), {"standards_manager": application_texts.ERROR_SAME_MANAGER}),
        (fill(role="", department="", line=None, standards=None), {
            "department": "Please choose or type your department or area.",
            "role": "Please give your role or rank.",
            "line_manager": "Please choose your line manager.",
            "standards_manager": "Please choose your standards manager.",
        }),
    ]  # fmt: skip
    for values, expected in cases:
        result = amb_bot.driver.submit(APPLICANT, form, values)
        assert result.errors == expected
        [still_open] = amb_bot.sim.views_for(APPLICANT)
        assert still_open["id"] == form["id"]
    assert amb_bot.rows(AmbassadorApplication) == []

    says(amb_bot, "drive close")  # the drive closes while the form is open
    closed = amb_bot.driver.submit(APPLICANT, form, fill())
    assert closed.errors is not None
    assert "closed while you were writing" in closed.errors["department"]
    assert amb_bot.rows(AmbassadorApplication) == []


def test_departments_with_headcounts_are_offered_with_other_for_the_rest(amb_bot: BotHarness) -> None:
    says(amb_bot, "headcount Response Policing 1200")
    says(amb_bot, "headcount Custody 300")
    open_drive(amb_bot)
    form = open_form(amb_bot, APPLICANT)
    [select] = [b["element"] for b in form["blocks"] if b.get("block_id") == "department"]
    assert [o["text"]["text"] for o in select["options"]] == ["Custody", "Response Policing", "Other / not listed"]

    missing = amb_bot.driver.submit(APPLICANT, form, fill(department="Other / not listed"))
    assert missing.errors == {"department_other": "Please type your department or area, as it is not in the list."}
    values = {**fill(department="Other / not listed"), "department_other": "  Dog   Unit "}
    assert amb_bot.driver.submit(APPLICANT, form, values).response_action == "update"
    [application] = amb_bot.rows(AmbassadorApplication)
    assert application.department == "Dog Unit"


def test_one_application_per_drive_and_the_applicant_is_told_its_stage(amb_bot: BotHarness) -> None:
    open_drive(amb_bot)
    assert apply(amb_bot, APPLICANT).response_action == "update"
    answer = says(amb_bot, "apply", user=APPLICANT)
    assert "You have already applied to be a standards ambassador" in answer
    assert "waiting for your line manager and your standards manager" in answer

    # A second form, open while the same person applies from another device, is refused when sent.
    form = open_form(amb_bot, SECOND)
    with amb_bot.deps.db.unit_of_work() as session:
        elsewhere = applications.submit(
            session, amb_bot.deps, team_id=TEAM_ID, user_id=SECOND, submission=_submission(), now=utcnow()
        )
    assert elsewhere.status == "sent"
    again = amb_bot.driver.submit(SECOND, form, fill())
    assert again.errors is not None
    assert "already applied" in again.errors["department"]
    assert len(amb_bot.rows(AmbassadorApplication, AmbassadorApplication.applicant_id == SECOND)) == 1


def _submission() -> applications.Submission:
    values = fill()
    return applications.Submission(
        department=values["department"],
        department_other="",
        role=values["role"],
        line_manager=LINE,
        standards_manager=STANDARDS,
        statement=values["statement"],
    )
