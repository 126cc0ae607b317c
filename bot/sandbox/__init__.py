"""The sandbox: the real bot against the built-in workspace simulator, with a browser page to use it.

`standards-bot sandbox` starts, in one process, the simulator (the bot's Slack), the bot's WSGI app over
signed HTTP, its clock, and a page on loopback where pretend people use the bot as they would in Slack.
"""
