"""Where reminders are sent from: ``abogado serve``'s background job and the scheduled Lambda
handler, each against the fake Telegram server on the real clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from abogado.lambda_handlers import build_reminders
from abogado.serve import build_local_app
from db import migrate
from db.engine import make_engine, make_sessionmaker
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.reminders_rig import person, rows
from tests.webhooks.rig import make_settings


def _seed_due_reminder(url: str, chat: str) -> None:
    """A reminder that fell due yesterday, for a deadline a month away (real dates)."""
    today = datetime.now(UTC).date()
    engine = make_engine(url)
    try:
        person(
            make_sessionmaker(engine),
            chat,
            days=(today - timedelta(days=1),),
            deadline=today + timedelta(days=30),
            today=today - timedelta(days=1),
        )
    finally:
        engine.dispose()


def test_serve_sends_due_reminders_in_process(
    tmp_path: Path, fake_telegram: FakeTelegramAPI
) -> None:
    settings = make_settings(tmp_path, fake_telegram)
    app = build_local_app(settings, turns=lambda _inbound: ())
    _seed_due_reminder(settings.database_url, "950")
    with TestClient(app):
        (call,) = fake_telegram.wait_for("sendMessage", 1)
    assert call.chat_id == "950"
    assert call.text.startswith("⏰ Recordatorio de tu caso 1")
    engine = make_engine(settings.database_url)
    try:
        assert [r.status for r in rows(make_sessionmaker(engine))] == ["sent"]
    finally:
        engine.dispose()


def test_lambda_handler_runs_one_pass_per_invocation(
    tmp_path: Path, fake_telegram: FakeTelegramAPI
) -> None:
    settings = make_settings(tmp_path, fake_telegram)
    migrate.upgrade(settings.database_url)  # deploys migrate; the function never does
    _seed_due_reminder(settings.database_url, "951")
    handler = build_reminders(settings)
    # 10 s left of the function's time: under the 15 s margin, so nothing is claimed.
    assert handler({}, _Context(remaining_ms=10_000)) == {"reminders": {}}
    assert handler({}, _Context(remaining_ms=120_000)) == {"reminders": {"sent": 1}}
    assert handler({}, None) == {"reminders": {}}
    assert [c.chat_id for c in fake_telegram.sent()] == ["951"]


class _Context:
    """The part of Lambda's context object the handler reads."""

    def __init__(self, *, remaining_ms: int) -> None:
        self._remaining_ms = remaining_ms

    def get_remaining_time_in_millis(self) -> int:
        return self._remaining_ms
