"""Composition root for answers: the retriever, the chat model and the pipeline, from settings.

The CLI, the conversation and the webhooks all get their ``AnswerPipeline`` from here. SDKs and
models are imported lazily, inside the functions.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from calc.mexico_time import today_in_mexico
from services.errors import AbogadoError

if TYPE_CHECKING:
    from rag.answer import AnswerPipeline
    from rag.ports import ChatModel, Embedder, Retrieval
    from services.settings import Settings


def build_chat_model(settings: Settings) -> ChatModel | None:
    """The configured chat model; ``None`` for the extractive (model-free) answerer."""
    from rag.backends.registry import make_chat_model

    backend = settings.answer_backend
    if backend == "bedrock":
        return make_chat_model(
            backend, region=settings.bedrock.region, model_id=settings.bedrock.chat_model
        )
    if backend == "openai":
        answer = settings.answer
        if not answer.openai_base_url or not answer.openai_model:
            raise AbogadoError(
                "the openai answer backend needs ABOGADO_ANSWER__OPENAI_BASE_URL and "
                "ABOGADO_ANSWER__OPENAI_MODEL"
            )
        key = answer.openai_api_key.get_secret_value() if answer.openai_api_key else None
        return make_chat_model(
            backend, base_url=answer.openai_base_url, model=answer.openai_model, api_key=key
        )
    return make_chat_model(backend)


def embedder_for(settings: Settings) -> Embedder:
    """The embedder the settings name, configured the same way for indexing and for queries."""
    from rag.backends.registry import make_embedder

    if settings.embedding_backend == "titan":
        return make_embedder(
            "titan", region=settings.bedrock.region, model_id=settings.bedrock.embed_model
        )
    return make_embedder(settings.embedding_backend)


@contextlib.contextmanager
def open_retrieval(settings: Settings) -> Iterator[Retrieval]:
    """The hybrid retriever over the live law index; the index client closes on exit."""
    from rag.backends.qdrant_index import QdrantVectorIndex
    from rag.backends.registry import open_qdrant
    from rag.errors import RagError
    from rag.query import ExpansionTable
    from rag.retrieve import Retriever
    from rag.sparse import SpanishBM25

    api_key = settings.qdrant.api_key.get_secret_value() if settings.qdrant.api_key else None
    try:
        client = open_qdrant(settings.qdrant.url, api_key, settings.qdrant_path)
    except RagError as exc:
        raise AbogadoError(str(exc)) from exc
    try:
        embedder = embedder_for(settings)
        sparse = SpanishBM25()
        index = QdrantVectorIndex(
            client, alias=settings.qdrant.collection, embedder=embedder, sparse=sparse
        )
        if index.live_collection() is None:
            raise AbogadoError("the law index is missing: run `abogado ingest` first")
        yield Retriever(
            index, embedder=embedder, sparse=sparse, expansions=ExpansionTable.default()
        )
    finally:
        client.close()


def _expanders() -> tuple[Callable[[str], list[str]], Callable[[str], list[str]]]:
    """The slang table's expansions, and those of its pair rows (precise enough to rank rules)."""
    from rag.query import ExpansionTable

    table = ExpansionTable.default()
    return table.expand, table.pairs


def make_pipeline(
    settings: Settings, retrieval: Retrieval, *, model: ChatModel | None = None
) -> AnswerPipeline:
    """A pipeline over ``retrieval`` with the configured model (or the one given)."""
    from rag.answer import AnswerPipeline

    chosen = model if model is not None else build_chat_model(settings)
    expand, pairs = _expanders()
    return AnswerPipeline(retrieval, chosen, today=today_in_mexico, expand=expand, pairs=pairs)


@contextlib.contextmanager
def open_answer_pipeline(settings: Settings) -> Iterator[AnswerPipeline]:
    """``build_answer_pipeline`` for a bounded use (one CLI command): closes the index after."""
    with open_retrieval(settings) as retrieval:
        yield make_pipeline(settings, retrieval)


def _warm_up(retrieval: Retrieval) -> None:
    """Load the in-process catalog, speller, embedding model, transitorios, plain-language rules
    and their vectors now, not on a worker's question."""
    from rag.retrieve import Retriever
    from rag.rule_index import default_rule_index

    default_rule_index()

    if isinstance(retrieval, Retriever):
        retrieval.catalog()
        retrieval.speller()
        # The index's transitorios are read once, on the first question that needs them.
        retrieval.transitorios(retrieval.retrieve("vacaciones", k=1))
        retrieval.rule_meaning("vacaciones")  # the rules' vectors, read once per process


def build_answer_pipeline(settings: Settings) -> AnswerPipeline:
    """The answer pipeline for a long-lived process (chat, worker, webhooks).

    The index client stays open for the life of the process; in local mode only one process
    may hold the index folder at a time.
    """
    with contextlib.ExitStack() as stack:
        retrieval = stack.enter_context(open_retrieval(settings))
        _warm_up(retrieval)
        pipeline = make_pipeline(settings, retrieval)
        pipeline.on_close(stack.pop_all().close)
    return pipeline
