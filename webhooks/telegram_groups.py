"""Telegram group and supergroup updates → ``GroupMessage``, ``GroupMembership`` or
``GroupMigration`` (webhooks/groups.py handles them; the private chat's path never sees them).

The receive path's ``peek_group`` keeps only what may be for the bot (a command, a mention, a
reply to a bot, a migration notice); plain chatter is acknowledged and not stored at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

GROUP_TYPES = ("group", "supergroup")


@dataclass(frozen=True)
class GroupMessage:
    """A text in a group that may be for the bot. ``from_id`` is used for the admin check only,
    never stored; ``thread_id`` is the forum topic (None outside forum topics)."""

    chat_id: str
    message_id: int
    text: str
    from_id: int | None = None
    thread_id: int | None = None
    mentions: tuple[str, ...] = ()  # @usernames mentioned, lowercased, without the "@"
    reply_to_bot_id: int | None = None  # the bot whose message this replies to
    is_command: bool = False
    # Sent by an anonymous admin (as the group itself): Telegram hides who, only admins can.
    as_group: bool = False

    def addressed_to(self, *, username: str, bot_id: int) -> bool:
        """Commands, mentions of the bot and replies to its own messages (what privacy mode
        delivers); another bot's command is sorted out by ``bot.groups.decide``."""
        return (
            self.is_command or username.lower() in self.mentions or self.reply_to_bot_id == bot_id
        )


@dataclass(frozen=True)
class GroupMembership:
    """The bot was added to (``present``) or removed from a group."""

    chat_id: str
    present: bool


@dataclass(frozen=True)
class GroupMigration:
    """A group became a supergroup with a new chat id."""

    old: str
    new: str


GroupParsed = GroupMessage | GroupMembership | GroupMigration


def peek_group(message: dict[str, Any]) -> bool:
    """Whether a group message is worth storing (JSON only, on the receive path)."""
    if message.get("migrate_to_chat_id") or message.get("migrate_from_chat_id"):
        return True
    text = message.get("text")
    if not isinstance(text, str):
        return False
    if text.lstrip().startswith("/"):
        return True
    entities = message.get("entities")
    if isinstance(entities, list) and any(
        isinstance(e, dict) and e.get("type") in ("mention", "text_mention") for e in entities
    ):
        return True
    replied = message.get("reply_to_message")
    author = replied.get("from") if isinstance(replied, dict) else None
    return isinstance(author, dict) and author.get("is_bot") is True


def parse_group_message(msg: Any) -> GroupParsed | None:
    """A PTB ``Message`` in a group → what to do; None when there is nothing for the bot."""
    from telegram import MessageEntity

    chat_id = str(msg.chat.id)
    if msg.migrate_to_chat_id is not None:
        return GroupMigration(chat_id, str(msg.migrate_to_chat_id))
    if msg.migrate_from_chat_id is not None:
        return GroupMigration(str(msg.migrate_from_chat_id), chat_id)
    if msg.text is None:
        return None
    mentions = msg.parse_entities([MessageEntity.MENTION])
    replied = msg.reply_to_message
    author = replied.from_user if replied is not None else None
    commands = msg.parse_entities([MessageEntity.BOT_COMMAND])
    is_command = any(e.offset == 0 for e in commands) or msg.text.lstrip().startswith("/")
    if not (is_command or mentions or (author is not None and author.is_bot)):
        return None  # chatter (a bot without privacy mode sees it all): never for us
    return GroupMessage(
        chat_id=chat_id,
        message_id=msg.message_id,
        text=msg.text,
        from_id=msg.from_user.id if msg.from_user is not None else None,
        thread_id=msg.message_thread_id if msg.is_topic_message else None,
        mentions=tuple(m.lstrip("@").lower() for m in mentions.values()),
        reply_to_bot_id=author.id if author is not None and author.is_bot else None,
        is_command=is_command,
        as_group=msg.sender_chat is not None and msg.sender_chat.id == msg.chat.id,
    )


def parse_group_membership(member: Any) -> GroupMembership | None:
    """``my_chat_member`` in a group; None for a private chat (the private path handles it)."""
    if member.chat.type not in GROUP_TYPES:
        return None
    status = member.new_chat_member.status
    return GroupMembership(str(member.chat.id), present=status in ("member", "administrator"))


GROUP_UPDATES = (GroupMessage, GroupMembership, GroupMigration)


class GroupRoute(Protocol):
    """What the worker hands group updates to (``webhooks.groups.GroupHandler``)."""

    async def handle(self, parsed: GroupParsed) -> str | None: ...
