"""The sandbox in a real browser: people click through a card, a dilemma, a concern and a CPD event, and the clock.

Each step saves a screenshot under test-artifacts/sandbox/; axe-core checks the page's accessibility as it goes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tests.sandbox.browser import Person, axe_source, chromium
from tests.sandbox.conftest import Running

pytestmark = pytest.mark.slow

CONCERN = "A sergeant shares degrading memes about victims in the team's group chat."
REPLY = "Thank you for telling us. Could you say roughly when the messages started?"
COMMENT = "I would want to know about her caseload first."


@pytest.fixture
def browser() -> Iterator[Any]:
    yield from chromium()


def _accessible(person: Person, axe: str, where: str) -> None:
    problems = person.axe(axe)
    summary = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in problems]
    assert not problems, f"accessibility problems {where}:\n" + "\n".join(summary)


def test_a_person_tries_every_feature_in_the_sandbox_by_clicking(sandbox: Running, browser: Any) -> None:
    axe = axe_source()
    me = Person(browser, sandbox.url)
    me.open()
    me.be("PC Jordan Lee")
    me.go("# response-north")
    me.screenshot("workspace")
    _accessible(me, axe, "in a channel")

    # A card: drawn privately, then shared with the team.
    me.type("/ethicard")
    card = me.message("Only visible to you")
    me.press("Share to channel", card)
    me.sees(r"Shared by @PC Jordan Lee", "//div[@id='messages']")
    me.screenshot("card-shared")

    # The open dilemma: a vote, and an anonymous comment in the thread.
    dilemma = me.message("Discussion prompts")
    me.press("A: ", dilemma)
    me.sees(r"recorded anonymously", "//div[@id='messages']")
    me.screenshot("voted")
    me.press("Add an anonymous comment", dilemma)
    me.modal("Anonymous comment")
    _accessible(me, axe, "with a form open")
    me.fill("Your comment", COMMENT)
    me.press("Post anonymously", "//form[@role='dialog']")
    me.sees(r"1 reply", dilemma)
    me.press("1 reply", dilemma)
    me.sees(r"A colleague writes", "//aside[@id='thread']")
    me.screenshot("commented")

    # The admin closes it; the reveal is in the thread.
    me.be("Alex Morgan")
    me.go("# response-north")
    me.type("/dilemma close")
    me.sees(r"Voting has closed", "//div[@id='messages']")
    me.press("2 replies", me.message("Voting has closed"))
    me.sees(r"5 responses", "//aside[@id='thread']")
    me.sees(r"█", "//aside[@id='thread']")
    me.screenshot("revealed")

    # A concern: raised anonymously, answered by the case team, read with the receipt code.
    me.be("Robin Hughes")
    me.go("Standards Bot: Messages")
    me.type("/concern")
    me.modal("Raise a concern")
    me.fill("What is it about?", "Offensive group chats or social media")
    me.fill("What happened?", CONCERN)
    me.fill("How can the case team contact you?", "Anonymous, with replies through the bot")
    me.screenshot("concern-form")
    me.press("Send privately", "//form[@role='dialog']")
    me.modal("Concern received")
    reference = me.sees(r"SC-\d{4}-\d{4}", "//form[@role='dialog']").group(0)
    code = me.sees(r"\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}\b", "//form[@role='dialog']").group(0)
    me.screenshot("concern-received")
    me.press("Done", "//form[@role='dialog']")

    me.be("Sam Okafor")
    me.go("◆ psd-cases")
    case = me.message(reference)
    me.press("Acknowledge", case)
    me.sees(r"1 reply", case)
    me.press("Reply to reporter", case)
    me.modal("Reply to reporter")
    me.fill("Your reply", REPLY)
    me.press("Send", "//form[@role='dialog']")
    me.sees(r"\d replies", case)
    me.screenshot("case-handled")

    me.be("Robin Hughes")
    me.go("Standards Bot: Messages")
    me.sees(r"Could you say roughly when", "//div[@id='messages']")
    me.type(f"/concern status {code}")
    me.sees(r"Case team, [\s\S]*Could you say roughly when", me.message(f"{reference}"))
    me.screenshot("reply-read")

    # A CPD event: Going, and the calendar file arrives in the DM.
    me.be("PC Jordan Lee")
    me.go("# standards-ambassadors")
    me.press("Going", me.message("Notifiable associations"))
    me.sees(r"Going", "//div[@id='messages']")
    me.go("Standards Bot: Messages")
    link = me.find("//a[contains(@class,'file')][contains(., '.ics')]", "the calendar file")
    calendar = requests.get(str(link.get_attribute("href")), timeout=10)
    assert calendar.status_code == 200
    assert b"BEGIN:VCALENDAR" in calendar.content
    me.screenshot("calendar-file")

    # The clock moves on to the event's 1-day reminder.
    from selenium.webdriver.support.ui import Select

    Select(me.find("//select[@id='clock-target']", "the clock")).select_by_visible_text(
        next(o for o in me.find("//select[@id='clock-target']", "").text.splitlines() if "1-day reminder" in o)
    )
    me.press("Move the clock")
    me.sees(r"Reminder: Notifiable associations: what to declare is tomorrow", "//div[@id='messages']")
    me.screenshot("reminder")

    # The Home tab, as this person sees it.
    me.go("Standards Bot: Home")
    me.find("//div[contains(@class,'home')]//button", "the Home tab's buttons")
    me.screenshot("home")
    _accessible(me, axe, "on the Home tab")
