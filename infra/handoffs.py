"""Issue 17 on AWS (docs/handoff.md, "On AWS"): the SLA sweep, a function invoked every five
minutes that escalates unclaimed requests and delivers the notices, and the alarms that page
the operator when a request is escalated or its refund fails.

The handler ``abogado.lambda_handlers.sweep_handoffs`` is named as a string only. It logs the
counts as a CloudWatch embedded-metric document (namespace ``abogado``, ``HandoffsEscalated``
and ``HandoffRefundsFailed`` among them, no dimensions: ``services.handoff_sweep.emf_line``).
"""

from __future__ import annotations

from collections.abc import Mapping

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cw
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_secretsmanager as sm
from constructs import Construct

from infra.compute import FunctionSpec
from infra.monitoring import Alarms
from infra.schedules import FunctionSchedule

SWEEP_HANDLER = "abogado.lambda_handlers.sweep_handoffs"
SWEEP_NAME = "HandoffSweep"
EVERY_MINUTES = 1  # lawyers' replies and payment notices wait at most a minute
MEMORY_MB = 512
# One pass: a few escalations (each may call Stripe or Telegram for a refund) and the notices.
TIMEOUT_S = 120
METRIC_NAMESPACE = "abogado"
ESCALATED_METRIC = "HandoffsEscalated"
# A paid review escalated and not refunded (Stripe or Telegram refused): someone must act.
REFUNDS_FAILED_METRIC = "HandoffRefundsFailed"
# Three sweeps: one escalation pages once, not three times in a row.
ESCALATION_WINDOW = Duration.minutes(15)
TEMPLATE_VARIABLE = "ABOGADO_TWILIO__HANDOFF_TEMPLATE_SID"


def sweep_spec(*, secrets: Mapping[str, sm.ISecret]) -> FunctionSpec:
    """One run at a time: requests and notices are claimed once anyway, an overlap is waste."""
    return FunctionSpec(
        name=SWEEP_NAME,
        handler=SWEEP_HANDLER,
        memory_mb=MEMORY_MB,
        timeout_s=TIMEOUT_S,
        reserved_concurrency=1,
        secrets=secrets,
    )


def template_environment(sid: str) -> dict[str, str]:
    """The approved "Tu abogado te respondió" template, when there is one."""
    return {TEMPLATE_VARIABLE: sid} if sid else {}


class HandoffSweep(Construct):
    """The five-minute schedule and the alarms on escalations and failed refunds (the
    function's errors and throttles are watched with the others', in ``Alarms``)."""

    def __init__(
        self, scope: Construct, construct_id: str, *, function: lambda_.IFunction, alarms: Alarms
    ) -> None:
        super().__init__(scope, construct_id)
        self.schedule = FunctionSchedule(
            self,
            "Every5Minutes",
            function=function,
            every_minutes=EVERY_MINUTES,
            what="handoff sweep",
            description="abogado: escalate unclaimed handoffs, deliver the notices",
        )
        self.alarms = {
            name: alarms.watch(
                name,
                cw.Metric(
                    namespace=METRIC_NAMESPACE,
                    metric_name=name,
                    statistic="Sum",
                    period=ESCALATION_WINDOW,
                ),
                threshold=1,
            )
            for name in (ESCALATED_METRIC, REFUNDS_FAILED_METRIC)
        }
