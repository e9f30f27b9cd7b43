"""Every recorded payload kind parses into the Inbound (or status) the conversation expects."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.messages import Inbound
from tests.webhooks import payloads
from webhooks.errors import UnparseableUpdate
from webhooks.parse import (
    ChatStatus,
    Ignored,
    TelegramPeek,
    parse_telegram,
    parse_whatsapp,
    peek_telegram,
    telegram_update_id,
)

NOW = dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("name", "kind", "media", "text"),
    [
        ("text", "text", None, "Me despidieron sin avisarme, ¿qué hago? <b>urgente</b> & pronto"),
        ("command", "command", None, "/start"),
        ("photo", "media", "photo", "Mi recibo de nómina"),
        ("voice", "media", "voice", ""),
        ("sticker", "media", "sticker", ""),
        ("document", "media", "document", "Este es mi contrato"),
        ("location", "media", "location", ""),
        ("contact", "media", "contact", ""),
        ("callback_query", "text", None, "si"),
    ],
)
def test_telegram_kinds(name: str, kind: str, media: str | None, text: str) -> None:
    parsed = parse_telegram(payloads.telegram_bytes(name), received_at=NOW)
    assert isinstance(parsed, Inbound)
    assert (parsed.kind, parsed.media, parsed.text) == (kind, media, text)
    assert parsed.channel == "telegram"
    assert parsed.chat_id == "111222333"
    assert parsed.message_id == str(payloads.telegram(name)["update_id"])
    assert parsed.received_at == NOW


def test_telegram_blocked_and_unblocked() -> None:
    kicked = parse_telegram(payloads.telegram_bytes("my_chat_member_kicked"), received_at=NOW)
    member = parse_telegram(payloads.telegram_bytes("my_chat_member_member"), received_at=NOW)
    assert kicked == ChatStatus("telegram", "111222333", blocked=True)
    assert member == ChatStatus("telegram", "111222333", blocked=False)


@pytest.mark.parametrize("name", ["edited_message", "channel_post"])
def test_telegram_ignored(name: str) -> None:
    assert isinstance(parse_telegram(payloads.telegram_bytes(name), received_at=NOW), Ignored)


@pytest.mark.parametrize(
    "body",
    [
        payloads.telegram_bytes("poison"),
        b"not json",
        b"[1, 2]",
        b'{"update_id": "x"}',
        b"\xff\xfe",
        b'{"update_id": 1, "message": {"message_id": 1, "date": 0}}',
    ],
)
def test_telegram_unparseable(body: bytes) -> None:
    with pytest.raises(UnparseableUpdate):
        parse_telegram(body, received_at=NOW)


@pytest.mark.parametrize(
    ("body", "update_id"),
    [(b'{"update_id": 5}', "5"), (b"nope", None), (b'{"update_id": true}', None), (b"[]", None)],
)
def test_update_id(body: bytes, update_id: str | None) -> None:
    assert telegram_update_id(body) == update_id


def test_group_messages_are_ignored() -> None:
    data = payloads.telegram("text")
    data["message"]["chat"] = {"id": -100, "type": "group", "title": "Sindicato"}
    assert isinstance(parse_telegram(json.dumps(data).encode(), received_at=NOW), Ignored)


@pytest.mark.parametrize(
    ("name", "kind", "media", "text"),
    [
        ("text", "text", None, "Me despidieron sin avisarme, ¿qué hago? <b>urgente</b> & pronto"),
        ("command", "command", None, "/casos"),
        ("image", "media", "photo", "Mi recibo"),
        ("audio", "media", "voice", ""),
        ("sticker", "media", "sticker", ""),
        ("document", "media", "document", ""),
        ("contact", "media", "contact", ""),
        ("location", "media", "location", ""),
        ("button", "text", None, "Sí"),
        ("list_reply", "text", None, "Despido"),
    ],
)
def test_whatsapp_kinds(name: str, kind: str, media: str | None, text: str) -> None:
    form = payloads.twilio(name)
    parsed = parse_whatsapp(form, received_at=NOW)
    assert isinstance(parsed, Inbound)
    assert (parsed.kind, parsed.media, parsed.text) == (kind, media, text)
    assert parsed.chat_id == "+5215512345678"
    assert parsed.message_id == form["MessageSid"]


@pytest.mark.parametrize(
    "form",
    [{}, {"MessageSid": "SM1"}, {"MessageSid": "SM1", "From": "+5215512345678"}],
)
def test_whatsapp_unparseable(form: dict[str, str]) -> None:
    with pytest.raises(UnparseableUpdate):
        parse_whatsapp(form, received_at=NOW)


@pytest.mark.parametrize(
    ("name", "chat"),
    [
        ("text", "111222333"),
        ("callback_query", "111222333"),
        ("my_chat_member_kicked", "111222333"),
        ("photo", "111222333"),
    ],
)
def test_peek_finds_the_chat_without_ptb(name: str, chat: str) -> None:
    peek = peek_telegram(payloads.telegram_bytes(name))
    assert peek == TelegramPeek(str(payloads.telegram(name)["update_id"]), chat)


def test_peek_ignores_what_we_do_not_answer() -> None:
    assert isinstance(peek_telegram(payloads.telegram_bytes("edited_message")), Ignored)
    assert isinstance(peek_telegram(payloads.telegram_bytes("channel_post")), Ignored)
    group = payloads.telegram("text")
    group["message"]["chat"] = {"id": -100, "type": "group", "title": "Sindicato"}
    assert isinstance(peek_telegram(json.dumps(group).encode()), Ignored)
    orphan = {"update_id": 3, "callback_query": {"id": "1", "data": "x"}}
    assert isinstance(peek_telegram(json.dumps(orphan).encode()), Ignored)


@pytest.mark.parametrize(
    "body",
    [
        payloads.telegram_bytes("poison"),
        b"nope",
        b'{"update_id": 1, "message": {"chat": {"id": true}}}',
        b'{"update_id": 1, "message": []}',
        b'{"message": {"chat": {"id": 5, "type": "private"}}}',
    ],
)
def test_peek_refuses_what_has_no_chat(body: bytes) -> None:
    with pytest.raises(UnparseableUpdate):
        peek_telegram(body)
