"""CDK Pipelines: source connection, test + synth, assets, staging, approval, production."""

from __future__ import annotations

import json
from typing import Any

from aws_cdk.assertions import Template

from infra.environments import PIPELINE
from infra.pipeline import APPROVAL_STEP
from tests.infra.templates import props


def _pipeline(template: Template) -> dict[str, Any]:
    (pipeline,) = props(template, "AWS::CodePipeline::Pipeline").values()
    return pipeline


def test_stages_run_in_order_with_production_last(pipeline_template: Template) -> None:
    stages = [s["Name"] for s in _pipeline(pipeline_template)["Stages"]]
    assert stages == ["Source", "Build", "UpdatePipeline", "Assets", "Staging", "Production"]


def test_pipeline_is_type_v2(pipeline_template: Template) -> None:
    assert _pipeline(pipeline_template)["PipelineType"] == "V2"


def test_production_starts_with_a_manual_approval(pipeline_template: Template) -> None:
    stages = {s["Name"]: s for s in _pipeline(pipeline_template)["Stages"]}
    first = min(stages["Production"]["Actions"], key=lambda a: a["RunOrder"])
    assert first["Name"] == APPROVAL_STEP
    assert first["ActionTypeId"]["Category"] == "Approval"
    assert first["ActionTypeId"]["Provider"] == "Manual"
    deploys = [a for a in stages["Production"]["Actions"] if a["Name"] != APPROVAL_STEP]
    assert deploys
    assert all(a["RunOrder"] > first["RunOrder"] for a in deploys)
    assert not any(
        a["ActionTypeId"]["Category"] == "Approval" for a in stages["Staging"]["Actions"]
    )


def test_source_is_the_configured_connection(pipeline_template: Template) -> None:
    stages = {s["Name"]: s for s in _pipeline(pipeline_template)["Stages"]}
    (source,) = stages["Source"]["Actions"]
    assert source["ActionTypeId"]["Provider"] == "CodeStarSourceConnection"
    config = source["Configuration"]
    assert config["ConnectionArn"] == PIPELINE.connection_arn
    assert config["FullRepositoryId"] == PIPELINE.repository
    assert config["BranchName"] == PIPELINE.branch


def test_synth_step_runs_the_test_suite_then_the_app(pipeline_template: Template) -> None:
    projects = props(pipeline_template, "AWS::CodeBuild::Project")
    specs = [json.loads(p["Source"]["BuildSpec"]) for p in projects.values()]
    (synth,) = [s for s in specs if "python infra/app.py" in json.dumps(s)]
    commands: list[str] = synth["phases"]["build"]["commands"]
    tests = next(i for i, c in enumerate(commands) if c.startswith("pytest"))
    assert commands.index("python infra/app.py") > tests
    assert {"ruff check .", "mypy", "lint-imports"} <= set(commands[:tests])
    install = " ".join(synth["phases"]["install"]["commands"])
    assert ".[dev,infra]" in install
    assert synth["artifacts"]["base-directory"] == "cdk.out"


def test_stages_deploy_to_their_own_accounts(pipeline_template: Template) -> None:
    stages = {s["Name"]: s for s in _pipeline(pipeline_template)["Stages"]}
    for name, config in (("Staging", PIPELINE.staging), ("Production", PIPELINE.production)):
        deploys = [
            a for a in stages[name]["Actions"] if a["ActionTypeId"]["Provider"] == "CloudFormation"
        ]
        assert deploys
        for action in deploys:
            assert f"abogado-{config.name}" == action["Configuration"]["StackName"]
            assert config.account in json.dumps(action["RoleArn"])
