"""The model (answerer) fails or hangs mid-turn: the message stays queued for retry, then is
answered once; a model that reports itself unavailable gets the kind reply at once."""

from __future__ import annotations

import asyncio
import threading
from datetime import timedelta

from bot import wording
from bot.errors import AnswerUnavailable
from tests.chaos.rig import ChaosRig
from webhooks.worker import LEASE, backoff


def test_a_model_error_leaves_the_message_queued_then_answered_once(chaos: ChaosRig) -> None:
    def explode() -> None:
        raise RuntimeError("model endpoint returned garbage")

    chaos.answerer.hooks.extend([explode, explode])
    assert chaos.telegram_question(1, 801) == 200
    assert chaos.telegram_question(2, 802) == 200
    worker = chaos.worker()
    chaos.drain(worker)
    # both turns failed: nothing sent, both queued again with the reason
    assert chaos.telegram_api.delivered() == []
    assert chaos.inbox.counts() == {"queued": 2}
    chaos.clock.advance(backoff(1) + 0.01)
    chaos.drain(worker)
    assert chaos.inbox.counts() == {"done": 2}
    chaos.assert_answered_once([801, 802])


def test_a_model_that_is_unavailable_gets_the_kind_reply_once(chaos: ChaosRig) -> None:
    def unavailable() -> None:
        raise AnswerUnavailable("ThrottlingException")

    chaos.answerer.hooks.append(unavailable)
    assert chaos.telegram_question(1, 811) == 200
    chaos.settle(chaos.worker())
    assert chaos.inbox.counts() == {"done": 1}
    texts = chaos.telegram_texts(811)
    assert sum(wording.ANSWER_FAILED[:40] in t for t in texts) == 1
    assert len(texts) == len(set(texts))


def test_a_hung_model_is_abandoned_retried_and_answered_once(chaos: ChaosRig) -> None:
    hung = threading.Event()

    def hang() -> None:
        hung.wait(30)

    chaos.answerer.hooks.append(hang)
    assert chaos.telegram_question(1, 821) == 200
    worker = chaos.worker(chaos.processor(turn_timeout_s=2.0))

    async def scenario() -> None:
        await asyncio.wait_for(worker.drain(), timeout=10)
        # the turn is given up before its lease ends: queued again, nothing sent
        assert chaos.inbox.counts() == {"queued": 1}
        assert chaos.telegram_api.delivered() == []
        # past the backoff and even the first claim's lease: the retry answers
        chaos.clock.value += LEASE + timedelta(seconds=1)
        await asyncio.wait_for(worker.drain(), timeout=10)
        assert chaos.inbox.counts() == {"done": 1}
        # the hung call returns at last; its abandoned turn must not send anything
        hung.set()
        for _ in range(200):
            if chaos.answerer.returned == 2:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)
        await asyncio.wait_for(worker.drain(), timeout=10)

    asyncio.run(scenario())
    assert chaos.answerer.calls == 2
    assert chaos.inbox.counts() == {"done": 1}
    chaos.assert_answered_once([821])
