"""Writing a dilemma in Slack over real HTTP: the form, its checks, the preview, publishing and scheduling it,
editing and retiring it, and the export that `standards-bot content check` accepts."""

from __future__ import annotations

from pathlib import Path

from bot.sandbox.simulator.server import SlackSimulator
from storage.models.authoring import AuthoredDilemmaVersion
from storage.models.dilemmas import DilemmaComment, DilemmaVote
from tests.dilemmas.authoring_flows import close_forms, form_values, top_view, wait_for_view_saying, words
from tests.dilemmas.conftest import TEAM_A, TEAM_B, VOTERS_A, admin_says, cli_tick, pending_post_duty, vote
from tests.support.cli import run_cli
from tests.support.harness import ADMIN, BotHarness

DILEMMA_ID = "wwyd-drone-over-the-allotments"


def _open_new(bot: BotHarness) -> dict:
    result = bot.driver.command(ADMIN, "/dilemma", "new", channel=TEAM_A)
    assert result.status == 200
    return top_view(bot)


def test_write_fix_preview_publish_schedule_and_see_it_posted(bot: BotHarness, people: SlackSimulator) -> None:
    admin_says(bot, "schedule mon 09:00 for 5d", channel=TEAM_A)
    form = _open_new(bot)

    # A scenario too short, and an id already in the bank: each problem beside its field, the text kept.
    refused = bot.driver.submit(ADMIN, form, form_values(**{"scenario": "Too short.",
                                                            "id": "otp-a-word-over-coffee"}))  # fmt: skip
    assert refused.errors is not None
    assert "at least 100 characters" in refused.errors["scenario"]
    form = top_view(bot)
    assert "Too short." in str(form["state"])

    # A near-duplicate of a shipped dilemma is refused by the bank's own rule.
    from dilemmas.loader import load_content

    coffee = load_content().dilemmas["otp-a-word-over-coffee"]
    copied = bot.driver.submit(ADMIN, form, form_values(**{"scenario": coffee.scenario,
                                                           "title": coffee.title}))  # fmt: skip
    assert copied.errors is not None
    assert "near-duplicate of otp-a-word-over-coffee" in copied.errors["scenario"]

    # Fixed: the preview is the post as the channel will see it, with the choices.
    fixed = bot.driver.submit(ADMIN, top_view(bot), form_values())
    assert fixed.status == 200
    assert not fixed.errors
    preview = wait_for_view_saying(bot, "Preview:")
    shown = words(preview["blocks"])
    assert "What would you do?: Drone over the allotments" in shown
    assert "extraction fans humming" in shown
    for label in ("Save as draft", "Publish", "Edit", "Retire"):
        assert label in shown
    assert "from a colleague's question" not in shown

    # Scheduled for the channel's next slot: published, and the next weekly post uses it.
    bot.driver.click(ADMIN, view=preview, action_id="dilemma_author_schedule", selected=TEAM_A)
    done = wait_for_view_saying(bot, "will be the next weekly post")
    assert f"<#{TEAM_A}>" in words(done["blocks"])
    versions = bot.rows(AuthoredDilemmaVersion)
    assert [(v.number, v.status, v.changed_by) for v in versions] == [(1, "published", ADMIN)]

    (due,) = pending_post_duty(bot)
    cli_tick(bot, due.due_at)
    post = people.wait_for(lambda: people.messages(TEAM_A), what="the weekly post")[-1]
    assert "Drone over the allotments" in words(post)
    assert "recorded anonymously" in vote(bot, VOTERS_A[0], post, "C")["text"]

    # It is in the bank: /dilemma post and /dilemma list find it in another channel too.
    assert DILEMMA_ID in admin_says(bot, "list")["text"] + str(admin_says(bot, "list").get("blocks"))
    answer = admin_says(bot, f"post {DILEMMA_ID} <#{TEAM_B}|custody-b>")
    assert "posted" in answer["text"].lower() or DILEMMA_ID in answer["text"]
    other = people.wait_for(lambda: people.messages(TEAM_B), what="the post in team B")[-1]
    assert "Drone over the allotments" in words(other)


def test_edit_keeps_versions_and_retire_stops_it_being_chosen(bot: BotHarness, people: SlackSimulator) -> None:
    bot.driver.submit(ADMIN, _open_new(bot), form_values())
    bot.driver.click(ADMIN, view=wait_for_view_saying(bot, "Preview:"), action_id="dilemma_author_publish")
    wait_for_view_saying(bot, "is published (version 1)")
    close_forms(bot)
    admin_says(bot, f"post {DILEMMA_ID}")
    first = people.wait_for(lambda: people.messages(TEAM_A), what="the post")[-1]

    # Edit: the form comes back filled in; a new title goes into the preview, then a draft does not go live.
    assert bot.driver.command(ADMIN, "/dilemma", f"edit {DILEMMA_ID}", channel=TEAM_A).status == 200
    form = top_view(bot)
    assert "extraction fans humming" in str(form)
    bot.driver.submit(ADMIN, form, {"title": "Thermal camera over the allotments"})
    preview = wait_for_view_saying(bot, "Thermal camera over the allotments")
    bot.driver.click(ADMIN, view=preview, action_id="dilemma_author_draft")
    wait_for_view_saying(bot, "saved as a draft (version 2)")
    close_forms(bot)
    assert "Drone over the allotments" in str(admin_says(bot, "list").get("blocks"))

    # Edit again from the draft and publish: version 3 is the one in the bank.
    bot.driver.command(ADMIN, "/dilemma", f"edit {DILEMMA_ID}", channel=TEAM_A)
    form = top_view(bot)
    assert "Thermal camera over the allotments" in str(form)
    bot.driver.submit(ADMIN, form, {})
    bot.driver.click(ADMIN, view=wait_for_view_saying(bot, "Preview:"), action_id="dilemma_author_publish")
    wait_for_view_saying(bot, "is published (version 3)")
    close_forms(bot)
    listing = str(admin_says(bot, "list").get("blocks"))
    assert f"`{DILEMMA_ID}` What would you do?: Thermal camera over the allotments" in listing

    # Retire: never chosen again, but the post already made still takes votes.
    bot.driver.command(ADMIN, "/dilemma", f"edit {DILEMMA_ID}", channel=TEAM_A)
    bot.driver.submit(ADMIN, top_view(bot), {})
    bot.driver.click(ADMIN, view=wait_for_view_saying(bot, "Preview:"), action_id="dilemma_author_retire")
    wait_for_view_saying(bot, "is retired (version 4)")
    assert "recorded anonymously" in vote(bot, VOTERS_A[1], first, "A")["text"]
    refused = admin_says(bot, f"post {DILEMMA_ID} <#{TEAM_B}|custody-b>")
    assert DILEMMA_ID in refused["text"]
    assert people.messages(TEAM_B) == []
    assert f"`{DILEMMA_ID}` What would you do?" not in str(admin_says(bot, "list").get("blocks"))
    statuses = [(v.number, v.status) for v in sorted(bot.rows(AuthoredDilemmaVersion), key=lambda v: v.number)]
    assert statuses == [(1, "published"), (2, "draft"), (3, "published"), (4, "retired")]


def test_only_the_standards_team_writes_dilemmas(bot: BotHarness, people: SlackSimulator) -> None:
    answer = bot.driver.command(VOTERS_A[0], "/dilemma", "new", channel=TEAM_A).wait_response()
    assert "Only the standards team" in answer["text"]
    assert bot.sim.views_for(VOTERS_A[0]) == []


def test_export_writes_yaml_that_content_check_accepts(bot: BotHarness, people: SlackSimulator, tmp_path: Path) -> None:
    bot.driver.submit(ADMIN, _open_new(bot), form_values())
    bot.driver.click(ADMIN, view=wait_for_view_saying(bot, "Preview:"), action_id="dilemma_author_publish")
    wait_for_view_saying(bot, "is published")

    out = tmp_path / "exported"
    done = run_cli(bot, "content", "export", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert (out / "bank" / f"{DILEMMA_ID}.yml").is_file()

    import subprocess
    import sys

    from tests.support.cli import cli_env

    env = {**cli_env(bot), "STANDARDS_BOT_CONTENT_DIR": str(out)}
    checked = subprocess.run([sys.executable, "-m", "bot.cli", "content", "check"], env=env, capture_output=True,
                             text=True, timeout=120, check=False)  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "57 dilemmas" in checked.stdout


def test_the_previews_own_buttons_say_what_they_do_in_a_channel_and_record_nothing(
    bot: BotHarness, people: SlackSimulator
) -> None:
    bot.driver.submit(ADMIN, _open_new(bot), form_values())
    preview = wait_for_view_saying(bot, "Preview:")
    for block in preview["blocks"]:  # Slack refuses a view whose block repeats an action ID
        ids = [element["action_id"] for element in block.get("elements", []) if "action_id" in element]
        assert len(ids) == len(set(ids)), ids
    bot.driver.click(ADMIN, view=preview, action_id="dilemma_preview_vote_B")
    said = wait_for_view_saying(bot, "Nothing is recorded from a preview")
    assert "records an anonymous vote for option B" in words(said["blocks"])
    bot.driver.click(ADMIN, view=preview, action_id="dilemma_preview_comment")
    said = wait_for_view_saying(bot, "anonymous comment in the post's thread")
    assert bot.rows(DilemmaVote) == []
    assert bot.rows(DilemmaComment) == []
