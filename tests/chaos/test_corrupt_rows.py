"""A queued row whose stored update is garbage is dead-lettered with a reason; the rest flow."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from db.inbound_table import InboundUpdate
from tests.chaos.rig import ChaosRig

GARBAGE: dict[str, tuple[str, str]] = {
    "not json": ("telegram", "{{{ no es json"),
    "json null": ("telegram", "null"),
    "json list": ("telegram", "[1, 2, 3]"),
    "json string": ("telegram", '"hola"'),
    "message is a string": ("telegram", '{"update_id": 5, "message": "hola"}'),
    "chat is a list": (
        "telegram",
        '{"update_id": 5, "message": {"message_id": 1, "date": 0, "chat": [], "text": "x"}}',
    ),
    "update id is text": ("telegram", '{"update_id": "x", "message": {"text": 1}}'),
    "deep nesting": ("telegram", '{"update_id": 5, "message": ' + "[" * 5000 + "]" * 5000 + "}"),
    "empty": ("telegram", ""),
    "whatsapp empty form": ("whatsapp", ""),
    "whatsapp no sender": ("whatsapp", "Body=hola&MessageSid=SM1"),
    "whatsapp garbage": ("whatsapp", "%%%&&&==="),
    "unknown channel": ("signal", '{"update_id": 5}'),
}


@pytest.mark.parametrize("name", sorted(GARBAGE))
def test_a_corrupted_row_is_dead_lettered_and_the_others_answered(
    chaos: ChaosRig, name: str
) -> None:
    channel, payload = GARBAGE[name]
    # Three chats' questions; the middle one's stored row is then corrupted in place.
    for update_id, chat in ((1, 501), (2, 502), (3, 503)):
        assert chaos.telegram_question(update_id, chat) == 200
    with chaos.rig.storage.sessions.begin() as session:
        session.execute(
            update(InboundUpdate)
            .where(InboundUpdate.platform_id == "2")
            .values(channel=channel, payload=payload)
        )
    worker = chaos.worker()
    chaos.settle(worker)
    assert chaos.inbox.counts() == {"done": 2, "dead": 1}
    [(_channel, platform_id, reason)] = chaos.inbox.dead_letters()
    assert platform_id == "2"
    assert reason  # why it was given up is recorded
    chaos.assert_answered_once([501, 503])
