"""The reminder function and its EventBridge Scheduler schedule: every five minutes, invoking
exactly that function, no retries, one run at a time, the channels' secrets and nothing more."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from aws_cdk.assertions import Template

from infra.environments import PIPELINE
from infra.reminders import (
    MEMORY_MB,
    REMINDERS_HANDLER,
    TEMPLATE_VARIABLE,
    TIMEOUT_S,
    reminders_environment,
)
from tests.infra.templates import function_by_handler, props, subnet_ids


def _role_actions(template: Template, role: str) -> set[str]:
    found: set[str] = set()
    for p in props(template, "AWS::IAM::Policy").values():
        if {"Ref": role} in p["Roles"]:
            for statement in p["PolicyDocument"]["Statement"]:
                action = statement["Action"]
                found.update(action if isinstance(action, list) else [action])
    return found


def test_the_schedule_invokes_the_reminder_function_every_five_minutes(
    env_template: Template,
) -> None:
    name, _ = function_by_handler(env_template, REMINDERS_HANDLER)
    (schedule,) = [
        s
        for s in props(env_template, "AWS::Scheduler::Schedule").values()
        if s["Target"]["Arn"] == {"Fn::GetAtt": [name, "Arn"]}
    ]
    assert schedule["Description"] == "abogado: send the deadline reminders that are due"
    assert schedule["ScheduleExpression"] == "rate(5 minutes)"
    assert schedule["State"] == "ENABLED"
    assert schedule["FlexibleTimeWindow"] == {"Mode": "OFF"}
    target = schedule["Target"]
    assert target["Arn"] == {"Fn::GetAtt": [name, "Arn"]}
    assert target["RetryPolicy"]["MaximumRetryAttempts"] == 0
    assert target["RetryPolicy"]["MaximumEventAgeInSeconds"] == 300
    # The schedule's role may invoke that function and nothing else.
    role = target["RoleArn"]["Fn::GetAtt"][0]
    statements = [
        s
        for p in props(env_template, "AWS::IAM::Policy").values()
        if {"Ref": role} in p["Roles"]
        for s in p["PolicyDocument"]["Statement"]
    ]
    assert [(s["Action"], s["Resource"]) for s in statements] == [
        ("lambda:InvokeFunction", {"Fn::GetAtt": [name, "Arn"]})
    ]
    (trust,) = props(env_template, "AWS::IAM::Role")[role]["AssumeRolePolicyDocument"]["Statement"]
    assert trust["Principal"] == {"Service": "scheduler.amazonaws.com"}
    assert "aws:SourceAccount" in trust["Condition"]["StringEquals"]


def test_the_function_is_small_single_and_in_the_private_subnets(env_template: Template) -> None:
    _, function = function_by_handler(env_template, REMINDERS_HANDLER)
    assert (function["MemorySize"], function["Timeout"]) == (MEMORY_MB, TIMEOUT_S)
    assert function["ReservedConcurrentExecutions"] == 1
    private = [{"Ref": s} for s in subnet_ids(env_template, "Private")]
    assert sorted(function["VpcConfig"]["SubnetIds"], key=str) == private
    env: dict[str, Any] = function["Environment"]["Variables"]
    assert {
        "ABOGADO_SECRETS__DATABASE_ARN",
        "ABOGADO_SECRETS__TELEGRAM_ARN",
        "ABOGADO_SECRETS__TWILIO_ARN",
    } <= set(env)
    assert "ABOGADO_SECRETS__SESSIONS_ARN" not in env
    actions = _role_actions(env_template, function["Role"]["Fn::GetAtt"][0])
    assert "secretsmanager:GetSecretValue" in actions
    assert not any(a.startswith(("sqs:", "bedrock:")) for a in actions)


def test_its_errors_and_throttles_raise_alarms(env_template: Template) -> None:
    name, _ = function_by_handler(env_template, REMINDERS_HANDLER)
    watched = {
        (a["MetricName"], a["Dimensions"][0]["Value"]["Ref"])
        for a in props(env_template, "AWS::CloudWatch::Alarm").values()
        if a.get("Namespace") == "AWS/Lambda"
    }
    assert {("Errors", name), ("Throttles", name)} <= watched


def test_the_whatsapp_template_reaches_the_settings_only_when_configured() -> None:
    config = PIPELINE.staging
    assert reminders_environment(replace(config, twilio_reminder_template_sid="")) == {}
    sid = "HX" + "c" * 32
    configured = replace(config, twilio_reminder_template_sid=sid)
    assert reminders_environment(configured) == {TEMPLATE_VARIABLE: sid}
