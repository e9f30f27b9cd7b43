"""``db.handoffs``, the worker's side of a request for a lawyer, on SQLite and MariaDB: what the
conversation loads, consent once per chat, the package, forwarding, rating once, the payment's
outcome and its notices."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.conversation import Case, HandoffView
from bot.handoff_package import HandoffPackage
from db import handoffs
from db.cases import SqlCaseStore
from db.conversations import find_identity
from db.handoff_table import HandoffMessage, HandoffRequest
from db.identities import ensure_linked_user
from db.notice_table import NoticeRow

NOW = datetime(2026, 11, 26, 18, 0, tzinfo=UTC)
TODAY = date(2026, 11, 26)
CASE = Case(1, TODAY, {"tema": "despido"})


def _chat(session: Session, chat: str = "1") -> tuple[int, int]:
    user_id = ensure_linked_user(
        session, channel="telegram", chat_id=chat, sub=f"s{chat}", username=chat, now=NOW
    )
    identity = find_identity(session, "telegram", chat)
    assert identity is not None
    cases = SqlCaseStore(session)
    cases.save_case(user_id=user_id, case=CASE, now=NOW)
    session.flush()
    cases.add_message(
        user_id=user_id, case_number=1, role="user", text="me corrieron", articles=(), now=NOW
    )
    cases.add_message(
        user_id=user_id, case_number=1, role="assistant", text="Art. 47", articles=("47",), now=NOW
    )
    cases.add_message(
        user_id=user_id, case_number=None, role="user", text="otra cosa", articles=(), now=NOW
    )
    session.flush()
    return user_id, identity.id


def _open(
    session: Session, user_id: int, identity_id: int, *, paid: bool = False, digest: str = ""
) -> tuple[HandoffView | HandoffPackage, bool]:
    package = handoffs.package(session, user_id=user_id, case=CASE, today=TODAY)
    return handoffs.open_request(
        session,
        user_id=user_id,
        identity_id=identity_id,
        case=CASE,
        consent_text="¿Aceptas…? Respuesta: «sí»",
        digest=digest or package.digest,
        paid=paid,
        today=TODAY,
        now=NOW,
    )


def test_package_has_the_case_messages_only_and_the_cited_articles(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session, session.begin():
        user_id, _ = _chat(session)
        package = handoffs.package(session, user_id=user_id, case=CASE, today=TODAY)
        loose = handoffs.package(session, user_id=user_id, case=None, today=TODAY)
    assert package.messages == ("me corrieron",)
    assert package.articles == ("47",)
    assert ("tema", "despido") in package.fields
    assert loose.messages == ("otra cosa",)


def test_consent_opens_one_request_per_chat_and_a_changed_package_is_not_sent(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session, session.begin():
        user_id, identity_id = _chat(session)
        stale, existed = _open(session, user_id, identity_id, digest="not-this-one")
        assert isinstance(stale, HandoffPackage)
        assert not existed
        first, existed = _open(session, user_id, identity_id)
        assert isinstance(first, HandoffView)
        assert first.status == "open"
        assert not existed
        again, existed = _open(session, user_id, identity_id)
        assert again == first
        assert not existed  # the same package: a retried turn, said the same way
        other, existed = _open(session, user_id, identity_id, digest="another")
        assert other == first
        assert existed
        assert session.query(HandoffRequest).count() == 1


def test_view_for_active_then_closed_unrated_within_two_weeks(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session, session.begin():
        user_id, identity_id = _chat(session)
        assert handoffs.view_for(session, identity_id, now=NOW) is None
        view, _ = _open(session, user_id, identity_id)
        assert isinstance(view, HandoffView)
        session.execute(
            update(HandoffRequest).values(status="closed", closed_at=NOW - timedelta(days=1))
        )
        closed = handoffs.view_for(session, identity_id, now=NOW)
        assert closed is not None
        assert closed.awaiting_rating
        assert handoffs.view_for(session, identity_id, now=NOW + timedelta(days=15)) is None
        assert handoffs.rate(
            session, request_id=view.id, identity_id=identity_id, rating=5, now=NOW
        )
        assert not handoffs.rate(
            session, request_id=view.id, identity_id=identity_id, rating=1, now=NOW
        )
        assert handoffs.view_for(session, identity_id, now=NOW) is None
        assert handoffs.for_user(session, user_id) == (("closed", TODAY, TODAY - timedelta(1), 5),)


def test_forward_only_while_open_and_only_for_the_chat_that_asked(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session, session.begin():
        user_id, identity_id = _chat(session)
        _, other = _chat(session, "2")
        view, _ = _open(session, user_id, identity_id)
        assert isinstance(view, HandoffView)
        kw = {"request_id": view.id, "text": "hola", "first": True, "now": NOW}
        assert not handoffs.forward(session, identity_id=other, **kw)  # type: ignore[arg-type]
        assert handoffs.forward(session, identity_id=identity_id, **kw)  # type: ignore[arg-type]
        assert not handoffs.rate(
            session, request_id=view.id, identity_id=identity_id, rating=3, now=NOW
        )  # not closed yet
        assert handoffs.cancel(session, request_id=view.id, identity_id=identity_id, now=NOW)
        assert not handoffs.forward(session, identity_id=identity_id, **kw)  # type: ignore[arg-type]
        authors = session.scalars(select(HandoffMessage.author).order_by(HandoffMessage.id)).all()
        assert authors == ["worker", "system"]


def test_the_payments_outcome_opens_or_cancels_once_with_one_notice(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session, session.begin():
        user_id, identity_id = _chat(session)
        _, other = _chat(session, "2")
        paid, _ = _open(session, user_id, identity_id, paid=True)
        failing, _ = _open(session, user_id, other, paid=True)
        assert isinstance(paid, HandoffView)
        assert isinstance(failing, HandoffView)
        assert paid.status == "awaiting_payment"
        assert handoffs.mark_paid(session, request_id=paid.id, payment_id=3, now=NOW)
        assert not handoffs.mark_paid(session, request_id=paid.id, payment_id=3, now=NOW)
        assert not handoffs.cancel_unpaid(session, request_id=paid.id, now=NOW)  # already open
        assert handoffs.cancel_unpaid(session, request_id=failing.id, now=NOW)
        assert not handoffs.cancel_unpaid(session, request_id=failing.id, now=NOW)
        assert not handoffs.mark_paid(session, request_id=failing.id, payment_id=4, now=NOW)
        statuses = dict(session.execute(select(HandoffRequest.id, HandoffRequest.status)).all())
        assert statuses == {paid.id: "open", failing.id: "cancelled"}
        notices = session.execute(select(NoticeRow.identity_id, NoticeRow.kind)).all()
        assert sorted(notices) == sorted([(identity_id, "payment_paid"), (other, "payment_failed")])
