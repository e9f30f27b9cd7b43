"""Cognito: the user pool, its hosted-UI domain, the public app client (code + PKCE), ``admins``
and ``abogados`` (the lawyers' inbox), and Facebook as a federated identity provider when the
environment has a Facebook app.

The trigger functions are built by ``compute``; this module attaches them and grants the
pre-sign-up one exactly what linking needs, on this pool only.
"""

from __future__ import annotations

from dataclasses import dataclass

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from infra.config import EnvironmentConfig
from infra.nag import acknowledge
from infra.secrets import facebook_app_secret

ADMINS_GROUP = "admins"
# The lawyers who answer handoffs at /abogados/ (webhooks.auth.oidc.LAWYER_GROUP); not admins.
LAWYERS_GROUP = "abogados"
# Facebook's Graph API scopes: the profile (name) and the e-mail, nothing else.
FACEBOOK_SCOPES = ("public_profile", "email")
# What the pre-sign-up trigger calls (db.cognito_presignup): find the e-mail, link the identity.
LINK_ACTIONS = ("cognito-idp:ListUsers", "cognito-idp:AdminLinkProviderForUser")


@dataclass(frozen=True)
class IdentityTriggers:
    """``registration`` stores users in the app database (post-confirmation and
    post-authentication: a federated user's first sign-in may reach either); ``pre_sign_up``
    links a first Facebook sign-in to the account with the same verified e-mail."""

    registration: lambda_.IFunction
    pre_sign_up: lambda_.IFunction


class Identity(Construct):
    """One app client with exact callback URLs (RELIABILITY A6) and no client secret."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: EnvironmentConfig,
        triggers: IdentityTriggers,
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
            lambda_triggers=cognito.UserPoolTriggers(
                pre_sign_up=triggers.pre_sign_up,
                post_confirmation=triggers.registration,
                post_authentication=triggers.registration,
            ),
        )
        self._allow_linking(triggers.pre_sign_up)
        self.facebook = self._facebook(config)
        providers = [cognito.UserPoolClientIdentityProvider.COGNITO]
        if self.facebook is not None:
            providers.append(cognito.UserPoolClientIdentityProvider.FACEBOOK)
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
            supported_identity_providers=providers,
            prevent_user_existence_errors=True,
            id_token_validity=Duration.minutes(60),
            access_token_validity=Duration.minutes(60),
            refresh_token_validity=Duration.days(1),
            enable_token_revocation=True,
        )
        if self.facebook is not None:
            # The client names the provider; it must exist first.
            self.client.node.add_dependency(self.facebook)
        self.admins = cognito.UserPoolGroup(
            self,
            "Admins",
            user_pool=self.user_pool,
            group_name=ADMINS_GROUP,
            description="abogado administrators (broadcasts, admin pages)",
        )
        self.lawyers = cognito.UserPoolGroup(
            self,
            "Lawyers",
            user_pool=self.user_pool,
            group_name=LAWYERS_GROUP,
            description="abogado lawyers: the handoff inbox at /abogados/ (not the admin pages)",
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

    def _allow_linking(self, function: lambda_.IFunction) -> None:
        """A policy of its own, not the function's default one: the function depends on its
        default policy and the pool on the function, so the pool's ARN there would be a cycle."""
        role = function.role
        if role is None:
            raise ValueError("the pre-sign-up trigger needs an execution role")
        iam.Policy(
            self,
            "LinkFederatedUsers",
            roles=[role],
            statements=[
                iam.PolicyStatement(
                    actions=list(LINK_ACTIONS), resources=[self.user_pool.user_pool_arn]
                )
            ],
        )

    def _facebook(
        self, config: EnvironmentConfig
    ) -> cognito.UserPoolIdentityProviderFacebook | None:
        """Facebook as an identity provider: app id from the config, app secret resolved by
        CloudFormation from Secrets Manager at deploy time (never in the template)."""
        if config.facebook is None:
            return None
        secret = facebook_app_secret(self, arn=config.facebook.app_secret_arn)
        return cognito.UserPoolIdentityProviderFacebook(
            self,
            "Facebook",
            user_pool=self.user_pool,
            client_id=config.facebook.app_id,
            client_secret=secret.secret_value_from_json("app_secret").unsafe_unwrap(),
            scopes=list(FACEBOOK_SCOPES),
            api_version=config.facebook.api_version,
            attribute_mapping=cognito.AttributeMapping(
                email=cognito.ProviderAttribute.FACEBOOK_EMAIL,
                fullname=cognito.ProviderAttribute.FACEBOOK_NAME,
            ),
        )
