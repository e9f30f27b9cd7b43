"""Link tokens, pending logins and chat codes on SQLite and on the real MariaDB."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import MetaData, select, text
from sqlalchemy.orm import Session, sessionmaker

from bot.conversation import Case
from bot.messages import Channel
from db import migrate
from db.cases import SqlCaseStore
from db.conversations import SqlConversationStore, find_identity
from db.engine import make_engine, make_sessionmaker
from db.identities import SqlChats
from db.link_pages import LoginResult, SqlLinkPages
from db.links import MAX_TRIES, LinkCode, SqlAccountLinker
from db.models import User

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
BASE = "https://abogado.example.mx"


@dataclass(frozen=True)
class Claims:
    sub: str = "sub-ana"
    username: str = "sub-ana"
    email: str | None = "ana@example.mx"
    is_admin: bool = False


def _wipe(url: str) -> None:
    engine = make_engine(url)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        metadata.drop_all(engine)
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("mariadb", marks=pytest.mark.mariadb)])
def sessions(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'links.db'}"
    else:
        url = str(request.getfixturevalue("mysql_url"))
        _wipe(url)
    migrate.upgrade(url)
    engine = make_engine(url)
    yield make_sessionmaker(engine)
    engine.dispose()


def issue(sessions: sessionmaker[Session], channel: Channel, chat: str, now: datetime = NOW) -> str:
    linker = SqlAccountLinker(sessions=sessions, public_url=BASE, now=lambda: now)
    url = linker.issue_link(channel=channel, chat_id=chat)
    assert url.startswith(f"{BASE}/link/")
    return url.rsplit("/", 1)[1]


def confirm(
    sessions: sessionmaker[Session], channel: Channel, chat: str, code: str, now: datetime = NOW
) -> str:
    linker = SqlAccountLinker(sessions=sessions, public_url=BASE, now=lambda: now)
    return linker.confirm_code(channel=channel, chat_id=chat, code=code)


def login(
    pages: SqlLinkPages, token: str, claims: Claims | None = None, now: datetime = NOW
) -> LoginResult:
    view = pages.start_login(
        token, state="st-" + token[:8], browser="br", code_verifier="v" * 43, nonce="n", now=now
    )
    assert view.state == "ok"
    pending = pages.take_login("st-" + token[:8], browser="br", now=now)
    assert pending is not None
    return pages.finish_login(pending, claims=claims or Claims(), now=now)


def user_of(sessions: sessionmaker[Session], channel: str, chat: str) -> int | None:
    with sessions() as session:
        identity = find_identity(session, channel, chat)
        return identity.user_id if identity else None


def test_full_link_and_token_stored_only_as_hash(
    sessions: sessionmaker[Session], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    token = issue(sessions, "telegram", "1001")
    pages = SqlLinkPages(sessions=sessions)
    view = pages.view(token, now=NOW)
    assert (view.state, view.channel, view.chat_hint) == (
        "ok",
        "telegram",
        "chat terminado en 1001",
    )
    result = login(pages, token)
    assert result.state == "ok"
    assert result.code is not None
    assert len(result.code) == 6
    assert result.code.isdigit()
    assert user_of(sessions, "telegram", "1001") is None  # not before the code comes back
    assert confirm(sessions, "telegram", "1001", result.code) == "linked"
    assert user_of(sessions, "telegram", "1001") is not None
    with sessions() as session:
        dump = " ".join(
            str(row)
            for table in ("link_tokens", "link_logins", "link_codes")
            for row in session.execute(text(f"SELECT * FROM {table}"))
        )
    assert token not in dump
    assert result.code not in dump
    assert token not in caplog.text


def test_same_code_again_after_a_retried_turn_still_links(
    sessions: sessionmaker[Session],
) -> None:
    result = login(SqlLinkPages(sessions=sessions), issue(sessions, "telegram", "1001"))
    assert result.code is not None
    assert confirm(sessions, "telegram", "1001", result.code) == "linked"
    assert confirm(sessions, "telegram", "1001", result.code) == "linked"
    wrong = f"{(int(result.code) + 1) % 1_000_000:06d}"
    assert confirm(sessions, "telegram", "1001", wrong) == "expired"


def test_unlink_keeps_the_account(sessions: sessionmaker[Session]) -> None:
    result = login(SqlLinkPages(sessions=sessions), issue(sessions, "telegram", "1001"))
    assert result.code is not None
    confirm(sessions, "telegram", "1001", result.code)
    with sessions.begin() as session:
        SqlChats(session, now=NOW).unlink(channel="telegram", chat_id="1001")
    assert user_of(sessions, "telegram", "1001") is None
    assert confirm(sessions, "telegram", "1001", result.code) == "expired"
    with sessions() as session:
        assert len(list(session.scalars(select(User)))) == 1


def test_get_view_never_consumes(sessions: sessionmaker[Session]) -> None:
    token = issue(sessions, "whatsapp", "+5215512345678")
    pages = SqlLinkPages(sessions=sessions)
    for _ in range(5):
        assert pages.view(token, now=NOW).chat_hint == "número terminado en 5678"
    assert login(pages, token).state == "ok"


def test_token_single_use(sessions: sessionmaker[Session]) -> None:
    token = issue(sessions, "telegram", "1001")
    pages = SqlLinkPages(sessions=sessions)
    assert login(pages, token).state == "ok"
    assert pages.view(token, now=NOW).state == "used"
    assert pages.start_login(
        token, state="x", browser="b", code_verifier="v" * 43, nonce="n", now=NOW
    ).state == ("used")


def test_two_logins_in_flight_only_first_finishes(sessions: sessionmaker[Session]) -> None:
    token = issue(sessions, "telegram", "1001")
    pages = SqlLinkPages(sessions=sessions)
    for state in ("s1", "s2"):
        pages.start_login(
            token, state=state, browser="b", code_verifier="v" * 43, nonce="n", now=NOW
        )
    first = pages.take_login("s1", browser="b", now=NOW)
    second = pages.take_login("s2", browser="b", now=NOW)
    assert first is not None
    assert second is not None
    assert pages.finish_login(first, claims=Claims(), now=NOW).state == "ok"
    assert pages.finish_login(second, claims=Claims(), now=NOW) == LoginResult("used")


def test_token_expires_after_ten_minutes(sessions: sessionmaker[Session]) -> None:
    token = issue(sessions, "telegram", "1001")
    pages = SqlLinkPages(sessions=sessions)
    late = NOW + timedelta(minutes=10, seconds=1)
    assert pages.view(token, now=NOW + timedelta(minutes=9, seconds=59)).state == "ok"
    assert pages.view(token, now=late).state == "expired"
    assert pages.start_login(
        token, state="s", browser="b", code_verifier="v" * 43, nonce="n", now=late
    ).state == ("expired")
    # Started in time but the callback came too late: the link is not redeemed.
    pages.start_login(token, state="s2", browser="b", code_verifier="v" * 43, nonce="n", now=NOW)
    pending = pages.take_login("s2", browser="b", now=NOW)
    assert pending is not None
    assert pages.finish_login(pending, claims=Claims(), now=late).state == "expired"


def test_new_link_revokes_the_old(sessions: sessionmaker[Session]) -> None:
    old = issue(sessions, "telegram", "1001")
    new = issue(sessions, "telegram", "1001")
    pages = SqlLinkPages(sessions=sessions)
    assert pages.view(old, now=NOW).state == "replaced"
    assert pages.view(new, now=NOW).state == "ok"
    assert pages.view("made-up-token", now=NOW).state == "unknown"


def test_state_is_bound_to_the_browser_and_single_use(sessions: sessionmaker[Session]) -> None:
    token = issue(sessions, "telegram", "1001")
    pages = SqlLinkPages(sessions=sessions)
    pages.start_login(token, state="s", browser="mine", code_verifier="v" * 43, nonce="n", now=NOW)
    assert pages.take_login("s", browser="someone-else", now=NOW) is None
    assert pages.take_login("tampered", browser="mine", now=NOW) is None
    assert pages.take_login("s", browser="mine", now=NOW) is not None
    assert pages.take_login("s", browser="mine", now=NOW) is None  # replay


def test_code_only_links_the_chat_the_link_was_minted_for(sessions: sessionmaker[Session]) -> None:
    token = issue(sessions, "telegram", "1001")  # the attacker's chat
    issue(sessions, "telegram", "2002")
    result = login(SqlLinkPages(sessions=sessions), token)
    assert result.code is not None
    assert confirm(sessions, "telegram", "2002", result.code) == "expired"
    assert confirm(sessions, "whatsapp", "1001", result.code) == "expired"
    assert user_of(sessions, "telegram", "2002") is None
    assert user_of(sessions, "whatsapp", "1001") is None


def test_brute_force_stops_after_five_tries(sessions: sessionmaker[Session]) -> None:
    token = issue(sessions, "telegram", "1001")
    result = login(SqlLinkPages(sessions=sessions), token)
    assert result.code is not None
    wrong = [f"{(int(result.code) + i) % 1_000_000:06d}" for i in range(1, MAX_TRIES + 1)]
    outcomes = [confirm(sessions, "telegram", "1001", guess) for guess in wrong]
    assert outcomes == ["wrong"] * (MAX_TRIES - 1) + ["too_many"]
    assert confirm(sessions, "telegram", "1001", result.code) == "expired"
    assert user_of(sessions, "telegram", "1001") is None


def test_code_expires_after_ten_minutes(sessions: sessionmaker[Session]) -> None:
    token = issue(sessions, "telegram", "1001")
    result = login(SqlLinkPages(sessions=sessions), token)
    assert result.code is not None
    late = NOW + timedelta(minutes=10, seconds=1)
    assert confirm(sessions, "telegram", "1001", result.code, now=late) == "expired"
    assert user_of(sessions, "telegram", "1001") is None


def test_one_user_on_telegram_and_whatsapp_sees_the_same_cases(
    sessions: sessionmaker[Session],
) -> None:
    pages = SqlLinkPages(sessions=sessions)
    for channel, chat in (("telegram", "1001"), ("whatsapp", "+5215512345678")):
        result = login(pages, issue(sessions, channel, chat))  # type: ignore[arg-type]
        assert result.code is not None
        assert confirm(sessions, channel, chat, result.code) == "linked"  # type: ignore[arg-type]
    user_id = user_of(sessions, "telegram", "1001")
    assert user_id is not None
    assert user_of(sessions, "whatsapp", "+5215512345678") == user_id
    with sessions() as session, session.begin():
        SqlCaseStore(session).save_case(
            user_id=user_id,
            case=Case(number=1, opened_on=date(2026, 11, 26), fields={"tema": "despido"}),
            now=NOW,
        )
    with sessions() as session:
        store = SqlConversationStore(session, now=NOW)
        on_whatsapp = store.load(channel="whatsapp", chat_id="+5215512345678", today=NOW.date())
    assert [c.topic for c in on_whatsapp.cases] == ["despido"]


def test_login_refreshes_user_and_admin_role(sessions: sessionmaker[Session]) -> None:
    pages = SqlLinkPages(sessions=sessions)
    login(pages, issue(sessions, "telegram", "1001"), Claims(is_admin=True))
    login(pages, issue(sessions, "telegram", "1001"), Claims(email="nuevo@example.mx"))
    with sessions() as session:
        [user] = session.scalars(select(User))
        assert (user.email, user.role) == ("nuevo@example.mx", "user")
        assert len(list(session.scalars(select(LinkCode)))) == 1  # the newer code replaced it


@pytest.mark.mariadb
def test_concurrent_callbacks_redeem_once(mysql_url: str) -> None:
    _wipe(mysql_url)
    migrate.upgrade(mysql_url)
    engine = make_engine(mysql_url, pool_size=20)
    sessions = make_sessionmaker(engine)
    token = issue(sessions, "telegram", "1001")
    pages = SqlLinkPages(sessions=sessions)
    pending = []
    for i in range(20):
        pages.start_login(
            token, state=f"s{i}", browser="b", code_verifier="v" * 43, nonce="n", now=NOW
        )
        taken = pages.take_login(f"s{i}", browser="b", now=NOW)
        assert taken is not None
        pending.append(taken)
    results: list[str] = []
    barrier = threading.Barrier(20)

    def finish(item: object) -> None:
        barrier.wait()
        results.append(pages.finish_login(item, claims=Claims(), now=NOW).state)  # type: ignore[arg-type]

    threads = [threading.Thread(target=finish, args=(p,)) for p in pending]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    engine.dispose()
    assert sorted(results) == ["ok"] + ["used"] * 19


def test_relinking_a_chat_moves_it_to_the_new_account(sessions: sessionmaker[Session]) -> None:
    pages = SqlLinkPages(sessions=sessions)
    first = login(pages, issue(sessions, "telegram", "1001"), Claims(sub="sub-a", username="a"))
    assert first.code is not None
    assert confirm(sessions, "telegram", "1001", first.code) == "linked"
    old_user = user_of(sessions, "telegram", "1001")
    second = login(pages, issue(sessions, "telegram", "1001"), Claims(sub="sub-b", username="b"))
    assert second.code is not None
    assert confirm(sessions, "telegram", "1001", second.code) == "linked"
    new_user = user_of(sessions, "telegram", "1001")
    assert new_user is not None
    assert new_user != old_user
    with sessions() as session:
        assert sorted(session.scalars(select(User.cognito_sub))) == ["sub-a", "sub-b"]
