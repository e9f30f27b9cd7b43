"""setWebhook carries our URL, secret, allowed updates and connection cap (RELIABILITY T4)."""

from __future__ import annotations

import asyncio
import json

import pytest
from telegram import Bot

from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.rig import PUBLIC, SECRET, Rig
from webhooks.telegram_setup import register_webhook, registration_job


def test_set_webhook_params(rig: Rig, fake_telegram: FakeTelegramAPI) -> None:
    bot = Bot(fake_telegram.token, base_url=fake_telegram.base_url)
    assert asyncio.run(register_webhook(bot, rig.settings, max_connections=10))
    [call] = [c for c in fake_telegram.calls if c.method == "setWebhook"]
    assert call.params["url"] == PUBLIC + "/webhooks/telegram"
    assert call.params["secret_token"] == SECRET
    assert call.params["max_connections"] == "10"
    assert json.loads(call.params["allowed_updates"]) == [
        "message",
        "edited_message",
        "callback_query",
        "my_chat_member",
        "pre_checkout_query",
    ]


def test_no_secret_no_webhook(rig: Rig, fake_telegram: FakeTelegramAPI) -> None:
    bot = Bot(fake_telegram.token, base_url=fake_telegram.base_url)
    settings = rig.settings.model_copy(
        update={"telegram": rig.settings.telegram.model_copy(update={"webhook_secret": None})}
    )
    with pytest.raises(ValueError, match="WEBHOOK_SECRET"):
        asyncio.run(register_webhook(bot, settings))
    assert fake_telegram.calls == []


def test_registration_failure_is_logged_not_raised(
    rig: Rig, fake_telegram: FakeTelegramAPI, caplog: pytest.LogCaptureFixture
) -> None:
    fake_telegram.fail_next("setWebhook", status=400, description="Bad Request: bad webhook")
    bot = Bot(fake_telegram.token, base_url=fake_telegram.base_url)
    asyncio.run(registration_job(bot, rig.settings)(asyncio.Event()))
    assert "setWebhook failed" in caplog.text
    assert SECRET not in caplog.text
