"""Ask the panel over real HTTP: a colleague asks anonymously, the standards team turns the question into a
dilemma from its Home tab queue, and the post says where it came from; nothing in the database names the asker."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import LargeBinary, String, Text, create_engine, select

from bot.sandbox.simulator.server import SlackSimulator
from storage.models import Base
from storage.models.authoring import PanelQuestion
from tests.dilemmas.authoring_flows import close_forms, form_values, top_view, wait_for_view_saying, words
from tests.dilemmas.conftest import TEAM_A, VOTERS_A, admin_says
from tests.support.cli import run_cli
from tests.support.databases import database_file_bytes
from tests.support.harness import ADMIN, TEAM_ID, BotHarness

ASKER = VOTERS_A[2]
QUESTION = (
    "My tutor constable asked me to sign his pocket notebook entry as a witness to a search I never saw. "
    "What should a probationer do?"
)


def _ask(bot: BotHarness) -> str:
    assert bot.driver.command(ASKER, "/dilemma", "ask", channel=TEAM_A).status == 200
    form = top_view(bot, ASKER)
    assert "anonymous" in words(form["blocks"])
    empty = bot.driver.submit(ASKER, form, {"question.value": "   "})
    assert empty.errors is not None
    assert "describe" in empty.errors["question"]
    bot.driver.submit(ASKER, top_view(bot, ASKER), {"question.value": QUESTION})
    thanked = wait_for_view_saying(bot, "receipt code", ASKER)
    found = re.search(r"`([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})`", words(thanked["blocks"]))
    assert found is not None
    close_forms(bot, ASKER)
    return found.group(1)


def _status(bot: BotHarness, code: str) -> str:
    answer = bot.driver.command(ASKER, "/dilemma", f"ask status {code}", channel=TEAM_A).wait_response()
    return str(answer["text"])


def _columns_hold(bot: BotHarness, needle: str | bytes) -> list[str]:
    """Every text (and JSON) column of every table for a text `needle`, every binary column for bytes; read raw
    from the database."""
    engine = create_engine(bot.settings.database_url)
    found = []
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(needle, bytes):
                    if not isinstance(column.type, LargeBinary):
                        continue
                elif not isinstance(column.type, String | Text) and "JSON" not in type(column.type).__name__:
                    continue
                for value in connection.execute(select(column)).scalars():
                    if value is None:
                        continue
                    if needle in bytes(value) if isinstance(needle, bytes) else needle in str(value):
                        found.append(f"{table.name}.{column.name}")
    engine.dispose()
    return found


def test_ask_anonymously_turn_into_a_dilemma_post_it_and_follow_it(bot: BotHarness, people: SlackSimulator) -> None:
    code = _ask(bot)
    assert "waiting for the standards team" in _status(bot, code)
    assert "No question matches" in _status(bot, "ABCD-EFGH-JKMN-PQRS-TVWX")
    assert _columns_hold(bot, ASKER) == []
    assert _columns_hold(bot, "pocket notebook") == []  # sealed while it waits, as a concern's text is
    assert _columns_hold(bot, b"pocket notebook") == []

    # Everyone's Home tab has the button; only the standards team's has the queue.
    bot.driver.open_home(ASKER)
    home = bot.sim.wait_for(lambda: bot.sim.home(ASKER), what="the asker's Home tab")
    assert "Ask the panel" in words(home["blocks"])
    assert "pocket notebook" not in words(home["blocks"])
    bot.driver.open_home(ADMIN)
    home = bot.sim.wait_for(lambda: bot.sim.home(ADMIN), what="the admin's Home tab")
    assert "pocket notebook entry" in words(home["blocks"])
    assert ASKER not in str(home)

    # The queue's button opens the form with the question as the scenario, to be made general.
    bot.driver.click(ADMIN, view=home, action_id="panel_question_draft")
    form = top_view(bot)
    assert "pocket notebook entry" in str(form)
    scenario = (
        "A probationer in her third week is left with the tutor's patrol car keys while he buys lunch. A woman "
        "taps on the window asking for directions to the maternity unit, clearly in labour, and the tutor has told "
        "her never to drive the car without him. The hospital is four minutes away and no ambulance is free."
    )
    drafted = bot.driver.submit(ADMIN, form, form_values(**{
        "id": "wwyd-the-tutors-car-keys", "title": "The tutor's car keys", "scenario": scenario,
        "A_label": "Wait for the tutor", "A_text": "Follow the instruction and radio for an ambulance again.",
        "B_label": "Drive her there", "B_text": "Drive to the hospital at once and tell the tutor by radio.",
        "C_label": "Give directions", "C_text": "Point the way and stay with the car as told.",
        "reasoning": "A life may be at stake and the hospital is minutes away. An instruction about the car is "
                     "not meant to stop an officer helping someone in labour; tell the tutor and control at once.",
    }))  # fmt: skip
    assert not drafted.errors
    preview = wait_for_view_saying(bot, "Preview:")
    assert "from a colleague's question" in words(preview["blocks"])
    assert "writing your question up" in _status(bot, code)
    assert _columns_hold(bot, "pocket notebook") == []  # written up in general terms: the text is erased
    bot.driver.click(ADMIN, view=preview, action_id="dilemma_author_publish")
    wait_for_view_saying(bot, "is published")
    assert "now a dilemma in the bank" in _status(bot, code)

    admin_says(bot, "post wwyd-the-tutors-car-keys")
    post = people.wait_for(lambda: people.messages(TEAM_A), what="the post")[-1]
    assert "The tutor's car keys" in words(post)
    assert "comes from a colleague's question" in words(post)
    assert "has been posted" in _status(bot, code)

    # Nothing in any table names the asker: not the question, not its receipt, not the dilemma made from it.
    assert _columns_hold(bot, ASKER) == []


def test_the_standards_team_declines_a_question(bot: BotHarness, people: SlackSimulator, database_url: str) -> None:
    code = _ask(bot)
    [sealed] = [bytes(q.text_sealed or b"") for q in bot.rows(PanelQuestion)]
    assert sealed
    assert sealed in database_file_bytes(database_url, "panel_questions")
    bot.driver.open_home(ADMIN)
    home = bot.sim.wait_for(lambda: bot.sim.home(ADMIN), what="the admin's Home tab")
    bot.driver.click(ADMIN, view=home, action_id="panel_question_decline")
    bot.sim.wait_for(
        lambda: "No questions are waiting" in words((bot.sim.home(ADMIN) or {}).get("blocks")), what="the queue emptied"
    )
    assert "decided not to use" in _status(bot, code)
    assert _columns_hold(bot, "pocket notebook") == []  # the text is erased; the receipt still answers
    bot.tick()  # and its sealed bytes go from the database's files
    assert sealed not in database_file_bytes(database_url, "panel_questions")


def test_a_question_kept_in_plain_text_from_before_sealing_is_sealed_by_rekey(
    bot: BotHarness, people: SlackSimulator, database_url: str
) -> None:
    """A question that was waiting when the bot was upgraded (its text in the plain column) is still shown to the
    standards team, and `standards-bot rekey` seals it."""
    with bot.deps.db.unit_of_work() as session:  # as such a row stands after the upgrade's migration
        session.add(
            PanelQuestion(
                team_id=TEAM_ID, text=QUESTION, text_sealed=None, status="waiting", receipt_lookup="ABCD",
                receipt_hash="-", asked_on=date(2026, 11, 30),
            )
        )  # fmt: skip
    assert _columns_hold(bot, "pocket notebook") == ["panel_questions.text"]
    assert b"pocket notebook" in database_file_bytes(database_url, "panel_questions")
    done = run_cli(bot, "rekey")
    assert done.returncode == 0, done.stderr
    assert _columns_hold(bot, "pocket notebook") == []
    assert _columns_hold(bot, b"pocket notebook") == []
    bot.tick()  # the plain text's bytes go from the database's files too
    assert b"pocket notebook" not in database_file_bytes(database_url, "panel_questions")
    bot.driver.open_home(ADMIN)
    home = bot.sim.wait_for(lambda: bot.sim.home(ADMIN), what="the admin's Home tab")
    assert "pocket notebook entry" in words(home["blocks"])  # read from the sealed text
    assert run_cli(bot, "rekey").returncode == 0  # again: nothing left to seal, nothing changed
    assert _columns_hold(bot, "pocket notebook") == []
