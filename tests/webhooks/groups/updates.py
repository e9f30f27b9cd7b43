"""Telegram group updates as the Bot API sends them (built, so each test says what differs),
and the rig's group handler over the fake Bot API."""

from __future__ import annotations

import itertools
import re
import time
from datetime import timedelta
from typing import Any

from db.groups import SqlGroups
from tests.fakes.telegram_api import ADMIN_RIGHTS
from tests.webhooks.rig import Rig
from webhooks.groups import GroupHandler
from webhooks.telegram_channel import TelegramChannel, build_bot

GROUP = -1001234567890
BOT_ID = 123456  # the fake's getMe
_ids = itertools.count(1000)


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _entities(text: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    command = re.match(r"/\w+(@\w+)?", text)
    if command:
        found.append({"type": "bot_command", "offset": 0, "length": _utf16(command[0])})
    for mention in re.finditer(r"@\w+", text):
        if command and mention.start() < command.end():
            continue
        start = _utf16(text[: mention.start()])
        found.append({"type": "mention", "offset": start, "length": _utf16(mention[0])})
    return found


def group_message(
    text: str,
    *,
    user_id: int = 42,
    chat_id: int = GROUP,
    thread_id: int | None = None,
    reply_to_bot: bool = False,
    as_group: bool = False,
) -> dict[str, Any]:
    """One message in a group: ``thread_id`` puts it in a forum topic."""
    chat = {"id": chat_id, "type": "supergroup", "title": "Sindicato"}
    message: dict[str, Any] = {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": chat,
        "from": {"id": user_id, "is_bot": False, "first_name": "Lupita"},
        "text": text,
    }
    if entities := _entities(text):
        message["entities"] = entities
    if thread_id is not None:
        message["message_thread_id"] = thread_id
        message["is_topic_message"] = True
        chat["is_forum"] = True
    if reply_to_bot:
        message["reply_to_message"] = {
            "message_id": next(_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Abogado"},
            "text": "Según el artículo 76…",
        }
    if as_group:
        message["sender_chat"] = chat
        message["from"] = {"id": 1087968824, "is_bot": True, "first_name": "Group"}
    return {"update_id": next(_ids), "message": message}


def membership(status: str, *, chat_id: int = GROUP) -> dict[str, Any]:
    """``my_chat_member``: the bot's own status in the group changed."""
    bot = {"id": BOT_ID, "is_bot": True, "first_name": "Abogado", "username": "abogado_bot"}
    return {
        "update_id": next(_ids),
        "my_chat_member": {
            "chat": {"id": chat_id, "type": "supergroup", "title": "Sindicato"},
            "from": {"id": 42, "is_bot": False, "first_name": "Lupita"},
            "date": int(time.time()),
            "old_chat_member": {"status": "left", "user": bot},
            "new_chat_member": {"status": status, "user": bot, **_member_fields(status)},
        },
    }


def _member_fields(status: str) -> dict[str, Any]:
    """What Telegram sends beside the status (PTB refuses a ChatMember without it)."""
    if status == "kicked":
        return {"until_date": 0}
    if status == "administrator":
        return {"is_anonymous": False, **dict.fromkeys(ADMIN_RIGHTS, True)}
    return {}


def migrated(old: int, new: int) -> dict[str, Any]:
    """The service message in the old group when it becomes a supergroup."""
    return {
        "update_id": next(_ids),
        "message": {
            "message_id": next(_ids),
            "date": int(time.time()),
            "chat": {"id": old, "type": "group", "title": "Sindicato"},
            "from": {"id": 42, "is_bot": False, "first_name": "Lupita"},
            "migrate_to_chat_id": new,
        },
    }


def group_handler(rig: Rig, *, limit: int = 20) -> GroupHandler:
    """The real handler: the rig's fake answerer with no context, an unpaced Telegram channel."""

    def answer(question: str) -> str:
        return rig.answerer.answer(question, context={}, history=()).text

    return GroupHandler(
        telegram=TelegramChannel(build_bot(rig.settings), per_chat_interval=0.0),
        groups=SqlGroups(rig.storage.sessions),
        answer=answer,
        limit=limit,
        window=timedelta(hours=1),
    )
