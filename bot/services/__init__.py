"""Domain services, one module per feature. Importing this package registers every duty and outbox hook."""

from bot.services import ambassadors, cards, concerns, cpd, dilemmas, maintenance, report_sections, scrub

__all__ = ["ambassadors", "cards", "concerns", "cpd", "dilemmas", "maintenance", "report_sections", "scrub"]
