"""Fill the settings from Secrets Manager JSON secrets named by ``ABOGADO_SECRETS__*_ARN``.

Runs once per cold start; values never reach a log.
The boto3 client is injected (tests use Stubber).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pydantic import SecretStr, ValidationError

from services.errors import AbogadoError

if TYPE_CHECKING:
    from services.settings import Settings


class InvalidSettings(AbogadoError, ValueError):
    """The settings do not validate. Says which field and why, never the values: pydantic's own
    message quotes its input, which holds the database URL with its password."""


def invalid_settings(exc: ValidationError) -> InvalidSettings:
    problems = "; ".join(
        f"{'.'.join(str(part) for part in error['loc']) or 'settings'}: {error['msg']}"
        for error in exc.errors(include_input=False, include_url=False)
    )
    return InvalidSettings(f"invalid settings: {problems}")


def secretsmanager_client(settings: Settings) -> Any:
    import boto3

    return boto3.client("secretsmanager", region_name=settings.bedrock.region)


def _read(client: Any, arn: str) -> dict[str, str]:
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        raw = client.get_secret_value(SecretId=arn)["SecretString"]
    except (ClientError, BotoCoreError) as exc:
        raise AbogadoError(f"cannot read secret {arn.rsplit(':', 1)[-1]}: {exc}") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise AbogadoError(f"secret {arn.rsplit(':', 1)[-1]} is not JSON") from exc
    if not isinstance(data, dict):
        raise AbogadoError(f"secret {arn.rsplit(':', 1)[-1]} is not a JSON object")
    return {str(k): str(v) for k, v in data.items()}


def _with_credentials(url: str, username: str, password: str) -> str:
    from sqlalchemy.engine import make_url

    return (
        make_url(url)
        .set(username=username, password=password)
        .render_as_string(hide_password=False)
    )


def resolve_secrets(settings: Settings, *, client: Any) -> Settings:
    """A copy of ``settings`` with the values of every secret whose ARN is set."""
    names = settings.secrets
    telegram = settings.telegram
    twilio = settings.twilio
    qdrant = settings.qdrant
    database = settings.database
    session_key = settings.session_key
    chat_key_secret = settings.chat_key_secret
    stripe = settings.stripe
    if names.telegram_arn:
        values = _read(client, names.telegram_arn)
        telegram = telegram.model_copy(
            update={
                "bot_token": SecretStr(values["bot_token"]) if values.get("bot_token") else None,
                "webhook_secret": SecretStr(values["webhook_secret"])
                if values.get("webhook_secret")
                else None,
            }
        )
    if names.twilio_arn:
        values = _read(client, names.twilio_arn)
        twilio = twilio.model_copy(update={"auth_token": SecretStr(values["auth_token"])})
    if names.qdrant_arn:
        values = _read(client, names.qdrant_arn)
        qdrant = qdrant.model_copy(update={"api_key": SecretStr(values["api_key"])})
    if names.database_arn:
        values = _read(client, names.database_arn)
        if not database.url:
            raise AbogadoError("ABOGADO_DATABASE__URL must be set when the database secret is")
        url = _with_credentials(database.url, values["username"], values["password"])
        database = database.model_copy(update={"url": url})
    if names.sessions_arn:
        session_key = SecretStr(_read(client, names.sessions_arn)["cookie_key"])
    if names.chat_keys_arn:
        chat_key_secret = SecretStr(_read(client, names.chat_keys_arn)["chat_key"])
    if names.stripe_arn:
        values = _read(client, names.stripe_arn)
        stripe = stripe.model_copy(
            update={
                "api_key": SecretStr(values["api_key"]) if values.get("api_key") else None,
                "webhook_secret": SecretStr(values["webhook_secret"])
                if values.get("webhook_secret")
                else None,
            }
        )
    merged = settings.model_dump() | {
        "telegram": telegram.model_dump(),
        "twilio": twilio.model_dump(),
        "qdrant": qdrant.model_dump(),
        "database": database.model_dump(),
        "stripe": stripe.model_dump(),
        "session_key": session_key,
        "chat_key_secret": chat_key_secret,
    }
    # Re-validate: a bad webhook secret from the store must fail here, like one from the env.
    try:
        return type(settings).model_validate(merged)
    except ValidationError as exc:
        raise invalid_settings(exc) from None
