"""AWS Lambda entry points: ``http`` (the webhook receiver under Mangum), ``worker`` (SQS),
``reminders`` (deadline reminders, every few minutes on an EventBridge schedule),
``sweep_handoffs`` (the handoff SLA sweep and the notices courier, on a schedule too),
``cognito_post_confirmation`` (Cognito's trigger that registers a confirmed or federated user)
and ``cognito_pre_sign_up`` (links a Facebook sign-in to the same person's e-mail account).

Each reads the settings once, on its first invocation, and asks one ``abogado.container``
for what it needs; the module itself imports only the standard library so a cold start pays for
nothing the handler does not use.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.inbound import SqlInbox
    from services.settings import Settings
    from webhooks.ports import RunTurn
    from webhooks.worker import Processor

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]

_http: Handler | None = None
_worker: Handler | None = None
_reminders: Handler | None = None
_sweep_handoffs: Handler | None = None
_cognito: Handler | None = None
_pre_sign_up: Handler | None = None


def _now() -> datetime:
    return datetime.now(UTC)


def build_http(settings: Settings, *, sqs: Any = None) -> Handler:
    """The receiver: the FastAPI app (webhooks, login links, admin pages) behind Mangum,
    enqueuing to the SQS FIFO queue."""
    from mangum import Mangum

    from abogado.container import Container, sqs_enqueue
    from webhooks.app import create_app

    if sqs is None:
        import boto3

        sqs = boto3.client("sqs")
    container = Container(settings, migrate=False)
    # A frozen function cannot keep sending: the admin pages show the operator command instead.
    # One request at a time per function instance: there is nothing to batch commits with.
    services = container.app_services(
        enqueue=sqs_enqueue(settings.sqs.queue_url, sqs),
        send_in_background=False,
        group_commits=False,
    )
    handler: Handler = Mangum(create_app(settings, services), lifespan="off")
    return handler


@dataclass
class SqsWorker:
    """Processes an SQS batch in order; a failure fails its own chat's records only.

    A FIFO message group is one chat: once one of its records fails, the chat's later records in
    the batch are reported failed unprocessed (order), while other chats go on undisturbed.
    """

    processor: Processor
    inbox: SqlInbox
    loop: asyncio.AbstractEventLoop

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        from webhooks.worker import LEASE, RetryLater

        failures: list[dict[str, str]] = []
        failed_groups: set[str] = set()
        for record in event.get("Records", []):
            message_id = str(record.get("messageId", ""))
            group = _message_group(record)
            if group in failed_groups:  # FIFO: nothing after a failure may run before it
                failures.append({"itemIdentifier": message_id})
                continue
            try:
                update_id = int(json.loads(record["body"])["id"])
            except (KeyError, TypeError, ValueError):
                log.error("dropping a malformed SQS record")
                continue
            try:
                item = self.inbox.take(update_id, now=_now(), lease=LEASE)
                if item is not None:
                    self.loop.run_until_complete(self.processor.process(item, raise_on_retry=True))
            except RetryLater:
                failures.append({"itemIdentifier": message_id})
                failed_groups.add(group)
            except Exception as exc:  # the database or the network: SQS redelivers it
                # The type only: an exception's text can carry SQL parameters (a chat's words).
                log.error("update %d failed: %s", update_id, type(exc).__name__)
                failures.append({"itemIdentifier": message_id})
                failed_groups.add(group)
        return {"batchItemFailures": failures}


def _message_group(record: dict[str, Any]) -> str:
    """The record's FIFO group (one chat); without one, the whole batch counts as one group."""
    attributes = record.get("attributes")
    group = attributes.get("MessageGroupId") if isinstance(attributes, dict) else None
    return str(group) if group else ""


def build_worker(settings: Settings, *, turns: RunTurn | None = None) -> SqsWorker:
    from abogado.container import Container

    container = Container(settings, migrate=False, run_turn=turns)
    return SqsWorker(container.processor, container.storage.inbox, asyncio.new_event_loop())


def build_reminders(settings: Settings) -> Handler:
    """One pass of the reminder sender per invocation, on one loop kept for the container."""
    from abogado.container import Container

    sender = Container(settings, migrate=False).reminder_sender
    loop = asyncio.new_event_loop()

    def handle(event: dict[str, Any], context: Any) -> dict[str, Any]:
        # Stop claiming 15 s before the function's timeout: a send cut off mid-call is in doubt.
        remaining = getattr(context, "get_remaining_time_in_millis", None)
        budget = max(0.0, remaining() / 1000 - 15) if callable(remaining) else None
        return {"reminders": loop.run_until_complete(sender.run_once(budget_s=budget))}

    return handle


def build_sweep_handoffs(settings: Settings) -> Handler:
    """The handoff SLA sweep, then one courier pass (the sweep's notices go out at once); prints
    the CloudWatch EMF line (namespace "abogado", HandoffsEscalated) to stdout every time, so
    the alarm sees zeros too."""
    from abogado.container import Container
    from services.handoff_sweep import emf_line

    container = Container(settings, migrate=False)
    sweep, courier = container.handoff_sweep, container.courier
    loop = asyncio.new_event_loop()

    def handle(event: dict[str, Any], context: Any) -> dict[str, Any]:
        result = sweep.run_once()
        print(emf_line(result.metrics(), now=_now()), flush=True)  # EMF: stdout, one line
        remaining = getattr(context, "get_remaining_time_in_millis", None)
        budget = max(0.0, remaining() / 1000 - 15) if callable(remaining) else None
        sent = loop.run_until_complete(courier.run_once(budget_s=budget))
        return {**result.metrics(), "notices": sent}

    return handle


def build_cognito_post_confirmation(settings: Settings) -> Handler:
    """Cognito's post-confirmation trigger over the app database (``db.cognito_trigger``)."""
    from abogado.container import Container
    from db import cognito_trigger

    sessions: Callable[[], Session] = Container(settings, migrate=False).sessions

    def handle(event: dict[str, Any], context: Any) -> dict[str, Any]:
        cognito_trigger.handle(event, sessions=sessions, now=_now)
        return event

    return handle


def build_cognito_pre_sign_up(*, cognito: Any = None) -> Handler:
    """Cognito's pre-sign-up trigger (``db.cognito_presignup``): links a first Facebook sign-in
    to the person's e-mail account, or refuses a duplicate. It reads no settings and no database:
    the pool comes in the event, the region from the function's environment."""
    from db.cognito_presignup import handle_pre_sign_up

    client = cognito if cognito is not None else _cognito_client()

    def handle(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return dict(handle_pre_sign_up(event, cognito=client))

    return handle


def _cognito_client() -> Any:
    """boto3's ``cognito-idp`` client with short timeouts: Cognito gives a trigger 5 seconds in
    all, whatever the Lambda's own timeout, and a late answer is a failed sign-in. The region is
    the function's own (``AWS_REGION``)."""
    import boto3
    from botocore.config import Config

    config = Config(connect_timeout=1, read_timeout=2, retries={"max_attempts": 2})
    return boto3.client("cognito-idp", config=config)


def _load() -> Settings:
    from services.settings import load_settings

    return load_settings()


def http(event: dict[str, Any], context: Any) -> dict[str, Any]:
    global _http
    if _http is None:
        _http = build_http(_load())
    return _http(event, context)


def worker(event: dict[str, Any], context: Any) -> dict[str, Any]:
    global _worker
    if _worker is None:
        _worker = build_worker(_load())
    return _worker(event, context)


def reminders(event: dict[str, Any], context: Any) -> dict[str, Any]:
    global _reminders
    if _reminders is None:
        _reminders = build_reminders(_load())
    return _reminders(event, context)


def sweep_handoffs(event: dict[str, Any], context: Any) -> dict[str, Any]:
    global _sweep_handoffs
    if _sweep_handoffs is None:
        _sweep_handoffs = build_sweep_handoffs(_load())
    return _sweep_handoffs(event, context)


def cognito_post_confirmation(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Registers the confirmed user; a missing database or bad settings never block a sign-up
    (the login callback's upsert is the backstop)."""
    global _cognito
    try:
        if _cognito is None:
            _cognito = build_cognito_post_confirmation(_load())
    except Exception as exc:  # settings or driver missing: still let the sign-up through
        # The type only: a settings error quotes its input (a database URL with its password).
        log.error("post-confirmation trigger could not reach its database: %s", type(exc).__name__)
        return event
    return _cognito(event, context)


def cognito_pre_sign_up(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Raises ``db.cognito_presignup.SignUpRefused`` to make Cognito refuse the sign-up."""
    global _pre_sign_up
    if _pre_sign_up is None:
        _pre_sign_up = build_cognito_pre_sign_up()
    return _pre_sign_up(event, context)
