"""What may reach a log: never a request body, a message's text, a receipt code or the person behind an anonymous
action, at any level.

Our own code logs only references and counts. Libraries are the risk: Bolt logs a whole request body at INFO when
its signature fails (clock skew, a rotated secret) and its responses at DEBUG; slack_sdk logs every Web API body
at DEBUG. Their records are cut, as they are made, before the first thing that carries content, so that every
handler (a file, the console, a test's capture) sees only the safe part. SQLAlchemy's parameters are hidden by the
engine itself (`hide_parameters`), in errors and in its own logging.
"""

from __future__ import annotations

import importlib
import logging
import os
import re
import threading
from typing import Any

# Records are judged by the file that made them, not the logger's name: Bolt logs through loggers named after the
# app's own module ("app.py:ThreadListenerRunner") as well as under "slack_bolt".
_GUARDED_PACKAGES = ("slack_bolt", "slack_sdk")
WITHHELD = "[content withheld]"
# Where content starts in these libraries' messages: a labelled body, payload, event or parameters, or a dict.
_CONTENT = re.compile(
    r"(?i)\b(request body|body|body_params|query_params|json_body|payload|event|params|headers|files|text|user)"
    r"\s*[:=]|[{\[]"
)

_installed = False
_lock = threading.Lock()


def redact(message: str) -> str:
    """The part of a library's message before anything that may carry content."""
    cut = _CONTENT.search(message)
    if cut is None:
        return message
    return f"{message[: cut.start()].rstrip(' ,(-:')} {WITHHELD}".lstrip()


def _package_dirs() -> tuple[str, ...]:
    dirs = []
    for name in _GUARDED_PACKAGES:
        module = importlib.import_module(name)
        dirs.append(os.path.dirname(os.path.abspath(str(module.__file__))) + os.sep)
    return tuple(dirs)


def install() -> None:
    """Put the policy in place for the whole process (once; later calls do nothing)."""
    global _installed
    with _lock:
        if _installed:
            return
        previous = logging.getLogRecordFactory()
        guarded = _package_dirs()

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            if os.path.abspath(record.pathname).startswith(guarded):
                try:
                    message = record.getMessage()
                except Exception:  # a malformed library message: keep nothing of it
                    message = "a library message that could not be formatted"
                record.msg, record.args = redact(message), ()
            return record

        logging.setLogRecordFactory(factory)
        _installed = True
