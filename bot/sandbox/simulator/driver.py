"""SlackDriver: plays Slack towards the app over real, signed HTTP, using what the app actually sent."""

from __future__ import annotations

import copy
import json
from typing import Any
from urllib.parse import urlencode

import requests

from bot.sandbox.simulator import api_views
from bot.sandbox.simulator.blockkit import validate_view
from bot.sandbox.simulator.driver_events import EventsDriver
from bot.sandbox.simulator.interactions import (
    Element,
    action_for,
    elements_of,
    find_element,
    initial_choice,
    state_entry,
)
from bot.sandbox.simulator.transport import FORM, Result
from bot.sandbox.simulator.workspace import View


class SlackDriver(EventsDriver):
    """Plays Slack towards the app: slash commands, clicks on what the app sent, and its forms."""

    # slash commands --------------------------------------------------------------------------------------------
    def command(self, user: str, command: str, text: str = "", channel: str | None = None, **send: Any) -> Result:
        """A slash command typed by ``user`` in ``channel`` (their DM with the app when None)."""
        person = self._user(user)
        with self.sim.lock:
            channel_id = channel or self.sim.ws.open_im(user).id
            known = self.sim.ws.channels.get(channel_id)
            if known is None:
                raise AssertionError(f"channel {channel_id!r} is not in the simulated workspace")
            channel_name = "directmessage" if known.is_im else known.name
        origin = {"command": command, "text": text, "user": user, "channel": channel_id}
        url = self.sim.new_response_url(user=user, channel=channel_id, source="command", origin=origin)
        trigger_id = self.sim.issue_trigger(user)
        fields = {
            "token": self.verification_token,
            "team_id": self.sim.team_id,
            "team_domain": self.team_domain,
            "channel_id": channel_id,
            "channel_name": channel_name,
            "user_id": user,
            "user_name": person.name,
            "command": command,
            "text": text,
            "api_app_id": self.api_app_id,
            "is_enterprise_install": "false",
            "response_url": url,
            "trigger_id": trigger_id,
        }
        waiter = self._waiter(url, user, channel_id)
        result = self.send(urlencode(fields), FORM, **send)
        result.response_url, result.trigger_id, result._waiter = url, trigger_id, waiter
        if result.status == 200 and isinstance(result.body, dict) and ({"text", "blocks"} & set(result.body)):
            # Slack shows a slash command's acknowledgement body as the reply, like a post to its response_url.
            requests.post(url, json=result.body, timeout=10)
        return result

    # block actions ---------------------------------------------------------------------------------------------
    def _located(self, message: dict[str, Any]) -> tuple[str, str, bool, dict[str, Any]]:
        """(channel, ts, is_ephemeral, current message) for a message dict from the simulator or a response body."""
        with self.sim.lock:
            channel, ts = message.get("channel"), message.get("ts")
            ephemeral = bool(message.get("is_ephemeral"))
            if channel is None or ts is None:
                for post in self.sim.sink.posts:
                    if post.payload == message and post.ts is not None:
                        channel, ts, ephemeral = post.channel, post.ts, post.ephemeral
                        break
            if channel is None or ts is None:
                raise AssertionError("this message is not one the app sent; pass one from sim.messages()/ephemerals()")
            found = self.sim.ws.find_ephemeral(channel, ts) if ephemeral else self.sim.ws.find_message(channel, ts)
            if found is None:
                raise AssertionError(f"message {ts} in {channel} is gone (deleted or replaced)")
            return channel, ts, ephemeral, found.to_api()

    def click(
        self,
        user: str,
        *,
        message: dict[str, Any] | None = None,
        view: dict[str, Any] | str | None = None,
        action_id: str | None = None,
        text: str | None = None,
        value: str | None = None,
        selected: Any = None,
        block_id: str | None = None,
        **send: Any,
    ) -> Result:
        """``user`` presses a button or picks from a menu in a message or a view the app produced."""
        person = self._user(user)
        if (message is None) == (view is None):
            raise AssertionError("click needs exactly one of message= or view=")
        trigger_id = self.sim.issue_trigger(user)
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": self._who(person),
            "api_app_id": self.api_app_id,
            "token": self.verification_token,
            "trigger_id": trigger_id,
            "team": self._team(),
            "enterprise": None,
            "is_enterprise_install": False,
            "state": {"values": {}},
        }
        waiter = None
        url = None
        if message is not None:
            channel, ts, ephemeral, current = self._located(message)
            element = find_element(
                current.get("blocks"), action_id=action_id, text=text, value=value, block_id=block_id
            )
            action = action_for(element, selected, self._known)
            origin = {"action_id": element.action_id, "block_id": element.block_id, "message_ts": ts}
            url = self.sim.new_response_url(
                user=user, channel=channel, source="block_actions", origin=origin,
                message_ts=ts, message_is_ephemeral=ephemeral,
            )  # fmt: skip
            waiter = self._waiter(url, user, channel)
            with self.sim.lock:
                known = self.sim.ws.channels.get(channel)
                name = known.name if known and not known.is_im else "directmessage"
            payload["container"] = {
                "type": "message", "message_ts": ts, "channel_id": channel, "is_ephemeral": ephemeral,
            }  # fmt: skip
            payload["channel"] = {"id": channel, "name": name}
            if not ephemeral:
                payload["message"] = {k: v for k, v in current.items() if k != "channel"}
            payload["response_url"] = url
        else:
            stored = self._view(user, view, for_submit=False)
            element = find_element(
                stored.payload.get("blocks"), action_id=action_id, text=text, value=value, block_id=block_id
            )
            action = action_for(element, selected, self._known)
            with self.sim.lock:
                if element.type != "button":
                    entry = state_entry(element, selected, self._known)
                    stored.state_values.setdefault(element.block_id, {})[element.action_id] = entry
                api_view = stored.to_api(self.sim.team_id)
            payload["container"] = {"type": "view", "view_id": stored.id}
            payload["view"] = api_view
            payload["state"] = copy.deepcopy(api_view["state"])
        payload["actions"] = [action]
        result = self.send(urlencode({"payload": json.dumps(payload)}), FORM, **send)
        result.trigger_id, result.response_url, result._waiter = trigger_id, url, waiter
        return result

    def _known(self, entity_id: str) -> bool:
        with self.sim.lock:
            return entity_id in self.sim.ws.users or entity_id in self.sim.ws.channels

    # views -----------------------------------------------------------------------------------------------------
    def _view(self, user: str, view: dict[str, Any] | str | None, *, for_submit: bool) -> View:
        view_id = view if isinstance(view, str) else (view or {}).get("id")
        with self.sim.lock:
            stored = self.sim.ws.views.get(str(view_id))
            if stored is None:
                raise AssertionError(f"view {view_id!r} was never opened by the app")
            if stored.user != user:
                raise AssertionError(f"view {view_id} belongs to {stored.user}, not {user}")
            if stored.type == "modal":
                stack = self.sim.ws.modal_stacks.get(user, [])
                if not stored.is_open:
                    raise AssertionError(f"view {view_id} is closed")
                if for_submit and stack[-1:] != [stored.id]:
                    raise AssertionError(f"view {view_id} is not the top of the stack {stack}; only that one submits")
            elif for_submit:
                raise AssertionError("only modals can be submitted")
            return stored

    def _values(self, stored: View, values: dict[str, Any]) -> dict[str, dict[str, Any]]:
        elements = elements_of(stored.payload.get("blocks"))
        chosen: dict[tuple[str, str], Any] = {}
        for key, value in values.items():
            matches = [e for e in elements if key in (e.action_id, f"{e.block_id}.{e.action_id}")]
            if len(matches) != 1:
                offered = ", ".join(f"{e.block_id}.{e.action_id}" for e in elements) or "(none)"
                problem = "is not in the view" if not matches else "is ambiguous; use block_id.action_id"
                raise AssertionError(f"{key!r} {problem}; the view has: {offered}")
            chosen[(matches[0].block_id, matches[0].action_id)] = value
        state: dict[str, dict[str, Any]] = copy.deepcopy(stored.state_values)
        for element in elements:
            ids = (element.block_id, element.action_id)
            if ids in chosen:
                pick = chosen[ids]
            elif element.in_input:
                pick = initial_choice(element)
            else:
                continue
            state.setdefault(element.block_id, {})[element.action_id] = state_entry(element, pick, self._known)
        return state

    def submit(
        self, user: str, view: dict[str, Any] | str, values: dict[str, Any] | None = None, **send: Any
    ) -> Result:
        """``user`` fills in the open modal (keys are action_ids or block_id.action_id) and presses submit."""
        person = self._user(user)
        stored = self._view(user, view, for_submit=True)
        with self.sim.lock:
            stored.state_values = self._values(stored, values or {})
            api_view = stored.to_api(self.sim.team_id)
        trigger_id = self.sim.issue_trigger(user)
        payload: dict[str, Any] = {
            "type": "view_submission",
            "team": self._team(),
            "user": self._who(person),
            "api_app_id": self.api_app_id,
            "token": self.verification_token,
            "trigger_id": trigger_id,
            "view": api_view,
            "response_urls": [],
            "enterprise": None,
            "is_enterprise_install": False,
        }
        result = self.send(urlencode({"payload": json.dumps(payload)}), FORM, **send)
        result.trigger_id = trigger_id
        if result.status == 200:
            self._apply_reply(user, stored, result)
        return result

    def _apply_reply(self, user: str, stored: View, result: Result) -> None:
        reply = result.body if isinstance(result.body, dict) else {}
        action = reply.get("response_action")
        with self.sim.lock:
            ctx = self.sim.ctx
            if action == "errors":
                errors = reply.get("errors") or {}
                inputs = {e.block_id for e in elements_of(stored.payload.get("blocks")) if e.in_input}
                strays = sorted(set(errors) - inputs)
                if not errors or strays:
                    raise AssertionError(f"response_action errors must name input block_ids {sorted(inputs)}: {strays}")
                result.errors = dict(errors)
            elif action in ("update", "push"):
                new_view = reply.get("view")
                problems = validate_view(new_view)
                if problems or not isinstance(new_view, dict) or new_view.get("type") != "modal":
                    raise AssertionError(f"the app answered {action} with a view Slack refuses: {problems}")
                if action == "update":
                    api_views.replace_payload(ctx, stored, new_view)
                else:
                    api_views.push_onto_stack(ctx, user, new_view)
            else:
                self.sim.ws.close_views(user, all_views=action == "clear")

    def close(self, user: str, view: dict[str, Any] | str, **send: Any) -> Result:
        """``user`` closes the modal; the app hears of it (view_closed) only if the view asked (notify_on_close)."""
        person = self._user(user)
        stored = self._view(user, view, for_submit=True)
        with self.sim.lock:
            api_view = stored.to_api(self.sim.team_id)
            cleared = bool(stored.payload.get("clear_on_close"))
            self.sim.ws.close_views(user, all_views=cleared)
        if not stored.payload.get("notify_on_close"):
            return Result(0, None, 0.0)
        payload = {
            "type": "view_closed",
            "team": self._team(),
            "user": self._who(person),
            "api_app_id": self.api_app_id,
            "token": self.verification_token,
            "view": api_view,
            "is_cleared": cleared,
            "enterprise": None,
            "is_enterprise_install": False,
        }
        return self.send(urlencode({"payload": json.dumps(payload)}), FORM, **send)


__all__ = ["Element", "Result", "SlackDriver"]
