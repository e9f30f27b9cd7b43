"""The public front of the receiver: an HTTP API on the configured domain, access-logged.

Every route goes to the receiver, which authenticates webhooks itself (secret token, signature).
"""

from __future__ import annotations

import json

import jsii
from aws_cdk import RemovalPolicy
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_apigatewayv2_integrations as integrations
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct

from infra.config import EnvironmentConfig
from infra.logs import retention
from infra.nag import acknowledge

# No path, query or body: paths carry one-time login tokens (RELIABILITY A1/A6).
_ACCESS_LOG_FORMAT = {
    "requestId": "$context.requestId",
    "time": "$context.requestTime",
    "method": "$context.httpMethod",
    "route": "$context.routeKey",
    "status": "$context.status",
    "latencyMs": "$context.responseLatency",
    "integrationLatencyMs": "$context.integrationLatency",
    "integrationError": "$context.integrationErrorMessage",
}


@jsii.implements(apigwv2.IAccessLogSettings)
class _AccessLogs:
    def __init__(self, log_group: logs.ILogGroup) -> None:
        self._destination = apigwv2.LogGroupLogDestination(log_group)

    @property
    def destination(self) -> apigwv2.IAccessLogDestination:
        return self._destination

    @property
    def format(self) -> apigw.AccessLogFormat:
        return apigw.AccessLogFormat.custom(json.dumps(_ACCESS_LOG_FORMAT))


class Front(Construct):
    """``target_domain`` is what the operator's DNS CNAME (or alias) for the domain points to."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: EnvironmentConfig,
        receiver: lambda_.IFunction,
    ) -> None:
        super().__init__(scope, construct_id)
        self.domain = apigwv2.DomainName(
            self,
            "Domain",
            domain_name=config.domain_name,
            certificate=acm.Certificate.from_certificate_arn(
                self, "Certificate", config.certificate_arn
            ),
            security_policy=apigwv2.SecurityPolicy.TLS_1_2,
        )
        self.api = apigwv2.HttpApi(
            self,
            "Api",
            description=f"abogado {config.name} webhooks, login links and admin pages",
            create_default_stage=False,
            # Only the domain is public: Twilio signs the URL it was configured with.
            disable_execute_api_endpoint=True,
            default_integration=integrations.HttpLambdaIntegration("Receiver", receiver),
        )
        access_logs = logs.LogGroup(
            self,
            "AccessLogs",
            retention=retention(config.sizes.log_retention_days),
            removal_policy=RemovalPolicy.DESTROY,
        )
        # Above Telegram's max_connections and Twilio's default 10 MPS; a flood costs 429s.
        burst = 2 * (config.sizes.receiver_reserved_concurrency or 50)
        self.stage = apigwv2.HttpStage(
            self,
            "Stage",
            http_api=self.api,
            stage_name="$default",
            auto_deploy=True,
            domain_mapping=apigwv2.DomainMappingOptions(domain_name=self.domain),
            throttle=apigwv2.ThrottleSettings(rate_limit=burst, burst_limit=burst),
            access_log_settings=_AccessLogs(access_logs),
        )
        self.target_domain = self.domain.regional_domain_name
        acknowledge(
            self.api,
            "AwsSolutions-APIG4",
            "Webhooks authenticate inside the receiver (Telegram secret token, Twilio "
            "signature); login and callback pages are public by design; /admin checks the "
            "Cognito session.",
        )
