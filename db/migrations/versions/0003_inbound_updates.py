"""inbound updates (queue and idempotency) and outbound message status

Revision ID: 0003_inbound_updates
Revises: 0002_links
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

import db.base

revision: str = "0003_inbound_updates"
down_revision: str | Sequence[str] | None = "0002_links"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inbound_updates",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("platform_id", sa.String(length=80), nullable=False),
        sa.Column("chat_key", sa.String(length=64), nullable=False),
        sa.Column("content_type", sa.String(length=16), nullable=False),
        sa.Column("payload", sa.Text().with_variant(mysql.MEDIUMTEXT(), "mysql"), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", db.base.UTCDateTime(), nullable=False),
        sa.Column("locked_until", db.base.UTCDateTime(), nullable=True),
        sa.Column("replies_sent", sa.Integer(), nullable=False),
        sa.Column("parts_sent", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.Column("received_at", db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", db.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_updates")),
        sa.UniqueConstraint("channel", "platform_id", name=op.f("uq_inbound_updates_channel")),
        mysql_charset="utf8mb4",
        mysql_engine="InnoDB",
    )
    op.create_index(
        "ix_inbound_updates_chat_status",
        "inbound_updates",
        ["chat_key", "status", "id"],
        unique=False,
    )
    op.create_index(
        "ix_inbound_updates_status_next",
        "inbound_updates",
        ["status", "next_attempt_at"],
        unique=False,
    )
    op.create_table(
        "outbound_messages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("provider_id", sa.String(length=64), nullable=False),
        sa.Column("inbound_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("error_code", sa.String(length=16), nullable=True),
        sa.Column("created_at", db.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", db.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbound_messages")),
        sa.UniqueConstraint("channel", "provider_id", name=op.f("uq_outbound_messages_channel")),
        mysql_charset="utf8mb4",
        mysql_engine="InnoDB",
    )
    op.create_index(
        op.f("ix_outbound_messages_inbound_id"),
        "outbound_messages",
        ["inbound_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_outbound_messages_inbound_id"), table_name="outbound_messages")
    op.drop_table("outbound_messages")
    op.drop_index("ix_inbound_updates_status_next", table_name="inbound_updates")
    op.drop_index("ix_inbound_updates_chat_status", table_name="inbound_updates")
    op.drop_table("inbound_updates")
