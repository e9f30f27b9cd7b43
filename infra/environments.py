"""The concrete environments this repository deploys: edit these values before the first deploy.

Every value below is a placeholder that fails loudly at deploy time (see docs/deploy.md, step 1).
"""

from __future__ import annotations

from infra.config import EnvironmentConfig, FacebookLogin, PipelineConfig, Sizes

REGION = "us-east-1"
AZS = ("us-east-1a", "us-east-1b")

STAGING = EnvironmentConfig(
    name="staging",
    account="111111111111",
    region=REGION,
    availability_zones=AZS,
    domain_name="staging.abogado.example.mx",
    certificate_arn=(
        "arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000001"
    ),
    cognito_domain_prefix="abogado-staging",
    # Latest `fck-nat-al2023-*-arm64-ebs` owned by 568608671756 in REGION (deploy.md, step 1).
    nat_ami_id="ami-00000000000000001",
    twilio_account_sid="AC00000000000000000000000000000000",
    twilio_whatsapp_from="whatsapp:+14155238886",
    alarm_email="",
    # Your Facebook app and the secret you made for it (docs/accounts.md); None: e-mail only.
    facebook=FacebookLogin(
        app_id="100000000000001",
        app_secret_arn="arn:aws:secretsmanager:us-east-1:111111111111:secret:abogado/facebook-AbCdEf",  # noqa: S106 (an ARN)
    ),
)

PRODUCTION = EnvironmentConfig(
    name="production",
    account="222222222222",
    region=REGION,
    availability_zones=AZS,
    domain_name="abogado.example.mx",
    certificate_arn=(
        "arn:aws:acm:us-east-1:222222222222:certificate/00000000-0000-0000-0000-000000000002"
    ),
    cognito_domain_prefix="abogado-mx",
    nat_ami_id="ami-00000000000000002",
    twilio_account_sid="AC00000000000000000000000000000000",
    twilio_whatsapp_from="whatsapp:+5215500000000",
    alarm_email="ops@abogado.example.mx",
    facebook=FacebookLogin(
        app_id="100000000000002",
        app_secret_arn="arn:aws:secretsmanager:us-east-1:222222222222:secret:abogado/facebook-AbCdEf",  # noqa: S106 (an ARN)
    ),
    sizes=Sizes(
        receiver_reserved_concurrency=40,
        worker_reserved_concurrency=20,
        db_instance_type="t4g.small",
        db_multi_az=True,
        db_backup_retention_days=14,
        qdrant_cpu=1024,
        qdrant_memory_mib=2048,
        log_retention_days=90,
        public_rate_limit=20,
        public_burst_limit=40,
        monthly_budget_usd=600,
    ),
)

PIPELINE = PipelineConfig(
    account="000000000000",
    region=REGION,
    connection_arn=(
        "arn:aws:codeconnections:us-east-1:000000000000:connection/"
        "00000000-0000-0000-0000-000000000000"
    ),
    repository="example-org/abogado",
    branch="main",
    staging=STAGING,
    production=PRODUCTION,
)
