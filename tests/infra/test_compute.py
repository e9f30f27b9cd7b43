"""The functions: image CMDs, VPC placement, sizes, queue wiring, IAM, logs, alarms (front:
test_front.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aws_cdk.assertions import Template

from infra.compute import PRE_SIGN_UP_HANDLER, RECEIVER_HANDLER, TRIGGER_HANDLER, WORKER_HANDLER
from infra.environments import PIPELINE
from infra.handoffs import SWEEP_HANDLER
from infra.reminders import REMINDERS_HANDLER
from tests.infra.templates import function_by_handler, props, ref, resources, subnet_ids

HANDLERS = (
    RECEIVER_HANDLER,
    WORKER_HANDLER,
    TRIGGER_HANDLER,
    REMINDERS_HANDLER,
    PRE_SIGN_UP_HANDLER,
    SWEEP_HANDLER,
)


def test_handlers_are_the_stable_entry_point_names() -> None:
    # DESIGN.md "Stable interfaces"; named as strings, never imported by infra.
    assert HANDLERS == (
        "abogado.lambda_handlers.http",
        "abogado.lambda_handlers.worker",
        "abogado.lambda_handlers.cognito_post_confirmation",
        "abogado.lambda_handlers.reminders",
        "abogado.lambda_handlers.cognito_pre_sign_up",
        "abogado.lambda_handlers.sweep_handoffs",
    )


def test_every_function_is_an_image_in_the_private_subnets(env_template: Template) -> None:
    functions = props(env_template, "AWS::Lambda::Function")
    private = [ref(s) for s in subnet_ids(env_template, "Private")]
    assert len(functions) == len(HANDLERS)
    for p in functions.values():
        assert p["PackageType"] == "Image"
        assert sorted(p["VpcConfig"]["SubnetIds"], key=str) == private
        assert p["VpcConfig"]["SecurityGroupIds"]
    commands = sorted(p["ImageConfig"]["Command"][0] for p in functions.values())
    assert commands == sorted(HANDLERS)
    # One image for all of them: same asset, different CMD.
    assert len({json.dumps(p["Code"]["ImageUri"]) for p in functions.values()}) == 1


@pytest.mark.parametrize(
    ("handler", "timeout", "memory"),
    [
        (RECEIVER_HANDLER, 10, 512),
        (WORKER_HANDLER, 60, 1024),
        (TRIGGER_HANDLER, 10, 256),
        (PRE_SIGN_UP_HANDLER, 10, 256),
    ],
)
def test_timeouts_and_memory(staging: Template, handler: str, timeout: int, memory: int) -> None:
    _, p = function_by_handler(staging, handler)
    assert (p["Timeout"], p["MemorySize"]) == (timeout, memory)


def test_reserved_concurrency_bounds_telegram_connections(
    staging: Template, production: Template
) -> None:
    for template, config in ((staging, PIPELINE.staging), (production, PIPELINE.production)):
        _, receiver = function_by_handler(template, RECEIVER_HANDLER)
        _, worker = function_by_handler(template, WORKER_HANDLER)
        sizes = config.sizes
        assert receiver["ReservedConcurrentExecutions"] == sizes.receiver_reserved_concurrency
        assert worker["ReservedConcurrentExecutions"] == sizes.worker_reserved_concurrency
    # The Cognito trigger keeps no reservation: sign-ups are rare and must never be throttled.
    _, trigger = function_by_handler(staging, TRIGGER_HANDLER)
    assert "ReservedConcurrentExecutions" not in trigger


def test_worker_consumes_the_fifo_queue_with_partial_batch_failures(
    env_template: Template,
) -> None:
    (mapping,) = props(env_template, "AWS::Lambda::EventSourceMapping").values()
    worker_name, worker = function_by_handler(env_template, WORKER_HANDLER)
    (queue_name,) = [
        n for n, p in props(env_template, "AWS::SQS::Queue").items() if "RedrivePolicy" in p
    ]
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert mapping["FunctionName"] == ref(worker_name)
    assert mapping["EventSourceArn"] == {"Fn::GetAtt": [queue_name, "Arn"]}
    assert mapping["BatchSize"] == 10
    assert mapping["ScalingConfig"]["MaximumConcurrency"] <= worker["ReservedConcurrentExecutions"]


def test_functions_get_settings_and_secret_arns_never_secret_values(
    env_template: Template,
) -> None:
    # The pre-sign-up trigger holds no secret and no database at all (test_identity.py).
    for handler in (h for h in HANDLERS if h != PRE_SIGN_UP_HANDLER):
        _, p = function_by_handler(env_template, handler)
        env: dict[str, Any] = p["Environment"]["Variables"]
        assert env["ABOGADO_PROFILE"] == "aws"
        assert env["ABOGADO_PUBLIC_URL"].startswith("https://")
        assert "ABOGADO_SECRETS__DATABASE_ARN" in env
        for name in env:
            assert not name.endswith(("TOKEN", "SECRET", "API_KEY", "PASSWORD")), name
    _, receiver = function_by_handler(env_template, RECEIVER_HANDLER)
    _, worker = function_by_handler(env_template, WORKER_HANDLER)
    for env in (receiver["Environment"]["Variables"], worker["Environment"]["Variables"]):
        assert {"ABOGADO_SECRETS__TELEGRAM_ARN", "ABOGADO_SECRETS__TWILIO_ARN"} <= set(env)
        assert "ABOGADO_COGNITO__CLIENT_ID" in env
        assert "ABOGADO_SQS__QUEUE_URL" in env
    assert "ABOGADO_SECRETS__QDRANT_ARN" in worker["Environment"]["Variables"]
    # One cookie key for every receiver container (admin sessions survive a new container).
    assert "ABOGADO_SECRETS__SESSIONS_ARN" in receiver["Environment"]["Variables"]
    assert "ABOGADO_SECRETS__SESSIONS_ARN" not in worker["Environment"]["Variables"]


def test_environment_names_are_settings_fields(env_template: Template) -> None:
    from services.settings import Settings

    for handler in HANDLERS:
        _, p = function_by_handler(env_template, handler)
        for name in p["Environment"]["Variables"]:
            section, _, field = name.removeprefix("ABOGADO_").lower().partition("__")
            if section == "secrets" and "secrets" not in Settings.model_fields:
                continue  # the runtime's secret loading is being added (docs/deploy.md)
            assert section in Settings.model_fields, name
            if field:
                model = Settings.model_fields[section].annotation
                assert field in getattr(model, "model_fields", {}), name


def _statements(template: Template) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for p in props(template, "AWS::IAM::Policy").values():
        out.extend(p["PolicyDocument"]["Statement"])
    return out


def _listify(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


# Generated by CDK or cdk-fck-nat, account-wide by AWS's design (acknowledged in cdk-nag).
_UNSCOPABLE = {
    "ecr:GetAuthorizationToken",
    "ec2:AttachNetworkInterface",
    "ec2:ModifyNetworkInterfaceAttribute",
}


def test_no_wildcard_actions_and_star_resources_only_where_aws_allows_nothing_else(
    env_template: Template,
) -> None:
    for statement in _statements(env_template):
        actions = _listify(statement["Action"])
        assert "*" not in actions, statement
        assert not any(a.endswith(":*") for a in actions), statement
        if "*" in _listify(statement["Resource"]):
            assert set(actions) <= _UNSCOPABLE, statement


def _role_statements(template: Template, handler: str) -> list[dict[str, Any]]:
    role = function_by_handler(template, handler)[1]["Role"]["Fn::GetAtt"][0]
    return [
        s
        for p in props(template, "AWS::IAM::Policy").values()
        if {"Ref": role} in p["Roles"]
        for s in p["PolicyDocument"]["Statement"]
    ]


def test_worker_may_invoke_exactly_the_configured_bedrock_models(env_template: Template) -> None:
    statements = _role_statements(env_template, WORKER_HANDLER)
    bedrock = [s for s in statements if s["Action"] == "bedrock:InvokeModel"]
    assert len(bedrock) == 1
    resources_ = json.dumps(bedrock[0]["Resource"])
    assert "foundation-model/mistral.mixtral-8x7b-instruct-v0:1" in resources_
    assert "foundation-model/amazon.titan-embed-text-v2:0" in resources_
    assert "*" not in resources_


def test_receiver_may_send_and_only_the_worker_consumes(env_template: Template) -> None:
    def actions_of(handler: str) -> set[str]:
        found: set[str] = set()
        for s in _role_statements(env_template, handler):
            found.update(_listify(s["Action"]))
        return found

    assert "sqs:SendMessage" in actions_of(RECEIVER_HANDLER)
    assert "sqs:ReceiveMessage" not in actions_of(RECEIVER_HANDLER)
    assert "sqs:DeleteMessage" in actions_of(WORKER_HANDLER)
    assert not any(a.startswith("sqs:") for a in actions_of(TRIGGER_HANDLER))
    assert not any(a.startswith("bedrock:") for a in actions_of(RECEIVER_HANDLER))


def test_every_log_group_has_a_finite_retention(env_template: Template) -> None:
    groups = props(env_template, "AWS::Logs::LogGroup")
    assert groups
    for p in groups.values():
        assert 0 < p["RetentionInDays"] <= 365
    for p in props(env_template, "AWS::Lambda::Function").values():
        assert p["LoggingConfig"]["LogGroup"]["Ref"] in groups
        assert p["LoggingConfig"]["LogFormat"] == "JSON"
    for name in resources(env_template, "AWS::RDS::DBInstance"):
        assert resources(env_template, "AWS::RDS::DBInstance")[name]["DependsOn"]


def test_alarms_cover_errors_throttles_dead_letters_and_queue_age(env_template: Template) -> None:
    alarms = list(props(env_template, "AWS::CloudWatch::Alarm").values())
    (topic,) = resources(env_template, "AWS::SNS::Topic")
    for alarm in alarms:
        assert alarm["AlarmActions"] == [ref(topic)]
    by_metric: dict[str, list[dict[str, Any]]] = {}
    for alarm in alarms:
        by_metric.setdefault(alarm["MetricName"], []).append(alarm)
    functions = set(props(env_template, "AWS::Lambda::Function"))
    for metric in ("Errors", "Throttles"):
        watched = {a["Dimensions"][0]["Value"]["Ref"] for a in by_metric[metric]}
        assert watched == functions, metric
    (dlq,) = by_metric["ApproximateNumberOfMessagesVisible"]
    assert dlq["Threshold"] == 1
    (age,) = by_metric["ApproximateAgeOfOldestMessage"]
    assert age["Threshold"] == 300
    queues = props(env_template, "AWS::SQS::Queue")
    (main,) = [n for n, p in queues.items() if "RedrivePolicy" in p]
    (dead,) = [n for n in queues if n != main]
    assert dlq["Dimensions"][0]["Value"] == {"Fn::GetAtt": [dead, "QueueName"]}
    assert age["Dimensions"][0]["Value"] == {"Fn::GetAtt": [main, "QueueName"]}


def test_every_handler_the_stack_names_is_an_entry_point_of_the_image(
    env_template: Template,
) -> None:
    """A CMD that names nothing fails only at invocation, after the deploy: catch it here."""
    import importlib

    for p in props(env_template, "AWS::Lambda::Function").values():
        (handler,) = p["ImageConfig"]["Command"]
        module, _, name = handler.rpartition(".")
        assert callable(getattr(importlib.import_module(module), name, None)), handler
