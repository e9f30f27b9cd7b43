"""The composition root: one ``Container`` per process, built from ``Settings``, owns every
adapter and service (storage, the answer pipeline, the channels, the turn runner, the worker's
processor, the HTTP app's services, the broadcast and reminder senders).

Every entry point (the CLI, ``abogado serve``, the Lambda handlers, the Cognito trigger) makes
one container and asks it for what it needs; each piece is built on first use and shared after,
so ``load_settings()`` runs once per process and nothing is built twice. No other module reads
settings to build collaborators; constructors take theirs. Nothing is built at import.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any, Self

from bot.messages import Inbound, Reply
from webhooks.ports import Enqueue, QueueItem

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from db.inbound import SqlInbox
    from db.outbound import SqlIdentityMarks, SqlOutbound
    from rag.answer import AnswerPipeline
    from rag.ports import Retrieval
    from services.answering import SystemClock
    from services.handoff_sweep import HandoffSweep
    from services.refunds import Refunds
    from services.settings import Settings
    from services.turns import TurnRunner
    from webhooks.admin.routes import AdminServices
    from webhooks.app import Services
    from webhooks.auth.routes import AuthServices
    from webhooks.broadcast.sender import BroadcastSender
    from webhooks.channels import ChannelRegistry
    from webhooks.courier import Courier
    from webhooks.groups import GroupHandler
    from webhooks.reminders import ReminderSender
    from webhooks.voice.step import VoiceStep
    from webhooks.worker import Processor

RunTurn = Callable[[Inbound], Sequence[Reply]]


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Storage:
    engine: Engine
    sessions: sessionmaker[Session]
    inbox: SqlInbox
    identities: SqlIdentityMarks
    outbound: SqlOutbound


class Container:
    """Everything one process uses, built lazily from one ``Settings``.

    ``settings``: given (tests, the Lambda handlers) or loaded once on first use with ``load``
    (the CLI: ``abogado calc`` never needs them). ``migrate``: upgrade the database schema before
    the first connection (local processes; the aws runtime migrates in its pipeline).
    ``run_turn``: replaces the answer pipeline's turn runner (tests, benches).
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        load: Callable[[], Settings] | None = None,
        migrate: bool = True,
        run_turn: RunTurn | None = None,
    ) -> None:
        if settings is None and load is None:
            raise TypeError("a Container needs settings or a way to load them")
        self._given = settings
        self._load = load
        self._migrate = migrate
        self._migrated = False
        self._run_turn = run_turn
        self._closers: contextlib.ExitStack = contextlib.ExitStack()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close what was built (the index client, the engine's pool), newest first."""
        self._closers.close()

    @cached_property
    def settings(self) -> Settings:
        if self._given is not None:
            return self._given
        assert self._load is not None
        return self._load()

    # Storage ---------------------------------------------------------------------------------

    def migrate(self) -> None:
        """Upgrade the database schema to the head, once per container (commands that need the
        tables call it; a maintenance command on an empty database says so instead)."""
        if not self._migrated:
            from db import migrate as migrations

            migrations.upgrade(self.settings.database_url)
            self._migrated = True

    @cached_property
    def storage(self) -> Storage:
        from db.engine import make_engine, make_sessionmaker
        from db.inbound import SqlInbox
        from db.outbound import SqlIdentityMarks, SqlOutbound
        from services.chat_key_secret import chat_keys
        from webhooks.redact import quiet_value_loggers

        quiet_value_loggers()  # before the first statement: SQL parameters carry chats' words
        if self._migrate:
            self.migrate()
        engine = make_engine(self.settings.database_url, hide_parameters=True)
        self._closers.callback(engine.dispose)
        sessions = make_sessionmaker(engine)
        inbox = SqlInbox(sessions, chat_keys=chat_keys(self.settings))
        return Storage(engine, sessions, inbox, SqlIdentityMarks(sessions), SqlOutbound(sessions))

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self.storage.sessions

    @cached_property
    def clock(self) -> SystemClock:
        from services.answering import SystemClock

        return SystemClock()

    # Answers and turns -----------------------------------------------------------------------

    @cached_property
    def pipeline(self) -> AnswerPipeline:
        """The answer pipeline, warmed up, open for the life of the container (in the local
        profile only one process may hold the index folder at a time)."""
        from abogado.answers import build_answer_pipeline

        pipeline = build_answer_pipeline(self.settings)
        self._closers.callback(pipeline.close)
        return pipeline

    def open_pipeline(self) -> contextlib.AbstractContextManager[AnswerPipeline]:
        """A pipeline for one bounded use (a CLI command), not warmed up; closed on exit."""
        from abogado.answers import open_answer_pipeline

        return open_answer_pipeline(self.settings)

    def open_retrieval(self) -> contextlib.AbstractContextManager[Retrieval]:
        """The retriever alone (``retrieve``, ``eval``); the index client closes on exit."""
        from abogado.answers import open_retrieval

        return open_retrieval(self.settings)

    @cached_property
    def turn_runner(self) -> TurnRunner:
        from abogado.purchases import build_payment_effects
        from db.unit_of_work import SqlTurnWorks
        from services.answering import PipelineAnswerer
        from services.handoff_effects import HandoffEffects, review_terms
        from services.turns import TurnRunner
        from services.usage import build_model_budget
        from webhooks.auth.accounts import build_account_deleter

        settings = self.settings
        pipeline = self.pipeline
        return TurnRunner(
            work=SqlTurnWorks(self.sessions, public_url=settings.public_url),
            answerer=PipelineAnswerer(pipeline),
            budget=build_model_budget(settings, sessions=self.sessions, pipeline=pipeline),
            clock=self.clock,
            anonymous_questions=settings.bot.anonymous_questions,
            chat_keys=self.storage.inbox.chat_keys,
            accounts=build_account_deleter(settings),
            payments=build_payment_effects(settings, sessions=self.sessions),
            handoffs=HandoffEffects(sessions=self.sessions, terms=review_terms(settings)),
        )

    @cached_property
    def run_turn(self) -> RunTurn:
        if self._run_turn is not None:
            return self._run_turn
        runner = self.turn_runner

        def run(inbound: Inbound) -> Sequence[Reply]:
            return runner.handle(inbound).replies

        return run

    # Channels and sending --------------------------------------------------------------------

    @cached_property
    def channels(self) -> ChannelRegistry:
        """The configured channels, shared by the worker's replies; closed with the container."""
        return configured_channels(self.settings)

    @cached_property
    def processor(self) -> Processor:
        """The worker's processor (turns, then replies through the channels)."""
        from webhooks.worker import Processor

        storage = self.storage
        return Processor(
            inbox=storage.inbox,
            turns=self.run_turn,
            identities=storage.identities,
            outbound=storage.outbound,
            channels=self.channels,
            voice=self.voice,
            groups=self.group_handler,
        )

    @cached_property
    def group_handler(self) -> GroupHandler | None:
        """Telegram groups' answers (None without Telegram); the answer pipeline is built on
        the first group question, and gets no case context."""
        from db.groups import SqlGroups
        from webhooks.groups import GroupHandler
        from webhooks.telegram_channel import TelegramChannel

        telegram = self.channels.get("telegram")
        if not isinstance(telegram, TelegramChannel):
            return None
        options = self.settings.telegram
        return GroupHandler(
            telegram=telegram,
            groups=SqlGroups(self.sessions),
            answer=self.answer_in_group,
            limit=options.group_answer_limit,
            window=timedelta(seconds=options.group_answer_window_s),
        )

    def answer_in_group(self, question: str) -> str:
        """General legal information: the law's answer with no case, form or history."""
        from services.answering import PipelineAnswerer

        return PipelineAnswerer(self.pipeline).answer(question, context={}, history=()).text

    @cached_property
    def voice(self) -> VoiceStep | None:
        """The worker's voice-note step; None when transcription is off (``none``)."""
        from abogado.voice_setup import configured_voice

        return configured_voice(self.settings)

    def broadcast_sender(
        self, *, rates: Mapping[str, float] | None = None, lease: timedelta | None = None
    ) -> BroadcastSender:
        """A sender over fresh channel clients (it closes them when done); ``rates``: messages
        per second by channel name, instead of each channel's own; ``lease``: how long a claimed
        delivery stays claimed."""
        from webhooks.broadcast.groups import GroupBroadcastSender
        from webhooks.broadcast.sender import DEFAULT_LEASE, BroadcastSender

        channels = configured_channels(self.settings)  # clients of its own: it closes them
        broadcasters, pacers = channels.broadcasters(), channels.pacers(rates or {})
        groups = None
        if "telegram" in broadcasters:  # opted-in groups, on the same Telegram pacer
            groups = GroupBroadcastSender(
                sessions=self.sessions, telegram=broadcasters["telegram"], pacer=pacers["telegram"]
            )
        return BroadcastSender(
            sessions=self.sessions,
            broadcasters=broadcasters,
            pacers=pacers,
            lease=lease or DEFAULT_LEASE,
            groups=groups,
        )

    @cached_property
    def reminder_sender(self) -> ReminderSender:
        from webhooks.reminders import ReminderSender

        channels = configured_channels(self.settings)  # clients of its own: it closes them
        return ReminderSender(
            sessions=self.sessions,
            broadcasters=channels.broadcasters(),
            pacers=channels.pacers({}),
            clock=self.clock,
            template_sid=self.settings.twilio.reminder_template_sid,
        )

    @cached_property
    def courier(self) -> Courier:
        """Delivers ``notices`` (lawyers' replies, payments) to the chats."""
        from abogado.handoff_jobs import build_courier

        return build_courier(self.settings, sessions=self.sessions, clock=self.clock)

    @cached_property
    def handoff_sweep(self) -> HandoffSweep:
        from abogado.handoff_jobs import build_sweep

        return build_sweep(self.settings, sessions=self.sessions, refunds=self.refunds)

    @cached_property
    def refunds(self) -> Refunds:
        """Refunds through every provider configured here (the admin page, the SLA sweep)."""
        from abogado.purchases import build_refunds

        return build_refunds(self.settings, sessions=self.sessions)

    # The HTTP app ----------------------------------------------------------------------------

    @cached_property
    def auth_services(self) -> AuthServices:
        from abogado.logins import build_auth_services

        return build_auth_services(self.settings, sessions=self.sessions)

    def admin_services(self, *, send_in_background: bool) -> AdminServices:
        """``send_in_background``: a long-lived process sends confirmed broadcasts itself; a
        Lambda records them as ready for the operator's ``abogado broadcast send``."""
        from abogado.logins import background_sender, build_admin_services

        start = background_sender(self.broadcast_sender) if send_in_background else None
        return build_admin_services(self.settings, sessions=self.sessions, start_sending=start)

    def app_services(
        self, *, enqueue: Enqueue, send_in_background: bool, group_commits: bool = True
    ) -> Services:
        """Everything ``webhooks.app.create_app`` serves: webhooks, login links, admin pages;
        the receiver is built here, once."""
        from abogado.purchases import build_stars
        from abogado.stripe_setup import build_stripe_webhook
        from db.deliveries import SqlDeliveryStatus
        from webhooks.app import Services
        from webhooks.group_commit import GroupCommit
        from webhooks.receive import Receiver

        storage = self.storage
        receiver = Receiver(inbox=storage.inbox, enqueue=enqueue, now=utcnow)
        return Services(
            inbox=storage.inbox,
            enqueue=enqueue,
            receiver=receiver,
            commits=GroupCommit(receiver.store) if group_commits else None,
            group_commit=group_commits,
            outbound=storage.outbound,
            deliveries=SqlDeliveryStatus(self.sessions),
            now=utcnow,
            auth=self.auth_services,
            admin=self.admin_services(send_in_background=send_in_background),
            stars=build_stars(self.settings, sessions=self.sessions),
            stripe=build_stripe_webhook(self.settings, sessions=self.sessions),
            refunds=self.refunds,
        )


def configured_channels(settings: Settings) -> ChannelRegistry:
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
    "Container",
    "RunTurn",
    "Storage",
    "configured_channels",
    "sqs_enqueue",
    "utcnow",
]
