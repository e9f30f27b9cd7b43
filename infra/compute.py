"""The Lambda functions, all from the root ``Dockerfile`` image, in the private subnets.

Handlers are named as import-path strings only: this package never imports the runtime.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecr_assets as ecr_assets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as sources
from aws_cdk import aws_logs as logs
from aws_cdk import aws_secretsmanager as sm
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.config import EnvironmentConfig
from infra.logs import retention
from infra.nag import acknowledge_each
from infra.network import Network

REPO_ROOT = Path(__file__).resolve().parents[1]
_IMAGE_ID = "Image"

RECEIVER_HANDLER = "abogado.lambda_handlers.http"
WORKER_HANDLER = "abogado.lambda_handlers.worker"
TRIGGER_HANDLER = "abogado.lambda_handlers.cognito_post_confirmation"
# Links a first Facebook sign-in to the e-mail account (db.cognito_presignup.handle_pre_sign_up).
PRE_SIGN_UP_HANDLER = "abogado.lambda_handlers.cognito_pre_sign_up"

# Never part of the image build context (also listed in .dockerignore, which CDK reads too).
IMAGE_EXCLUDES = (
    ".git",
    ".venv",
    ".abogado",
    "cdk.out",
    "tests",
    "bench",
    "docs",
    "infra",
    "**/__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "*.egg-info",
)


LAMBDA_MANAGED_POLICIES = (
    "arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    "arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
)


@dataclass(frozen=True)
class FunctionSpec:
    """What one function needs beyond the shared wiring."""

    name: str
    handler: str
    memory_mb: int
    timeout_s: int
    reserved_concurrency: int | None
    secrets: Mapping[str, sm.ISecret]


def image_asset(scope: Construct) -> ecr_assets.DockerImageAsset:
    """The stack's one image (built from the repo root); synth only fingerprints and copies it.

    Built once per stack and shared, so every function and task runs the very same digest.
    """
    stack = Stack.of(scope)
    existing = stack.node.try_find_child(_IMAGE_ID)
    if isinstance(existing, ecr_assets.DockerImageAsset):
        return existing
    return ecr_assets.DockerImageAsset(
        stack,
        _IMAGE_ID,
        directory=str(REPO_ROOT),
        file="Dockerfile",
        platform=ecr_assets.Platform.LINUX_AMD64,
        exclude=list(IMAGE_EXCLUDES),
    )


def image_code(scope: Construct, handler: str) -> lambda_.DockerImageCode:
    """The stack's image with ``handler`` as CMD."""
    asset = image_asset(scope)
    return lambda_.DockerImageCode.from_ecr(
        asset.repository, tag_or_digest=asset.image_tag, cmd=[handler]
    )


class Functions(Construct):
    """One function per ``FunctionSpec``, in ``by_name``; ``security_group`` is theirs (egress)."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: EnvironmentConfig,
        network: Network,
        environment: Mapping[str, str],
        specs: tuple[FunctionSpec, ...],
    ) -> None:
        super().__init__(scope, construct_id)
        self.security_group = ec2.SecurityGroup(
            self,
            "SecurityGroup",
            vpc=network.vpc,
            description="abogado functions (egress: proxy, Qdrant, endpoints, NAT)",
            allow_all_outbound=True,
        )
        self.by_name: dict[str, lambda_.DockerImageFunction] = {}
        for spec in specs:
            self.by_name[spec.name] = self._function(
                spec, config=config, network=network, environment=environment
            )

    def _function(
        self,
        spec: FunctionSpec,
        *,
        config: EnvironmentConfig,
        network: Network,
        environment: Mapping[str, str],
    ) -> lambda_.DockerImageFunction:
        log_group = logs.LogGroup(
            self,
            f"{spec.name}Logs",
            retention=retention(config.sizes.log_retention_days),
            removal_policy=RemovalPolicy.DESTROY,
        )
        env = dict(environment)
        for key, secret in spec.secrets.items():
            env[f"ABOGADO_SECRETS__{key.upper()}_ARN"] = secret.secret_arn
        function = lambda_.DockerImageFunction(
            self,
            spec.name,
            code=image_code(self, spec.handler),
            description=f"abogado {config.name}: {spec.handler}",
            architecture=lambda_.Architecture.X86_64,
            memory_size=spec.memory_mb,
            timeout=Duration.seconds(spec.timeout_s),
            reserved_concurrent_executions=spec.reserved_concurrency,
            environment=env,
            vpc=network.vpc,
            vpc_subnets=network.private_subnets,
            security_groups=[self.security_group],
            log_group=log_group,
            logging_format=lambda_.LoggingFormat.JSON,
            # Secrets arrive by ARN; the functions never retry async invocations themselves.
            retry_attempts=0,
        )
        for secret in spec.secrets.values():
            secret.grant_read(function)
        acknowledge_each(
            function,
            [f"AwsSolutions-IAM4[Policy::{policy}]" for policy in LAMBDA_MANAGED_POLICIES],
            "AWSLambdaBasicExecutionRole and AWSLambdaVPCAccessExecutionRole are the AWS-managed "
            "minimum for logging and VPC network interfaces.",
        )
        return function

    @staticmethod
    def consume(
        function: lambda_.IFunction, *, queue: sqs.IQueue, batch_size: int, concurrency: int
    ) -> None:
        """Attach the FIFO queue with partial batch failures (RELIABILITY R1)."""
        function.add_event_source(
            sources.SqsEventSource(
                queue,
                batch_size=batch_size,
                report_batch_item_failures=True,
                max_concurrency=concurrency,
            )
        )

    @staticmethod
    def allow_bedrock(function: lambda_.IFunction, *, model_arns: list[str]) -> None:
        """InvokeModel (used by Converse and embeddings) on exactly the configured models."""
        iam.Grant.add_to_principal(
            grantee=function, actions=["bedrock:InvokeModel"], resource_arns=model_arns
        )
