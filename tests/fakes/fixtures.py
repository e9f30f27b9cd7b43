"""Pytest fixtures for the fake platform APIs; import them explicitly in a test module:

from tests.fakes.fixtures import fake_telegram, fake_twilio  # noqa: F401
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes import telegram_api, twilio_api


@pytest.fixture
def fake_telegram() -> Iterator[telegram_api.FakeTelegramAPI]:
    yield from telegram_api.running_fake()


@pytest.fixture
def fake_twilio() -> Iterator[twilio_api.FakeTwilioAPI]:
    yield from twilio_api.running_fake()
