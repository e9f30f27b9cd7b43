"""Synthesize the real CDK app once per test session (jsii and node make synth slow)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("aws_cdk", reason="the infra extra (aws-cdk-lib) is not installed")

from aws_cdk import App
from aws_cdk.assertions import Template

from infra.app import build_app
from infra.config import PipelineConfig
from infra.environments import PIPELINE
from infra.pipeline import PipelineStack


@dataclass(frozen=True)
class Synthesized:
    app: App
    pipeline_stack: PipelineStack
    outdir: Path
    seconds: float

    @property
    def staging(self) -> Template:
        return Template.from_stack(self.pipeline_stack.staging.stack)

    @property
    def production(self) -> Template:
        return Template.from_stack(self.pipeline_stack.production.stack)

    @property
    def pipeline(self) -> Template:
        return Template.from_stack(self.pipeline_stack)

    def manifests(self) -> Iterator[tuple[Path, dict[str, Any]]]:
        for path in sorted(self.outdir.rglob("manifest.json")):
            yield path, json.loads(path.read_text())


@pytest.fixture(scope="session")
def synthesized(tmp_path_factory: pytest.TempPathFactory) -> Synthesized:
    outdir = tmp_path_factory.mktemp("cdk.out")
    started = time.perf_counter()
    app = build_app(outdir)
    assert isinstance(app, App)
    app.synth()  # raises if cdk-nag reports an unacknowledged error
    seconds = time.perf_counter() - started
    stack = next(c for c in app.node.children if isinstance(c, PipelineStack))
    return Synthesized(app=app, pipeline_stack=stack, outdir=outdir, seconds=seconds)


@pytest.fixture(scope="session")
def staging(synthesized: Synthesized) -> Template:
    return synthesized.staging


@pytest.fixture(scope="session")
def production(synthesized: Synthesized) -> Template:
    return synthesized.production


@pytest.fixture(scope="session", params=["staging", "production"])
def env_template(request: pytest.FixtureRequest, synthesized: Synthesized) -> Template:
    """Each application stage's template, for properties both must have."""
    template: Template = getattr(synthesized, request.param)
    return template


@pytest.fixture(scope="session")
def pipeline_template(synthesized: Synthesized) -> Template:
    return synthesized.pipeline


@pytest.fixture(scope="session")
def config_pipeline() -> PipelineConfig:
    return PIPELINE
