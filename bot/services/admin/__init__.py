"""The admin feature's services: the standards team's report, daily housekeeping and the scrub after deletions."""

from bot.features import Features
from bot.services.admin import maintenance, scrub


def register(features: Features) -> None:
    maintenance.register(features)
    scrub.register(features)
