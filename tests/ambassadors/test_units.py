"""Pure parts: word counts and form checks, department keys, Slack's limits on long text and big rosters, and the
times of the monthly reminders and of a drive's end."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from bot.blocks import ambassadors as blocks
from bot.sandbox.simulator.blockkit import validate_message_blocks, validate_view
from bot.services.ambassadors import applications
from bot.services.ambassadors.applications import Submission
from bot.services.ambassadors.common import RequestCard, department_key
from bot.services.ambassadors.drives import close_at
from bot.services.ambassadors.meeting_records import Tally
from bot.services.ambassadors.meetings import next_meeting_reminder
from bot.services.ambassadors.roster import ActiveEntry, Roster
from bot.texts import ambassador_applications as texts
from handlers.common import unescape
from tests.ambassadors.conftest import LONDON, statement

DEPS: Any = SimpleNamespace(settings=SimpleNamespace(tz=LONDON))


def _form(**changes: str) -> Submission:
    values = {
        "department": "Custody", "department_other": "", "role": "Sergeant",
        "line_manager": "ULINE", "standards_manager": "USTD", "statement": statement(400),
    }  # fmt: skip
    return Submission(**{**values, **changes})


def validate(submission: Submission, applicant: str, minimum_words: int) -> dict[str, str]:
    """The form's problems in the words the applicant is shown."""
    return texts.form_problems(applications.validate(submission, applicant, minimum_words))


def test_the_statement_needs_its_minimum_of_words_and_the_error_gives_the_count() -> None:
    assert validate(_form(), "UAPPLICANT", 400) == {}
    assert validate(_form(statement=statement(399)), "UAPPLICANT", 400) == {
        "statement": "399 words; at least 400 are needed."
    }
    assert validate(_form(statement="one"), "UAPPLICANT", 2) == {"statement": "1 word; at least 2 are needed."}
    assert validate(_form(statement="  \n "), "UAPPLICANT", 0) == {"statement": "0 words; at least 1 are needed."}
    assert "statement" in validate(_form(statement="a " * 1501), "UAPPLICANT", 10)  # longer than the form allows
    assert validate(_form(role="r" * 101), "UAPPLICANT", 400) == {"role": "Please keep this to 100 characters."}


def test_department_names_match_whatever_their_capitals_and_spaces() -> None:
    assert department_key("  Response   POLICING ") == department_key("response policing") == "response policing"
    assert department_key("Custody") != department_key("Custody Suite")


def test_free_text_is_escaped_and_cut_without_breaking_an_escape() -> None:
    shown, was_cut = blocks.cut("&" * 1000, 50)
    assert was_cut
    assert len(shown) <= 50
    assert shown.endswith("&amp;…")
    worst = blocks.quoted("<" * 3000 + "\n" * 200)
    assert all(len(piece) <= 3000 for piece in worst)
    assert "<" not in "".join(worst)
    assert "".join(worst).replace(">", "").count("&lt;") == 3000  # nothing is cut off
    lines = blocks.quoted("a\n" * 2000 + "b")
    assert all(len(piece) <= 3000 for piece in lines)
    assert lines[0].startswith(">a\n>a")
    assert "\n".join(lines).count(">a") == 2000


def test_the_longest_statement_is_shown_whole_to_the_approver() -> None:
    statement = ("Fairness & trust <matter> to me. " * 90)[:3000]
    card = RequestCard(
        approval_id=7, step="line_manager", applicant="UAPPLY0001", headline="A request", department="Custody",
        role="PC", statement=statement, words=len(statement.split()),
    )  # fmt: skip
    shown = blocks.request_message(card)
    assert validate_message_blocks(shown["blocks"]) == []
    text = "\n".join(
        b["text"]["text"] for b in shown["blocks"] if b["type"] == "section" and b["text"]["text"][:1] == ">"
    )
    assert unescape(text.replace("\n>", "").lstrip(">")) == statement.strip()
    assert blocks.cut("<@U123> hi", 100) == ("&lt;@U123&gt; hi", False)


def test_the_form_is_valid_block_kit_even_with_more_departments_than_a_list_takes() -> None:
    many = [f"Department number {n} with a long name that goes on and on and on" for n in range(150)]
    form = blocks.application_form(many, 400, date(2027, 3, 31))
    assert validate_view(form) == []
    [select] = [b["element"] for b in form["blocks"] if b.get("block_id") == "department"]
    assert len(select["options"]) == 100
    assert select["options"][-1]["value"] == blocks.OTHER_DEPARTMENT
    assert validate_view(blocks.application_form([], 0, date(2027, 3, 31))) == []


def test_a_roster_of_any_size_fits_one_message_and_says_how_many_are_not_shown() -> None:
    people = [
        ActiveEntry(f"U{n:09d}", "Response <!channel> Policing " * 3, "Detective Constable", date(2026, 1, 5),
                           None, date(2026, 2, 2), n % 7, Tally(12, 12))
        for n in range(1200)
    ]  # fmt: skip
    roster = Roster(people, [], [], date(2026, 12, 1), 6)
    rendered = blocks.roster_blocks(roster)
    assert validate_message_blocks(rendered) == []
    assert len(rendered) == 50
    texts = [b["text"]["text"] for b in rendered if b["type"] == "section"]
    assert all(len(text) <= 3000 for text in texts)
    assert "<!channel>" not in "".join(texts)
    shown = sum(text.count("• <@") for text in texts)
    more = rendered[-1]["elements"][0]["text"]
    assert more == f"…and {1200 - shown:,} more people not shown here."


def test_monthly_reminders_fall_on_the_first_monday_at_nine_in_london() -> None:
    assert next_meeting_reminder(DEPS, datetime(2026, 12, 8, tzinfo=UTC)) == datetime(2027, 1, 4, 9, tzinfo=LONDON)
    first_is_monday = datetime(2027, 3, 1, 8, tzinfo=LONDON)
    assert next_meeting_reminder(DEPS, first_is_monday) == datetime(2027, 3, 1, 9, tzinfo=LONDON)
    summer = next_meeting_reminder(DEPS, datetime(2027, 6, 1, tzinfo=UTC))
    assert summer == datetime(2027, 6, 7, 8, tzinfo=UTC)  # 09:00 British Summer Time
    after = next_meeting_reminder(DEPS, summer + timedelta(minutes=1))
    assert after == datetime(2027, 7, 5, 9, tzinfo=LONDON)


def test_a_drive_ends_at_midnight_after_its_last_day_in_london() -> None:
    assert close_at(DEPS, date(2027, 3, 27)) == datetime(2027, 3, 28, 0, tzinfo=UTC)
    assert close_at(DEPS, date(2027, 6, 30)) == datetime(2027, 6, 30, 23, tzinfo=UTC)
