"""All tables, imported here so that Alembic and the app see one metadata."""

from storage.models import ambassadors, authoring, briefings, cards, concerns, cpd, dilemmas, impact
from storage.models.base import Base, utcnow
from storage.models.core import Duty, OutboxMessage, SeenEvent

__all__ = [
    "Base",
    "Duty",
    "OutboxMessage",
    "SeenEvent",
    "ambassadors",
    "authoring",
    "briefings",
    "cards",
    "concerns",
    "cpd",
    "dilemmas",
    "impact",
    "utcnow",
]
