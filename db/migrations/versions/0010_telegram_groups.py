"""Telegram groups: the group's chat id, its switches, joined/left times, an answer counter;
one row per broadcast sent to an opted-in group (no message text, no member)

Revision ID: 0010_telegram_groups
Revises: 0009_local_idp_facebook
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0010_telegram_groups"
down_revision: str | Sequence[str] | None = "0009_local_idp_facebook"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "telegram_groups",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("chat_id", sa.String(length=32), nullable=False),
        sa.Column("silenced", sa.Boolean(), nullable=False),
        sa.Column("broadcasts", sa.Boolean(), nullable=False),
        sa.Column("joined_at", db.base.UTCDateTime(), nullable=True),
        sa.Column("left_at", db.base.UTCDateTime(), nullable=True),
        sa.Column("migrated_to", sa.String(length=32), nullable=True),
        sa.Column("window_start", db.base.UTCDateTime(), nullable=True),
        sa.Column("window_answers", sa.Integer(), nullable=False),
        sa.Column("updated_at", db.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_telegram_groups")),
        sa.UniqueConstraint("chat_id", name=op.f("uq_telegram_groups_chat_id")),
        mysql_charset="utf8mb4",
        mysql_engine="InnoDB",
    )
    op.create_table(
        "group_deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("broadcast_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("sent_at", db.base.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["broadcast_id"],
            ["broadcasts.id"],
            name=op.f("fk_group_deliveries_broadcast_id_broadcasts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["telegram_groups.id"],
            name=op.f("fk_group_deliveries_group_id_telegram_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_deliveries")),
        sa.UniqueConstraint(
            "broadcast_id", "group_id", name=op.f("uq_group_deliveries_broadcast_id")
        ),
        mysql_charset="utf8mb4",
        mysql_engine="InnoDB",
    )
    with op.batch_alter_table("group_deliveries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_group_deliveries_group_id"), ["group_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("group_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_deliveries_group_id"))
    op.drop_table("group_deliveries")
    op.drop_table("telegram_groups")
