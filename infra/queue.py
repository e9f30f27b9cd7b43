"""The inbound-update queue: SQS FIFO, one message group per chat, and its FIFO dead letters."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.config import EnvironmentConfig


class UpdateQueue(Construct):
    """Visibility timeout 6x the worker's timeout; after ``max_receive_count`` tries, the DLQ."""

    def __init__(self, scope: Construct, construct_id: str, *, config: EnvironmentConfig) -> None:
        super().__init__(scope, construct_id)
        sizes = config.sizes
        self.dead_letters = sqs.Queue(
            self,
            "DeadLetters",
            fifo=True,
            retention_period=Duration.days(14),
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
        )
        self.queue = sqs.Queue(
            self,
            "Updates",
            fifo=True,
            # The receiver sets MessageDeduplicationId = channel:update_id / MessageSid.
            content_based_deduplication=False,
            # High-throughput FIFO: limits apply per chat, not per queue.
            deduplication_scope=sqs.DeduplicationScope.MESSAGE_GROUP,
            fifo_throughput_limit=sqs.FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
            visibility_timeout=Duration.seconds(sizes.queue_visibility_timeout_s),
            retention_period=Duration.days(4),
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            dead_letter_queue=sqs.DeadLetterQueue(
                max_receive_count=sizes.max_receive_count, queue=self.dead_letters
            ),
        )
