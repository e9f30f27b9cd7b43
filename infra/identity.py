"""Cognito: the user pool, its hosted-UI domain, the public app client (code + PKCE), ``admins``.

The post-confirmation trigger is a function built by ``compute``; this module only attaches it.
"""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from infra.config import EnvironmentConfig
from infra.nag import acknowledge

ADMINS_GROUP = "admins"


class Identity(Construct):
    """One app client with exact callback URLs (RELIABILITY A6) and no client secret."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: EnvironmentConfig,
        post_confirmation: lambda_.IFunction,
    ) -> None:
        super().__init__(scope, construct_id)
        self.user_pool = cognito.UserPool(
            self,
            "Users",
            self_sign_up_enabled=True,
            sign_in_aliases=cognito.SignInAliases(email=True),
            auto_verify=cognito.AutoVerifiedAttrs(email=True),
            standard_attributes=cognito.StandardAttributes(
                email=cognito.StandardAttribute(required=True, mutable=True)
            ),
            password_policy=cognito.PasswordPolicy(
                min_length=10,
                require_lowercase=True,
                require_uppercase=True,
                require_digits=True,
                require_symbols=True,
            ),
            mfa=cognito.Mfa.OPTIONAL,
            mfa_second_factor=cognito.MfaSecondFactor(otp=True, sms=False),
            account_recovery=cognito.AccountRecovery.EMAIL_ONLY,
            deletion_protection=config.is_production,
            removal_policy=RemovalPolicy.RETAIN,
            lambda_triggers=cognito.UserPoolTriggers(post_confirmation=post_confirmation),
        )
        self.domain = self.user_pool.add_domain(
            "HostedUi",
            cognito_domain=cognito.CognitoDomainOptions(domain_prefix=config.cognito_domain_prefix),
        )
        self.client = self.user_pool.add_client(
            "Web",
            generate_secret=False,
            auth_flows=cognito.AuthFlow(user_srp=True),
            o_auth=cognito.OAuthSettings(
                flows=cognito.OAuthFlows(authorization_code_grant=True),
                scopes=[cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
                callback_urls=[config.callback_url, config.admin_callback_url],
                logout_urls=[config.public_url + "/"],
            ),
            supported_identity_providers=[cognito.UserPoolClientIdentityProvider.COGNITO],
            prevent_user_existence_errors=True,
            id_token_validity=Duration.minutes(60),
            access_token_validity=Duration.minutes(60),
            refresh_token_validity=Duration.days(1),
            enable_token_revocation=True,
        )
        self.admins = cognito.UserPoolGroup(
            self,
            "Admins",
            user_pool=self.user_pool,
            group_name=ADMINS_GROUP,
            description="abogado administrators (broadcasts, admin pages)",
        )
        acknowledge(
            self.user_pool,
            "AwsSolutions-COG2",
            "MFA is optional (TOTP offered): many users are workers on shared or basic phones, "
            "and requiring MFA would keep them out of their own cases.",
        )
        acknowledge(
            self.user_pool,
            "AwsSolutions-COG8",
            "The Plus plan (threat protection) is priced per monthly active user; Essentials "
            "covers the hosted UI, PKCE and triggers, and login links are single-use.",
        )
