"""One environment's stack: network, data, queue, secrets, Qdrant, functions, identity, alarms,
and the handoff sweep (issue 17).

Availability zones come from the config, so synthesis never asks AWS for them.
"""

from __future__ import annotations

from typing import Any

from aws_cdk import CfnOutput, Stack
from aws_cdk import aws_bedrock as bedrock
from constructs import Construct

from infra.compute import (
    PRE_SIGN_UP_HANDLER,
    RECEIVER_HANDLER,
    TRIGGER_HANDLER,
    WORKER_HANDLER,
    Functions,
    FunctionSpec,
)
from infra.config import EnvironmentConfig
from infra.data import Database
from infra.front import Front
from infra.handoffs import HandoffSweep, sweep_spec, template_environment
from infra.identity import Identity, IdentityTriggers
from infra.monitoring import Alarms
from infra.network import Network
from infra.operations import OperationsTask
from infra.queue import UpdateQueue
from infra.reminders import ReminderSchedule, reminders_environment, reminders_spec
from infra.secrets import AppSecrets
from infra.vectorstore import VectorStore
from infra.voice import VoiceBucket


class AbogadoStack(Stack):
    """Everything one environment runs; stateful parts are retained on stack deletion."""

    def __init__(
        self, scope: Construct, construct_id: str, *, config: EnvironmentConfig, **kwargs: Any
    ) -> None:
        self._azs = list(config.availability_zones)
        super().__init__(scope, construct_id, **kwargs)
        self.config = config
        sizes = config.sizes
        self.network = Network(self, "Network", config=config)
        self.database = Database(self, "Database", config=config, network=self.network)
        self.updates = UpdateQueue(self, "Queue", config=config)
        own_qdrant = not config.qdrant.external_url
        self.secrets = AppSecrets(self, "Secrets", own_qdrant=own_qdrant)
        self.vectors = VectorStore(
            self,
            "Qdrant",
            config=config,
            network=self.network,
            api_key=self.secrets.qdrant,
        )
        self.voice = VoiceBucket(self, "Voice")
        environment = {
            "ABOGADO_PROFILE": "aws",
            "ABOGADO_PUBLIC_URL": config.public_url,
            # Lambda's only writable folder; the CLI task uses it too.
            "ABOGADO_DATA_DIR": "/tmp/abogado",  # noqa: S108
            "ABOGADO_LOG_LEVEL": "INFO",
            "ABOGADO_DATABASE__URL": self.database.url,
            "ABOGADO_QDRANT__URL": self.vectors.url,
            "ABOGADO_SQS__QUEUE_URL": self.updates.queue.queue_url,
            "ABOGADO_BEDROCK__REGION": config.region,
            "ABOGADO_BEDROCK__CHAT_MODEL": config.bedrock_chat_model,
            "ABOGADO_BEDROCK__EMBED_MODEL": config.bedrock_embed_model,
            "ABOGADO_TWILIO__ACCOUNT_SID": config.twilio_account_sid,
            "ABOGADO_TWILIO__WHATSAPP_FROM": config.twilio_whatsapp_from,
            "ABOGADO_COGNITO__DOMAIN": config.cognito_domain,
            "ABOGADO_COGNITO__REGION": config.region,
        } | reminders_environment(config)
        # Lawyer review and what is sold (docs/handoff.md), the same for every function.
        environment |= config.handoff.environment()
        environment |= template_environment(config.twilio_handoff_template_sid)
        s = self.secrets
        db_secret = self.database.secret
        trigger_functions = Functions(
            self,
            "Trigger",
            config=config,
            network=self.network,
            environment=environment,
            specs=(
                FunctionSpec(
                    name="PostConfirmation",
                    handler=TRIGGER_HANDLER,
                    memory_mb=sizes.trigger_memory_mb,
                    timeout_s=sizes.trigger_timeout_s,
                    reserved_concurrency=None,
                    secrets={"database": db_secret},
                ),
            ),
        )
        trigger = trigger_functions.by_name["PostConfirmation"]
        # Its own group and security group: no database secret and no database access, only
        # Cognito's API (through the NAT), on this pool (infra/identity.py).
        sign_up_functions = Functions(
            self,
            "SignUpTrigger",
            config=config,
            network=self.network,
            environment={"ABOGADO_PROFILE": "aws", "ABOGADO_LOG_LEVEL": "INFO"},
            specs=(
                FunctionSpec(
                    name="PreSignUp",
                    handler=PRE_SIGN_UP_HANDLER,
                    memory_mb=sizes.trigger_memory_mb,
                    timeout_s=sizes.trigger_timeout_s,
                    reserved_concurrency=None,
                    secrets={},
                ),
            ),
        )
        pre_sign_up = sign_up_functions.by_name["PreSignUp"]
        self.identity = Identity(
            self,
            "Identity",
            config=config,
            triggers=IdentityTriggers(registration=trigger, pre_sign_up=pre_sign_up),
        )
        # The web-facing functions also need the pool's ids (the trigger must not: a cycle).
        environment |= {
            "ABOGADO_COGNITO__USER_POOL_ID": self.identity.user_pool.user_pool_id,
            "ABOGADO_COGNITO__CLIENT_ID": self.identity.client.user_pool_client_id,
            # The login page offers "Continuar con Facebook" only where the pool has it.
            "ABOGADO_COGNITO__FACEBOOK": "true" if config.facebook else "false",
        }
        environment |= self.voice.environment()  # voice notes through Amazon Transcribe
        app_secrets = {"telegram": s.telegram, "twilio": s.twilio, "database": db_secret}
        # Stripe: the receiver checks its events' signatures and refunds from /admin/pagos, the
        # worker opens Checkout, the sweep refunds what it escalates. Reminders never pay.
        paying = app_secrets | {"stripe": s.stripe}
        # The receiver checks the webhook secret and Twilio's signature; it never sends, so it
        # gets the webhook secret in the Telegram slot and never the bot token.
        receiver_secrets = paying | {"telegram": s.telegram_webhook, "sessions": s.sessions}
        worker_secrets = dict(paying)
        if self.vectors.api_key_secret is not None:
            worker_secrets["qdrant"] = self.vectors.api_key_secret
        self.functions = Functions(
            self,
            "Functions",
            config=config,
            network=self.network,
            environment=environment,
            specs=(
                FunctionSpec(
                    name="Receiver",
                    handler=RECEIVER_HANDLER,
                    memory_mb=sizes.receiver_memory_mb,
                    timeout_s=sizes.receiver_timeout_s,
                    reserved_concurrency=sizes.receiver_reserved_concurrency,
                    secrets=receiver_secrets,
                ),
                FunctionSpec(
                    name="Worker",
                    handler=WORKER_HANDLER,
                    memory_mb=sizes.worker_memory_mb,
                    timeout_s=sizes.worker_timeout_s,
                    reserved_concurrency=sizes.worker_reserved_concurrency,
                    secrets=worker_secrets,
                ),
                reminders_spec(secrets=app_secrets),
                sweep_spec(secrets=paying),
            ),
        )
        receiver = self.functions.by_name["Receiver"]
        worker = self.functions.by_name["Worker"]
        self.updates.queue.grant_send_messages(receiver)
        Functions.consume(
            worker,
            queue=self.updates.queue,
            batch_size=sizes.worker_batch_size,
            concurrency=sizes.worker_reserved_concurrency or 10,
        )
        models = [
            bedrock.FoundationModel.from_foundation_model_id(
                self, f"Model{i}", bedrock.FoundationModelIdentifier(model_id)
            ).model_arn
            for i, model_id in enumerate((config.bedrock_chat_model, config.bedrock_embed_model))
        ]
        Functions.allow_bedrock(worker, model_arns=models)
        # /borrar deletes the person's Cognito user too (webhooks/auth/accounts.py).
        self.identity.user_pool.grant(worker, "cognito-idp:AdminDeleteUser")
        self.voice.allow_transcription(worker)
        reminders = self.functions.by_name["Reminders"]
        self.reminders = ReminderSchedule(self, "Reminders", function=reminders)
        # The CLI ingests, manages admins and sends broadcasts (`abogado broadcast send ID`).
        ops_secrets = dict(worker_secrets)
        self.operations = OperationsTask(
            self,
            "Operations",
            config=config,
            network=self.network,
            environment=environment,
            secrets=ops_secrets,
            user_pool=self.identity.user_pool,
            model_arns=models,
            queue=self.updates.queue,
        )
        for group in (
            self.functions.security_group,
            trigger_functions.security_group,
            self.operations.security_group,
        ):
            self.database.allow_from(group)
            self.vectors.allow_from(group)
        self.front = Front(self, "Front", config=config, receiver=receiver)
        sweep = self.functions.by_name["HandoffSweep"]
        self.alarms = Alarms(
            self,
            "Alarms",
            config=config,
            functions={
                "Receiver": receiver,
                "Worker": worker,
                "PostConfirmation": trigger,
                "PreSignUp": pre_sign_up,
                "Reminders": reminders,
                "HandoffSweep": sweep,
            },
            queue=self.updates.queue,
            dead_letters=self.updates.dead_letters,
        )
        self.handoffs = HandoffSweep(self, "Handoffs", function=sweep, alarms=self.alarms)
        self._outputs()

    @property
    def availability_zones(self) -> list[str]:
        """Explicit AZs instead of a context lookup (offline, deterministic synth)."""
        return self._azs

    def _outputs(self) -> None:
        outputs = {
            "PublicUrl": self.config.public_url,
            "ApiTargetDomain": self.front.target_domain,
            "UserPoolId": self.identity.user_pool.user_pool_id,
            "UserPoolClientId": self.identity.client.user_pool_client_id,
            "CognitoDomain": self.config.cognito_domain,
            "QueueUrl": self.updates.queue.queue_url,
            # For a DLQ redrive (docs/deploy.md, "Lost messages").
            "QueueArn": self.updates.queue.queue_arn,
            "DeadLetterQueueArn": self.updates.dead_letters.queue_arn,
            "QdrantUrl": self.vectors.url,
            "DatabaseProxyEndpoint": self.database.proxy.endpoint,
            "DatabaseSecretArn": self.database.secret.secret_arn,
            "TelegramSecretArn": self.secrets.telegram.secret_arn,
            "TelegramWebhookSecretArn": self.secrets.telegram_webhook.secret_arn,
            "TwilioSecretArn": self.secrets.twilio.secret_arn,
            "StripeSecretArn": self.secrets.stripe.secret_arn,
            "AlarmTopicArn": self.alarms.topic.topic_arn,
            "OpsCluster": self.operations.cluster.cluster_name,
            "OpsTaskDefinition": self.operations.task.task_definition_arn,
            "OpsSecurityGroup": self.operations.security_group.security_group_id,
            "OpsSubnets": ",".join(s.subnet_id for s in self.network.vpc.private_subnets),
        }
        if self.vectors.api_key_secret is not None:
            outputs["QdrantApiKeySecretArn"] = self.vectors.api_key_secret.secret_arn
        for name, value in outputs.items():
            CfnOutput(self, name, value=value)
        self.healthz_url = CfnOutput(self, "HealthzUrl", value=f"{self.config.public_url}/healthz")
