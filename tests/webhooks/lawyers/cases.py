"""Seeds handoff requests (a worker, their chat, the consent and the package) straight into a
migrated database, as ``db.handoffs`` would leave them after the worker's consent."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from bot.handoff_package import HandoffPackage
from db.handoff_table import HandoffRequest
from db.models import ChatIdentity, User

NOW = datetime(2026, 5, 4, 15, 0, tzinfo=UTC)
PACKAGE: dict[str, Any] = HandoffPackage(
    case_number=1,
    fields=(("tema", "despido"), ("salario", "$9,000 al mes"), ("inicio", "1 de marzo de 2023")),
    messages=("me corrieron sin darme ninguna carta", "entré hace 3 años"),
    articles=("47", "48"),
    figures=("Tu liquidación sería de unos $60,736.57.",),
    deadline="3 de febrero de 2027",
).as_json()
_numbers = itertools.count(1)


def add_request(
    sessions: sessionmaker[Session],
    *,
    channel: str = "telegram",
    chat_id: str | None = None,
    status: str = "open",
    lawyer_sub: str | None = None,
    paid: bool = False,
    payment_id: int | None = None,
    created_at: datetime = NOW,
    last_inbound_at: datetime | None = NOW,
    package: dict[str, Any] | None = None,
) -> int:
    """One worker with one chat and one request; returns the request id."""
    n = next(_numbers)
    if chat_id is None:
        chat_id = str(5000 + n) if channel == "telegram" else f"+5215511{n:06d}"
    with sessions.begin() as session:
        user = User(cognito_sub=f"worker-{n}", username=f"w{n}", role="user", created_at=NOW)
        session.add(user)
        session.flush()
        identity = ChatIdentity(
            channel=channel,
            external_id=chat_id,
            user_id=user.id,
            linked_at=NOW,
            opted_out=False,
            blocked=False,
            last_inbound_at=last_inbound_at,
            anonymous_questions_used=0,
            created_at=NOW - timedelta(days=3),
        )
        session.add(identity)
        session.flush()
        row = HandoffRequest(
            user_id=user.id,
            identity_id=identity.id,
            case_id=None,
            status=status,
            paid=paid,
            payment_id=payment_id,
            lawyer_sub=lawyer_sub,
            consent_text="Acepto compartir mi caso con un abogado.",
            consented_at=created_at,
            package=dict(package or PACKAGE),
            created_at=created_at,
            updated_at=created_at,
            claimed_at=created_at if lawyer_sub else None,
            notified_forwarding=False,
        )
        session.add(row)
        session.flush()
        return row.id
