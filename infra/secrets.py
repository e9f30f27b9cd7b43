"""Application secrets in Secrets Manager: Telegram (bot token; webhook secret apart), Twilio,
Stripe, the session-cookie key and the Qdrant API key; and the Facebook app secret the operator
made.

The functions receive only ARNs (``ABOGADO_SECRETS__*_ARN``) and read the values at cold start.
The Telegram bot token and the webhook secret are two secrets, so the receiver, which only checks
the webhook secret, cannot read the token that speaks for the bot.
"""

from __future__ import annotations

import json

from aws_cdk import RemovalPolicy, SecretValue
from aws_cdk import aws_secretsmanager as sm
from constructs import Construct

from infra.nag import acknowledge

_NO_ROTATION = (
    "Third-party credentials (Telegram, Twilio, Stripe) cannot be rotated by a Lambda we own; "
    "docs/deploy.md says how to rotate them by hand."
)


def _json_secret(
    scope: Construct, construct_id: str, *, description: str, template: dict[str, str], key: str
) -> sm.Secret:
    """A JSON secret whose ``key`` is generated (URL-safe alphabet) and the rest set by hand."""
    secret = sm.Secret(
        scope,
        construct_id,
        description=description,
        generate_secret_string=sm.SecretStringGenerator(
            secret_string_template=json.dumps(template),
            generate_string_key=key,
            # Telegram's secret_token accepts only [A-Za-z0-9_-].
            exclude_punctuation=True,
            password_length=64,
        ),
        removal_policy=RemovalPolicy.RETAIN,
    )
    return secret


def facebook_app_secret(scope: Construct, *, arn: str) -> sm.ISecret:
    """The operator's Facebook secret (``{"app_secret": "…"}``), made by hand before the deploy
    (docs/accounts.md): Cognito needs the value when the provider is created, so a placeholder
    made by this stack could not work. Only Cognito reads it, through CloudFormation."""
    return sm.Secret.from_secret_complete_arn(scope, "FacebookAppSecret", arn)


class AppSecrets(Construct):
    """JSON secrets: telegram, twilio, stripe, sessions and (own Qdrant only) the Qdrant key."""

    def __init__(self, scope: Construct, construct_id: str, *, own_qdrant: bool) -> None:
        super().__init__(scope, construct_id)
        # The operator puts the token in by hand (docs/deploy.md, step 6); an empty placeholder.
        self.telegram = sm.Secret(
            self,
            "Telegram",
            description="abogado Telegram: set bot_token (worker, reminders, operator task)",
            secret_object_value={"bot_token": SecretValue.unsafe_plain_text("")},
            removal_policy=RemovalPolicy.RETAIN,
        )
        self.telegram_webhook = _json_secret(
            self,
            "TelegramWebhook",
            description="abogado Telegram webhook secret (generated; the receiver reads only this)",
            template={},
            key="webhook_secret",
        )
        self.twilio = _json_secret(
            self,
            "Twilio",
            description="abogado Twilio: replace auth_token with the account's auth token",
            template={},
            key="auth_token",
        )
        # Both keys put in by hand (docs/handoff.md, "Operator set-up"); empty: payments off.
        self.stripe = sm.Secret(
            self,
            "Stripe",
            description="abogado Stripe: set api_key (restricted key) and webhook_secret (whsec_)",
            secret_object_value={
                "api_key": SecretValue.unsafe_plain_text(""),
                "webhook_secret": SecretValue.unsafe_plain_text(""),
            },
            removal_policy=RemovalPolicy.RETAIN,
        )
        # Signs the admin pages' session cookies; shared by every receiver container.
        self.sessions = _json_secret(
            self,
            "Sessions",
            description="abogado session-cookie key (generated)",
            template={},
            key="cookie_key",
        )
        acknowledge(
            self.sessions,
            "AwsSolutions-SMG4",
            "Rotating the cookie key signs every admin out; rotate it by hand (docs/deploy.md).",
        )
        acknowledge(self.telegram, "AwsSolutions-SMG4", _NO_ROTATION)
        acknowledge(
            self.telegram_webhook,
            "AwsSolutions-SMG4",
            "Rotating the webhook secret needs a new setWebhook call with it; rotate it by hand "
            "(docs/deploy.md).",
        )
        acknowledge(self.twilio, "AwsSolutions-SMG4", _NO_ROTATION)
        acknowledge(self.stripe, "AwsSolutions-SMG4", _NO_ROTATION)
        self.qdrant: sm.Secret | None = None
        if own_qdrant:
            self.qdrant = _json_secret(
                self,
                "QdrantApiKey",
                description="abogado Qdrant API key (generated)",
                template={},
                key="api_key",
            )
            acknowledge(
                self.qdrant,
                "AwsSolutions-SMG4",
                "Rotating the Qdrant key needs a task restart; rotate by hand (docs/deploy.md).",
            )
