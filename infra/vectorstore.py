"""Qdrant: one container on ECS Fargate with EFS storage in the private subnets, or an external URL.

The index is rebuildable (``abogado ingest``), so one task and no replicas is enough.
"""

from __future__ import annotations

from aws_cdk import RemovalPolicy
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_efs as efs
from aws_cdk import aws_logs as logs
from aws_cdk import aws_secretsmanager as sm
from aws_cdk import aws_servicediscovery as sd
from constructs import Construct

from infra.config import EnvironmentConfig
from infra.logs import retention
from infra.nag import acknowledge
from infra.network import Network

QDRANT_PORT = 6333
NAMESPACE = "abogado.internal"
_STORAGE = "/qdrant/storage"


class VectorStore(Construct):
    """Exposes ``url``, ``api_key_secret`` and ``allow_from(peer)`` whichever way Qdrant runs."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: EnvironmentConfig,
        network: Network,
        api_key: sm.ISecret | None,
    ) -> None:
        super().__init__(scope, construct_id)
        self.service: ecs.FargateService | None = None
        external = config.qdrant.external_url
        if external:
            self.url = external
            self.api_key_secret: sm.ISecret = sm.Secret.from_secret_complete_arn(
                self, "ExternalApiKey", config.qdrant.external_api_key_secret_arn
            )
            return
        if api_key is None:
            raise ValueError("a Fargate Qdrant needs its API key secret")
        self.api_key_secret = api_key
        # Plain HTTP inside the private subnets, reachable only from our security groups: an
        # accepted risk (docs/deploy.md, "Qdrant and TLS"); an external Qdrant must be https.
        self.url = f"http://qdrant.{NAMESPACE}:{QDRANT_PORT}"
        self._build_service(config=config, network=network, api_key=api_key)

    def _build_service(
        self, *, config: EnvironmentConfig, network: Network, api_key: sm.ISecret
    ) -> None:
        sizes = config.sizes
        cluster = ecs.Cluster(
            self,
            "Cluster",
            vpc=network.vpc,
            container_insights_v2=ecs.ContainerInsights.ENABLED,
        )
        file_system = efs.FileSystem(
            self,
            "Storage",
            vpc=network.vpc,
            vpc_subnets=network.private_subnets,
            encrypted=True,
            performance_mode=efs.PerformanceMode.GENERAL_PURPOSE,
            throughput_mode=efs.ThroughputMode.ELASTIC,
            # The index can be rebuilt from the law; staging does not keep it.
            removal_policy=(
                RemovalPolicy.RETAIN if config.is_production else RemovalPolicy.DESTROY
            ),
        )
        access_point = file_system.add_access_point(
            "Qdrant",
            path="/qdrant",
            create_acl=efs.Acl(owner_uid="1000", owner_gid="1000", permissions="750"),
            posix_user=efs.PosixUser(uid="1000", gid="1000"),
        )
        task = ecs.FargateTaskDefinition(
            self,
            "Task",
            cpu=sizes.qdrant_cpu,
            memory_limit_mib=sizes.qdrant_memory_mib,
            runtime_platform=ecs.RuntimePlatform(
                cpu_architecture=ecs.CpuArchitecture.ARM64,
                operating_system_family=ecs.OperatingSystemFamily.LINUX,
            ),
        )
        task.add_volume(
            name="storage",
            efs_volume_configuration=ecs.EfsVolumeConfiguration(
                file_system_id=file_system.file_system_id,
                transit_encryption="ENABLED",
                authorization_config=ecs.AuthorizationConfig(
                    access_point_id=access_point.access_point_id, iam="ENABLED"
                ),
            ),
        )
        file_system.grant_read_write(task.task_role)
        log_group = logs.LogGroup(
            self,
            "Logs",
            retention=retention(sizes.log_retention_days),
            removal_policy=RemovalPolicy.DESTROY,
        )
        container = task.add_container(
            "qdrant",
            image=ecs.ContainerImage.from_registry(config.qdrant.image),
            port_mappings=[ecs.PortMapping(container_port=QDRANT_PORT)],
            environment={
                "QDRANT__STORAGE__STORAGE_PATH": _STORAGE,
                # Snapshots on the same (writable, persistent) volume as the data.
                "QDRANT__STORAGE__SNAPSHOTS_PATH": f"{_STORAGE}/snapshots",
                "QDRANT__TELEMETRY_DISABLED": "true",
            },
            secrets={
                "QDRANT__SERVICE__API_KEY": ecs.Secret.from_secrets_manager(api_key, "api_key")
            },
            logging=ecs.LogDriver.aws_logs(stream_prefix="qdrant", log_group=log_group),
            user="1000:1000",
        )
        container.add_mount_points(
            ecs.MountPoint(container_path=_STORAGE, source_volume="storage", read_only=False)
        )
        namespace = sd.PrivateDnsNamespace(self, "Namespace", name=NAMESPACE, vpc=network.vpc)
        self.service = ecs.FargateService(
            self,
            "Service",
            cluster=cluster,
            task_definition=task,
            desired_count=1,
            # Never two Qdrant processes on one storage folder: stop the old task first.
            min_healthy_percent=0,
            max_healthy_percent=100,
            circuit_breaker=ecs.DeploymentCircuitBreaker(rollback=True),
            vpc_subnets=network.private_subnets,
            assign_public_ip=False,
            cloud_map_options=ecs.CloudMapOptions(
                name="qdrant", cloud_map_namespace=namespace, dns_record_type=sd.DnsRecordType.A
            ),
        )
        file_system.connections.allow_default_port_from(self.service, "Qdrant task to EFS")
        acknowledge(
            task,
            "AwsSolutions-ECS2",
            "The container's environment holds only non-secret settings (storage path, "
            "telemetry off); the API key comes from Secrets Manager.",
        )

    def allow_from(self, peer: ec2.IConnectable) -> None:
        """Open the Qdrant port to ``peer`` (no-op for an external server)."""
        if self.service is not None:
            self.service.connections.allow_from(
                peer, ec2.Port.tcp(QDRANT_PORT), "functions to Qdrant"
            )
