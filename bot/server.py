"""The production HTTP server: gunicorn with threaded workers serving the WSGI app."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from gunicorn.app.base import BaseApplication

from bot.settings import Settings

if TYPE_CHECKING:
    from dilemmas.loader import Content


class GunicornServer(BaseApplication):  # type: ignore[misc]
    def __init__(
        self,
        settings: Settings,
        *,
        workers: int | None = None,
        threads: int = 16,
        app_factory: Callable[[Settings], Any] | None = None,
    ) -> None:
        self.settings = settings
        self.app_factory = app_factory
        self.content: Content | None = None
        self.options = {
            "bind": f"0.0.0.0:{settings.port}",
            "workers": workers or settings.web_concurrency,
            "worker_class": "gthread",
            "threads": threads,
            "timeout": 60,
            "graceful_timeout": 20,
            "keepalive": 5,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "info",
            "proc_name": "standards-bot-web",
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        # In the master, before the workers fork: each then has scikit-learn (for the content checks of forms
        # written in Slack) without importing it while it serves.
        from dilemmas.checks import load_similarity_measure

        load_similarity_measure()
        if self.app_factory is None:  # the bot's content too, read and checked once for every worker
            from dilemmas.loader import load_content

            self.content = load_content(self.settings.content_dir, self.settings.signposts)
        # What the master has loaded stays for the workers' lives: kept out of the collector's full passes, which
        # would otherwise walk it all (holding every thread of a worker) and touch pages the fork shares.
        gc.freeze()

    def load(self) -> Any:
        # Called in each worker after the fork, so every worker has its own database pool and Slack client.
        if self.app_factory is not None:
            return self.app_factory(self.settings)
        from bot.deps import Deps
        from bot.web import create_web_app

        web = create_web_app(Deps.from_settings(self.settings, content=self.content))
        gc.freeze()  # the app, warm, lives as long as the worker: kept out of the collector's full passes too
        return web
