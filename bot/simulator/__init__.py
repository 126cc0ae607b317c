"""A Slack workspace simulator for tests and a local sandbox: the Web API server, and a driver acting as Slack."""

from __future__ import annotations

from bot.simulator.blockkit import validate_message_blocks, validate_view
from bot.simulator.records import ApiCall, ResponsePost
from bot.simulator.server import SlackSimulator
from bot.simulator.signing import sign

__all__ = ["ApiCall", "ResponsePost", "SlackSimulator", "sign", "validate_message_blocks", "validate_view"]
