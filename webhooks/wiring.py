"""Composition root for the webhook shell: settings → database, queue, turn runner, channels,
and the HTTP app's services (webhooks, login-link pages, admin pages).

Used by ``abogado serve`` and the Lambda handlers. Everything is built on call, nothing at import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.messages import Inbound, Reply
from webhooks.ports import Enqueue, QueueItem

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from db.inbound import SqlInbox
    from db.outbound import SqlIdentityMarks, SqlOutbound
    from services.settings import Settings
    from webhooks.admin.routes import AdminServices
    from webhooks.app import Services
    from webhooks.auth.routes import AuthServices
    from webhooks.channels import ChannelRegistry
    from webhooks.worker import Processor


@dataclass
class Storage:
    engine: Engine
    sessions: sessionmaker[Session]
    inbox: SqlInbox
    identities: SqlIdentityMarks
    outbound: SqlOutbound


def build_storage(settings: Settings, *, migrate: bool = True) -> Storage:
    from db.engine import make_engine, make_sessionmaker
    from db.inbound import SqlInbox
    from db.outbound import SqlIdentityMarks, SqlOutbound
    from services.chat_key_secret import chat_keys
    from webhooks.redact import quiet_value_loggers

    quiet_value_loggers()  # every process of the webhook shell builds its storage first
    url = settings.database_url
    if migrate:
        from db import migrate as migrations

        migrations.upgrade(url)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    inbox = SqlInbox(sessions, chat_keys=chat_keys(settings))
    return Storage(engine, sessions, inbox, SqlIdentityMarks(sessions), SqlOutbound(sessions))


def build_turns(settings: Settings, storage: Storage) -> Callable[[Inbound], Sequence[Reply]]:
    """``services.turns.TurnRunner`` over the configured answer pipeline."""
    from abogado.answers import build_answer_pipeline
    from db.links import SqlAccountLinker
    from services.answering import PipelineAnswerer, SystemClock
    from services.turns import TurnRunner
    from services.usage import build_model_budget
    from webhooks.auth.accounts import build_account_deleter

    clock = SystemClock()
    pipeline = build_answer_pipeline(settings)
    runner = TurnRunner(
        sessions=storage.sessions,
        answerer=PipelineAnswerer(pipeline),
        budget=build_model_budget(settings, sessions=storage.sessions, pipeline=pipeline),
        clock=clock,
        linker=SqlAccountLinker(
            sessions=storage.sessions, public_url=settings.public_url, now=clock.now
        ),
        anonymous_questions=settings.bot.anonymous_questions,
        chat_keys=storage.inbox.chat_keys,
        accounts=build_account_deleter(settings),
    )

    def run(inbound: Inbound) -> Sequence[Reply]:
        return runner.handle(inbound).replies

    return run


def build_auth(settings: Settings, storage: Storage) -> AuthServices:
    """The login-link pages' services (``webhooks.auth``)."""
    from webhooks.auth.wiring import build_auth_services

    return build_auth_services(settings, sessions=storage.sessions)


def build_admin(
    settings: Settings, storage: Storage, *, send_in_background: bool | None = None
) -> AdminServices:
    """The admin pages' services (``webhooks.admin``); see ``build_admin_services`` for
    ``send_in_background`` (None: only in the local profile)."""
    from webhooks.admin.wiring import build_admin_services

    return build_admin_services(
        settings, sessions=storage.sessions, send_in_background=send_in_background
    )


def build_services(
    settings: Settings,
    storage: Storage,
    *,
    enqueue: Enqueue,
    now: Callable[[], datetime],
    send_in_background: bool | None = None,
) -> Services:
    """Everything ``webhooks.app.create_app`` serves: webhooks, login links, admin pages."""
    from db.deliveries import SqlDeliveryStatus
    from webhooks.app import Services

    return Services(
        inbox=storage.inbox,
        outbound=storage.outbound,
        deliveries=SqlDeliveryStatus(storage.sessions),
        enqueue=enqueue,
        now=now,
        auth=build_auth(settings, storage),
        admin=build_admin(settings, storage, send_in_background=send_in_background),
    )


def build_channels(settings: Settings) -> ChannelRegistry:
    """The configured channels, by name: the one place that knows which channels exist."""
    from webhooks.channels import ChannelRegistry
    from webhooks.telegram_channel import TelegramChannel
    from webhooks.whatsapp_channel import TwilioWhatsAppChannel

    telegram = None
    if settings.telegram.bot_token is not None:
        telegram = TelegramChannel.from_settings(settings)
    whatsapp = None
    if settings.twilio.account_sid and settings.twilio.auth_token is not None:
        whatsapp = TwilioWhatsAppChannel.from_settings(settings)
    return ChannelRegistry.of(telegram, whatsapp)


def build_processor(
    settings: Settings, storage: Storage, *, turns: Callable[[Inbound], Sequence[Reply]] | None
) -> Processor:
    """The worker's processor (turns, then replies through the channels); local and Lambda."""
    from webhooks.worker import Processor

    return Processor(
        inbox=storage.inbox,
        turns=turns or build_turns(settings, storage),
        identities=storage.identities,
        outbound=storage.outbound,
        channels=build_channels(settings),
    )


def sqs_enqueue(queue_url: str, client: Any) -> Enqueue:
    """FIFO send: one message group per chat (strict order), dedup by the platform id."""

    def enqueue(item: QueueItem) -> None:
        import json

        client.send_message(
            QueueUrl=queue_url,
            MessageBody=json.dumps({"id": item.update_id}),
            MessageGroupId=f"{item.channel}:{item.chat_key[:64]}",
            MessageDeduplicationId=f"{item.channel}:{item.platform_id}"[:128],
        )

    return enqueue


__all__ = [
    "Storage",
    "build_admin",
    "build_auth",
    "build_channels",
    "build_services",
    "build_storage",
    "build_turns",
    "sqs_enqueue",
]
