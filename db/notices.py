"""Writing a notice for a worker, in the caller's transaction (``db.notice_table`` has the row).

Whatever causes the notice (a lawyer's reply, a verified payment) commits with it, so a notice
exists exactly when its cause does; the courier delivers it later.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from db.notice_table import NoticeRow

# A notice longer than this is cut: Telegram's limit is 4,096 characters, WhatsApp's 1,600.
MAX_NOTICE_CHARS = 1500


def enqueue(
    session: Session,
    *,
    identity_id: int,
    kind: str,
    text: str,
    now: datetime,
    whatsapp_template: str | None = None,
) -> int:
    """Add a pending notice for the chat ``identity_id``; its id (flushed, not committed)."""
    if not text.strip():
        raise ValueError("a notice needs text")
    row = NoticeRow(
        identity_id=identity_id,
        kind=kind,
        text=text[:MAX_NOTICE_CHARS],
        whatsapp_template=whatsapp_template,
        status="pending",
        attempts=0,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row.id
