"""A Slack workspace simulator for tests and a local sandbox: the Web API server, and a driver acting as Slack."""

from __future__ import annotations

from bot.sandbox.simulator.blockkit import validate_message_blocks, validate_view
from bot.sandbox.simulator.records import ApiCall, ResponsePost
from bot.sandbox.simulator.server import SlackSimulator
from bot.sandbox.simulator.signing import sign

__all__ = ["ApiCall", "ResponsePost", "SlackSimulator", "sign", "validate_message_blocks", "validate_view"]
