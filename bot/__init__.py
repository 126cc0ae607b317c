"""Standards Bot: the application."""
