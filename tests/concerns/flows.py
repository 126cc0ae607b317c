"""The whole round trip of an anonymous concern with replies, as a person and the case team would do it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.concerns.conftest import CASES, HANDLER, OUTSIDER, REPORTER, Raised, case_post, raise_concern
from tests.support.harness import BotHarness

CONCERN = "Sergeant Blackwood shares degrading memes about victims in the Tuesday nights WhatsApp group"
REPLY = "Thank you. Could you tell us roughly when the Tuesday nights messages started?"
ANSWER = "Around the spring of the Lighthouse operation, I think"
NOTE = "Cross-check against the Lighthouse vetting file"


@dataclass
class Flow:
    raised: Raised
    post: dict[str, Any]


def button(message: dict[str, Any], label: str) -> str:
    for block in message.get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("type") == "button" and element["text"]["text"] == label:
                return str(element["action_id"])
    raise AssertionError(f"no button {label!r} in {message}")


def thread_texts(bot: BotHarness, post: dict[str, Any]) -> str:
    return "\n".join(str(m.get("blocks")) + m.get("text", "") for m in bot.sim.thread(CASES, post["ts"])[1:])


def submit_case_form(bot: BotHarness, user: str, post: dict[str, Any], label: str, values: dict[str, Any]) -> Any:
    before = len(bot.sim.views_for(user))
    result = bot.driver.click(user, message=post, action_id=button(post, label))
    assert result.status == 200
    view = bot.sim.wait_for(lambda: bot.sim.views_for(user)[before:], what=f"the {label} form")[0]
    return bot.driver.submit(user, view, values)


def dm_with(bot: BotHarness, user: str, phrase: str) -> dict[str, Any]:
    def found() -> dict[str, Any] | None:
        for message in bot.sim.dms(user):
            if phrase in str(message.get("blocks")) + message.get("text", ""):
                return message
        return None

    return bot.sim.wait_for(found, what=f"a DM to {user} with {phrase!r}")


def round_trip(bot: BotHarness) -> Flow:
    """DM, raise as (a), a handler replies, the reporter answers, a note, an outsider refused, status checked."""
    bot.driver.dm(REPORTER, "Can I tell you about " + CONCERN)
    dm_with(bot, REPORTER, "Open the private form")
    raised = raise_concern(bot, CONCERN, contact="relay-dm")
    post = case_post(bot, raised.reference)

    assert submit_case_form(bot, HANDLER, post, "Reply to reporter", {"reply": REPLY}).status == 200
    relayed = dm_with(bot, REPORTER, "Could you tell us roughly")
    result = bot.driver.click(REPORTER, message=relayed, action_id=button(relayed, "Answer the case team"))
    assert result.status == 200
    answer_form = bot.sim.wait_for(lambda: bot.sim.views_for(REPORTER)[-1:], what="the answer form")[0]
    assert bot.driver.submit(REPORTER, answer_form, {"answer": ANSWER}).status == 200
    bot.sim.wait_for(lambda: ANSWER in thread_texts(bot, post), what="the answer in the case thread")

    assert submit_case_form(bot, HANDLER, post, "Internal note", {"note": NOTE}).status == 200
    bot.sim.wait_for(lambda: NOTE in thread_texts(bot, post), what="the note in the thread")

    refused = bot.driver.click(OUTSIDER, message=post, action_id=button(post, "Set status"))
    assert "Only members of the case channel" in refused.wait_response()["text"]

    status = bot.driver.command(REPORTER, "/concern", f"status {raised.code}").wait_response()
    assert REPLY.split(".")[0] in str(status)
    return Flow(raised, post)
