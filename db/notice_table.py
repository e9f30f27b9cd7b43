"""The ``notices`` table: what must reach a worker outside a turn (a lawyer's reply, a payment a
webhook confirmed, an escalation), written in the same transaction as its cause and delivered at
most once by the courier (claim → send → mark, like broadcast deliveries).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import MYSQL_TABLE, Base, UTCDateTime

# pending → sending (claimed) → sent | failed; a "sending" row of a dead courier → unknown.
NOTICE_STATUSES = ("pending", "sending", "sent", "failed", "unknown")


class NoticeRow(Base):
    __tablename__ = "notices"
    __table_args__ = (MYSQL_TABLE,)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    identity_id: Mapped[int] = mapped_column(
        ForeignKey("chat_identities.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    # Which approved WhatsApp template stands in for the text outside the 24-hour window.
    whatsapp_template: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # WhatsApp outside the 24-hour window: when the template went; the text waits until the
    # worker writes again (they are asked to write VER), then the courier sends it.
    template_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
