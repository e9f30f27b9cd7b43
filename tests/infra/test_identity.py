"""Cognito: one public client (code grant + PKCE, no secret), exact callback, admins, triggers,
and Facebook as an identity provider with the pre-sign-up trigger that links accounts."""

from __future__ import annotations

import json
from typing import Any

from aws_cdk.assertions import Template

from infra.compute import PRE_SIGN_UP_HANDLER, TRIGGER_HANDLER
from infra.environments import PIPELINE
from infra.identity import LINK_ACTIONS
from tests.infra.templates import function_by_handler, props, resources


def test_app_client_uses_the_code_grant_without_a_secret(
    staging: Template, production: Template
) -> None:
    for template, config in ((staging, PIPELINE.staging), (production, PIPELINE.production)):
        (client,) = props(template, "AWS::Cognito::UserPoolClient").values()
        assert client["AllowedOAuthFlows"] == ["code"]
        assert client["AllowedOAuthFlowsUserPoolClient"] is True
        # A public client: PKCE is what protects the code (RELIABILITY A3).
        assert client.get("GenerateSecret", False) is False
        # Exactly our URLs (RELIABILITY A6): the login link's and the admin pages' callbacks.
        assert client["CallbackURLs"] == [
            f"https://{config.domain_name}/auth/callback",
            f"https://{config.domain_name}/admin/callback",
        ]
        assert client["SupportedIdentityProviders"] == ["COGNITO", "Facebook"]
        assert set(client["AllowedOAuthScopes"]) == {"openid", "email"}
        assert client["PreventUserExistenceErrors"] == "ENABLED"


def test_hosted_ui_domain_and_the_admins_and_lawyers_groups(staging: Template) -> None:
    (domain,) = props(staging, "AWS::Cognito::UserPoolDomain").values()
    assert domain["Domain"] == PIPELINE.staging.cognito_domain_prefix
    (pool,) = props(staging, "AWS::Cognito::UserPool")
    groups = props(staging, "AWS::Cognito::UserPoolGroup").values()
    assert sorted(g["GroupName"] for g in groups) == ["abogados", "admins"]
    assert all(g["UserPoolId"] == {"Ref": pool} for g in groups)


def test_registration_and_pre_sign_up_triggers(env_template: Template) -> None:
    (pool,) = props(env_template, "AWS::Cognito::UserPool").values()
    trigger_name, _ = function_by_handler(env_template, TRIGGER_HANDLER)
    pre_name, _ = function_by_handler(env_template, PRE_SIGN_UP_HANDLER)
    # A federated first sign-in may reach post-confirmation or only post-authentication: both
    # register (idempotently); pre-sign-up links.
    assert pool["LambdaConfig"] == {
        "PostConfirmation": {"Fn::GetAtt": [trigger_name, "Arn"]},
        "PostAuthentication": {"Fn::GetAtt": [trigger_name, "Arn"]},
        "PreSignUp": {"Fn::GetAtt": [pre_name, "Arn"]},
    }
    permissions = props(env_template, "AWS::Lambda::Permission")
    for name, count in ((trigger_name, 2), (pre_name, 1)):
        cognito = [
            p
            for p in permissions.values()
            if p["Principal"] == "cognito-idp.amazonaws.com"
            and p["FunctionName"] == {"Fn::GetAtt": [name, "Arn"]}
        ]
        assert len(cognito) == count


def _role_statements(template: Template, function_props: dict[str, Any]) -> list[dict[str, Any]]:
    role = function_props["Role"]["Fn::GetAtt"][0]
    return [
        statement
        for policy in props(template, "AWS::IAM::Policy").values()
        if {"Ref": role} in policy.get("Roles", [])
        for statement in policy["PolicyDocument"]["Statement"]
    ]


def test_pre_sign_up_may_only_list_and_link_on_this_pool(env_template: Template) -> None:
    _, function = function_by_handler(env_template, PRE_SIGN_UP_HANDLER)
    (pool_name,) = resources(env_template, "AWS::Cognito::UserPool")
    statements = _role_statements(env_template, function)
    cognito = [s for s in statements if "cognito-idp" in json.dumps(s["Action"])]
    assert cognito == [
        {
            "Action": list(LINK_ACTIONS),
            "Effect": "Allow",
            "Resource": {"Fn::GetAtt": [pool_name, "Arn"]},
        }
    ]
    # No secret at all (no database, no tokens): nothing but logs and the network interfaces.
    assert not [s for s in statements if "secretsmanager" in json.dumps(s["Action"])]
    env = function["Environment"]["Variables"]
    assert not [k for k in env if k.startswith("ABOGADO_SECRETS__")]
    assert "ABOGADO_DATABASE__URL" not in env


def test_pre_sign_up_cannot_reach_the_database(env_template: Template) -> None:
    _, function = function_by_handler(env_template, PRE_SIGN_UP_HANDLER)
    (group,) = function["VpcConfig"]["SecurityGroupIds"]
    group_id = group["Fn::GetAtt"][0]
    ingress = props(env_template, "AWS::EC2::SecurityGroupIngress").values()
    assert not [
        i
        for i in ingress
        if i.get("SourceSecurityGroupId", {}).get("Fn::GetAtt", [""])[0] == group_id
    ]


def test_facebook_provider_with_the_secret_from_secrets_manager(env_template: Template) -> None:
    (provider,) = props(env_template, "AWS::Cognito::UserPoolIdentityProvider").values()
    assert provider["ProviderName"] == "Facebook"
    assert provider["ProviderType"] == "Facebook"
    details = provider["ProviderDetails"]
    assert details["authorize_scopes"] == "public_profile,email"
    assert details["client_id"].isdigit()
    # A dynamic reference CloudFormation resolves at deploy time: the value is never in the
    # template, and the key is the one docs/accounts.md tells the operator to set.
    secret = json.dumps(details["client_secret"])
    assert "{{resolve:secretsmanager:" in secret
    assert ":SecretString:app_secret::}}" in secret
    assert provider["AttributeMapping"] == {"email": "email", "name": "name"}


def test_the_login_page_is_told_that_facebook_is_there(env_template: Template) -> None:
    _, receiver = function_by_handler(env_template, "abogado.lambda_handlers.http")
    assert receiver["Environment"]["Variables"]["ABOGADO_COGNITO__FACEBOOK"] == "true"


def test_user_pool_is_retained_and_verifies_email(env_template: Template) -> None:
    ((_, pool),) = resources(env_template, "AWS::Cognito::UserPool").items()
    assert pool["DeletionPolicy"] == "Retain"
    p = pool["Properties"]
    assert p["AutoVerifiedAttributes"] == ["email"]
    assert p["UsernameAttributes"] == ["email"]
    assert p["Policies"]["PasswordPolicy"]["MinimumLength"] >= 10


def test_deletion_protection_only_in_production(staging: Template, production: Template) -> None:
    (stg,) = props(staging, "AWS::Cognito::UserPool").values()
    (prd,) = props(production, "AWS::Cognito::UserPool").values()
    assert prd["DeletionProtection"] == "ACTIVE"
    assert stg.get("DeletionProtection", "INACTIVE") == "INACTIVE"


def test_without_a_facebook_app_the_pool_offers_email_only() -> None:
    """The construct alone in a small stack (the full app synthesizes with Facebook on)."""
    import dataclasses

    from aws_cdk import App, Stack
    from aws_cdk import aws_lambda as lambda_

    from infra.identity import Identity, IdentityTriggers

    stack = Stack(App(), "EmailOnly")

    def function(name: str) -> lambda_.Function:
        return lambda_.Function(
            stack,
            name,
            runtime=lambda_.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=lambda_.Code.from_inline("def handler(event, context):\n    return event\n"),
        )

    config = dataclasses.replace(PIPELINE.staging, facebook=None)
    triggers = IdentityTriggers(registration=function("Reg"), pre_sign_up=function("Pre"))
    Identity(stack, "Identity", config=config, triggers=triggers)
    template = Template.from_stack(stack)
    (client,) = props(template, "AWS::Cognito::UserPoolClient").values()
    assert client["SupportedIdentityProviders"] == ["COGNITO"]
    assert props(template, "AWS::Cognito::UserPoolIdentityProvider") == {}
