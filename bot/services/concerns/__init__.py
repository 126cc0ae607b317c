"""The concerns feature's services."""

from bot.features import Features
from bot.services.concerns import case_channel, delivery, report
from bot.services.concerns import clock as concern_clock


def register(features: Features) -> None:
    case_channel.register(features)
    concern_clock.register(features)
    delivery.register(features)
    features.add_report_section(30, "concerns", report.concern_section)
