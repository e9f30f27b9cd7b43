"""The database (private, encrypted, retained, behind a TLS proxy) and the FIFO queue + DLQ."""

from __future__ import annotations

import json

from aws_cdk.assertions import Template

from tests.infra.templates import function_by_handler, props, ref, resources, subnet_ids


def test_database_is_private_encrypted_backed_up_and_retained(env_template: Template) -> None:
    ((_name, db),) = resources(env_template, "AWS::RDS::DBInstance").items()
    p = db["Properties"]
    assert p["PubliclyAccessible"] is False
    assert p["StorageEncrypted"] is True
    assert p["Engine"] == "mysql"
    assert p["EngineVersion"].startswith("8.4.")
    assert p["BackupRetentionPeriod"] >= 7
    assert db["DeletionPolicy"] == "Retain"
    assert db["UpdateReplacePolicy"] == "Retain"
    # In the isolated subnets: no route to the internet at all.
    group = props(env_template, "AWS::RDS::DBSubnetGroup")[p["DBSubnetGroupName"]["Ref"]]
    assert sorted(group["SubnetIds"], key=str) == [ref(s) for s in subnet_ids(env_template, "Data")]


def test_deletion_protection_and_multi_az_only_in_production(
    staging: Template, production: Template
) -> None:
    (stg,) = props(staging, "AWS::RDS::DBInstance").values()
    (prd,) = props(production, "AWS::RDS::DBInstance").values()
    assert prd["DeletionProtection"] is True
    assert prd["MultiAZ"] is True
    assert stg["DeletionProtection"] is False
    assert stg["MultiAZ"] is False


def test_database_secret_is_retained_with_the_database(env_template: Template) -> None:
    secrets = resources(env_template, "AWS::SecretsManager::Secret")
    (attachment,) = props(env_template, "AWS::SecretsManager::SecretTargetAttachment").values()
    assert attachment["TargetType"] == "AWS::RDS::DBInstance"
    db_secret = secrets[attachment["SecretId"]["Ref"]]
    assert db_secret["DeletionPolicy"] == "Retain"


def test_functions_reach_mysql_only_through_a_tls_proxy(env_template: Template) -> None:
    ((proxy_name, proxy),) = props(env_template, "AWS::RDS::DBProxy").items()
    assert proxy["RequireTLS"] is True
    assert proxy["EngineFamily"] == "MYSQL"
    _, worker = function_by_handler(env_template, "abogado.lambda_handlers.worker")
    url = worker["Environment"]["Variables"]["ABOGADO_DATABASE__URL"]
    assert "mysql+pymysql://" in str(url)
    assert {"Fn::GetAtt": [proxy_name, "Endpoint"]} in url["Fn::Join"][1]
    assert "password" not in str(url).lower()


def test_update_queue_is_fifo_with_a_fifo_dead_letter_queue(env_template: Template) -> None:
    queues = props(env_template, "AWS::SQS::Queue")
    main = [(n, p) for n, p in queues.items() if "RedrivePolicy" in p]
    assert len(main) == 1
    _name, queue = main[0]
    assert queue["FifoQueue"] is True
    assert queue.get("ContentBasedDeduplication") is not True
    dlq_name = queue["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
    assert queue["RedrivePolicy"]["maxReceiveCount"] == 5
    assert queues[dlq_name]["FifoQueue"] is True
    assert queues[dlq_name]["MessageRetentionPeriod"] == 14 * 24 * 3600


def test_visibility_timeout_is_six_times_the_worker_timeout(env_template: Template) -> None:
    _, worker = function_by_handler(env_template, "abogado.lambda_handlers.worker")
    (queue,) = [p for p in props(env_template, "AWS::SQS::Queue").values() if "RedrivePolicy" in p]
    assert queue["VisibilityTimeout"] >= 6 * worker["Timeout"]


def test_queues_refuse_plain_http(env_template: Template) -> None:
    policies = props(env_template, "AWS::SQS::QueuePolicy")
    assert len(policies) == 2
    for p in policies.values():
        (deny,) = [s for s in p["PolicyDocument"]["Statement"] if s["Effect"] == "Deny"]
        assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_app_secrets_hold_only_generated_or_placeholder_values(env_template: Template) -> None:
    secrets = props(env_template, "AWS::SecretsManager::Secret")
    generated = [p["GenerateSecretString"] for p in secrets.values() if "SecretString" not in p]
    keys = {g.get("GenerateStringKey") for g in generated}
    assert {"webhook_secret", "auth_token", "api_key", "cookie_key"} <= keys
    telegram = next(g for g in generated if g.get("GenerateStringKey") == "webhook_secret")
    # Telegram's secret_token alphabet is [A-Za-z0-9_-] (RELIABILITY T1).
    assert telegram["ExcludePunctuation"] is True
    # No value of ours ever sits in a template: every secret is generated, or (the bot token,
    # which only @BotFather issues, and Stripe's keys) a placeholder whose values are all empty.
    placeholders = [json.loads(p["SecretString"]) for p in secrets.values() if "SecretString" in p]
    assert sorted(placeholders, key=len) == [
        {"bot_token": ""},
        {"api_key": "", "webhook_secret": ""},
    ]
    assert len(generated) + len(placeholders) == len(secrets)
