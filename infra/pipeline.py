"""The delivery pipeline (CDK Pipelines): source, test + synth, staging, approval, production.

Self-mutating: a change to this file reaches the pipeline on its next run.
"""

from __future__ import annotations

from typing import Any

from aws_cdk import Environment, Stack, pipelines
from aws_cdk import aws_codebuild as codebuild
from aws_cdk import aws_codepipeline as codepipeline
from aws_cdk import aws_s3 as s3
from constructs import Construct

from infra.config import PipelineConfig
from infra.nag import acknowledge, acknowledge_each
from infra.stage import AbogadoStage

# The same checks as `make check`, minus the suites that need ../shared, MariaDB or a browser.
SYNTH_INSTALL = (
    "python -m pip install --upgrade pip",
    "python -m pip install -e '.[dev,infra]'",
)
SYNTH_COMMANDS = (
    "ruff check .",
    "ruff format --check .",
    "mypy",
    "lint-imports",
    "pytest -q -m 'not slow and not browser and not mariadb'",
    "python infra/app.py",
)
APPROVAL_STEP = "PromoteToProduction"

# Wildcard findings CDK Pipelines' generated roles always carry (cdk-nag v3 ids are exact).
_GENERATED_WILDCARD_ACTIONS = (
    "s3:GetObject*",
    "s3:GetBucket*",
    "s3:List*",
    "s3:DeleteObject*",
    "s3:Abort*",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*",
)


class PipelineStack(Stack):
    """Lives in the tooling account; deploys ``Staging`` then, once approved, ``Production``."""

    def __init__(
        self, scope: Construct, construct_id: str, *, config: PipelineConfig, **kwargs: Any
    ) -> None:
        super().__init__(
            scope,
            construct_id,
            env=Environment(account=config.account, region=config.region),
            **kwargs,
        )
        source = pipelines.CodePipelineSource.connection(
            config.repository, config.branch, connection_arn=config.connection_arn
        )
        synth = pipelines.ShellStep(
            "Synth",
            input=source,
            install_commands=list(SYNTH_INSTALL),
            commands=list(SYNTH_COMMANDS),
            env={"CDK_OUTDIR": "cdk.out"},
            primary_output_directory="cdk.out",
        )
        self.pipeline = pipelines.CodePipeline(
            self,
            "Pipeline",
            pipeline_name="abogado",
            # V2: billed per action-minute, not per pipeline-month (and V1 is legacy).
            pipeline_type=codepipeline.PipelineType.V2,
            synth=synth,
            cross_account_keys=config.cross_account,
            enable_key_rotation=config.cross_account,
            code_build_defaults=pipelines.CodeBuildOptions(
                build_environment=codebuild.BuildEnvironment(
                    build_image=codebuild.LinuxBuildImage.STANDARD_7_0,
                    compute_type=codebuild.ComputeType.MEDIUM,
                )
            ),
        )
        self.staging = AbogadoStage(self, "Staging", config=config.staging)
        self.pipeline.add_stage(
            self.staging,
            post=[
                pipelines.ShellStep(
                    "SmokeTest",
                    env_from_cfn_outputs={"HEALTHZ_URL": self.staging.stack.healthz_url},
                    commands=['curl --fail --silent --show-error --max-time 20 "$HEALTHZ_URL"'],
                )
            ],
        )
        self.production = AbogadoStage(self, "Production", config=config.production)
        self.pipeline.add_stage(
            self.production,
            pre=[
                pipelines.ManualApprovalStep(
                    APPROVAL_STEP,
                    comment="Staging passed its smoke test. Promote this build to production?",
                )
            ],
        )
        # Build now, so the generated constructs exist for the acknowledgments below.
        self.pipeline.build_pipeline()
        acknowledge(
            self,
            "AwsSolutions-S1",
            "The pipeline's artifact bucket is created by CDK Pipelines; its contents are "
            "build outputs, and CloudTrail records access.",
        )
        acknowledge_each(
            self,
            self._generated_wildcards(config),
            "CDK Pipelines generates its CodeBuild and CodePipeline roles; their wildcards are "
            "scoped to the pipeline's own bucket, key, log groups and CDK bootstrap roles.",
        )

    def _generated_wildcards(self, config: PipelineConfig) -> list[str]:
        """The IAM5 finding ids of the generated roles, derived from the generated resources."""
        arn = f"arn:<AWS::Partition>:{{service}}:{config.region}:{config.account}"
        resources = [
            "*",
            f"arn:*:iam::{config.account}:role/*",
            arn.format(service="logs") + ":log-group:/aws/codebuild/*",
            arn.format(service="codebuild") + ":report-group/*",
        ]
        for construct in self.node.find_all():
            if isinstance(construct, codebuild.CfnProject):
                project = self.get_logical_id(construct)
                resources.append(
                    arn.format(service="logs") + f":log-group:/aws/codebuild/<{project}>:*"
                )
                resources.append(arn.format(service="codebuild") + f":report-group/<{project}>-*")
            elif isinstance(construct, s3.CfnBucket):
                resources.append(f"<{self.get_logical_id(construct)}.Arn>/*")
        return [f"AwsSolutions-IAM5[Action::{a}]" for a in _GENERATED_WILDCARD_ACTIONS] + [
            f"AwsSolutions-IAM5[Resource::{r}]" for r in resources
        ]
