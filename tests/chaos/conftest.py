"""Chaos fixtures: the fake platforms, a SQLite chaos rig, and a throwaway MariaDB server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.chaos.mariadb import ThrowawayMariaDB, require_mariadb
from tests.chaos.rig import ChaosRig, make_chaos_rig
from tests.fakes.fixtures import fake_telegram, fake_twilio
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI

__all__ = ["fake_telegram", "fake_twilio"]


@pytest.fixture
def chaos(
    tmp_path: Path, fake_telegram: FakeTelegramAPI, fake_twilio: FakeTwilioAPI
) -> Iterator[ChaosRig]:
    made = make_chaos_rig(tmp_path, fake_telegram, fake_twilio)
    yield made
    made.rig.client.close()
    made.rig.storage.engine.dispose()


@pytest.fixture
def mariadb(tmp_path: Path) -> Iterator[ThrowawayMariaDB]:
    """A MariaDB server of this test's own, which the test may kill and restart."""
    require_mariadb()
    server = ThrowawayMariaDB(tmp_path / "mariadb")
    server.root.mkdir()
    server.install()
    server.start()
    try:
        yield server
    finally:
        server.stop()
