"""refunds owed: when a refund was asked of the provider (an OXXO refund waits for the
customer's bank details: the sweep must not ask again) and when one became owed without its
handoff request (/borrar deleted the request of a paid review nobody claimed); and a plan
period's Stripe invoice, whose PaymentIntent (what a refund needs) comes in invoice_payment.paid

Revision ID: 0013_refunds_owed
Revises: 0012_lawyers
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0013_refunds_owed"
down_revision: str | Sequence[str] | None = "0012_lawyers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("refund_requested_at", db.base.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("refund_owed_at", db.base.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("invoice_ref", sa.String(length=255), nullable=True))
        batch_op.create_index(batch_op.f("ix_payments_invoice_ref"), ["invoice_ref"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payments_invoice_ref"))
        batch_op.drop_column("invoice_ref")
        batch_op.drop_column("refund_owed_at")
        batch_op.drop_column("refund_requested_at")
