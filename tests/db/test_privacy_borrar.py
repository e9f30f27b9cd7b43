"""/borrar leaves nothing of the worker: their words, number, account and login link are
written through every path (messages, a case, queue rows, dead letters of the receiver and of
the worker, a broadcast delivery, a reminder, a login link, stored replies, the local
provider's account), then every column of every table is searched, on SQLite and MariaDB."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlencode

import boto3
from botocore.stub import Stubber
from sqlalchemy import Engine, MetaData, select
from sqlalchemy.orm import Session, sessionmaker

from bot.messages import Inbound
from bot.ports import AnswerResult
from db import broadcasts, deliveries, reminders
from db.broadcasts import DeliveryRow
from db.engine import make_engine, make_sessionmaker
from db.identities import ensure_linked_user
from db.inbound import SqlInbox
from db.inbound_table import ChatKeys
from db.links import hash_secret
from db.local_idp import SqlLocalUserStore
from db.models import CaseRow, ChatIdentity, User
from db.outbound import SqlOutbound
from db.unit_of_work import SqlTurnWorks
from services.turns import TurnRunner
from webhooks.auth.accounts import CognitoAccountDeleter

PHONE = "+5215587654321"
TELEGRAM_CHAT = "987654321"
NAME, PLACE = "Quintanilla", "Xochimilco"
STORY = (
    f"ayer me corrió el señor {NAME} de la bodega de {PLACE}, entré hace como 3 años y "
    "ganaba 9 mil al mes"
)
SUB, USERNAME, EMAIL = "sub-5f0e-quintanilla", "quintanilla-user", "quinta@example.mx"
POOL = "us-east-1_Privacy"
NOW = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)
_sids = itertools.count(1)


class FixedClock:
    def now(self) -> datetime:
        return NOW

    def today(self) -> date:
        return NOW.date()


class EchoAnswerer:
    """Answers by repeating the question, so the worker's words reach every stored reply."""

    def answer(
        self,
        question: str,
        *,
        context: Mapping[str, str],
        history: Sequence[tuple[str, str]],
        facts: Sequence[str] = (),
        detail: bool = False,
    ) -> AnswerResult:
        return AnswerResult(f"Sobre «{question}»: mira el Art. 48.", ("48",))


class Worker:
    """The local worker's path without the network: queue row → turn → sent → done."""

    def __init__(self, sessions: sessionmaker[Session], runner: TurnRunner, inbox: SqlInbox):
        self.sessions, self.runner, self.inbox = sessions, runner, inbox
        self.outbound = SqlOutbound(sessions)

    def whatsapp(self, text: str) -> str:
        sid = f"SM{next(_sids):032d}"
        form = {"MessageSid": sid, "From": f"whatsapp:{PHONE}", "Body": text}
        row = self.inbox.record(
            channel="whatsapp",
            platform_id=sid,
            chat=PHONE,
            content_type="form",
            payload=urlencode(form),
            now=NOW,
        )
        assert self.inbox.take(row.id, now=NOW, lease=timedelta(minutes=5)) is not None
        inbound = Inbound.from_text(
            channel="whatsapp", chat_id=PHONE, message_id=sid, text=text, received_at=NOW
        )
        replies = self.runner.handle(inbound).replies
        self.outbound.record_sent(
            channel="whatsapp", provider_ids=(f"SMout{sid[2:]}",), inbound_id=row.id, now=NOW
        )
        self.inbox.done(row.id, now=NOW)
        return "\n".join(r.as_text() for r in replies)


def _rows_mentioning(engine: Engine, needles: Sequence[str]) -> list[str]:
    """Every (table, column, needle) where a needle appears, over the reflected schema."""
    meta = MetaData()
    meta.reflect(engine)
    hits: list[str] = []
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            for row in conn.execute(select(table)).mappings():
                for column, value in row.items():
                    if value is None:
                        continue
                    shown = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
                    for needle in needles:
                        if needle.lower() in str(shown).lower():
                            hits.append(f"{table.name}.{column}: {needle}")
    return sorted(set(hits))


def test_borrar_leaves_nothing_of_the_worker_in_any_column(db_url: str) -> None:
    engine = make_engine(db_url)
    sessions = make_sessionmaker(engine)
    keys = ChatKeys(b"privacy-test-secret-0123456789")
    inbox = SqlInbox(sessions, chat_keys=keys)
    cognito = boto3.client(
        "cognito-idp", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    stub = Stubber(cognito)
    stub.add_response("admin_delete_user", {}, {"UserPoolId": POOL, "Username": USERNAME})
    runner = TurnRunner(
        work=SqlTurnWorks(sessions, public_url="https://abogado.example.mx"),
        answerer=EchoAnswerer(),
        clock=FixedClock(),
        sleep=lambda _: None,
        chat_keys=keys,
        accounts=CognitoAccountDeleter(client=cognito, user_pool_id=POOL),
    )
    worker = Worker(sessions, runner, inbox)

    # First contact: a login link (its token must never be stored).
    first = worker.whatsapp(STORY)
    token = re.search(r"/link/([A-Za-z0-9_-]+)", first)
    assert token is not None, first
    # The login, as the callback and the local provider record it; a Telegram chat too.
    with sessions.begin() as session:
        for channel, chat in (("whatsapp", PHONE), ("telegram", TELEGRAM_CHAT)):
            ensure_linked_user(
                session, channel=channel, chat_id=chat, sub=SUB, username=USERNAME, now=NOW
            )
        session.scalars(select(User)).one().email = EMAIL
    SqlLocalUserStore(sessions=sessions, now=lambda: NOW).add(
        sub=SUB, email=EMAIL, password_hash="$argon2id$v=19$stand-in"
    )
    # The story again, now linked: a case, messages and stored replies with the words.
    assert "caso 1" in worker.whatsapp("/nuevo")
    assert "recuerde" in worker.whatsapp(STORY)
    worker.whatsapp(f"¿me tienen que pagar algo si {NAME} no me dio carta?")
    # Dead letters: one the receiver could not read (no chat key, the raw update kept) and
    # one the worker gave up on (keyed by the chat), on both of the person's channels.
    telegram_body = f'{{"update_id":77,"message":{{"chat":{{"id":{TELEGRAM_CHAT}}},"text":"{STORY}"'
    inbox.record(
        channel="telegram",
        platform_id="77",
        chat="",
        content_type="json",
        payload=telegram_body,
        now=NOW,
        dead_reason="unparseable update",
    )
    form = urlencode({"MessageSid": "SMdead", "From": f"whatsapp:{PHONE}", "Body": STORY})
    dead = inbox.record(
        channel="whatsapp", platform_id="SMdead", chat=PHONE, content_type="form",
        payload=form, now=NOW,
    )  # fmt: skip
    assert inbox.take(dead.id, now=NOW, lease=timedelta(minutes=5)) is not None
    inbox.dead(dead.id, reason="gave up: send: 21211", now=NOW)
    # A broadcast delivery that failed with Twilio's words (which name the number), and a
    # deadline reminder for the case.
    with sessions.begin() as session:
        broadcast = broadcasts.create_broadcast(
            session,
            text="Aviso: cambió la ley",
            audience=broadcasts.Audience(),
            created_by="admin@example.mx",
            now=NOW,
        )
        broadcasts.start(session, broadcast, now=NOW)
        delivery_ids = session.scalars(select(DeliveryRow.id)).all()
        assert len(delivery_ids) == 2
        for delivery_id in delivery_ids:
            assert deliveries.claim(session, delivery_id, owner="s1", now=NOW) is not None
            deliveries.mark(
                session,
                delivery_id,
                owner="s1",
                status="failed",
                now=NOW,
                reason=f"21211: The 'To' number whatsapp:{PHONE} is not a valid phone number",
                provider_id="SMdelivery1",
            )
        user_id = session.scalars(select(User.id)).one()
        identity_id = session.scalars(
            select(ChatIdentity.id).where(ChatIdentity.external_id == PHONE)
        ).one()
        case_number = session.scalars(select(CaseRow.number)).first()
        assert case_number is not None
        reminders.schedule(
            session,
            user_id=user_id,
            identity_id=identity_id,
            case_number=case_number,
            deadline=date(2027, 1, 25),
            remind_on=[date(2027, 1, 10)],
            what=f"despido de la bodega de {PLACE}",
            today=NOW.date(),
            now=NOW,
        )

    # The link's token is stored only as its hash: the hash must go too.
    needles = [PHONE.lstrip("+"), TELEGRAM_CHAT, NAME, PLACE, SUB, USERNAME, EMAIL]
    needles.append(hash_secret(token.group(1)))
    before = _rows_mentioning(engine, [*needles, token.group(1)])
    # The test can fail: every needle is stored somewhere, the token nowhere (finding 4).
    assert {hit.rsplit(": ", 1)[1] for hit in before} == set(needles), before
    for table in ("messages", "cases", "inbound_updates", "deliveries", "reminders"):
        assert any(hit.startswith(table + ".") for hit in before), (table, before)

    assert "Seguro" in worker.whatsapp("/borrar")
    with stub:
        assert "borré" in worker.whatsapp("sí")
        stub.assert_no_pending_responses()

    assert _rows_mentioning(engine, [*needles, token.group(1)]) == []
    engine.dispose()
