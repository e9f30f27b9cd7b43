"""The ``handoff_requests`` and ``handoff_messages`` tables: a worker's request for a lawyer, with
the consent they gave (its text and time) and the case package frozen at that moment, and the
messages exchanged while it is open. ``db.handoffs`` (the worker's side) and ``db.lawyer_inbox``
(the lawyer's side) read and write them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import MYSQL_TABLE, Base, JSONText, UTCDateTime

# awaiting_payment → open (unclaimed) → claimed → closed; open|claimed|awaiting_payment → cancelled.
HANDOFF_STATUSES = ("awaiting_payment", "open", "claimed", "closed", "cancelled")
MESSAGE_AUTHORS = ("worker", "lawyer", "system")
MESSAGE_KINDS = ("text", "document_request", "close")


class HandoffRequest(Base):
    """One request for a lawyer: who asked (user, chat), about which case, and its state."""

    __tablename__ = "handoff_requests"
    __table_args__ = (MYSQL_TABLE,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The chat that asked: replies and notices go there.
    identity_id: Mapped[int] = mapped_column(
        ForeignKey("chat_identities.id", ondelete="CASCADE"), index=True
    )
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(24), index=True)
    paid: Mapped[bool] = mapped_column(Boolean, default=False)
    payment_id: Mapped[int | None] = mapped_column(Integer)
    # Cognito ``sub`` of the lawyer who claimed it.
    lawyer_sub: Mapped[str | None] = mapped_column(String(64), index=True)
    consent_text: Mapped[str] = mapped_column(Text)
    consented_at: Mapped[datetime] = mapped_column(UTCDateTime())
    package: Mapped[dict[str, Any]] = mapped_column(JSONText())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    close_note: Mapped[str | None] = mapped_column(Text)
    rating: Mapped[int | None] = mapped_column(Integer)
    rated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The bot told the worker once that their messages now go to the lawyer.
    notified_forwarding: Mapped[bool] = mapped_column(Boolean, default=False)


class HandoffMessage(Base):
    """A message inside an open request: the worker's, the lawyer's, or the system's."""

    __tablename__ = "handoff_messages"
    __table_args__ = (MYSQL_TABLE,)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    request_id: Mapped[int] = mapped_column(
        ForeignKey("handoff_requests.id", ondelete="CASCADE"), index=True
    )
    author: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(24), default="text")
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
