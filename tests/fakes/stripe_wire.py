"""Stripe's wire formats for the fake Stripe API: its form encoding (``a[b][0]=x``), its
error bodies, and webhook events signed exactly as Stripe signs them
(``Stripe-Signature: t=…,v1=HMAC-SHA256(secret, "t.payload")``)."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
import uuid
from typing import Any
from urllib.parse import parse_qsl

API_KEY = "sk_test_fake_0123456789abcdef"
WEBHOOK_SECRET = "whsec_fake_0123456789abcdef0123456789"
_KEY_PART = re.compile(r"\[([^\]]*)\]")


def decode_form(body: str) -> dict[str, Any]:
    """Stripe's form encoding (``a[b][0]=x``) back to nested dicts and lists."""
    root: dict[str, Any] = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        head, _, rest = key.partition("[")
        parts = [head, *_KEY_PART.findall("[" + rest)] if rest else [head]
        node: Any = root
        for part, following in zip(parts, [*parts[1:], None], strict=True):
            fresh: Any = [] if following is not None and following.isdigit() else {}
            if isinstance(node, list):
                index = int(part)
                node.extend([None] * (index + 1 - len(node)))
                if following is None:
                    node[index] = value
                elif node[index] is None:
                    node[index] = fresh
                node = node[index]
            elif following is None:
                node[part] = value
            else:
                node = node.setdefault(part, fresh)
    return root


def signature_header(payload: bytes, *, secret: str = WEBHOOK_SECRET, at: int | None = None) -> str:
    """The ``Stripe-Signature`` header Stripe sends with ``payload`` at ``at`` (default now)."""
    stamp = int(time.time()) if at is None else at
    signed = f"{stamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={stamp},v1={digest}"


def event(kind: str, obj: dict[str, Any], *, event_id: str | None = None) -> bytes:
    """A webhook body as Stripe sends it (API version of stripe-python 16)."""
    body = {
        "id": event_id or "evt_" + uuid.uuid4().hex[:24],
        "object": "event",
        "api_version": "2026-10-28.endive",
        "created": int(time.time()),
        "data": {"object": obj},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": kind,
    }
    return json.dumps(body).encode()


def error(kind: str, message: str, *, code: str | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"type": kind, "message": message}
    if code is not None:
        error["code"] = code
    return {"error": error}
