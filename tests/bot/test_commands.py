"""Commands with a slash everywhere, bare words on WhatsApp, opt-out words on every channel."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.commands import NAMES, Command, parse_command
from bot.messages import Channel, Inbound
from tests.bot.driver import Driver, linked_with_case

NOW = datetime(2026, 11, 26, tzinfo=UTC)


def _msg(text: str, channel: Channel = "telegram") -> Inbound:
    return Inbound.from_text(
        channel=channel, chat_id="1", message_id="1", text=text, received_at=NOW
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/ayuda", Command("ayuda")),
        ("/start", Command("start")),
        ("/help", Command("ayuda")),
        ("/caso 2", Command("caso", "2")),
        ("/ayuda@abogado_mx_bot", Command("ayuda")),
        ("/mis_datos", Command("mis_datos")),
        ("/BORRAR", Command("borrar")),
        ("/volar", Command("unknown")),
        ("/baja", Command("baja")),
        ("BAJA", Command("baja")),
        ("stop", Command("baja")),
        ("ALTA", Command("alta")),
        ("ayuda", Command("ayuda")),  # bare command words work on every channel
        ("Menu", Command("ayuda")),
        ("mis datos", Command("mis_datos")),
        ("calcular", Command("calcular")),
        ("ayuda con mi finiquito", None),
        ("¿me pueden despedir?", None),
    ],
)
def test_telegram(text: str, expected: Command | None) -> None:
    assert parse_command(_msg(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ayuda", Command("ayuda")),
        ("Ayuda.", Command("ayuda")),
        ("menú", Command("ayuda")),
        ("casos", Command("casos")),
        ("caso 3", Command("caso", "3")),
        ("mis datos", Command("mis_datos")),
        ("borrar", Command("borrar")),
        ("START", Command("alta")),
        ("/nuevo", Command("nuevo")),
        ("ayuda con mi finiquito por favor", None),
        ("me despidieron", None),
    ],
)
def test_words_without_slash(text: str, expected: Command | None) -> None:
    assert parse_command(_msg(text, "whatsapp")) == expected


def test_media_is_never_a_command() -> None:
    media = Inbound.from_media(
        channel="whatsapp",
        chat_id="1",
        message_id="1",
        media="photo",
        received_at=NOW,
        caption="borrar",
    )
    assert parse_command(media) is None


@pytest.mark.parametrize("name", NAMES)
def test_every_command_name_has_its_own_handler(name: str) -> None:
    # A name without a branch in bot.machine used to fall through to closing the case.
    turn = Driver(linked_with_case()).send(f"/{name}")
    closed = any("Cerré tu caso" in r.as_text() for r in turn.replies)
    assert closed == (name == "cerrar")
