"""The cpd feature's services."""

from bot.features import Features
from bot.services.cpd import announcement, report
from bot.services.cpd import clock as cpd_clock


def register(features: Features) -> None:
    announcement.register(features)
    cpd_clock.register(features)
    features.add_report_section(50, "cpd", report.cpd_section)
