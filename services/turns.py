"""Run one conversation turn: load → ``bot.step`` → effects → commit once, idempotently.

The shell around bot/: the conversation, every write of the turn and the inbound's idempotency
key are committed in ONE transaction. A version conflict (two messages of one chat at once)
reruns the turn from a fresh load; a crash before commit leaves nothing behind, so the inbound
is processed again later and answered once.

No transaction is held across the answerer (a model call can take seconds): when the turn needs
an answer, its transaction is rolled back, the answer is computed with no connection held, and
the turn runs again from a fresh load with the answer at hand (``bot.step`` is deterministic,
so the rerun asks for the same answer). Link effects, which commit on their own, are
remembered across those reruns so they happen once.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from bot.conversation import Conversation, State
from bot.effects import (
    AnswerFailed,
    AnswerReady,
    AskAnswerer,
    CancelReminders,
    CheckLinkCode,
    DataDeleted,
    DataExported,
    DeleteEverything,
    Effect,
    Event,
    ExportData,
    IssueLoginLink,
    LinkConfirmed,
    LinkIssued,
    LinkOutcome,
    LinkRejected,
    LinkUnavailable,
    RecordMessage,
    SaveCase,
    ScheduleReminders,
    SetOptOut,
    Unlink,
)
from bot.errors import AnswerUnavailable, VersionConflict
from bot.machine import step
from bot.messages import Inbound, Reply
from bot.ports import AccountLinker, Answerer, AnswerResult, Clock
from db import identities, privacy, reminders
from db.cases import SqlCaseStore
from db.conversations import (
    SqlConversationStore,
    already_processed,
    find_identity,
    mark_processed,
)
from db.inbound_table import ChatKeys
from services.erasure import AccountDeleter, replayed, replies_to_store
from services.errors import AbogadoError

if TYPE_CHECKING:
    from services.usage import ModelBudget

log = logging.getLogger(__name__)

# A turn feeds results back into step a few times at most; more means a loop.
_MAX_STEPS = 16
# MySQL: 1205 lock wait timeout, 1213 deadlock; both mean "run the turn again".
_RETRY_MYSQL_CODES = {1205, 1213}


class TurnGaveUp(AbogadoError):
    """The turn kept conflicting with concurrent turns of the same chat."""


# Answers one turn may need (a held question and the story's answer, say); more means a loop.
_MAX_ANSWERS = 4


class _NeedAnswer(Exception):
    """The turn reached an answer it does not have yet: leave the transaction and get it."""

    def __init__(self, key: tuple[object, ...], effect: AskAnswerer, history: list[Any]) -> None:
        super().__init__("answer needed")
        self.key = key
        self.effect = effect
        self.history = history


@dataclass
class _Memo:
    """What a turn learned outside its transaction, kept across its reruns."""

    answers: dict[tuple[object, ...], AnswerResult | None] = field(default_factory=dict)
    # The conversation as the turn first loaded it: reruns start from it (a link confirmed in
    # the first run must not make the rerun take another path), while its version still holds.
    conversation: Conversation | None = None
    link_url: str | None = None
    codes: dict[str, LinkOutcome] = field(default_factory=dict)
    accounts_deleted: bool = False


@dataclass(frozen=True)
class TurnResult:
    replies: tuple[Reply, ...]
    duplicate: bool = False  # already answered earlier; ``replies`` are the stored ones
    attempts: int = 1


@dataclass
class _Writes:
    """Database writes collected during the turn and applied just before commit.

    Deferring them keeps the write lock (SQLite) short and off the answerer's seconds.
    """

    cases: SqlCaseStore
    memo: _Memo
    items: list[tuple[Effect, int | None]] = field(default_factory=list)


class TurnRunner:
    def __init__(
        self,
        *,
        sessions: Callable[[], Session],
        answerer: Answerer,
        clock: Clock,
        linker: AccountLinker | None = None,
        anonymous_questions: int = 0,
        max_attempts: int = 8,
        history_limit: int = 6,
        sleep: Callable[[float], None] = time.sleep,
        budget: ModelBudget | None = None,
        chat_keys: ChatKeys | None = None,
        accounts: AccountDeleter | None = None,
    ) -> None:
        """``chat_keys``: the queue's, so ``/borrar`` finds the chat's queue rows; ``accounts``:
        the identity provider's accounts (Cognito) that ``/borrar`` deletes."""
        self._sessions = sessions
        self._answerer = answerer
        self._budget = budget  # per-chat limits on model answers (services/usage.py)
        self._clock = clock
        self._linker = linker
        self._anonymous = anonymous_questions
        self._max_attempts = max_attempts
        self._history_limit = history_limit
        self._sleep = sleep
        self._chat_keys = chat_keys
        self._accounts = accounts

    def now(self) -> datetime:
        return self._clock.now()

    def handle(self, inbound: Inbound) -> TurnResult:
        """Process one inbound message; returns the replies to send (once)."""
        memo = _Memo()
        attempt = 1
        while attempt <= self._max_attempts:
            try:
                result = self._attempt(inbound, memo)
            except _NeedAnswer as need:
                if len(memo.answers) >= _MAX_ANSWERS:
                    raise RuntimeError("the turn kept asking for answers") from None
                memo.answers[need.key] = self._answer(need.effect, need.history, inbound)
                continue  # the transaction is gone: run the turn again with the answer
            except (VersionConflict, IntegrityError) as exc:
                memo.conversation = None  # start again from what is stored now
                log.info("turn conflict, attempt %d: %s", attempt, type(exc).__name__)
            except OperationalError as exc:
                if not _retryable(exc):
                    raise
                log.info("turn lock contention, attempt %d", attempt)
            else:
                if result.duplicate:  # sent again: a stored login link becomes a fresh one
                    return TurnResult(
                        replayed(result.replies, self._relink(inbound)), True, attempt
                    )
                return TurnResult(result.replies, result.duplicate, attempt)
            self._sleep(random.uniform(0, 0.005 * 2**attempt))  # noqa: S311  # jitter, not crypto
            attempt += 1
        raise TurnGaveUp(f"gave up after {self._max_attempts} conflicting attempts")

    def _attempt(self, inbound: Inbound, memo: _Memo) -> TurnResult:
        now = self._clock.now()
        with self._sessions() as session, session.begin():
            stored = already_processed(session, self._event_key(inbound))
            if stored is not None:
                return TurnResult(stored, duplicate=True)
            case_store = SqlCaseStore(session)
            store = SqlConversationStore(
                session, now=now, anonymous_allowed=self._anonymous, cases=case_store
            )
            conv = store.load(
                channel=inbound.channel, chat_id=inbound.chat_id, today=self._clock.today()
            )
            if memo.conversation is None:
                memo.conversation = conv
            elif memo.conversation.version != conv.version:
                raise VersionConflict("the conversation moved on while the answer was computed")
            else:
                conv = memo.conversation
            writes = _Writes(case_store, memo)
            conv, replies = self._run(session, conv, inbound, writes)
            for effect, user_id in writes.items:
                self._write(session, conv, effect, user_id, now, case_store)
            store.save(conv, last_inbound_at=inbound.received_at)
            identity = store.identity if conv.state != State.GONE else None
            mark_processed(
                session,
                key=self._event_key(inbound),
                identity_id=identity.id if identity else None,
                replies=replies_to_store(replies),
                now=now,
            )
            session.commit()
        return TurnResult(tuple(replies))

    def _run(
        self, session: Session, conv: Conversation, inbound: Inbound, writes: _Writes
    ) -> tuple[Conversation, list[Reply]]:
        pending: list[Event] = [inbound]
        replies: list[Reply] = []
        for _ in range(_MAX_STEPS):
            if not pending:
                return conv, replies
            result = step(conv, pending.pop(0))
            conv = result.conversation
            replies.extend(result.replies)
            for effect in result.effects:
                event = self._perform(session, conv, effect, writes)
                if event is not None:
                    pending.append(event)
        raise RuntimeError("the conversation kept producing effects; giving up on this turn")

    def _perform(
        self, session: Session, conv: Conversation, effect: Effect, writes: _Writes
    ) -> Event | None:
        """Effects with a result now; database writes later (see ``_Writes``)."""
        channel, chat_id = conv.channel, conv.chat_id
        if isinstance(effect, AskAnswerer):
            return self._ask(writes, conv, effect)
        memo = writes.memo
        if isinstance(effect, IssueLoginLink):
            if self._linker is None:
                return LinkUnavailable()
            if memo.link_url is None:  # the linker commits on its own: once per turn
                memo.link_url = self._linker.issue_link(channel=channel, chat_id=chat_id)
            return LinkIssued(memo.link_url)
        if isinstance(effect, CheckLinkCode):
            if self._linker is None:
                return LinkRejected("expired")
            if effect.code not in memo.codes:
                memo.codes[effect.code] = self._linker.confirm_code(
                    channel=channel, chat_id=chat_id, code=effect.code
                )
            outcome = memo.codes[effect.code]
            if outcome != "linked":
                return LinkRejected(outcome)
            session.expire_all()
            identity = find_identity(session, channel, chat_id)
            if identity is None or identity.user_id is None:
                return LinkRejected("expired")
            return LinkConfirmed(identity.user_id, writes.cases.cases_for(identity.user_id))
        if isinstance(effect, Unlink):
            if self._linker is not None:
                self._linker.unlink(channel=channel, chat_id=chat_id)
            else:
                writes.items.append((effect, conv.user_id))
            return None
        if isinstance(effect, ExportData):
            return DataExported(privacy.export_user_data(session, channel=channel, chat_id=chat_id))
        if isinstance(effect, DeleteEverything) and self._accounts and not memo.accounts_deleted:
            # Before the rows go (they name the account); a retry finds it gone: no harm.
            for name in privacy.account_names(session, channel=channel, chat_id=chat_id):
                self._accounts.delete(name)
            memo.accounts_deleted = True
        writes.items.append((effect, conv.user_id))
        return DataDeleted() if isinstance(effect, DeleteEverything) else None

    def _event_key(self, inbound: Inbound) -> str:
        return self._chat_keys.event_key(inbound.key) if self._chat_keys else inbound.key

    def _relink(self, inbound: Inbound) -> Callable[[], str] | None:
        linker = self._linker
        if linker is None:
            return None
        return lambda: linker.issue_link(channel=inbound.channel, chat_id=inbound.chat_id)

    def _ask(self, writes: _Writes, conv: Conversation, effect: AskAnswerer) -> Event:
        """The answer computed outside the transaction (``_NeedAnswer``), fed back as an event."""
        key = (
            effect.question,
            tuple(sorted(effect.context.items())),
            effect.case_number,
            effect.facts,
            effect.detail,
        )
        if key not in writes.memo.answers:
            past: list[tuple[str, str]] = []
            if conv.user_id is not None:
                past = writes.cases.history(
                    user_id=conv.user_id,
                    case_number=effect.case_number,
                    limit=self._history_limit,
                )
            raise _NeedAnswer(key, effect, past)
        answer = writes.memo.answers[key]
        if answer is None:
            return AnswerFailed(effect.question, effect.after)
        return AnswerReady(effect.question, answer.text, answer.articles, effect.after)

    def _answer(
        self, effect: AskAnswerer, history: list[tuple[str, str]], inbound: Inbound
    ) -> AnswerResult | None:
        """Call the answerer with no transaction open; None when it is unavailable."""
        answerer = self._answerer
        if self._budget is not None:
            answerer = self._budget.bind(answerer, channel=inbound.channel, chat_id=inbound.chat_id)
        try:
            return answerer.answer(
                effect.question,
                context=effect.context,
                history=history,
                facts=effect.facts,
                detail=effect.detail,
            )
        except AnswerUnavailable:
            return None

    def _write(
        self,
        session: Session,
        conv: Conversation,
        effect: Effect,
        user_id: int | None,
        now: datetime,
        case_store: SqlCaseStore,
    ) -> None:
        channel, chat_id = conv.channel, conv.chat_id
        if isinstance(effect, SaveCase) and user_id is not None:
            case_store.save_case(user_id=user_id, case=effect.case, now=now)
        elif isinstance(effect, RecordMessage) and user_id is not None:
            case_store.add_message(
                user_id=user_id,
                case_number=effect.case_number,
                role=effect.role,
                text=effect.text,
                articles=effect.articles,
                now=now,
            )
        elif isinstance(effect, SetOptOut):
            identities.set_opt_out(
                session, channel=channel, chat_id=chat_id, opted_out=effect.opted_out, now=now
            )
        elif isinstance(effect, Unlink):
            identities.unlink(session, channel=channel, chat_id=chat_id)
        elif isinstance(effect, DeleteEverything):
            privacy.delete_everything(
                session, channel=channel, chat_id=chat_id, chat_keys=self._chat_keys
            )
        elif isinstance(effect, ScheduleReminders | CancelReminders):
            self._reminders(session, conv, effect, user_id, now)

    def _reminders(
        self,
        session: Session,
        conv: Conversation,
        effect: ScheduleReminders | CancelReminders,
        user_id: int | None,
        now: datetime,
    ) -> None:
        """Reminders go to the chat that asked for them (see docs/reminders.md)."""
        identity = find_identity(session, conv.channel, conv.chat_id)
        identity_id = identity.id if identity is not None else None
        if isinstance(effect, CancelReminders):
            reminders.cancel(
                session,
                user_id=user_id,
                identity_id=identity_id,
                case_number=effect.case_number,
                reason="cancelled_in_chat",
                now=now,
            )
        elif user_id is not None and identity_id is not None:
            reminders.schedule(
                session,
                user_id=user_id,
                identity_id=identity_id,
                case_number=effect.case_number,
                deadline=effect.deadline,
                remind_on=effect.remind_on,
                what=effect.what,
                today=self._clock.today(),
                now=now,
            )


def _retryable(exc: OperationalError) -> bool:
    args = getattr(exc.orig, "args", ())
    if args and isinstance(args[0], int) and args[0] in _RETRY_MYSQL_CODES:
        return True
    return "database is locked" in str(exc.orig)
