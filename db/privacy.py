"""``/mis_datos`` and ``/borrar`` at the repository level: export and delete everything about
a person. Deletion also reaches tables other modules add, through their foreign keys.
"""

from __future__ import annotations

from sqlalchemy import Table, delete, func, select
from sqlalchemy.orm import Session

from bot.effects import UserData
from db.base import load_models
from db.cases import cases_for
from db.conversations import find_identity
from db.models import CaseRow, ChatIdentity, ConversationRow, MessageRow, ProcessedEvent, User
from db.reminders import pending_for_user

_OWN_TABLES = {"users", "chat_identities", "cases", "messages", "conversations", "processed_events"}


def export_user_data(session: Session, *, channel: str, chat_id: str) -> UserData:
    identity = find_identity(session, channel, chat_id)
    if identity is None:
        return UserData((), None, None, (), 0, False)
    if identity.user_id is None:
        return UserData((identity.channel,), None, None, (), 0, identity.opted_out)
    user = session.get_one(User, identity.user_id)
    channels = session.scalars(
        select(ChatIdentity.channel)
        .where(ChatIdentity.user_id == user.id)
        .order_by(ChatIdentity.id)
    ).all()
    count = session.scalar(
        select(func.count()).select_from(MessageRow).where(MessageRow.user_id == user.id)
    )
    return UserData(
        identities=tuple(dict.fromkeys(channels)),
        email=user.email,
        username=user.username,
        cases=cases_for(session, user.id),
        message_count=count or 0,
        opted_out=identity.opted_out,
        reminders=pending_for_user(session, user.id),
    )


def delete_everything(session: Session, *, channel: str, chat_id: str) -> None:
    """Delete this chat, and when it is linked the user with every identity, case and message."""
    identity = find_identity(session, channel, chat_id)
    if identity is None:
        return
    user_id = identity.user_id
    identity_ids = [identity.id]
    if user_id is not None:
        identity_ids = list(
            session.scalars(select(ChatIdentity.id).where(ChatIdentity.user_id == user_id))
        )
        identity_ids.append(identity.id)
    # Rows other modules keep about these identities or this user (link tokens, inbound
    # updates, deliveries…), found through their foreign keys, so a new table is not forgotten.
    for table in reversed(load_models().sorted_tables):
        if table.name not in _OWN_TABLES:
            _delete_referencing(session, table, identity_ids=identity_ids, user_id=user_id)
    session.execute(delete(ProcessedEvent).where(ProcessedEvent.identity_id.in_(identity_ids)))
    session.execute(delete(ConversationRow).where(ConversationRow.identity_id.in_(identity_ids)))
    if user_id is not None:
        session.execute(delete(MessageRow).where(MessageRow.user_id == user_id))
        session.execute(delete(CaseRow).where(CaseRow.user_id == user_id))
    session.execute(delete(ChatIdentity).where(ChatIdentity.id.in_(identity_ids)))
    if user_id is not None:
        session.execute(delete(User).where(User.id == user_id))
    session.expunge_all()


def _delete_referencing(
    session: Session, table: Table, *, identity_ids: list[int], user_id: int | None
) -> None:
    for fk in table.foreign_keys:
        target = fk.column.table.name
        if target == "chat_identities":
            session.execute(delete(table).where(fk.parent.in_(identity_ids)))
        elif target == "users" and user_id is not None:
            session.execute(delete(table).where(fk.parent == user_id))
