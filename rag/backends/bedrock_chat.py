"""``BedrockChatModel``: a chat model on Amazon Bedrock through the Converse API (Mixtral 8x7B).

One call, no retries here: the answer pipeline retries throttling (one retry layer only), so
the client should be built with botocore retries off (``max_attempts=1``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    ReadTimeoutError,
)

from rag.errors import ModelThrottledError, ModelUnavailableError

if TYPE_CHECKING:
    from mypy_boto3_bedrock_runtime import BedrockRuntimeClient

DEFAULT_MODEL_ID = "mistral.mixtral-8x7b-instruct-v0:1"
# Failures worth retrying. Compared case-insensitively: ConverseStream reports
# "throttlingException" with a lowercase t.
TRANSIENT_CODES = frozenset(
    code.lower()
    for code in (
        "ThrottlingException",
        "ServiceUnavailableException",
        "ModelNotReadyException",
        "ModelTimeoutException",
        "InternalServerException",
        "TooManyRequestsException",
    )
)

# Timeouts and dropped connections: transient from where we stand.
_TRANSIENT_TRANSPORT = (
    ConnectTimeoutError,
    ReadTimeoutError,
    EndpointConnectionError,
    ConnectionClosedError,
)


def supports_system_prompt(model_id: str) -> bool:
    """Whether Converse accepts a ``system`` block for this model.

    AWS's "supported models and model features" table lists Mistral AI Instruct models
    (Mistral 7B Instruct, Mixtral 8x7B Instruct) without system prompts: their chat template has
    no system role, and Converse rejects the field with a ValidationException. For those we fold
    the system prompt into the first user turn instead.
    """
    model = model_id.lower()
    return not (model.startswith("mistral.") and "instruct" in model)


def _alternate(messages: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Converse wants user/assistant turns alternating and starting with the user."""
    turns: list[tuple[str, str]] = []
    for role, text in messages:
        role = "assistant" if role == "assistant" else "user"
        if turns and turns[-1][0] == role:
            turns[-1] = (role, f"{turns[-1][1]}\n\n{text}")
        else:
            turns.append((role, text))
    if turns and turns[0][0] != "user":
        turns.insert(0, ("user", "(inicio de la conversación)"))
    return turns


class BedrockChatModel:
    """``ChatModel`` over ``bedrock-runtime`` Converse; errors become ``ModelUnavailableError``."""

    def __init__(
        self,
        client: BedrockRuntimeClient,
        *,
        model_id: str = DEFAULT_MODEL_ID,
        max_tokens: int = 800,
        temperature: float = 0.2,
    ) -> None:
        self.client = client
        self.model_id = model_id
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.name = f"bedrock:{model_id}"

    def build_request(self, *, system: str, messages: Sequence[tuple[str, str]]) -> dict[str, Any]:
        """The Converse arguments for one call (exposed for tests and debugging)."""
        turns = _alternate(messages)
        request: dict[str, Any] = {
            "modelId": self.model_id,
            "inferenceConfig": {"maxTokens": self.max_tokens, "temperature": self.temperature},
        }
        if supports_system_prompt(self.model_id):
            request["system"] = [{"text": system}]
        elif turns:
            role, first = turns[0]
            turns[0] = (role, f"{system}\n\n{first}")
        request["messages"] = [{"role": r, "content": [{"text": t}]} for r, t in turns]
        return request

    def complete(self, *, system: str, messages: Sequence[tuple[str, str]]) -> str:
        request = self.build_request(system=system, messages=messages)
        try:
            response = self.client.converse(**request)
        except ClientError as exc:
            code = str(exc.response.get("Error", {}).get("Code", "Unknown"))
            if code.lower() in TRANSIENT_CODES:
                raise ModelThrottledError(f"bedrock: {code}") from exc
            raise ModelUnavailableError(f"bedrock: {code}") from exc
        except _TRANSIENT_TRANSPORT as exc:
            raise ModelThrottledError(f"bedrock: {type(exc).__name__}") from exc
        except BotoCoreError as exc:
            # Missing credentials, bad configuration: retrying will not help.
            raise ModelUnavailableError(f"bedrock: {type(exc).__name__}") from exc
        content = response.get("output", {}).get("message", {}).get("content", [])
        text = "".join(str(block.get("text", "")) for block in content).strip()
        if not text:
            raise ModelUnavailableError(f"bedrock: empty answer ({response.get('stopReason')})")
        return text
