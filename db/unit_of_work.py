"""The turn's unit of work on SQLAlchemy: one session, one transaction, the turn's repositories
built on it (``services.unit_of_work`` declares the shape).

``with works(now=…) as work: …; work.commit()``: leaving the block without ``commit`` rolls
everything back, the link writes included, and gives the connection back to the pool.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from types import TracebackType

from sqlalchemy.orm import Session

from db import reminders
from db.cases import SqlCaseStore
from db.conversations import SqlConversationStore, SqlLedger
from db.handoffs import SqlHandoffs
from db.identities import SqlChats
from db.links import SqlLinks
from db.privacy import SqlPrivacy

LinksFactory = Callable[..., SqlLinks]
HandoffsFactory = Callable[..., SqlHandoffs]


class SqlReminders:
    """The turn's side of reminders (schedule, cancel) on its session; the sender
    (``webhooks.reminders``) uses ``db.reminders``' functions on sessions of its own."""

    def __init__(self, session: Session, *, now: datetime) -> None:
        self._session = session
        self._now = now

    def schedule(
        self,
        *,
        user_id: int,
        identity_id: int,
        case_number: int,
        deadline: date,
        remind_on: Iterable[date],
        what: str,
        today: date,
    ) -> int:
        return reminders.schedule(
            self._session,
            user_id=user_id,
            identity_id=identity_id,
            case_number=case_number,
            deadline=deadline,
            remind_on=remind_on,
            what=what,
            today=today,
            now=self._now,
        )

    def cancel(
        self, *, user_id: int | None, identity_id: int | None, case_number: int | None
    ) -> int:
        """Cancelled in the chat (``/cerrar``, ``BAJA``); see ``db.reminders.cancel``."""
        return reminders.cancel(
            self._session,
            user_id=user_id,
            identity_id=identity_id,
            case_number=case_number,
            reason="cancelled_in_chat",
            now=self._now,
        )


class SqlTurnWork:
    """One attempt of one turn: the repositories share one session and one transaction."""

    conversations: SqlConversationStore
    ledger: SqlLedger
    cases: SqlCaseStore
    links: SqlLinks
    chats: SqlChats
    privacy: SqlPrivacy
    reminders: SqlReminders
    handoffs: SqlHandoffs

    def __init__(
        self,
        sessions: Callable[[], Session],
        *,
        now: datetime,
        public_url: str | None,
        links: LinksFactory = SqlLinks,
        handoffs: HandoffsFactory = SqlHandoffs,
    ) -> None:
        self._sessions = sessions
        self._now = now
        self._public_url = public_url
        self._links = links
        self._handoffs = handoffs
        self._session: Session | None = None

    def __enter__(self) -> SqlTurnWork:
        session = self._session = self._sessions()
        session.begin()
        now = self._now
        self.cases = SqlCaseStore(session)
        self.conversations = SqlConversationStore(session, now=now, cases=self.cases)
        self.ledger = SqlLedger(session, now=now)
        self.links = self._links(session, now=now, public_url=self._public_url)
        self.chats = SqlChats(session, now=now)
        self.privacy = SqlPrivacy(session)
        self.reminders = SqlReminders(session, now=now)
        self.handoffs = self._handoffs(session, now=now)
        self.conversations.handoffs = self.handoffs
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Close the session: what was not committed is rolled back, the connection returns."""
        if self._session is not None:
            self._session.close()
            self._session = None

    def commit(self) -> None:
        if self._session is None:
            raise RuntimeError("commit outside the unit of work's with block")
        self._session.commit()


class SqlTurnWorks:
    """``services.unit_of_work.TurnWorks`` on a session factory: one ``SqlTurnWork`` per
    attempt. ``public_url``: where login links point (None: linking is not configured);
    ``links``: the link repository's class (tests give one that accepts a fixed code);
    ``handoffs``: the requests' repository class (tests give one that crashes)."""

    def __init__(
        self,
        sessions: Callable[[], Session],
        *,
        public_url: str | None = None,
        links: LinksFactory = SqlLinks,
        handoffs: HandoffsFactory = SqlHandoffs,
    ) -> None:
        self.sessions = sessions
        self._public_url = public_url
        self._links = links
        self._handoffs = handoffs

    def __call__(self, *, now: datetime) -> SqlTurnWork:
        return SqlTurnWork(
            self.sessions,
            now=now,
            public_url=self._public_url,
            links=self._links,
            handoffs=self._handoffs,
        )
