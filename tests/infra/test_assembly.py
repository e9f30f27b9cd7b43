"""The cloud assembly as a whole: cdk-nag ran and passed, no lookups, a lean image context."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from aws_cdk import App, Environment, Stack, Validations
from aws_cdk import aws_sqs as sqs

from infra.nag import MIN_REASON, acknowledge, check
from tests.infra.conftest import Synthesized

IMAGE_CONTEXT = {
    ".dockerignore",
    "Dockerfile",
    "requirements",
    "abogado",
    "bot",
    "calc",
    "db",
    "ingest",
    "rag",
    "services",
    "webhooks",
}


def test_cdk_nag_awssolutions_checks_the_app_and_finds_nothing(synthesized: Synthesized) -> None:
    plugins = synthesized.app.policy_validation_beta1
    assert [p.name for p in plugins] == ["AwsSolutions"]
    report = json.loads((synthesized.outdir / "validation-report.json").read_text())
    # A pack with no finding left (all fixed or acknowledged) is absent or successful.
    for plugin in report["pluginReports"]:
        assert plugin["conclusion"] == "success", plugin["pluginName"]
        assert not [v for v in plugin["violations"] if v["severity"] == "error"]


def test_the_nag_check_fails_synthesis_on_an_unacknowledged_finding(
    tmp_path: Path,
) -> None:
    app = App(outdir=str(tmp_path))
    stack = Stack(app, "Canary", env=Environment(account="111111111111", region="us-east-1"))
    sqs.Queue(stack, "NoSsl")  # AwsSolutions-SQS3 and SQS4
    check(app)
    with pytest.raises(RuntimeError, match="ValidationFailed"):
        app.synth()
    report = (tmp_path / "validation-report.json").read_text()
    assert "AwsSolutions-SQS4" in report


def test_every_acknowledgment_has_a_written_reason(synthesized: Synthesized) -> None:
    key = Validations.ACKNOWLEDGED_RULES_METADATA_KEY
    found: dict[str, str] = {}
    for construct in synthesized.app.node.find_all():
        for entry in construct.node.metadata:
            if entry.type == key:
                found.update(entry.data)
    # CDK stores ids as "<namespace>::<rule>"; rules without one land under "Annotation".
    ours = {rule: reason for rule, reason in found.items() if "::AwsSolutions-" in rule}
    assert len(ours) > 10
    for rule, reason in ours.items():
        assert len(reason.strip()) >= MIN_REASON, rule


def test_a_reasonless_acknowledgment_is_refused(synthesized: Synthesized) -> None:
    with pytest.raises(ValueError, match="write down why"):
        acknowledge(synthesized.pipeline_stack, "AwsSolutions-S1", "because")


def test_synthesis_needs_no_context_lookups(synthesized: Synthesized) -> None:
    manifests = list(synthesized.manifests())
    assert len(manifests) >= 3  # the app and both stages
    for path, manifest in manifests:
        assert not manifest.get("missing"), f"{path} asks AWS for {manifest.get('missing')}"
    committed = json.loads((Path(__file__).resolve().parents[2] / "cdk.context.json").read_text())
    assert committed == {}  # nothing to look up, so nothing cached


def _docker_assets(synthesized: Synthesized) -> list[dict[str, Any]]:
    """Docker image entries of every asset manifest, with ``directory`` made absolute."""
    out = []
    for path in synthesized.outdir.rglob("*.assets.json"):
        for image in json.loads(path.read_text()).get("dockerImages", {}).values():
            image["source"]["directory"] = str(path.parent / image["source"]["directory"])
            out.append(image)
    return out


def test_one_image_asset_built_from_the_root_dockerfile_for_x86(
    synthesized: Synthesized,
) -> None:
    images = _docker_assets(synthesized)
    assert images
    directories = {Path(i["source"]["directory"]).resolve() for i in images}
    assert len(directories) == 1  # staging and production share the same image
    source = images[0]["source"]
    assert source["dockerFile"] == "Dockerfile"
    assert source["platform"] == "linux/amd64"


def test_image_context_holds_only_the_runtime(synthesized: Synthesized) -> None:
    images = _docker_assets(synthesized)
    context = Path(images[0]["source"]["directory"])
    assert {p.name for p in context.iterdir()} == IMAGE_CONTEXT
    assert not list(context.rglob("__pycache__"))
    for absent in (".venv", ".abogado", "cdk.out", "tests", "bench", "infra", ".git"):
        assert not (context / absent).exists()
