"""Telegram groups end to end: the real webhook, receiver, queue, worker and group handler,
the fake Bot API (getMe, getChatMember, sendMessage with reply_parameters and topics)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

import pytest

from db.groups import GroupState, SqlGroups
from db.identities import ensure_linked_user
from db.inbound_table import InboundUpdate
from db.models import CaseRow, ChatIdentity
from tests.db.databases import row_count
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.groups.updates import (
    GROUP,
    group_handler,
    group_message,
    membership,
    migrated,
)
from tests.webhooks.rig import Rig

CHAT = str(GROUP)
NOW = datetime(2026, 5, 1, 18, 0, tzinfo=UTC)


def _play(rig: Rig, *updates: dict[str, Any], limit: int = 20) -> None:
    for update in updates:
        assert rig.telegram(update).status_code == 200
    rig.drain(rig.processor(groups=group_handler(rig, limit=limit)))


def _texts(fake: FakeTelegramAPI) -> list[str]:
    return [c.text for c in fake.sent(CHAT)]


def test_a_mention_is_answered_as_a_reply_in_its_topic(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    update = group_message("@abogado_bot ¿cuántos días de vacaciones me tocan?", thread_id=7)
    _play(rig, update)
    [call] = fake_telegram.sent(CHAT)
    assert (
        json.loads(call.params["reply_parameters"])["message_id"]
        == (update["message"]["message_id"])
    )
    assert call.params["message_thread_id"] == "7"
    assert "artículo 47" in call.text
    assert "https://t.me/abogado_bot?start=ayuda" in call.text
    # The question went to the law without the mention and with no case context.
    assert rig.answerer.questions == ["¿cuántos días de vacaciones me tocan?"]
    # Nobody's conversation, identity or case was touched; the update's text is gone.
    assert row_count(rig.storage.sessions, ChatIdentity) == 0
    assert row_count(rig.storage.sessions, CaseRow) == 0
    assert _payloads(rig) == [""]


def test_a_reply_to_the_bot_is_answered_outside_topics_without_a_thread(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    _play(rig, group_message("¿y si no me pagan el aguinaldo?", reply_to_bot=True))
    [call] = fake_telegram.sent(CHAT)
    assert "message_thread_id" not in call.params
    assert rig.answerer.questions == ["¿y si no me pagan el aguinaldo?"]


def test_plain_chatter_is_ignored_and_not_stored(rig: Rig, fake_telegram: FakeTelegramAPI) -> None:
    _play(rig, group_message("ya llegó el delegado, bajen a la junta"))
    assert row_count(rig.storage.sessions, InboundUpdate) == 0
    assert fake_telegram.sent() == []


def test_a_mention_of_someone_else_is_not_answered_and_its_text_not_kept(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    _play(rig, group_message("@juan_perez ¿vienes mañana?"))
    assert fake_telegram.sent() == []
    assert rig.answerer.questions == []
    assert _payloads(rig) == [""]  # stored for the worker to decide, emptied once decided


def test_casos_in_a_group_gets_a_deep_link_to_the_private_chat(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    _play(rig, group_message("/casos@abogado_bot"), group_message("/borrar"))
    casos, borrar = _texts(fake_telegram)
    assert "https://t.me/abogado_bot?start=casos" in casos
    assert "https://t.me/abogado_bot?start=borrar" in borrar
    assert row_count(rig.storage.sessions, ChatIdentity) == 0
    assert rig.answerer.questions == []


def test_another_bots_command_is_left_alone(rig: Rig, fake_telegram: FakeTelegramAPI) -> None:
    _play(rig, group_message("/ayuda@otro_bot"))
    assert fake_telegram.sent() == []


def test_only_admins_silence_and_activate(rig: Rig, fake_telegram: FakeTelegramAPI) -> None:
    groups = SqlGroups(rig.storage.sessions)
    fake_telegram.make_admin(CHAT, 7, "creator")
    _play(rig, group_message("/silencio", user_id=42))
    assert "Solo quienes administran" in _texts(fake_telegram)[-1]
    assert groups.state(CHAT) == GroupState(CHAT)  # not silenced
    _play(rig, group_message("/silencio", user_id=7))
    assert "me quedo callado" in _texts(fake_telegram)[-1]
    sent = len(fake_telegram.sent(CHAT))
    _play(rig, group_message("@abogado_bot ¿me pueden correr?"), group_message("/ayuda"))
    assert len(fake_telegram.sent(CHAT)) == sent  # silenced: nothing
    _play(rig, group_message("/activar", user_id=42))
    assert "Solo quienes administran" in _texts(fake_telegram)[-1]
    _play(rig, group_message("/activar", as_group=True))  # an anonymous admin
    assert "Aquí estoy de nuevo" in _texts(fake_telegram)[-1]
    _play(rig, group_message("@abogado_bot ¿me pueden correr?"))
    assert "artículo 47" in _texts(fake_telegram)[-1]
    checked = [c for c in fake_telegram.calls if c.method == "getChatMember"]
    assert {c.params["user_id"] for c in checked} == {"42", "7"}


def test_the_bot_removed_sends_nothing_more(rig: Rig, fake_telegram: FakeTelegramAPI) -> None:
    _play(rig, membership("member"))
    assert SqlGroups(rig.storage.sessions).state(CHAT) == GroupState(CHAT)
    _play(rig, membership("kicked"), group_message("@abogado_bot hola, ¿sigues?"))
    assert fake_telegram.sent() == []
    _play(rig, membership("administrator"), group_message("@abogado_bot ¿sigues?"))
    assert len(fake_telegram.sent(CHAT)) == 1


def test_a_group_that_refuses_the_bot_is_marked_left(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    fake_telegram.block_chat(CHAT)  # 403: kicked, and the my_chat_member update was lost
    _play(rig, group_message("@abogado_bot ¿y el reparto de utilidades?"))
    assert SqlGroups(rig.storage.sessions).state(CHAT) == GroupState(CHAT, present=False)
    _play(rig, group_message("@abogado_bot ¿hola?"))
    assert len(fake_telegram.sent(CHAT)) == 1  # the refused one only


def test_the_per_group_limit_says_so_once_then_waits(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    questions = [group_message(f"@abogado_bot pregunta {n}") for n in range(5)]
    _play(rig, *questions, limit=2)
    texts = _texts(fake_telegram)
    assert len(texts) == 3
    assert all("artículo 47" in t for t in texts[:2])
    assert "denme unos minutos" in texts[2]
    assert len(rig.answerer.questions) == 2


def test_commands_and_refusals_count_against_the_limit_an_admins_switch_does_not(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    fake_telegram.make_admin(CHAT, 7)
    flood = [group_message("/ayuda"), group_message("/silencio"), group_message("/casos")]
    _play(rig, *flood, group_message("/ayuda"), group_message("/avisos", user_id=7), limit=2)
    texts = _texts(fake_telegram)
    assert len(texts) == 4
    assert "no veo ni guardo casos" in texts[0]
    assert "Solo quienes administran" in texts[1]
    assert "denme unos minutos" in texts[2]
    assert "mandaré a este grupo los avisos" in texts[3]


def test_supergroup_migration_keeps_the_switches(rig: Rig, fake_telegram: FakeTelegramAPI) -> None:
    old = -4242
    fake_telegram.make_admin(str(old), 7)
    _play(rig, membership("member", chat_id=old), group_message("/avisos", user_id=7, chat_id=old))
    _play(rig, migrated(old, GROUP))
    groups = SqlGroups(rig.storage.sessions)
    assert groups.state(CHAT) == GroupState(CHAT, broadcasts=True)
    assert groups.state(str(old)) == GroupState(
        str(old), broadcasts=True, present=False, migrated_to=CHAT
    )
    assert groups.opted_in() == [CHAT]


def _payloads(rig: Rig) -> list[str | None]:
    from sqlalchemy import select

    with rig.storage.sessions() as session:
        return list(session.scalars(select(InboundUpdate.payload)))


def test_group_messages_never_reach_the_logs(
    rig: Rig, fake_telegram: FakeTelegramAPI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake_telegram.fail_next("sendMessage", status=400, description="Bad Request: chat not found")
    _play(rig, group_message("@abogado_bot soy Rosa Pérez, me deben 12 mil"))
    _play(rig, group_message("@abogado_bot soy Rosa Pérez, me deben 12 mil, ¿qué hago?"))
    assert len(fake_telegram.sent(CHAT)) == 2
    assert "Rosa" not in caplog.text
    assert "12 mil" not in caplog.text


def test_a_missed_migration_is_learnt_from_the_refused_send(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    old = -4343
    fake_telegram.migrated[str(old)] = GROUP  # the notice never reached us
    _play(rig, group_message("@abogado_bot ¿cuándo pagan el aguinaldo?", chat_id=old))
    [refused] = fake_telegram.sent(str(old))
    assert refused.status == 400
    [answer] = fake_telegram.delivered(CHAT)
    assert "artículo 47" in answer.text
    groups = SqlGroups(rig.storage.sessions)
    assert groups.state(CHAT) == GroupState(CHAT)
    assert groups.state(str(old)) == GroupState(str(old), present=False, migrated_to=CHAT)


def test_the_deep_link_opens_the_private_chat_at_the_right_place(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    with rig.storage.sessions.begin() as session:
        ensure_linked_user(
            session, channel="telegram", chat_id="777", sub="s-1", username="rosa", now=NOW
        )
    update = group_message("/start casos", chat_id=777)
    update["message"]["chat"] = {"id": 777, "type": "private", "first_name": "Rosa"}
    _play(rig, update)
    said = "\n".join(c.text for c in fake_telegram.sent("777"))
    assert "Todavía no tienes casos" in said  # /casos, not the form a plain /start opens
    assert "Vamos a armar tu caso" not in said


def test_an_admin_check_telegram_refuses_is_a_kind_no(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    fake_telegram.fail_next("getChatMember", status=400, description="Bad Request: user not found")
    _play(rig, group_message("/silencio", user_id=99))
    assert "Solo quienes administran" in _texts(fake_telegram)[-1]
    assert len([c for c in fake_telegram.calls if c.method == "getChatMember"]) == 1
