"""Admin page fixtures: a migrated SQLite file, the admin app with the fake provider."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from db import migrate
from db.engine import make_engine, make_sessionmaker
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.admin.rig import AdminRig, make_admin_app, oidc_client

BASE = "http://testserver"


@pytest.fixture
def admin_sessions(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    url = f"sqlite:///{tmp_path / 'abogado.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    yield make_sessionmaker(engine)
    engine.dispose()


@pytest.fixture
def admin_rig(
    admin_sessions: sessionmaker[Session], fake_telegram: FakeTelegramAPI
) -> Iterator[AdminRig]:
    rig = make_admin_app(
        base_url=BASE, sessions=admin_sessions, telegram=fake_telegram, http=None, rate=50.0
    )
    rig.services.oidc = oidc_client(rig.idp, TestClient(rig.app, base_url=BASE))
    yield rig
    rig.join()
