"""The lawyers' inbox on a FastAPI app: the admin login with the fake provider, both routers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from db import migrate
from db.engine import make_engine, make_sessionmaker
from services.settings import Settings
from tests.db.databases import db_url, empty_db_url, sessions
from tests.webhooks.admin.idp import FakeIdp
from tests.webhooks.admin.rig import oidc_client
from webhooks.admin.cookies import Signer
from webhooks.admin.routes import CALLBACK_PATH, AdminServices, build_admin_router
from webhooks.lawyers.routes import build_lawyer_router

BASE = "http://testserver"
__all__ = ["db_url", "empty_db_url", "sessions"]


@dataclass
class InboxRig:
    app: FastAPI
    idp: FakeIdp
    services: AdminServices
    sessions: sessionmaker[Session]


def make_inbox_app(
    *, base_url: str, sessions: sessionmaker[Session], http: httpx.Client | None
) -> InboxRig:
    idp = FakeIdp(base_url=base_url, redirect_uri=base_url + CALLBACK_PATH)
    services = AdminServices(
        sessions=sessions,
        oidc=oidc_client(idp, http or httpx.Client()),
        signer=Signer(b"k" * 32),
        now=lambda: datetime.now(UTC),
        start_sending=None,
    )
    app = FastAPI()
    app.include_router(idp.router())
    app.include_router(
        build_admin_router(settings=Settings(public_url=base_url), services=services)
    )
    app.include_router(build_lawyer_router(services=services))
    return InboxRig(app, idp, services, sessions)


@pytest.fixture
def inbox_sessions(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    """A migrated SQLite file (the route tests); ``sessions`` gives SQLite and MariaDB."""
    url = f"sqlite:///{tmp_path / 'abogado.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    yield make_sessionmaker(engine)
    engine.dispose()


@pytest.fixture
def inbox_rig(inbox_sessions: sessionmaker[Session]) -> InboxRig:
    rig = make_inbox_app(base_url=BASE, sessions=inbox_sessions, http=None)
    rig.services.oidc = oidc_client(rig.idp, TestClient(rig.app, base_url=BASE))
    return rig
