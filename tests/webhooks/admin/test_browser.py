"""The admin pages in headless Chromium (Playwright, Debian's chromium): a worker is refused; an
admin creates, previews and sends a broadcast and watches the counts move."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy.orm import Session, sessionmaker

from db import migrate
from db.engine import make_engine, make_sessionmaker
from tests.browser import CHROMIUM_FLAGS, chromium, free_port, serving
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.admin.idp import User
from tests.webhooks.admin.rig import AdminRig, make_admin_app
from tests.webhooks.broadcast.people import add_identities

pytestmark = pytest.mark.browser

RECIPIENTS = 12


@dataclass
class Served:
    base: str
    rig: AdminRig
    sessions: sessionmaker[Session]


@pytest.fixture
def served(tmp_path: Path, fake_telegram: FakeTelegramAPI) -> Iterator[Served]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    url = f"sqlite:///{tmp_path / 'admin.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    http = httpx.Client(timeout=10.0)
    # Slow enough (4 a second) that the page shows the counts moving.
    rig = make_admin_app(
        base_url=base, sessions=sessions, telegram=fake_telegram, http=http, rate=4.0
    )
    with serving(rig.app, port):
        yield Served(base, rig, sessions)
        rig.join()
    http.close()
    engine.dispose()


def test_worker_refused_admin_sends_and_sees_counts_move(
    served: Served, fake_telegram: FakeTelegramAPI
) -> None:
    from playwright.sync_api import expect, sync_playwright

    add_identities(served.sessions, "telegram", RECIPIENTS)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), headless=True, args=CHROMIUM_FLAGS)
        worker = browser.new_context().new_page()
        served.rig.idp.next_user = User("w1", "luis@example.mx")
        answer = worker.goto(f"{served.base}/admin")
        assert answer is not None
        assert answer.status == 403
        expect(worker.locator("h1")).to_have_text("Sin permiso")

        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        served.rig.idp.next_user = User("a1", "ana@abogado.mx", ("admins",))
        page.goto(f"{served.base}/admin")
        expect(page.locator("h1")).to_have_text("Avisos")
        page.get_by_role("link", name="Nuevo aviso").first.click()
        page.get_by_label("Texto del aviso").fill("La jornada baja a 40 horas.")
        page.get_by_label("Canal").select_option("telegram")
        page.get_by_role("button", name="Guardar y ver vista previa").click()

        expect(page.locator("#reach")).to_have_text(str(RECIPIENTS))
        expect(page.locator('[data-channel="telegram"]')).to_contain_text(
            "Para dejar de recibir avisos escribe BAJA."
        )
        page.get_by_label("Confirmo que quiero enviar").check()
        page.get_by_role("button", name="Enviar aviso").click()

        sent = page.locator('[data-count="sent"]')
        expect(sent).to_be_visible()
        seen = {int(sent.inner_text())}
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and max(seen) < RECIPIENTS:
            page.wait_for_timeout(500)
            sent = page.locator('[data-count="sent"]')
            if sent.count():
                seen.add(int(sent.inner_text()))
        assert max(seen) == RECIPIENTS
        assert len([n for n in seen if 0 < n < RECIPIENTS]) >= 1  # it moved while we watched
        expect(page.locator("#status")).to_have_text("Terminado", timeout=10_000)
        browser.close()
    assert len(fake_telegram.sent()) == RECIPIENTS
