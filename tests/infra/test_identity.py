"""Cognito: one public client (code grant + PKCE, no secret), exact callback, admins, trigger."""

from __future__ import annotations

from aws_cdk.assertions import Template

from infra.compute import TRIGGER_HANDLER
from infra.environments import PIPELINE
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
        assert client["SupportedIdentityProviders"] == ["COGNITO"]
        assert set(client["AllowedOAuthScopes"]) == {"openid", "email"}
        assert client["PreventUserExistenceErrors"] == "ENABLED"


def test_hosted_ui_domain_and_admins_group(staging: Template) -> None:
    (domain,) = props(staging, "AWS::Cognito::UserPoolDomain").values()
    assert domain["Domain"] == PIPELINE.staging.cognito_domain_prefix
    (group,) = props(staging, "AWS::Cognito::UserPoolGroup").values()
    assert group["GroupName"] == "admins"


def test_post_confirmation_trigger_is_the_db_handler(env_template: Template) -> None:
    (pool,) = props(env_template, "AWS::Cognito::UserPool").values()
    trigger_name, _ = function_by_handler(env_template, TRIGGER_HANDLER)
    assert pool["LambdaConfig"]["PostConfirmation"] == {"Fn::GetAtt": [trigger_name, "Arn"]}
    permissions = props(env_template, "AWS::Lambda::Permission")
    cognito = [
        p
        for p in permissions.values()
        if p["Principal"] == "cognito-idp.amazonaws.com"
        and p["FunctionName"] == {"Fn::GetAtt": [trigger_name, "Arn"]}
    ]
    assert len(cognito) == 1


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
