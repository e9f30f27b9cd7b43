"""admin sessions kept server-side, one-time admin login states, the audit log's Cognito sub

Revision ID: 0008_admin_sessions
Revises: 0007_model_usage
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0008_admin_sessions"
down_revision: str | Sequence[str] | None = "0007_model_usage"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "admin_sessions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("session_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", db.base.UTCDateTime(), nullable=False),
        sa.Column("expires_at", db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_admin_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_sessions")),
        sa.UniqueConstraint("session_hash", name=op.f("uq_admin_sessions_session_hash")),
        mysql_charset="utf8mb4",
        mysql_engine="InnoDB",
    )
    with op.batch_alter_table("admin_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_admin_sessions_user_id"), ["user_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_admin_sessions_expires_at"), ["expires_at"], unique=False
        )
    op.create_table(
        "admin_login_states",
        sa.Column("state_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", db.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("state_hash", name=op.f("pk_admin_login_states")),
        mysql_charset="utf8mb4",
        mysql_engine="InnoDB",
    )
    with op.batch_alter_table("admin_login_states", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_admin_login_states_expires_at"), ["expires_at"], unique=False
        )
    with op.batch_alter_table("admin_actions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("actor_sub", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("admin_actions", schema=None) as batch_op:
        batch_op.drop_column("actor_sub")
    with op.batch_alter_table("admin_login_states", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_admin_login_states_expires_at"))
    op.drop_table("admin_login_states")
    with op.batch_alter_table("admin_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_admin_sessions_expires_at"))
        batch_op.drop_index(batch_op.f("ix_admin_sessions_user_id"))
    op.drop_table("admin_sessions")
