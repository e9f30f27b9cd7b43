"""The public front of the receiver: a REST API on the configured domain, access-logged.

The webhook routes have throttles of their own, so an anonymous flood of the public pages
(/healthz, /link/*, /auth/*, /admin/*) can never make Telegram or Twilio meet a 429; those pages
also sit behind a per-IP rate limit (AWS WAF). Every route goes to the receiver, which
authenticates webhooks itself (secret token, signature). A REST API, not an HTTP API: only the
former takes a WAF web ACL.
"""

from __future__ import annotations

import json

from aws_cdk import RemovalPolicy
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_wafv2 as waf
from constructs import Construct

from infra.config import EnvironmentConfig
from infra.logs import retention
from infra.nag import acknowledge, acknowledge_each

# The routes Telegram and Twilio call; each gets its own throttle bucket.
WEBHOOK_PATHS = ("/webhooks/telegram", "/webhooks/whatsapp", "/webhooks/whatsapp/status")
# Stripe's events (issue 17): a bucket of its own, sized apart (Sizes.stripe_webhook_*).
STRIPE_WEBHOOK_PATH = "/webhooks/stripe"
WEBHOOK_PREFIX = "/webhooks/"
STAGE = "live"

# No path, query or body: paths carry one-time login tokens (RELIABILITY A1/A6). The resource
# path is the route's template ("/{proxy+}"), never the token itself.
_ACCESS_LOG_FORMAT = {
    "requestId": "$context.requestId",
    "time": "$context.requestTime",
    "method": "$context.httpMethod",
    "resource": "$context.resourcePath",
    "status": "$context.status",
    "latencyMs": "$context.responseLatency",
    "integrationLatencyMs": "$context.integrationLatency",
    "integrationError": "$context.integration.error",
    "waf": "$context.wafResponseCode",
}


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
        sizes = config.sizes
        access_logs = logs.LogGroup(
            self,
            "AccessLogs",
            retention=retention(sizes.log_retention_days),
            removal_policy=RemovalPolicy.DESTROY,
        )
        # Above Telegram's max_connections and Twilio's default 10 MPS; a flood costs 429s.
        webhook_rate = 2 * (sizes.receiver_reserved_concurrency or 50)
        webhook_limits = apigw.MethodDeploymentOptions(
            throttling_rate_limit=webhook_rate, throttling_burst_limit=webhook_rate
        )
        method_options = {f"{path}/POST": webhook_limits for path in WEBHOOK_PATHS}
        method_options[f"{STRIPE_WEBHOOK_PATH}/POST"] = apigw.MethodDeploymentOptions(
            throttling_rate_limit=sizes.stripe_webhook_rate_limit,
            throttling_burst_limit=sizes.stripe_webhook_burst_limit,
        )
        self.api = apigw.RestApi(
            self,
            "Api",
            description=f"abogado {config.name} webhooks, login links and admin pages",
            endpoint_types=[apigw.EndpointType.REGIONAL],
            # Only the domain is public: Twilio signs the URL it was configured with.
            disable_execute_api_endpoint=True,
            cloud_watch_role=False,
            deploy_options=apigw.StageOptions(
                stage_name=STAGE,
                # The public pages' bucket (per method); each webhook has its own, below.
                throttling_rate_limit=sizes.public_rate_limit,
                throttling_burst_limit=sizes.public_burst_limit,
                method_options=method_options,
                access_log_destination=apigw.LogGroupLogDestination(access_logs),
                access_log_format=apigw.AccessLogFormat.custom(json.dumps(_ACCESS_LOG_FORMAT)),
            ),
        )
        integration = apigw.LambdaIntegration(receiver)
        for path in (*WEBHOOK_PATHS, STRIPE_WEBHOOK_PATH):
            self.api.root.resource_for_path(path).add_method("POST", integration)
        self.api.root.add_method("ANY", integration)
        self.api.root.add_proxy(default_integration=integration, any_method=True)
        self.domain = self.api.add_domain_name(
            "Domain",
            domain_name=config.domain_name,
            certificate=acm.Certificate.from_certificate_arn(
                self, "Certificate", config.certificate_arn
            ),
            endpoint_type=apigw.EndpointType.REGIONAL,
            security_policy=apigw.SecurityPolicy.TLS_1_2,
        )
        self.target_domain = self.domain.domain_name_alias_domain_name
        self.firewall = PublicPagesFirewall(self, "Firewall", config=config)
        waf.CfnWebACLAssociation(
            self,
            "FirewallAssociation",
            resource_arn=self.api.deployment_stage.stage_arn,
            web_acl_arn=self.firewall.acl.attr_arn,
        )
        acknowledge_each(
            self.api,
            ["AwsSolutions-APIG4", "AwsSolutions-COG4"],
            "Webhooks authenticate inside the receiver (Telegram secret token, Twilio "
            "signature, Stripe-Signature); login and callback pages are public by design; "
            "/admin and /abogados check the Cognito session.",
        )
        acknowledge(
            self.api,
            "AwsSolutions-APIG2",
            "The receiver validates every body itself (size, fields, signature) before any "
            "other work; a model here would duplicate that and could drift from it.",
        )
        acknowledge(
            self.api,
            "AwsSolutions-APIG6",
            "Execution logs would write request paths, which carry one-time login tokens; "
            "access logs (no path, query or body) and the receiver's own logs cover it.",
        )


class PublicPagesFirewall(Construct):
    """A regional web ACL: per-IP rate limit on everything but the webhooks.

    Telegram and Twilio send from a few addresses at high rates, so their routes are left to the
    API's own throttles; a per-IP limit there would block them first.
    """

    def __init__(self, scope: Construct, construct_id: str, *, config: EnvironmentConfig) -> None:
        super().__init__(scope, construct_id)
        not_webhooks = waf.CfnWebACL.StatementProperty(
            not_statement=waf.CfnWebACL.NotStatementProperty(
                statement=waf.CfnWebACL.StatementProperty(
                    byte_match_statement=waf.CfnWebACL.ByteMatchStatementProperty(
                        field_to_match=waf.CfnWebACL.FieldToMatchProperty(uri_path={}),
                        positional_constraint="STARTS_WITH",
                        search_string=WEBHOOK_PREFIX,
                        text_transformations=[
                            waf.CfnWebACL.TextTransformationProperty(priority=0, type="NONE")
                        ],
                    )
                )
            )
        )
        name = f"abogado-{config.name}-public"
        self.acl = waf.CfnWebACL(
            self,
            "Acl",
            scope="REGIONAL",
            default_action=waf.CfnWebACL.DefaultActionProperty(allow={}),
            description="abogado: per-IP rate limit on the public pages",
            visibility_config=_visibility(name),
            custom_response_bodies={
                "slow_down": waf.CfnWebACL.CustomResponseBodyProperty(
                    content_type="TEXT_PLAIN",
                    content="Demasiadas solicitudes. Intenta de nuevo en unos minutos.",
                )
            },
            rules=[
                waf.CfnWebACL.RuleProperty(
                    name="PerIpRateOnPublicPages",
                    priority=0,
                    action=waf.CfnWebACL.RuleActionProperty(
                        block=waf.CfnWebACL.BlockActionProperty(
                            custom_response=waf.CfnWebACL.CustomResponseProperty(
                                response_code=429, custom_response_body_key="slow_down"
                            )
                        )
                    ),
                    statement=waf.CfnWebACL.StatementProperty(
                        rate_based_statement=waf.CfnWebACL.RateBasedStatementProperty(
                            aggregate_key_type="IP",
                            limit=config.sizes.public_requests_per_ip,
                            evaluation_window_sec=300,
                            scope_down_statement=not_webhooks,
                        )
                    ),
                    visibility_config=_visibility(f"{name}-per-ip"),
                )
            ],
        )


def _visibility(metric: str) -> waf.CfnWebACL.VisibilityConfigProperty:
    # No sampled requests: a sample keeps the full path, and paths carry login tokens.
    return waf.CfnWebACL.VisibilityConfigProperty(
        cloud_watch_metrics_enabled=True, metric_name=metric, sampled_requests_enabled=False
    )
