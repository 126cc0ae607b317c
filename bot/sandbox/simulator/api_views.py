"""views.* methods and the trigger_ids that views.open and views.push exchange."""

from __future__ import annotations

import secrets
import time
from typing import Any

from bot.sandbox.simulator.api_common import ApiError, Context, Handler, Trigger, invalid_arguments, required, view_arg
from bot.sandbox.simulator.workspace import View

PUSH_LIMIT = 3


def issue_trigger(ctx: Context, user_id: str, issued_at: float | None = None) -> str:
    """A trigger_id for ``user_id``, as Slack puts in interaction payloads (usable once, for 3 seconds)."""
    trigger_id = f"{secrets.randbelow(10**12)}.{secrets.randbelow(10**11)}.{secrets.token_hex(16)}"
    ctx.triggers[trigger_id] = Trigger(trigger_id, user_id, time.monotonic() if issued_at is None else issued_at)
    return trigger_id


def _exchange(ctx: Context, args: dict[str, Any]) -> Trigger:
    trigger_id = args.get("trigger_id") or args.get("interactivity_pointer")
    if not trigger_id:
        raise invalid_arguments("missing required field: trigger_id")
    trigger = ctx.triggers.get(str(trigger_id))
    if trigger is None:
        raise ApiError("invalid_trigger_id")
    if trigger.used:
        raise ApiError("exchanged_trigger_id")
    if time.monotonic() - trigger.issued_at > ctx.trigger_ttl:
        raise ApiError("expired_trigger_id")
    trigger.used = True
    return trigger


def _new_view(ctx: Context, user: str, payload: dict[str, Any], root: str | None, previous: str | None) -> View:
    external_id = payload.get("external_id")
    if external_id and ctx.ws.view_by_external_id(str(external_id)) is not None:
        raise ApiError("duplicate_external_id")
    view_id = ctx.ws.new_id("V")
    view = View(view_id, str(payload["type"]), user, payload, ctx.ws.new_hash(), root or view_id, previous)
    ctx.ws.views[view_id] = view
    return view


def _modal(args: dict[str, Any]) -> dict[str, Any]:
    view = view_arg(args)
    if view.get("type") != "modal":
        raise invalid_arguments("view type must be modal")
    return view


def open_view(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    payload = _modal(args)
    trigger = _exchange(ctx, args)
    ctx.ws.close_views(trigger.user, all_views=True)
    view = _new_view(ctx, trigger.user, payload, None, None)
    ctx.ws.modal_stacks[trigger.user] = [view.id]
    return {"ok": True, "view": view.to_api(ctx.ws.team_id)}


def push_view(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    payload = _modal(args)
    trigger = _exchange(ctx, args)
    return {"ok": True, "view": push_onto_stack(ctx, trigger.user, payload).to_api(ctx.ws.team_id)}


def push_onto_stack(ctx: Context, user: str, payload: dict[str, Any]) -> View:
    stack = ctx.ws.modal_stacks.get(user, [])
    if not stack:
        raise ApiError("not_found")
    if len(stack) >= PUSH_LIMIT:
        raise ApiError("push_limit_reached")
    view = _new_view(ctx, user, payload, ctx.ws.views[stack[0]].id, stack[-1])
    stack.append(view.id)
    return view


def update_view(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    view_id, external_id = args.get("view_id"), args.get("external_id")
    if view_id:
        view = ctx.ws.views.get(str(view_id))
    elif external_id:
        view = ctx.ws.view_by_external_id(str(external_id))
    else:
        raise invalid_arguments("missing required field: view_id or external_id")
    if view is None or (view.type == "modal" and not view.is_open):
        raise ApiError("not_found")
    payload = view_arg(args)
    if payload.get("type") != view.type:
        raise invalid_arguments("view type cannot change")
    if args.get("hash") and args["hash"] != view.hash:
        raise ApiError("hash_conflict")
    replace_payload(ctx, view, payload)
    return {"ok": True, "view": view.to_api(ctx.ws.team_id)}


def replace_payload(ctx: Context, view: View, payload: dict[str, Any]) -> None:
    """New content for a view; input values survive where block_id and action_id stay the same, as in Slack."""
    kept: dict[str, dict[str, Any]] = {}
    for block in payload.get("blocks") or []:
        element = block.get("element") if isinstance(block, dict) else None
        block_id = block.get("block_id") if isinstance(block, dict) else None
        if isinstance(element, dict) and block_id in view.state_values:
            action_id = element.get("action_id")
            if action_id in view.state_values[block_id]:
                kept.setdefault(block_id, {})[action_id] = view.state_values[block_id][action_id]
    view.payload = payload
    view.state_values = kept
    view.hash = ctx.ws.new_hash()


def publish(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    user_id = required(args, "user_id")
    user = ctx.ws.users.get(user_id)
    if user is None:
        raise ApiError("user_not_found")
    payload = view_arg(args)
    if payload.get("type") != "home":
        raise invalid_arguments("view type must be home")
    existing = ctx.ws.views.get(ctx.ws.homes.get(user_id, ""))
    if existing is not None:
        if args.get("hash") and args["hash"] != existing.hash:
            raise ApiError("hash_conflict")
        replace_payload(ctx, existing, payload)
        return {"ok": True, "view": existing.to_api(ctx.ws.team_id)}
    view = _new_view(ctx, user_id, payload, None, None)
    ctx.ws.homes[user_id] = view.id
    return {"ok": True, "view": view.to_api(ctx.ws.team_id)}


METHODS: dict[str, Handler] = {
    "views.open": open_view,
    "views.push": push_view,
    "views.update": update_view,
    "views.publish": publish,
}
