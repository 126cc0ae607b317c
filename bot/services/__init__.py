"""Domain services, one module per feature. Importing this package registers every duty and outbox hook."""

from bot.services import ambassadors, cards, dilemmas
from bot.services.admin import maintenance, report_sections, scrub
from bot.services.concerns import reporter as concerns
from bot.services.cpd import events as cpd

__all__ = ["ambassadors", "cards", "concerns", "cpd", "dilemmas", "maintenance", "report_sections", "scrub"]
