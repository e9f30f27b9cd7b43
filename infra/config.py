"""Typed per-environment configuration for the CDK app: accounts, regions, domains and sizes.

Plain frozen dataclasses, validated on construction; no context lookups and no environment reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from infra.errors import ConfigError as ConfigError  # re-exported: raised by every check
from infra.handoff_config import HandoffConfig

_ACCOUNT = re.compile(r"^\d{12}$")
_AMI = re.compile(r"^ami-[0-9a-f]{8,17}$")
_DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$")
_FACEBOOK_APP_ID = re.compile(r"^[0-9]{5,20}$")
_FACEBOOK_API = re.compile(r"^v[0-9]{1,2}\.[0-9]$")
_CONTENT_SID = re.compile(r"^HX[0-9a-f]{32}$")
_COGNITO_PREFIX = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


@dataclass(frozen=True)
class Sizes:
    """Capacity knobs; the defaults suit staging and are explained in docs/deploy.md."""

    # Lambda (MB / seconds / concurrent executions).
    receiver_memory_mb: int = 512
    # Telegram and Twilio give up after ~15 s; the receiver only verifies and enqueues.
    receiver_timeout_s: int = 10
    # Telegram's setWebhook max_connections must not exceed this (RELIABILITY T4).
    receiver_reserved_concurrency: int | None = 20
    worker_memory_mb: int = 1024
    # One turn: DB + retrieval + one Bedrock call with retries + one send.
    worker_timeout_s: int = 60
    # Caps parallel Bedrock calls and DB connections; FIFO groups keep per-chat order anyway.
    worker_reserved_concurrency: int | None = 10
    worker_batch_size: int = 10
    trigger_memory_mb: int = 256
    trigger_timeout_s: int = 10
    # SQS
    max_receive_count: int = 5
    # RDS
    db_instance_type: str = "t4g.micro"
    db_allocated_storage_gb: int = 20
    db_max_allocated_storage_gb: int = 100
    db_backup_retention_days: int = 7
    db_multi_az: bool = False
    # Qdrant on Fargate (vCPU units / MiB)
    qdrant_cpu: int = 512
    qdrant_memory_mib: int = 1024
    # NAT
    nat_instance_type: str = "t4g.nano"
    # The public pages (not the webhooks): one API throttle bucket (requests/s, burst) and a
    # per-IP WAF limit (requests per 5 minutes; WAF's minimum is 10).
    public_rate_limit: int = 10
    public_burst_limit: int = 20
    public_requests_per_ip: int = 300
    # Stripe's webhook (POST /webhooks/stripe): a bucket of its own, below the chat webhooks';
    # Stripe retries a 429 with backoff for days, so a flood there only delays events.
    stripe_webhook_rate_limit: int = 10
    stripe_webhook_burst_limit: int = 20
    # Whole-account monthly cost budget (USD): alarm at 80 % actual and 100 % forecast.
    monthly_budget_usd: int = 150
    # Days; must be one of CloudWatch's allowed values.
    log_retention_days: int = 30

    def __post_init__(self) -> None:
        if self.worker_batch_size < 1 or self.worker_batch_size > 10:
            raise ConfigError("worker_batch_size must be 1..10 (SQS FIFO batch limit)")
        if self.receiver_timeout_s >= 15:
            raise ConfigError("receiver_timeout_s must stay under Twilio's 15 s webhook budget")
        if self.worker_timeout_s > 150:
            raise ConfigError("worker_timeout_s over 150 s would make the FIFO wait too long")
        if self.worker_reserved_concurrency is not None and self.worker_reserved_concurrency < 2:
            raise ConfigError("worker_reserved_concurrency must be >= 2 (SQS maximum concurrency)")
        if not 10 <= self.public_requests_per_ip <= 2_000_000_000:
            raise ConfigError("public_requests_per_ip must be 10..2e9 (WAF rate-based limits)")
        if self.monthly_budget_usd < 1:
            raise ConfigError("monthly_budget_usd must be a positive amount")

    @property
    def queue_visibility_timeout_s(self) -> int:
        """AWS: visibility timeout >= 6 x the consumer's timeout (RELIABILITY table)."""
        return 6 * self.worker_timeout_s


@dataclass(frozen=True)
class QdrantConfig:
    """Either run Qdrant on Fargate (``external_url`` empty) or point at an external server."""

    # The unprivileged variant runs as uid 1000, the owner the EFS access point enforces.
    image: str = "qdrant/qdrant:v1.13.6-unprivileged"
    external_url: str = ""
    # Secrets Manager ARN of {"api_key": "..."} for the external server.
    external_api_key_secret_arn: str = ""

    def __post_init__(self) -> None:
        if bool(self.external_url) != bool(self.external_api_key_secret_arn):
            raise ConfigError("an external Qdrant needs both external_url and its API key secret")
        if self.external_url and not self.external_url.startswith("https://"):
            raise ConfigError("an external Qdrant URL must use https://")


@dataclass(frozen=True)
class FacebookLogin:
    """A Facebook app for "Continuar con Facebook" (docs/accounts.md says how to make one)."""

    # The app id (public; it appears in every Facebook login URL).
    app_id: str
    # A Secrets Manager secret the operator made: {"app_secret": "<the app secret>"}.
    app_secret_arn: str
    # The Graph API version Cognito calls.
    api_version: str = "v21.0"

    def check(self, *, region: str, account: str) -> None:
        if not _FACEBOOK_APP_ID.match(self.app_id):
            raise ConfigError("facebook: app_id is the app's number (Facebook → App settings)")
        prefix = f"arn:aws:secretsmanager:{region}:{account}:secret:"
        if not self.app_secret_arn.startswith(prefix):
            raise ConfigError("facebook: app_secret_arn must be a secret in that account")
        if not _FACEBOOK_API.match(self.api_version):
            raise ConfigError("facebook: api_version looks like v21.0")


@dataclass(frozen=True)
class EnvironmentConfig:
    """One deployable environment (a CDK Stage): where it lives and how big it is."""

    name: Literal["staging", "production"]
    account: str
    region: str
    # Explicit AZ names: the app never looks them up, so synth works offline.
    availability_zones: tuple[str, str]
    # Public host of the receiver: login links, Twilio signatures, the Cognito callback.
    domain_name: str
    # ACM certificate for domain_name in this region (created by the operator, see deploy.md).
    certificate_arn: str
    cognito_domain_prefix: str
    # fck-nat AMI (arm64) pinned per environment: no AMI lookup at synth time.
    nat_ami_id: str
    twilio_account_sid: str = ""
    twilio_whatsapp_from: str = ""
    # Approved WhatsApp template (ContentSid) for deadline reminders outside the 24-hour window.
    twilio_reminder_template_sid: str = ""
    # Approved template "Tu abogado te respondió: escribe VER" (ContentSid) for a lawyer's reply
    # outside the 24-hour window (docs/handoff.md); empty: the reply waits for the worker.
    twilio_handoff_template_sid: str = ""
    bedrock_chat_model: str = "mistral.mixtral-8x7b-instruct-v0:1"
    bedrock_embed_model: str = "amazon.titan-embed-text-v2:0"
    alarm_email: str = ""
    qdrant: QdrantConfig = field(default_factory=QdrantConfig)
    sizes: Sizes = field(default_factory=Sizes)
    # "Continuar con Facebook" on the login page; None: e-mail only.
    facebook: FacebookLogin | None = None
    # Lawyer review and payments (issue 17, docs/handoff.md); the default sells nothing.
    handoff: HandoffConfig = field(default_factory=HandoffConfig)

    def __post_init__(self) -> None:
        if not _ACCOUNT.match(self.account):
            raise ConfigError(f"{self.name}: account must be 12 digits")
        if len(set(self.availability_zones)) != 2 or not all(
            az.startswith(self.region) for az in self.availability_zones
        ):
            raise ConfigError(f"{self.name}: two distinct AZs of {self.region} are required")
        if not _DOMAIN.match(self.domain_name):
            raise ConfigError(f"{self.name}: domain_name must be a lower-case host name")
        if not self.certificate_arn.startswith(f"arn:aws:acm:{self.region}:{self.account}:"):
            raise ConfigError(f"{self.name}: certificate_arn must be an ACM ARN in that account")
        if not _COGNITO_PREFIX.match(self.cognito_domain_prefix) or (
            "aws" in self.cognito_domain_prefix or "cognito" in self.cognito_domain_prefix
        ):
            raise ConfigError(f"{self.name}: invalid Cognito hosted-UI domain prefix")
        if not _AMI.match(self.nat_ami_id):
            raise ConfigError(f"{self.name}: nat_ami_id must be an AMI id")
        if self.facebook is not None:
            self.facebook.check(region=self.region, account=self.account)
        for sid in (self.twilio_reminder_template_sid, self.twilio_handoff_template_sid):
            if sid and not _CONTENT_SID.match(sid):
                raise ConfigError(f"{self.name}: a WhatsApp template is its ContentSid (HX…)")

    @property
    def is_production(self) -> bool:
        return self.name == "production"

    @property
    def public_url(self) -> str:
        return f"https://{self.domain_name}"

    @property
    def callback_url(self) -> str:
        return f"{self.public_url}/auth/callback"

    @property
    def admin_callback_url(self) -> str:
        """The admin pages' own OIDC redirect (``webhooks.admin``), same app client."""
        return f"{self.public_url}/admin/callback"

    @property
    def cognito_domain(self) -> str:
        return f"{self.cognito_domain_prefix}.auth.{self.region}.amazoncognito.com"


@dataclass(frozen=True)
class PipelineConfig:
    """Where the pipeline lives and what it watches."""

    account: str
    region: str
    # CodeConnections (formerly CodeStar Connections) ARN, created and approved once by hand.
    connection_arn: str
    repository: str
    branch: str
    staging: EnvironmentConfig
    production: EnvironmentConfig

    def __post_init__(self) -> None:
        if not _ACCOUNT.match(self.account):
            raise ConfigError("pipeline: account must be 12 digits")
        if ":connection/" not in self.connection_arn:
            raise ConfigError("pipeline: connection_arn must be a CodeConnections connection ARN")
        if self.repository.count("/") != 1:
            raise ConfigError("pipeline: repository must be owner/name")
        if self.staging.name != "staging" or self.production.name != "production":
            raise ConfigError("pipeline: staging and production are named so")

    @property
    def cross_account(self) -> bool:
        return len({self.account, self.staging.account, self.production.account}) > 1
