"""db/groups.py on SQLite and MariaDB: joined/left, switches, migration, the answer limit."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlalchemy import inspect
from sqlalchemy.orm import Session, sessionmaker

from db.groups import GroupState, SqlGroups

T0 = datetime(2026, 5, 1, 18, 0, tzinfo=UTC)
GROUP = "-1001234567890"


def test_joined_switched_left(sessions: sessionmaker[Session]) -> None:
    groups = SqlGroups(sessions)
    assert groups.state(GROUP) is None
    groups.joined(GROUP, now=T0)
    assert groups.state(GROUP) == GroupState(GROUP)
    groups.switch(GROUP, now=T0, silenced=True)
    groups.switch(GROUP, now=T0, broadcasts=True)
    assert groups.state(GROUP) == GroupState(GROUP, silenced=True, broadcasts=True)
    assert groups.opted_in() == [GROUP]
    groups.left(GROUP, now=T0)
    state = groups.state(GROUP)
    assert state is not None
    assert not state.present
    assert groups.opted_in() == []
    groups.joined(GROUP, now=T0)  # added again: the switches stay
    assert groups.state(GROUP) == GroupState(GROUP, silenced=True, broadcasts=True)


def test_migration_moves_the_switches(sessions: sessionmaker[Session]) -> None:
    groups = SqlGroups(sessions)
    groups.joined("-42", now=T0)
    groups.switch("-42", now=T0, broadcasts=True)
    groups.migrate("-42", GROUP, now=T0)
    assert groups.state(GROUP) == GroupState(GROUP, broadcasts=True)
    assert groups.state("-42") == GroupState(
        "-42", broadcasts=True, present=False, migrated_to=GROUP
    )
    assert groups.opted_in() == [GROUP]


def test_answer_limit_window(sessions: sessionmaker[Session]) -> None:
    groups = SqlGroups(sessions)
    hour = timedelta(hours=1)
    slots = [groups.take_answer(GROUP, now=T0, limit=3, window=hour) for _ in range(6)]
    assert slots == ["ok", "ok", "ok", "notice", "over", "over"]
    later = T0 + hour
    assert groups.take_answer(GROUP, now=later, limit=3, window=hour) == "ok"


def test_answer_limit_holds_under_concurrent_workers(sessions: sessionmaker[Session]) -> None:
    groups = SqlGroups(sessions)
    groups.joined(GROUP, now=T0)
    results: list[str] = []
    lock = threading.Lock()

    def take() -> None:
        slot = groups.take_answer(GROUP, now=T0, limit=5, window=timedelta(hours=1))
        with lock:
            results.append(slot)

    threads = [threading.Thread(target=take) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(results) == {"ok": 5, "notice": 1, "over": 6}


def test_a_group_row_holds_no_text_and_no_member(sessions: sessionmaker[Session]) -> None:
    engine = sessions.kw["bind"]
    columns = {c["name"] for c in inspect(engine).get_columns("telegram_groups")}
    assert columns == {
        "id",
        "chat_id",
        "silenced",
        "broadcasts",
        "joined_at",
        "left_at",
        "migrated_to",
        "window_start",
        "window_answers",
        "updated_at",
    }
