"""Answer in Telegram groups: general legal information only, as a reply in the asker's topic.

Works out whether a message is for the bot (its username from ``getMe``), keeps the group's
switches and joined/left times (db.groups), checks Telegram admins for /silencio /activar
/avisos, counts answers against the per-group limit, and never touches a person's conversation,
case or account: the question goes to the answer pipeline with no context at all.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from bot import groups as words
from bot.errors import AnswerUnavailable
from bot.groups import Admin, Answer, Nothing, Say
from webhooks.outcomes import Blocked, Failed
from webhooks.telegram_groups import GroupMembership, GroupMessage, GroupMigration, GroupParsed

if TYPE_CHECKING:
    from db.groups import SqlGroups
    from webhooks.telegram_channel import TelegramChannel

log = logging.getLogger(__name__)

# A question → the answer's text (the answer pipeline without any case context).
AnswerQuestion = Callable[[str], str]


class GroupHandler:
    def __init__(
        self,
        *,
        telegram: TelegramChannel,
        groups: SqlGroups,
        answer: AnswerQuestion,
        limit: int,
        window: timedelta,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._telegram = telegram
        self._groups = groups
        self._answer = answer
        self._limit = limit
        self._window = window
        self._now = now

    async def handle(self, parsed: GroupParsed) -> str | None:
        """None when finished; otherwise the (retryable) reason to try again later."""
        from telegram.error import TelegramError

        now = self._now()
        if isinstance(parsed, GroupMembership):
            mark = self._groups.joined if parsed.present else self._groups.left
            await asyncio.to_thread(mark, parsed.chat_id, now=now)
            return None
        if isinstance(parsed, GroupMigration):
            await asyncio.to_thread(self._groups.migrate, parsed.old, parsed.new, now=now)
            return None
        try:
            return await self._message(parsed)
        except TelegramError as exc:  # getMe or getChatMember failed: try the update again
            return f"group: {type(exc).__name__}"

    async def _message(self, msg: GroupMessage) -> str | None:
        username, bot_id = await self._telegram.me()
        if not msg.addressed_to(username=username, bot_id=bot_id):
            return None
        state = await asyncio.to_thread(self._groups.state, msg.chat_id)
        if state is not None and not state.present:
            return None  # removed from the group (or it moved): nothing is sent there
        silenced = state is not None and state.silenced
        action = words.decide(msg.text, bot_username=username, silenced=silenced)
        if isinstance(action, Nothing):
            return None
        if isinstance(action, Admin):
            return await self._admin(msg, action, username)
        return await self._limited(msg, action, username)

    async def _admin(self, msg: GroupMessage, action: Admin, bot: str) -> str | None:
        allowed = msg.as_group or (
            msg.from_id is not None and await self._telegram.is_admin(msg.chat_id, msg.from_id)
        )
        if not allowed:
            return await self._limited(msg, Say(words.NOT_ADMIN), bot)
        switches = {
            "silence": {"silenced": True},
            "activate": {"silenced": False},
            "broadcasts_on": {"broadcasts": True},
            "broadcasts_off": {"broadcasts": False},
        }[action.action]
        await asyncio.to_thread(
            lambda: self._groups.switch(msg.chat_id, now=self._now(), **switches)
        )
        return await self._say(msg, action.done)

    async def _limited(self, msg: GroupMessage, action: Say | Answer, bot: str) -> str | None:
        """Every reply but an admin's switch counts against the group's limit (Telegram allows
        about 20 messages a minute in a group; a flood of /ayuda must not spend them)."""
        slot = await asyncio.to_thread(
            self._groups.take_answer,
            msg.chat_id,
            now=self._now(),
            limit=self._limit,
            window=self._window,
        )
        if slot == "over":
            return None
        if slot == "notice":
            return await self._say(msg, words.busy_line(bot))
        if isinstance(action, Say):
            return await self._say(msg, action.text)
        try:
            text = await asyncio.to_thread(self._answer, action.question)
        except AnswerUnavailable:
            return await self._say(msg, words.UNAVAILABLE)
        return await self._say(msg, action.render(text))

    async def _say(self, msg: GroupMessage, text: str, *, moved: bool = False) -> str | None:
        outcome = await self._telegram.send_in_group(
            msg.chat_id, text, reply_to=msg.message_id, thread_id=msg.thread_id
        )
        new_id = self._telegram.moved_to(msg.chat_id)
        if isinstance(outcome, Failed) and new_id is not None and not moved:
            # The group became a supergroup and we missed the notice: move it, say it there.
            await asyncio.to_thread(self._groups.migrate, msg.chat_id, new_id, now=self._now())
            return await self._say(replace(msg, chat_id=new_id, thread_id=None), text, moved=True)
        if isinstance(outcome, Blocked):  # the bot was removed or muted: stop sending there
            await asyncio.to_thread(self._groups.left, msg.chat_id, now=self._now())
            return None
        if isinstance(outcome, Failed):
            if outcome.retryable:
                return f"group send: {outcome.reason}"
            log.warning("group reply refused: %s", outcome.reason[:40])
        return None
