"""The two-step file upload: files.getUploadURLExternal, a POST of the bytes, files.completeUploadExternal."""

from __future__ import annotations

import email.parser
import email.policy
from typing import Any

from bot.sandbox.simulator.api_chat import thread_root
from bot.sandbox.simulator.api_common import ApiError, Context, Handler, channel_for_bot, json_arg, required
from bot.sandbox.simulator.workspace import Message, UploadedFile

MAX_TITLE = 255


def get_upload_url(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    filename = required(args, "filename")
    try:
        length = int(required(args, "length"))
    except ValueError as exc:
        raise ApiError("invalid_arguments") from exc
    if length < 1:
        raise ApiError("invalid_arguments")
    file_id = ctx.ws.new_id("F")
    ctx.ws.files[file_id] = UploadedFile(file_id, filename, length)
    return {"ok": True, "upload_url": f"{ctx.base_url}upload/{file_id}", "file_id": file_id}


def receive_upload(ctx: Context, file_id: str, body: bytes, content_type: str) -> tuple[int, str]:
    """The POST to an upload_url: raw bytes, or a multipart form with a ``file`` part. Returns (status, body)."""
    upload = ctx.ws.files.get(file_id)
    if upload is None or upload.shared:
        return 404, "not found"
    content = body
    if content_type.startswith("multipart/form-data"):
        head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
        parsed = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        parts = [p for p in parsed.iter_parts() if p.get_param("name", header="content-disposition") == "file"]
        if not parts:
            return 400, "no file part"
        payload = parts[0].get_payload(decode=True)
        content = payload if isinstance(payload, bytes) else b""
    upload.content = content
    return 200, f"OK - {len(content)}"


def complete_upload(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    files = json_arg(args, "files", "invalid_arguments")
    if not isinstance(files, list) or not files:
        raise ApiError("invalid_arguments")
    uploads: list[tuple[UploadedFile, str | None]] = []
    for entry in files:
        upload = ctx.ws.files.get(str(entry.get("id"))) if isinstance(entry, dict) else None
        if upload is None or upload.shared:
            raise ApiError("file_not_found")
        if upload.content is None:
            raise ApiError("file_not_found", detail="the file's bytes were never uploaded")
        if len(upload.content) != upload.length:
            raise ApiError("file_upload_size_mismatch")
        title = entry.get("title")
        if title is not None and len(str(title)) > MAX_TITLE:
            raise ApiError("invalid_arguments")
        uploads.append((upload, title))
    channel_id = args.get("channel_id") or args.get("channels")
    channel = channel_for_bot(ctx, str(channel_id)) if channel_id else None
    thread_ts = thread_root(ctx, channel.id, args.get("thread_ts")) if channel else None
    comment = args.get("initial_comment")
    for upload, title in uploads:
        upload.title = str(title) if title is not None else upload.filename
        upload.shared = True
        upload.channel = channel.id if channel else None
        upload.thread_ts = thread_ts
        upload.initial_comment = str(comment) if comment is not None else None
    public = [{k: v for k, v in u.to_api().items() if k != "content"} for u, _ in uploads]
    if channel is not None:
        ctx.ws.add_message(
            Message(
                channel=channel.id,
                ts=ctx.ws.next_ts(),
                text=str(comment or ""),
                blocks=None,
                user=ctx.ws.bot_user_id,
                from_bot=True,
                thread_ts=thread_ts,
                files=[{"id": p["id"], "name": p["name"], "title": p["title"]} for p in public],
            )
        )
    return {"ok": True, "files": [{"id": p["id"], "title": p["title"]} for p in public]}


METHODS: dict[str, Handler] = {
    "files.getUploadURLExternal": get_upload_url,
    "files.completeUploadExternal": complete_upload,
}
