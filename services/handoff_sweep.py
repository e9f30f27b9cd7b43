"""The handoff service level: a request open and unclaimed longer than
``handoff.claim_within_minutes`` is escalated once (the worker told honestly by a notice), its
payment refunded through ``services.refunds`` with no transaction open, and the count reported
as a CloudWatch EMF metric (namespace "abogado", "HandoffsEscalated") that the alarm watches.
A paid review the worker cancelled before any claim (or paid for a request that no longer
waited for it) is refunded the same way; the refunder's own notice tells the worker."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from db import handoff_sla, refunds_owed
from services.refunds import Refunder

log = logging.getLogger(__name__)

NAMESPACE = "abogado"
REFUND_REASON = "handoff_not_claimed"
ACTOR = "handoff_sweep"


# How long an accepted refund may stay unfinished before it pages: an OXXO refund waits for the
# customer to give bank details by Stripe's email (Stripe then pays in a few business days); ten
# days leaves a week to answer and the transfer's time, then a person must look.
REFUND_WAIT = timedelta(days=10)


@dataclass(frozen=True, slots=True)
class SweepResult:
    escalated: int
    refunded: int  # refunds the provider accepted in this sweep (done, or in progress)
    refunds_failed: int
    refunds_unfinished: int = 0  # accepted more than REFUND_WAIT ago, still not done

    def metrics(self) -> dict[str, int]:
        """The EMF counts; ``HandoffRefundsFailed`` (the alarm's metric) counts unfinished
        refunds too: money owed that does not move either way."""
        return {
            "HandoffsEscalated": self.escalated,
            "HandoffRefunds": self.refunded,
            "HandoffRefundsFailed": self.refunds_failed + self.refunds_unfinished,
            "HandoffRefundsUnfinished": self.refunds_unfinished,
        }


def emf_line(metrics: Mapping[str, int], *, now: datetime) -> str:
    """One CloudWatch Embedded Metric Format record (counts, no dimensions): printed on its own
    line to a Lambda's stdout, CloudWatch turns it into metrics without any API call."""
    return json.dumps(
        {
            "_aws": {
                "Timestamp": int(now.timestamp() * 1000),
                "CloudWatchMetrics": [
                    {
                        "Namespace": NAMESPACE,
                        "Dimensions": [[]],
                        "Metrics": [{"Name": name, "Unit": "Count"} for name in metrics],
                    }
                ],
            },
            **metrics,
        },
        separators=(",", ":"),
    )


class HandoffSweep:
    def __init__(
        self,
        *,
        sessions: sessionmaker[Session],
        refunds: Refunder | None,
        claim_within: timedelta,
        now: Callable[[], datetime],
    ) -> None:
        self._sessions = sessions
        self._refunds = refunds
        self._claim_within = claim_within
        self._now = now

    def run_once(self) -> SweepResult:
        now = self._now()
        with self._sessions() as session:
            overdue = handoff_sla.overdue(session, opened_before=now - self._claim_within)
        escalated = 0
        for request_id in overdue:  # one transaction each: a lawyer's claim may win any of them
            with self._sessions.begin() as session:
                escalated += handoff_sla.escalate(session, request_id, now=now)
        if escalated:
            log.warning("handoffs: %d escalated (nobody claimed them in time)", escalated)
        refunded, failed = self._refund_all()
        with self._sessions() as session:
            stuck = refunds_owed.unfinished(session, requested_before=now - REFUND_WAIT)
        if stuck:
            log.error(
                "handoffs: %d refunds accepted over %s ago still not done", len(stuck), REFUND_WAIT
            )
        return SweepResult(escalated, refunded, failed, len(stuck))

    def _refund_all(self) -> tuple[int, int]:
        """Refund every payment ``handoff_sla.refunds_due`` finds (escalated, cancelled before a
        claim, not the request's payment, or owed after /borrar); each sweep retries the
        failures (refunders are idempotent: a payment already refunded counts as done). A
        refund accepted but in progress (OXXO) is not due again: ``charge.refunded`` ends it."""
        with self._sessions() as session:
            due = handoff_sla.refunds_due(session)
        if due and self._refunds is None:
            log.error("handoffs: %d refunds due and no refunder configured", len(due))
            return 0, len(due)
        refunded = failed = 0
        for payment_id in due:
            assert self._refunds is not None
            try:  # a remote call: no transaction is open here
                ok = self._refunds.refund(payment_id, reason=REFUND_REASON, actor=ACTOR)
            except Exception as exc:  # one provider's outage must not stop the others
                log.error(
                    "handoffs: refund of payment %d failed: %s", payment_id, type(exc).__name__
                )
                ok = False
            refunded += ok
            failed += not ok
        return refunded, failed
