"""The App Home tab."""

from __future__ import annotations

from slack_bolt import App


def register(app: App) -> None:
    del app  # the Home tab's listeners are added with the features it shows
