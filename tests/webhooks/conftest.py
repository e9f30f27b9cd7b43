"""Fixtures for the webhooks tests: the fake platform APIs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.fixtures import fake_telegram, fake_twilio
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI
from tests.webhooks.rig import Rig, make_rig

__all__ = ["fake_telegram", "fake_twilio"]


@pytest.fixture
def rig(
    tmp_path: Path, fake_telegram: FakeTelegramAPI, fake_twilio: FakeTwilioAPI
) -> Iterator[Rig]:
    made = make_rig(tmp_path, fake_telegram, fake_twilio)
    yield made
    made.client.close()
    made.storage.engine.dispose()
