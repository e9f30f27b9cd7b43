"""Twilio status callbacks reach broadcast deliveries through the real app (``abogado serve``'s
``build_local_app``): signed → delivered or failed by MessageSid, forward only; unsigned → 403."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from twilio.request_validator import RequestValidator

from abogado.cli import main
from abogado.serve import build_local_app
from db.broadcasts import DeliveryRow
from db.engine import make_engine, make_sessionmaker
from services.settings import load_settings
from tests.fakes.twilio_api import ACCOUNT_SID, AUTH_TOKEN, FROM, FakeTwilioAPI
from tests.webhooks.broadcast.people import add_identities

PUBLIC = "https://abogado.example.mx"
STATUS_PATH = "/webhooks/whatsapp/status"


def _signed(form: dict[str, str], token: str = AUTH_TOKEN) -> dict[str, str]:
    signature = RequestValidator(token).compute_signature(PUBLIC + STATUS_PATH, form)
    return {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature}


def test_status_callbacks_settle_broadcast_deliveries(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fake_twilio: FakeTwilioAPI,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in {
        "ABOGADO_DATA_DIR": str(tmp_path),
        "ABOGADO_PUBLIC_URL": PUBLIC,
        "ABOGADO_TWILIO__ACCOUNT_SID": ACCOUNT_SID,
        "ABOGADO_TWILIO__AUTH_TOKEN": AUTH_TOKEN,
        "ABOGADO_TWILIO__WHATSAPP_FROM": FROM,
        "ABOGADO_TWILIO__API_BASE_URL": fake_twilio.url,
    }.items():
        monkeypatch.setenv(name, value)
    settings = load_settings()
    app = build_local_app(settings, turns=lambda _inbound: ())
    engine = make_engine(settings.database_url)
    sessions = make_sessionmaker(engine)
    phones = add_identities(
        sessions, "whatsapp", 3, last_inbound_at=datetime.now(UTC) - timedelta(hours=1)
    )
    assert main(["broadcast", "create", "--text", "Aviso", "--channel", "whatsapp"]) == 0
    broadcast_id = int(capsys.readouterr().out.split()[0])
    assert main(["broadcast", "send", str(broadcast_id)]) == 0
    assert len(fake_twilio.messages()) == 3
    # The sender asks Twilio to call back on the app's status path.
    assert {m.form["StatusCallback"] for m in fake_twilio.messages()} == {PUBLIC + STATUS_PATH}

    def rows() -> dict[str, tuple[str, str | None]]:
        with sessions() as session:
            found = session.execute(
                select(DeliveryRow.provider_id, DeliveryRow.status, DeliveryRow.reason).where(
                    DeliveryRow.broadcast_id == broadcast_id
                )
            ).all()
        return {str(sid): (status, reason) for sid, status, reason in found}

    before = rows()
    assert [status for status, _ in before.values()] == ["sent"] * 3
    delivered, failed, untouched = sorted(before)
    assert all(re.fullmatch(r"SM[0-9a-f]{32}", sid) for sid in before)

    client = TestClient(app)

    def callback(sid: str, status: str, *, token: str = AUTH_TOKEN, **extra: str) -> int:
        form = {
            "AccountSid": ACCOUNT_SID,
            "MessageSid": sid,
            "SmsSid": sid,
            "MessageStatus": status,
            "SmsStatus": status,
            "To": "whatsapp:" + phones[0],
            "From": FROM,
            "ApiVersion": "2010-04-01",
            **extra,
        }
        answer = client.post(STATUS_PATH, content=urlencode(form), headers=_signed(form, token))
        return answer.status_code

    assert callback(delivered, "delivered") == 200
    assert callback(failed, "undelivered", ErrorCode="30008") == 200
    assert callback(delivered, "sent") == 200  # late and out of order: ignored
    assert callback(failed, "delivered") == 200  # failed is final
    assert callback(untouched, "delivered", token="not-the-auth-token") == 403
    after = rows()
    assert after[delivered] == ("delivered", None)
    assert after[failed] == ("failed", "twilio 30008")
    assert after[untouched] == ("sent", None)

    assert main(["broadcast", "status", str(broadcast_id)]) == 0
    out = capsys.readouterr().out
    assert "sent 1" in out
    assert "delivered 1" in out
    assert "failed 1" in out
    engine.dispose()
