"""POST /webhooks/stripe: refusals before trust, each event once, and what each event changes.

Events are built and signed as Stripe builds and signs them (tests/fakes/stripe_api.py) and
verified by stripe-python's own check; nothing of ours is patched.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db import payments
from db.payment_table import Entitlement, PaymentEvent
from tests.db.databases import empty_db_url
from tests.fakes import stripe_api
from tests.fakes.stripe_api import FakeStripeAPI, event, signature_header
from tests.webhooks.stripe_rig import NOW, StripeRig, make_stripe_rig, stripe_settings
from webhooks import limits

__all__ = ["empty_db_url"]


@pytest.fixture
def fake_stripe() -> Iterator[FakeStripeAPI]:
    yield from stripe_api.running_fake()


@pytest.fixture
def rig(tmp_path: Path, fake_stripe: FakeStripeAPI) -> Iterator[StripeRig]:
    made = make_stripe_rig(tmp_path, fake_stripe)
    yield made
    made.client.close()


def _checkout(
    rig: StripeRig, *, mode: str = "payment", product: str = "revision"
) -> tuple[str, int]:
    session_id = rig.fake.open_session(mode=mode)
    return session_id, rig.payment(product=product, ref=session_id)


def test_a_card_payment_is_paid_granted_and_told_once(rig: StripeRig) -> None:
    session_id, payment_id = _checkout(rig)
    body = rig.fake.completed(session_id, method="card")
    first = rig.post(body)
    assert first.status_code == 200
    view = rig.state(payment_id)
    assert (view.state, view.method) == ("paid", "card")
    assert view.charge_ref is not None
    assert view.charge_ref.startswith("pi_")
    assert rig.grants() == {"lawyer_review"}
    assert rig.notices() == ["payment_paid"]
    # Stripe retries (the same event, signed again later): nothing changes twice.
    rig.clock.at = NOW + timedelta(minutes=2)
    again = rig.post(body)
    assert again.status_code == 200
    assert rig.notices() == ["payment_paid"]
    assert rig.count(Entitlement) == 1
    assert rig.count(PaymentEvent) == 1


def test_oxxo_pays_later(rig: StripeRig) -> None:
    session_id, payment_id = _checkout(rig)
    assert rig.post(rig.fake.completed(session_id, method="oxxo")).status_code == 200
    assert rig.state(payment_id).state == "pending"
    assert rig.state(payment_id).method == "oxxo"
    assert rig.grants() == set()
    assert rig.notices() == []
    assert rig.post(rig.fake.async_result(session_id, succeeded=True)).status_code == 200
    assert rig.state(payment_id).state == "paid"
    assert rig.state(payment_id).method == "oxxo"
    assert rig.grants() == {"lawyer_review"}
    assert rig.notices() == ["payment_paid"]


def test_oxxo_events_out_of_order(rig: StripeRig) -> None:
    """Stripe does not promise order: the voucher's success may come before its issue."""
    session_id, payment_id = _checkout(rig)
    late = rig.fake.completed(session_id, method="oxxo")
    assert rig.post(rig.fake.async_result(session_id, succeeded=True)).status_code == 200
    assert rig.post(late).status_code == 200
    view = rig.state(payment_id)
    assert (view.state, view.method) == ("paid", "oxxo")
    assert rig.notices() == ["payment_paid"]


def test_an_oxxo_voucher_that_fails_grants_nothing_and_says_so(rig: StripeRig) -> None:
    session_id, payment_id = _checkout(rig)
    rig.post(rig.fake.completed(session_id, method="oxxo"))
    assert rig.post(rig.fake.async_result(session_id, succeeded=False)).status_code == 200
    assert rig.state(payment_id).state == "failed"
    assert rig.grants() == set()
    assert rig.notices() == ["payment_failed"]
    # A success arriving after the failure (out of order) cannot go back.
    rig.post(rig.fake.async_result(session_id, succeeded=True))
    assert rig.state(payment_id).state == "failed"


@pytest.mark.parametrize("succeeded", [True, False])
def test_an_oxxo_paid_review_opens_or_cancels_its_handoff_with_one_notice(
    rig: StripeRig, succeeded: bool
) -> None:
    request_id = rig.handoff()
    session_id = rig.fake.open_session()
    payment_id = rig.payment(ref=session_id, handoff_id=request_id)
    rig.post(rig.fake.completed(session_id, method="oxxo"))
    assert rig.handoff_status(request_id) == ("awaiting_payment", False)
    body = rig.fake.async_result(session_id, succeeded=succeeded)
    assert rig.post(body).status_code == 200
    if succeeded:
        assert rig.handoff_status(request_id) == ("open", True)
        assert rig.state(payment_id).state == "paid"
        assert rig.notices() == ["payment_paid"]
    else:
        assert rig.handoff_status(request_id) == ("cancelled", False)
        assert rig.state(payment_id).state == "failed"
        assert rig.notices() == ["payment_failed"]
    rig.clock.at = NOW + timedelta(seconds=30)
    assert rig.post(body).status_code == 200  # Stripe's retry
    assert len(rig.notices()) == 1


def test_a_refund_event_revokes_and_tells(rig: StripeRig) -> None:
    session_id, payment_id = _checkout(rig)
    rig.post(rig.fake.completed(session_id))
    intent = rig.state(payment_id).charge_ref
    assert intent is not None
    assert rig.post(rig.fake.charge_refunded(intent, amount=29_900)).status_code == 200
    assert rig.state(payment_id).state == "refunded"
    assert rig.grants() == set()
    assert rig.notices() == ["payment_paid", "refunded"]


def test_a_payment_found_by_its_metadata_when_its_session_id_was_never_attached(
    rig: StripeRig,
) -> None:
    payment_id = rig.payment(ref="pay-payload-abc")  # as services.payment_effects stores it
    session_id = rig.fake.open_session(metadata={"payment_id": str(payment_id)})
    rig.post(rig.fake.completed(session_id))
    view = rig.state(payment_id)
    assert (view.state, view.provider_ref) == ("paid", session_id)


def test_an_event_for_no_payment_of_ours_is_acknowledged_and_changes_nothing(
    rig: StripeRig,
) -> None:
    session_id = rig.fake.open_session(metadata={"payment_id": "999"})
    assert rig.post(rig.fake.completed(session_id)).status_code == 200
    assert rig.grants() == set()
    assert rig.count(PaymentEvent) == 1


def test_a_subscription_renews_and_ends(rig: StripeRig) -> None:
    session_id, payment_id = _checkout(rig, mode="subscription", product="mensual")
    rig.post(rig.fake.completed(session_id))
    view = rig.state(payment_id)
    assert view.state == "paid"
    assert view.subscription_ref is not None
    assert rig.grants() == {"answers"}
    month = NOW + timedelta(days=30)
    start, end = int(month.timestamp()), int((month + timedelta(days=30)).timestamp())
    renewal = rig.fake.invoice_paid(
        view.subscription_ref, amount=9_900, start=start, end=end, metadata={}
    )
    rig.clock.at = month
    assert rig.post(renewal).status_code == 200
    assert rig.grants(month + timedelta(days=20)) == {"answers"}
    assert rig.count(Entitlement) == 2
    rig.clock.at = month + timedelta(days=10)
    assert rig.post(rig.fake.subscription_deleted(view.subscription_ref)).status_code == 200
    assert rig.grants() == set()


def test_a_plans_first_invoice_before_its_checkout_completion(rig: StripeRig) -> None:
    """The first invoice.paid may come first: the payment is found by the metadata the
    subscription carries, paid once, granted until the period's end, and told once."""
    payment_id = rig.payment(product="mensual", ref="pay-payload-1")
    session_id = rig.fake.open_session(mode="subscription")
    with rig.sessions.begin() as session:
        payments.attach_ref(session, payment_id, provider_ref=session_id, now=NOW)
    completed = rig.fake.completed(session_id)  # settles the subscription id
    subscription = rig.fake.sessions[session_id]["subscription"]
    # A first period shorter than a month (billing anchored to the 1st): its end is the plan's.
    start, end = int(NOW.timestamp()), int((NOW + timedelta(days=20)).timestamp())
    first = rig.fake.invoice_paid(
        subscription, amount=9_900, start=start, end=end, metadata={"payment_id": str(payment_id)}
    )
    first = first.replace(b'"subscription_cycle"', b'"subscription_create"')
    assert rig.post(first).status_code == 200
    assert rig.post(completed).status_code == 200
    view = rig.state(payment_id)
    assert (view.state, view.subscription_ref) == ("paid", subscription)
    assert rig.grants(NOW + timedelta(days=22)) == {"answers"}  # the period and its grace
    assert rig.grants(NOW + timedelta(days=24)) == set()
    assert rig.notices() == ["payment_paid"]
    assert rig.count(Entitlement) == 1


def test_forged_signature_is_refused_and_changes_nothing(rig: StripeRig) -> None:
    session_id, payment_id = _checkout(rig)
    body = rig.fake.completed(session_id)
    stamp = int(NOW.timestamp())
    forged = signature_header(body, secret="whsec_not_the_real_one", at=stamp)
    answer = rig.post(body, headers={"Stripe-Signature": forged})
    assert answer.status_code == 400
    # A body changed after signing: the signature of the original does not cover it.
    tampered = body.replace(b'"paid"', b'"paid" ')
    signed = signature_header(body, at=stamp)
    assert rig.post(tampered, headers={"Stripe-Signature": signed}).status_code == 400
    assert rig.state(payment_id).state == "created"
    assert rig.count(PaymentEvent) == 0
    assert rig.grants() == set()


def test_a_stale_delivery_is_refused(rig: StripeRig) -> None:
    session_id, payment_id = _checkout(rig)
    body = rig.fake.completed(session_id)
    stale = int(NOW.timestamp()) - limits.STRIPE_TOLERANCE_S - 1
    answer = rig.post(body, at=stale)
    assert answer.status_code == 400
    assert rig.state(payment_id).state == "created"
    assert rig.count(PaymentEvent) == 0
    # The same delivery inside the tolerance is taken.
    fresh = int(NOW.timestamp()) - limits.STRIPE_TOLERANCE_S + 5
    assert rig.post(body, at=fresh).status_code == 200


@pytest.mark.parametrize(
    "header",
    [
        "",
        "t=1",
        "v1=" + "a" * 64,
        "t=abc,v1=" + "a" * 64,
        "t=1,t=2,v1=" + "a" * 64,
        "t=1,v1=" + "A" * 64,
        "t=1,v1=" + "a" * 63,
        "t=1," + ",".join(["v1=" + "a" * 64] * 9),
        "t=1,v1=" + "a" * 64 + ",x=1",
        "t=99999999999999999999,v1=" + "a" * 64,
    ],
)
def test_a_badly_shaped_signature_is_refused(rig: StripeRig, header: str) -> None:
    answer = rig.post(b"{}", headers={"Stripe-Signature": header})
    assert answer.status_code == 400


def test_size_is_refused_before_anything_else(rig: StripeRig) -> None:
    big = b"x" * (limits.STRIPE_MAX_BODY_BYTES + 1)
    declared = rig.post(big, headers={"Stripe-Signature": "nonsense"})
    assert declared.status_code == 413

    def chunks() -> Iterator[bytes]:
        yield big  # streamed, with no Content-Length

    stamp = int(NOW.timestamp())
    streamed = rig.client.post(
        "/webhooks/stripe",
        content=chunks(),
        headers={"Stripe-Signature": signature_header(big, at=stamp)},
    )
    assert streamed.status_code == 413


def test_an_authentic_body_that_is_not_an_event_is_refused(rig: StripeRig) -> None:
    for body in (b"[1]", b"not json", json.dumps({"object": "event", "id": "x"}).encode()):
        assert rig.post(body).status_code == 400
    bad_utf8 = b'{"id": "\xff"}'
    assert rig.post(bad_utf8).status_code == 400


def test_unconfigured_stripe_is_not_served(tmp_path: Path, fake_stripe: FakeStripeAPI) -> None:
    rig = make_stripe_rig(tmp_path, fake_stripe, settings=stripe_settings(secret=None))
    body = event("checkout.session.completed", {"id": "cs_1"})
    assert rig.post(body).status_code == 404


def test_a_database_failure_answers_503_and_the_retry_is_applied(
    tmp_path: Path, fake_stripe: FakeStripeAPI
) -> None:
    (tmp_path / "down").mkdir()
    broken = make_stripe_rig(tmp_path / "down", fake_stripe, migrate=False)  # no tables
    body = event("charge.refunded", {"id": "ch_1", "payment_intent": "pi_1", "refunded": True})
    assert broken.post(body).status_code == 503
    rig = make_stripe_rig(tmp_path, fake_stripe)
    assert rig.post(body).status_code == 200
    assert rig.count(PaymentEvent) == 1


def test_the_clock_is_the_apps(rig: StripeRig) -> None:
    """Age is measured with the app's clock: a delivery signed 'now' by a sender whose clock
    is an hour ahead is refused (the tolerance cuts both ways)."""
    session_id, _ = _checkout(rig)
    ahead = int((datetime.now(UTC) + timedelta(hours=1)).timestamp())
    rig.clock.at = datetime.now(UTC)
    assert rig.post(rig.fake.completed(session_id), at=ahead).status_code == 400


FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_text = st.text(max_size=40)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | _text,
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(_text, kids, max_size=3),
    max_leaves=12,
)
# The fields the handlers read, and any other.
_keys = _text | st.sampled_from(
    [
        "id",
        "metadata",
        "payment_status",
        "payment_intent",
        "payment_method_types",
        "subscription",
        "parent",
        "lines",
        "billing_reason",
        "amount_paid",
        "currency",
        "refunded",
    ]
)
_kinds = st.sampled_from(
    [
        "checkout.session.completed",
        "checkout.session.async_payment_succeeded",
        "checkout.session.async_payment_failed",
        "checkout.session.expired",
        "invoice.paid",
        "customer.subscription.deleted",
        "charge.refunded",
        "payment_intent.created",
    ]
)


@FUZZ
@given(
    body=st.binary(max_size=300),
    header=st.text(st.characters(min_codepoint=32, max_codepoint=255), max_size=120),
)
def test_fuzz_unsigned_is_refused_never_5xx(rig: StripeRig, body: bytes, header: str) -> None:
    headers = {"Stripe-Signature": header.encode("latin-1")}
    answer = rig.client.post("/webhooks/stripe", content=body, headers=headers)
    assert answer.status_code in (400, 413)
    assert rig.count(PaymentEvent) == 0


@FUZZ
@given(kind=_kinds, obj=st.dictionaries(_keys, _json, max_size=8), ident=st.integers(1, 10**9))
def test_fuzz_signed_events_of_any_shape_never_5xx(
    rig: StripeRig, kind: str, obj: dict[str, object], ident: int
) -> None:
    """Stripe's own events only ever have Stripe's shapes; still, no shape makes a 500."""
    body = event(kind, obj, event_id=f"evt_{ident}")
    assert rig.post(body).status_code == 200
    assert rig.grants() == set()


def test_two_deliveries_of_one_event_at_once_apply_it_once(
    tmp_path: Path, fake_stripe: FakeStripeAPI, empty_db_url: str
) -> None:
    """Stripe may deliver an event again before the first delivery is answered: both are
    answered (200, or 503 and retried), and the payment is paid, granted and told once."""
    rig = make_stripe_rig(tmp_path, fake_stripe, url=empty_db_url)
    session_id, payment_id = _checkout(rig)
    body = rig.fake.completed(session_id)
    start = threading.Barrier(4)

    def deliver() -> int:
        client = TestClient(rig.client.app)
        start.wait()
        headers = rig.fake.signed(body, at=int(NOW.timestamp()))
        return int(client.post("/webhooks/stripe", content=body, headers=headers).status_code)

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: deliver(), range(4)))
    assert set(answers) <= {200, 503}
    assert 200 in answers
    assert rig.state(payment_id).state == "paid"
    assert rig.count(Entitlement) == 1
    assert rig.count(PaymentEvent) == 1
    assert rig.notices() == ["payment_paid"]
