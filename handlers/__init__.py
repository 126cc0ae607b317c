"""Slack in and out: one module per feature, each with register(app) for its listeners (called by bot/wiring.py),
and the features' Home tab sections added there too."""
