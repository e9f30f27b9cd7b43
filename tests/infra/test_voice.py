"""The voice-note bucket (private, TLS only, everything gone within a day) and the worker's
Transcribe grants: its own jobs and this bucket, nothing wider; the receiver gets neither."""

from __future__ import annotations

import json
from typing import Any

from aws_cdk.assertions import Template

from infra.compute import RECEIVER_HANDLER, WORKER_HANDLER
from infra.voice import TRANSCRIBE_ACTIONS
from tests.infra.templates import function_by_handler, props


def _voice_bucket(template: Template) -> tuple[str, dict[str, Any]]:
    (found,) = [
        (name, p)
        for name, p in props(template, "AWS::S3::Bucket").items()
        if name.startswith("Voice")
    ]
    return found


def _statements(template: Template, handler: str) -> list[dict[str, Any]]:
    role = function_by_handler(template, handler)[1]["Role"]["Fn::GetAtt"][0]
    return [
        s
        for p in props(template, "AWS::IAM::Policy").values()
        if {"Ref": role} in p["Roles"]
        for s in p["PolicyDocument"]["Statement"]
    ]


def _actions(statement: dict[str, Any]) -> list[str]:
    action = statement["Action"]
    return action if isinstance(action, list) else [action]


def test_the_bucket_is_private_encrypted_and_forgets_within_a_day(env_template: Template) -> None:
    name, bucket = _voice_bucket(env_template)
    assert bucket["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    (encryption,) = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert encryption["ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    (rule,) = bucket["LifecycleConfiguration"]["Rules"]
    assert rule["Status"] == "Enabled"
    assert rule["ExpirationInDays"] == 1
    assert rule["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"] == 1
    policies = [
        p
        for p in props(env_template, "AWS::S3::BucketPolicy").values()
        if p["Bucket"] == {"Ref": name}
    ]
    denies = [
        s for p in policies for s in p["PolicyDocument"]["Statement"] if s["Effect"] == "Deny"
    ]
    assert any(s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}} for s in denies)


def test_the_worker_may_run_only_its_own_transcription_jobs(env_template: Template) -> None:
    statements = _statements(env_template, WORKER_HANDLER)
    transcribe = [s for s in statements if any(a.startswith("transcribe:") for a in _actions(s))]
    assert len(transcribe) == 1
    assert sorted(_actions(transcribe[0])) == sorted(TRANSCRIBE_ACTIONS)
    resource = json.dumps(transcribe[0]["Resource"])
    assert "transcription-job/abogado-*" in resource
    assert resource != '"*"'


def test_the_worker_may_put_read_and_delete_in_the_bucket_only(env_template: Template) -> None:
    name, _ = _voice_bucket(env_template)
    on_bucket = [
        s for s in _statements(env_template, WORKER_HANDLER) if name in json.dumps(s["Resource"])
    ]
    actions = {a for s in on_bucket for a in _actions(s)}
    assert {"s3:PutObject", "s3:DeleteObject*"} <= actions
    assert any(a.startswith("s3:GetObject") for a in actions)
    assert not any(a.startswith("s3:PutBucket") or a == "s3:*" for a in actions)


def test_the_receiver_gets_no_transcribe_and_no_voice_bucket(env_template: Template) -> None:
    name, _ = _voice_bucket(env_template)
    for statement in _statements(env_template, RECEIVER_HANDLER):
        assert not any(a.startswith("transcribe:") for a in _actions(statement))
        assert name not in json.dumps(statement["Resource"])


def test_the_worker_is_told_the_backend_and_the_bucket(env_template: Template) -> None:
    name, _ = _voice_bucket(env_template)
    env = function_by_handler(env_template, WORKER_HANDLER)[1]["Environment"]["Variables"]
    assert env["ABOGADO_TRANSCRIPTION__BACKEND"] == "transcribe"
    assert env["ABOGADO_TRANSCRIPTION__BUCKET"] == {"Ref": name}
