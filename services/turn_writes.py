"""The turn's deferred writes: effects collected while ``bot.step`` runs, applied through the
unit of work just before its one commit (keeps SQLite's write lock short).

Also what a turn remembers across its reruns (``Memo``) and the signals that make it leave its
transaction for a remote call (``NeedAnswer``, ``NeedAccountsGone``). No transaction is opened
here.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.conversation import Conversation
from bot.effects import (
    AskAnswerer,
    CancelReminders,
    DeleteEverything,
    Effect,
    RecordMessage,
    SaveCase,
    ScheduleReminders,
    SetOptOut,
    Unlink,
)
from bot.ports import AnswerResult
from services.unit_of_work import TurnWork

AnswerKey = tuple[object, ...]


def answer_key(effect: AskAnswerer) -> AnswerKey:
    """What makes two requests for an answer the same one (a rerun asks it again)."""
    return (
        effect.question,
        tuple(sorted(effect.context.items())),
        effect.case_number,
        effect.facts,
        effect.detail,
    )


class NeedAnswer(Exception):
    """The turn reached an answer it does not have yet: leave the transaction and get it."""

    def __init__(self, key: AnswerKey, effect: AskAnswerer, history: list[tuple[str, str]]) -> None:
        super().__init__("answer needed")
        self.key = key
        self.effect = effect
        self.history = history


class NeedAccountsGone(Exception):
    """``/borrar`` reached accounts at the identity provider: leave the transaction, delete
    them (a remote call), then run the turn again."""

    def __init__(self, names: list[str]) -> None:
        super().__init__("accounts to delete")
        self.names = names


@dataclass
class Memo:
    """What a turn learned outside its transaction, kept across its reruns: answers, and the
    identity provider's accounts already deleted. Database writes are never remembered: a
    rerun makes them again in its own transaction, and only the committed one stays."""

    answers: dict[AnswerKey, AnswerResult | None] = field(default_factory=dict)
    # The conversation as the turn first loaded it: a rerun after an answer checks that its
    # version still holds (the optimistic check), and starts from it.
    conversation: Conversation | None = None
    accounts_deleted: bool = False
    # Payment effects done with the transaction closed (services.payment_effects.NeedOutside).
    outside: dict[Hashable, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Writes:
    """Database effects of one attempt, with the user each was made for, in order."""

    items: list[tuple[Effect, int | None]] = field(default_factory=list)

    def add(self, effect: Effect, user_id: int | None) -> None:
        self.items.append((effect, user_id))


def apply(
    work: TurnWork,
    conv: Conversation,
    writes: Writes,
    *,
    now: datetime,
    today: date,
    chat_keys: Callable[[str, str], str] | None,
) -> None:
    """Perform the attempt's database effects on ``work`` (not committed here)."""
    for effect, user_id in writes.items:
        _write(work, conv, effect, user_id, now=now, today=today, chat_keys=chat_keys)


def _write(
    work: TurnWork,
    conv: Conversation,
    effect: Effect,
    user_id: int | None,
    *,
    now: datetime,
    today: date,
    chat_keys: Callable[[str, str], str] | None,
) -> None:
    channel, chat_id = conv.channel, conv.chat_id
    if isinstance(effect, SaveCase) and user_id is not None:
        work.cases.save_case(user_id=user_id, case=effect.case, now=now)
    elif isinstance(effect, RecordMessage) and user_id is not None:
        work.cases.add_message(
            user_id=user_id,
            case_number=effect.case_number,
            role=effect.role,
            text=effect.text,
            articles=effect.articles,
            now=now,
        )
    elif isinstance(effect, SetOptOut):
        work.chats.set_opt_out(channel=channel, chat_id=chat_id, opted_out=effect.opted_out)
    elif isinstance(effect, Unlink):
        work.chats.unlink(channel=channel, chat_id=chat_id)
    elif isinstance(effect, DeleteEverything):
        work.privacy.delete_everything(channel=channel, chat_id=chat_id, chat_keys=chat_keys)
    elif isinstance(effect, ScheduleReminders | CancelReminders):
        # Reminders go to the chat that asked for them (see docs/reminders.md).
        identity_id = work.conversations.identity_id(channel, chat_id)
        if isinstance(effect, CancelReminders):
            work.reminders.cancel(
                user_id=user_id, identity_id=identity_id, case_number=effect.case_number
            )
        elif user_id is not None and identity_id is not None:
            work.reminders.schedule(
                user_id=user_id,
                identity_id=identity_id,
                case_number=effect.case_number,
                deadline=effect.deadline,
                remind_on=effect.remind_on,
                what=effect.what,
                today=today,
            )
