"""Bad and awkward input: inline form errors that keep the text, any command text, free text that cannot ping."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.services.concerns.try_limits import STATUS_STATE_KEY
from storage.models.concerns import ConcernCase
from tests.concerns.conftest import CASES, OUTSIDER, REPORTER, case_post, open_form, raise_concern
from tests.support.harness import BotHarness

QUICK = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
ANY_TEXT = st.text(max_size=300) | st.sampled_from(
    ["<!channel>", "token=x&user_id=U1", "status", "🙂" * 50, "x" * 3000]
)


def _state_text(view: dict, block_id: str) -> str | None:
    return view["state"]["values"].get(block_id, {}).get(block_id, {}).get("value")


def test_empty_or_too_long_text_is_an_inline_error_and_the_form_keeps_the_text(case_bot: BotHarness) -> None:
    form = open_form(case_bot, REPORTER)
    for text, words in (("   \n ", "Please say what happened"), ("y" * 3001, "3,000 characters")):
        result = case_bot.driver.submit(REPORTER, form, {"category": "bullying", "what_happened": text})
        assert result.status == 200
        assert result.errors is not None
        assert words in result.errors["what_happened"]
        [still_open] = case_bot.sim.views_for(REPORTER)
        assert still_open["id"] == form["id"]
        assert _state_text(still_open, "what_happened") == text
    too_long_help = case_bot.driver.submit(
        REPORTER, form, {"category": "bullying", "what_happened": "ok", "what_would_help": "z" * 3001}
    )
    assert too_long_help.errors
    assert "what_would_help" in too_long_help.errors
    missing_category = case_bot.driver.submit(REPORTER, form, {"what_happened": "ok"})
    assert missing_category.errors
    assert "category" in missing_category.errors
    assert case_bot.rows(ConcernCase) == []


def test_the_longest_text_full_of_mentions_and_links_arrives_escaped(case_bot: BotHarness) -> None:
    text = ("<!channel> <@UHANDLER01> <https://evil.example|click> & " * 60)[:3000]
    raised = raise_concern(case_bot, text)
    post = case_post(case_bot, raised.reference)
    sections = [b["text"]["text"] for b in post["blocks"] if b["type"] == "section"]
    assert all(len(section) <= 3000 for section in sections)
    joined = "".join(sections)
    assert "<!channel>" not in joined
    assert "<@UHANDLER01>" not in joined
    assert "<https://" not in joined
    assert "&lt;!channel&gt;" in joined
    assert post.get("unfurl_links") in (False, None)
    calls = [c for c in case_bot.sim.calls_to("chat.postMessage") if c.args.get("channel") == CASES]
    assert calls
    assert calls[0].args["unfurl_links"] is False
    assert calls[0].args["unfurl_media"] is False


@QUICK
@given(text=ANY_TEXT)
def test_any_command_text_gets_a_plain_private_answer(case_bot: BotHarness, text: str) -> None:
    result = case_bot.driver.command(OUTSIDER, "/concern", text)
    assert result.status == 200
    assert result.elapsed < 3
    if not text.strip():
        case_bot.sim.wait_for(lambda: case_bot.sim.views_for(OUTSIDER), what="the form")
        case_bot.driver.close(OUTSIDER, case_bot.sim.views_for(OUTSIDER)[-1])
        return
    answer = result.wait_response()
    assert answer.get("response_type", "ephemeral") == "ephemeral"
    assert (
        "/concern" in answer["text"] or "no case with that code" in answer["text"] or "receipt code" in answer["text"]
    )


@QUICK
@given(code=st.text(max_size=60))
def test_any_receipt_code_is_answered_plainly(case_bot: BotHarness, code: str) -> None:
    case_bot.deps.state.pop(STATUS_STATE_KEY, None)  # each example is a first try (the limit has its own test)
    answer = case_bot.driver.command(OUTSIDER, "/concern", f"status {code}").wait_response()
    assert "no case with that code" in answer["text"] or "add your receipt code" in answer["text"]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=3000).filter(str.strip))
def test_any_concern_text_reaches_the_case_channel_unable_to_mention_or_link(case_bot: BotHarness, text: str) -> None:
    raised = raise_concern(case_bot, text)
    post = case_post(case_bot, raised.reference)
    sections = [b["text"]["text"] for b in post["blocks"] if b["type"] == "section"]
    assert all(len(section) <= 3000 for section in sections)
    # The reporter's text is quoted: a ">" may start a line (the quote's own mark), and nowhere else.
    unquoted = ["\n".join(line.removeprefix(">") for line in section.split("\n")) for section in sections]
    assert not any("<" in section or ">" in section for section in unquoted)
