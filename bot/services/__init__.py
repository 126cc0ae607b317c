"""Domain services, one package per feature; each package's register() adds what it plugs into the clock, the
outbox and the report (bot/wiring.py calls them all)."""
