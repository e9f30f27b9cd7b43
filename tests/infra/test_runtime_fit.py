"""What the stack hands each function is enough for what that function runs: its settings are
rebuilt from the synthesized environment, the secrets it may read (a fake Secrets Manager), and
the runtime's own wiring."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aws_cdk.assertions import Template

from infra.compute import RECEIVER_HANDLER, WORKER_HANDLER
from infra.handoff_config import HandoffConfig, PaidProduct
from tests.infra.templates import function_by_handler

# The values the operator puts in, by the secret's logical-id prefix (docs/deploy.md, step 6).
_VALUES = {
    "SecretsTelegramWebhook": {"webhook_secret": "hook-secret"},
    "SecretsTelegram": {"bot_token": "123:token"},
    "SecretsTwilio": {"auth_token": "twilio-token"},
    "SecretsStripe": {"api_key": "rk_test_1", "webhook_secret": "whsec_1"},
    "SecretsSessions": {"cookie_key": "k" * 64},
    "SecretsQdrantApiKey": {"api_key": "qdrant-key"},
    "Database": {"username": "abogado", "password": "pw"},
}
_ARN = "arn:aws:secretsmanager:us-east-1:111111111111:secret:"


class FakeSecretsManager:
    """``get_secret_value`` as Secrets Manager answers it, for the ARNs below."""

    def get_secret_value(self, *, SecretId: str) -> dict[str, str]:  # boto3 spells it so
        logical = SecretId.removeprefix(_ARN)
        # The longest prefix: "SecretsTelegramWebhook…" is not the bot token's secret.
        prefix = max((p for p in _VALUES if p in logical), key=len)
        return {"SecretString": json.dumps(_VALUES[prefix])}


def _resolved(name: str, value: Any) -> str:
    """A deploy-time value for a CloudFormation reference in the environment."""
    if isinstance(value, str):
        return value
    if name.startswith("ABOGADO_SECRETS__"):
        return _ARN + str(value["Ref"])
    if name == "ABOGADO_DATABASE__URL":
        return "mysql+pymysql://proxy.example:3306/abogado?charset=utf8mb4"
    if name == "ABOGADO_SQS__QUEUE_URL":
        return "https://sqs.us-east-1.amazonaws.com/111111111111/updates.fifo"
    return "resolved-" + name.lower()


def _settings(template: Template, handler: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    from services.secrets import resolve_secrets
    from services.settings import Settings

    env = function_by_handler(template, handler)[1]["Environment"]["Variables"]
    stars = HandoffConfig(
        review="paid",
        products=(
            PaidProduct(
                code="revision",
                title="Revisión de tu caso",
                kind="one_off",
                price_mxn=299,
                grants="lawyer_review",
                stars=250,
            ),
        ),
    )
    for name, value in (env | stars.environment()).items():
        monkeypatch.setenv(name, _resolved(name, value))
    return resolve_secrets(Settings(), client=FakeSecretsManager())


def test_the_worker_can_sell_in_stars(staging: Template, monkeypatch: pytest.MonkeyPatch) -> None:
    from abogado.purchases import sells_stars

    settings = _settings(staging, WORKER_HANDLER, monkeypatch)
    assert settings.stripe.api_key is not None
    assert sells_stars(settings)


def test_the_receiver_handles_stars_payments(
    staging: Template, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.orm import sessionmaker

    from abogado.purchases import build_stars

    settings = _settings(staging, RECEIVER_HANDLER, monkeypatch)
    assert settings.stripe.webhook_secret is not None
    assert settings.telegram.webhook_secret is not None
    assert build_stars(settings, sessions=sessionmaker()) is not None
