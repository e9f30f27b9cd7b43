"""Run one conversation turn: load → ``bot.step`` → effects → commit once, idempotently.

The shell around bot/: the conversation, every write of the turn (login links and codes
included) and the inbound's idempotency key are committed in ONE transaction, through the unit
of work (``services.unit_of_work``). A version conflict (two messages of one chat at once)
reruns the turn from a fresh load; a crash before commit leaves nothing behind, so the inbound
is processed again later and answered once.

No transaction is held across the answerer (a model call can take seconds): when the turn needs
an answer, its unit of work is left uncommitted (rolled back, connection released), the answer
is computed, and the turn runs again with the answer at hand (``bot.step`` is deterministic, so
the rerun asks for the same answer), checking that the conversation's version did not move.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError, OperationalError

from bot.conversation import Conversation, State
from bot.effects import (
    AnswerFailed,
    AnswerReady,
    AskAnswerer,
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
    LinkRejected,
    LinkUnavailable,
)
from bot.errors import AnswerUnavailable, VersionConflict
from bot.machine import step
from bot.messages import Inbound, Reply
from bot.ports import Answerer, AnswerResult, Clock
from bot.purchases import PAYMENT_EFFECTS
from db.inbound_table import ChatKeys
from services.erasure import AccountDeleter, replayed, replies_to_store
from services.errors import AbogadoError
from services.handoff_effects import HANDOFF_EFFECTS, HandoffEffects
from services.payment_effects import NeedOutside, PaymentEffects, not_available
from services.turn_writes import Memo, NeedAccountsGone, NeedAnswer, Writes, answer_key, apply
from services.unit_of_work import TurnWork, TurnWorks

if TYPE_CHECKING:
    from services.usage import ModelBudget

log = logging.getLogger(__name__)

# A turn feeds results back into step a few times at most; more means a loop.
_MAX_STEPS = 16
# MySQL: 1205 lock wait timeout, 1213 deadlock; both mean "run the turn again".
_RETRY_MYSQL_CODES = {1205, 1213}
# Answers one turn may need (a held question and the story's answer, say); more means a loop.
_MAX_ANSWERS = 4


class TurnGaveUp(AbogadoError):
    """The turn kept conflicting with concurrent turns of the same chat."""


@dataclass(frozen=True)
class TurnResult:
    replies: tuple[Reply, ...]
    duplicate: bool = False  # already answered earlier; ``replies`` are the stored ones
    attempts: int = 1


class TurnRunner:
    def __init__(
        self,
        *,
        answerer: Answerer,
        clock: Clock,
        work: TurnWorks,
        anonymous_questions: int = 0,
        max_attempts: int = 8,
        history_limit: int = 6,
        sleep: Callable[[float], None] = time.sleep,
        budget: ModelBudget | None = None,
        chat_keys: ChatKeys | None = None,
        accounts: AccountDeleter | None = None,
        payments: PaymentEffects | None = None,
        handoffs: HandoffEffects | None = None,
    ) -> None:
        """``work``: the unit of work per attempt (``db.unit_of_work.SqlTurnWorks``).
        ``chat_keys``: the queue's, so ``/borrar``
        finds the chat's queue rows; ``accounts``: the identity provider's accounts (Cognito)
        that ``/borrar`` deletes."""
        self._works = work
        self._answerer = answerer
        self._budget = budget  # per-chat limits on model answers (services/usage.py)
        self._clock = clock
        self._anonymous = anonymous_questions
        self._max_attempts = max_attempts
        self._history_limit = history_limit
        self._sleep = sleep
        self._chat_keys = chat_keys
        self._accounts = accounts
        self._payments = payments  # /plan and pagar (None: nothing is sold)
        # A lawyer's review (by default none is offered; open requests are still served).
        self._handoffs = handoffs or HandoffEffects()

    def now(self) -> datetime:
        return self._clock.now()

    def handle(self, inbound: Inbound) -> TurnResult:
        """Process one inbound message; returns the replies to send (once)."""
        memo = Memo()
        attempt = 1
        while attempt <= self._max_attempts:
            try:
                result = self._attempt(inbound, memo)
            except NeedAnswer as need:
                if len(memo.answers) >= _MAX_ANSWERS:
                    raise RuntimeError("the turn kept asking for answers") from None
                memo.answers[need.key] = self._answer(need.effect, need.history, inbound)
                continue  # the transaction is gone: run the turn again with the answer
            except NeedOutside as need:  # a payment effect (services/payment_effects.py)
                memo.outside[need.key] = need.call()
                continue
            except NeedAccountsGone as need:
                self._delete_accounts(need.names)
                memo.accounts_deleted = True
                continue  # the same, once the identity provider has answered
            except (VersionConflict, IntegrityError) as exc:
                memo.conversation = None  # start again from what is stored now
                log.info("turn conflict, attempt %d: %s", attempt, type(exc).__name__)
            except OperationalError as exc:
                if not _retryable(exc):
                    raise
                log.info("turn lock contention, attempt %d", attempt)
            else:
                return replace(result, attempts=attempt)
            self._sleep(random.uniform(0, 0.005 * 2**attempt))  # noqa: S311  # jitter, not crypto
            attempt += 1
        raise TurnGaveUp(f"gave up after {self._max_attempts} conflicting attempts")

    def _attempt(self, inbound: Inbound, memo: Memo) -> TurnResult:
        now = self._clock.now()
        key = self._event_key(inbound)
        with self._works(now=now) as work:
            stored = work.ledger.replies_for(key)
            if stored is not None:  # sent again: a stored login link becomes a fresh one
                again = replayed(stored, lambda: _issue(work, inbound))
                work.commit()
                return TurnResult(again, duplicate=True)
            conv = work.conversations.load(
                channel=inbound.channel, chat_id=inbound.chat_id, today=self._clock.today()
            )
            conv = replace(conv, anonymous_allowed=self._anonymous)
            conv = self._handoffs.terms.apply(conv)
            if memo.conversation is None:
                memo.conversation = conv
            elif memo.conversation.version != conv.version:
                raise VersionConflict("the conversation moved on while the answer was computed")
            else:
                conv = memo.conversation
            writes = Writes()
            conv, replies = self._run(work, conv, inbound, writes, memo)
            apply(work, conv, writes, now=now, today=self._clock.today(), chat_keys=self._chat_keys)
            work.conversations.save(conv, last_inbound_at=inbound.received_at)
            # After /borrar the ledger row names no identity (there is none left).
            gone = conv.state == State.GONE
            identity = None if gone else work.conversations.identity_id(conv.channel, conv.chat_id)
            work.ledger.record(key=key, identity_id=identity, replies=replies_to_store(replies))
            work.commit()
        return TurnResult(tuple(replies))

    def _run(
        self, work: TurnWork, conv: Conversation, inbound: Inbound, writes: Writes, memo: Memo
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
                event = self._perform(work, conv, effect, writes, memo)
                if event is not None:
                    pending.append(event)
        raise RuntimeError("the conversation kept producing effects; giving up on this turn")

    def _perform(
        self, work: TurnWork, conv: Conversation, effect: Effect, writes: Writes, memo: Memo
    ) -> Event | None:
        """Effects with a result now (links, answers, exports); the other writes later
        (see ``services.turn_writes``). All of them in the attempt's one transaction."""
        channel, chat_id = conv.channel, conv.chat_id
        if isinstance(effect, AskAnswerer):
            return self._ask(work, conv, effect, memo)
        if isinstance(effect, PAYMENT_EFFECTS):
            if self._payments is None:
                return not_available(effect, "not_sold")
            return self._payments.perform(
                effect, channel=channel, chat_id=chat_id, done=memo.outside
            )
        if isinstance(effect, HANDOFF_EFFECTS):
            return self._handoffs.perform(
                work, conv, effect, now=self.now(), today=self._clock.today(), done=memo.outside
            )
        if isinstance(effect, IssueLoginLink):
            url = work.links.issue_link(channel=channel, chat_id=chat_id)
            return LinkUnavailable() if url is None else LinkIssued(url)
        if isinstance(effect, CheckLinkCode):
            outcome = work.links.confirm_code(channel=channel, chat_id=chat_id, code=effect.code)
            if outcome != "linked":
                return LinkRejected(outcome)
            user_id = work.conversations.user_id(channel, chat_id)
            if user_id is None:
                return LinkRejected("expired")
            return LinkConfirmed(user_id, work.cases.cases_for(user_id))
        if isinstance(effect, ExportData):
            return DataExported(work.privacy.export_user_data(channel=channel, chat_id=chat_id))
        if isinstance(effect, DeleteEverything) and self._accounts and not memo.accounts_deleted:
            # Before the rows go (they name the account), with no transaction held (a remote
            # call); a retry finds it gone: no harm.
            names = work.privacy.account_names(channel=channel, chat_id=chat_id)
            if names:
                raise NeedAccountsGone(names)
            memo.accounts_deleted = True
        writes.add(effect, conv.user_id)
        return DataDeleted() if isinstance(effect, DeleteEverything) else None

    def _event_key(self, inbound: Inbound) -> str:
        return self._chat_keys.event_key(inbound.key) if self._chat_keys else inbound.key

    def _ask(self, work: TurnWork, conv: Conversation, effect: AskAnswerer, memo: Memo) -> Event:
        """The answer computed outside the transaction (``_NeedAnswer``), fed back as an event."""
        key = answer_key(effect)
        if key not in memo.answers:
            past: list[tuple[str, str]] = []
            if conv.user_id is not None:
                past = work.cases.history(
                    user_id=conv.user_id,
                    case_number=effect.case_number,
                    limit=self._history_limit,
                )
            raise NeedAnswer(key, effect, past)
        answer = memo.answers[key]
        if answer is None:
            return AnswerFailed(effect.question, effect.after)
        return AnswerReady(
            effect.question, answer.text, answer.articles, effect.after, refused=answer.refused
        )

    def _delete_accounts(self, names: list[str]) -> None:
        """The identity provider's accounts, deleted with no transaction open."""
        if self._accounts is not None:
            for name in names:
                self._accounts.delete(name)

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


def _issue(work: TurnWork, inbound: Inbound) -> str | None:
    return work.links.issue_link(channel=inbound.channel, chat_id=inbound.chat_id)


def _retryable(exc: OperationalError) -> bool:
    args = getattr(exc.orig, "args", ())
    if args and isinstance(args[0], int) and args[0] in _RETRY_MYSQL_CODES:
        return True
    return "database is locked" in str(exc.orig)
