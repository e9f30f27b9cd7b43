"""Platform payloads → ``bot.messages.Inbound`` (or a chat-status change, or nothing to do).

Telegram updates go through python-telegram-bot's ``Update.de_json``; Twilio forms are read field
by field. No database, no network. What cannot be read raises ``UnparseableUpdate``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from bot.messages import Attachment, Inbound, MediaKind
from webhooks.errors import UnparseableUpdate
from webhooks.telegram_groups import (
    GROUP_TYPES,
    GroupMembership,
    GroupMessage,
    GroupMigration,
    parse_group_membership,
    parse_group_message,
    peek_group,
)

ChannelName = Literal["telegram", "whatsapp"]


@dataclass(frozen=True)
class ChatStatus:
    """The user blocked (``blocked=True``) or unblocked the bot: store it, send nothing."""

    channel: ChannelName
    chat_id: str
    blocked: bool


@dataclass(frozen=True)
class Ignored:
    """An authentic update with nothing to answer (a channel post, an edit, an unknown type)."""

    reason: str


PrivateParsed = Inbound | ChatStatus | Ignored
Parsed = PrivateParsed | GroupMessage | GroupMembership | GroupMigration


def telegram_update_id(body: bytes) -> str | None:
    """The ``update_id`` (idempotency key) if the body is JSON with an integer one."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    return _update_id(data)


def _update_id(data: object) -> str | None:
    value = data.get("update_id") if isinstance(data, dict) else None
    return str(value) if _int64(value) else None


def _int64(value: object) -> bool:
    """Telegram's ids fit in 64 bits; a 4,000-digit "id" would not fit its column (80 chars)."""
    return isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63


@dataclass(frozen=True)
class TelegramPeek:
    """What the receiver needs before storing: the idempotency key and the chat (for order)."""

    update_id: str
    chat_id: str


# Update fields that carry a private chat we answer; everything else is acknowledged and ignored.
_CHAT_CARRIERS = ("message", "callback_query", "my_chat_member")


def peek_telegram(body: bytes) -> TelegramPeek | Ignored:
    """A cheap look (plain JSON, no PTB objects) on the receive path; the worker parses fully."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        # RecursionError: JSON nested deeper than the interpreter recurses (the webhook refuses
        # such bodies before this; polling and the worker meet them here).
        raise UnparseableUpdate(f"telegram update: {type(exc).__name__}") from exc
    update_id = _update_id(data)
    if update_id is None or not isinstance(data, dict):
        raise UnparseableUpdate("not a JSON object with an integer update_id")
    for key in _CHAT_CARRIERS:
        carrier = data.get(key)
        if carrier is None:
            continue
        if key == "callback_query":
            carrier = carrier.get("message") if isinstance(carrier, dict) else None
            if carrier is None:
                return Ignored("callback without message")
        chat = carrier.get("chat") if isinstance(carrier, dict) else None
        chat_id = chat.get("id") if isinstance(chat, dict) else None
        if not isinstance(chat, dict) or not _int64(chat_id):
            raise UnparseableUpdate(f"telegram {key} without a chat id")
        if key == "message" and chat.get("type") in GROUP_TYPES and peek_group(carrier):
            return TelegramPeek(update_id, str(chat_id))  # may be for the bot (groups.py)
        if key != "my_chat_member" and chat.get("type") != "private":
            return Ignored("not a private chat")
        return TelegramPeek(update_id, str(chat_id))
    kinds = [k for k, v in data.items() if k != "update_id" and v is not None]
    return Ignored(f"update type {kinds[0] if kinds else 'empty'}")


def parse_telegram(body: bytes, *, received_at: dt.datetime) -> Parsed:
    from telegram import Update

    try:
        data = json.loads(body)
        if not isinstance(data, dict) or telegram_update_id(body) is None:
            raise UnparseableUpdate("not a JSON object with an integer update_id")
        update = Update.de_json(data, None)
        return _interpret(update, data, received_at)
    except (
        ValueError,
        TypeError,
        KeyError,
        AttributeError,
        UnicodeDecodeError,
        RecursionError,
    ) as exc:
        # PTB's de_json is lenient: missing parts surface when we read them, so the whole
        # interpretation is inside the guard.
        raise UnparseableUpdate(f"telegram update: {type(exc).__name__}") from exc


def _interpret(update: Any, data: dict[str, Any], received_at: dt.datetime) -> Parsed:
    update_id = str(update.update_id)
    if update.my_chat_member is not None:
        member = update.my_chat_member
        group = parse_group_membership(member)
        if group is not None:
            return group
        status = member.new_chat_member.status
        if status in ("kicked", "left"):
            return ChatStatus("telegram", str(member.chat.id), blocked=True)
        if status in ("member", "administrator"):
            return ChatStatus("telegram", str(member.chat.id), blocked=False)
        return Ignored(f"my_chat_member {status}")
    if update.callback_query is not None:
        query = update.callback_query
        message = query.message
        if message is None or query.data is None:
            return Ignored("callback without message")
        return Inbound.from_text(
            channel="telegram",
            chat_id=str(message.chat.id),
            message_id=update_id,
            text=query.data,
            received_at=received_at,
        )
    if update.message is None:
        # Edits, channel posts, polls…: acknowledged and not answered (RELIABILITY T4).
        kinds = [k for k, v in data.items() if k != "update_id" and v is not None]
        return Ignored(f"update type {kinds[0] if kinds else 'empty'}")
    msg = update.message
    if msg.successful_payment is not None:  # recorded on receipt (webhooks/telegram_payments.py)
        return Ignored("successful_payment")
    if msg.chat.type in GROUP_TYPES:
        return parse_group_message(msg) or Ignored("group message not for the bot")
    if msg.chat.type != "private":
        return Ignored("not a private chat")
    chat_id = str(msg.chat.id)
    media = _telegram_media(msg)
    if media is not None:
        return Inbound.from_media(
            channel="telegram",
            chat_id=chat_id,
            message_id=update_id,
            media=media,
            received_at=received_at,
            caption=msg.caption or "",
            attachment=_telegram_audio(data.get("message")) if media == "voice" else None,
        )
    if msg.text is not None:
        return Inbound.from_text(
            channel="telegram",
            chat_id=chat_id,
            message_id=update_id,
            text=msg.text,
            received_at=received_at,
        )
    return Inbound(
        channel="telegram",
        chat_id=chat_id,
        message_id=update_id,
        kind="unsupported",
        received_at=received_at,
    )


def _telegram_media(msg: Any) -> MediaKind | None:
    if msg.sticker is not None:
        return "sticker"
    if msg.photo:
        return "photo"
    if msg.voice is not None or msg.audio is not None or msg.video_note is not None:
        return "voice"
    if msg.video is not None or msg.animation is not None:
        return "video"
    if msg.document is not None:
        return "document"
    if msg.location is not None or msg.venue is not None:
        return "location"
    if msg.contact is not None:
        return "contact"
    return None


def _telegram_audio(message: object) -> Attachment | None:
    """A voice note or audio file (not a video note) as the update describes it, read from the
    plain JSON: the duration and size let the worker refuse a long one before downloading."""
    if not isinstance(message, dict):
        return None
    sound = message.get("voice") or message.get("audio")
    if not isinstance(sound, dict) or not isinstance(sound.get("file_id"), str):
        return None
    seconds, size, mime = sound.get("duration"), sound.get("file_size"), sound.get("mime_type")
    return Attachment(
        ref=sound["file_id"],
        mime=mime if isinstance(mime, str) else "audio/ogg",
        seconds=float(seconds) if isinstance(seconds, int) and _int64(seconds) else None,
        size=size if _int64(size) else None,
    )


def whatsapp_chat_id(address: str) -> str:
    """``whatsapp:+52155…`` → ``+52155…`` (the identity's external id)."""
    return address.removeprefix("whatsapp:")


def parse_whatsapp(form: Mapping[str, str], *, received_at: dt.datetime) -> PrivateParsed:
    sid = form.get("MessageSid") or form.get("SmsMessageSid") or ""
    sender = form.get("From", "")
    if not sid or not sender.startswith("whatsapp:"):
        raise UnparseableUpdate("twilio form without MessageSid or a whatsapp: From")
    chat_id = whatsapp_chat_id(sender)
    body = form.get("Body", "")
    button = form.get("ButtonPayload") or form.get("ListId")
    if button:
        # Quick-reply / list answers: the visible text is what the person "said".
        text = form.get("ButtonText") or form.get("ListTitle") or body or button
        return Inbound.from_text(
            channel="whatsapp", chat_id=chat_id, message_id=sid, text=text, received_at=received_at
        )
    media = _whatsapp_media(form)
    if media is not None:
        caption = "" if media in ("document", "contact") else body
        url, mime = form.get("MediaUrl0", ""), form.get("MediaContentType0", "")
        return Inbound.from_media(
            channel="whatsapp",
            chat_id=chat_id,
            message_id=sid,
            media=media,
            received_at=received_at,
            caption=caption,
            # Twilio gives no duration: the size is asked for (a HEAD) before downloading.
            attachment=Attachment(ref=url, mime=mime) if media == "voice" and url else None,
        )
    return Inbound.from_text(
        channel="whatsapp", chat_id=chat_id, message_id=sid, text=body, received_at=received_at
    )


def _whatsapp_media(form: Mapping[str, str]) -> MediaKind | None:
    if form.get("Latitude") and form.get("Longitude"):
        return "location"
    try:
        count = int(form.get("NumMedia", "0") or 0)
    except ValueError:
        count = 0
    if count <= 0:
        return None
    ctype = form.get("MediaContentType0", "").lower()
    if ctype == "image/webp" or form.get("MessageType") == "sticker":
        return "sticker"
    if ctype.startswith("image/"):
        return "photo"
    if ctype.startswith("audio/"):
        return "voice"
    if ctype.startswith("video/"):
        return "video"
    if ctype in ("text/vcard", "text/x-vcard"):
        return "contact"
    return "document"
