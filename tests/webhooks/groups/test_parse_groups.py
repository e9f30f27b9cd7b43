"""Group updates on the receive path (peek) and in the worker (parse)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from tests.webhooks.groups.updates import GROUP, group_message, membership, migrated
from webhooks.parse import ChatStatus, Ignored, TelegramPeek, parse_telegram, peek_telegram
from webhooks.telegram_groups import GroupMembership, GroupMessage, GroupMigration

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def _parse(update: dict[str, Any]) -> object:
    return parse_telegram(json.dumps(update).encode(), received_at=NOW)


def _peek(update: dict[str, Any]) -> object:
    return peek_telegram(json.dumps(update).encode())


def test_chatter_is_not_kept_at_the_door() -> None:
    update = group_message("mañana hay asamblea a las 5")
    assert isinstance(_peek(update), Ignored)
    assert isinstance(_parse(update), Ignored)


def test_commands_mentions_and_replies_to_a_bot_are_kept() -> None:
    for update in (
        group_message("/ayuda"),
        group_message("oye @abogado_bot ¿y mi aguinaldo?"),
        group_message("¿y si renuncio?", reply_to_bot=True),
        migrated(-42, GROUP),
    ):
        assert _peek(update) == TelegramPeek(str(update["update_id"]), str(_chat(update)))


def test_a_mention_after_emoji_is_read_at_its_utf16_offset() -> None:
    parsed = _parse(group_message("💪🏽 compas, @abogado_bot ¿cuánto es el aguinaldo?"))
    assert isinstance(parsed, GroupMessage)
    assert parsed.mentions == ("abogado_bot",)
    assert parsed.addressed_to(username="Abogado_Bot", bot_id=1)


def test_a_topic_message_keeps_its_thread_a_plain_reply_does_not() -> None:
    in_topic = _parse(group_message("@abogado_bot hola", thread_id=9))
    plain = _parse(group_message("hola", reply_to_bot=True))
    assert isinstance(in_topic, GroupMessage)
    assert in_topic.thread_id == 9
    assert isinstance(plain, GroupMessage)
    assert plain.thread_id is None
    assert plain.reply_to_bot_id == 123456


def test_membership_and_migration() -> None:
    assert _parse(membership("member")) == GroupMembership(str(GROUP), present=True)
    assert _parse(membership("kicked")) == GroupMembership(str(GROUP), present=False)
    assert _parse(migrated(-42, GROUP)) == GroupMigration("-42", str(GROUP))


def test_a_private_chats_block_is_still_a_chat_status() -> None:
    update = membership("kicked", chat_id=555)
    update["my_chat_member"]["chat"] = {"id": 555, "type": "private", "first_name": "Ana"}
    assert _parse(update) == ChatStatus("telegram", "555", blocked=True)


def _chat(update: dict[str, Any]) -> int:
    chat: int = update["message"]["chat"]["id"]
    return chat
