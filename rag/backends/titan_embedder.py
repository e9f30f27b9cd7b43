"""Dense embeddings with Amazon Titan Text Embeddings v2 on Bedrock (the aws profile's).

The bedrock-runtime client is injected; this module never creates clients or reads settings.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from rag.errors import EmbeddingError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mypy_boto3_bedrock_runtime import BedrockRuntimeClient

MODEL_ID = "amazon.titan-embed-text-v2:0"
DIMENSIONS = (256, 512, 1024)


class TitanEmbedder:
    """One ``InvokeModel`` call per text (Titan v2 embeds a single input per request).

    Titan v2 has no query/passage distinction, so both sides embed the plain text. Vectors are
    normalized by the service (``normalize: true``) for cosine search.
    """

    def __init__(
        self,
        client: BedrockRuntimeClient,
        *,
        model_id: str = MODEL_ID,
        dim: int = 1024,
        normalize: bool = True,
    ) -> None:
        if dim not in DIMENSIONS:
            raise ValueError(f"Titan v2 dimensions must be one of {DIMENSIONS}, not {dim}")
        self._client = client
        self.model_id = model_id
        self.dim = dim
        self.normalize = normalize
        self.name = f"titan-{model_id}-{dim}"

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        return [self._embed(text) for text in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._embed(text)

    def _embed(self, text: str) -> list[float]:
        from botocore.exceptions import BotoCoreError, ClientError

        body = json.dumps({"inputText": text, "dimensions": self.dim, "normalize": self.normalize})
        try:
            response = self._client.invoke_model(
                modelId=self.model_id,
                body=body,
                contentType="application/json",
                accept="application/json",
            )
            payload = json.loads(response["body"].read())
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "unknown")
            raise EmbeddingError(f"Bedrock {self.model_id} refused the request: {code}") from exc
        except BotoCoreError as exc:
            raise EmbeddingError(f"Bedrock {self.model_id} is unreachable: {exc}") from exc
        except ValueError as exc:
            raise EmbeddingError(f"Bedrock {self.model_id} returned invalid JSON") from exc
        vector = payload.get("embedding") if isinstance(payload, dict) else None
        if not isinstance(vector, list) or len(vector) != self.dim:
            raise EmbeddingError(f"Bedrock {self.model_id} returned no {self.dim}-float embedding")
        return [float(x) for x in vector]
