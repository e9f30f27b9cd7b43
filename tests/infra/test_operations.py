"""The operator task: the functions' image running the CLI inside the VPC, least privilege."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from aws_cdk.assertions import Template

from tests.infra.templates import function_by_handler, props


def _ops_task(template: Template) -> dict[str, Any]:
    tasks = [
        p
        for p in props(template, "AWS::ECS::TaskDefinition").values()
        if p["ContainerDefinitions"][0]["Name"] == "abogado"
    ]
    assert len(tasks) == 1
    return tasks[0]


def test_ops_task_runs_the_cli_from_the_functions_image(env_template: Template) -> None:
    task = _ops_task(env_template)
    (container,) = task["ContainerDefinitions"]
    assert container["EntryPoint"] == ["python", "-m", "abogado.cli"]
    _, worker = function_by_handler(env_template, "abogado.lambda_handlers.worker")
    digests = {
        re.findall(r"[0-9a-f]{64}", json.dumps(i))[0]
        for i in (container["Image"], worker["Code"]["ImageUri"])
    }
    assert len(digests) == 1  # the same image asset
    assert task["RuntimePlatform"]["CpuArchitecture"] == "X86_64"
    env = {e["Name"]: e["Value"] for e in container["Environment"]}
    assert env["ABOGADO_PROFILE"] == "aws"
    assert "ABOGADO_SECRETS__DATABASE_ARN" in env
    # `abogado broadcast send ID` runs here: a frozen Lambda cannot keep sending.
    assert {"ABOGADO_SECRETS__TELEGRAM_ARN", "ABOGADO_SECRETS__TWILIO_ARN"} <= set(env)
    assert "ABOGADO_SECRETS__SESSIONS_ARN" not in env


def test_ops_task_may_manage_only_its_pool_and_invoke_only_the_models(
    env_template: Template,
) -> None:
    task = _ops_task(env_template)
    role = task["TaskRoleArn"]["Fn::GetAtt"][0]
    statements = [
        s
        for p in props(env_template, "AWS::IAM::Policy").values()
        if {"Ref": role} in p["Roles"]
        for s in p["PolicyDocument"]["Statement"]
    ]
    cognito = [s for s in statements if "cognito-idp:AdminAddUserToGroup" in s["Action"]]
    assert len(cognito) == 1
    (pool,) = props(env_template, "AWS::Cognito::UserPool")
    assert cognito[0]["Resource"] == {"Fn::GetAtt": [pool, "Arn"]}
    assert "cognito-idp:AdminRemoveUserFromGroup" in cognito[0]["Action"]  # users remove-admin
    actions = {
        a
        for s in statements
        for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
    }
    assert not any(a.startswith(("ecs:", "iam:")) for a in actions)
    # `abogado db sweep` sends lost rows back to the queue; it never consumes from it.
    assert {a for a in actions if a.startswith("sqs:")} <= {
        "sqs:SendMessage",
        "sqs:GetQueueAttributes",
        "sqs:GetQueueUrl",
    }
    assert "sqs:SendMessage" in actions
    assert "bedrock:InvokeModel" in actions


def _listify(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _schedules(template: Template) -> dict[str, dict[str, Any]]:
    """Each scheduled rule by its command word (purge, sweep)."""
    rules = [p for p in props(template, "AWS::Events::Rule").values() if "ScheduleExpression" in p]
    return {p["Description"].split(":")[0].removeprefix("abogado db "): p for p in rules}


@pytest.mark.parametrize(
    ("command", "schedule"),
    [("purge", "cron(17 9 * * ? *)"), ("sweep", "cron(43 * * * ? *)")],
)
def test_schedules_run_purge_daily_and_sweep_hourly_in_the_private_subnets(
    env_template: Template, command: str, schedule: str
) -> None:
    rules = _schedules(env_template)
    assert set(rules) == {"purge", "sweep"}
    rule = rules[command]
    assert rule["ScheduleExpression"] == schedule
    assert rule["State"] == "ENABLED"
    (target,) = rule["Targets"]
    override = json.loads(target["Input"])["containerOverrides"]
    assert override == [{"name": "abogado", "command": ["db", command]}]
    network = target["EcsParameters"]["NetworkConfiguration"]["AwsVpcConfiguration"]
    assert network["AssignPublicIp"] == "DISABLED"
    assert target["EcsParameters"]["LaunchType"] == "FARGATE"


def test_the_queue_and_dead_letter_arns_are_outputs_for_a_redrive(env_template: Template) -> None:
    outputs = env_template.find_outputs("*")
    queues = props(env_template, "AWS::SQS::Queue")
    (main,) = [n for n, p in queues.items() if "RedrivePolicy" in p]
    (dead,) = [n for n in queues if n != main]
    assert outputs["QueueArn"]["Value"] == {"Fn::GetAtt": [main, "Arn"]}
    assert outputs["DeadLetterQueueArn"]["Value"] == {"Fn::GetAtt": [dead, "Arn"]}
