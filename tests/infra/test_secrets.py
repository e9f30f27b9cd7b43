"""Each function reads only the secrets it needs: the receiver gets the Telegram webhook secret,
never the bot token; the senders get the bot token, never the webhook secret."""

from __future__ import annotations

import json
from typing import Any

from aws_cdk.assertions import Template

from infra.compute import RECEIVER_HANDLER, WORKER_HANDLER
from infra.reminders import REMINDERS_HANDLER
from tests.infra.templates import function_by_handler, props, ref

BOT = "abogado Telegram: set bot_token"
HOOK = "abogado Telegram webhook secret"


def _secret(template: Template, description: str) -> str:
    """The logical id of the one secret whose description starts so."""
    (name,) = [
        n
        for n, p in props(template, "AWS::SecretsManager::Secret").items()
        if str(p.get("Description", "")).startswith(description)
    ]
    return name


def _read_grants(template: Template, handler: str) -> set[str]:
    """Logical ids of the secrets ``handler``'s role may read."""
    role = function_by_handler(template, handler)[1]["Role"]["Fn::GetAtt"][0]
    found: set[str] = set()
    for policy in props(template, "AWS::IAM::Policy").values():
        if {"Ref": role} not in policy["Roles"]:
            continue
        for statement in policy["PolicyDocument"]["Statement"]:
            actions = statement["Action"]
            if "secretsmanager:GetSecretValue" in (
                [actions] if isinstance(actions, str) else actions
            ):
                resources_: Any = statement["Resource"]
                for item in resources_ if isinstance(resources_, list) else [resources_]:
                    found.add(item["Ref"])
    return found


def test_the_bot_token_and_the_webhook_secret_are_separate_secrets(env_template: Template) -> None:
    secrets = props(env_template, "AWS::SecretsManager::Secret")
    bot = secrets[_secret(env_template, BOT)]
    hook = secrets[_secret(env_template, HOOK)]
    assert json.loads(bot["SecretString"]) == {"bot_token": ""}  # put in by hand
    assert "GenerateSecretString" not in bot
    assert hook["GenerateSecretString"]["GenerateStringKey"] == "webhook_secret"
    assert hook["GenerateSecretString"]["ExcludePunctuation"] is True  # Telegram's alphabet


def test_the_receiver_reads_the_webhook_secret_and_never_the_bot_token(
    env_template: Template,
) -> None:
    bot = _secret(env_template, BOT)
    hook = _secret(env_template, HOOK)
    _, receiver = function_by_handler(env_template, RECEIVER_HANDLER)
    env = receiver["Environment"]["Variables"]
    assert env["ABOGADO_SECRETS__TELEGRAM_ARN"] == ref(hook)
    grants = _read_grants(env_template, RECEIVER_HANDLER)
    assert hook in grants
    assert bot not in grants
    assert bot not in json.dumps(env)


def test_the_senders_read_the_bot_token_and_never_the_webhook_secret(
    env_template: Template,
) -> None:
    bot = _secret(env_template, BOT)
    hook = _secret(env_template, HOOK)
    for handler in (WORKER_HANDLER, REMINDERS_HANDLER):
        _, function = function_by_handler(env_template, handler)
        assert function["Environment"]["Variables"]["ABOGADO_SECRETS__TELEGRAM_ARN"] == ref(bot)
        grants = _read_grants(env_template, handler)
        assert bot in grants
        assert hook not in grants
