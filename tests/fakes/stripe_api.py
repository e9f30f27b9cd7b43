"""A fake Stripe API: real HTTP on 127.0.0.1 in a thread, speaking the few endpoints abogado uses
(Checkout Sessions, billing-portal sessions, refunds), plus events signed exactly as Stripe signs
them (``Stripe-Signature: t=…,v1=HMAC-SHA256(secret, "t.payload")``).

Point ``settings.stripe.api_base_url`` at ``fake.url``. The fake checks the Bearer key, keeps
Stripe's idempotency (a repeated ``Idempotency-Key`` gets the first answer), records each call,
and scripts errors with ``fail_next``. ``completed``, ``async_result``, ``charge_refunded``… build
the events Stripe would send for a session, ``signed`` signs any payload.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.fakes.stripe_wire import (
    API_KEY,
    WEBHOOK_SECRET,
    decode_form,
    error,
    event,
    signature_header,
)

__all__ = ["API_KEY", "WEBHOOK_SECRET", "decode_form", "event", "signature_header"]


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    form: dict[str, Any]
    idempotency_key: str | None
    status: int


@dataclass
class FakeStripeAPI:
    api_key: str = API_KEY
    webhook_secret: str = WEBHOOK_SECRET
    calls: list[Call] = field(default_factory=list)
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    refunds: list[dict[str, Any]] = field(default_factory=list)
    # A subscription's invoices, with the PaymentIntent that paid each (``invoice_payments``).
    invoices: dict[str, dict[str, Any]] = field(default_factory=dict)
    # What a new refund's status is: "succeeded" (a card), "requires_action" (an OXXO payment:
    # Stripe e-mails the customer for bank details), "pending".
    refund_status: str = "succeeded"
    _failures: list[int] = field(default_factory=list)
    _answers: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    def start(self) -> FakeStripeAPI:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                fake._handle(self)

            def do_GET(self) -> None:
                fake._handle(self)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def url(self) -> str:
        assert self._server is not None, "start() the fake first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def fail_next(self, status: int = 500, *, times: int = 1) -> None:
        """The next ``times`` API calls answer ``status`` (402 card_error, 500 api_error…)."""
        with self._lock:
            self._failures.extend([status] * times)

    def posts(self, path: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == "POST" and c.path == path]

    def open_session(
        self, *, mode: str = "payment", amount: int = 29_900, metadata: dict[str, str] | None = None
    ) -> str:
        """A Checkout Session as if created through the API; its id."""
        form = {
            "mode": mode,
            "success_url": "https://abogado.example.mx/pagos/listo",
            "payment_method_types": ["card", "oxxo"] if mode == "payment" else ["card"],
            "metadata": metadata or {},
            "line_items": [{"quantity": "1", "price_data": {"unit_amount": str(amount)}}],
        }
        with self._lock:
            status, body = self._create_session(form)
        assert status == 200, body
        return str(body["id"])

    # Events Stripe would send (bodies; sign with ``signed``).
    def signed(self, payload: bytes, *, at: int | None = None) -> dict[str, str]:
        """Headers of a webhook delivery of ``payload``, signed with this fake's secret."""
        return {
            "Stripe-Signature": signature_header(payload, secret=self.webhook_secret, at=at),
            "Content-Type": "application/json; charset=utf-8",
        }

    def completed(self, session_id: str, *, method: str = "card") -> bytes:
        """``checkout.session.completed``: paid for a card, unpaid (a voucher) for OXXO."""
        session = self._settle(session_id, method=method)
        session["status"] = "complete"
        session["payment_status"] = "unpaid" if method == "oxxo" else "paid"
        return event("checkout.session.completed", dict(session))

    def async_result(self, session_id: str, *, succeeded: bool) -> bytes:
        """``checkout.session.async_payment_succeeded`` / ``_failed`` (the OXXO voucher)."""
        session = self._settle(session_id, method="oxxo")
        session["payment_status"] = "paid" if succeeded else "unpaid"
        kind = "succeeded" if succeeded else "failed"
        return event(f"checkout.session.async_payment_{kind}", dict(session))

    def charge_refunded(self, payment_intent: str, *, amount: int) -> bytes:
        """``charge.refunded`` for the charge of ``payment_intent`` (fully refunded)."""
        charge = {
            "id": "ch_" + uuid.uuid4().hex[:24],
            "object": "charge",
            "payment_intent": payment_intent,
            "amount": amount,
            "amount_refunded": amount,
            "refunded": True,
            "currency": "mxn",
        }
        return event("charge.refunded", charge)

    def invoice_paid(
        self, subscription: str, *, amount: int, start: int, end: int, metadata: dict[str, str]
    ) -> bytes:
        """``invoice.paid`` of a subscription period (``parent`` as API versions since 2025)."""
        ident = "in_" + uuid.uuid4().hex[:24]
        invoice = {
            "id": ident,
            "object": "invoice",
            "amount_paid": amount,
            "currency": "mxn",
            "billing_reason": "subscription_cycle",
            "parent": {
                "type": "subscription_details",
                "subscription_details": {"subscription": subscription, "metadata": metadata},
            },
            "lines": {"object": "list", "data": [{"period": {"start": start, "end": end}}]},
        }
        # Since 2025-03-31 the invoice names no PaymentIntent: an InvoicePayment links them.
        intent = "pi_" + uuid.uuid4().hex[:24]
        with self._lock:
            self.invoices[ident] = {"payment_intent": intent, "amount": amount}
        return event("invoice.paid", invoice)

    def invoice_payment_paid(self, invoice_id: str) -> bytes:
        """``invoice_payment.paid``: the InvoicePayment linking an invoice to its PaymentIntent."""
        return event("invoice_payment.paid", self._invoice_payment(invoice_id))

    def _invoice_payment(self, invoice_id: str) -> dict[str, Any]:
        paid = self.invoices[invoice_id]
        return {
            "id": "inpay_" + uuid.uuid4().hex[:24],
            "object": "invoice_payment",
            "amount_paid": paid["amount"],
            "amount_requested": paid["amount"],
            "currency": "mxn",
            "invoice": invoice_id,
            "is_default": True,
            "payment": {"type": "payment_intent", "payment_intent": paid["payment_intent"]},
            "status": "paid",
        }

    def subscription_deleted(self, subscription: str) -> bytes:
        obj = {"id": subscription, "object": "subscription", "status": "canceled"}
        return event("customer.subscription.deleted", obj)

    def _settle(self, session_id: str, *, method: str) -> dict[str, Any]:
        with self._lock:
            session = self.sessions[session_id]
            if session["mode"] == "subscription":
                session["subscription"] = session["subscription"] or "sub_" + uuid.uuid4().hex[:24]
                session["customer"] = session["customer"] or "cus_" + uuid.uuid4().hex[:14]
            else:
                session["payment_intent"] = (
                    session["payment_intent"] or "pi_" + uuid.uuid4().hex[:24]
                )
            # The session keeps the types it offered (Stripe's event does not say which was used).
            assert method in session["payment_method_types"], (method, session)
            return session

    # HTTP.
    def _handle(self, req: BaseHTTPRequestHandler) -> None:
        length = int(req.headers.get("Content-Length") or 0)
        raw = req.rfile.read(length).decode() if length else ""
        form = decode_form(raw)
        path, _, query = req.path.partition("?")
        if req.command == "GET" and query:
            form = decode_form(query)
        key = req.headers.get("Idempotency-Key")
        if req.headers.get("Authorization") != f"Bearer {self.api_key}":
            self._reply(req, 401, error("invalid_request_error", "Invalid API Key provided"))
            return
        with self._lock:
            if key is not None and key in self._answers:
                status, body = self._answers[key]
                self.calls.append(Call(req.command, path, form, key, status))
                self._reply(req, status, body, replayed=True)
                return
            failure = self._failures.pop(0) if self._failures else None
            if failure is not None:
                status, body = failure, error("api_error", "Scripted failure")
            else:
                status, body = self._route(req.command, path, form)
            if key is not None and status < 500:
                self._answers[key] = (status, body)
            self.calls.append(Call(req.command, path, form, key, status))
        self._reply(req, status, body)

    def _route(self, method: str, path: str, form: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method == "POST" and path == "/v1/checkout/sessions":
            return self._create_session(form)
        if method == "POST" and path == "/v1/billing_portal/sessions":
            if not form.get("customer"):
                return 400, error("invalid_request_error", "Missing required param: customer.")
            ident = "bps_" + uuid.uuid4().hex[:24]
            url = f"{self.url}/p/session/{ident}"
            return 200, {"id": ident, "object": "billing_portal.session", "url": url, **form}
        if method == "GET" and path.startswith("/v1/subscriptions/"):
            ident = path.rsplit("/", 1)[-1]
            owner = [s for s in self.sessions.values() if s.get("subscription") == ident]
            if not owner:
                return 404, error("invalid_request_error", f"No such subscription: '{ident}'")
            customer = owner[0]["customer"]
            return 200, {"id": ident, "object": "subscription", "customer": customer}
        if method == "POST" and path == "/v1/refunds":
            return self._refund(form)
        if method == "GET" and path == "/v1/invoice_payments":
            ident = str(form.get("invoice", ""))
            data = [self._invoice_payment(ident)] if ident in self.invoices else []
            return 200, {"object": "list", "data": data, "has_more": False, "url": path}
        return 404, error("invalid_request_error", f"Unrecognized request URL ({path}).")

    def _create_session(self, form: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        mode = form.get("mode", "payment")
        methods = form.get("payment_method_types") or ["card"]
        if mode == "subscription" and "oxxo" in methods:
            message = "The payment method `oxxo` cannot be used in subscription mode."
            return 400, error("invalid_request_error", message)
        if not form.get("success_url") and form.get("ui_mode") != "embedded":
            return 400, error("invalid_request_error", "Missing required param: success_url.")
        ident = "cs_test_" + uuid.uuid4().hex
        amount = 0
        for item in form.get("line_items", []):
            price = item.get("price_data", {})
            amount += int(price.get("unit_amount", 0)) * int(item.get("quantity", 1))
        session = {
            "id": ident,
            "object": "checkout.session",
            "mode": mode,
            "url": f"{self.url}/c/pay/{ident}",
            "status": "open",
            "payment_status": "unpaid",
            "client_reference_id": form.get("client_reference_id"),
            "metadata": form.get("metadata", {}),
            "amount_total": amount,
            "currency": "mxn",
            "payment_method_types": methods,
            "payment_intent": None,
            "subscription": None,
            "customer": form.get("customer"),
            "success_url": form.get("success_url"),
            "cancel_url": form.get("cancel_url"),
        }
        self.sessions[ident] = session
        return 200, dict(session)

    def _refund(self, form: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        intent = form.get("payment_intent")
        if not intent:
            return 400, error("invalid_request_error", "Missing payment_intent or charge.")
        if any(r["payment_intent"] == intent for r in self.refunds):
            message = f"Charge for {intent} has already been refunded."
            return 400, error("invalid_request_error", message, code="charge_already_refunded")
        known = [
            s["amount_total"] for s in self.sessions.values() if s.get("payment_intent") == intent
        ]
        known += [i["amount"] for i in self.invoices.values() if i["payment_intent"] == intent]
        if not known:
            return 404, error("invalid_request_error", f"No such payment_intent: '{intent}'")
        refund = {
            "id": "re_" + uuid.uuid4().hex[:24],
            "object": "refund",
            "payment_intent": intent,
            "amount": known[0],
            "currency": "mxn",
            "status": self.refund_status,
            "reason": form.get("reason"),
            "metadata": form.get("metadata", {}),
        }
        self.refunds.append(refund)
        return 200, refund

    @staticmethod
    def _reply(
        req: BaseHTTPRequestHandler, status: int, body: dict[str, Any], *, replayed: bool = False
    ) -> None:
        data = json.dumps(body).encode()
        req.send_response(status)
        req.send_header("Content-Type", "application/json")
        req.send_header("Content-Length", str(len(data)))
        req.send_header("Request-Id", "req_" + uuid.uuid4().hex[:14])
        if replayed:
            req.send_header("Idempotent-Replayed", "true")
        req.end_headers()
        req.wfile.write(data)


def running_fake() -> Iterator[FakeStripeAPI]:
    """Generator body for a pytest fixture: ``yield from running_fake()``."""
    fake = FakeStripeAPI().start()
    try:
        yield fake
    finally:
        fake.stop()
