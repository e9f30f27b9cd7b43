"""``/mis_datos`` and ``/borrar`` at the repository level: export and delete everything about
a person. Deletion also reaches tables other modules add, through their foreign keys, and the
rows that name a chat only by its key or inside a raw payload (the inbound queue).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from urllib.parse import quote, quote_plus

from sqlalchemy import Table, delete, func, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from bot.effects import UserData
from db import handoffs, payments, refunds_owed
from db.base import load_models
from db.cases import SqlCaseStore
from db.conversations import find_identity
from db.handoff_table import HandoffRequest
from db.inbound_table import DEAD, DONE, InboundUpdate
from db.local_idp import LocalIdpAccount
from db.models import CaseRow, ChatIdentity, ConversationRow, MessageRow, ProcessedEvent, User
from db.outbound import OutboundMessage
from db.reminders import pending_for_user

ChatKeyFn = Callable[[str, str], str]

_OWN_TABLES = {"users", "chat_identities", "cases", "messages", "conversations", "processed_events"}


class SqlPrivacy:
    """``/mis_datos`` and ``/borrar`` on the caller's session (a turn's unit of work)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def export_user_data(self, *, channel: str, chat_id: str) -> UserData:
        session = self._session
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
            cases=SqlCaseStore(session).cases_for(user.id),
            message_count=count or 0,
            opted_out=identity.opted_out,
            reminders=pending_for_user(session, user.id),
            handoffs=handoffs.for_user(session, user.id),
            payments=tuple(
                (p.product, p.amount, p.currency, p.state, p.created_at.date())
                for p in payments.for_user(session, user.id)
            ),
        )

    def account_names(self, *, channel: str, chat_id: str) -> list[str]:
        """The identity provider's user names of the account this chat is linked to (none or
        one): what ``/borrar`` must delete there (Cognito's ``AdminDeleteUser`` takes the user
        name)."""
        identity = find_identity(self._session, channel, chat_id)
        if identity is None or identity.user_id is None:
            return []
        user = self._session.get_one(User, identity.user_id)
        return [user.username or user.cognito_sub]

    def delete_everything(
        self, *, channel: str, chat_id: str, chat_keys: ChatKeyFn | None = None
    ) -> None:
        """Delete this chat, and when it is linked the user with every identity, case and
        message, the local provider's account, and the chats' finished and dead-lettered queue
        rows.

        ``chat_keys`` (the queue's ``ChatKeys``) finds the queue rows by key; without it only
        dead letters whose payload names a chat are found. Queued rows (this very message, and
        what the person wrote after it) stay until the worker has handled them, then lose their
        payload.
        """
        session = self._session
        identity = find_identity(session, channel, chat_id)
        if identity is None:
            _forget_queue(session, [(channel, chat_id)], chat_keys)
            return
        user_id = identity.user_id
        identity_ids = [identity.id]
        chats = [(identity.channel, identity.external_id)]
        if user_id is not None:
            linked = session.execute(
                select(ChatIdentity.id, ChatIdentity.channel, ChatIdentity.external_id).where(
                    ChatIdentity.user_id == user_id
                )
            ).all()
            identity_ids = [row.id for row in linked] + [identity.id]
            chats += [(row.channel, row.external_id) for row in linked]
            user = session.get_one(User, user_id)
            session.execute(delete(LocalIdpAccount).where(LocalIdpAccount.sub == user.cognito_sub))
        _forget_queue(session, list(dict.fromkeys(chats)), chat_keys)
        # Money owed outlives the data: a paid review no lawyer claimed is refunded by the sweep
        # after its request is deleted below.
        mine: list[ColumnElement[bool]] = [HandoffRequest.identity_id.in_(identity_ids)]
        if user_id is not None:
            mine.append(HandoffRequest.user_id == user_id)
        requests = session.scalars(select(HandoffRequest.id).where(or_(*mine))).all()
        refunds_owed.owe_on_erasure(session, requests, now=datetime.now(UTC))
        # Rows other modules keep about these identities or this user (link tokens, inbound
        # updates, deliveries…), found through their foreign keys, so a new table is not
        # forgotten.
        for table in reversed(load_models().sorted_tables):
            if table.name not in _OWN_TABLES:
                _delete_referencing(session, table, identity_ids=identity_ids, user_id=user_id)
        session.execute(delete(ProcessedEvent).where(ProcessedEvent.identity_id.in_(identity_ids)))
        session.execute(
            delete(ConversationRow).where(ConversationRow.identity_id.in_(identity_ids))
        )
        if user_id is not None:
            session.execute(delete(MessageRow).where(MessageRow.user_id == user_id))
            session.execute(delete(CaseRow).where(CaseRow.user_id == user_id))
        session.execute(delete(ChatIdentity).where(ChatIdentity.id.in_(identity_ids)))
        if user_id is not None:
            session.execute(delete(User).where(User.id == user_id))
        session.expunge_all()


def _forget_queue(
    session: Session, chats: Sequence[tuple[str, str]], chat_keys: ChatKeyFn | None
) -> None:
    """Delete the chats' finished and dead queue rows and what we sent in answer to them."""
    finished = InboundUpdate.status.in_((DONE, DEAD))
    ids: set[int] = set()
    if chat_keys is not None:
        keys = [chat_keys(ch, chat) for ch, chat in chats]
        ids.update(
            session.scalars(
                select(InboundUpdate.id).where(InboundUpdate.chat_key.in_(keys), finished)
            )
        )
    # A dead letter the receiver could not read has no usable key, but keeps its raw payload:
    # find it by the chat id inside (the few dead letters are scanned, never the whole queue).
    for ch, chat in chats:
        if not chat:
            continue
        spellings = {chat, quote_plus(chat), quote(chat, safe="")}
        found = session.execute(
            select(InboundUpdate.id, InboundUpdate.payload).where(
                InboundUpdate.status == DEAD,
                InboundUpdate.channel == ch,
                or_(*(InboundUpdate.payload.contains(s, autoescape=True) for s in spellings)),
            )
        ).all()
        names = re.compile(
            "|".join(rf"(?<![0-9A-Za-z]){re.escape(s)}(?![0-9])" for s in sorted(spellings))
        )
        ids.update(row.id for row in found if names.search(row.payload))
    if not ids:
        return
    id_list = sorted(ids)
    session.execute(delete(OutboundMessage).where(OutboundMessage.inbound_id.in_(id_list)))
    session.execute(delete(InboundUpdate).where(InboundUpdate.id.in_(id_list)))


def _delete_referencing(
    session: Session, table: Table, *, identity_ids: list[int], user_id: int | None
) -> None:
    for fk in table.foreign_keys:
        target = fk.column.table.name
        where: ColumnElement[bool]
        if target == "chat_identities":
            where = fk.parent.in_(identity_ids)
        elif target == "users" and user_id is not None:
            where = fk.parent == user_id
        else:
            continue
        if (fk.ondelete or "").upper() == "SET NULL":
            # A row kept without its person (a payment, for tax law): only the link goes.
            session.execute(update(table).where(where).values({fk.parent.name: None}))
        else:
            session.execute(delete(table).where(where))
