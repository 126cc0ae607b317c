"""The sandbox without a browser: its command, its page's API, the pretend workspace, the demo and the clock."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
import requests
import yaml
from sqlalchemy import func, select

from bot.sandbox import actions, people, state
from bot.sandbox.commands import COMMANDS
from bot.sandbox.runner import start_sandbox
from bot.settings import ConfigError
from bot.web import free_port
from storage.models.dilemmas import DilemmaPost
from tests.sandbox.conftest import Running

ROOT = Path(__file__).resolve().parents[2]
START_LIMIT = 5.0  # seconds from the command to a working page, on a two-core machine


def _texts(box_messages: list[dict]) -> str:
    return "\n".join(str(m.get("text")) + str(m.get("blocks")) for m in box_messages)


def test_the_message_box_offers_the_commands_of_the_manifest() -> None:
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))
    declared = [(c["command"], c["usage_hint"], c["description"]) for c in manifest["features"]["slash_commands"]]
    assert [(c.command, c.hint, c.description) for c in COMMANDS] == declared


def test_command_text_is_escaped_as_slack_escapes_it(empty_sandbox: Running) -> None:
    escaped = actions.escape_as_slack(empty_sandbox.box, "schedule #custody-suite for @pc.jordan.lee <b> & #nowhere")
    channel, person = f"<#{people.CUSTODY.id}|custody-suite>", f"<@{people.JORDAN.id}|pc.jordan.lee>"
    assert escaped == f"schedule {channel} for {person} &lt;b&gt; &amp; #nowhere"


def test_each_person_sees_only_their_own_channels(empty_sandbox: Running) -> None:
    box = empty_sandbox.box
    assert box.deps.settings.slack_api_url.startswith("http://127.0.0.1:")  # its Slack is the simulator, always
    assert box.driver.app_url.startswith("http://127.0.0.1:")
    newcomer = state.snapshot(box, people.TAYLOR.id, people.CASES.id, None)
    assert [r["name"] for r in newcomer["rooms"]] == ["response-north"]
    assert newcomer["channel"] == people.RESPONSE.id  # not the private case channel they asked for
    handler = state.snapshot(box, people.HANDLER.id, "dm", None)
    assert [r["name"] for r in handler["rooms"]] == ["psd-cases"]
    assert handler["channel"] == handler["dm"] == box.sim.open_im(people.HANDLER.id)
    assert {c["command"] for c in handler["commands"]} == {c.command for c in COMMANDS}


def test_the_page_is_for_this_computer_only(empty_sandbox: Running) -> None:
    url = empty_sandbox.url
    page = requests.get(url, timeout=5)
    assert page.status_code == 200
    assert "<title>Standards Bot sandbox</title>" in page.text
    assert requests.get(f"{url}static/app.js", timeout=5).headers["Content-Type"].startswith("text/javascript")
    assert requests.get(f"{url}static/../page.py", timeout=5).status_code == 404
    assert requests.get(url, headers={"Host": "attacker.example"}, timeout=5).status_code == 403
    form = requests.post(f"{url}api/send", data={"user": people.ADMIN.id, "text": "/ethicard"}, timeout=5)
    assert form.status_code == 415  # a form posted by another site cannot act for a pretend person
    unknown = requests.post(f"{url}api/send", json={"channel": people.RESPONSE.id, "text": "/nonsense"}, timeout=5)
    assert unknown.status_code == 400
    assert "/nonsense is not a command here" in unknown.json()["error"]


def test_a_command_typed_on_the_page_reaches_the_bot_and_answers_privately(empty_sandbox: Running) -> None:
    url, box = empty_sandbox.url, empty_sandbox.box
    sent = requests.post(
        f"{url}api/send", json={"user": people.JORDAN.id, "channel": people.RESPONSE.id, "text": "/ethicard help"},
        timeout=10,
    )  # fmt: skip
    assert sent.json() == {"ok": True}
    where = {"user": people.JORDAN.id, "channel": people.RESPONSE.id}
    shown = requests.get(f"{url}api/state", params=where, timeout=5).json()
    [answer] = shown["messages"]
    assert answer["ephemeral"] is True
    assert "/ethicard" in _texts([answer])
    others = state.snapshot(box, people.CHRIS.id, people.RESPONSE.id, None)
    assert others["messages"] == []  # only visible to the person who typed it


def test_the_demo_is_set_up_through_the_bot(sandbox: Running) -> None:
    box = sandbox.box
    [dilemma] = box.sim.messages(people.RESPONSE.id)
    assert "Posted by the standards team with `/dilemma post`" in _texts([dilemma])
    assert "Notifiable associations" in _texts(box.sim.messages(people.AMBASSADORS.id))
    labels = [u.label for u in box.clock.upcoming()]
    for expected in ("the next scheduled dilemma", "a dilemma's close and reveal", "an event's 1-day reminder",
                     "the recruitment drive's close"):  # fmt: skip
        assert expected in labels
    form = box.driver.command(people.TAYLOR.id, "/ambassador", "apply")
    assert form.status == 200
    assert box.sim.wait_for(lambda: box.sim.views_for(people.TAYLOR.id), what="the application form")


def test_moving_the_clock_runs_what_falls_due(sandbox: Running) -> None:
    box = sandbox.box
    due = next(u for u in box.clock.upcoming() if u.label == "the next scheduled dilemma")
    assert box.sim.messages(people.NEIGHBOURHOOD.id) == []
    moved = actions.move_clock(box, {"to": due.due_at.isoformat()})
    assert moved["ran"] >= 1
    assert datetime.fromisoformat(moved["now"]) > due.due_at
    posted = box.sim.wait_for(lambda: box.sim.messages(people.NEIGHBOURHOOD.id), what="the scheduled dilemma")
    assert "weekly dilemma schedule" in _texts(posted)
    with pytest.raises(actions.Refused):
        actions.move_clock(box, {"hours": -1})


def test_only_a_database_the_sandbox_made_is_replaced(tmp_path: Path) -> None:
    real = tmp_path / "standards-bot.db"
    real.write_bytes(b"a real bot's data")
    with pytest.raises(ConfigError, match="is not a database the sandbox made"):
        start_sandbox(real)
    assert real.read_bytes() == b"a real bot's data"
    own = tmp_path / "sandbox.db"
    for _ in range(2):  # the second start replaces the first one's database
        box = start_sandbox(own)
        assert box.sim.messages(people.RESPONSE.id) == []
        with box.deps.db.unit_of_work() as session:
            assert session.scalar(select(func.count()).select_from(DilemmaPost)) == 0
        box.driver.command(people.ADMIN.id, "/dilemma", "post", channel=people.RESPONSE.id).wait_response()
        box.stop()


def _start(tmp_path: Path, port: int) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "STANDARDS_BOT_", "DATABASE_URL"))}
    # Real-looking settings in the environment must not reach the sandbox: it never talks to Slack.
    env.update(PYTHONPATH=str(ROOT), SLACK_BOT_TOKEN="xoxb-real-looking", DATABASE_URL="postgresql://nowhere/db")
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "sandbox", "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


@pytest.mark.serial  # timed: alone, not beside other tests' load
def test_the_command_starts_within_five_seconds_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    port = free_port()
    started = time.monotonic()
    process = _start(tmp_path, port)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        ready = time.monotonic() - started
        assert f"the sandbox is running at http://127.0.0.1:{port}/" in line, line + process.stderr.read()
        assert ready < START_LIMIT, f"the sandbox took {ready:.1f} s to start"
        assert requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).json() == {"status": "ok"}
        assert process.stdout.readline().startswith("standards-bot: the demo is set up")  # a moment later
        shown = requests.get(f"http://127.0.0.1:{port}/api/state", timeout=5).json()
        assert shown["demo"] == "ready"
        assert shown["upcoming"]
        assert (tmp_path / "standards-bot-sandbox.db").exists()
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=20)
        assert process.returncode == 0
        assert "the sandbox has stopped" in out
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def test_a_port_in_use_is_a_plain_sentence(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        process = _start(tmp_path, int(taken.getsockname()[1]))
        _, err = process.communicate(timeout=30)
    assert process.returncode == 2
    assert "cannot be used for the sandbox's page" in err
    assert "Traceback" not in err
