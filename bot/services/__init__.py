"""Domain services, one module per feature. Importing this package registers every duty and outbox hook."""

from bot.services import maintenance  # noqa: F401
