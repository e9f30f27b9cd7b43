"""The voice-note bucket and the worker's Amazon Transcribe grants (docs/voice.md).

Audio waits in the bucket only while a Transcribe job runs: the worker deletes it, and the
job's transcript, as soon as it has read the words; a lifecycle rule deletes anything left
within a day. The worker reaches S3 through the VPC's gateway endpoint and Transcribe through
the fck-nat instance (no interface endpoint: see the doc for the cost of adding one).
"""

from __future__ import annotations

from aws_cdk import ArnFormat, Duration, RemovalPolicy, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_s3 as s3
from constructs import Construct

from infra.nag import acknowledge

# The worker names its jobs "abogado-<uuid>" (webhooks/voice/transcribe.py).
JOB_PREFIX = "abogado-"
TRANSCRIBE_ACTIONS = (
    "transcribe:StartTranscriptionJob",
    "transcribe:GetTranscriptionJob",
    "transcribe:DeleteTranscriptionJob",
)


class VoiceBucket(Construct):
    """``bucket``: private, encrypted, TLS only, everything expires after a day."""

    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        self.bucket = s3.Bucket(
            self,
            "Bucket",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="DeleteWithinADay",
                    expiration=Duration.days(1),
                    abort_incomplete_multipart_upload_after=Duration.days(1),
                )
            ],
            # It holds nothing worth keeping (seconds-old audio at most).
            removal_policy=RemovalPolicy.DESTROY,
        )
        acknowledge(
            self.bucket,
            "AwsSolutions-S1",
            "Access logs would keep a record of every voice note's object for longer than the "
            "audio itself lives (seconds); the worker is the bucket's only user.",
        )

    def environment(self) -> dict[str, str]:
        """What the worker needs to use it (``services.settings.TranscriptionSettings``)."""
        return {
            "ABOGADO_TRANSCRIPTION__BACKEND": "transcribe",
            "ABOGADO_TRANSCRIPTION__BUCKET": self.bucket.bucket_name,
            "ABOGADO_TRANSCRIPTION__REGION": Stack.of(self).region,
        }

    def allow_transcription(self, function: lambda_.IFunction) -> None:
        """Put the audio, read the transcript, delete both (Transcribe reads and writes the
        bucket with the caller's permissions); start, poll and delete its own jobs."""
        self.bucket.grant_put(function)
        self.bucket.grant_read(function)
        self.bucket.grant_delete(function)
        jobs = Stack.of(self).format_arn(
            service="transcribe",
            resource="transcription-job",
            resource_name=f"{JOB_PREFIX}*",
            arn_format=ArnFormat.SLASH_RESOURCE_NAME,
        )
        iam.Grant.add_to_principal(
            grantee=function, actions=list(TRANSCRIBE_ACTIONS), resource_arns=[jobs]
        )
        stack = Stack.of(self)
        rendered = (
            f"arn:<AWS::Partition>:transcribe:{stack.region}:{stack.account}:"
            f"transcription-job/{JOB_PREFIX}*"
        )
        acknowledge(
            function,
            f"AwsSolutions-IAM5[Resource::{rendered}]",
            "Transcription jobs get a fresh name each (abogado-<uuid>): the worker may start, "
            "poll and delete only jobs under its prefix.",
        )
