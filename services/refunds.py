"""Refunds, whichever provider took the payment: a ``Refunder`` per provider ("stripe" here,
"stars" for Telegram Stars) behind one ``Refunds`` that looks the payment up and dispatches.

Callers (the admin page's refund button, the handoff SLA sweep) hold no transaction open: a
refund is a remote call.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from db import payments

log = logging.getLogger(__name__)


class Refunder(Protocol):
    def refund(self, payment_id: int, *, reason: str, actor: str) -> bool:
        """Refund ``payment_id`` in full; True when the provider accepted it (or had already)."""
        ...


class Refunds:
    """Dispatches a refund to the provider of the payment; False for an unknown payment or a
    provider with no refunder here."""

    def __init__(
        self, by_provider: Mapping[str, Refunder], *, sessions: sessionmaker[Session]
    ) -> None:
        self._by_provider = dict(by_provider)
        self._sessions = sessions

    @property
    def providers(self) -> frozenset[str]:
        return frozenset(self._by_provider)

    def refund(self, payment_id: int, *, reason: str, actor: str) -> bool:
        with self._sessions() as session:
            view = payments.get(session, payment_id)
        if view is None:
            return False
        refunder = self._by_provider.get(view.provider)
        if refunder is None:
            log.warning("no refunder for provider %s (payment %d)", view.provider, payment_id)
            return False
        return refunder.refund(payment_id, reason=reason, actor=actor)
