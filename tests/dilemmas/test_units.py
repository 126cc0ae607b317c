"""Pure parts: choosing the next dilemma, reading the schedule command, the weekly recurrence, the blocks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.blocks import dilemmas as blocks
from bot.services.dilemmas.schedule_spec import DEFAULT_OPEN_MINUTES, ScheduleProblem, parse_schedule
from bot.services.dilemmas.schedules import next_fire
from bot.texts import dilemmas as texts
from dilemmas.loader import Content
from dilemmas.selection import choose_next, matching
from storage.models.dilemmas import DilemmaSchedule


def test_a_channel_gets_every_dilemma_once_before_any_repeats(content: Content) -> None:
    bank = content.dilemmas
    history: list[str] = []
    for _ in range(len(bank)):
        chosen = choose_next(bank, history, seed="T1:C1")
        assert chosen is not None
        history.append(chosen.id)
    assert sorted(history) == sorted(bank)
    again = choose_next(bank, history, seed="T1:C1")
    assert again is not None
    assert again.id == history[0]  # the one used longest ago comes round first


def test_two_channels_walk_the_bank_in_different_orders(content: Content) -> None:
    first = [choose_next(content.dilemmas, [], seed=f"T1:C{n}") for n in range(5)]
    assert len({d.id for d in first if d}) > 1


def test_format_and_tags_narrow_the_choice(content: Content) -> None:
    panel = matching(content.dilemmas, fmt="on-the-panel", tags=["social-media"])
    assert panel
    assert all(d.format == "on-the-panel" and "social-media" in d.tags.topics for d in panel)
    history = [d.id for d in panel]
    chosen = choose_next(content.dilemmas, history, fmt="on-the-panel", tags=["social-media"], seed="x")
    assert chosen is not None
    assert chosen.id in history  # exhausted: it starts again within the same narrow set
    assert choose_next(content.dilemmas, [], fmt="on-the-panel", tags=["standard-4"], seed="x") is not None


def test_the_schedule_command_reads_all_its_options() -> None:
    spec = parse_schedule(
        "C1",
        [
            "Monday",
            "9:30",
            "for",
            "36h",
            "format",
            "what-would-you-do",
            "tags",
            "courage,vetting",
            "tz",
            "Europe/Dublin",
        ],
        "Europe/London",
    )
    assert (spec.weekday, spec.hour, spec.minute, spec.open_minutes) == ("mon", 9, 30, 36 * 60)
    assert (spec.fmt, spec.tags, spec.timezone) == ("what-would-you-do", ("courage", "vetting"), "Europe/Dublin")
    plain = parse_schedule("C1", ["fri", "16:00"], "Europe/London")
    assert (plain.open_minutes, plain.fmt, plain.tags, plain.timezone) == (
        DEFAULT_OPEN_MINUTES,
        None,
        (),
        "Europe/London",
    )


@pytest.mark.parametrize(
    ("words", "named"),
    [
        ("funday 09:00", "day"),
        ("mon 25:00", "time"),
        ("mon 09:00 for 8d", "7 days"),
        ("mon 09:00 for soon", "days, hours or minutes"),
        ("mon 09:00 format quiz", "format"),
        ("mon 09:00 tags nonsense", "nonsense"),
        ("mon 09:00 tz Mars/Olympus", "time zone"),
        ("mon 09:00 tz", "needs a value"),
        ("mon 09:00 please", "please"),
    ],
)
def test_a_malformed_schedule_says_what_is_wrong(words: str, named: str) -> None:
    with pytest.raises(ScheduleProblem) as raised:
        parse_schedule("C1", words.split(), "Europe/London")
    assert named in texts.schedule_problem(raised.value)


@given(st.lists(st.text(max_size=40), max_size=12))
def test_any_words_either_make_a_schedule_or_a_plain_problem(words: list[str]) -> None:
    outcome: str
    try:
        outcome = parse_schedule("C1", words, "Europe/London").weekday
    except ScheduleProblem as problem:
        outcome = texts.schedule_problem(problem)
    assert outcome in ("mon", "tue", "wed", "thu", "fri", "sat", "sun") or len(outcome) > 10


def test_the_weekly_time_follows_the_clocks_across_summer_time() -> None:
    schedule = DilemmaSchedule(weekday="mon", hour=9, minute=0, timezone="Europe/London")
    winter = next_fire(schedule, datetime(2026, 3, 20, tzinfo=UTC))
    summer = next_fire(schedule, winter)
    assert winter == datetime(2026, 3, 23, 9, 0, tzinfo=UTC)
    assert summer == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)  # 09:00 BST
    assert next_fire(schedule, summer) == datetime(2026, 4, 6, 8, 0, tzinfo=UTC)


def test_the_bar_chart_lines_up_and_adds_up(content: Content) -> None:
    dilemma = next(d for d in content.dilemmas.values() if len(d.options) == 4)
    chart = blocks.bar_chart(dilemma, {"A": 1, "B": 6, "D": 3})
    lines = chart.strip("`\n").splitlines()
    assert [line[0] for line in lines] == ["A", "B", "C", "D"]
    assert lines[1].startswith("B ██████░░░░    6 ( 60%)")
    assert lines[2].startswith("C ░░░░░░░░░░    0 (  0%)")


def test_fewer_than_five_responses_hide_the_spread(content: Content) -> None:
    dilemma = next(iter(content.dilemmas.values()))
    shown = str(blocks.reveal_blocks(dilemma, {"A": 4}, minimum=5, closed_by="x", signposts=content.signposts))
    assert "fewer than 5" in shown
    assert "█" not in shown


@given(st.text(max_size=3000))
def test_any_comment_is_escaped_and_fits_slack_limits(text: str) -> None:
    built = blocks.comment_blocks(1, text)
    bodies = [b["text"]["text"] for b in built[1:] if b["type"] == "section"]
    assert all(len(body) <= 3000 for body in bodies)
    joined = "".join(bodies)
    assert "<" not in joined
    assert ">" not in joined
    assert joined.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == text
    assert len(built) <= 50


def test_the_post_and_help_say_what_the_bot_keeps_of_votes_and_comments(content: Content) -> None:
    dilemma = next(iter(content.dilemmas.values()))
    closes = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)
    note = str(blocks.post_blocks(dilemma, 1, closes_at=closes, caused_by="test"))
    assert "keeps no record" not in note  # it keeps a pseudonym until the close
    assert "the bot keeps a pseudonym, not your Slack ID" in note
    assert "replies there show your name" in note
    assert "someone holding both the database and the bot's secret key could make the link" in texts.HELP
    assert "does not keep who wrote it" not in texts.COMMENT_HINT  # it keeps a pseudonym, for the comment limit
