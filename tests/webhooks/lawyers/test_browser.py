"""The whole inbox in headless Chromium as a lawyer uses it, on the real local runtime
(``abogado serve``'s app under uvicorn, the built-in OpenID provider, the fake Telegram API):
an account without the group is refused; after ``abogado handoffs make-lawyer`` the same person
signs in, sees the queue, claims a request, reads the package, replies and closes; the worker's
Telegram chat receives the claim, the reply and the close from the courier, once each."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from abogado.cli import main
from abogado.serve import build_local_app
from db.engine import make_engine, make_sessionmaker
from services.settings import load_settings
from tests.browser import CHROMIUM_FLAGS, chromium, free_port, serving
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.lawyers.cases import add_request

pytestmark = pytest.mark.browser

EMAIL = "rosa@despacho.mx"
PASSWORD = "una-clave-larga"
CHAT = "9701"
REPLY = "Hola, soy Rosa. Por lo que cuentas te corresponde una indemnización (Art. 48)."


@dataclass
class Served:
    base: str
    database_url: str


@pytest.fixture
def served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_telegram: FakeTelegramAPI
) -> Iterator[Served]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    monkeypatch.setenv("ABOGADO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ABOGADO_PUBLIC_URL", base)
    monkeypatch.setenv("ABOGADO_TELEGRAM__BOT_TOKEN", fake_telegram.token)
    monkeypatch.setenv("ABOGADO_TELEGRAM__API_BASE_URL", fake_telegram.url)
    monkeypatch.setenv("ABOGADO_TELEGRAM__WEBHOOK_SECRET", "s" * 32)
    settings = load_settings()
    # No answer pipeline (no law index here); no turn runs in this test.
    app = build_local_app(settings, turns=lambda _inbound: ())
    with serving(app, port):
        yield Served(base, settings.database_url)


def _seed_request(database_url: str) -> int:
    engine = make_engine(database_url)
    try:
        return add_request(make_sessionmaker(engine), chat_id=CHAT)
    finally:
        engine.dispose()


def _wait_for_texts(fake: FakeTelegramAPI, count: int, timeout: float = 40.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while len(sent := fake.sent(CHAT)) < count:
        assert time.monotonic() < deadline, [c.text for c in sent]
        time.sleep(0.2)
    return [c.text for c in sent]


def test_a_lawyer_claims_reads_replies_and_closes_and_the_worker_gets_each_once(
    served: Served, fake_telegram: FakeTelegramAPI, capsys: pytest.CaptureFixture[str]
) -> None:
    from playwright.sync_api import Page, expect, sync_playwright

    def sign_in(page: Page, *, mode: str) -> None:
        page.goto(f"{served.base}/abogados/")
        page.locator(f"#{mode}-email").fill(EMAIL)
        page.locator(f"#{mode}-password").fill(PASSWORD)
        page.locator(f"#{mode} button[type=submit]").click()

    request_id = _seed_request(served.database_url)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), headless=True, args=CHROMIUM_FLAGS)
        first = browser.new_context().new_page()
        sign_in(first, mode="signup")
        expect(first.locator("h1")).to_have_text("Sin permiso")
        expect(first.locator("main")).to_contain_text("solo para abogados")

        assert main(["handoffs", "make-lawyer", EMAIL]) == 0
        assert f"{EMAIL} is now a lawyer" in capsys.readouterr().out

        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        sign_in(page, mode="signin")
        expect(page.locator("h1")).to_have_text("Solicitudes")
        expect(page.locator("#waiting")).to_have_text("Sin tomar (1)")
        page.get_by_role("link", name=f"Solicitud {request_id}").click()
        expect(page.locator("#package")).to_have_count(0)  # nothing personal before the claim
        page.get_by_role("button", name="Tomar esta solicitud").click()

        expect(page.locator("#status")).to_have_text("Tomado")
        expect(page.locator("#package-data")).to_contain_text(
            "me corrieron sin darme ninguna carta"
        )
        page.get_by_label("Tu respuesta").fill(REPLY)
        page.get_by_role("button", name="Enviar respuesta").click()
        expect(page.locator('[data-author="lawyer"]')).to_contain_text("soy Rosa")

        page.get_by_label("Tu respuesta").fill("x" * 1500)
        page.get_by_role("button", name="Enviar respuesta").click()
        expect(page.locator("#error")).to_contain_text("el máximo es 1,400")

        page.get_by_label("Nota de cierre").fill("Acude al Centro de Conciliación con tus recibos.")
        page.get_by_label("Confirmo que cierro el caso").check()
        page.get_by_role("button", name="Cerrar caso").click()
        expect(page.locator("#status")).to_have_text("Cerrado")

        page.get_by_role("link", name="Solicitudes").click()
        expect(page.locator("#waiting")).to_have_text("Sin tomar (0)")
        expect(page.locator("#mine")).to_have_text("Mis casos (1)")
        browser.close()

    texts = _wait_for_texts(fake_telegram, 3)
    assert "Un abogado tomó tu caso" in texts[0]
    assert REPLY in texts[1]
    assert "Tu abogado cerró tu caso" in texts[2]
    assert "del 1 (nada) al 5 (mucho)" in texts[2]
    time.sleep(1.0)
    assert len(fake_telegram.sent(CHAT)) == 3  # once each
