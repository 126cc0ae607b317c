"""The sandbox in a real browser: people click through a card, a dilemma, a concern and a CPD event, and the clock.

Each step saves a screenshot under test-artifacts/sandbox/<story>/; axe-core checks the page's accessibility as it goes.
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
    me = Person(browser, sandbox.url, "every-feature")
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

    # A concern: raised anonymously, answered by the case team; the DM only says there is news, and the reply is
    # read with the receipt code.
    me.be("Robin Hughes")
    me.go("Standards Bot: Messages")
    me.type("/concern")
    me.modal("Raise a concern")
    me.fill("What is it about?", "Offensive group chats or social media")
    me.fill("What happened?", CONCERN)
    me.fill("How can the case team contact you?", "Without your name: tell me there is news")
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
    me.sees(r"There is news about the concern you raised", "//div[@id='messages']")
    assert "Could you say roughly when" not in me.text()
    me.type(f"/concern status {code}")
    me.sees(r"Case team, [\s\S]*Could you say roughly when", me.message(f"{reference}"))
    me.screenshot("reply-read")

    # A CPD event: Going, and the calendar file arrives in the DM.
    me.be("PC Jordan Lee")
    me.go("# standards-ambassadors")
    me.press("Going", me.message("Notifiable associations"))
    me.sees(r"You have a place at Notifiable associations", "//div[@id='messages']")
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


PIXEL = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
SAMPLE_BLOCKS = [
    {"type": "header", "text": {"type": "plain_text", "text": "Every kind of block"}},
    {"type": "section", "text": {"type": "mrkdwn", "text": (
        "*bold* _leaning_ ~struck~ `code` for <@USBXSTAFF1> in <#CSBXCUST01|custody-suite>: &lt;!channel&gt; "
        "on <!date^1796493600^{date_long} at {time}|5 Dec> <https://example.org|a link>")},
     "accessory": {"type": "overflow", "action_id": "sample_more", "options": [
         {"text": {"type": "plain_text", "text": "First"}, "value": "1"},
         {"text": {"type": "plain_text", "text": "Second"}, "value": "2"}]}},
    {"type": "section",
     "fields": [{"type": "mrkdwn", "text": "*When*\ntomorrow"}, {"type": "plain_text", "text": "Where"}],
     "accessory": {"type": "datepicker", "action_id": "sample_date", "initial_date": "2026-12-05"}},
    {"type": "context", "elements": [{"type": "image", "image_url": PIXEL, "alt_text": "a dot"},
                                     {"type": "mrkdwn", "text": "small print"}]},
    {"type": "divider"},
    {"type": "actions", "elements": [
        {"type": "button", "text": {"type": "plain_text", "text": "Press"}, "action_id": "sample_press",
         "style": "danger"},
        {"type": "static_select", "action_id": "sample_pick", "placeholder": {"type": "plain_text", "text": "Pick one"},
         "options": [{"text": {"type": "plain_text", "text": "One"}, "value": "one"}]},
        {"type": "timepicker", "action_id": "sample_time", "initial_time": "18:00"}]},
    {"type": "image", "image_url": PIXEL, "alt_text": "a picture", "title": {"type": "plain_text", "text": "Caption"}},
]  # fmt: skip


def test_the_page_draws_block_kit_and_form_errors_as_slack_does(sandbox: Running, browser: Any) -> None:
    import json

    from bot.sandbox import people

    box = sandbox.box
    posted = box.sim.handle_api(
        "chat.postMessage",
        {"channel": people.RESPONSE.id, "text": "sample", "blocks": json.dumps(SAMPLE_BLOCKS)},
        box.sim.bot_token,
    )
    assert posted[1]["ok"], posted
    me = Person(browser, sandbox.url, "block-kit-and-forms")
    me.open()
    me.be("PCSO Taylor Reid")
    me.go("# response-north")
    sample = me.message("Every kind of block")
    me.find(f"{sample}//h3[normalize-space(.)='Every kind of block']", "the header")
    me.find(f"{sample}//strong[.='bold'] | {sample}//em[.='leaning']", "bold and italic")
    me.find(f"{sample}//span[contains(@class,'mention')][.='@PC Jordan Lee']", "a person mentioned")
    me.find(f"{sample}//span[contains(@class,'mention')][.='#custody-suite']", "a channel mentioned")
    me.sees(r"<!channel>", sample)  # escaped text is shown as text, never as a ping
    me.find(f"{sample}//time[contains(., 'Saturday, December 5, 2026 at 18:00')]", "the date in the reader's time")
    me.find(f"{sample}//select[contains(@class,'bk-overflow')]", "the overflow menu")
    assert me.find(f"{sample}//input[@type='date']", "the date picker").get_property("value") == "2026-12-05"
    assert me.find(f"{sample}//input[@type='time']", "the time picker").get_property("value") == "18:00"
    me.find(f"{sample}//select[contains(@class,'bk-select')]/option[.='One']", "the select")
    me.find(f"{sample}//button[contains(@class,'danger')][.='Press']", "the danger button")
    me.find(f"{sample}//figure/img[@alt='a picture']", "the image with its alt text")
    me.find(f"{sample}//hr", "the divider")
    me.screenshot("block-kit")

    # The message box offers the commands with their usage hints, and the keyboard picks one.
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    typing = browser.find_element(By.ID, "message-box")
    typing.send_keys("/di")
    me.sees(
        r"/dilemma \[help\|ask\|ask status CODE\|brief \[id\]\|post\|close\|list\|schedule\|new\|edit ID\]",
        "//ul[@id='command-list']",
    )
    assert typing.get_attribute("aria-expanded") == "true"
    typing.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
    assert typing.get_property("value") == "/dilemma "
    typing.clear()

    # A form: a required field left empty is refused on the page, and the bot's own error shows inline.
    me.type("/ambassador apply")
    me.modal("Become an ambassador")
    me.fill("Department or area", "Response Policing")
    me.fill("Role or rank", "PCSO")
    me.press("Apply", "//form[@role='dialog']")
    me.sees(r"Please complete this required field", "//form[@role='dialog']")
    me.fill("Line manager", "PS Chris Evans (@ps.chris.evans)")
    me.fill("Standards manager", "DI Priya Shah (@di.priya.shah)")
    me.fill("Your statement", "I want to help colleagues speak up early.")
    me.press("Apply", "//form[@role='dialog']")
    me.sees(r"8 words; at least 40 are needed", "//form[@role='dialog']")
    me.find("//form[@role='dialog']//textarea[@aria-invalid='true']", "the statement marked as invalid")
    me.screenshot("form-error")
    _accessible(me, axe_source(), "with an error in a form")
