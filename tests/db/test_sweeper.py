"""``db.sweeper.sweep``: lost queue rows are handed back, then dead-lettered; others are left be.

On SQLite and on the real MariaDB. Rows are written straight into the table, as the receiver and
the worker leave them.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta

import boto3
import pytest
from botocore.stub import Stubber
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from abogado.cli import main
from abogado.commands.db import sweep_database
from abogado.container import Container
from db.inbound_table import DEAD, DONE, PROCESSING, QUEUED, InboundUpdate
from db.sweeper import LostUpdate, SweepBounds, sweep, sweeps_so_far
from services.settings import DatabaseSettings, Settings, SqsSettings

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
Sessions = sessionmaker[Session]


def _row(
    sessions: Sessions,
    platform_id: str,
    *,
    status: str,
    at: datetime,
    locked_until: datetime | None = None,
    last_error: str | None = None,
    received_at: datetime | None = None,
) -> int:
    with sessions.begin() as session:
        row = InboundUpdate(
            channel="telegram",
            platform_id=platform_id,
            chat_key="k" * 64,
            content_type="text",
            payload='{"text": "hola"}',
            status=status,
            attempts=1,
            next_attempt_at=at,
            locked_until=locked_until,
            replies_sent=0,
            parts_sent=0,
            last_error=last_error,
            received_at=received_at or at,
            updated_at=at,
        )
        session.add(row)
        session.flush()
        return row.id


def _state(sessions: Sessions, update_id: int) -> tuple[str, str | None]:
    with sessions() as session:
        row = session.execute(
            select(InboundUpdate.status, InboundUpdate.last_error).where(
                InboundUpdate.id == update_id
            )
        ).one()
    return row.status, row.last_error


def test_lost_rows_are_requeued_and_fresh_ones_left_alone(sessions: Sessions) -> None:
    old = T0 - timedelta(hours=2)
    lost_queued = _row(sessions, "q-old", status=QUEUED, at=old)
    lost_lease = _row(sessions, "p-old", status=PROCESSING, at=old, locked_until=old)
    fresh = _row(sessions, "q-new", status=QUEUED, at=T0 - timedelta(minutes=5))
    leased = _row(sessions, "p-new", status=PROCESSING, at=old, locked_until=T0)
    finished = _row(sessions, "done", status=DONE, at=old)
    handed: list[LostUpdate] = []
    report = sweep(sessions, now=T0, requeue=handed.append)
    assert report.as_dict() == {"requeued": 2, "dead": 0, "failed": 0}
    assert [(u.id, u.sweep) for u in handed] == [(lost_queued, 1), (lost_lease, 1)]
    assert handed[0].platform_id == "q-old"
    assert handed[0].chat_key == "k" * 64
    for update_id in (lost_queued, lost_lease):
        status, note = _state(sessions, update_id)
        assert status == QUEUED
        assert sweeps_so_far(note) == 1
    assert _state(sessions, fresh) == (QUEUED, None)
    assert _state(sessions, leased) == (PROCESSING, None)
    assert _state(sessions, finished) == (DONE, None)
    # Just handed back: the next pass within the bound does nothing.
    assert sweep(sessions, now=T0 + timedelta(minutes=30), requeue=handed.append).requeued == 0


def test_a_row_is_dead_lettered_after_max_sweeps(sessions: Sessions) -> None:
    bounds = SweepBounds(stale_after=timedelta(hours=1), max_sweeps=2, max_age=timedelta(days=9))
    update_id = _row(sessions, "stuck", status=QUEUED, at=T0 - timedelta(hours=2))
    handed: list[LostUpdate] = []
    now = T0
    for expected in (1, 2):
        assert sweep(sessions, now=now, requeue=handed.append, bounds=bounds).requeued == 1
        assert handed[-1].sweep == expected
        now += timedelta(hours=2)  # the queue lost it again
    report = sweep(sessions, now=now, requeue=handed.append, bounds=bounds)
    assert report.as_dict() == {"requeued": 0, "dead": 1, "failed": 0}
    status, reason = _state(sessions, update_id)
    assert status == DEAD
    assert reason == "lost in the queue: gave up after 2 re-enqueues"
    assert len(handed) == 2


def test_a_row_older_than_max_age_is_dead_lettered_at_once(sessions: Sessions) -> None:
    update_id = _row(
        sessions,
        "ancient",
        status=QUEUED,
        at=T0 - timedelta(hours=2),
        received_at=T0 - timedelta(days=2),
    )
    handed: list[LostUpdate] = []
    assert sweep(sessions, now=T0, requeue=handed.append).dead == 1
    assert handed == []
    assert _state(sessions, update_id)[0] == DEAD


def test_a_failed_requeue_is_counted_and_tried_on_a_later_pass(sessions: Sessions) -> None:
    update_id = _row(sessions, "q", status=QUEUED, at=T0 - timedelta(hours=2))

    def down(_: LostUpdate) -> None:
        raise ConnectionError("queue down")

    assert sweep(sessions, now=T0, requeue=down).as_dict() == {
        "requeued": 0,
        "dead": 0,
        "failed": 1,
    }
    handed: list[LostUpdate] = []
    later = T0 + timedelta(hours=2)
    assert sweep(sessions, now=later, requeue=handed.append).requeued == 1
    assert [(u.id, u.sweep) for u in handed] == [(update_id, 2)]


def test_the_worker_error_is_kept_beside_the_sweep_count(sessions: Sessions) -> None:
    update_id = _row(
        sessions, "q", status=QUEUED, at=T0 - timedelta(hours=2), last_error="turn: Timeout"
    )
    sweep(sessions, now=T0, requeue=lambda _: None)
    assert _state(sessions, update_id) == (QUEUED, "swept 1: turn: Timeout")
    sweep(sessions, now=T0 + timedelta(hours=2), requeue=lambda _: None)
    assert _state(sessions, update_id) == (QUEUED, "swept 2: turn: Timeout")
    assert sweeps_so_far("turn: Timeout") == 0
    assert sweeps_so_far(None) == 0


def test_the_command_requeues_through_sqs_with_a_fresh_dedup_id(
    sessions: Sessions, db_url: str
) -> None:
    update_id = _row(sessions, "q-old", status=QUEUED, at=T0 - timedelta(hours=2))
    queue = "https://sqs.us-east-1.amazonaws.com/123456789012/abogado-inbound.fifo"
    client = boto3.client(
        "sqs", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    body = json.dumps({"id": update_id})
    with Stubber(client) as stub:
        stub.add_response(
            "send_message",
            {"MessageId": "m-1", "MD5OfMessageBody": hashlib.md5(body.encode()).hexdigest()},  # noqa: S324
            {
                "QueueUrl": queue,
                "MessageBody": body,
                "MessageGroupId": "telegram:" + "k" * 64,
                "MessageDeduplicationId": "telegram:q-old#sweep1",
            },
        )
        settings = Settings(database=DatabaseSettings(url=db_url), sqs=SqsSettings(queue_url=queue))
        report = sweep_database(Container(settings, migrate=False), sqs=client, now=T0)
        stub.assert_no_pending_responses()
    assert report.as_dict() == {"requeued": 1, "dead": 0, "failed": 0}


def test_the_command_counts_a_queue_outage_and_exits_non_zero(
    sessions: Sessions, db_url: str
) -> None:
    _row(sessions, "q-old", status=QUEUED, at=T0 - timedelta(hours=2))
    queue = "https://sqs.us-east-1.amazonaws.com/123456789012/abogado-inbound.fifo"
    client = boto3.client(
        "sqs", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    with Stubber(client) as stub:
        stub.add_client_error("send_message", service_error_code="ServiceUnavailable")
        settings = Settings(database=DatabaseSettings(url=db_url), sqs=SqsSettings(queue_url=queue))
        assert sweep_database(Container(settings, migrate=False), sqs=client, now=T0).failed == 1


def test_abogado_db_sweep_runs_locally(
    sessions: Sessions,
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ABOGADO_DATABASE__URL", db_url)
    monkeypatch.delenv("ABOGADO_SQS__QUEUE_URL", raising=False)
    lost = _row(sessions, "q-old", status=QUEUED, at=datetime.now(UTC) - timedelta(hours=2))
    assert main(["db", "sweep"]) == 0
    assert capsys.readouterr().out.strip() == "requeued: 1, dead: 0, failed: 0"
    assert sweeps_so_far(_state(sessions, lost)[1]) == 1
    with pytest.raises(SystemExit) as help_exit:
        main(["db", "sweep", "--help"])
    assert help_exit.value.code == 0
    assert "dead-lettered" in capsys.readouterr().out
