"""The updates Telegram sends while a person pays a Stars invoice, shaped as the Bot API
documents them: ``pre_checkout_query`` (answer within 10 s) and the ``successful_payment``
service message."""

from __future__ import annotations

import itertools
import time
from typing import Any

_ids = itertools.count(900_000)


def pre_checkout_update(
    *, user_id: int, payload: str, total: int, currency: str = "XTR", update_id: int | None = None
) -> dict[str, Any]:
    uid = update_id if update_id is not None else next(_ids)
    return {
        "update_id": uid,
        "pre_checkout_query": {
            "id": f"pcq{uid}",
            "from": {"id": user_id, "is_bot": False, "first_name": "Ana"},
            "currency": currency,
            "total_amount": total,
            "invoice_payload": payload,
        },
    }


def paid_update(
    *,
    user_id: int,
    payload: str,
    total: int,
    charge_id: str,
    currency: str = "XTR",
    update_id: int | None = None,
    recurring: bool = False,
    first_recurring: bool = False,
) -> dict[str, Any]:
    """The service message that confirms a payment, in the payer's private chat."""
    uid = update_id if update_id is not None else next(_ids)
    payment: dict[str, Any] = {
        "currency": currency,
        "total_amount": total,
        "invoice_payload": payload,
        "telegram_payment_charge_id": charge_id,
        "provider_payment_charge_id": "",
    }
    if recurring:
        payment["is_recurring"] = True
        payment["is_first_recurring"] = first_recurring
        payment["subscription_expiration_date"] = int(time.time()) + 30 * 86400
    return {
        "update_id": uid,
        "message": {
            "message_id": uid,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": "Ana"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Ana"},
            "successful_payment": payment,
        },
    }
