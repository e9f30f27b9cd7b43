"""links: one-time link tokens, pending logins, chat codes; local provider accounts

Revision ID: 0002_links
Revises: 0001_conversation
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0002_links"
down_revision: str | Sequence[str] | None = "0001_conversation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "local_idp_accounts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("sub", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("created_at", db.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_local_idp_accounts")),
        sa.UniqueConstraint("email", name=op.f("uq_local_idp_accounts_email")),
        sa.UniqueConstraint("sub", name=op.f("uq_local_idp_accounts_sub")),
        mysql_charset="utf8mb4",
        mysql_engine="InnoDB",
    )
    op.create_table(
        "link_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("identity_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("salt", sa.String(length=32), nullable=False),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.Column("expires_at", db.base.UTCDateTime(), nullable=False),
        sa.Column("used_at", db.base.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["identity_id"],
            ["chat_identities.id"],
            name=op.f("fk_link_codes_identity_id_chat_identities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_link_codes_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_codes")),
        sa.UniqueConstraint("identity_id", name=op.f("uq_link_codes_identity_id")),
        mysql_charset="utf8mb4",
        mysql_engine="InnoDB",
    )
    with op.batch_alter_table("link_codes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_link_codes_user_id"), ["user_id"], unique=False)

    op.create_table(
        "link_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("identity_id", sa.Integer(), nullable=False),
        sa.Column("created_at", db.base.UTCDateTime(), nullable=False),
        sa.Column("expires_at", db.base.UTCDateTime(), nullable=False),
        sa.Column("used_at", db.base.UTCDateTime(), nullable=True),
        sa.Column("revoked_at", db.base.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["identity_id"],
            ["chat_identities.id"],
            name=op.f("fk_link_tokens_identity_id_chat_identities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_link_tokens_token_hash")),
        mysql_charset="utf8mb4",
        mysql_engine="InnoDB",
    )
    with op.batch_alter_table("link_tokens", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_link_tokens_identity_id"), ["identity_id"], unique=False
        )

    op.create_table(
        "link_logins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("state_hash", sa.String(length=64), nullable=False),
        sa.Column("browser_hash", sa.String(length=64), nullable=False),
        sa.Column("link_token_id", sa.Integer(), nullable=False),
        sa.Column("code_verifier", sa.String(length=128), nullable=False),
        sa.Column("nonce", sa.String(length=128), nullable=False),
        sa.Column("expires_at", db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["link_token_id"],
            ["link_tokens.id"],
            name=op.f("fk_link_logins_link_token_id_link_tokens"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_logins")),
        sa.UniqueConstraint("state_hash", name=op.f("uq_link_logins_state_hash")),
        mysql_charset="utf8mb4",
        mysql_engine="InnoDB",
    )
    with op.batch_alter_table("link_logins", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_link_logins_link_token_id"), ["link_token_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("link_logins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_link_logins_link_token_id"))

    op.drop_table("link_logins")
    with op.batch_alter_table("link_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_link_tokens_identity_id"))

    op.drop_table("link_tokens")
    with op.batch_alter_table("link_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_link_codes_user_id"))

    op.drop_table("link_codes")
    op.drop_table("local_idp_accounts")
