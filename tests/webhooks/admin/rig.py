"""The admin pages on a FastAPI app with the fake provider; sending goes to the fake Telegram."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx
from fastapi import FastAPI
from sqlalchemy.orm import Session, sessionmaker

from services.settings import Settings
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.admin.idp import CLIENT_ID, FakeIdp
from tests.webhooks.broadcast.conftest import telegram_broadcaster
from webhooks.admin.cookies import Signer
from webhooks.admin.routes import CALLBACK_PATH, AdminServices, build_admin_router
from webhooks.auth.oidc import OidcClient
from webhooks.broadcast.pacing import Pacer
from webhooks.broadcast.sender import BroadcastSender


@dataclass
class AdminRig:
    app: FastAPI
    idp: FakeIdp
    services: AdminServices
    threads: list[threading.Thread] = field(default_factory=list)

    def join(self, timeout: float = 60.0) -> None:
        for thread in self.threads:
            thread.join(timeout)


def make_admin_app(
    *,
    base_url: str,
    sessions: sessionmaker[Session],
    telegram: FakeTelegramAPI,
    http: httpx.Client | None,
    rate: float = 5.0,
) -> AdminRig:
    """``http`` reaches the app itself (a TestClient, or a real client for a served app);
    None means "set ``rig.services.oidc`` later" (the TestClient needs the app first)."""
    settings = Settings(public_url=base_url)
    idp = FakeIdp(base_url=base_url, redirect_uri=base_url + CALLBACK_PATH)
    threads: list[threading.Thread] = []

    def start_sending(broadcast_id: int) -> None:
        def work() -> None:
            sender = BroadcastSender(
                sessions=sessions,
                broadcasters={"telegram": telegram_broadcaster(telegram)},
                pacers={"telegram": Pacer(rate=rate, per_chat_s=1.0)},
            )
            asyncio.run(sender.run(broadcast_id))

        thread = threading.Thread(target=work, daemon=True)
        threads.append(thread)
        thread.start()

    services = AdminServices(
        sessions=sessions,
        oidc=oidc_client(idp, http or httpx.Client()),
        signer=Signer(b"k" * 32),
        now=lambda: datetime.now(UTC),
        start_sending=start_sending,
    )
    app = FastAPI()
    app.include_router(idp.router())
    app.include_router(build_admin_router(settings=settings, services=services))
    return AdminRig(app, idp, services, threads)


def oidc_client(idp: FakeIdp, http: httpx.Client) -> OidcClient:
    return OidcClient(
        provider=idp.provider(), client_id=CLIENT_ID, redirect_uri=idp.redirect_uri, http=http
    )
