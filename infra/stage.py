"""A deployable environment as a CDK Stage, so the pipeline can deploy staging and production."""

from __future__ import annotations

from typing import Any

from aws_cdk import Environment, Stage, Tags
from constructs import Construct

from infra.config import EnvironmentConfig
from infra.stack import AbogadoStack


class AbogadoStage(Stage):
    """Holds one ``AbogadoStack`` named ``abogado-<environment>``."""

    def __init__(
        self, scope: Construct, construct_id: str, *, config: EnvironmentConfig, **kwargs: Any
    ) -> None:
        super().__init__(
            scope,
            construct_id,
            env=Environment(account=config.account, region=config.region),
            **kwargs,
        )
        self.stack = AbogadoStack(
            self,
            "App",
            config=config,
            stack_name=f"abogado-{config.name}",
            description=f"abogado ({config.name}): labor-law assistant on Telegram and WhatsApp",
            termination_protection=config.is_production,
        )
        Tags.of(self).add("project", "abogado")
        Tags.of(self).add("environment", config.name)
