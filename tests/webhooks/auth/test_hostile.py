"""The login link against a hostile or careless web: another site cannot start the login,
two tabs or a double click do not break each other, a slow sign-up hears "expired", and
garbage in the path, query or cookies gets a 4xx page, never a 500."""

from __future__ import annotations

import logging
from datetime import timedelta
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from sqlalchemy import func, select

from db.link_pages import MAX_PENDING_PER_LINK
from db.links import PendingLoginRow
from tests.webhooks.auth.test_routes import BASE, Site, _code, site
from webhooks.auth.routes import cookie_name

__all__ = ["site"]


def _pending(s: Site) -> int:
    with s.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(PendingLoginRow)) or 0)


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://testserver.evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Sec-Fetch-Site": "cross-site", "Origin": BASE},
        {"Sec-Fetch-Site": "none"},
        {"Sec-Fetch-Site": "same-origin, cross-site"},
    ],
)
def test_another_site_cannot_start_the_login(
    site: Site, headers: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    path = site.issue()
    with caplog.at_level(logging.WARNING, logger="webhooks.auth"):
        answer = site.browser().post(path, headers=headers)
    assert answer.status_code == 403
    assert "Abre el enlace desde tu chat" in answer.text
    assert "set-cookie" not in answer.headers
    assert _pending(site) == 0
    assert [r.getMessage() for r in caplog.records] == [
        next(r.getMessage() for r in caplog.records if "cross-site" in r.getMessage())
    ]
    assert path.rsplit("/", 1)[1] not in caplog.text
    # The link is not spent: the worker's own click still works.
    assert site.browser().post(path, headers={"Origin": BASE}).status_code == 303


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": BASE, "Sec-Fetch-Site": "same-origin"},
        {"Origin": BASE},
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "same-origin", "Origin": "null"},  # Chromium under no-referrer
        {},  # a browser too old to send either (docs/accounts.md: why it may proceed)
    ],
)
def test_the_page_itself_starts_the_login(site: Site, headers: dict[str, str]) -> None:
    assert site.browser().post(site.issue(), headers=headers).status_code == 303


def test_two_tabs_do_not_break_the_first_tabs_login(site: Site) -> None:
    browser = site.browser()
    path = site.issue()
    first = site.to_provider(browser, path)
    second = site.to_provider(browser, path)  # another tab, or a double click on "Continuar"
    done = browser.get(site.sign_up(browser, first))
    assert done.status_code == 200, done.text
    assert _code(done.text)
    # The other tab's login finds the link used: a clear page, not "session mismatch".
    later = browser.get(site.sign_up(browser, second))
    assert later.status_code == 410
    assert "El enlace ya se usó" in later.text


def test_double_click_keeps_the_second_tabs_login(site: Site) -> None:
    browser = site.browser()
    path = site.issue()
    site.to_provider(browser, path)
    second = site.to_provider(browser, path)
    assert browser.get(site.sign_up(browser, second)).status_code == 200


def test_one_link_posted_in_a_loop_keeps_a_few_rows_and_the_newest_works(site: Site) -> None:
    browser = site.browser()
    path = site.issue()
    logins = [site.to_provider(browser, path) for _ in range(20)]
    assert _pending(site) == MAX_PENDING_PER_LINK
    assert browser.get(site.sign_up(browser, logins[-1])).status_code == 200


def test_slow_sign_up_hears_expired_even_without_the_cookie(site: Site) -> None:
    browser = site.browser()
    callback = site.sign_up(browser, site.to_provider(browser, site.issue()))
    site.clock.now += timedelta(minutes=12)
    browser.cookies.clear()  # the browser dropped the 10-minute cookie too
    answer = browser.get(callback)
    assert answer.status_code == 410
    assert "El enlace caducó" in answer.text
    assert "/vincular" in answer.text
    assert _pending(site) == 0


def test_a_stranger_with_an_expired_state_spoils_nothing_live(site: Site) -> None:
    browser = site.browser()
    callback = site.sign_up(browser, site.to_provider(browser, site.issue()))
    query = parse_qs(urlsplit(callback).query)
    stranger = site.browser()
    answer = stranger.get("/auth/callback", params={"code": "x", "state": query["state"][0]})
    assert answer.status_code == 400
    assert browser.get(callback).status_code == 200


GARBAGE = ["é", "ñ" * 43, "😀", "\u200b\u200f", "a\x00b", "%", "a" * 5000, "<script>"]


@pytest.mark.parametrize("value", GARBAGE)
def test_garbage_state_code_and_cookie_get_400(
    site: Site, value: str, caplog: pytest.LogCaptureFixture
) -> None:
    browser = site.browser()
    callback = site.sign_up(browser, site.to_provider(browser, site.issue()))
    query = {k: v[0] for k, v in parse_qs(urlsplit(callback).query).items()}
    with caplog.at_level(logging.WARNING, logger="webhooks.auth"):
        for params in ({**query, "state": value}, {**query, "code": value}):
            answer = site.browser().get("/auth/callback", params=params)
            assert answer.status_code == 400
            assert "La sesión no coincide" in answer.text
        raw = f"{cookie_name(query['state'])}={value}".encode()
        forged = site.browser().get("/auth/callback", params=query, headers={"cookie": raw})
    assert forged.status_code == 400
    assert sum("malformed" in r.getMessage() for r in caplog.records) == 2
    assert browser.get(callback).status_code == 200  # the genuine login is intact


@pytest.mark.parametrize("value", GARBAGE)
def test_garbage_link_token_is_a_404_page(site: Site, value: str) -> None:
    path = "/link/" + quote(value, safe="")
    for answer in (site.browser().get(path), site.browser().post(path)):
        assert answer.status_code in (404, 405)
    assert _pending(site) == 0


def test_provider_error_text_is_not_logged_verbatim(
    site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="webhooks.auth"):
        answer = site.browser().get(
            "/auth/callback", params={"error": "x\nFAKE LOG LINE ana@example.mx", "state": "s"}
        )
    assert answer.status_code == 400
    assert "FAKE LOG LINE" not in caplog.text
    assert "error=other" in caplog.text
