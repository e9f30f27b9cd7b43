"""Deadline reminders on AWS: the ``Reminders`` function's spec and the EventBridge Scheduler
schedule that invokes it every five minutes.

The function is ``abogado.lambda_handlers.reminders`` from the shared image, named as a string
only; one run at a time (each reminder is claimed once anyway, so an overlap is harmless).
"""

from __future__ import annotations

from collections.abc import Mapping

from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_secretsmanager as sm
from constructs import Construct

from infra.compute import FunctionSpec
from infra.config import EnvironmentConfig
from infra.schedules import FunctionSchedule

REMINDERS_HANDLER = "abogado.lambda_handlers.reminders"
EVERY_MINUTES = 5
MEMORY_MB = 512
# A pass sends what is due (a few messages a minute at most) well within this.
TIMEOUT_S = 120
TEMPLATE_VARIABLE = "ABOGADO_TWILIO__REMINDER_TEMPLATE_SID"


def reminders_spec(*, secrets: Mapping[str, sm.ISecret]) -> FunctionSpec:
    """The function: the database and both channels' secrets, nothing of the queue or Bedrock."""
    return FunctionSpec(
        name="Reminders",
        handler=REMINDERS_HANDLER,
        memory_mb=MEMORY_MB,
        timeout_s=TIMEOUT_S,
        reserved_concurrency=1,
        secrets=secrets,
    )


def reminders_environment(config: EnvironmentConfig) -> dict[str, str]:
    """Settings the sender reads beyond the shared ones: the WhatsApp template, when approved."""
    if not config.twilio_reminder_template_sid:
        return {}
    return {TEMPLATE_VARIABLE: config.twilio_reminder_template_sid}


class ReminderSchedule(FunctionSchedule):
    """Invokes ``function`` every five minutes; a missed run is not retried (the next one is)."""

    def __init__(self, scope: Construct, construct_id: str, *, function: lambda_.IFunction) -> None:
        super().__init__(
            scope,
            construct_id,
            function=function,
            every_minutes=EVERY_MINUTES,
            what="reminder",
            description="abogado: send the deadline reminders that are due",
        )
