"""The VPC: fck-nat instead of NAT Gateways, private routes to the NAT ENIs, VPC endpoints."""

from __future__ import annotations

from aws_cdk.assertions import Template

from infra.config import PipelineConfig
from tests.infra.templates import props, ref, resources, subnet_ids


def test_no_nat_gateway_anywhere(env_template: Template) -> None:
    env_template.resource_count_is("AWS::EC2::NatGateway", 0)
    assert "AWS::EC2::NatGateway" not in str(env_template.to_json())


def test_fck_nat_instances_are_t4g_nano_from_the_pinned_ami(
    env_template: Template, config_pipeline: PipelineConfig
) -> None:
    launch = props(env_template, "AWS::EC2::LaunchTemplate")
    nat = {n: p for n, p in launch.items() if "FckNat" in n}
    assert len(nat) == 2  # one per AZ
    amis = {c.nat_ami_id for c in (config_pipeline.staging, config_pipeline.production)}
    for p in nat.values():
        data = p["LaunchTemplateData"]
        assert data["InstanceType"] == "t4g.nano"
        assert data["ImageId"] in amis
    groups = props(env_template, "AWS::AutoScaling::AutoScalingGroup")
    assert len(groups) == 2
    for p in groups.values():
        assert (p["MinSize"], p["MaxSize"]) == ("1", "1")
        assert len(p["VPCZoneIdentifier"]) == 1
    enis = props(env_template, "AWS::EC2::NetworkInterface")
    assert len(enis) == 2
    assert all(p["SourceDestCheck"] is False for p in enis.values())


def test_private_subnets_route_to_their_own_azs_nat_interface(env_template: Template) -> None:
    enis = set(resources(env_template, "AWS::EC2::NetworkInterface"))
    tables = props(env_template, "AWS::EC2::SubnetRouteTableAssociation")
    routes = props(env_template, "AWS::EC2::Route")
    targets = []
    for subnet in subnet_ids(env_template, "Private"):
        (table,) = [p["RouteTableId"] for p in tables.values() if p["SubnetId"] == ref(subnet)]
        (default,) = [
            p
            for p in routes.values()
            if p["RouteTableId"] == table and p.get("DestinationCidrBlock") == "0.0.0.0/0"
        ]
        assert "NatGatewayId" not in default
        assert "GatewayId" not in default
        assert default["NetworkInterfaceId"]["Ref"] in enis
        targets.append(default["NetworkInterfaceId"]["Ref"])
    assert len(targets) == 2
    assert len(set(targets)) == 2


def test_public_subnets_use_the_internet_gateway_and_data_subnets_have_no_default_route(
    env_template: Template,
) -> None:
    tables = props(env_template, "AWS::EC2::SubnetRouteTableAssociation")
    routes = props(env_template, "AWS::EC2::Route")
    for group, expect_default in (("Public", True), ("Data", False)):
        for subnet in subnet_ids(env_template, group):
            (table,) = [p["RouteTableId"] for p in tables.values() if p["SubnetId"] == ref(subnet)]
            defaults = [
                p
                for p in routes.values()
                if p["RouteTableId"] == table and p.get("DestinationCidrBlock") == "0.0.0.0/0"
            ]
            assert bool(defaults) is expect_default
            if defaults:
                assert "GatewayId" in defaults[0]


def test_subnets_span_the_two_configured_azs(env_template: Template) -> None:
    subnets = props(env_template, "AWS::EC2::Subnet")
    for group in ("Public", "Private", "Data"):
        azs = {subnets[s]["AvailabilityZone"] for s in subnet_ids(env_template, group)}
        assert azs == {"us-east-1a", "us-east-1b"}


def test_interface_endpoints_in_private_subnets_and_s3_gateway(env_template: Template) -> None:
    endpoints = props(env_template, "AWS::EC2::VPCEndpoint")
    private = [ref(s) for s in subnet_ids(env_template, "Private")]
    by_service = {str(p["ServiceName"]): p for p in endpoints.values()}
    for service in ("bedrock-runtime", "sqs", "secretsmanager"):
        p = by_service[f"com.amazonaws.us-east-1.{service}"]
        assert p["VpcEndpointType"] == "Interface"
        assert p["PrivateDnsEnabled"] is True
        assert sorted(p["SubnetIds"], key=str) == sorted(private, key=str)
    s3 = [p for p in endpoints.values() if p.get("VpcEndpointType") == "Gateway"]
    assert len(s3) == 1
    assert "s3" in str(s3[0]["ServiceName"])


def test_rejected_traffic_is_flow_logged(env_template: Template) -> None:
    logs = props(env_template, "AWS::EC2::FlowLog")
    assert [p["TrafficType"] for p in logs.values()] == ["REJECT"]
