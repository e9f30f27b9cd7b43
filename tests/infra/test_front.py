"""The public front: webhooks throttled apart from the public pages, a per-IP WAF limit on the
pages only, the custom domain alone, access logs without paths, and the monthly cost budget."""

from __future__ import annotations

import json
from typing import Any

from aws_cdk.assertions import Template

from infra.compute import RECEIVER_HANDLER
from infra.environments import PIPELINE
from infra.front import STRIPE_WEBHOOK_PATH, WEBHOOK_PATHS
from tests.infra.templates import function_by_handler, props, ref, resources


def _config_for(template: Template) -> Any:
    (domain,) = props(template, "AWS::ApiGateway::DomainName").values()
    for config in (PIPELINE.staging, PIPELINE.production):
        if domain["DomainName"] == config.domain_name:
            return config
    raise AssertionError(domain["DomainName"])


def _encode(path: str) -> str:
    return path.replace("/", "~1")


def test_rest_api_serves_only_the_custom_domain_and_logs_no_paths(env_template: Template) -> None:
    (api_name, api), *more = props(env_template, "AWS::ApiGateway::RestApi").items()
    assert more == []
    assert api["DisableExecuteApiEndpoint"] is True
    assert api["EndpointConfiguration"]["Types"] == ["REGIONAL"]
    (domain,) = props(env_template, "AWS::ApiGateway::DomainName").values()
    assert domain["SecurityPolicy"] == "TLS_1_2"
    assert domain["DomainName"] == _config_for(env_template).domain_name
    (mapping,) = props(env_template, "AWS::ApiGateway::BasePathMapping").values()
    assert mapping["RestApiId"] == ref(api_name)
    assert "BasePath" not in mapping  # the domain's root: Twilio signs exactly these URLs
    (stage,) = props(env_template, "AWS::ApiGateway::Stage").values()
    log_format = stage["AccessLogSetting"]["Format"]
    assert "$context.requestId" in log_format
    for leak in ("$context.path", "$context.requestOverride", "querystring", "$input.body"):
        assert leak not in log_format
    # Execution logs would write the path (a login token): off.
    for setting in stage["MethodSettings"]:
        assert setting.get("LoggingLevel", "OFF") == "OFF"
        assert setting["DataTraceEnabled"] is False
    assert not resources(env_template, "AWS::ApiGateway::Account")


def test_every_route_goes_to_the_receiver(env_template: Template) -> None:
    receiver_name, _ = function_by_handler(env_template, RECEIVER_HANDLER)
    methods = props(env_template, "AWS::ApiGateway::Method")
    assert len(methods) == len(WEBHOOK_PATHS) + 3  # the webhooks, Stripe's, "/", "/{proxy+}"
    for method in methods.values():
        assert method["Integration"]["Type"] == "AWS_PROXY"
        assert {"Fn::GetAtt": [receiver_name, "Arn"]} in method["Integration"]["Uri"]["Fn::Join"][1]
    by_verb = sorted(m["HttpMethod"] for m in methods.values())
    assert by_verb == ["ANY", "ANY", "POST", "POST", "POST", "POST"]


def test_each_webhook_has_a_throttle_of_its_own_above_the_public_pages(
    env_template: Template,
) -> None:
    config = _config_for(env_template)
    sizes = config.sizes
    (stage,) = props(env_template, "AWS::ApiGateway::Stage").values()
    settings = {(s["ResourcePath"], s["HttpMethod"]): s for s in stage["MethodSettings"]}
    public = settings[("/*", "*")]
    assert (public["ThrottlingRateLimit"], public["ThrottlingBurstLimit"]) == (
        sizes.public_rate_limit,
        sizes.public_burst_limit,
    )
    webhook_rate = 2 * (sizes.receiver_reserved_concurrency or 50)
    for path in WEBHOOK_PATHS:
        own = settings[("/" + _encode(path), "POST")]
        assert own["ThrottlingRateLimit"] == webhook_rate
        assert own["ThrottlingBurstLimit"] == webhook_rate
        assert own["ThrottlingRateLimit"] > public["ThrottlingRateLimit"]
    stripe = settings[("/" + _encode(STRIPE_WEBHOOK_PATH), "POST")]
    assert (stripe["ThrottlingRateLimit"], stripe["ThrottlingBurstLimit"]) == (
        sizes.stripe_webhook_rate_limit,
        sizes.stripe_webhook_burst_limit,
    )
    paths = (*WEBHOOK_PATHS, STRIPE_WEBHOOK_PATH)
    assert set(settings) == {("/*", "*")} | {("/" + _encode(p), "POST") for p in paths}


def test_waf_limits_each_ip_on_the_public_pages_but_never_the_webhooks(
    env_template: Template,
) -> None:
    config = _config_for(env_template)
    (acl_name, acl), *more = props(env_template, "AWS::WAFv2::WebACL").items()
    assert more == []
    assert acl["Scope"] == "REGIONAL"
    assert acl["DefaultAction"] == {"Allow": {}}
    assert acl["VisibilityConfig"]["SampledRequestsEnabled"] is False  # samples keep paths
    (rule,) = acl["Rules"]
    assert rule["Action"]["Block"]["CustomResponse"]["ResponseCode"] == 429
    assert rule["VisibilityConfig"]["SampledRequestsEnabled"] is False
    rate = rule["Statement"]["RateBasedStatement"]
    assert rate["AggregateKeyType"] == "IP"
    assert rate["Limit"] == config.sizes.public_requests_per_ip
    assert rate["EvaluationWindowSec"] == 300
    match = rate["ScopeDownStatement"]["NotStatement"]["Statement"]["ByteMatchStatement"]
    assert match["FieldToMatch"] == {"UriPath": {}}
    assert match["PositionalConstraint"] == "STARTS_WITH"
    assert match["SearchString"] == "/webhooks/"
    paths = (*WEBHOOK_PATHS, STRIPE_WEBHOOK_PATH)
    assert all(path.startswith(match["SearchString"]) for path in paths)
    (association,) = props(env_template, "AWS::WAFv2::WebACLAssociation").values()
    assert association["WebACLArn"] == {"Fn::GetAtt": [acl_name, "Arn"]}
    (stage_name,) = resources(env_template, "AWS::ApiGateway::Stage")
    assert ref(stage_name) in association["ResourceArn"]["Fn::Join"][1]


def test_a_monthly_cost_budget_notifies_the_alarm_topic(env_template: Template) -> None:
    config = _config_for(env_template)
    (budget,) = props(env_template, "AWS::Budgets::Budget").values()
    data = budget["Budget"]
    assert (data["BudgetType"], data["TimeUnit"]) == ("COST", "MONTHLY")
    assert data["BudgetLimit"] == {"Amount": config.sizes.monthly_budget_usd, "Unit": "USD"}
    (topic,) = resources(env_template, "AWS::SNS::Topic")
    kinds = set()
    for entry in budget["NotificationsWithSubscribers"]:
        assert entry["Subscribers"] == [{"Address": ref(topic), "SubscriptionType": "SNS"}]
        kinds.add((entry["Notification"]["NotificationType"], entry["Notification"]["Threshold"]))
    assert kinds == {("ACTUAL", 80), ("FORECASTED", 100)}
    # Budgets may publish to the (KMS-encrypted) topic, and only for this account.
    (policy,) = props(env_template, "AWS::SNS::TopicPolicy").values()
    statements = json.dumps(policy["PolicyDocument"]["Statement"])
    assert "budgets.amazonaws.com" in statements
    assert "aws:SourceAccount" in statements
    keys = json.dumps([p["KeyPolicy"] for p in props(env_template, "AWS::KMS::Key").values()])
    assert "budgets.amazonaws.com" in keys
