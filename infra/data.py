"""The app database: RDS MySQL 8.4 in isolated subnets, encrypted, retained, behind RDS Proxy.

Its generated credentials live in Secrets Manager; the functions reach it only through the proxy.
"""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_logs as logs
from aws_cdk import aws_rds as rds
from aws_cdk import aws_secretsmanager as sm
from constructs import Construct

from infra.config import EnvironmentConfig
from infra.logs import retention
from infra.nag import acknowledge
from infra.network import Network

DATABASE_NAME = "abogado"
ADMIN_USER = "abogado_admin"
MYSQL_PORT = 3306
LOG_EXPORTS = ("error", "slowquery")
# RDS Proxy requires TLS; its certificate chains to Amazon's public roots (image's CA bundle).
SYSTEM_CA_BUNDLE = "/etc/pki/tls/certs/ca-bundle.crt"


class Database(Construct):
    """One MySQL instance; ``url`` is the credential-less SQLAlchemy URL the runtime completes."""

    def __init__(
        self, scope: Construct, construct_id: str, *, config: EnvironmentConfig, network: Network
    ) -> None:
        super().__init__(scope, construct_id)
        sizes = config.sizes
        self.identifier = f"abogado-{config.name}"
        # Created before the instance, with a retention: no LogRetention custom resource needed.
        log_groups = [
            logs.LogGroup(
                self,
                f"{name.capitalize()}Logs",
                log_group_name=f"/aws/rds/instance/{self.identifier}/{name}",
                retention=retention(sizes.log_retention_days),
                removal_policy=RemovalPolicy.DESTROY,
            )
            for name in LOG_EXPORTS
        ]
        self.security_group = ec2.SecurityGroup(
            self, "InstanceSecurityGroup", vpc=network.vpc, description="abogado MySQL"
        )
        self.instance = rds.DatabaseInstance(
            self,
            "Instance",
            engine=rds.DatabaseInstanceEngine.mysql(version=rds.MysqlEngineVersion.VER_8_4_7),
            instance_type=ec2.InstanceType(sizes.db_instance_type),
            vpc=network.vpc,
            vpc_subnets=network.isolated_subnets,
            security_groups=[self.security_group],
            credentials=rds.Credentials.from_generated_secret(ADMIN_USER),
            database_name=DATABASE_NAME,
            allocated_storage=sizes.db_allocated_storage_gb,
            max_allocated_storage=sizes.db_max_allocated_storage_gb,
            storage_type=rds.StorageType.GP3,
            storage_encrypted=True,
            multi_az=sizes.db_multi_az,
            publicly_accessible=False,
            backup_retention=Duration.days(sizes.db_backup_retention_days),
            delete_automated_backups=False,
            deletion_protection=config.is_production,
            removal_policy=RemovalPolicy.RETAIN,
            auto_minor_version_upgrade=True,
            iam_authentication=True,
            instance_identifier=self.identifier,
            cloudwatch_logs_exports=list(LOG_EXPORTS),
            parameters={"require_secure_transport": "ON"},
        )
        for log_group in log_groups:
            self.instance.node.add_dependency(log_group)
        # ``instance.secret`` is the attachment; the secret itself is the child "Secret".
        secret = self.instance.node.find_child("Secret")
        assert isinstance(secret, rds.DatabaseSecret)
        # Without the secret a retained database cannot be opened again: keep it too.
        secret.apply_removal_policy(RemovalPolicy.RETAIN)
        self.secret: sm.ISecret = secret
        self.proxy = self.instance.add_proxy(
            "Proxy",
            secrets=[secret],
            vpc=network.vpc,
            vpc_subnets=network.private_subnets,
            require_tls=True,
            # Below MySQL's wait_timeout and SQLAlchemy's pool_recycle guidance (RELIABILITY R6).
            idle_client_timeout=Duration.minutes(30),
            max_connections_percent=90,
            debug_logging=False,
        )
        self.instance.connections.allow_default_port_from(self.proxy, "RDS Proxy to MySQL")
        self.url = (
            f"mysql+pymysql://{self.proxy.endpoint}:{MYSQL_PORT}/{DATABASE_NAME}"
            f"?charset=utf8mb4&ssl_ca={SYSTEM_CA_BUNDLE}"
        )

        self._acknowledge(config)

    def allow_from(self, peer: ec2.IConnectable) -> None:
        """Let ``peer`` open connections to the proxy (never to the instance itself)."""
        self.proxy.connections.allow_from(peer, ec2.Port.tcp(MYSQL_PORT), "functions to proxy")

    def _acknowledge(self, config: EnvironmentConfig) -> None:
        acknowledge(
            self.proxy,
            "CloudFormation-Validate::F3002",
            "CDK's RDS Proxy target group carries stack tags the schema lists no Tags for; "
            "CloudFormation accepts it (aws-cdk-lib behaviour, not our template).",
        )
        acknowledge(
            self.instance,
            "AwsSolutions-RDS11",
            "The default MySQL port is kept: only the proxy's security group may reach it, and a "
            "non-standard port adds no protection inside a private VPC.",
        )
        acknowledge(
            self.secret,
            "AwsSolutions-SMG4",
            "Rotation is off until the functions authenticate to RDS Proxy with IAM: warm Lambdas "
            "cache the password, so a rotation would break them (docs/deploy.md, follow-ups).",
        )
        if not config.is_production:
            acknowledge(
                self.instance,
                "AwsSolutions-RDS3",
                "Staging runs single-AZ to halve its cost; production is Multi-AZ.",
            )
            acknowledge(
                self.instance,
                "AwsSolutions-RDS10",
                "Staging may be torn down; production has deletion protection on.",
            )
