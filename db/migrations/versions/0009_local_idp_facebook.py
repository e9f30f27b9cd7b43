"""the local provider's simulated Facebook identity: one linked Facebook user id per account

Revision ID: 0009_local_idp_facebook
Revises: 0008_admin_sessions
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_local_idp_facebook"
down_revision: str | Sequence[str] | None = "0008_admin_sessions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("local_idp_accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("facebook_id", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_local_idp_accounts_facebook_id"), ["facebook_id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("local_idp_accounts", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_local_idp_accounts_facebook_id"), type_="unique")
        batch_op.drop_column("facebook_id")
