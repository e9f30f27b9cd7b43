"""issue 17's lawyers: the session's groups (admins, abogados), the local provider's abogados
group, and when a notice's WhatsApp template went out (its text waits for the window)

Revision ID: 0012_lawyers
Revises: 0011_handoffs_payments
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0012_lawyers"
down_revision: str | Sequence[str] | None = "0011_handoffs_payments"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("admin_sessions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("groups", sa.String(length=255), nullable=False, server_default="")
        )
    with op.batch_alter_table("local_idp_accounts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_lawyer", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("template_sent_at", db.base.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_column("template_sent_at")
    with op.batch_alter_table("local_idp_accounts", schema=None) as batch_op:
        batch_op.drop_column("is_lawyer")
    with op.batch_alter_table("admin_sessions", schema=None) as batch_op:
        batch_op.drop_column("groups")
