"""``SqlConversationStore``: a chat's conversation in and out of the database, optimistically.

Also ``SqlLedger``, the processed-events ledger that makes a turn idempotent. Rows never leave
this module (``ensure_identity`` hands its row only to other ``db`` modules).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.conversation import Conversation, HandoffView, State
from bot.errors import VersionConflict
from bot.messages import Channel, Reply
from db.cases import SqlCaseStore
from db.models import ChatIdentity, ConversationRow, ProcessedEvent


class HandoffLoader(Protocol):
    def view_for(self, identity_id: int) -> HandoffView | None: ...


def find_identity(session: Session, channel: str, chat_id: str) -> ChatIdentity | None:
    return session.scalar(
        select(ChatIdentity).where(
            ChatIdentity.channel == channel, ChatIdentity.external_id == chat_id
        )
    )


class SqlConversationStore:
    """Implements ``bot.ports.ConversationStore`` on one SQLAlchemy session (one transaction)."""

    def __init__(
        self,
        session: Session,
        *,
        now: datetime,
        anonymous_allowed: int = 0,
        cases: SqlCaseStore | None = None,
    ) -> None:
        self._session = session
        self._now = now
        self._anonymous_allowed = anonymous_allowed
        self._cases = cases or SqlCaseStore(session)
        self._identity: ChatIdentity | None = None
        # The chat's request for a lawyer, loaded with it (``db.handoffs.SqlHandoffs``).
        self.handoffs: HandoffLoader | None = None

    def load(self, *, channel: Channel, chat_id: str, today: date) -> Conversation:
        conv = Conversation(
            channel=channel,
            chat_id=chat_id,
            today=today,
            anonymous_allowed=self._anonymous_allowed,
        )
        identity = find_identity(self._session, channel, chat_id)
        self._identity = identity
        if identity is None:
            return conv
        row = self._session.scalar(
            select(ConversationRow).where(ConversationRow.identity_id == identity.id)
        )
        cases = self._cases.cases_for(identity.user_id) if identity.user_id else ()
        loaded = Conversation(
            channel=channel,
            chat_id=chat_id,
            today=today,
            user_id=identity.user_id,
            cases=cases,
            anonymous_used=identity.anonymous_questions_used,
            anonymous_allowed=self._anonymous_allowed,
            opted_out=identity.opted_out,
            handoff=self.handoffs.view_for(identity.id) if self.handoffs else None,
            version=row.version if row is not None else 0,
        )
        if row is None:
            return loaded
        return loaded.with_state_dict(row.state)

    def save(self, conversation: Conversation, *, last_inbound_at: datetime | None = None) -> None:
        """Write the state if the stored version is still ``conversation.version``."""
        if conversation.state == State.GONE:
            return  # everything about this chat was deleted in this turn
        identity = self.ensure_identity(conversation.channel, conversation.chat_id)
        identity.anonymous_questions_used = conversation.anonymous_used
        identity.opted_out = conversation.opted_out
        if last_inbound_at is not None:
            identity.last_inbound_at = last_inbound_at
        state = conversation.state_dict()
        try:
            if conversation.version == 0:
                self._session.add(
                    ConversationRow(
                        identity_id=identity.id, state=state, version=1, updated_at=self._now
                    )
                )
                self._session.flush()
                return
            result = self._session.execute(
                update(ConversationRow)
                .where(
                    ConversationRow.identity_id == identity.id,
                    ConversationRow.version == conversation.version,
                )
                .values(state=state, version=conversation.version + 1, updated_at=self._now)
                .execution_options(synchronize_session=False)
            )
        except IntegrityError as exc:
            raise VersionConflict("the conversation was created meanwhile") from exc
        if result.rowcount != 1:  # type: ignore[attr-defined]  # CursorResult for UPDATE
            raise VersionConflict("the conversation moved on since it was loaded")

    def identity_id(self, channel: str, chat_id: str) -> int | None:
        """The chat's identity id (None when the chat has none, or it was just deleted)."""
        identity = self._find(channel, chat_id)
        return identity.id if identity is not None else None

    def user_id(self, channel: str, chat_id: str) -> int | None:
        """The account this chat is linked to now, in this transaction (after a confirmed
        code too: the link writes share the session)."""
        identity = self._find(channel, chat_id)
        return identity.user_id if identity is not None else None

    def _find(self, channel: str, chat_id: str) -> ChatIdentity | None:
        identity = self._identity
        if (
            identity is not None
            and identity in self._session
            and (identity.channel, identity.external_id) == (channel, chat_id)
        ):
            return identity
        return find_identity(self._session, channel, chat_id)

    def ensure_identity(self, channel: str, chat_id: str) -> ChatIdentity:
        identity = self._identity
        if identity is None or identity not in self._session:
            identity = find_identity(self._session, channel, chat_id)
        if identity is not None:
            self._identity = identity
            return identity
        identity = ChatIdentity(
            channel=channel,
            external_id=chat_id,
            opted_out=False,
            blocked=False,
            anonymous_questions_used=0,
            created_at=self._now,
        )
        self._session.add(identity)
        try:
            self._session.flush()
        except IntegrityError as exc:
            raise VersionConflict("the chat identity was created meanwhile") from exc
        self._identity = identity
        return identity


class SqlLedger:
    """The processed-events ledger on one session: what makes a turn idempotent."""

    def __init__(self, session: Session, *, now: datetime) -> None:
        self._session = session
        self._now = now

    def replies_for(self, key: str) -> tuple[Reply, ...] | None:
        """The replies stored for an inbound already answered, or None when it is new."""
        row = self._session.get(ProcessedEvent, key)
        if row is None:
            return None
        return tuple(Reply(r["text"], tuple(r.get("options", ()))) for r in row.replies)

    def record(self, *, key: str, identity_id: int | None, replies: Sequence[Reply]) -> None:
        """Record the inbound as answered; a concurrent twin makes the flush fail
        (IntegrityError)."""
        stored = [{"text": r.text, "options": list(r.options)} for r in replies]
        self._session.add(
            ProcessedEvent(key=key, identity_id=identity_id, replies=stored, processed_at=self._now)
        )
        self._session.flush()


def purge_processed(session: Session, *, before: datetime) -> int:
    """Forget ledger entries older than ``before`` (platforms stop redelivering after a day)."""
    result = session.execute(delete(ProcessedEvent).where(ProcessedEvent.processed_at < before))
    return int(result.rowcount)  # type: ignore[attr-defined]  # CursorResult for DELETE
