"""The worker may delete a Cognito user of its own pool (``/borrar``) and nothing more there;
the receiver, which never runs a turn, may not."""

from __future__ import annotations

from typing import Any

from aws_cdk.assertions import Template

from infra.compute import RECEIVER_HANDLER, WORKER_HANDLER
from tests.infra.templates import function_by_handler, props


def _cognito_statements(template: Template, handler: str) -> list[dict[str, Any]]:
    _, function = function_by_handler(template, handler)
    role = function["Role"]["Fn::GetAtt"][0]
    return [
        s
        for p in props(template, "AWS::IAM::Policy").values()
        if {"Ref": role} in p["Roles"]
        for s in p["PolicyDocument"]["Statement"]
        if any(
            a.startswith("cognito-idp:")
            for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
        )
    ]


def test_the_worker_may_delete_users_of_its_pool_only(env_template: Template) -> None:
    (statement,) = _cognito_statements(env_template, WORKER_HANDLER)
    assert statement["Action"] == "cognito-idp:AdminDeleteUser"
    (pool,) = props(env_template, "AWS::Cognito::UserPool")
    assert statement["Resource"] == {"Fn::GetAtt": [pool, "Arn"]}
    assert _cognito_statements(env_template, RECEIVER_HANDLER) == []
