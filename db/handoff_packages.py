"""The case package a lawyer would receive, as it would be sent now: read from the case's form,
the worker's own messages and the articles the bot cited. Reads only; ``db.handoffs`` freezes
it at consent."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.conversation import Case
from bot.handoff_package import HandoffPackage, build
from db.models import CaseRow, MessageRow

# How many of the case's messages are read to keep the worker's last ones.
_SCAN = 200


def case_id_of(session: Session, user_id: int, number: int | None) -> int | None:
    """The row id of the user's case ``number`` (None without a number or such a case)."""
    if number is None:
        return None
    return session.scalar(
        select(CaseRow.id).where(CaseRow.user_id == user_id, CaseRow.number == number)
    )


def package(session: Session, *, user_id: int, case: Case | None, today: date) -> HandoffPackage:
    """The package as it would be sent now: the case's answers and figures, the worker's own
    messages of that case (or of no case), and the articles the bot's answers cited."""
    case_id = case_id_of(session, user_id, case.number if case else None)
    where = MessageRow.case_id == case_id if case_id is not None else MessageRow.case_id.is_(None)
    rows = session.execute(
        select(MessageRow.role, MessageRow.text, MessageRow.cited_articles)
        .where(MessageRow.user_id == user_id, where)
        .order_by(MessageRow.id.desc())
        .limit(_SCAN)
    ).all()
    rows = list(reversed(rows))
    mine = [text for role, text, _ in rows if role == "user"]
    cited = [str(a) for role, _, arts in rows if role == "assistant" for a in arts or ()]
    return build(case, today=today, messages=mine, articles=cited)
