"""A lawyer's review through real turns (``TurnRunner`` + ``SqlTurnWorks``) on SQLite and
MariaDB: consent and one package, a crash between consent and package, forwarding once, the
lawyer's close and the rating, a paid review committed before its payment, /mis_datos, /borrar."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot import handoff_wording as words
from bot.messages import Inbound
from db import handoffs, lawyer_inbox, payments
from db.handoff_table import HandoffMessage, HandoffRequest
from db.handoffs import SqlHandoffs
from db.identities import ensure_linked_user
from db.notice_table import NoticeRow
from db.payment_table import PaymentRow
from db.unit_of_work import SqlTurnWork, SqlTurnWorks
from services.handoff_effects import HandoffEffects, ReviewTerms
from services.payment_effects import PaymentEffects
from services.settings import Product
from services.turns import TurnRunner
from tests.db.databases import row_count
from tests.services.fakes import PUBLIC_URL, FakeAnswerer, FakeLinks, FixedClock

_ids = itertools.count(1)
NOW = FixedClock().now()
FREE = ReviewTerms("free")
LAWYER = lawyer_inbox.Lawyer(sub="lawyer-1", actor="ana@example.mx")


class Crash(Exception):
    """A process dying mid-turn."""


class CrashingHandoffs(SqlHandoffs):
    """The real repository; ``open`` dies once right after writing the request (before the
    turn's commit), like a process killed between consent and the end of the turn."""

    crashes = 0

    def open(self, **kw: Any) -> Any:
        found = super().open(**kw)
        if CrashingHandoffs.crashes:
            CrashingHandoffs.crashes -= 1
            raise Crash("killed after the package was written")
        return found


class CrashingCommitWork(SqlTurnWork):
    crashes = 0

    def commit(self) -> None:
        if CrashingCommitWork.crashes:
            CrashingCommitWork.crashes -= 1
            raise Crash("killed before the turn's commit")
        super().commit()


class CrashingCommitWorks(SqlTurnWorks):
    def __call__(self, *, now: datetime) -> SqlTurnWork:
        return CrashingCommitWork(self.sessions, now=now, public_url=PUBLIC_URL, links=FakeLinks)


def _msg(body: str, chat: str = "700") -> Inbound:
    return Inbound.from_text(
        channel="telegram",
        chat_id=chat,
        message_id=f"h{next(_ids)}",
        text=body,
        received_at=datetime(2026, 11, 26, 17, 59, tzinfo=UTC),
    )


def _runner(
    sessions: sessionmaker[Session],
    *,
    terms: ReviewTerms = FREE,
    works: SqlTurnWorks | None = None,
    payments_step: PaymentEffects | None = None,
) -> TurnRunner:
    return TurnRunner(
        answerer=FakeAnswerer(),
        clock=FixedClock(),
        work=works or SqlTurnWorks(sessions, public_url=PUBLIC_URL, links=FakeLinks),
        sleep=lambda _: None,
        handoffs=HandoffEffects(sessions=sessions, terms=terms),
        payments=payments_step,
    )


def _say(runner: TurnRunner, body: str, chat: str = "700") -> str:
    return "\n".join(r.as_text() for r in runner.handle(_msg(body, chat)).replies)


def _ready(runner: TurnRunner, sessions: sessionmaker[Session], chat: str = "700") -> None:
    """A linked chat with case 1 and one question answered (Art. 47 and 48 cited)."""
    with sessions() as session, session.begin():
        ensure_linked_user(
            session, channel="telegram", chat_id=chat, sub=f"s{chat}", username=chat, now=NOW
        )
    _say(runner, "hola", chat)
    _say(runner, "/cancelar", chat)
    _say(runner, "¿me pueden correr sin carta?", chat)


def _requests(sessions: sessionmaker[Session]) -> list[HandoffRequest]:
    with sessions() as session:
        return list(session.scalars(select(HandoffRequest).order_by(HandoffRequest.id)))


def test_free_review_from_offer_to_rating(sessions: sessionmaker[Session]) -> None:
    runner = _runner(sessions)
    _ready(runner, sessions)
    assert "Ayuda gratuita" in _say(runner, "/abogado")
    preview = _say(runner, "1")
    assert "«¿me pueden correr sin carta?»" in preview
    assert "Artículos citados: 47, 48" in preview
    assert row_count(sessions, HandoffRequest) == 0  # nothing is stored before consent
    assert "envié tu caso" in _say(runner, "sí")
    (request,) = _requests(sessions)
    assert request.status == "open"
    assert words.RECIPIENT in request.consent_text
    assert request.consented_at == NOW
    assert request.package["messages"] == ["¿me pueden correr sin carta?"]
    assert request.package["articles"] == ["47", "48"]
    assert request.case_id is not None

    assert "Se lo pasé a tu abogado" in _say(runner, "no me dieron carta")
    assert _say(runner, "y tampoco mi finiquito") == ""
    with sessions() as session:
        said = session.scalars(select(HandoffMessage.text).order_by(HandoffMessage.id)).all()
        assert said == ["no me dieron carta", "y tampoco mi finiquito"]
        assert session.get_one(HandoffRequest, request.id).notified_forwarding

    with sessions() as session, session.begin():
        assert lawyer_inbox.claim(session, LAWYER, request.id, now=NOW)
        assert lawyer_inbox.close(session, LAWYER, request.id, "Ve a conciliación.", now=NOW)
    assert "Gracias por calificar" in _say(runner, "4")  # the close notice asked already
    assert "Gracias por calificar" not in _say(runner, "5")
    with sessions() as session:
        stored = session.get_one(HandoffRequest, request.id)
        assert (stored.rating, stored.rated_at) == (4, NOW)
    mine = _say(runner, "/mis_datos")
    assert "Solicitud a un abogado (cerrada)" in mine
    assert "calificación 4 de 5" in mine
    assert "lawyer-1" not in mine


def test_a_crash_between_consent_and_the_package_leaves_exactly_one(
    sessions: sessionmaker[Session],
) -> None:
    works = SqlTurnWorks(
        sessions, public_url=PUBLIC_URL, links=FakeLinks, handoffs=CrashingHandoffs
    )
    runner = _runner(sessions, works=works)
    _ready(runner, sessions)
    _say(runner, "/abogado")
    _say(runner, "1")
    consent = _msg("sí")
    CrashingHandoffs.crashes = 1
    with pytest.raises(Crash):
        runner.handle(consent)
    assert row_count(sessions, HandoffRequest) == 0  # the crashed turn kept nothing
    first = runner.handle(consent)  # the queue hands the same message over again
    assert "envié tu caso" in first.replies[0].text
    again = runner.handle(consent)
    assert again.duplicate
    assert again.replies == first.replies
    assert row_count(sessions, HandoffRequest) == 1


class FakeInvoiceLinks:
    """Telegram's ``createInvoiceLink`` played locally: a link naming the payload."""

    def create(
        self, *, title: str, description: str, payload: str, stars: int, monthly: bool
    ) -> str:
        return f"https://t.me/$invoice-{payload}"


def test_a_paid_review_is_stored_before_its_payment_once_even_after_a_crash(
    sessions: sessionmaker[Session],
) -> None:
    product = Product(code="revision", title="Revisión de tu caso", price_mxn=199, stars=150)
    payments_step = PaymentEffects(
        sessions=sessions,
        products=[product],
        review_product="revision",
        now=FixedClock().now,
        invoices=FakeInvoiceLinks(),
    )
    works = CrashingCommitWorks(sessions, public_url=PUBLIC_URL, links=FakeLinks)
    terms = ReviewTerms("paid", {"telegram": "150 ⭐"})
    runner = _runner(sessions, terms=terms, works=works, payments_step=payments_step)
    _ready(runner, sessions)
    assert "(150 ⭐)" in _say(runner, "/abogado")
    _say(runner, "1")
    consent = _msg("sí")
    CrashingCommitWork.crashes = 1
    with pytest.raises(Crash):
        runner.handle(consent)
    # The request was committed on its own, before the payment step: it waits for payment.
    assert [r.status for r in _requests(sessions)] == ["awaiting_payment"]
    replies = "\n".join(r.text for r in runner.handle(consent).replies)
    assert "se confirme tu pago" in replies
    assert "https://t.me/$invoice-" in replies
    (request,) = _requests(sessions)  # the retried turn found it: still one package
    with sessions() as session:
        refs = session.execute(select(PaymentRow.provider_ref, PaymentRow.handoff_id)).all()
    assert {handoff for _, handoff in refs} == {request.id}  # every payment names it
    assert "espera tu pago" in _say(runner, "¿ya quedó?")
    with sessions() as session, session.begin():
        assert payments.advance(
            session, provider="stars", provider_ref=refs[-1][0], to="paid", now=NOW
        )
        assert not handoffs.mark_paid(session, request_id=request.id, payment_id=9, now=NOW)
    (paid,) = _requests(sessions)
    assert (paid.status, paid.paid) == ("open", True)
    with sessions() as session:
        assert session.scalars(select(NoticeRow.kind)).all() == ["payment_paid"]
    assert "Se lo pasé a tu abogado" in _say(runner, "ya pagué")


def test_cancelar_ends_the_request_and_tells_the_lawyer(sessions: sessionmaker[Session]) -> None:
    runner = _runner(sessions)
    _ready(runner, sessions)
    _say(runner, "/abogado")
    _say(runner, "1")
    _say(runner, "sí")
    assert "Cancelé tu solicitud" in _say(runner, "/cancelar")
    (request,) = _requests(sessions)
    assert request.status == "cancelled"
    with sessions() as session:
        (message,) = session.scalars(select(HandoffMessage)).all()
        assert (message.author, message.text) == ("system", words.SYSTEM_CANCELLED)
    _say(runner, "¿y mi aguinaldo?")
    assert row_count(sessions, HandoffMessage) == 1  # no longer forwarded


def test_borrar_deletes_the_requests_and_their_messages(sessions: sessionmaker[Session]) -> None:
    runner = _runner(sessions)
    _ready(runner, sessions)
    _say(runner, "/abogado")
    _say(runner, "1")
    _say(runner, "sí")
    _say(runner, "no me pagaron")
    assert row_count(sessions, HandoffMessage) == 1
    _say(runner, "/borrar")
    _say(runner, "sí")
    assert row_count(sessions, HandoffRequest) == 0
    assert row_count(sessions, HandoffMessage) == 0


def test_without_review_terms_only_the_free_route_is_offered(
    sessions: sessionmaker[Session],
) -> None:
    runner = _runner(sessions, terms=ReviewTerms())
    _ready(runner, sessions)
    said = _say(runner, "/abogado")
    assert "800 911 7877" in said
    assert "revise tu caso" not in said
    assert "revise tu caso" not in _say(
        _runner(sessions, terms=ReviewTerms("paid", {"whatsapp": "$199 MXN"})), "/abogado"
    )  # a paid review with no price on Telegram is not offered there
