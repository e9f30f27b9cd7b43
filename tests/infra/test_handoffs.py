"""Issue 17 in the synthesized stacks: the SLA sweep (function, schedule, alarms), the Stripe
secret and who may read it, the handoff and payment settings every function gets, the lawyers'
group; and the typed config that refuses what could not work."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from aws_cdk.assertions import Template

from infra.compute import PRE_SIGN_UP_HANDLER, RECEIVER_HANDLER, TRIGGER_HANDLER, WORKER_HANDLER
from infra.config import ConfigError
from infra.environments import PIPELINE
from infra.handoff_config import MAX_PRODUCTS_JSON, HandoffConfig, PaidProduct
from infra.handoffs import (
    MEMORY_MB,
    SWEEP_HANDLER,
    TEMPLATE_VARIABLE,
    TIMEOUT_S,
    template_environment,
)
from infra.identity import LAWYERS_GROUP
from infra.reminders import REMINDERS_HANDLER
from tests.infra.templates import function_by_handler, props, ref, resources, subnet_ids

STRIPE = "abogado Stripe:"
BOT = "abogado Telegram: set bot_token"
REVIEW = PaidProduct(
    code="revision",
    title="Revisión de tu caso",
    kind="one_off",
    price_mxn=299,
    grants="lawyer_review",
    stars=250,
)
PLAN = PaidProduct(
    code="plan",
    title="Plan mensual",
    kind="monthly",
    price_mxn=99,
    grants="answers",
    stripe_price_id="price_1AbCdEf",
    answers_per_month=600,
)


def _secret(template: Template, description: str) -> str:
    (name,) = [
        n
        for n, p in props(template, "AWS::SecretsManager::Secret").items()
        if str(p.get("Description", "")).startswith(description)
    ]
    return name


def _listify(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _role_statements(template: Template, role: str) -> list[dict[str, Any]]:
    return [
        s
        for p in props(template, "AWS::IAM::Policy").values()
        if {"Ref": role} in p["Roles"]
        for s in p["PolicyDocument"]["Statement"]
    ]


def _readable(template: Template, role: str) -> set[str]:
    """Logical ids of the secrets ``role`` may read."""
    return {
        item["Ref"]
        for s in _role_statements(template, role)
        if "secretsmanager:GetSecretValue" in _listify(s["Action"])
        for item in _listify(s["Resource"])
    }


def _env(template: Template, handler: str) -> dict[str, Any]:
    variables: dict[str, Any] = function_by_handler(template, handler)[1]["Environment"][
        "Variables"
    ]
    return variables


def _ops_container(template: Template) -> tuple[str, dict[str, Any]]:
    (task,) = [
        p
        for p in props(template, "AWS::ECS::TaskDefinition").values()
        if p["ContainerDefinitions"][0]["Name"] == "abogado"
    ]
    env = {e["Name"]: e["Value"] for e in task["ContainerDefinitions"][0]["Environment"]}
    return task["TaskRoleArn"]["Fn::GetAtt"][0], env


def test_the_sweep_is_one_small_function_beside_the_others(env_template: Template) -> None:
    _, sweep = function_by_handler(env_template, SWEEP_HANDLER)
    _, worker = function_by_handler(env_template, WORKER_HANDLER)
    assert (sweep["MemorySize"], sweep["Timeout"]) == (MEMORY_MB, TIMEOUT_S)
    assert sweep["ReservedConcurrentExecutions"] == 1
    private = [ref(s) for s in subnet_ids(env_template, "Private")]
    assert sorted(sweep["VpcConfig"]["SubnetIds"], key=str) == private
    # The functions' security group: the one the database proxy and Qdrant let in.
    assert sweep["VpcConfig"]["SecurityGroupIds"] == worker["VpcConfig"]["SecurityGroupIds"]
    actions = {
        a
        for s in _role_statements(env_template, sweep["Role"]["Fn::GetAtt"][0])
        for a in _listify(s["Action"])
    }
    assert not any(a.startswith(("sqs:", "bedrock:", "cognito-idp:")) for a in actions)


def test_the_sweep_reads_the_database_both_channels_and_stripe_only(
    env_template: Template,
) -> None:
    _, sweep = function_by_handler(env_template, SWEEP_HANDLER)
    env = sweep["Environment"]["Variables"]
    secrets = {k for k in env if k.startswith("ABOGADO_SECRETS__")}
    assert secrets == {
        "ABOGADO_SECRETS__DATABASE_ARN",
        "ABOGADO_SECRETS__TELEGRAM_ARN",
        "ABOGADO_SECRETS__TWILIO_ARN",
        "ABOGADO_SECRETS__STRIPE_ARN",
    }
    # It sends (notices, refundStarPayment): the bot token, never the webhook secret.
    assert env["ABOGADO_SECRETS__TELEGRAM_ARN"] == ref(_secret(env_template, BOT))
    readable = _readable(env_template, sweep["Role"]["Fn::GetAtt"][0])
    assert {_secret(env_template, BOT), _secret(env_template, STRIPE)} <= readable
    assert len(readable) == 4


def test_the_schedule_invokes_the_sweep_every_minute(env_template: Template) -> None:
    name, _ = function_by_handler(env_template, SWEEP_HANDLER)
    (schedule,) = [
        s
        for s in props(env_template, "AWS::Scheduler::Schedule").values()
        if s["Target"]["Arn"] == {"Fn::GetAtt": [name, "Arn"]}
    ]
    assert schedule["ScheduleExpression"] == "rate(1 minute)"  # EventBridge refuses "1 minutes"
    assert schedule["State"] == "ENABLED"
    assert schedule["Target"]["RetryPolicy"] == {
        "MaximumRetryAttempts": 0,
        "MaximumEventAgeInSeconds": 60,
    }
    role = schedule["Target"]["RoleArn"]["Fn::GetAtt"][0]
    assert [(s["Action"], s["Resource"]) for s in _role_statements(env_template, role)] == [
        ("lambda:InvokeFunction", {"Fn::GetAtt": [name, "Arn"]})
    ]
    (trust,) = props(env_template, "AWS::IAM::Role")[role]["AssumeRolePolicyDocument"]["Statement"]
    assert trust["Principal"] == {"Service": "scheduler.amazonaws.com"}


def test_an_escalation_or_a_failed_refund_pages_the_alarm_topic(env_template: Template) -> None:
    (topic,) = resources(env_template, "AWS::SNS::Topic")
    alarms = {
        a["MetricName"]: a
        for a in props(env_template, "AWS::CloudWatch::Alarm").values()
        if a.get("Namespace") == "abogado"
    }
    assert set(alarms) == {"HandoffsEscalated", "HandoffRefundsFailed"}
    for alarm in alarms.values():
        # The sweep's metric document has no dimensions; an alarm with any would never match.
        assert "Dimensions" not in alarm
        assert (alarm["Statistic"], alarm["Period"], alarm["EvaluationPeriods"]) == (
            "Sum",
            900,
            1,
        )
        assert alarm["Threshold"] == 1
        assert alarm["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
        assert alarm["TreatMissingData"] == "notBreaching"
        assert alarm["AlarmActions"] == [ref(topic)]


def test_the_alarms_watch_what_the_sweep_publishes() -> None:
    """The names and the namespace in the sweep's EMF line, as the runtime writes it."""
    from datetime import UTC, datetime

    from services.handoff_sweep import SweepResult, emf_line

    result = SweepResult(escalated=2, refunded=1, refunds_failed=1)
    document = json.loads(emf_line(result.metrics(), now=datetime(2026, 12, 4, tzinfo=UTC)))
    (directive,) = document["_aws"]["CloudWatchMetrics"]
    assert directive["Namespace"] == "abogado"
    assert directive["Dimensions"] == [[]]
    published = {m["Name"] for m in directive["Metrics"]}
    assert {"HandoffsEscalated", "HandoffRefundsFailed"} <= published
    assert (document["HandoffsEscalated"], document["HandoffRefundsFailed"]) == (2, 1)


def test_the_sweeps_errors_and_throttles_raise_alarms(env_template: Template) -> None:
    name, _ = function_by_handler(env_template, SWEEP_HANDLER)
    watched = {
        (a["MetricName"], a["Dimensions"][0]["Value"]["Ref"])
        for a in props(env_template, "AWS::CloudWatch::Alarm").values()
        if a.get("Namespace") == "AWS/Lambda"
    }
    assert {("Errors", name), ("Throttles", name)} <= watched


def test_the_stripe_secret_is_a_placeholder_for_both_keys(env_template: Template) -> None:
    (name, secret), *_ = [
        (n, r)
        for n, r in resources(env_template, "AWS::SecretsManager::Secret").items()
        if str(r["Properties"].get("Description", "")).startswith(STRIPE)
    ]
    assert json.loads(secret["Properties"]["SecretString"]) == {"api_key": "", "webhook_secret": ""}
    assert secret["DeletionPolicy"] == "Retain"
    (output,) = [
        o for k, o in env_template.to_json()["Outputs"].items() if k.startswith("StripeSecretArn")
    ]
    assert output["Value"] == ref(name)


def test_stripe_is_read_by_what_pays_and_refunds_and_nothing_else(
    env_template: Template,
) -> None:
    stripe = _secret(env_template, STRIPE)
    for handler in (RECEIVER_HANDLER, WORKER_HANDLER, SWEEP_HANDLER):
        _, function = function_by_handler(env_template, handler)
        assert function["Environment"]["Variables"]["ABOGADO_SECRETS__STRIPE_ARN"] == ref(stripe)
        assert stripe in _readable(env_template, function["Role"]["Fn::GetAtt"][0]), handler
    for handler in (REMINDERS_HANDLER, TRIGGER_HANDLER, PRE_SIGN_UP_HANDLER):
        _, function = function_by_handler(env_template, handler)
        assert "ABOGADO_SECRETS__STRIPE_ARN" not in function["Environment"]["Variables"]
        assert stripe not in _readable(env_template, function["Role"]["Fn::GetAtt"][0]), handler
    # The operator task may refund by hand too (the same rights as the worker).
    role, env = _ops_container(env_template)
    assert env["ABOGADO_SECRETS__STRIPE_ARN"] == ref(stripe)
    assert stripe in _readable(env_template, role)


def test_every_app_function_gets_the_handoff_settings(env_template: Template) -> None:
    expected = PIPELINE.staging.handoff.environment()
    assert expected == {
        "ABOGADO_HANDOFF__REVIEW": "none",
        "ABOGADO_HANDOFF__REVIEW_PRODUCT": "revision",
        "ABOGADO_HANDOFF__CLAIM_WITHIN_MINUTES": "240",
    }
    for handler in (RECEIVER_HANDLER, WORKER_HANDLER, SWEEP_HANDLER, REMINDERS_HANDLER):
        env = _env(env_template, handler)
        assert {k: env.get(k) for k in expected} == expected, handler
        # Nothing configured for sale: the runtime's default, everything free.
        assert "ABOGADO_PAYMENTS__PRODUCTS" not in env
        assert TEMPLATE_VARIABLE not in env
    _, ops = _ops_container(env_template)
    assert {k: ops.get(k) for k in expected} == expected


# Lambda refuses more than 4 KB of environment variables in all (keys and values).
LAMBDA_ENV_LIMIT = 4096
# The longest each reference can become at deploy time. A secret's ARN: 60 characters of
# prefix, a CDK-made name of at most 64 and the 7 of Secrets Manager's suffix; a FIFO queue's
# URL: 50 of host and account and an 80-character name; a pool id is at most 55 (AWS's limit).
_REF_BY_TYPE = {
    "AWS::SecretsManager::Secret": 131,
    "AWS::SQS::Queue": 130,
    "AWS::Cognito::UserPool": 55,
    "AWS::Cognito::UserPoolClient": 128,
    "AWS::S3::Bucket": 63,
}
# Fn::GetAtt here is the RDS Proxy's endpoint: a 63-character name and its region's suffix.
_ATTRIBUTE = 128


def _resolved_len(value: Any, types: dict[str, str]) -> int:
    if isinstance(value, str):
        return len(value)
    if "Ref" in value:
        return _REF_BY_TYPE[types[value["Ref"]]]
    if "Fn::GetAtt" in value:
        return _ATTRIBUTE
    (separator, parts) = value["Fn::Join"]
    joined = sum(_resolved_len(part, types) for part in parts)
    return joined + len(separator) * (len(parts) - 1)


def test_the_largest_product_list_still_fits_lambdas_environment(
    env_template: Template,
) -> None:
    types = {name: r["Type"] for name, r in env_template.to_json()["Resources"].items()}
    largest = max(
        sum(len(k) + _resolved_len(v, types) for k, v in p["Environment"]["Variables"].items())
        for p in props(env_template, "AWS::Lambda::Function").values()
    )
    extra = len("ABOGADO_PAYMENTS__PRODUCTS") + MAX_PRODUCTS_JSON
    extra += len(TEMPLATE_VARIABLE) + len("HX" + "0" * 32)
    assert largest + extra <= LAMBDA_ENV_LIMIT, (largest, extra)


def test_the_lawyers_group_is_the_one_the_inbox_checks() -> None:
    from webhooks.auth.oidc import LAWYER_GROUP

    assert LAWYERS_GROUP == LAWYER_GROUP == "abogados"


def test_configured_products_reach_the_runtime_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the stack writes is what ``services.settings`` reads, field for field."""
    from services.settings import Settings

    handoff = HandoffConfig(review="paid", claim_within_minutes=60, products=(REVIEW, PLAN))
    sid = "HX" + "a" * 32
    config = replace(PIPELINE.staging, handoff=handoff, twilio_handoff_template_sid=sid)
    env = config.handoff.environment() | template_environment(config.twilio_handoff_template_sid)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    settings = Settings()
    assert settings.handoff.review == "paid"
    assert settings.handoff.review_product == "revision"
    assert settings.handoff.claim_within_minutes == 60
    assert settings.twilio.handoff_template_sid == sid
    read = [product.model_dump() for product in settings.payments.products]
    assert read == json.loads(env["ABOGADO_PAYMENTS__PRODUCTS"])
    assert [p["code"] for p in read] == ["revision", "plan"]


@pytest.mark.parametrize(
    "change",
    [
        {"review": "paid"},  # no product to pay with
        {"review": "paid", "products": (replace(REVIEW, grants="answers"),)},
        {"review": "paid", "products": (replace(PLAN, code="revision"),)},
        {"claim_within_minutes": 4},
        {"claim_within_minutes": 7 * 24 * 60 + 1},
        {"products": (REVIEW, REVIEW)},
        {"products": (replace(REVIEW, code="Revisión"),)},
        {"products": (replace(REVIEW, title="x" * 33),)},
        {"products": (replace(REVIEW, price_mxn=9),)},
        {"products": (replace(REVIEW, stars=-1),)},
        {"products": (replace(PLAN, stripe_price_id=""),)},
        {"products": (replace(REVIEW, stripe_price_id="price_1"),)},
        {"products": (replace(PLAN, answers_per_month=0),)},
        {"products": (replace(REVIEW, answers_per_month=5),)},
        {"products": tuple(replace(REVIEW, code=f"p{i}", title="x" * 32) for i in range(9))},
    ],
)
def test_a_handoff_config_that_cannot_work_is_refused(change: dict[str, Any]) -> None:
    with pytest.raises(ConfigError):
        HandoffConfig(**change)


def test_a_paid_review_with_its_product_is_accepted() -> None:
    handoff = HandoffConfig(review="paid", products=(REVIEW, PLAN))
    products = json.loads(handoff.environment()["ABOGADO_PAYMENTS__PRODUCTS"])
    assert products[0] == {
        "code": "revision",
        "title": "Revisión de tu caso",
        "kind": "one_off",
        "price_mxn": 299,
        "grants": "lawyer_review",
        "stripe_price_id": "",
        "stars": 250,
        "answers_per_month": 0,
    }


@pytest.mark.parametrize("sid", ["HX123", "MG" + "a" * 32, "hx" + "a" * 32])
def test_a_whatsapp_template_must_be_a_content_sid(sid: str) -> None:
    with pytest.raises(ConfigError, match="ContentSid"):
        replace(PIPELINE.staging, twilio_handoff_template_sid=sid)


def test_the_operator_task_can_add_and_remove_lawyers(env_template: Template) -> None:
    """``ops handoffs make-lawyer EMAIL`` (docs/handoff.md, step 5) finds the user in this pool
    and changes its groups: the pool's id in the environment, the three calls granted on it."""
    role, env = _ops_container(env_template)
    (pool,) = props(env_template, "AWS::Cognito::UserPool")
    assert env["ABOGADO_COGNITO__USER_POOL_ID"] == ref(pool)
    granted = {
        a
        for s in _role_statements(env_template, role)
        if s["Resource"] == {"Fn::GetAtt": [pool, "Arn"]}
        for a in _listify(s["Action"])
    }
    assert {
        "cognito-idp:ListUsers",
        "cognito-idp:AdminAddUserToGroup",
        "cognito-idp:AdminRemoveUserFromGroup",
    } <= granted
