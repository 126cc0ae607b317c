"""Events API deliveries to the app: any event, a direct message to the app, the Home tab opened."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from bot.sandbox.simulator.transport import JSON, Result, SignedTransport
from bot.sandbox.simulator.workspace import Message


class EventsDriver(SignedTransport):
    """Sends the app what Slack's Events API would."""

    def event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
        retry_reason: str | None = None,
        **send: Any,
    ) -> Result:
        """An Events API delivery of ``event`` (give the same event_id with retry_num to redeliver it)."""
        envelope = {
            "token": self.verification_token,
            "team_id": self.sim.team_id,
            "api_app_id": self.api_app_id,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}",
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": self.sim.team_id,
                    "user_id": self.sim.bot_user_id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
        }
        return self.send(json.dumps(envelope), JSON, retry_num=retry_num, retry_reason=retry_reason, **send)

    def dm(self, user: str, text: str, **send: Any) -> Result:
        """``user`` writes to the app in their DM; the message is also recorded in the simulator."""
        self._user(user)
        with self.sim.lock:
            channel = self.sim.ws.open_im(user).id
            ts = self.sim.ws.next_ts()
            self.sim.ws.add_message(Message(channel, ts, text, None, user, False))
        event = {
            "type": "message",
            "channel": channel,
            "user": user,
            "text": text,
            "ts": ts,
            "event_ts": ts,
            "channel_type": "im",
            "client_msg_id": str(uuid.uuid4()),
            "team": self.sim.team_id,
        }
        return self.event(event, **send)

    def open_home(self, user: str, **send: Any) -> Result:
        """``user`` opens the app's Home tab."""
        self._user(user)
        with self.sim.lock:
            channel = self.sim.ws.open_im(user).id
        event: dict[str, Any] = {
            "type": "app_home_opened",
            "user": user,
            "channel": channel,
            "tab": "home",
            "event_ts": f"{time.time():.6f}",
        }
        home = self.sim.home(user)
        if home is not None:
            event["view"] = home
        return self.event(event, **send)

    def url_verification(self, challenge: str, **send: Any) -> Result:
        body = {"token": self.verification_token, "challenge": challenge, "type": "url_verification"}
        return self.send(json.dumps(body), JSON, **send)
