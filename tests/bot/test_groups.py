"""bot/groups.py: what the bot says in a Telegram group, and the private /start deep links."""

from __future__ import annotations

import pytest

from bot.commands import Command, parse_command
from bot.groups import (
    PAYLOAD,
    PRIVATE_PAYLOADS,
    START_PAYLOADS,
    Admin,
    Answer,
    Nothing,
    Say,
    decide,
    deep_link,
    without_mention,
)
from tests.bot.driver import Driver, linked_with_case, text

BOT = "abogado_bot"


def _decide(message: str, *, silenced: bool = False) -> object:
    return decide(message, bot_username=BOT, silenced=silenced)


def test_a_mention_is_a_general_question_with_a_private_link_footer() -> None:
    action = _decide("@abogado_bot ¿cuántos días de vacaciones me tocan?")
    assert isinstance(action, Answer)
    assert action.question == "¿cuántos días de vacaciones me tocan?"
    assert "https://t.me/abogado_bot?start=ayuda" in action.footer


@pytest.mark.parametrize("command", sorted(PRIVATE_PAYLOADS))
def test_personal_commands_answer_with_a_deep_link_never_the_case(command: str) -> None:
    action = _decide(f"/{command}@abogado_bot")
    assert isinstance(action, Say)
    assert f"https://t.me/abogado_bot?start={PRIVATE_PAYLOADS[command]}" in action.text
    assert "privado" in action.text


def test_casos_opens_the_private_casos() -> None:
    action = _decide("/casos")
    assert isinstance(action, Say)
    assert action.text.endswith("https://t.me/abogado_bot?start=casos")


def test_another_bots_command_is_not_ours() -> None:
    assert isinstance(_decide("/ayuda@otro_bot"), Nothing)


@pytest.mark.parametrize(
    ("message", "action"),
    [
        ("/silencio", "silence"),
        ("/activar@abogado_bot", "activate"),
        ("/avisos", "broadcasts_on"),
        ("/avisos sí", "broadcasts_on"),
        ("/avisos no", "broadcasts_off"),
        ("/avisos Apagar", "broadcasts_off"),
    ],
)
def test_admin_commands(message: str, action: str) -> None:
    decided = _decide(message)
    assert isinstance(decided, Admin)
    assert decided.action == action


def test_a_silenced_group_gets_nothing_but_admin_commands() -> None:
    assert isinstance(_decide("@abogado_bot ¿me pueden correr?", silenced=True), Nothing)
    assert isinstance(_decide("/ayuda", silenced=True), Nothing)
    assert isinstance(_decide("/activar", silenced=True), Admin)


def test_empty_mention_long_text_and_memory() -> None:
    hello = _decide("@abogado_bot")
    assert isinstance(hello, Say)
    assert "@abogado_bot" in hello.text
    long = _decide("@abogado_bot " + "a" * 1200)
    assert isinstance(long, Say)
    assert "corta" in long.text
    more = _decide("/ley")
    assert isinstance(more, Say)
    assert "completa" in more.text


def test_pregunta_command_and_help() -> None:
    asked = _decide("/pregunta ¿qué es el aguinaldo?")
    assert isinstance(asked, Answer)
    assert asked.question == "¿qué es el aguinaldo?"
    helped = _decide("/start")
    assert isinstance(helped, Say)
    assert "no veo ni guardo casos" in helped.text


def test_without_mention_any_case_anywhere() -> None:
    assert without_mention("Oye @Abogado_Bot, ¿y el aguinaldo?", BOT) == "Oye , ¿y el aguinaldo?"
    assert without_mention("@abogado_bot: hola", BOT) == "hola"
    assert without_mention("@abogado_botnot hola", BOT) == "@abogado_botnot hola"


def test_deep_link_payload_rules() -> None:
    assert all(PAYLOAD.fullmatch(p) for p in START_PAYLOADS)
    with pytest.raises(ValueError, match="payload"):
        deep_link(BOT, "mis datos")
    with pytest.raises(ValueError, match="payload"):
        deep_link(BOT, "x" * 65)


@pytest.mark.parametrize("payload", sorted(START_PAYLOADS))
def test_private_start_with_a_group_payload_runs_that_command(payload: str) -> None:
    assert parse_command(text(f"/start {payload}")) == Command(payload)


def test_private_start_with_another_payload_is_start() -> None:
    assert parse_command(text("/start hola")) == Command("start", "hola")


def test_a_deep_link_opens_the_linked_persons_cases() -> None:
    driver = Driver(linked_with_case())
    turn = driver.send("/start casos")
    assert "Tus casos" in turn.text


def test_a_question_about_the_askers_own_case_leads_with_the_private_chat() -> None:
    action = _decide("@abogado_bot me corrieron ayer, ganaba 9 mil, ¿cuánto me toca?")
    assert isinstance(action, Answer)
    assert action.lead.endswith("https://t.me/abogado_bot?start=calcular")
    assert "no compartas tu sueldo" in action.lead
    rendered = action.render("Según el Art. 48…")
    assert rendered.startswith("Te contesto en general.")
    assert rendered.index("Art. 48") < rendered.index("¿Es tu caso?")


def test_a_general_question_has_no_lead() -> None:
    action = _decide("@abogado_bot ¿cuántos días de vacaciones nos tocan?")
    assert isinstance(action, Answer)
    assert action.lead == ""
    assert action.render("Art. 76").startswith("Art. 76")
