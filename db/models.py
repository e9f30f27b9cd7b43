"""Tables of the conversation: users, chat identities, cases, messages, conversation state,
processed inbound events. Rows stay inside db/; repositories hand out ``bot`` values.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import MYSQL_TABLE, Base, JSONText, UTCDateTime


class User(Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("cognito_sub"), MYSQL_TABLE)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    cognito_sub: Mapped[str] = mapped_column(String(64))
    username: Mapped[str | None] = mapped_column(String(128))
    email: Mapped[str | None] = mapped_column(String(320))
    role: Mapped[str] = mapped_column(String(16), default="user")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ChatIdentity(Base):
    """One chat on one channel (a Telegram chat, a WhatsApp number, the local terminal)."""

    __tablename__ = "chat_identities"
    __table_args__ = (UniqueConstraint("channel", "external_id"), MYSQL_TABLE)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    linked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    last_inbound_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    anonymous_questions_used: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CaseRow(Base):
    """A worker's case with the context form's answers (canonical values, see bot.form)."""

    __tablename__ = "cases"
    __table_args__ = (UniqueConstraint("user_id", "number"), MYSQL_TABLE)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    topic: Mapped[str | None] = mapped_column(String(64))
    employer: Mapped[str | None] = mapped_column(String(200))
    job: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[str | None] = mapped_column(String(10))
    end_date: Mapped[str | None] = mapped_column(String(10))
    salary_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    salary_period: Mapped[str | None] = mapped_column(String(16))
    contract: Mapped[str | None] = mapped_column(String(32))
    schedule: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    # Facts beyond the columns above (bot.form: motivo, zona, jornada, situación, avisos…).
    details: Mapped[dict[str, str] | None] = mapped_column(JSONText())
    status: Mapped[str] = mapped_column(String(16), default="abierto")
    opened_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class MessageRow(Base):
    """A question or an answer; ``case_id`` is empty when no case was open."""

    __tablename__ = "messages"
    __table_args__ = (MYSQL_TABLE,)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    cited_articles: Mapped[list[str]] = mapped_column(JSONText())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ConversationRow(Base):
    """The chat's place in the conversation (bot's state JSON) and its optimistic version."""

    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("identity_id"), MYSQL_TABLE)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    identity_id: Mapped[int] = mapped_column(ForeignKey("chat_identities.id", ondelete="CASCADE"))
    state: Mapped[dict[str, Any]] = mapped_column(JSONText())
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ProcessedEvent(Base):
    """Inbound messages already answered, keyed by ``Inbound.key`` (a hash), with the replies.

    Committed in the same transaction as the turn's writes, so a message is answered once.
    """

    __tablename__ = "processed_events"
    __table_args__ = (MYSQL_TABLE,)

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    identity_id: Mapped[int | None] = mapped_column(
        ForeignKey("chat_identities.id", ondelete="CASCADE"), index=True
    )
    replies: Mapped[list[dict[str, Any]]] = mapped_column(JSONText())
    processed_at: Mapped[datetime] = mapped_column(UTCDateTime())
