"""Qdrant: Fargate + encrypted EFS in the private subnets by default, or an external server."""

from __future__ import annotations

import dataclasses

import pytest
from aws_cdk import App, Environment
from aws_cdk.assertions import Template

from infra.compute import RECEIVER_HANDLER, WORKER_HANDLER
from infra.config import QdrantConfig
from infra.environments import STAGING
from infra.stack import AbogadoStack
from tests.infra.templates import function_by_handler, props, ref, subnet_ids

EXTERNAL_KEY_ARN = "arn:aws:secretsmanager:us-east-1:111111111111:secret:qdrant-cloud-AbCdEf"


def test_qdrant_runs_as_one_fargate_task_on_encrypted_efs(env_template: Template) -> None:
    (service,) = props(env_template, "AWS::ECS::Service").values()  # the ops task has none
    assert service["LaunchType"] == "FARGATE"
    assert service["DesiredCount"] == 1
    # Never two Qdrant processes on one storage folder.
    assert service["DeploymentConfiguration"]["MaximumPercent"] == 100
    network = service["NetworkConfiguration"]["AwsvpcConfiguration"]
    assert network["AssignPublicIp"] == "DISABLED"
    private = [ref(s) for s in subnet_ids(env_template, "Private")]
    assert sorted(network["Subnets"], key=str) == private
    (fs,) = props(env_template, "AWS::EFS::FileSystem").values()
    assert fs["Encrypted"] is True
    (task,) = [
        p
        for p in props(env_template, "AWS::ECS::TaskDefinition").values()
        if p["ContainerDefinitions"][0]["Name"] == "qdrant"
    ]
    (volume,) = task["Volumes"]
    efs = volume["EFSVolumeConfiguration"]
    assert efs["TransitEncryption"] == "ENABLED"
    assert efs["AuthorizationConfig"]["IAM"] == "ENABLED"
    (container,) = task["ContainerDefinitions"]
    assert container["Image"].startswith("qdrant/qdrant:v")
    assert container["Image"].endswith("-unprivileged")
    assert container["User"] == "1000:1000"
    assert [s["Name"] for s in container["Secrets"]] == ["QDRANT__SERVICE__API_KEY"]
    assert container["MountPoints"][0]["ContainerPath"] == "/qdrant/storage"


def test_only_the_functions_reach_qdrant(env_template: Template) -> None:
    ingress = props(env_template, "AWS::EC2::SecurityGroupIngress")
    to_qdrant = [p for p in ingress.values() if p.get("FromPort") == 6333]
    assert len(to_qdrant) == 3  # the app functions', the trigger's and the operator task's
    for p in to_qdrant:
        assert "SourceSecurityGroupId" in p
        assert "CidrIp" not in p


@pytest.fixture(scope="module")
def external(tmp_path_factory: pytest.TempPathFactory) -> Template:
    config = dataclasses.replace(
        STAGING,
        qdrant=QdrantConfig(
            external_url="https://qdrant.example.cloud:6333",
            external_api_key_secret_arn=EXTERNAL_KEY_ARN,
        ),
    )
    app = App(outdir=str(tmp_path_factory.mktemp("external")))
    stack = AbogadoStack(
        app, "External", config=config, env=Environment(account=config.account, region="us-east-1")
    )
    return Template.from_stack(stack)


def test_external_qdrant_replaces_the_fargate_service(external: Template) -> None:
    external.resource_count_is("AWS::ECS::Service", 0)
    external.resource_count_is("AWS::EFS::FileSystem", 0)
    _, worker = function_by_handler(external, WORKER_HANDLER)
    env = worker["Environment"]["Variables"]
    assert env["ABOGADO_QDRANT__URL"] == "https://qdrant.example.cloud:6333"
    assert env["ABOGADO_SECRETS__QDRANT_ARN"] == EXTERNAL_KEY_ARN
    _, receiver = function_by_handler(external, RECEIVER_HANDLER)
    assert "ABOGADO_SECRETS__QDRANT_ARN" not in receiver["Environment"]["Variables"]
    reads = [
        s
        for p in props(external, "AWS::IAM::Policy").values()
        for s in p["PolicyDocument"]["Statement"]
        if "secretsmanager:GetSecretValue" in s["Action"]
    ]
    assert any(EXTERNAL_KEY_ARN in str(s["Resource"]) for s in reads)
